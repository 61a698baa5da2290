"""Benchmark: detection and full-analysis throughput (MB/s, one core) and peak memory.

Builds at least 5 MB of real news text from ../shared/data (MBIC articles, PerSenT documents and PTC
articles; read there, never copied into the project), then times, on one core:
  1. matching alone (the Aho-Corasick matcher over each article),
  2. detection (text layer: sentences and quotes, then matching and findings),
  3. detection with the lexicon grown tenfold by synthetic entries, to show matching cost does not
     grow with the lexicon;
  4. full analysis (detection, then actor framing: tagging, chunks, clauses, mentions, scores), with the
     learned actor-sentiment model (the default) and with TextBlob's clause polarity instead.

Peak memory is the process's maximum resident set size after all runs.

Usage: python scripts/benchmark_detection.py [--data ../shared/data] [--min-mb 5] [--repeat 3] [--skip-full]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import random
import resource
import string
import sys
import time
from pathlib import Path

from framing import load_lexicon
from framing.detect import detect
from framing.model import Lexicon
from framing.text import prepare

csv.field_size_limit(sys.maxsize)


def news_texts(data: Path, min_bytes: int) -> list[str]:
    texts: list[str] = []
    total = 0

    def add(text: str) -> bool:
        nonlocal total
        if text and text.strip():
            texts.append(text)
            total += len(text.encode("utf-8"))
        return total >= min_bytes

    with (data / "mbic" / "mbic_articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if add(json.loads(line).get("article") or ""):
                return texts
    for name in ("dev.csv", "random_test.csv", "fixed_test.csv"):
        with (data / "persent" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if add(row.get("DOCUMENT") or ""):
                    return texts
    with (data / "semeval2020_task11_ptc" / "train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if add(record.get("text") or record.get("article") or ""):
                return texts
    return texts


def grown(lexicon: Lexicon, factor: int, seed: int = 7) -> Lexicon:
    """The lexicon plus (factor - 1) x as many synthetic entries with made-up one- to three-word forms."""
    rng = random.Random(seed)
    extra = []
    template = lexicon.entries[0]
    for i in range(len(lexicon.entries) * (factor - 1)):
        words = [
            "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9)))
            for _ in range(rng.randint(1, 3))
        ]
        extra.append(dataclasses.replace(template, id=f"synthetic-{i}", term=" ".join(words), variants=(),
                                         exceptions=(), category=template.category))
    return Lexicon(lexicon.categories, lexicon.entries + tuple(extra), lexicon.sources)


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--min-mb", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-full", action="store_true", help="leave out the (slower) full analysis")
    args = parser.parse_args()

    texts = news_texts(args.data, int(args.min_mb * 1_000_000))
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    lexicon = load_lexicon()
    big = grown(lexicon, 10)
    _ = lexicon.matcher, big.matcher  # compile outside the timings
    counts = {}

    def matching(lex: Lexicon) -> None:
        counts[id(lex)] = sum(len(lex.matcher.find(t)) for t in texts)

    def detection(lex: Lexicon) -> None:
        counts[("d", id(lex))] = sum(len(detect(prepare(t), lex)) for t in texts)

    rows = [
        ("matching only", len(lexicon.entries), best_of(args.repeat, lambda: matching(lexicon))),
        ("matching only, lexicon x10", len(big.entries), best_of(args.repeat, lambda: matching(big))),
        (
            "detection (text layer + matching)",
            len(lexicon.entries),
            best_of(args.repeat, lambda: detection(lexicon)),
        ),
        ("detection, lexicon x10", len(big.entries), best_of(args.repeat, lambda: detection(big))),
    ]
    if not args.skip_full:
        from framing import analyze

        def full() -> None:
            counts["actors"] = sum(len(analyze(t, lexicon=lexicon).actors) for t in texts)

        rows.append(("full analysis (with actor framing)", len(lexicon.entries), best_of(1, full)))

        def full_textblob() -> None:
            counts["actors"] = sum(
                len(analyze(t, lexicon=lexicon, learned_sentiment=False).actors) for t in texts
            )

        rows.append(("full analysis, TextBlob sentiment", len(lexicon.entries), best_of(1, full_textblob)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(texts)} articles, {megabytes:.2f} MB; findings: {counts[id(lexicon)]}")
    print(f"{'task':36} {'entries':>8} {'seconds':>8} {'MB/s':>7}")
    for name, entries, seconds in rows:
        print(f"{name:36} {entries:>8} {seconds:>8.2f} {megabytes / seconds:>7.2f}")
    print(f"peak memory (max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
