"""Metrics with the definitions the evaluation issue fixes: word tokens (the project's one tokenizer,
`framing.text.word_spans`) are lower-cased, hyphenated compounds are one token, counts are micro-averaged."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from framing.text import word_spans as tokens


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def word_counts(
    text: str, gold_words: Iterable[str], predicted: Sequence[tuple[int, int]]
) -> tuple[int, int, int]:
    """(tp, fp, fn) over the word tokens of one sentence: gold = the token is one of the annotated words;
    predicted = the token lies inside a predicted span."""
    gold = {w.lower().replace("\u2019", "'").strip() for w in gold_words}
    tp = fp = fn = 0
    for start, end, word in tokens(text):
        is_gold = word in gold
        is_predicted = any(s <= start and end <= e for s, e in predicted)
        tp += is_gold and is_predicted
        fp += is_predicted and not is_gold
        fn += is_gold and not is_predicted
    return tp, fp, fn


def span_overlap(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> tuple[int, int, int, int]:
    """(predicted spans overlapping a gold span, predicted spans, gold spans overlapped, gold spans)."""
    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    hit_predicted = sum(1 for p in predicted if any(overlaps(p, g) for g in gold))
    hit_gold = sum(1 for g in gold if any(overlaps(p, g) for p in predicted))
    return hit_predicted, len(predicted), hit_gold, len(gold)


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label != p)
        scores.append(prf(tp, fp, fn)[2])
    return sum(scores) / len(scores)
