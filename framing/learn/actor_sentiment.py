"""A learned, explainable actor-sentiment model: negative, neutral or positive toward one mention.

Features come from the project's own pipeline (`prepare`, `detect`, `frame_actors` with the mention pinned
as actor "target"): the words either side of the mention (the mention's own words masked), the roles,
labels, allegations and voice of its frame and its score components, TextBlob polarity and subjectivity,
and lexicon findings nearby. Every feature has a readable name ("L:attack", "role:patient:harm"), so
`explain` can say which words moved a prediction.

The model is a multinomial logistic regression (scikit-learn, training only), stored as plain JSON
(never pickle): one line per feature with its three weights. Prediction needs no scikit-learn.
The shipped weights (`framing/models/actor_sentiment.json`, written by
`scripts/train_actor_sentiment.py`) are trained on NewsMTSC's training set (Hamborg and Donnay 2021,
MIT licence); its sentences are not shipped.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

from framing.errors import InputError
from framing.model import ActorFrame, Finding, Lexicon

CLASSES = ("negative", "neutral", "positive")
# Tokens either side of the mention. 10 rather than 6: chosen by grouped 5-fold cross-validation on the
# training set only (macro-F1 0.589 against 0.577; scripts/train_actor_sentiment.py prints both).
WINDOW = 10
FORMAT = "framing-actor-sentiment"
SCHEMA = 1
DECIMALS = 4  # weights are rounded so the stored file is small and the model in memory equals it
TARGET = "target"
MODEL_FILE = "actor_sentiment.json"
DEFAULT_METADATA = {
    "training_data": "NewsMTSC official_release/train.jsonl (Hamborg and Donnay, EACL 2021)",
    "licence": "NewsMTSC, MIT",
}


# ----------------------------------------------------------------------------------------------- features

def target_features(text: str, start: int, end: int, *, lexicon: Lexicon, actor_data: Any,
                    window: int = WINDOW, engine: str | None = None) -> dict[str, float]:
    """Readable features for the mention text[start:end] (end exclusive); zero values are left out."""
    from framing.detect import detect
    from framing.engine import get_engine

    if not 0 <= start < end <= len(text):
        raise ValueError(f"mention span ({start}, {end}) is outside a text of {len(text)} characters")
    document = get_engine(engine).parse(text)
    findings = detect(document, lexicon)
    sentence = next(((a, b) for a, b in document.sentences if a <= start < b), (0, len(text)))
    return mention_features(text, sentence, start, end, findings, None, window=window,
                            exclude=actor_data.words("date_words"))


def mention_features(text: str, sentence: tuple[int, int], start: int, end: int, findings: Iterable[Finding],
                     frame: ActorFrame | None = None, *, window: int = WINDOW,
                     cache: dict[Any, Any] | None = None, exclude: Iterable[str] = ()) -> dict[str, float]:
    """The features of one mention from what the pipeline already computed: the same function serves
    training (`target_features`) and `framing analyze`, so both see identical features. `cache` (one dict
    per document) keeps each sentence's tokens and polarity from being computed once per mention.

    Only the words around the mention speak: the mention's own words, the words of the actor's other
    names (from `frame`), `exclude` (dates, weekdays) and numbers are never features, and the frame's
    roles, labels and voice are left to the other score components (no evidence counts twice)."""
    from framing.nlp import tokenize

    cache = {} if cache is None else cache
    features = cast("dict[str, float]", Counter())  # a Counter (missing features are 0) of float values
    # The sentence that holds the mention bounds the window.
    s_start, s_end = min(sentence[0], start), max(sentence[1], end)
    if (s_start, s_end) not in cache:
        cache[(s_start, s_end)] = tokenize(text, s_start, s_end)
    tokens = cache[(s_start, s_end)]
    masked = {w.lower() for a, b, w in tokens if a < end and start < b}
    masked.update(exclude)
    if frame is not None:
        masked.update(w.lower() for name in frame.names for w in name.text.split())
    before = [(a, b, w) for a, b, w in tokens if b <= start]
    after = [(a, b, w) for a, b, w in tokens if a >= end]
    left, right = before[-window:] if window else [], after[:window]
    kept: list[str] = []
    for side, span in (("L", left), ("R", right)):
        for _, _, word in span:
            lower = word.lower().replace("\u2019", "'")
            if lower in masked or not any(c.isalpha() for c in lower):
                continue  # the actor's names, dates, numbers and punctuation say nothing about the actor
            features[f"{side}:{lower}"] = 1
            kept.append(word)
    sentence_key = ("polarity", s_start, s_end)
    if sentence_key not in cache:
        cache[sentence_key] = _polarity_subjectivity([w for _, _, w in tokens])
    for name, (polarity, subjectivity) in (
        ("window", _polarity_subjectivity(kept)),
        ("sentence", cache[sentence_key]),
    ):
        features[f"{name}:polarity"] = round(float(polarity), 4)
        features[f"{name}:subjectivity"] = round(float(subjectivity), 4)

    w_start = (left or [(start, start, "")])[0][0]
    w_end = (right or [(end, end, "")])[-1][1]
    for finding in findings:
        inside = start <= finding.start and finding.end <= end
        if not inside and finding.start < w_end and w_start < finding.end:
            features[f"near:{finding.entry.category}"] += 1
    return {name: float(value) for name, value in sorted(features.items()) if value}


def _polarity_subjectivity(words: list[str]) -> tuple[float, float]:
    """TextBlob's polarity and subjectivity over the project's tokens (its negation and intensifier rules,
    without its slower tokenizer): the mean over the words its lexicon scores."""
    from framing.nlp import assessments as assess

    assessments = assess(words)
    if not assessments:
        return 0.0, 0.0
    return (
        sum(a[1] for a in assessments) / len(assessments),
        sum(a[2] for a in assessments) / len(assessments),
    )


# ----------------------------------------------------------------------------------------------- the model

@dataclass(frozen=True)
class ActorSentimentModel:
    """Weights of a multinomial logistic regression over named features; `coef[k][j]` is feature j's
    weight for class k."""

    features: tuple[str, ...]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]
    classes: tuple[str, ...] = CLASSES
    metadata: dict[str, Any] = field(default_factory=dict, hash=False)
    _index: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {name: j for j, name in enumerate(self.features)})

    def _logits(self, features: Mapping[str, float]) -> list[float]:
        logits = list(self.intercept)
        for name, value in features.items():
            j = self._index.get(name)
            if j is not None and value:
                for k, row in enumerate(self.coef):
                    logits[k] += row[j] * value
        return logits

    def predict(self, features: Mapping[str, float]) -> tuple[str, dict[str, float]]:
        """The most probable class and every class's probability; unknown features are ignored."""
        logits = self._logits(features)
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        probabilities = {c: e / total for c, e in zip(self.classes, exps, strict=True)}
        return self.classes[logits.index(top)], probabilities

    def explain(self, features: Mapping[str, float], top: int = 5) -> list[tuple[str, float]]:
        """The features that moved the prediction most: (name, signed contribution to the predicted
        class's score), largest magnitude first; positive means toward the predicted class."""
        label, _ = self.predict(features)
        row = self.coef[self.classes.index(label)]
        contributions = [(name, row[self._index[name]] * value) for name, value in features.items()
                         if name in self._index and value and row[self._index[name]]]
        contributions.sort(key=lambda pair: (-abs(pair[1]), pair[0]))
        return [(name, round(value, DECIMALS)) for name, value in contributions[:top]]

    def to_json(self) -> str:
        """Plain JSON, one feature per line with its weights in class order."""
        head = {"format": FORMAT, "schema": SCHEMA, "classes": list(self.classes),
                "intercept": list(self.intercept), "metadata": self.metadata}
        lines = [
            f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False, sort_keys=True)}," for k, v in head.items()
        ]
        weights = [f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps([row[j] for row in self.coef])}"
                   for j, name in enumerate(self.features)]
        return "{\n" + "\n".join(lines) + '\n"weights": {\n' + ",\n".join(weights) + "\n}\n}\n"

    @classmethod
    def from_json(cls, text: str, source: str = "actor-sentiment model") -> ActorSentimentModel:
        """The model in `text`; anything malformed raises InputError with one line naming `source`."""
        def bad(problem: str) -> InputError:
            return InputError(f"{source}: not a valid actor-sentiment model: {problem}")

        try:
            raw = json.loads(text)
        except (json.JSONDecodeError, TypeError) as error:
            raise bad(f"invalid JSON ({str(error).splitlines()[0]})") from None
        if not isinstance(raw, dict):
            raise bad("the top level is not an object")
        if raw.get("format") != FORMAT or raw.get("schema") != SCHEMA:
            raise bad(f"expected format '{FORMAT}' schema {SCHEMA}")
        classes = raw.get("classes")
        if not isinstance(classes, list) or not classes or not all(isinstance(c, str) for c in classes) \
                or len(set(classes)) != len(classes):
            raise bad("'classes' must be a list of distinct names")
        n = len(classes)
        intercept = _numbers(raw.get("intercept"), n)
        if intercept is None:
            raise bad(f"'intercept' must be a list of {n} finite numbers")
        weights = raw.get("weights")
        if not isinstance(weights, dict):
            raise bad("'weights' must be an object of feature: [weights]")
        columns = []
        for name, values in weights.items():
            column = _numbers(values, n)
            if column is None:
                raise bad(f"feature '{name}' needs a list of {n} finite numbers")
            columns.append(column)
        metadata = raw.get("metadata", {})
        if not isinstance(metadata, dict):
            raise bad("'metadata' must be an object")
        coef = tuple(tuple(col[k] for col in columns) for k in range(n))
        return cls(tuple(weights), coef, intercept, tuple(classes), metadata)

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ActorSentimentModel:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else "not readable UTF-8"
            raise InputError(f"{path}: cannot read the actor-sentiment model ({reason})") from None
        return cls.from_json(text, str(path))


def _numbers(values: Any, n: int) -> tuple[float, ...] | None:
    if not isinstance(values, list) or len(values) != n:
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values):
        return None
    return tuple(float(v) for v in values)


# ----------------------------------------------------------------------------------------------- training

def train(examples: Iterable[tuple[Mapping[str, float], str]], *, C: float = 1.0, min_count: int = 3,
          metadata: Mapping[str, Any] | None = None) -> ActorSentimentModel:
    """Fit the model: features seen (non-zero) in at least `min_count` examples, L2-regularised
    multinomial logistic regression (lbfgs) with balanced class weights; weights rounded to DECIMALS."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for features, label in examples:
        if label not in CLASSES:
            raise ValueError(f"unknown label {label!r}; expected one of {', '.join(CLASSES)}")
        rows.append({k: float(v) for k, v in features.items() if v})
        labels.append(label)
    missing = set(CLASSES) - set(labels)
    if missing:
        raise ValueError(f"training needs examples of every class; none of: {', '.join(sorted(missing))}")
    counts = Counter(name for row in rows for name in row)
    names = tuple(sorted(name for name, count in counts.items() if count >= min_count))
    if not names:
        raise ValueError(f"no feature is seen in {min_count} or more examples")
    index = {name: j for j, name in enumerate(names)}
    data, columns, pointers = [], [], [0]
    for row in rows:
        for name, value in row.items():
            if name in index:
                columns.append(index[name])
                data.append(value)
        pointers.append(len(columns))
    matrix = csr_matrix((np.array(data, dtype=float), np.array(columns, dtype=np.int64), np.array(pointers)),
                        shape=(len(rows), len(names)))
    classifier = LogisticRegression(C=C, solver="lbfgs", class_weight="balanced", max_iter=3000)
    classifier.fit(matrix, np.array(labels))
    order = [list(classifier.classes_).index(c) for c in CLASSES]
    coef = tuple(tuple(round(float(v), DECIMALS) for v in classifier.coef_[k]) for k in order)
    intercept = tuple(round(float(classifier.intercept_[k]), DECIMALS) for k in order)
    from framing import __version__

    meta = {**DEFAULT_METADATA, "n_train": len(rows), "framing_version": __version__, "C": C,
            "min_count": min_count, **(metadata or {})}
    return ActorSentimentModel(names, coef, intercept, CLASSES, meta)


@cache
def default_model() -> ActorSentimentModel | None:
    """The model shipped in `framing/models/actor_sentiment.json`, or None when it is not there."""
    from framing.actors.score import load_shipped

    return load_shipped(MODEL_FILE, ActorSentimentModel.from_json)
