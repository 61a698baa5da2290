"""Finds lexicon entries in a document: the first capability, loaded-language detection."""

from __future__ import annotations

from collections.abc import Collection

from framing.model import Finding, Lexicon
from framing.text import Document, prepare


def detect(
    document: Document,
    lexicon: Lexicon,
    *,
    ignore: Collection[str] = (),
) -> tuple[Finding, ...]:
    """Findings in reading order; each one's span indexes `document.text` and never overlaps another.

    Args:
        ignore: entry keys ('category/id') or whole categories to leave out.
    """
    text = document.text
    sentences = document.sentence_index()
    quotes = document.quote_index()
    findings: list[Finding] = []
    for match in lexicon.matcher.find(text):
        entry = match.entry
        if entry.key in ignore or entry.category in ignore:
            continue
        quote_at = quotes.holding(match.start, match.end)
        quote = document.quotes[quote_at] if quote_at is not None else None
        findings.append(
            Finding(
                start=match.start,
                end=match.end,
                text=text[match.start : match.end],
                entry=entry,
                sentence=sentences.nearest(match.start),
                in_quote=quote is not None,
                speaker=quote.speaker if quote else None,
            )
        )
    return tuple(findings)


def find_terms(text: str, lexicon: Lexicon) -> tuple[Finding, ...]:
    """Shortcut: every finding in a plain string."""
    return detect(prepare(text), lexicon)
