"""List the actors framing finds in a fixed sample of PTC training articles, for reading by hand.

    python scripts/list_ptc_actors.py --data ../shared/data --engine spacy

The sample: 10 articles of the PTC train split (SemEval-2020 task 11) between 1,200 and 6,000 characters,
drawn with random.Random(2026) (chosen before the mention rules of docs/actor-framing.md were written). Test
and dev splits are never read. Each actor is printed with its type, voice count and its mentions' texts.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from framing.analysis import analyze


def sample(data: Path, size: int = 10, seed: int = 2026) -> list[dict[str, str]]:
    path = data / "semeval2020_task11_ptc" / "train.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pool = [r for r in rows if 1200 <= len(r["text"]) <= 6000]
    return random.Random(seed).sample(pool, size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--engine", default="spacy", choices=["spacy", "fast"])
    args = parser.parse_args()
    for row in sample(args.data):
        actors = analyze(row["text"], engine=args.engine).actors
        print(f"=== {row['article_id']}  ({len(actors)} actors)")
        for frame in actors:
            texts = Counter(m.text for m in frame.mentions)
            shown = "; ".join(f"{t}x{c}" for t, c in texts.most_common(6))
            print(f"  [{frame.type[:6]:6}] {frame.name!r} v={len(frame.voice)} {shown}")


if __name__ == "__main__":
    main()
