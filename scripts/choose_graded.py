"""Choose the graded layer's thresholds and exclusions on BABE's training split only (docs/lexicon-growth.md).

    python scripts/choose_graded.py --data ../shared/data

For each (polarity_min, subjectivity_min) pair, the BABE training split's word-level precision, recall and
F1 with the curated lexicon plus the graded words; then the graded words that annotators marked in fewer
than MARKED_MIN of their uses in training's biased sentences (with at least MIN_USES uses), which are the
exclusion list written into lexicons/graded.toml after review; then the `include` list: the selected words
with annotators' evidence on training folds (see `supported`). Nothing here reads BABE's held-out split or
PTC's held-out articles (`framing.suggest.collect` leaves them out).
"""

from __future__ import annotations

import argparse
import tomllib
from dataclasses import replace
from pathlib import Path

from framing.evaluation.tasks import evaluate
from framing.graded import graded_entries, select
from framing.lexicon import load_lexicon
from framing.model import Kind, Lexicon
from framing.suggest import Candidate, collect

MARKED_MIN = 0.2
MIN_USES = 3
# The evidence a graded word needs to be kept: at least SUPPORT_MIN marked uses on training folds (BABE
# training's biased words plus PTC training's Loaded_Language and Name_Calling spans), and, when BABE
# training's biased sentences use it at least MIN_USES times, annotators marked it in at least SHARE_MIN of
# those uses (more often than not); both fixed before the first precision sample was drawn with them.
# Added after the second hand-judged round (docs/precision.md, 2026-12-01), whose wrong and debatable graded
# findings were mostly words PTC's annotators seldom mark ("impossible", "worst", "greatest", "weak",
# "desperate", "dangerous"): the same share over BABE training's biased sentences and PTC's training
# articles together (`Candidate.training_share`) when the word is used there MIN_USES times or more.
SUPPORT_MIN = 2
SHARE_MIN = 0.5


def supported(candidate: Candidate | None) -> bool:
    """Whether training-fold annotators mark the word often enough for the graded layer."""
    if candidate is None:
        return False
    support = candidate.marked_in_biased + candidate.counts["ptc"]
    share_ok = candidate.seen_in_biased < MIN_USES or (candidate.marked_share or 0) >= SHARE_MIN
    both_ok = candidate.uses < MIN_USES or (candidate.training_share or 0) >= SHARE_MIN
    return support >= SUPPORT_MIN and share_ok and both_ok


def lexicon_with(base: Lexicon, config: dict) -> Lexicon:
    curated = tuple(e for e in base.entries if e.kind is not Kind.GRADED)
    taken = {t for e in curated for t in (e.term, *e.variants)}
    extra = graded_entries(config, "graded", "lexicons/graded.toml", taken)
    return replace(base, entries=tuple(sorted((*curated, *extra), key=lambda e: e.key)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    args = parser.parse_args()
    base = load_lexicon()
    babe = args.data / "babe"
    config = {"source": "textblob-sentiment", "parts_of_speech": ["JJ"], "exclude": []}
    print("polarity subjectivity words   P     R     F1   (BABE train split)")
    for polarity in (0.1, 0.2, 0.3, 0.4, 0.5):
        for subjectivity in (0.3, 0.5, 0.7):
            trial = {**config, "polarity_min": polarity, "subjectivity_min": subjectivity}
            m = evaluate("babe", babe, lexicon_with(base, trial), split="train").metrics
            print(f"{polarity:8} {subjectivity:12} {len(select(trial)):5} {m['word_precision']:.3f} "
                  f"{m['word_recall']:.3f} {m['word_f1']:.3f}")
    candidates = collect(args.data)
    chosen = {**config, "polarity_min": 0.1, "subjectivity_min": 0.3}
    low = sorted(g.word for g in select(chosen) if g.word in candidates
                 and candidates[g.word].seen_in_biased >= MIN_USES
                 and (candidates[g.word].marked_share or 0) < MARKED_MIN)
    print(f"\nrarely marked in training ({len(low)}): " + ", ".join(low))
    shipped = tomllib.loads((Path(__file__).parents[1] / "lexicons" / "graded.toml").read_text("utf-8"))
    current = {k: v for k, v in shipped["graded"].items() if k != "include"}
    taken = {t for e in base.entries if e.kind is not Kind.GRADED for t in (e.term, *e.variants)}
    words = select(current, taken)
    kept = [g.word for g in words if supported(candidates.get(g.word))]
    print(f"\nwords with evidence on training folds ({len(kept)} of {len(words)}), the include list:")
    print(", ".join(f'"{w}"' for w in kept))


if __name__ == "__main__":
    main()
