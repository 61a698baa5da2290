"""Metrics with the definitions the evaluation issue fixes: word tokens (the project's one tokenizer,
`framing.text.word_spans`) are lower-cased, hyphenated compounds are one token, counts are micro-averaged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

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
    return macro_f1_of_counts(Counter(zip(gold, predicted, strict=True)), labels)


def macro_f1_of_counts(counts: Mapping[tuple[str, str], int], labels: Sequence[str]) -> float:
    """Macro-F1 over `labels` from the counts of (gold, predicted) pairs (so that counts summed over folds
    need no list of pairs)."""
    scores = []
    for label in labels:
        tp = counts.get((label, label), 0)
        fp = sum(n for (g, p), n in counts.items() if p == label != g)
        fn = sum(n for (g, p), n in counts.items() if g == label != p)
        scores.append(prf(tp, fp, fn)[2])
    return sum(scores) / len(scores)


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold) if gold else 0.0


RESAMPLES = 1000
LEVEL = 0.95


def bootstrap_interval(
    gold: Sequence[str],
    predicted: Sequence[str],
    labels: Sequence[str],
    *,
    statistic: str = "macro_f1",
    groups: Sequence[object] | None = None,
    resamples: int = RESAMPLES,
    seed: int = 42,
) -> tuple[float, float]:
    """A percentile bootstrap 95% interval of macro-F1 (or accuracy) over the items, for a reader to see
    how far a figure could move on another sample of the same kind of data.

    With `groups`, whole groups are resampled (a cluster bootstrap): the targets of one NewsMTSC sentence
    share their words, so resampling them one by one would make the interval too narrow."""
    import numpy as np

    if statistic not in ("macro_f1", "accuracy"):
        raise ValueError(f"unknown statistic {statistic!r}")
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    if not gold:
        return 0.0, 0.0
    index = {label: k for k, label in enumerate(labels)}
    k = len(labels)
    # an item whose class is none of `labels` still counts as a miss: its own code k
    pairs = zip(gold, predicted, strict=True)
    cells = np.array([index.get(g, k) * (k + 1) + index.get(p, k) for g, p in pairs])
    keys = list(range(len(gold))) if groups is None else list(groups)
    members: dict[object, list[int]] = {}
    for i, key in enumerate(keys):
        members.setdefault(key, []).append(i)
    # per group, the counts of each (gold, predicted) cell: a resample adds up whole groups
    per_group = np.zeros((len(members), (k + 1) ** 2))
    for row, items in enumerate(members.values()):
        np.add.at(per_group[row], cells[items], 1)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(members), size=(resamples, len(members)))
    counts = np.stack([np.bincount(d, minlength=len(members)) for d in draws]) @ per_group
    confusion = counts.reshape(resamples, k + 1, k + 1)
    diagonal = np.einsum("rii->ri", confusion)[:, :k]
    if statistic == "accuracy":
        values = diagonal.sum(axis=1) / confusion.sum(axis=(1, 2))
    else:
        gold_totals = confusion.sum(axis=2)[:, :k]
        predicted_totals = confusion.sum(axis=1)[:, :k]
        denominator = gold_totals + predicted_totals
        f1 = np.divide(2 * diagonal, denominator, out=np.zeros_like(diagonal), where=denominator > 0)
        values = f1.mean(axis=1)
    low, high = np.quantile(values, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
    return round(float(low), 4), round(float(high), 4)
