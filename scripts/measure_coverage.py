#!/usr/bin/env python3
"""Actor coverage on annotated news: `python scripts/measure_coverage.py --data ../shared/data [--engine
both]`.

NewsMTSC test (rw and mt, paper splits): share of target mentions inside (and overlapping) an actor's
mention. PerSenT random_test and fixed_test: share of documents whose TARGET_ENTITY is an actor. Prints a
sample of misses. These are test splits: nothing in the actor layer was chosen on them (docs/engines.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

from framing import analyze, load_lexicon
from framing.evaluation.coverage import measure, newsmtsc_targets, persent_targets

csv.field_size_limit(sys.maxsize)
# A pronoun target ("he" in a one-sentence NewsMTSC item) has no antecedent in its sentence to resolve to.
PRONOUNS = frozenset(
    "he she him her his hers they them their theirs it its i me my we us our you your".split()
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--engine", choices=("spacy", "fast", "both"), default="both")
    parser.add_argument("--misses", type=int, default=8, help="misses to print per set")
    args = parser.parse_args(argv)
    lexicon = load_lexicon()
    sets = {}
    for split in ("rw", "mt"):
        path = args.data / "newsmtsc" / "paper_splits" / f"newsmtsc-{split}" / "test.jsonl"
        with path.open(encoding="utf-8") as handle:
            sets[f"NewsMTSC test-{split} (mentions)"] = list(
                newsmtsc_targets(json.loads(line) for line in handle)
            )
    for split in ("random_test", "fixed_test"):
        with (args.data / "persent" / f"{split}.csv").open(encoding="utf-8", newline="") as handle:
            sets[f"PerSenT {split} (documents)"] = list(persent_targets(csv.DictReader(handle)))
    engines = ("spacy", "fast") if args.engine == "both" else (args.engine,)
    rng = random.Random(7)
    print(f"{'set':38} {'engine':7} {'n':>6} {'inside':>7} {'overlap':>8}")
    for name, targets in sets.items():
        for engine in engines:
            cache: dict[str, object] = {}

            def analysis(text: str, engine: str = engine, cache: dict[str, object] = cache) -> object:
                if text not in cache:
                    cache[text] = analyze(text, lexicon=lexicon, engine=engine, learned_sentiment=False)
                return cache[text]

            result = measure((t, analysis(t.text)) for t in targets)  # type: ignore[misc]
            pronouns = sum(t.entity.strip("\u201c\u201d\"'").lower() in PRONOUNS for t in targets)
            missed = sum(t.entity.strip("\u201c\u201d\"'").lower() in PRONOUNS for t in result.misses)
            named = (result.overlap - (pronouns - missed)) / (result.targets - pronouns) if pronouns else None
            print(
                f"{name:38} {engine:7} {result.targets:6d} {result.inside_share:7.3f} "
                f"{result.overlap_share:8.3f}"
                + (
                    f"   ({pronouns} pronoun targets, {missed} of them missed; names and descriptions only:"
                    f" {named:.3f})"
                    if named is not None
                    else ""
                ),
                flush=True,
            )
            for miss in rng.sample(result.misses, min(args.misses, len(result.misses))):
                s, e = miss.spans[0] if miss.spans else (0, 80)
                print(f"    miss: {miss.entity!r}: ...{miss.text[max(0, s - 60):e + 40]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
