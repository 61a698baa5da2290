"""Draw findings at random (seeded) from real articles for a careful reader to judge (docs/precision.md).

    python scripts/sample_findings.py --data ../shared/data --n 200 --seed 12 > /tmp/sample.tsv
    python scripts/sample_findings.py --data ../shared/data --n 200 --seed 8117 --annotated   # fourth round
    python scripts/sample_findings.py --data ../shared/data --n 80 --seed 515 \
        --sources ptc-dev,mbic,biasedsents --entries reviewed/bellicose,reviewed/grifter   # fifth round
    python scripts/sample_findings.py --data ../shared/data --n 60 --seed 1 --annotated --category annotated

Pool: every finding (all kinds, strength >= 1) that `framing analyze` reports (fast-engine parse for checks
and names) in PTC's dev and test articles, MBIC's articles and BiasedSents' sentences. Each source is one
pool share in proportion to its findings; the sample is `random.Random(seed).sample` of the whole pool.
Prints one tab-separated line per finding: number, source, entry, kind, strength, the words, and a short
context (60 characters either side). `--entries` keeps only the findings of the given entries, `--sources`
only the texts whose source starts with one of the given prefixes (ptc-dev, ptc-test, mbic, biasedsents);
when the pool is smaller than `--n`, all of it is printed, in seeded random order.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

from framing.detect import explain
from framing.engine import get_engine
from framing.lexicon import load_lexicon
from framing.text import prepare

WIDTH = 60


def texts(data: Path) -> Iterator[tuple[str, str]]:
    for split in ("dev", "test"):
        with (data / "semeval2020_task11_ptc" / f"{split}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                yield f"ptc-{split}:{row['article_id']}", str(row["text"])
    with (data / "mbic" / "mbic_articles.jsonl").open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            row = json.loads(line)
            if row.get("article"):
                yield f"mbic:{n}", str(row["article"])
    with (data / "biasedsents_lim2020" / "sentences.jsonl").open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            yield f"biasedsents:{n}", str(json.loads(line)["text"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--annotated", action="store_true",
                        help="with the annotated-word layer (its model first: framing train words)")
    parser.add_argument("--entries", default="", help="comma-separated entry keys: only their findings")
    parser.add_argument("--sources", default="", help="comma-separated source prefixes, e.g. ptc-dev,mbic")
    parser.add_argument("--category", action="append",
                        help="draw only findings of this category (repeatable), e.g. annotated")
    args = parser.parse_args()
    entries = {key for key in args.entries.split(",") if key}
    sources = tuple(prefix for prefix in args.sources.split(",") if prefix)
    lexicon = load_lexicon(layers=args.annotated)
    engine = get_engine("fast")
    pool = []
    for source, text in texts(args.data):
        if sources and not source.startswith(sources):
            continue
        for f in explain(prepare(text), lexicon, engine=engine).findings:
            if (entries and f.entry.key not in entries) or (
                    args.category and f.entry.category not in args.category):
                continue
            left, right = max(0, f.start - WIDTH), min(len(text), f.end + WIDTH)
            context = " ".join((text[left:f.start] + "[[" + f.text + "]]" + text[f.end:right]).split())
            pool.append((source, f.entry.key, f.entry.kind.value, f.entry.strength, f.text, context))
    for i, item in enumerate(random.Random(args.seed).sample(pool, min(args.n, len(pool))), 1):
        print("\t".join(str(x) for x in (i, *item)))
    print(f"# pool: {len(pool)} findings", flush=True)


if __name__ == "__main__":
    main()
