"""Measure actor sentiment against NewsMTSC's human labels (negative / neutral / positive per target).

For each target mention the sentence is analysed with the target pinned as an actor (with the dataset's
own coreference mentions); the actor's framing score, or its clause sentiment alone, is mapped to a class
with one threshold t: score < -t is negative, score > t positive, else neutral. t is chosen on the
TRAINING set only, then applied unchanged to the test sets (paper splits, 70 % of devtest). Reported:
macro-F1 over the three classes, as in Hamborg and Donnay (2021).

Usage: python scripts/eval_newsmtsc.py [--data ../shared/data/newsmtsc] [--limit N]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from framing import load_lexicon
from framing.actors import frame_actors, load_actor_data
from framing.detect import detect
from framing.text import prepare

LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
THRESHOLDS = [round(0.01 * i, 2) for i in range(0, 41)]


def targets(path: Path, limit: int | None) -> Iterator[tuple[str, list[tuple[int, int]], str]]:
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            record = json.loads(line)
            text = record["sentence_normalized"]
            for target in record["targets"]:
                spans = [(target["from"], target["to"])]
                spans += [(m["from"], m["to"]) for m in target.get("further_mentions", [])]
                yield text, spans, LABELS[target["polarity"]]


def predictions(path: Path, limit: int | None) -> list[tuple[str, float, float]]:
    """(gold, framing score, clause sentiment) per target."""
    lexicon, data = load_lexicon(), load_actor_data()
    out = []
    for text, spans, gold in targets(path, limit):
        document = prepare(text)
        findings = detect(document, lexicon)
        pinned = tuple((start, end, "target") for start, end in spans)
        frames = [f for f in frame_actors(document, findings, lexicon, data, pinned) if f.id == "target"]
        score = frames[0].score if frames else 0.0
        sentiment = frames[0].sentiment if frames else 0.0
        out.append((gold, score, sentiment))
    return out


def classify(value: float, threshold: float) -> str:
    return "negative" if value < -threshold else "positive" if value > threshold else "neutral"


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    scores = []
    for label in ("negative", "neutral", "positive"):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / 3


def best_threshold(rows: list[tuple[str, float, float]], column: int) -> tuple[float, float]:
    gold = [r[0] for r in rows]
    return max(((t, macro_f1(gold, [classify(r[column], t) for r in rows])) for t in THRESHOLDS),
               key=lambda pair: (pair[1], -pair[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "data" / "newsmtsc")
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences of each file")
    args = parser.parse_args()
    train = predictions(args.data / "official_release" / "train.jsonl", args.limit)
    print(f"{'signal':22} {'t (train)':>9} {'train':>6} {'test rw':>8} {'test mt':>8}")
    tests = {name: predictions(args.data / "paper_splits" / f"newsmtsc-{name}" / "test.jsonl", args.limit)
             for name in ("rw", "mt")}
    for column, name in ((1, "framing score"), (2, "clause sentiment")):
        threshold, train_f1 = best_threshold(train, column)
        results = []
        for rows in tests.values():
            gold = [r[0] for r in rows]
            results.append(macro_f1(gold, [classify(r[column], threshold) for r in rows]))
        print(f"{name:22} {threshold:>9.2f} {train_f1:>6.3f} {results[0]:>8.3f} {results[1]:>8.3f}")
    print(f"targets: train {len(train)}, test rw {len(tests['rw'])}, test mt {len(tests['mt'])}")


if __name__ == "__main__":
    main()
