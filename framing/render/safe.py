"""One output layer for untrusted text: one function per format, applied to every string that came from
outside (article text, file names, lexicon and actors data, corpus fields) before it is written.

* `terminal`: control and escape characters made visible (ESC becomes the four characters ``\\x1b``), so
  an article cannot clear the screen, set the window title or plant an OSC 8 hyperlink; bidirectional
  overrides and lone surrogates are shown the same way.
* `markdown`: link, image, HTML and table syntax escaped, so a file name such as ``[x](javascript:...)``
  or an explanation with ``![](https://...)`` stays text; control characters as for the terminal.
* `csv_cell`: a cell that starts with ``= + - @``, a tab or a carriage return gets a leading ``'``
  (OWASP's advice against formula injection); numbers are left as numbers.
* `html`: `html.escape` with quotes (the HTML reports escape every field with it).

`SafeConsole` is a rich `Console` whose `print` passes every `Text` and `str` through `terminal`, keeping
styles, so a renderer only has to build its console with it.
"""

from __future__ import annotations

import html as _html
import re
from typing import Any

from rich.console import Console
from rich.text import Text

# C0 controls except tab and line feed, DEL, C1 controls (0x9b is a one-byte CSI), bidirectional
# embeddings, overrides and isolates, line and paragraph separators, and lone surrogates.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_LINE_BREAKS = re.compile("[\n\r]")
# Markdown: backslash, emphasis, code, tables and link or image brackets are backslash-escaped; angle
# brackets (raw HTML and autolinks) become entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str, *, newlines: bool = True) -> str:
    """`text` with every control or escape character shown as a Python-style escape (``\\x1b``).

    With `newlines=False` (file names, one-line fields) line breaks are shown as ``\\n`` too.
    """
    text = _TERMINAL_UNSAFE.sub(_visible, text)
    return text if newlines else _LINE_BREAKS.sub(lambda m: "\\n" if m.group() == "\n" else "\\r", text)


def markdown(text: str) -> str:
    """Text made inert for Markdown (a table cell or running text): no links, images, HTML or line breaks."""
    text = _LINE_BREAKS.sub(" ", terminal(text))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula; numbers and other non-strings unchanged."""
    if isinstance(value, str):
        value = terminal(value, newlines=True)
        if value.startswith(_CSV_TRIGGERS):
            return "'" + value
    return value


def html(text: str) -> str:
    """Text for HTML element content or a quoted attribute."""
    return _html.escape(str(text), quote=True)


def terminal_text(text: Text) -> Text:
    """A rich `Text` with its unsafe characters made visible, each keeping the style it had."""
    plain = text.plain
    if not _TERMINAL_UNSAFE.search(plain):
        return text
    out = Text(style=text.style, justify=text.justify, no_wrap=text.no_wrap, end=text.end)
    last = 0
    for match in _TERMINAL_UNSAFE.finditer(plain):
        out.append_text(text[last : match.start()])
        styled = text[match.start() : match.end()]
        out.append_text(Text(_visible(match), style=styled.spans[0].style if styled.spans else ""))
        last = match.end()
    out.append_text(text[last:])
    return out


class SafeConsole(Console):
    """A rich console that never writes an untrusted control character: see `terminal`."""

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override, unused-ignore]
        cleaned = [terminal_text(o) if isinstance(o, Text) else terminal(o) if isinstance(o, str) else o
                   for o in objects]
        super().print(*cleaned, **kwargs)
