"""The annotated-word model: how likely news-bias annotators are to mark a word in its sentence.

A binary logistic regression over one word at a time, each feature a readable name ("word:bizarre",
"before:so", "pos:JJ", "lexicon:emotive", "textblob:subjectivity"), so that a finding can say which words
of the sentence moved its probability. Tokens are the project's word tokens (`framing.text.word_spans`,
the ones `framing eval` counts) and tags come from TextBlob's lexicon tagger on those tokens, so the
features do not depend on the engine. The lexicon's own findings (of every category but the model's)
are features too, which lets the model learn where a curated entry's use is one annotators mark.

It is fitted on BABE's SG2 expert labels (Spinde et al. 2021): every labelled sentence of the training
split (`framing.evaluation.tasks.babe_split`; the held-out fifth never enters), a word being positive when
it is one of the sentence's annotated biased words. A word is a finding only with evidence, apart from its
score, that it evaluates (`evaluative_evidence`: annotators mark it far more often than neutral wire copy
uses it), and a feature of its uses in that wire copy (`wire_use`) pushes topic words down. The
regularisation C and the threshold for a finding are chosen by 5-fold cross-validation on that split (word
F1 of the model's findings together with the curated ones, with precision at least `MIN_PRECISION`; the
evidence is recounted inside each fold; `choose`). The model only adds findings: it never overrules
the editors' entries (a floor that suppressed strength-1 curated findings the model scored low was tried
and dropped, because it suppressed the editors' own examples of hedges and sponsorship epithets, which
BABE's annotators of US politics rarely see). Stored as plain JSON (never pickle); prediction needs no
scikit-learn. The weights are not shipped: BABE is released under AGPL-3.0, and whether weights learned
from it may go into this MIT package is for the maintainers to decide, so `framing train words --data
../shared/data` writes them (framing/models/annotated_words.json, git-ignored) for whoever wants the
layer (`--annotated`).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.learn.json_format import model_json, read_model_json

FORMAT = "framing-word-model"
SCHEMA = 2  # 2: the evaluative evidence a finding needs
DECIMALS = 4
MODEL_FILE = "annotated_words.json"
# The settings are chosen (`choose`) among those with cross-validated word precision at least 0.55: the
# issue asks for 0.50, and the curated lexicon's own precision was 0.10 lower on BABE's held-out fifth than
# on the folds its entries were written from (docs/EVALUATION.md), so the choice keeps a margin.
MIN_PRECISION = 0.55
FOLDS = 5
C_GRID = (1.0, 3.0, 10.0)
THRESHOLDS = (0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3, 0.35, 0.4, 0.45, 0.5)
F1_TOLERANCE = 0.01  # settings whose cross-validated F1 is this close count as equal (`choose`)
PRUNE = 0.05  # smaller weights are dropped in every fit, so cross-validation scores what is written (0.8 MB)
# The evidence a word needs to be the model's finding (`evaluative_evidence`): the log-odds z of its annotated
# uses against its uses in neutral wire copy. 1.5 of the levels tried on the training folds and on real
# articles (docs/lexicon-growth.md, fourth round), where TextBlob's grade as evidence was tried and dropped.
EVIDENCE_Z = 1.5
EVIDENCE_WIRE_MAX = 5  # a word neutral wire copy uses more often ("white", "human", "up") is never evidence
EVIDENCE_SHARE = 0.3  # nor one annotators mark in fewer of its uses in biased sentences ("refugees", "baby")
WIRE_OUTLETS = ("Reuters", "USA Today")  # neutral wire copy, as `framing lexicon suggest` contrasts with
DEGREE_WORDS = frozenset(("so", "very", "too", "most", "more", "extremely", "deeply", "truly", "utterly"))


@dataclass(frozen=True, slots=True)
class WordContext:
    """What the features of one word may look at: its sentence's tokens and tags, and, for every token,
    the lexicon findings that cover it as (category, strength) pairs."""

    words: tuple[str, ...]  # lower-cased word tokens
    raw: tuple[str, ...]  # the tokens as written
    tags: tuple[str, ...]  # Penn tags
    covered: tuple[tuple[tuple[str, int], ...], ...]


# ------------------------------------------------------------------------------------------- the features
# Each rule gives one word's features of one kind; `word_features` joins them. Names read as
# "kind:value" so that an explanation can print them as they are.


def identity(context: WordContext, i: int) -> dict[str, float]:
    """The word itself: what annotators think of this word, everything else equal."""
    return {f"word:{context.words[i]}": 1.0}


def part_of_speech(context: WordContext, i: int) -> dict[str, float]:
    return {f"pos:{context.tags[i][:2]}": 1.0}


def neighbours(context: WordContext, i: int) -> dict[str, float]:
    """The words either side ("so bizarre", "bizarre syntax"), and the word before with this word's
    part of speech."""
    before = context.words[i - 1] if i else "<start>"
    after = context.words[i + 1] if i + 1 < len(context.words) else "<end>"
    return {f"before:{before}": 1.0, f"after:{after}": 1.0, f"before+pos:{before} {context.tags[i][:2]}": 1.0}


def after_degree_word(context: WordContext, i: int) -> dict[str, float]:
    return {"after-degree-word": 1.0} if i and context.words[i - 1] in DEGREE_WORDS else {}


def capitalised(context: WordContext, i: int) -> dict[str, float]:
    """A capitalised word inside the sentence is usually a name, which annotators rarely mark."""
    return {"capitalised": 1.0} if i and context.raw[i][:1].isupper() else {}


def suffix(context: WordContext, i: int) -> dict[str, float]:
    """The last three letters ("-ous", "-ist"): a hint for words the training sentences never showed."""
    word = context.words[i]
    return {f"suffix:{word[-3:]}": 1.0} if len(word) > 3 else {}


def textblob_grade(context: WordContext, i: int) -> dict[str, float]:
    """TextBlob's graded subjectivity and polarity of the word (framing.graded), when it has one."""
    from framing.graded import read_lexicon

    grade = read_lexicon().get(context.words[i])
    if grade is None:
        return {}
    out = {"textblob:subjectivity": grade.subjectivity, "textblob:strength": abs(grade.polarity)}
    if grade.polarity < 0:
        out["textblob:unfavourable"] = 1.0
    return out


def lexicon_findings(context: WordContext, i: int) -> dict[str, float]:
    """The curated lexicon's findings over the word: their category and strength."""
    out: dict[str, float] = {}
    for category, strength in context.covered[i]:
        out[f"lexicon:{category}"] = 1.0
        out[f"lexicon-strength:{strength}"] = 1.0
    return out


def wire_use(uses: int) -> dict[str, float]:
    """How often the word appears in neutral wire copy (`wire_uses`, counted on the training sentences), as
    log(1 + uses): the topic words of biased sentences are common there too, so their score goes down. It
    reads the model's table, not the sentence, so `WordModel.features` adds it to `word_features`."""
    return {"wire:uses": round(math.log1p(uses), DECIMALS)} if uses > 0 else {}


Rule = Callable[[WordContext, int], dict[str, float]]
# Rules that read only the word itself, so a model can add up their weights once per word form.
WORD_RULES: tuple[Rule, ...] = (identity, suffix, textblob_grade)
CONTEXT_RULES: tuple[Rule, ...] = (
    part_of_speech, neighbours, after_degree_word, capitalised, lexicon_findings
)


def word_features(context: WordContext, i: int) -> dict[str, float]:
    out: dict[str, float] = {"bias": 1.0}
    for rule in (*WORD_RULES, *CONTEXT_RULES):
        out.update(rule(context, i))
    return out


def in_name(context: WordContext, i: int) -> bool:
    """Whether word i is part of a name or title: capitalised next to another capitalised word ("the Cold
    War", "Justice Department"), outside a title-case headline, where every long word is. A single
    capitalised word may still be a label ("Trumpism", "Antifa"), which annotators mark."""
    def capital(j: int) -> bool:
        return 0 <= j < len(context.raw) and context.raw[j][:1].isupper()

    if not capital(i) or not (capital(i - 1) or capital(i + 1)):
        return False
    return not headline(context)


def headline(context: WordContext) -> bool:
    """A title-case headline: every word of four letters or more is capitalised (at least three)."""
    long = [w for w in context.raw if len(w) >= 4 and w[:1].isalpha()]
    return len(long) >= 3 and all(w[:1].isupper() for w in long)


# Tag families of function words: prepositions and particles ("lash out", "ramp up"), determiners,
# conjunctions, pronouns, modals, numbers. Annotators mark them inside a phrase, never as loaded alone.
FUNCTION_TAGS = frozenset(("IN", "RP", "DT", "PD", "CC", "TO", "PR", "WP", "WD", "WR", "MD", "EX", "CD"))


def content_word(context: WordContext, i: int) -> bool:
    """Whether word i is a content word: not tagged as a function word (`FUNCTION_TAGS`)."""
    return context.tags[i][:2] not in FUNCTION_TAGS


def may_flag(context: WordContext, i: int) -> bool:
    """Whether word i may be a finding of the model: a content word with a letter, not part of a name."""
    return any(c.isalpha() for c in context.raw[i]) and not in_name(context, i) and content_word(context, i)


def sentence_context(
    text: str, start: int, end: int, findings: Iterable[tuple[int, int, str, int]]
) -> tuple[list[tuple[int, int]], WordContext]:
    """The spans of text[start:end]'s word tokens and their context; `findings` are (start, end, category,
    strength) of the lexicon's findings in the text (those outside the sentence are ignored)."""
    from framing.nlp import find_tags
    from framing.text import word_spans

    tokens = [(s + start, e + start, w) for s, e, w in word_spans(text[start:end])]
    raw = tuple(text[s:e] for s, e, _ in tokens)
    tags = tuple(find_tags(list(raw))) if raw else ()
    inside = [f for f in findings if f[0] < end and start < f[1]]
    covered = tuple(
        tuple((category, strength) for fs, fe, category, strength in inside if fs <= s and e <= fe)
        for s, e, _ in tokens
    )
    context = WordContext(tuple(w for _, _, w in tokens), raw, tags, covered)
    return [(s, e) for s, e, _ in tokens], context


# ------------------------------------------------------------------------------------ evaluative evidence
# BABE marks words only in biased sentences, so a model of its marks also learns the topics of biased
# sentences ("abortion providers", "storm surges"). A word becomes a finding only with evidence, outside the
# model's score, that the word itself evaluates.


@dataclass(frozen=True)
class Evidence:
    """What counts as evidence that a word is evaluative: BABE's annotators mark it far more often than
    neutral wire copy uses it, a log-odds z (`wire_contrast`, counted on the training sentences) of at least
    `z_min`, wire copy uses it at most `wire_max` times, and annotators mark at least `share_min` of its uses
    in biased sentences. `contrast` holds the words that pass all three; `evaluative_evidence` reads it."""

    contrast: Mapping[str, float]
    z_min: float = EVIDENCE_Z
    wire_max: int = EVIDENCE_WIRE_MAX
    share_min: float = EVIDENCE_SHARE


def evaluative_evidence(word: str, evidence: Evidence | None) -> float | None:
    """The evidence that `word` (lower-cased) is evaluative: its log-odds z in `evidence.contrast` when at
    least `evidence.z_min`, else None. A model without evidence (None: hand-built) lets every word through
    (with z 0).

    >>> evaluative_evidence("radical", Evidence({"radical": 6.2, "storm": 1.4}))
    6.2
    >>> evaluative_evidence("storm", Evidence({"radical": 6.2, "storm": 1.4})) is None
    True
    """
    if evidence is None:
        return 0.0
    z = evidence.contrast.get(word)
    return z if z is not None and z >= evidence.z_min else None


def wire_contrast(sentences: Iterable[LabelledSentence], z_min: float = EVIDENCE_Z,
                  wire_max: int = EVIDENCE_WIRE_MAX, share_min: float = EVIDENCE_SHARE) -> dict[str, float]:
    """Words whose annotated uses (marked in biased sentences) stand out against their uses in neutral wire
    copy (non-biased sentences of `WIRE_OUTLETS`) with a log-odds z of at least `z_min` (Monroe et al.
    2008, as `framing lexicon suggest` ranks), which wire copy uses at most `wire_max` times and which
    annotators mark in at least `share_min` of their uses in biased sentences, by word, rounded."""
    from framing.compare.stats import log_odds_z

    sentences = list(sentences)
    marked: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for s in sentences:
        if s.biased:
            marked.update(w for w, m in zip(s.words, s.marked, strict=True) if m)
            seen.update(s.words)
    wire = wire_uses(sentences)
    n_marked, n_wire = marked.total(), sum(wire.values())
    if not n_marked or not n_wire:
        return {}
    scores = {w: round(log_odds_z(n, wire.get(w, 0), n_marked, n_wire), 2) for w, n in marked.items()}
    return {
        w: z for w, z in sorted(scores.items())
        if z >= z_min and wire.get(w, 0) <= wire_max and marked[w] >= share_min * seen[w]
    }


def wire_uses(sentences: Iterable[LabelledSentence]) -> dict[str, int]:
    """Every word's uses in the neutral wire copy among `sentences` (non-biased, `WIRE_OUTLETS`)."""
    return dict(sorted(Counter(w for s in sentences if s.wire and not s.biased for w in s.words).items()))


# ----------------------------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class WordModel:
    """Weights by feature name, the intercept, the threshold chosen with them, and the evidence a word needs
    besides its score (None: none, for hand-built models)."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float  # a word at or above it is a finding of the model's category
    metadata: dict[str, Any] = field(default_factory=dict)
    evidence: Evidence | None = None
    wire_uses: Mapping[str, int] = field(default_factory=dict)  # the table `wire_use` reads
    _word_sums: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)

    def score(self, features: Mapping[str, float]) -> float:
        return _logistic(self.intercept + self._sum(features))

    def score_word(self, context: WordContext, i: int) -> float:
        """`score(self.features(context, i))`, with the word-only rules' sum kept per word form (what
        detection calls for every word of a text)."""
        word = context.words[i]
        fixed = self._word_sums.get(word)
        if fixed is None:
            fixed = self._word_sums[word] = sum(
                self._sum(rule(context, i)) for rule in WORD_RULES
            ) + self._sum(wire_use(self.wire_uses.get(word, 0)))
        return _logistic(self.intercept + fixed + sum(self._sum(rule(context, i)) for rule in CONTEXT_RULES))

    def features(self, context: WordContext, i: int) -> dict[str, float]:
        """`word_features` with the model's own table's feature, `wire_use`."""
        return {**word_features(context, i), **wire_use(self.wire_uses.get(context.words[i], 0))}

    def _sum(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        return sum(weights.get(name, 0.0) * value for name, value in features.items())

    def explain(self, features: Mapping[str, float], top: int = 3) -> list[tuple[str, float]]:
        """The features that moved the word's score most, largest first: (name, contribution)."""
        contributions = [
            (name, self.weights[name] * value)
            for name, value in features.items()
            if name != "bias" and self.weights.get(name) and value
        ]
        contributions.sort(key=lambda pair: (-abs(pair[1]), pair[0]))
        return [(name, round(value, 2)) for name, value in contributions[:top]]

    def evidence_for(self, word: str) -> float | None:
        """`evaluative_evidence` of the lower-cased `word` under this model's evidence."""
        return evaluative_evidence(word, self.evidence)

    def to_json(self) -> str:
        """Plain JSON, one weight per line, sorted by name."""
        head: dict[str, Any] = {"format": FORMAT, "schema": SCHEMA, "intercept": self.intercept,
                                "threshold": self.threshold, "metadata": self.metadata}
        if self.evidence is not None:
            e = self.evidence
            head["evidence"] = {"z_min": e.z_min, "wire_max": e.wire_max, "share_min": e.share_min,
                                "contrast": dict(sorted(e.contrast.items()))}
        if self.wire_uses:
            head["wire_uses"] = dict(sorted(self.wire_uses.items()))
        return model_json(
            head, (f"  {json.dumps(k, ensure_ascii=False)}: {v}" for k, v in sorted(self.weights.items()))
        )

    @classmethod
    def from_json(cls, text: str, source: str = "word model") -> WordModel:
        """The model in `text`; anything malformed raises InputError with one line naming `source`."""
        raw, bad = read_model_json(text, source=source, model="word model", format_name=FORMAT, schema=SCHEMA)
        intercept, threshold = raw.get("intercept"), raw.get("threshold")
        if not isinstance(intercept, int | float) or not isinstance(threshold, int | float) or not (
            _finite(intercept) and _finite(threshold)
        ):
            raise bad("intercept and threshold must be finite numbers")
        weights = raw.get("weights")
        if not isinstance(weights, dict) or not all(_finite(v) for v in weights.values()):
            raise bad("'weights' must be an object of feature: number")
        metadata = raw.get("metadata", {})
        if not isinstance(metadata, dict):
            raise bad("'metadata' must be an object")
        weights = {str(k): float(v) for k, v in weights.items()}
        wire = raw.get("wire_uses", {})
        if not isinstance(wire, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in wire.values()
        ):
            raise bad("'wire_uses' must be an object of word: positive whole number")
        return cls(weights, float(intercept), float(threshold), metadata, _parse_evidence(raw, bad),
                   {str(k): n for k, n in wire.items()})

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(self.to_json(), encoding="utf-8")


def _parse_evidence(raw: Mapping[str, Any], bad: Callable[[str], InputError]) -> Evidence | None:
    """The model file's "evidence" object (absent: None, a model without the gate)."""
    if "evidence" not in raw:
        return None
    evidence = raw["evidence"]
    if not isinstance(evidence, dict) or set(evidence) != {"z_min", "wire_max", "share_min", "contrast"}:
        raise bad("'evidence' must be an object of z_min, wire_max, share_min and contrast")
    contrast, wire_max = evidence["contrast"], evidence["wire_max"]
    if not (_finite(evidence["z_min"]) and _finite(evidence["share_min"])) or not isinstance(
        contrast, dict
    ) or not all(_finite(v) for v in contrast.values()):
        raise bad("'evidence' needs a finite z_min and share_min and a contrast object of word: number")
    if not isinstance(wire_max, int) or isinstance(wire_max, bool) or wire_max < 0:
        raise bad("'evidence.wire_max' must be a whole number, 0 or more")
    return Evidence({str(k): float(v) for k, v in contrast.items()}, float(evidence["z_min"]), wire_max,
                    float(evidence["share_min"]))


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# ----------------------------------------------------------------------------------------------- training


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    """One training sentence: its words' features, which words annotators marked, and whether the
    sentence was labelled biased (words are scored only on biased sentences, as `framing eval babe`
    does); `fold` is fixed by a hash of the text."""

    features: tuple[dict[str, float], ...]
    marked: tuple[bool, ...]
    biased: bool
    covered: tuple[bool, ...]  # whether a curated finding that `framing eval` counts covers the word
    flaggable: tuple[bool, ...]  # `may_flag`
    fold: int
    words: tuple[str, ...] = ()  # the lower-cased words, for the evidence counted in each fold
    wire: bool = False  # a non-biased sentence from neutral wire copy (`WIRE_OUTLETS`)


def babe_training_sentences(data: Path, lexicon: Any, engine: Any = None,
                            limit: int | None = None) -> Iterator[LabelledSentence]:
    """BABE SG2's labelled sentences outside the held-out fifth, as the model sees them: the curated
    findings come from `lexicon` with the model's own layer left out."""
    from framing.detect import detect
    from framing.evaluation.tasks import WORD_KINDS, babe_split, hash_bucket
    from framing.text import prepare

    path = data / "babe_sg2_final_labels.jsonl"
    if not path.is_file():
        raise InputError(f"{path}: not found (give the folder holding babe/ with --data)")
    ignore = (lexicon.layer.category,) if lexicon.layer is not None else ()
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                break
            row = json.loads(line) if line.strip() else {}
            text = str(row.get("text", ""))
            if row.get("label_bias") not in ("Biased", "Non-biased") or babe_split(text) != "train":
                continue
            found = detect(prepare(text), lexicon, ignore=ignore, engine=engine)
            spans, context = sentence_context(
                text, 0, len(text), [(f.start, f.end, f.entry.category, f.entry.strength) for f in found]
            )
            counted = [f for f in found if f.entry.kind in WORD_KINDS]
            gold = {str(w).lower().replace("\u2019", "'").strip() for w in row.get("biased_words") or []}
            yield LabelledSentence(
                tuple(word_features(context, i) for i in range(len(spans))),
                tuple(w in gold for w in context.words),
                row["label_bias"] == "Biased",
                tuple(any(f.start <= s and e <= f.end for f in counted) for s, e in spans),
                tuple(may_flag(context, i) for i in range(len(spans))),
                hash_bucket(f"fold:{text}", FOLDS),
                context.words,
                row["label_bias"] == "Non-biased" and row.get("outlet") in WIRE_OUTLETS,
            )


def _fit(sentences: Sequence[LabelledSentence], C: float,
         wire: Mapping[str, int]) -> tuple[dict[str, float], float]:
    """Weights and intercept fitted on `sentences`, `wire_use` read from `wire`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform([
        {**f, **wire_use(wire.get(w, 0))} for s in sentences for f, w in zip(s.features, s.words, strict=True)
    ])
    y = [m for s in sentences for m in s.marked]
    model = LogisticRegression(C=C, max_iter=3000, fit_intercept=False).fit(X, y)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), DECIMALS) for n, w in zip(names, model.coef_[0], strict=True)
               if abs(w) >= PRUNE or n == "bias"}
    intercept = weights.pop("bias", 0.0)
    return weights, intercept


def _word_prf(scored: Sequence[tuple[float, bool, bool]], threshold: float) -> tuple[float, ...]:
    """Word P/R/F1 when a word is predicted by a curated finding or by a model score at the threshold;
    `scored` holds (score, marked, covered), with score 0 for a word the model may not flag."""
    tp = fp = fn = 0
    for score, marked, covered in scored:
        hit = covered or score >= threshold
        tp += hit and marked
        fp += hit and not marked
        fn += marked and not hit
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _scored(model: WordModel, s: LabelledSentence) -> list[tuple[float, bool, bool]]:
    """(score, marked, covered) of each word of `s`, score 0 for a word the model may not flag or that has
    no evaluative evidence."""
    return [
        (model.score({**f, **wire_use(model.wire_uses.get(w, 0))})
         if may and model.evidence_for(w) is not None else 0.0,
         m, c)
        for f, m, c, may, w in zip(s.features, s.marked, s.covered, s.flaggable, s.words, strict=True)
    ]


def choose(settings: Sequence[tuple[float, float, float, float]]) -> dict[str, float]:
    """The setting to train with, of (C, threshold, precision, F1) scored in cross-validation: among those
    with precision >= MIN_PRECISION and F1 within F1_TOLERANCE of the best such F1, the highest threshold
    (then the higher F1, then the smaller C). Past the evidence gate, cross-validated F1 hardly moves with
    the threshold while precision on real articles rises with it, so where the folds cannot tell settings
    apart the stricter one is taken.

    >>> choose([(1.0, 0.2, 0.60, 0.430), (1.0, 0.4, 0.63, 0.425), (1.0, 0.5, 0.65, 0.40)])
    {'C': 1.0, 'threshold': 0.4}
    """
    precise = [s for s in settings if s[2] >= MIN_PRECISION]
    if not precise:
        raise InputError(f"no setting reaches word precision {MIN_PRECISION} in cross-validation")
    best = max(f1 for *_, f1 in precise)
    C, threshold, _, _ = max(
        (s for s in precise if s[3] >= best - F1_TOLERANCE), key=lambda s: (s[1], s[3], -s[0])
    )
    return {"C": C, "threshold": threshold}


def cross_validate(sentences: Sequence[LabelledSentence], log: Callable[[str], None] = lambda line: None,
                   *, evidence: bool = True) -> dict[str, Any]:
    """Every (C, threshold) of the grids scored by 5-fold CV on the training split: word P/R/F1 on the
    biased sentences of each held-out fold, a word scoring only when it may be flagged and, with
    `evidence`, has evaluative evidence (the wire contrast counted on the other folds). The choice is
    `choose`'s."""
    grid: dict[str, list[float]] = {}
    settings: list[tuple[float, float, float, float]] = []  # (C, threshold, precision, F1)
    for C in C_GRID:
        scored: list[tuple[float, bool, bool]] = []
        for k in range(FOLDS):
            training = [s for s in sentences if s.fold != k]
            wire = wire_uses(training)
            weights, intercept = _fit(training, C, wire)
            model = WordModel(weights, intercept, 0.0, wire_uses=wire,
                              evidence=Evidence(wire_contrast(training)) if evidence else None)
            for s in sentences:
                if s.fold == k and s.biased:
                    scored += _scored(model, s)
        for threshold in THRESHOLDS:
            p, r, f1 = _word_prf(scored, threshold)
            grid[f"C={C} threshold={threshold}"] = [round(p, 3), round(r, 3), round(f1, 3)]
            settings.append((C, threshold, p, f1))
        log(f"C={C}: best F1 {max(f for c, _, _, f in settings if c == C):.3f}")
    chosen = choose(settings)
    return {"chosen": chosen, "cv_word_prf": grid[f"C={chosen['C']} threshold={chosen['threshold']}"],
            "cv_grid": grid}


def train_word_model(sentences: Sequence[LabelledSentence], metadata: dict[str, Any],
                     log: Callable[[str], None] = lambda line: None, *, evidence: bool = True) -> WordModel:
    """The model fitted on all of `sentences` with the cross-validated choice, small weights pruned; without
    `evidence`, a model with no evidence gate (every word may be its finding, as before the gate)."""
    cv = cross_validate(sentences, log, evidence=evidence)
    chosen = cv["chosen"]
    wire = wire_uses(sentences)
    weights, intercept = _fit(sentences, chosen["C"], wire)
    return WordModel(weights, intercept, chosen["threshold"],
                     {**metadata, **cv, "n_sentences": len(sentences),
                      "n_words": sum(len(s.marked) for s in sentences)},
                     Evidence(wire_contrast(sentences)) if evidence else None, wire)
