"""The output layer for untrusted text (framing/render/safe.py): hostile strings go into every field of
every format (article text, file name, lexicon explanation, alternatives and citation, actor name, corpus
source name) and no live markup, control sequence or spreadsheet formula comes out."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Lexicon, analyze, load_lexicon
from framing.actors import load_actor_data
from framing.actors.data import GazetteerActor
from framing.compare import SourceProfile, compare
from framing.outputs import encode
from framing.render import render
from framing.render.comparison import render_comparison
from framing.render.safe import csv_cell, markdown, terminal

PIECES = (
    "\x1b[2J", "\x1b]0;pwned\x07", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "\x9b31m",
    "\x07",
    "\x00", "\x7f", "\x08", "\r", "\n", "\t", "\u202e", "\u2066", "\u2028", "\udcff",
    "[x](javascript:alert(1))", "![](https://evil.example/p.png)", "[ref]: https://evil.example", "<https://e.x>",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><svg onload=alert(1)>", "&lt;b&gt;",
    "=HYPERLINK(\"https://evil.example\")", "+1+1", "-2", "@SUM(A1)", "|", "`", "*", "_", "\\", "{{7*7}}",
)
hostile = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=1, max_size=6).map("".join)

# What a terminal would act on: C0 controls other than tab and newline, DEL, C1 controls, bidi controls,
# line separators, and lone surrogates.
_TERMINAL_ACTIVE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours, when colour is on


def _terminal_is_inert(report: str) -> None:
    active = _TERMINAL_ACTIVE.search(_SGR.sub("", report))
    assert not active, repr(active)


def _markdown_is_inert(report: str) -> None:
    _terminal_is_inert(report)
    unescaped = re.sub(r"\\.", "", report)  # drop every backslash escape; what is left is live syntax
    assert "<" not in unescaped and ">" not in unescaped.replace("> Note:", "")
    assert "](" not in unescaped and "![" not in unescaped and "]:" not in unescaped


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _html_is_inert(report: str) -> None:
    parser = _Tags()
    parser.feed(report)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "img", "iframe"), tag
        assert not any(name.startswith("on") for name, _ in attrs), (tag, attrs)
        assert not any(value and "javascript:" in value for _, value in attrs), (tag, attrs)


def _csv_is_inert(report: str) -> None:
    for row in csv.reader(io.StringIO(report)):
        for cell in row:
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                float(cell)  # only numbers may start so


@given(hostile)
def test_terminal_shows_every_control_character(text: str) -> None:
    shown = terminal(text)
    _terminal_is_inert(shown)
    assert "\n" not in terminal(text, newlines=False) and "\r" not in terminal(text, newlines=False)
    assert terminal(shown) == shown  # nothing left to escape


@given(hostile)
def test_markdown_escapes_links_images_html_and_tables(text: str) -> None:
    cell = markdown(text)
    _markdown_is_inert(cell)
    assert "\n" not in cell and re.sub(r"\\.", "", cell).count("|") == 0


@given(hostile)
def test_csv_cells_never_start_a_formula(text: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_cell(text), csv_cell(-0.25)])
    _csv_is_inert(buffer.getvalue())
    assert csv_cell(-0.25) == -0.25


def _hostile_lexicon(text: str) -> Lexicon:
    """The built-in 'regime' and 'militants' entries alone, their explanation, alternatives and citations
    hostile."""
    lexicon = load_lexicon()
    keys = ("labels-pejorative/regime", "labels-pejorative/militants")
    entries = tuple(dataclasses.replace(lexicon.by_key[k], explanation=f"{text} explained.",
                                        alternatives=(text, "government")) for k in keys)
    categories = tuple(c for c in lexicon.categories if c.name in {e.category for e in entries})
    sources = {k: dataclasses.replace(s, citation=text) for k, s in lexicon.sources.items()}
    return Lexicon(categories, entries, sources)


@settings(max_examples=25)
@given(name=hostile, text=hostile, entry=hostile, actor=hostile)
def test_hostile_strings_in_every_field_of_every_analysis_format(name: str, text: str, entry: str,
                                                                  actor: str) -> None:
    lex = _hostile_lexicon(entry)
    data = load_actor_data()
    zork = GazetteerActor("zork-hostile", actor if actor.strip() else "Zork", "person", ("Zork",))
    data = dataclasses.replace(data, actors=(zork, *data.actors))
    article = f"{text} The regime shelled the town, Zork said. {text}\n\n{text} Zork fled the regime."
    analysis = analyze(article, source=name, lexicon=lex, actor_data=data)
    assert analysis.findings and analysis.actors
    for fmt in ("terminal", "markdown", "html", "json"):
        report = encode(render([analysis], lex, fmt)).decode("utf-8")
        if fmt == "terminal":
            _terminal_is_inert(report)
            _terminal_is_inert(render([analysis], lex, fmt, to_terminal=True))
        elif fmt == "markdown":
            _markdown_is_inert(report)
        elif fmt == "html":
            _html_is_inert(report)
        else:
            assert json.loads(report)["documents"][0]["source"] == name  # lone surrogates survive as escapes


@settings(max_examples=25)
@given(first=hostile, second=hostile)
def test_hostile_source_names_in_every_comparison_format(first: str, second: str) -> None:
    lexicon = load_lexicon()
    profiles = []
    for index, name in enumerate((first, second)):
        article = f"{name} The regime shelled the town. Militants fled. {name}"
        profiles.append(SourceProfile(f"{name} {index}").add(analyze(article, source=name, lexicon=lexicon),
                                                              lexicon))
    comparison = compare(profiles)
    for fmt in ("terminal", "markdown", "csv", "html", "json"):
        report = encode(render_comparison(comparison, fmt)).decode("utf-8")
        {"terminal": _terminal_is_inert, "markdown": _markdown_is_inert, "csv": _csv_is_inert,
         "html": _html_is_inert, "json": json.loads}[fmt](report)
