"""An explainable sentence-level classifier of loaded (biased) sentences, stored as plain JSON.

Why this shape: a linear model over named features (words, bigrams, the project's own lexicon counts,
TextBlob's polarity and subjectivity) can say which words pushed a sentence towards "loaded", so its
output is a question for the reader like every other finding, not an opaque verdict. The model is saved
as JSON (vocabulary, idf, weights), never pickled: a model file is data that anyone can read, diff and
load without running code from it.

    model = train(texts, labels)
    model.predict_proba(["The regime slaughtered protesters."])   # [0.87]
    model.explain("The regime slaughtered protesters.")            # (("lexicon:atrocity", 0.61), ...)
    model.save("sentence-model.json"); SentenceModel.load("sentence-model.json")
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize

from framing.errors import InputError

FORMAT = "framing-sentence-model"
FORMAT_VERSION = 1
# Words of one letter or more; inner hyphens and apostrophes keep "Russian-backed" and "Shi'ite" whole.
TOKEN_PATTERN = r"(?u)\b\w[\w'-]*\w\b|\b\w\b"
NGRAMS = (1, 2)
MIN_DF = 2
# The dense block after the per-category counts: totals over loaded findings, then TextBlob's scores.
_TOTALS = ("lexicon:loaded_total", "lexicon:loaded_strength")
_TEXTBLOB = ("textblob:polarity", "textblob:subjectivity")
DEFAULT_LABELS = ("neutral", "loaded")


def fit_vectorizer(texts: Sequence[str]) -> TfidfVectorizer:
    """The project's TF-IDF settings in one place, so training and the tests fit the same thing."""
    vectorizer = TfidfVectorizer(lowercase=True, sublinear_tf=True, min_df=MIN_DF, ngram_range=NGRAMS,
                                 token_pattern=TOKEN_PATTERN)
    vectorizer.fit(list(texts))
    return vectorizer


def lexicon_feature_names() -> tuple[str, ...]:
    """One count per category of the built-in lexicon, then the totals and TextBlob's two scores. The
    lexicon loads with its learned layer off, so the annotated-word model (fitted on BABE's sentences)
    never leaks labels into a sentence model cross-validated on them: its category counts 0."""
    from framing import load_lexicon

    categories = sorted(c.name for c in load_lexicon().categories)
    return (*(f"lexicon:{c}" for c in categories), *_TOTALS, *_TEXTBLOB)


def lexicon_block(texts: Sequence[str], names: Sequence[str]) -> np.ndarray:
    """Dense (len(texts), len(names)) block of the named lexicon and TextBlob features.

    Computed by the project's own detector, so a weight on "lexicon:emotive" means "the words the
    emotive category flags", which a report can point to. A category the lexicon no longer has counts 0.
    """
    from framing import Kind, load_lexicon
    from framing.detect import find_terms
    from framing.nlp import _sentiment

    out = np.zeros((len(texts), len(names)), dtype=np.float64)
    if not names:
        return out
    lexicon = load_lexicon()
    sentiment = _sentiment()
    column = {name: j for j, name in enumerate(names)}
    for i, text in enumerate(texts):
        counts: dict[str, float] = {}
        for finding in find_terms(text, lexicon):
            entry = finding.entry
            key = f"lexicon:{entry.category}"
            counts[key] = counts.get(key, 0.0) + 1.0
            if entry.kind is Kind.LOADED:
                counts[_TOTALS[0]] = counts.get(_TOTALS[0], 0.0) + 1.0
                counts[_TOTALS[1]] = counts.get(_TOTALS[1], 0.0) + entry.strength
        if _TEXTBLOB[0] in column or _TEXTBLOB[1] in column:
            counts[_TEXTBLOB[0]], counts[_TEXTBLOB[1]] = (float(v) for v in sentiment(text))
        for key, value in counts.items():
            if key in column:
                out[i, column[key]] = value
    return out


@dataclass(frozen=True)
class SentenceFeatures:
    """Turns sentences into one sparse matrix: TF-IDF of words and bigrams, then the lexicon block.

    Holds only the vocabulary (terms in column order), their idf weights and the lexicon feature names,
    so the transform is rebuilt exactly from a JSON file without the fitted scikit-learn object.
    """

    terms: tuple[str, ...]
    idf: tuple[float, ...]
    lexicon_features: tuple[str, ...]

    @classmethod
    def from_vectorizer(cls, vectorizer: TfidfVectorizer,
                        lexicon_features: Sequence[str] | None = None) -> SentenceFeatures:
        """The fitted vectorizer's vocabulary and idf; `lexicon_features` defaults to the full block."""
        vocabulary = vectorizer.vocabulary_
        terms = tuple(sorted(vocabulary, key=vocabulary.__getitem__))
        names = lexicon_feature_names() if lexicon_features is None else tuple(lexicon_features)
        return cls(terms, tuple(float(v) for v in vectorizer.idf_), names)

    @property
    def vocabulary(self) -> dict[str, int]:
        """Term -> column, as scikit-learn's `vocabulary_`."""
        return {term: i for i, term in enumerate(self.terms)}

    @cached_property
    def _counter(self) -> CountVectorizer:
        return CountVectorizer(lowercase=True, ngram_range=NGRAMS, token_pattern=TOKEN_PATTERN,
                               vocabulary=self.vocabulary)

    @cached_property
    def _idf(self) -> np.ndarray:
        return np.asarray(self.idf, dtype=np.float64)

    @property
    def names(self) -> tuple[str, ...]:
        """Readable name of every column: "word:regime", "bigram:the regime", "lexicon:emotive"."""
        words = tuple(f"bigram:{t}" if " " in t else f"word:{t}" for t in self.terms)
        return words + self.lexicon_features

    def tfidf(self, texts: Sequence[str]) -> sp.csr_matrix:
        """TF-IDF rebuilt from vocabulary and idf with the same steps, in the same order, as
        scikit-learn's TfidfTransformer (log(tf) + 1, times idf, l2 norm), so the numbers are identical."""
        counts = self._counter.transform(list(texts))
        matrix = sp.csr_matrix(counts, dtype=np.float64)
        np.log(matrix.data, matrix.data)
        matrix.data += 1.0
        matrix.data *= self._idf[matrix.indices]
        return normalize(matrix, norm="l2", copy=False)

    def transform(self, texts: Sequence[str], block: np.ndarray | None = None) -> sp.csr_matrix:
        """All features; `block` is a precomputed lexicon block (cross-validation computes it once)."""
        texts = list(texts)
        dense = lexicon_block(texts, self.lexicon_features) if block is None else block
        return sp.hstack([self.tfidf(texts), sp.csr_matrix(dense)], format="csr")


@dataclass(frozen=True)
class SentenceModel:
    """A fitted logistic regression over `SentenceFeatures`, with what it was trained on.

    `coef` has one weight per feature name; the positive class is `label_names[1]` (loaded/biased).
    """

    features: SentenceFeatures
    coef: tuple[float, ...]
    intercept: float
    label_names: tuple[str, str] = DEFAULT_LABELS
    description: str = ""
    n_train: int = 0
    framing_version: str = ""

    @property
    def vocabulary(self) -> dict[str, int]:
        return self.features.vocabulary

    @property
    def idf(self) -> tuple[float, ...]:
        return self.features.idf

    @property
    def lexicon_features(self) -> tuple[str, ...]:
        return self.features.lexicon_features

    @cached_property
    def _coef(self) -> np.ndarray:
        return np.asarray(self.coef, dtype=np.float64)

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Log-odds of the positive class, as LogisticRegression.decision_function."""
        return self.features.transform(texts) @ self._coef + self.intercept

    def predict_proba(self, texts: Sequence[str]) -> list[float]:
        """Probability that each sentence is loaded/biased (the positive class)."""
        return [float(p) for p in 1.0 / (1.0 + np.exp(-self.decision(texts)))]

    def explain(self, text: str, top: int = 5) -> tuple[tuple[str, float], ...]:
        """The `top` features that moved this sentence's log-odds most, signed (positive = towards
        loaded), largest magnitude first: the words a reader should look at, not a verdict."""
        row = self.features.transform([text]).tocoo()
        names = self.features.names
        contributions = [(names[j], float(self._coef[j] * v)) for j, v in zip(row.col, row.data, strict=True)]
        contributions = [c for c in contributions if c[1] != 0.0]
        contributions.sort(key=lambda c: (-abs(c[1]), c[0]))
        return tuple(contributions[:top])

    def to_json(self) -> str:
        """Plain JSON; floats are written with repr precision, so `from_json` gives back an equal model."""
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "framing_version": self.framing_version,
            "description": self.description,
            "n_train": self.n_train,
            "label_names": list(self.label_names),
            "token_pattern": TOKEN_PATTERN,
            "ngram_range": list(NGRAMS),
            "intercept": self.intercept,
            "lexicon_features": list(self.lexicon_features),
            "vocabulary": self.vocabulary,
            "idf": list(self.idf),
            "coef": list(self.coef),
        }
        return json.dumps(data, ensure_ascii=False, allow_nan=False)

    @classmethod
    def from_json(cls, text: str, source: str = "<string>") -> SentenceModel:
        """Rebuild a model from `to_json` output.

        Raises:
            InputError: one line naming `source` and what is wrong, for any malformed file.
        """
        def bad(why: str) -> InputError:
            return InputError(f"{source}: not a framing sentence model ({why})")

        def reject_constant(name: str) -> Any:
            raise bad(f"{name} is not a number it accepts")

        try:
            data = json.loads(text, parse_constant=reject_constant)
        except json.JSONDecodeError as error:
            raise bad(f"invalid JSON at line {error.lineno} column {error.colno}") from None
        if not isinstance(data, dict):
            raise bad("not a JSON object")
        for key in ("coef", "intercept", "vocabulary", "idf", "lexicon_features", "label_names", "format"):
            if key not in data:
                raise bad(f"missing '{key}'")
        if data["format"] != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise bad(f"format is {data['format']!r} version {data.get('format_version')!r}, "
                      f"expected {FORMAT!r} version {FORMAT_VERSION}")
        if data.get("token_pattern", TOKEN_PATTERN) != TOKEN_PATTERN or \
                data.get("ngram_range", list(NGRAMS)) != list(NGRAMS):
            raise bad("its tokenizer settings differ from this version's")
        vocabulary = data["vocabulary"]
        if not isinstance(vocabulary, dict) or not all(
                isinstance(k, str) and _is_int(v) for k, v in vocabulary.items()):
            raise bad("'vocabulary' must map terms to column numbers")
        terms = sorted(vocabulary, key=vocabulary.__getitem__)
        if [vocabulary[t] for t in terms] != list(range(len(terms))):
            raise bad("'vocabulary' columns must be 0 to n-1, each once")
        idf = _numbers(data["idf"], "idf", bad)
        coef = _numbers(data["coef"], "coef", bad)
        names = data["lexicon_features"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise bad("'lexicon_features' must be a list of names")
        unknown = [n for n in names if not n.startswith("lexicon:") and n not in _TEXTBLOB]
        if unknown:
            raise bad(f"unknown feature {unknown[0]!r}")
        if len(idf) != len(terms):
            raise bad(f"'idf' has {len(idf)} values for {len(terms)} terms")
        if len(coef) != len(terms) + len(names):
            raise bad(f"'coef' has {len(coef)} values for {len(terms) + len(names)} features")
        intercept = data["intercept"]
        if not _is_number(intercept):
            raise bad("'intercept' must be a number")
        labels = data["label_names"]
        if not isinstance(labels, list) or len(labels) != 2 or not all(isinstance(x, str) for x in labels):
            raise bad("'label_names' must be two strings")
        n_train, description, version = data.get("n_train", 0), data.get("description", ""), \
            data.get("framing_version", "")
        if not _is_int(n_train) or not isinstance(description, str) or not isinstance(version, str):
            raise bad("'n_train', 'description' or 'framing_version' has the wrong type")
        features = SentenceFeatures(tuple(terms), idf, tuple(names))
        return cls(features, coef, float(intercept), (labels[0], labels[1]), description, n_train, version)

    def save(self, path: str | Path) -> None:
        """Write the model as UTF-8 JSON."""
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SentenceModel:
        """Read a model written by `save`; an unreadable or malformed file raises InputError."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            why = error.strerror if isinstance(error, OSError) and error.strerror else "not UTF-8 text"
            raise InputError(f"{path}: cannot read the sentence model ({why})") from None
        return cls.from_json(text, source=str(path))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _numbers(value: object, key: str, bad: Any) -> tuple[float, ...]:
    if not isinstance(value, list) or not all(_is_number(v) for v in value):
        raise bad(f"'{key}' must be a list of numbers")
    return tuple(float(v) for v in value)


def _check(texts: Sequence[str], labels: Sequence[int]) -> np.ndarray:
    y = np.asarray(list(labels))
    if len(texts) != len(y):
        raise ValueError(f"{len(texts)} texts but {len(y)} labels")
    if set(y.tolist()) != {0, 1}:
        raise ValueError("labels must be 0 (neutral) and 1 (loaded), with both present")
    return y.astype(np.int64)


def _classifier(C: float) -> LogisticRegression:
    # Balanced weights: loaded sentences are the minority in most corpora, and the score that matters is
    # how well the model finds them, not how often it says "neutral".
    return LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear")


def _fit(texts: Sequence[str], y: np.ndarray, C: float, names: tuple[str, ...],
         block: np.ndarray | None) -> tuple[SentenceFeatures, LogisticRegression]:
    features = SentenceFeatures.from_vectorizer(fit_vectorizer(texts), names)
    classifier = _classifier(C).fit(features.transform(texts, block), y)
    return features, classifier


def train(texts: Sequence[str], labels: Sequence[int], *, C: float = 1.0, lexicon: bool = True,
          description: str = "", label_names: tuple[str, str] = DEFAULT_LABELS) -> SentenceModel:
    """Fit the model; `labels` are 1 for loaded/biased and 0 for neutral.

    `lexicon=False` leaves out the lexicon and TextBlob block (a plain TF-IDF baseline to compare with).
    `description` says what the model was trained on; it travels in the JSON file.
    """
    from framing import __version__

    texts = list(texts)
    y = _check(texts, labels)
    features, classifier = _fit(texts, y, C, lexicon_feature_names() if lexicon else (), None)
    return SentenceModel(
        features=features,
        coef=tuple(float(v) for v in classifier.coef_[0]),
        intercept=float(classifier.intercept_[0]),
        label_names=label_names,
        description=description,
        n_train=len(texts),
        framing_version=__version__,
    )


def cross_validate(texts: Sequence[str], labels: Sequence[int], *, folds: int = 5, seed: int = 42,
                   C: float = 1.0, lexicon: bool = True) -> dict[str, float]:
    """Mean scores over stratified, shuffled folds (BABE's protocol: 5 folds, seed 42).

    Every fold fits its own vocabulary and idf on its training part only. Nothing is tuned here: `C` is
    given, never searched on the evaluation folds.
    """
    texts = list(texts)
    y = _check(texts, labels)
    names = lexicon_feature_names() if lexicon else ()
    block = lexicon_block(texts, names)  # the same for every fold: computed once
    scores: dict[str, list[float]] = {"sentence_weighted_f1": [], "sentence_macro_f1": [],
                                      "sentence_accuracy": [], "sentence_f1_positive": []}
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_at, test_at in splitter.split(np.zeros(len(y)), y):
        fold_texts = [texts[i] for i in train_at]
        test_texts = [texts[i] for i in test_at]
        features, classifier = _fit(fold_texts, y[train_at], C, names, block[train_at])
        predicted = classifier.predict(features.transform(test_texts, block[test_at]))
        truth = y[test_at]
        scores["sentence_weighted_f1"].append(f1_score(truth, predicted, average="weighted"))
        scores["sentence_macro_f1"].append(f1_score(truth, predicted, average="macro"))
        scores["sentence_accuracy"].append(accuracy_score(truth, predicted))
        scores["sentence_f1_positive"].append(f1_score(truth, predicted, pos_label=1, average="binary"))
    return {key: float(np.mean(values)) for key, values in scores.items()}
