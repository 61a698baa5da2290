#!/usr/bin/env python3
"""Benchmark the engines: framing's work on top of spaCy's parse, the fast engine's throughput, one core.

Builds about 0.5 MB (`--mb`) of real news text from ../shared/data (MBIC articles, read there and never
copied into the project), then times in one process, keeping the best of `--repeat` runs:
  1. spaCy alone: `nlp.pipe` over the same sentences the spaCy engine parses (the project's splitter cuts
     them; spaCy's own cost is the parse);
  2. the spaCy engine's full analysis (`analyze(text, engine="spacy")`: parse, detection, actors, scores,
     learned sentiment);
  3. the fast engine's full analysis.
It prints seconds per MB, MB/s, and framing's overhead over spaCy alone ((2) / (1) - 1; goal at most
30%), then the peak resident memory. Start-up is timed separately, as whole processes (docs/engines.md).

Usage: python scripts/benchmark_engines.py [--data ../shared/data] [--mb 0.5] [--repeat 2]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark_detection import news_texts

from framing import analyze, load_lexicon
from framing.engine import get_engine
from framing.text import split_sentences


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--mb", type=float, default=0.5)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    texts = news_texts(args.data, int(args.mb * 1_000_000))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    lexicon = load_lexicon()
    spacy_engine, fast_engine = get_engine("spacy"), get_engine("fast")
    analyze(texts[0], lexicon=lexicon, engine=spacy_engine)  # load models and lexicons before timing
    analyze(texts[0], lexicon=lexicon, engine=fast_engine)
    pieces = [text[s:e] for text in texts for s, e in split_sentences(text)]
    nlp = spacy_engine.nlp  # type: ignore[attr-defined]

    def spacy_alone() -> None:
        for _ in nlp.pipe(pieces, batch_size=256):
            pass

    rows = [
        ("spaCy nlp.pipe alone (same sentences)", best(args.repeat, spacy_alone)),
        (
            "spacy engine, full analysis",
            best(args.repeat, lambda: [analyze(t, lexicon=lexicon, engine=spacy_engine) for t in texts]),
        ),
        (
            "fast engine, full analysis",
            best(args.repeat, lambda: [analyze(t, lexicon=lexicon, engine=fast_engine) for t in texts]),
        ),
    ]
    print(f"{mb:.2f} MB of news text, {len(texts)} articles, {len(pieces)} sentences, best of {args.repeat}")
    print(f"{'task':40} {'s':>8} {'s/MB':>8} {'MB/s':>8}")
    for name, seconds in rows:
        print(f"{name:40} {seconds:8.2f} {seconds / mb:8.2f} {mb / seconds:8.3f}")
    print(f"framing's work on top of spaCy's parse: {rows[1][1] / rows[0][1] - 1:+.0%} (goal: at most +30%)")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
