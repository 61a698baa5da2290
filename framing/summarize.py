"""Per-document counts: findings per 1,000 words by category; loaded language apart from identity labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from framing.model import CategoryCount, Finding, Kind, Lexicon, Summary


def _per_1k(count: int, words: int) -> float:
    return round(1000 * count / words, 3) if words else 0.0


def summarize(findings: Sequence[Finding], words: int, lexicon: Lexicon) -> Summary:
    counts = Counter(f.entry.category for f in findings)
    loaded = sum(1 for f in findings if f.entry.kind is Kind.LOADED)
    by_category = tuple(
        CategoryCount(name, lexicon.by_category[name].kind, counts[name], _per_1k(counts[name], words))
        for name in sorted(counts)
    )
    return Summary(
        words=words,
        findings=len(findings),
        loaded=loaded,
        loaded_per_1k_words=_per_1k(loaded, words),
        in_quotes=sum(1 for f in findings if f.in_quote),
        by_category=by_category,
    )
