"""Train the actor-sentiment model on NewsMTSC's training set and report macro-F1 on its test sets.

The model (framing/learn/actor_sentiment.py) is fitted on official_release/train.jsonl only, with
C = 1.0 and min_count = 3 fixed in advance; nothing is tuned on the test sets. One alternative window
(--variant tokens either side instead of the module's WINDOW) is scored by 5-fold cross-validation on the
training set, grouped by sentence so that targets of one sentence never straddle folds; the test numbers
of both are printed for the record, and only the CV score may justify changing WINDOW. Reported:
macro-F1 over negative / neutral / positive on train (in sample), train CV, test rw and test mt (paper
splits, 70 % of devtest), as in Hamborg and Donnay (2021).

Usage: python scripts/train_actor_sentiment.py [--data ../shared/data/newsmtsc]
                                               [--output framing/models/actor_sentiment.json]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from framing import load_lexicon
from framing.actors import load_actor_data
from framing.evaluation.metrics import macro_f1 as shared_macro_f1
from framing.evaluation.tasks import SENTIMENT_LABELS, Target, newsmtsc_targets
from framing.learn.actor_sentiment import WINDOW, ActorSentimentModel, target_features, train

ROOT = Path(__file__).resolve().parents[1]
C, MIN_COUNT, FOLDS = 1.0, 3, 5


def featurise(rows: list[Target], window: int, lexicon, actor_data) -> list[dict[str, float]]:
    return [target_features(text, start, end, lexicon=lexicon, actor_data=actor_data, window=window)
            for text, start, end, *_ in rows]


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    return shared_macro_f1(gold, predicted, SENTIMENT_LABELS)


def score(model: ActorSentimentModel, features: list[dict[str, float]], rows: list[Target]) -> float:
    return macro_f1([r.gold for r in rows], [model.predict(f)[0] for f in features])


def cross_validate(features: list[dict[str, float]], rows: list[Target]) -> float:
    from sklearn.model_selection import GroupKFold

    gold = [r.gold for r in rows]
    predicted = [""] * len(rows)
    for fit, held in GroupKFold(n_splits=FOLDS).split(features, gold, [r.sentence for r in rows]):
        model = train(((features[i], gold[i]) for i in fit), C=C, min_count=MIN_COUNT)
        for i in held:
            predicted[i] = model.predict(features[i])[0]
    return macro_f1(gold, predicted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "newsmtsc")
    parser.add_argument("--output", type=Path, default=ROOT / "framing" / "models" / "actor_sentiment.json")
    parser.add_argument("--variant", type=int, default=6, help="alternative window to report (0: none)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences of each file")
    args = parser.parse_args()
    began = time.perf_counter()
    lexicon, actor_data = load_lexicon(), load_actor_data()
    splits = {"train": list(newsmtsc_targets(args.data / "official_release" / "train.jsonl", args.limit))}
    for name in ("rw", "mt"):
        splits[f"test {name}"] = list(
            newsmtsc_targets(args.data / "paper_splits" / f"newsmtsc-{name}" / "test.jsonl", args.limit)
        )
    print(f"targets: {', '.join(f'{k} {len(v)}' for k, v in splits.items())}")
    print(f"{'window':>6} {'features':>8} {'train':>6} {'CV':>6} {'test rw':>8} {'test mt':>8}")
    shipped = None
    for window in (WINDOW, args.variant) if args.variant and args.variant != WINDOW else (WINDOW,):
        features = {name: featurise(rows, window, lexicon, actor_data) for name, rows in splits.items()}
        train_rows = splits["train"]
        model = train(
            zip(features["train"], (r.gold for r in train_rows), strict=True),
            C=C,
            min_count=MIN_COUNT,
            metadata={"window": window, "class_weight": "balanced", "solver": "lbfgs"},
        )
        cv = cross_validate(features["train"], train_rows)
        results = [score(model, features[name], rows) for name, rows in splits.items()]
        print(f"{window:>6} {len(model.features):>8} {results[0]:>6.3f} {cv:>6.3f} {results[1]:>8.3f} "
              f"{results[2]:>8.3f}", flush=True)
        if window == WINDOW:
            shipped = model
    assert shipped is not None
    shipped.save(args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.2f} MB, window {WINDOW}, "
          f"{len(shipped.features)} features) in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
