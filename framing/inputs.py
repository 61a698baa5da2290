"""Reads documents from paths and standard input; the only place besides the CLI that touches files.

Every problem with one input becomes an `InputError` in the stream, so one bad file never costs the
others: the caller reports it and goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError
from framing.messages import decoded_note, html_note

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


def read_inputs(paths: Sequence[str], *, max_bytes: int) -> Iterator[Input | InputError]:
    """Yield each document (or the error that stopped it) in the order given; directories in name order."""
    for raw in paths:
        if raw == STDIN:
            yield _decode_input("<stdin>", sys.stdin.buffer.read(max_bytes + 1), max_bytes, html=False)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
            )
            if not files:
                yield InputError(f"{raw}: directory holds no .txt, .md or .html files")
            for file in files:
                yield read_file(file, max_bytes=max_bytes)
        else:
            yield read_file(path, max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int) -> Input | InputError:
    name = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            return InputError(f"{name}: not a regular file")
        if size > max_bytes:
            return InputError(
                f"{name}: file is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:g} MB "
                "(raise it with --max-mb, or split the file)"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return InputError(f"{name}: no such file")
    except PermissionError:
        return InputError(f"{name}: permission denied")
    except OSError as error:
        return InputError(f"{name}: cannot be read ({error.strerror or error})")
    return _decode_input(name, data, max_bytes, html=path.suffix.lower() in HTML_SUFFIXES)


def _decode_input(name: str, data: bytes, max_bytes: int, *, html: bool) -> Input | InputError:
    if len(data) > max_bytes:
        return InputError(
            f"{name}: input is over the limit of {max_bytes / 1e6:g} MB (raise it with --max-mb)"
        )
    if not data.strip():
        return InputError(f"{name}: empty file, nothing to analyse")
    text, encoding_note = _decode(data)
    if text is None:
        return InputError(f"{name}: binary file, not text")
    notes = (encoding_note,) if encoding_note else ()
    if html or _looks_like_html(text):
        text = html_to_text(text)
        notes = (*notes, html_note())
        if not text.strip():
            return InputError(f"{name}: HTML page has no visible text")
    return Input(name, text, notes)


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and a note on how it was decoded; None for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
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


def html_to_text(html: str) -> str:
    """The visible article text of a saved page: <article> or <main> when present, blocks as paragraphs."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    for tag in root.find_all(_BLOCKS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    lines = (" ".join(line.split()) for line in root.get_text().split("\n\n"))
    return "\n\n".join(line for line in lines if line) + "\n"
