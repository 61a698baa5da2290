"""Statistics for comparison: distinctive words and bootstrap confidence intervals."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from typing import cast

PRIOR_SCALE = 1000.0  # total pseudo-count of the informative prior (alpha_0)
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20081  # fixed, so the same corpus gives the same intervals


def log_odds_z(y_i: int, y_j: int, n_i: int, n_j: int, prior_share: float | None = None) -> float:
    """The log-odds z-score of a word seen `y_i` times in `n_i` words against `y_j` times in `n_j`, with an
    informative Dirichlet prior of PRIOR_SCALE pseudo-counts spread by the word's share of the prior corpus
    (`prior_share`; by default the two corpora pooled): Monroe, Colaresi and Quinn (2008), eq. 22. Positive
    when the word is more frequent in the first corpus. One formula for distinctive words, for `framing
    lexicon suggest` and for the annotated-word model's evidence.

    >>> round(log_odds_z(20, 1, 1000, 10000), 1), round(log_odds_z(1, 20, 1000, 10000), 1)
    (6.0, -0.5)
    """
    share = (y_i + y_j) / (n_i + n_j) if prior_share is None else prior_share
    alpha = PRIOR_SCALE * share
    delta = (math.log((y_i + alpha) / (n_i + PRIOR_SCALE - y_i - alpha))
             - math.log((y_j + alpha) / (n_j + PRIOR_SCALE - y_j - alpha)))
    return delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))


def log_odds(counts: Counter[str], rest: Counter[str], prior: Counter[str], *, top: int = 15,
             min_count: int = 2) -> list[tuple[str, float, int]]:
    """Words most distinctive of `counts` against `rest`: the log-odds ratio with an informative
    Dirichlet prior, as z-scores (Monroe, Colaresi and Quinn 2008, "Fightin' Words", eq. 22).

    The prior is the pooled corpus (`prior`), scaled to PRIOR_SCALE pseudo-counts, so frequent words
    need much more evidence than rare ones to stand out. Stop words and words seen fewer than
    `min_count` times in `counts` are left out. Returns (word, z, count) by z, highest first.
    """
    n_i, n_j, n_prior = sum(counts.values()), sum(rest.values()), sum(prior.values())
    if not n_i or not n_j or len(prior) < 2:
        return []  # nothing to contrast (with a single word type the odds are undefined)
    scores = []
    stop_words = english_stop_words()
    for word, y_i in counts.items():
        if y_i < min_count or word in stop_words:
            continue
        z = log_odds_z(y_i, rest.get(word, 0), n_i, n_j, prior[word] / n_prior)
        scores.append((word, round(z, 3), y_i))
    scores.sort(key=lambda s: (-s[1], s[0]))
    return [s for s in scores[:top] if s[1] > 0]


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (`ENGLISH_STOP_WORDS`), read from its data module without
    importing scikit-learn (whose package import, with scipy, costs about a second of start-up)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("sklearn")  # a top-level name: finding it runs nothing
    path = Path(next(iter(spec.submodule_search_locations or ()))) / "feature_extraction" / "_stop_words.py" \
        if spec else None
    if path is None or not path.is_file():  # a layout this was not written for: the ordinary import
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    namespace: dict[str, object] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return frozenset(cast(Iterable[str], namespace["ENGLISH_STOP_WORDS"]))


def bootstrap_ci(values: Sequence[float], *, level: float = 0.95) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean, deterministic (fixed seed); None for fewer than 2 values."""
    if len(values) < 2:
        return None
    import numpy as np

    data = np.asarray(values, dtype=float)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    means = np.empty(BOOTSTRAP_RESAMPLES)
    batch = max(1, min(BOOTSTRAP_RESAMPLES, 2_000_000 // len(data)))  # bounded memory for large groups
    for start in range(0, BOOTSTRAP_RESAMPLES, batch):
        stop = min(start + batch, BOOTSTRAP_RESAMPLES)
        means[start:stop] = data[rng.integers(0, len(data), size=(stop - start, len(data)))].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return round(float(low), 3), round(float(high), 3)
