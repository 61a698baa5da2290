"""A learned, explainable actor-sentiment model: negative, neutral or positive toward one mention.

Features come from the engine's parse of the mention's sentence (`mention_features`): the words either
side, the sentence's content words, the words that govern the mention (with the relation) and what they
say of it, the mention's modifiers, TextBlob polarity and lexicon findings nearby; names, numbers, dates
and the actor's own names never speak. Every feature has a readable name ("G0:nsubj:attack", "M:brutal"),
so `explain` can say which words moved a prediction.

The model is a multinomial logistic regression (scikit-learn, training only), stored as plain JSON
(never pickle): one line per feature with its three weights. Prediction needs no scikit-learn.
The shipped weights (`framing/models/actor_sentiment.json`, written by
`framing train actors`) are trained on NewsMTSC's training set (Hamborg and Donnay 2021,
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
from framing.learn.json_format import model_json, read_model_json
from framing.engine.model import Document, SentenceParse, Token
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

# Universal parts of speech whose words carry a judgement; names (PROPN), function words and numbers never
# become features, so the model cannot learn "a sentence about X is negative" from the topic.
CONTENT = frozenset(("ADJ", "ADV", "NOUN", "VERB", "INTJ"))
NOT_FEATURES = frozenset(("PROPN", "NUM"))  # names and number words ("two years ago")
# Dependents of a mention that describe it: "the brutal regime", "Saleh, a veteran commander", "forces
# that shelled the town".
MODIFIERS = frozenset(("amod", "appos", "acl", "relcl", "compound", "nmod", "advmod", "poss"))
# Dependents of the governing verb that say what the mention does or undergoes.
COMPLEMENTS = frozenset(("dobj", "attr", "acomp", "xcomp", "ccomp", "prep", "advmod", "oprd", "npadvmod"))
SUBJECTS = frozenset(("nsubj", "nsubjpass", "agent", "csubj"))
GOVERNORS = frozenset(("VERB", "AUX", "ADJ", "NOUN"))
CHAIN = 3  # governors followed upward from the mention


def target_features(
    text: str,
    start: int,
    end: int,
    *,
    lexicon: Lexicon,
    actor_data: Any,
    window: int = WINDOW,
    engine: str | None = None,
    document: Document | None = None,
) -> dict[str, float]:
    """Readable features for the mention text[start:end] (end exclusive); zero values are left out.
    `document` is the text's parse where the caller has it (training and evaluation parse each text
    once); otherwise `engine` parses it."""
    from framing.detect import detect
    from framing.engine import get_engine

    if not 0 <= start < end <= len(text):
        raise ValueError(f"mention span ({start}, {end}) is outside a text of {len(text)} characters")
    if document is None:
        document = get_engine(engine).parse(text)
    return document_features(
        document, start, end, detect(document, lexicon), window=window, exclude=actor_data.words("date_words")
    )


def document_features(
    document: Document,
    start: int,
    end: int,
    findings: Iterable[Finding],
    *,
    window: int = WINDOW,
    exclude: Iterable[str] = (),
) -> dict[str, float]:
    """The features of the mention text[start:end] of a parsed document: `mention_features` over the
    parse of the sentence that holds it (for an evaluation's target, which has no frame yet)."""
    parse = document.parses[document.sentence_index().nearest(start)]
    return mention_features(parse, start, end, findings, window=window, exclude=exclude)


def mention_features(
    parse: SentenceParse,
    start: int,
    end: int,
    findings: Iterable[Finding],
    frame: ActorFrame | None = None,
    *,
    window: int = WINDOW,
    cache: dict[Any, Any] | None = None,
    exclude: Iterable[str] = (),
) -> dict[str, float]:
    """The features of one mention in its parsed sentence: the same function serves training and
    evaluation (`target_features`) and `framing analyze`, so all see identical features. `cache` (one dict per
    document) keeps each sentence's polarity from being computed once per mention.

    Only the words around the mention speak: the mention's own words, the words of the actor's other
    names (from `frame`), `exclude` (dates, weekdays), names and numbers are never features.
    Families, each named by its prefix:
      L:/R:  words within `window` tokens left and right;
      W:     the sentence's content words (lemmas of adjectives, adverbs, nouns, verbs);
      G0..G2: the verbs, adjectives or nouns that govern the mention, with the relation ("G0:nsubj:attack"),
      G:     the same governors without the relation, ":neg" when negated;
      C:/S:  what the first governor says of it: its complements and its other subjects or agents;
      M:     words that modify the mention ("brutal", "a veteran commander");
      window:/sentence: TextBlob polarity and subjectivity; near: lexicon categories in the window.
    The fast engine has no dependencies: its G/C/S/M features come from its clauses and chunks
    (`_clause_features`), an approximation of the same evidence."""
    cache = {} if cache is None else cache
    tokens = parse.tokens
    inside = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
    masked = {tokens[i].lower for i in inside}
    masked.update(exclude)
    if frame is not None:
        masked.update(w.lower().replace("\u2019", "'") for name in frame.names for w in name.text.split())
    features = cast("dict[str, float]", Counter())
    first = inside[0] if inside else next((i for i, t in enumerate(tokens) if t.start >= end), len(tokens))
    last = inside[-1] + 1 if inside else first
    left, right = tokens[max(0, first - window) : first], tokens[last : last + window]
    kept: list[str] = []
    for side, span in (("L", left), ("R", right)):
        for token in span:
            if _speaks(token, masked):
                features[f"{side}:{token.lower}"] = 1
                kept.append(token.text)
    content_key = ("content", parse.start)
    if content_key not in cache:  # per sentence: content words that may speak, with their lemmas
        cache[content_key] = [
            (t.lower, _lemma(t))
            for t in tokens
            if t.pos in CONTENT and t.pos not in NOT_FEATURES and any(c.isalpha() for c in t.lower)
        ]
    for lower, lemma in cache[content_key]:
        if lower not in masked:
            features[f"W:{lemma}"] = 1
    if inside:
        if any(t.dep for t in tokens):
            _dependency_features(features, tokens, set(inside), masked)
        else:
            _clause_features(features, parse, set(inside), masked)
    key = ("polarity", parse.start)
    if key not in cache:
        cache[key] = _polarity_subjectivity([t.text for t in tokens])
    for name, (polarity, subjectivity) in (
        ("window", _polarity_subjectivity(kept)),
        ("sentence", cache[key]),
    ):
        features[f"{name}:polarity"] = round(float(polarity), 4)
        features[f"{name}:subjectivity"] = round(float(subjectivity), 4)
    w_start = left[0].start if left else start
    w_end = right[-1].end if right else end
    for finding in findings:
        within = start <= finding.start and finding.end <= end
        if not within and finding.start < w_end and w_start < finding.end:
            features[f"near:{finding.entry.category}"] += 1
    return {name: float(value) for name, value in sorted(features.items()) if value}


def _speaks(token: Token, masked: set[str]) -> bool:
    """A word that may be a feature: alphabetic, not a name or number, not the actor's own words or dates."""
    lower = token.lower
    return token.pos not in NOT_FEATURES and lower not in masked and any(c.isalpha() for c in lower)


def _lemma(token: Token) -> str:
    return (token.lemma or token.lower).lower()


def _dependency_features(
    features: dict[str, float], tokens: tuple[Token, ...], inside: set[int], masked: set[str]
) -> None:
    """G/C/S/M features from a dependency parse (the spaCy engine)."""
    heads = [i for i in sorted(inside) if tokens[i].head not in inside or tokens[i].head == i]
    head = heads[0] if heads else max(inside)
    children: dict[int, list[int]] = {}
    for i, token in enumerate(tokens):
        if token.head != i and 0 <= token.head < len(tokens):
            children.setdefault(token.head, []).append(i)

    def subtree(i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(children.get(j, ()))
        return out

    def words(prefix: str, roots: list[int]) -> None:
        for root in roots:
            for j in subtree(root):
                if j not in inside and tokens[j].pos in CONTENT and _speaks(tokens[j], masked):
                    features[f"{prefix}:{_lemma(tokens[j])}"] = 1

    for i in inside:
        words("M", [c for c in children.get(i, ()) if c not in inside and tokens[c].dep in MODIFIERS])
    relation, governor = tokens[head].dep, tokens[head].head
    for depth in range(CHAIN):
        if not 0 <= governor < len(tokens) or governor in inside:
            break
        token = tokens[governor]
        if token.pos in GOVERNORS and _speaks(token, masked):
            negated = any(tokens[c].dep == "neg" for c in children.get(governor, ()))
            features[f"G{depth}:{relation}:{_lemma(token)}"] = 1
            features[f"G:{_lemma(token)}{':neg' if negated else ''}"] = 1
            if depth == 0:
                own = children.get(governor, ())
                words("C", [c for c in own if c not in inside and tokens[c].dep in COMPLEMENTS])
                words("S", [c for c in own if c not in inside and tokens[c].dep in SUBJECTS])
        if token.head == governor:
            break
        relation, governor = token.dep, token.head


_CLAUSE_RELATIONS = (("subject", "nsubj"), ("obj", "dobj"), ("by_agent", "agent"), ("against", "prep"))


def _clause_features(
    features: dict[str, float], parse: SentenceParse, inside: set[int], masked: set[str]
) -> None:
    """The fast engine's approximation of `_dependency_features`: the clauses whose subject, object or
    by-agent holds the mention give its governors and what they say of it; the words of its noun chunk
    before it modify it."""
    tokens = parse.tokens

    def words(prefix: str, span: tuple[int, int] | None) -> None:
        if span is not None:
            for j in range(*span):
                if j not in inside and tokens[j].pos in CONTENT and _speaks(tokens[j], masked):
                    features[f"{prefix}:{_lemma(tokens[j])}"] = 1

    for clause in parse.clauses:
        for field_name, relation in _CLAUSE_RELATIONS:
            span = getattr(clause, field_name)
            if span is None or not inside.intersection(range(*span)):
                continue
            verb = tokens[clause.verb]
            if field_name == "subject" and clause.passive:
                relation = "nsubjpass"
            features[f"G0:{relation}:{_lemma(verb)}"] = 1
            features[f"G:{_lemma(verb)}{':neg' if clause.negated else ''}"] = 1
            if field_name == "subject":
                words("C", clause.obj)
                words("S", clause.by_agent)
            else:
                words("S", clause.subject)
    for chunk in parse.chunks:
        if chunk.kind == "NP" and inside.intersection(range(chunk.start, chunk.end)):
            words("M", (chunk.start, chunk.end))


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

    def explain(
        self, features: Mapping[str, float], top: int = 5, label: str | None = None
    ) -> list[tuple[str, float]]:
        """The features that moved the prediction most: (name, signed contribution to the predicted
        class's score), largest magnitude first; positive means toward the predicted class."""
        if label is None:
            label, _ = self.predict(features)
        row = self.coef[self.classes.index(label)]
        contributions = [
            (name, row[self._index[name]] * value)
            for name, value in features.items()
            if name in self._index and value and row[self._index[name]]
        ]
        contributions.sort(key=lambda pair: (-abs(pair[1]), pair[0]))
        return [(name, round(value, DECIMALS)) for name, value in contributions[:top]]

    def to_json(self) -> str:
        """Plain JSON, one feature per line with its weights in class order."""
        head = {
            "format": FORMAT,
            "schema": SCHEMA,
            "classes": list(self.classes),
            "intercept": list(self.intercept),
            "metadata": self.metadata,
        }
        weights = (
            f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps([row[j] for row in self.coef])}"
            for j, name in enumerate(self.features)
        )
        return model_json(head, weights)

    @classmethod
    def from_json(cls, text: str, source: str = "actor-sentiment model") -> ActorSentimentModel:
        """The model in `text`; anything malformed raises InputError with one line naming `source`."""
        raw, bad = read_model_json(text, source=source, model="actor-sentiment model", format_name=FORMAT,
                                   schema=SCHEMA)
        classes = raw.get("classes")
        if (
            not isinstance(classes, list)
            or not classes
            or not all(isinstance(c, str) for c in classes)
            or len(set(classes)) != len(classes)
        ):
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


def train(
    examples: Iterable[tuple[Mapping[str, float], str]],
    *,
    C: float = 1.0,
    min_count: int = 3,
    metadata: Mapping[str, Any] | None = None,
) -> ActorSentimentModel:
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
    matrix = csr_matrix(
        (np.array(data, dtype=float), np.array(columns, dtype=np.int64), np.array(pointers)),
        shape=(len(rows), len(names)),
    )
    classifier = LogisticRegression(C=C, solver="lbfgs", class_weight="balanced", max_iter=3000)
    classifier.fit(matrix, np.array(labels))
    order = [list(classifier.classes_).index(c) for c in CLASSES]
    coef = tuple(tuple(round(float(v), DECIMALS) for v in classifier.coef_[k]) for k in order)
    intercept = tuple(round(float(classifier.intercept_[k]), DECIMALS) for k in order)
    from framing import __version__

    meta = {
        **DEFAULT_METADATA,
        "n_train": len(rows),
        "framing_version": __version__,
        "C": C,
        "min_count": min_count,
        **(metadata or {}),
    }
    return ActorSentimentModel(names, coef, intercept, CLASSES, meta)


@cache
def default_model() -> ActorSentimentModel | None:
    """The model shipped in `framing/models/actor_sentiment.json`, or None when it is not there."""
    from framing.actors.score import load_shipped

    return load_shipped(MODEL_FILE, ActorSentimentModel.from_json)
