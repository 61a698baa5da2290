"""Finds lexicon entries in a document: the first capability, loaded-language detection.

A match becomes a finding unless its entry's checks fail on the sentence's parse, or it is part of a
name (framing.conditions). Both need a parse: `detect` reads `document.parses` when the engine gave them;
with a bare `prepare(text)` document it parses the text with `engine` when one is given and some match
needs context (an entry with checks, or a capitalised match that may be part of a name), and otherwise
lets such matches through, as before checks existed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from framing.conditions import Check, Site, first_failing, in_name, parse_check, site_of
from framing.model import Entry, Finding, Lexicon, Suppressed
from framing.text import Document, prepare

if TYPE_CHECKING:
    from framing.engine import Engine
    from framing.engine.model import SentenceParse, SpanIndex
    from framing.matcher import Match


@dataclass(frozen=True, slots=True)
class Detection:
    """Findings, and the matches left out with the reason for each (for --explain)."""

    findings: tuple[Finding, ...]
    suppressed: tuple[Suppressed, ...]


@cache
def entry_checks(entry: Entry) -> tuple[Check, ...]:
    return tuple(parse_check(c) for c in entry.checks)


def _needs_parse(match: Match, text: str) -> bool:
    """Whether the match's fate depends on the parse: its entry has checks, or it may be part of a name
    (capitalised, or after a capitalised word within the previous 30 characters)."""
    if match.entry.checks:
        return True
    if match.entry.in_names:
        return False
    return not text[match.start : match.end].islower() or any(
        c.isupper() for c in text[max(0, match.start - 30) : match.start]
    )


def detect(
    document: Document,
    lexicon: Lexicon,
    *,
    ignore: Collection[str] = (),
    engine: Engine | None = None,
) -> tuple[Finding, ...]:
    """Findings in reading order; each one's span indexes `document.text` and never overlaps another.

    Args:
        ignore: entry keys ('category/id') or whole categories to leave out.
        engine: parses a document that has no parse, when some match needs one.
    """
    return explain(document, lexicon, ignore=ignore, engine=engine).findings


def explain(
    document: Document,
    lexicon: Lexicon,
    *,
    ignore: Collection[str] = (),
    engine: Engine | None = None,
) -> Detection:
    """Like `detect`, with the suppressed matches and their reasons."""
    text = document.text
    matches = [
        m for m in lexicon.matcher.find(text) if m.entry.key not in ignore and m.entry.category not in ignore
    ]
    sentences = document.sentence_index()
    quotes = document.quote_index()
    parse_at = _parser(document, engine)
    spans_by_sentence: dict[int, list[tuple[int, int]]] = {}
    located = []
    for match in matches:
        sentence = sentences.nearest(match.start)
        spans_by_sentence.setdefault(sentence, []).append((match.start, match.end))
        located.append((match, sentence))
    findings: list[Finding] = []
    suppressed: list[Suppressed] = []
    for match, sentence in located:
        entry = match.entry
        finding = _finding(document, quotes, match.start, match.end, entry, sentence)
        reason = None
        if _needs_parse(match, text) and (parsed := parse_at(sentence)) is not None:
            site = site_of(parsed[0], match.start, match.end, entities=parsed[1])
            reason = _reason(entry, site, spans_by_sentence.get(sentence, ())) if site is not None else None
        if reason is None:
            findings.append(finding)
        else:
            suppressed.append(Suppressed(finding, reason))
    if (layer := lexicon.active_layer) is not None and layer.category not in ignore:
        findings = _with_layer(document, quotes, lexicon, findings, suppressed)
    return Detection(tuple(findings), tuple(suppressed))


def _finding(
    document: Document, quotes: SpanIndex, start: int, end: int, entry: Entry, sentence: int
) -> Finding:
    quote_at = quotes.holding(start, end)
    quote = document.quotes[quote_at] if quote_at is not None else None
    return Finding(start=start, end=end, text=document.text[start:end], entry=entry, sentence=sentence,
                   in_quote=quote is not None, speaker=quote.speaker if quote else None)


def _with_layer(
    document: Document,
    quotes: SpanIndex,
    lexicon: Lexicon,
    findings: list[Finding],
    suppressed: list[Suppressed],
) -> list[Finding]:
    """The findings with the annotated-word layer's (framing.annotated) among them, in reading order."""
    from framing.annotated import layer_findings

    blocked = [(s.finding.start, s.finding.end) for s in suppressed]
    added = layer_findings(document, lexicon, findings, blocked)
    findings = findings + [_finding(document, quotes, *item) for item in added]
    return sorted(findings, key=lambda f: (f.start, f.end))


def _parser(document: Document, engine: Engine | None) -> Callable[[int], tuple[SentenceParse, bool] | None]:
    """Sentence i's parse and whether it has entities: the document's own, else parsed on demand with
    `engine` (sentence by sentence where the engine can, as the fast engine does), else None."""
    if len(document.parses) == len(document.sentences) and document.parses:
        return lambda i: (document.parses[i], document.entities)
    if engine is None or not document.sentences:
        return lambda i: None
    sentence = getattr(engine, "sentence", None)
    cache: dict[int, tuple[SentenceParse, bool] | None] = {}

    def parse_at(i: int) -> tuple[SentenceParse, bool] | None:
        if i not in cache:
            if sentence is not None:
                start, end = document.sentences[i]
                cache[i] = (sentence(document.text, start, end), False)
            else:
                whole = engine.parse(document.text)
                aligned = len(whole.parses) == len(document.sentences)
                for j in range(len(document.sentences)):
                    cache[j] = (whole.parses[j], whole.entities) if aligned else None
        return cache[i]

    return parse_at


def _reason(entry: Entry, site: Site, matched: Collection[tuple[int, int]]) -> str | None:
    from framing.messages import suppressed_reason

    if not entry.in_names:
        name = in_name(site, tuple(matched))
        if name is not None:
            return suppressed_reason("name", name)
    failed = first_failing(entry_checks(entry), site)
    if failed is not None:
        return suppressed_reason("check", failed.describe())
    return None


def find_terms(text: str, lexicon: Lexicon, *, engine: Engine | None = None) -> tuple[Finding, ...]:
    """Shortcut: every finding in a plain string (parsed with `engine` where a match needs context)."""
    return detect(prepare(text), lexicon, engine=engine)
