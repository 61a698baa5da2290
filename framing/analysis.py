"""The public entry point: text in, `Analysis` out. Pure: no files, no printing."""

from __future__ import annotations

from collections.abc import Collection

from framing.detect import detect
from framing.lexicon import load_lexicon
from framing.model import Analysis, Lexicon
from framing.summarize import summarize
from framing.text import count_words, prepare


def analyze(
    text: str,
    *,
    source: str = "<text>",
    lexicon: Lexicon | None = None,
    min_strength: int = 1,
    categories: Collection[str] | None = None,
    ignore: Collection[str] = (),
    notes: tuple[str, ...] = (),
) -> Analysis:
    """Analyse one document.

    >>> a = analyze("The regime said the militants retreated.")
    >>> [f.text for f in a.findings]
    ['regime', 'militants']
    """
    lexicon = lexicon or load_lexicon()
    document = prepare(text)
    findings = detect(document, lexicon, min_strength=min_strength, categories=categories, ignore=ignore)
    return Analysis(
        source=source,
        text=text,
        sentences=document.sentences,
        quotes=document.quotes,
        findings=findings,
        summary=summarize(findings, count_words(text), lexicon),
        notes=notes,
    )
