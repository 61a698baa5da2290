"""Fits the actor models from human labels, and reads the data they are fitted and tested on.

Two models, both plain JSON in `framing/models/` (never pickle), both recording what they were fitted on:

1. the mention-sentiment model (`actor_sentiment.json`, framing/learn/actor_sentiment.py): the words
   around a mention -> negative / neutral / positive; fitted on NewsMTSC train (Hamborg and Donnay 2021);
2. the score model (`actor_score.json`, framing/actors/score.py): weights of the score components in an
   ordinal logistic regression, fitted on NewsMTSC train (with out-of-fold mention-sentiment readings,
   so the sentiment component is never read in-sample), NewsMTSC dev (rw and mt paper splits) and
   PerSenT dev (Bastan et al. 2020). The regularisation C and class weighting are chosen by grouped
   5-fold cross-validation (mean of the NewsMTSC and PerSenT CV macro-F1).

Test splits (NewsMTSC test rw and mt, PerSenT random_test and fixed_test) are read once, after every
choice is made, and only to record the figures in the model files.
"""

from __future__ import annotations

import csv
import re
import sys
import time
from itertools import product
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from framing.actors.score import CLASSES, COMPONENTS, PRIOR, WEIGHTS, ScoreModel
from framing.evaluation.metrics import accuracy, macro_f1
from framing.model import ActorFrame, Evidence, Lexicon, Role

TARGET = "target"
FOLDS = 5
C_GRID = (0.1, 1.0, 10.0)
PRIOR_GRID = (0.5, 1.0, 2.0)  # pseudo-items per component: how far one item moves the score
MENTION_C_GRID = (0.1, 0.3, 1.0)  # the mention model's C: chosen by grouped CV on NewsMTSC train
MENTION_MIN_COUNT = 3  # fixed in advance


@dataclass(frozen=True)
class Example:
    """One labelled target: a text, the target's spans, its gold class, and a group id for CV folds."""

    text: str
    spans: tuple[tuple[int, int], ...]
    gold: str
    group: str
    dataset: str


# ----------------------------------------------------------------------------------------- reading data


def newsmtsc_examples(path: Path, dataset: str = "newsmtsc", limit: int | None = None) -> list[Example]:
    from framing.evaluation.tasks import newsmtsc_targets

    return [
        Example(
            t.text,
            ((t.start, t.end), *t.more),
            t.gold,
            f"{path.parent.name}/{path.name}:{t.sentence}",
            dataset,
        )
        for t in newsmtsc_targets(path, limit)
    ]


PERSENT_LABELS = {"Negative": "negative", "Neutral": "neutral", "Positive": "positive"}


def persent_examples(path: Path, limit: int | None = None) -> list[Example]:
    """PerSenT documents: the target entity's mentions are its full name and, for a name of two or more
    words, its last word where capitalised (what a reader would give `--actors`); pronouns are left to the
    pipeline."""
    from framing.errors import InputError

    if not path.is_file():
        raise InputError(
            f"{path}: not found (give the PerSenT folder with --data, e.g. ../shared/data/persent)"
        )
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            if limit is not None and n >= limit:
                break
            gold = PERSENT_LABELS.get((row.get("TRUE_SENTIMENT") or "").strip())
            if gold is None:
                continue
            text = row["DOCUMENT"]
            out.append(
                Example(
                    text,
                    entity_spans(text, row["TARGET_ENTITY"]),
                    gold,
                    f"persent:{row['DOCUMENT_INDEX']}",
                    "persent",
                )
            )
    return out


def entity_spans(text: str, entity: str) -> tuple[tuple[int, int], ...]:
    entity = " ".join(entity.split())
    if not entity:
        return ()
    full = [(m.start(), m.end()) for m in re.finditer(r"(?<![\w-])" + re.escape(entity) + r"(?![\w-])", text)]
    spans = list(full)
    words = entity.split()
    if len(words) > 1 and len(words[-1]) > 2 and words[-1][0].isupper():
        for m in re.finditer(r"(?<![\w-])" + re.escape(words[-1]) + r"(?![\w-])", text):
            if not any(a <= m.start() < b for a, b in full):
                spans.append((m.start(), m.end()))
    return tuple(sorted(spans))


# ----------------------------------------------------------------------------------------- the pipeline


Parsed = dict[str, Any]  # text -> the engine's document, kept by the caller for one fit or test run


def parse(text: str, engine: str | None, parsed: Parsed | None = None) -> Any:
    """The engine's document (the fast engine unless `engine` says otherwise); with `parsed`, each text
    is parsed once: the mention features and the target's frame read the same parse."""
    from framing.engine import get_engine

    if parsed is None:
        return get_engine(engine or "fast").parse(text)
    if text not in parsed:
        parsed[text] = get_engine(engine or "fast").parse(text)
    return parsed[text]


def target_frame(
    example: Example,
    lexicon: Lexicon,
    actor_data: Any,
    *,
    engine: str | None = None,
    learned: bool = True,
    parsed: Parsed | None = None,
) -> ActorFrame | None:
    from framing.actors import frame_actors
    from framing.detect import detect

    if not example.spans:
        return None
    document = parse(example.text, engine, parsed)
    pinned = tuple((s, e, TARGET) for s, e in example.spans)
    frames = [
        f
        for f in frame_actors(
            document, detect(document, lexicon), lexicon, actor_data, pinned, learned_sentiment=learned
        )
        if f.id == TARGET
    ]
    return frames[0] if frames else None


def target_words(
    example: Example, lexicon: Lexicon, actor_data: Any, *, engine: str | None, parsed: Parsed | None = None
) -> dict[str, float]:
    """The mention-sentiment features of the example's first target span, from the engine's parse."""
    from framing.learn.actor_sentiment import target_features

    start, end = example.spans[0]
    document = parse(example.text, engine, parsed)
    return target_features(
        example.text, start, end, lexicon=lexicon, actor_data=actor_data, document=document
    )


def evidence_of(frame: ActorFrame | None) -> dict[str, list[Evidence]]:
    return {} if frame is None else {c.name: list(c.evidence) for c in frame.components}


def harmed(frame: ActorFrame | None) -> bool:
    return frame is not None and any(
        r.role is Role.PATIENT and r.verb_class == "harm" and not r.negated for r in frame.roles
    )


def mention_reading(model: Any, features: dict[str, float], victim: bool) -> Evidence:
    label, p = model.predict(features)
    value = round(p["positive"] - p["negative"], 3)
    return Evidence(0, 0, "", 0.0 if victim and value < 0 else value, label)


# ----------------------------------------------------------------------------------------- ordinal model


def fit_ordinal(
    X: Any, y: Any, *, C: float = 1.0, balanced: bool = False, prior: Sequence[float] | None = None
) -> tuple[list[float], float, float]:
    """Proportional-odds logistic regression: P(y <= j) = sigmoid(c_j - X w).

    The penalty |w - a * prior|^2 / (2C) pulls the weights toward the project's judgement (`prior`, the
    hand-set WEIGHTS) times a scale `a` that is itself fitted, not penalised: the data set how much the
    evidence counts overall and move each weight away from the judgement as far as they can show, while a
    component the data rarely see (labels are rare in NewsMTSC's sentences) keeps the judgement's share
    instead of being shrunk to nothing. Without `prior` it is the usual ridge penalty |w|^2 / (2C).
    Weights are bounded below by 0."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import expit, log_expit

    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = X.shape
    w0 = np.zeros(k) if prior is None else np.asarray(prior, dtype=float)
    weight = np.ones(n)
    if balanced:
        counts = np.bincount(y, minlength=3).astype(float)
        weight = (n / (3 * np.maximum(counts, 1)))[y]

    def loss(theta: Any) -> tuple[float, Any]:
        w, c1, d, a = theta[:k], theta[k], theta[k + 1], theta[k + 2]
        c2 = c1 + np.exp(d)
        s = X @ w
        lower, upper = c1 - s, c2 - s
        # log P(y) per class: y=0: log s(lower); y=2: log(1 - s(upper)); y=1: log(s(upper) - s(lower))
        pa, pb = expit(lower), expit(upper)
        mid = np.maximum(pb - pa, 1e-12)
        lp = np.where(y == 0, log_expit(lower), np.where(y == 2, log_expit(-upper), np.log(mid)))
        gap = w - a * w0
        value = -(weight * lp).sum() + (gap @ gap) / (2 * C)
        # gradients with respect to s, c1, c2
        ga = np.where(y == 0, 1 - pa, np.where(y == 1, -pa * (1 - pa) / mid, 0.0))
        gb = np.where(y == 2, -pb, np.where(y == 1, pb * (1 - pb) / mid, 0.0))
        grad_w = X.T @ (weight * (ga + gb)) + gap / C
        grad_c1 = -(weight * (ga + gb)).sum()
        grad_d = -(weight * gb).sum() * np.exp(d)
        grad_a = -(w0 @ gap) / C
        return value, np.concatenate([grad_w, [grad_c1, grad_d, grad_a]])

    theta0 = np.zeros(k + 3)
    theta0[k], theta0[k + 1] = -0.5, 0.0
    # weights are not negative: an item's value already says which way it pulls (an accusation is
    # negative), so a negative weight would turn the explanation around ("accused: +0.2")
    bounds = [(0.0, None)] * k + [(None, None)] * 3
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds)
    w = [float(v) for v in result.x[:k]]
    c1 = float(result.x[k])
    return w, c1, c1 + float(np.exp(result.x[k + 1]))


def score_model(
    X: Any,
    y: Any,  # class indices 0..2: a sequence or a NumPy array
    *,
    C: float,
    balanced: bool,
    prior: float = PRIOR,
    metadata: dict[str, Any] | None = None,
) -> ScoreModel:
    w, c1, c2 = fit_ordinal(X, y, C=C, balanced=balanced, prior=[WEIGHTS[k] for k in COMPONENTS])
    return ScoreModel(
        {k: round(v, 4) for k, v in zip(COMPONENTS, w, strict=True)},
        (round(c1, 4), round(c2, 4)),
        dict(metadata or {}),
        prior,
    )


def _totals(evidence: dict[str, list[Evidence]]) -> tuple[list[float], list[int]]:
    """Per component: the sum of its evidence values and its number of items (x_k for any prior)."""
    return (
        [sum(e.value for e in evidence.get(k, ())) for k in COMPONENTS],
        [len(evidence.get(k, ())) for k in COMPONENTS],
    )


def _matrix(totals: Sequence[tuple[list[float], list[int]]], prior: float) -> Any:
    import numpy as np

    sums = np.array([t[0] for t in totals], dtype=float)
    counts = np.array([t[1] for t in totals], dtype=float)
    return sums / (counts + prior)


def brier(model: ScoreModel, X: Sequence[Sequence[float]], y: Sequence[int]) -> float:
    total = 0.0
    for row, gold in zip(X, y, strict=True):
        p = model.probabilities(model.linear(dict(zip(COMPONENTS, row, strict=True))))
        total += sum((p[j] - (1.0 if j == gold else 0.0)) ** 2 for j in range(3))
    return total / len(y) if y else 0.0


# ----------------------------------------------------------------------------------------- training


def train_actor_models(
    data: Path,
    lexicon: Lexicon,
    actor_data: Any,
    *,
    seed: int = 42,
    engine: str | None = "fast",
    limit: int | None = None,
    command: str = "",
    log: Callable[[str], None] = print,
) -> tuple[Any, ScoreModel]:
    """Fit both models from `data` (a folder holding newsmtsc/ and persent/ as in ../shared/data)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from framing.learn.actor_sentiment import WINDOW, train
    from framing.resources import lexicon_digest

    began = time.perf_counter()
    news = data / "newsmtsc"
    train_rows = newsmtsc_examples(news / "official_release" / "train.jsonl", "newsmtsc", limit)
    dev_rows = [
        r
        for split in ("rw", "mt")
        for r in newsmtsc_examples(
            news / "paper_splits" / f"newsmtsc-{split}" / "dev.jsonl", "newsmtsc", limit
        )
    ]
    persent_dev = persent_examples(data / "persent" / "dev.csv", limit)
    log(
        f"NewsMTSC train {len(train_rows)} targets, dev {len(dev_rows)}; "
        f"PerSenT dev {len(persent_dev)} documents"
    )
    parsed: Parsed = {}  # each text parsed once in this fit

    # 1. the mention-sentiment model: C chosen by grouped CV, then out-of-fold readings of the training
    #    targets with the chosen C (so the score model never sees an in-sample reading)
    features = [target_words(r, lexicon, actor_data, engine=engine, parsed=parsed) for r in train_rows]
    gold = [r.gold for r in train_rows]
    groups = [r.group for r in train_rows]
    folds = list(GroupKFold(n_splits=FOLDS, shuffle=True, random_state=seed).split(features, gold, groups))
    frames = [
        target_frame(r, lexicon, actor_data, engine=engine, learned=False, parsed=parsed) for r in train_rows
    ]
    mention_grid: dict[str, float] = {}
    fold_models: dict[float, list[Any]] = {}
    for mention_c in MENTION_C_GRID:
        fold_models[mention_c] = [
            train(((features[i], gold[i]) for i in fit), C=mention_c, min_count=MENTION_MIN_COUNT)
            for fit, _ in folds
        ]
        predicted = [""] * len(train_rows)
        for model, (_, held) in zip(fold_models[mention_c], folds, strict=True):
            for i in held:
                predicted[i] = model.predict(features[i])[0]
        mention_grid[f"C={mention_c}"] = round(macro_f1(gold, predicted, CLASSES), 4)
        log(
            f"  mention model C={mention_c}: grouped {FOLDS}-fold CV macro-F1 "
            f"{mention_grid[f'C={mention_c}']}"
        )
    mention_c = max(MENTION_C_GRID, key=lambda c: mention_grid[f"C={c}"])
    readings: list[Evidence | None] = [None] * len(train_rows)
    oof = [""] * len(train_rows)
    for model, (_, held) in zip(fold_models[mention_c], folds, strict=True):
        for i in held:
            readings[i] = mention_reading(model, features[i], harmed(frames[i]))
            oof[i] = model.predict(features[i])[0]
    mention_cv = macro_f1(gold, oof, CLASSES)
    mention = train(
        zip(features, gold, strict=True),
        C=mention_c,
        min_count=MENTION_MIN_COUNT,
        metadata={"window": WINDOW, "class_weight": "balanced", "solver": "lbfgs", "cv_grid": mention_grid},
    )
    log(
        f"mention model: {len(mention.features)} features, grouped {FOLDS}-fold CV macro-F1 {mention_cv:.3f} "
        f"({time.perf_counter() - began:.0f} s)"
    )
    scored_data = replace(actor_data, sentiment_model=mention)

    # 2. the score model's training rows: component sums and counts per target
    totals: list[tuple[list[float], list[int]]] = []
    y: list[int] = []
    row_groups: list[str] = []
    sets: list[str] = []
    for row, frame, reading in zip(train_rows, frames, readings, strict=True):
        evidence = evidence_of(frame)
        evidence["sentiment"] = [reading] if reading is not None else []
        totals.append(_totals(evidence))
        y.append(CLASSES.index(row.gold))
        row_groups.append(row.group)
        sets.append("newsmtsc")
    for row in dev_rows + persent_dev:
        frame = target_frame(row, lexicon, scored_data, engine=engine, parsed=parsed)
        totals.append(_totals(evidence_of(frame)))
        y.append(CLASSES.index(row.gold))
        row_groups.append(row.group)
        sets.append(row.dataset)
    log(f"score rows: {len(totals)} ({time.perf_counter() - began:.0f} s)")
    ya = np.array(y)
    splits = list(GroupKFold(n_splits=FOLDS, shuffle=True, random_state=seed).split(totals, ya, row_groups))
    grid: dict[str, dict[str, float]] = {}
    best_key, best = "", -1.0
    for prior, C, balanced in product(PRIOR_GRID, C_GRID, (False, True)):
        Xa = _matrix(totals, prior)
        X = Xa.tolist()
        predicted = [""] * len(y)
        brier_sum = 0.0
        for fit, held in splits:
            model = score_model(Xa[fit], ya[fit], C=C, balanced=balanced, prior=prior)
            for i in held:
                predicted[i] = model.predict(dict(zip(COMPONENTS, X[i], strict=True)))
            brier_sum += brier(model, [X[i] for i in held], [y[i] for i in held]) * len(held)
        figures = {}
        for name in ("newsmtsc", "persent"):
            idx = [i for i, s in enumerate(sets) if s == name]
            figures[f"{name}_cv_macro_f1"] = round(
                macro_f1([CLASSES[y[i]] for i in idx], [predicted[i] for i in idx], CLASSES), 4
            )
        figures["cv_brier"] = round(brier_sum / len(y), 4)
        key = f"prior={prior},C={C},balanced={balanced}"
        grid[key] = figures
        mean = (figures["newsmtsc_cv_macro_f1"] + figures["persent_cv_macro_f1"]) / 2
        log(f"  {key}: {figures}")
        if mean > best:
            best, best_key, chosen = mean, key, (prior, C, balanced)
    prior, C, balanced = chosen
    metadata = {
        "engine": engine or "fast",
        "lexicon_digest": lexicon_digest(),
        "seed": seed,
        "command": command,
        "training_data": [
            "NewsMTSC official_release/train.jsonl (out-of-fold sentiment)",
            "NewsMTSC paper_splits/newsmtsc-{rw,mt}/dev.jsonl",
            "PerSenT dev.csv",
        ],
        "licences": "NewsMTSC: MIT; PerSenT: CC BY 4.0 (per its dataset card); no text is shipped",
        "n_train": len(y),
        "chosen": best_key,
        "cv": grid[best_key],
        "cv_grid": grid,
        "model": "ordinal (proportional-odds) logistic regression over component sums / (n_k + prior), "
        "weights >= 0 pulled toward the hand-set WEIGHTS times a fitted scale",
    }
    score = score_model(_matrix(totals, prior), ya, C=C, balanced=balanced, prior=prior, metadata=metadata)
    mention_metadata = {
        **mention.metadata,
        "engine": engine or "fast",
        "lexicon_digest": lexicon_digest(),
        "seed": seed,
        "command": command,
        "cv_macro_f1": round(mention_cv, 4),
        "features": "from the parse of the mention's sentence: L:/R: words within the window either side, "
        "W: the sentence's content words, G0-G2: governing words with their relation, G: governors (:neg "
        "when negated), C:/S: the first governor's complements and other subjects, M: modifiers; TextBlob "
        "polarity and subjectivity; near: lexicon categories; names, numbers, dates and the actor's own "
        "names never features",
    }
    mention = replace(mention, metadata=mention_metadata)
    log(
        f"chosen {best_key}; weights {score.weights}, cut-points {score.cutpoints} "
        f"({time.perf_counter() - began:.0f} s)"
    )
    return mention, score


def test_figures(
    data: Path,
    lexicon: Lexicon,
    actor_data: Any,
    mention: Any,
    score: ScoreModel,
    *,
    engine: str | None = "fast",
    limit: int | None = None,
) -> dict[str, float]:
    """Macro-F1 on the test splits, read once after fitting (recorded in the model files)."""
    parsed: Parsed = {}  # each text parsed once in this run
    data_with = replace(actor_data, sentiment_model=mention)
    figures: dict[str, float] = {}
    for split in ("rw", "mt"):
        rows = newsmtsc_examples(
            data / "newsmtsc" / "paper_splits" / f"newsmtsc-{split}" / "test.jsonl", "newsmtsc", limit
        )
        gold = [r.gold for r in rows]
        features = [target_words(r, lexicon, actor_data, engine=engine, parsed=parsed) for r in rows]
        readings = [mention.predict(f)[0] for f in features]
        figures[f"mention_{split}_macro_f1"] = round(macro_f1(gold, readings, CLASSES), 4)
        predicted = [
            predict(target_frame(r, lexicon, data_with, engine=engine, parsed=parsed), score) for r in rows
        ]
        figures[f"score_{split}_macro_f1"] = round(macro_f1(gold, predicted, CLASSES), 4)
    for split in ("random_test", "fixed_test"):
        rows = persent_examples(data / "persent" / f"{split}.csv", limit)
        predicted = [predict(target_frame(r, lexicon, data_with, engine=engine), score) for r in rows]
        figures[f"persent_{split}_macro_f1"] = round(macro_f1([r.gold for r in rows], predicted, CLASSES), 4)
    return figures


def predict(frame: ActorFrame | None, model: ScoreModel) -> str:
    return model.predict(model.features(evidence_of(frame)))


def class_report(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Macro-F1, accuracy, per-class F1 and the confusion matrix (rows gold, columns predicted)."""
    from framing.evaluation.metrics import prf

    per_class = {}
    for label in CLASSES:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label != p)
        per_class[label] = prf(tp, fp, fn)[2]
    confusion = [
        [sum(1 for g, p in zip(gold, predicted, strict=True) if g == a and p == b) for b in CLASSES]
        for a in CLASSES
    ]
    return {
        "macro_f1": sum(per_class.values()) / 3,
        "accuracy": accuracy(gold, predicted),
        "per_class_f1": per_class,
        "confusion": confusion,
    }


def iter_rows(rows: Iterable[Example]) -> list[Example]:
    return list(rows)
