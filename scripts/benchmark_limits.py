"""Benchmark: what one large input costs, to choose the default --max-mb, and that hostile inputs scale
linearly (issue 14).

1. Memory: real news text from ../shared/data (as scripts/benchmark_detection.py builds it; read there,
   never copied) is written as one file of each size, and `framing analyze FILE --format json` runs on it
   in a child process; its peak RSS and wall time are the operating system's accounting of the child.
   A straight line through (size, peak) gives the size at which one file reaches the memory budget.
2. Scaling (in this process): a sentence with no punctuation and HTML nested N <div>s deep, each at
   doubling sizes; time per MB (or per thousand levels) should stay flat when work is linear.

Usage: python scripts/benchmark_limits.py [--data ../shared/data] [--sizes 1 2 4] [--budget-mb 2048]
                                         [--engine spacy|fast] [--skip-memory]
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _news_texts(data: Path, min_bytes: int) -> list[str]:
    spec = importlib.util.spec_from_file_location("bench", Path(__file__).with_name("benchmark_detection.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.news_texts(data, min_bytes)


def memory(data: Path, sizes: list[float], budget_mb: float, engine: str | None) -> None:
    texts = _news_texts(data, int(max(sizes) * 1_000_000))
    corpus = "\n\n".join(texts)
    points = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"news-{size:g}mb.txt"
            head = corpus.encode("utf-8")[: int(size * 1_000_000)].decode("utf-8", "ignore")
            path.write_text(head, encoding="utf-8")
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "from framing.cli import main; main()", "analyze",
                            str(path), "--format", "json", "--max-mb", "1000",
                            "-o", str(Path(tmp) / "out.json"),
                            *(["--engine", engine] if engine else [])], check=True)
            wall = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB -> MiB (Linux)
            if peak <= before / 1024:
                print(f"  {size:g} MB: peak not above an earlier child's; run sizes in increasing order")
            points.append((size, peak))
            print(f"  {size:5g} MB file: peak RSS {peak:7.0f} MiB, {wall:6.1f} s wall "
                  f"({size / wall:.2f} MB/s)")
    (x0, y0), (x1, y1) = points[0], points[-1]
    slope = (y1 - y0) / (x1 - x0)
    base = y0 - slope * x0
    print(f"  fit: {base:.0f} MiB + {slope:.0f} MiB per MB of input; "
          f"{budget_mb:g} MiB is reached at {(budget_mb - base) / slope:.1f} MB")


def scaling() -> None:
    from framing.analysis import analyze
    from framing.inputs import html_to_text

    analyze("warm up the lexicon and models.")
    words = ("the regime said militants attacked the town while officials and soldiers watched "
             "from the hills near the river and the police arrested protesters ").split()
    for kb in (100, 200, 400, 800):
        text = " ".join(words[i % len(words)] for i in range(kb * 1000 // 6))
        start = time.perf_counter()
        analyze(text)
        seconds = time.perf_counter() - start
        print(f"  one {kb:4d} KB sentence with no punctuation: {seconds:6.2f} s "
              f"({len(text) / 1e6 / seconds:.2f} MB/s)")
    for depth in (10_000, 20_000, 40_000, 80_000):
        page = "<html><body>" + "<div>" * depth + "<p>text</p>" + "</div>" * depth + "</body></html>"
        start = time.perf_counter()
        html_to_text(page)
        seconds = time.perf_counter() - start
        print(f"  HTML nested {depth:6,d} deep: {seconds:6.3f} s ({seconds / depth * 1e6:.1f} us per level)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4])
    parser.add_argument("--budget-mb", type=float, default=2048)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--engine", choices=["spacy", "fast"],
                        help="default: the CLI's (spaCy when installed)")
    args = parser.parse_args()
    if not args.skip_memory:
        print(f"Memory of one file (framing analyze, engine {args.engine or 'default'}):")
        memory(args.data, sorted(args.sizes), args.budget_mb, args.engine)
    print("Scaling of hostile inputs:")
    scaling()


if __name__ == "__main__":
    main()
