"""Benchmark corpus mode: `framing compare --corpus` over 10,000 news articles, with time and peak memory.

Builds a JSONL corpus in a temporary folder from the real articles in ../shared/data (MBIC articles grouped
by outlet, PerSenT documents, PTC articles, BiasedSents articles), repeated in order until it holds
--articles records (the data has about 3,400 distinct articles), then runs the CLI on it with all cores
and reports wall time, throughput and the peak resident memory of the run (parent and worker processes).

Usage: python scripts/benchmark_corpus.py [--articles 10000] [--workers N] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

csv.field_size_limit(sys.maxsize)


def articles(data: Path) -> Iterator[dict[str, str]]:
    with (data / "mbic" / "mbic_articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("article"):
                yield {"outlet": row["outlet"], "text": row["article"]}
    for name in ("dev.csv", "random_test.csv", "fixed_test.csv"):
        with (data / "persent" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("DOCUMENT"):
                    yield {"outlet": "persent", "text": row["DOCUMENT"]}
    with (data / "semeval2020_task11_ptc" / "train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("text"):
                yield {"outlet": "ptc", "text": row["text"]}
    with (data / "biasedsents_lim2020" / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            yield {"outlet": row["source"].split("_")[1], "text": row["docbody_html"]}


def write_corpus(pool: list[dict[str, str]], count: int, path: Path) -> int:
    """A JSONL corpus of `count` records from `pool`, repeated in order; returns its size in bytes."""
    size = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            line = json.dumps(pool[i % len(pool)], ensure_ascii=False) + "\n"
            size += len(line.encode("utf-8"))
            handle.write(line)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    pool = list(articles(args.data))
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        size = write_corpus(pool, args.articles, corpus)
        command = [
            sys.executable,
            "-m",
            "framing",
            "compare",
            "--corpus",
            str(corpus),
            "--group-by",
            "outlet",
            "--format",
            "json",
            "--output",
            str(Path(folder) / "report.json"),
            "--no-progress",
        ]
        if args.workers:
            command += ["--workers", str(args.workers)]
        start = time.perf_counter()
        done = subprocess.run(command, check=False, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report = json.loads((Path(folder) / "report.json").read_text(encoding="utf-8"))
    print(
        f"corpus: {args.articles} articles ({len(pool)} distinct), {size / 1e6:.1f} MB; exit code "
        f"{done.returncode}"
    )
    print(f"sources: {len(report['sources'])}; actors aligned: {len(report['actors'])}; failed records: "
          f"{report['failures']}")
    print(
        f"wall time: {seconds:.1f} s; {args.articles / seconds:.0f} articles/s; {size / 1e6 / seconds:.2f} "
        "MB/s"
    )
    print(f"peak memory of the largest process (max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
