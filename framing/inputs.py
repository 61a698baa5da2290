"""Reads documents from paths and standard input; the only place besides the CLI that touches files.

Every problem with one input becomes an `InputError` in the stream, so one bad file never costs the
others: the caller reports it and goes on. Guarded here: URLs (a hint to save the page), FIFOs, devices
and sockets (never opened: the file type is checked first), unreadable files and folders, over-long
names and symlink loops, PDFs and office files (a hint to convert them), UTF-8/16/32 byte-order marks,
framing's own reports in a folder (skipped), and deeply nested HTML (read without recursion).
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from framing.errors import InputError
from framing.messages import decoded_note, html_note

# The default --max-mb: with the default (spaCy) engine one file costs about 260 MiB + 324 MiB per MB of
# text at peak (the fast engine 169 + 169; scripts/benchmark_limits.py, docs/benchmarks.md), so 5 MB
# keeps one document within 2 GB.
DEFAULT_MAX_MB = 5.0
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
STDIN = "-"
_BINARY_SAMPLE = 8192
# Elements whose text is not part of the article a reader sees.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head", "nav", "header", "footer", "aside",
              "form", "button", "iframe", "object", "canvas")
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre", "tr", "div",
           "section", "article", "br", "dd", "dt", "td", "th", "caption", "title")


@dataclass(frozen=True, slots=True)
class Input:
    """A readable document: its display name, its text, and notes on how it was read."""

    name: str
    text: str
    notes: tuple[str, ...] = ()
    framing_report: bool = False  # one of framing's own Markdown or HTML reports


_URL = re.compile(r"^(?:https?|ftp)://|^www\.", re.IGNORECASE)
# The first lines of framing's own Markdown and HTML reports: a folder run skips them.
_OWN_REPORT = re.compile(
    r"\A\s*(?:# Framing (?:report|comparison)\s*$|<!doctype html>.{0,1500}?<title>Framing "
    r"(?:report|comparison)\b)",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)
# Binary formats people pass by mistake, by their first bytes, with what to do instead.
_CONVERT = (
    (b"%PDF-", "a PDF; convert it to text first (e.g. `pdftotext FILE.pdf FILE.txt`) and pass the text file"),
    (b"PK\x03\x04", "a zip archive or an office document (.docx, .odt); save it as plain text (.txt) first"),
    (b"{\\rtf", "an RTF document; save it as plain text (.txt) first"),
)
_KIND = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
         (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def url_hint(raw: str) -> str | None:
    """The message for a URL given where a file is expected."""
    if _URL.match(raw):
        return f"{raw}: framing reads files; save the page (Ctrl+S) and pass the saved file"
    return None


def not_a_file(path: Path) -> str | None:
    """Why `path` must not be opened as a file (a FIFO, device or socket), or None; never blocks."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # the open that follows reports it
    for test, kind in _KIND:
        if test(mode):
            return f"{path}: is {kind}, not a regular file"
    return None


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot be read ({error.strerror or error})"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file a folder run left out, and why (not text, one of framing's own reports, unreadable folder)."""

    name: str
    reason: str


def read_inputs(paths: Sequence[str], *, max_bytes: int,
                skipped: list[Skipped] | None = None) -> Iterator[Input | InputError]:
    """Yield each document (or the error that stopped it) in the order given; folders in name order.

    Files a folder run leaves out are appended to `skipped` with the reason, when it is given.
    """
    for raw in paths:
        if raw == STDIN:
            yield _decode_input("<stdin>", sys.stdin.buffer.read(max_bytes + 1), max_bytes, html=False)
            continue
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError as error:
            yield InputError(url_hint(raw) or f"{raw}: {_os_reason(error)}")
            continue
        if stat.S_ISDIR(mode):
            files, left_out, errors = folder_files(path)
            if skipped is not None:
                skipped.extend(left_out)
            yield from errors
            if not files and not errors:
                yield InputError(f"{raw}: directory holds no .txt, .md or .html files")
            for file in files:
                item = read_file(file, max_bytes=max_bytes)
                if isinstance(item, Input) and item.framing_report:
                    if skipped is not None:
                        skipped.append(Skipped(str(file), "a framing report"))
                    continue
                yield item
        else:
            yield read_file(path, max_bytes=max_bytes)


def folder_files(folder: Path) -> tuple[list[Path], list[Skipped], list[InputError]]:
    """The text and HTML files under `folder` in name order, the files left out (with why), and one error
    per subfolder that cannot be read. Symbolic links to folders are not followed (no loops)."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    errors: list[InputError] = []

    def unreadable(error: OSError) -> None:
        errors.append(
            InputError(f"{error.filename or folder}: folder {_os_reason(error)}; its files are left out")
        )

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs.sort()
        for name in names:
            file = Path(root) / name
            if name.startswith("."):
                continue
            if file.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES:
                reason = f"not .txt, .md or .html ({file.suffix or 'no extension'})"
                skipped.append(Skipped(str(file), reason))
            elif not file.is_file():
                skipped.append(Skipped(str(file), not_a_file(file) or "not a regular file"))
            else:
                files.append(file)
    return sorted(files), skipped, errors


def read_file(path: Path, *, max_bytes: int) -> Input | InputError:
    name = str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return InputError(f"{name}: is a folder")
        if not stat.S_ISREG(mode):
            return InputError(not_a_file(path) or f"{name}: not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            return InputError(
                f"{name}: file is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:g} MB "
                "(raise it with --max-mb, or split the file)"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return InputError(url_hint(name) or f"{name}: {_os_reason(error)}")
    return _decode_input(name, data, max_bytes, html=path.suffix.lower() in HTML_SUFFIXES)


def _decode_input(name: str, data: bytes, max_bytes: int, *, html: bool) -> Input | InputError:
    if len(data) > max_bytes:
        return InputError(
            f"{name}: input is over the limit of {max_bytes / 1e6:g} MB (raise it with --max-mb)"
        )
    if not data.strip():
        return InputError(f"{name}: empty file, nothing to analyse")
    for magic, what in _CONVERT:
        if data.startswith(magic):
            return InputError(f"{name}: {what}")
    text, encoding_note = _decode(data)
    if text is None:
        return InputError(f"{name}: binary file, not text")
    notes = (encoding_note,) if encoding_note else ()
    own_report = _OWN_REPORT.match(text[:2000]) is not None
    if html or _looks_like_html(text):
        text = html_to_text(text)
        notes = (*notes, html_note())
        if not text.strip():
            return InputError(f"{name}: HTML page has no visible text")
    return Input(name, text, notes, own_report)


# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
         (b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8"))


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and a note on how it was decoded; None for binary data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), None
            except UnicodeDecodeError:
                return None, None
    if b"\x00" in data[:_BINARY_SAMPLE]:
        return None, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text[:_BINARY_SAMPLE] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > _BINARY_SAMPLE // 100:
        return None, None
    return text, decoded_note("Windows-1252")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_ROOTS = ("article", "main", "body")


class _TextExtractor(HTMLParser):
    """Collects visible text in one pass with a stack of open elements: linear in size and nesting depth.

    Text is kept for the whole page and, separately, inside <article>, <main> and <body>; an end tag
    closes the nearest open element of its name (stray end tags are ignored).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.open: dict[str, int] = {}
        self.invisible = 0
        self.parts: dict[str, list[str]] = {root: [] for root in (*_ROOTS, "")}

    def _add(self, text: str) -> None:
        if self.invisible:
            return
        self.parts[""].append(text)
        for root in _ROOTS:
            if self.open.get(root):
                self.parts[root].append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._add("\n\n")
        if tag in _VOID:
            return
        self.stack.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in _INVISIBLE:
            self.invisible += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._add("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self.open.get(tag):
            while self.stack:  # amortised linear: each element is popped once
                top = self.stack.pop()
                self.open[top] -= 1
                if top in _INVISIBLE:
                    self.invisible -= 1
                if top in _BLOCKS:
                    self._add("\n\n")
                if top == tag:
                    break
        elif tag in _BLOCKS:
            self._add("\n\n")

    def handle_data(self, data: str) -> None:
        self._add(data)


def html_to_text(html: str) -> str:
    """The visible article text of a saved page: <article> or <main> when present, blocks as paragraphs."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    chosen = next((parser.parts[root] for root in _ROOTS if parser.parts[root]), parser.parts[""])
    lines = (" ".join(line.split()) for line in "".join(chosen).split("\n\n"))
    return "\n\n".join(line for line in lines if line) + "\n"
