"""Benchmark `framing analyze`: start-up time, peak memory against input size, throughput against NLTK's
Treebank tokenizer.

  startup     each command run --runs times as a fresh process (`--help`, `lexicon list`, `analyze` of
              the example article with each engine the CLI offers); median wall seconds and peak RSS.
  memory      a folder of real news articles (from ../shared/data, written to a temporary folder, never
              into the project) of 1, 5 and 20 MB through `framing analyze DIR --format json|jsonl
              --output FILE`; wall seconds and peak RSS of the process. --single also runs one file of
              the same size (a single document is analysed whole: its analysis is held in memory).
  throughput  in one process, on the same --mb of text: NLTK's Treebank word tokenizer, detection
              alone, and the full analysis written as compact JSON; MB/s and the ratio to Treebank, by wall
              time and by CPU time (steadier on a shared machine).
  stages      the same full analysis with each stage's CPU seconds (the fast engine's parse, detection,
              actor framing and its parts, JSON): where the time goes, without a profiler's overhead.

--pythonpath DIR runs the CLI from another checkout (e.g. an export of an older commit) for before/after
figures. Peak RSS is the kernel's maximum resident set size of the finished process (os.wait4).

Usage: python scripts/benchmark_analyze.py [startup] [memory] [throughput] [stages] [--runs 5]
       [--sizes 1 5 20] [--single] [--mb 1] [--pythonpath DIR] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark_detection import news_texts  # noqa: E402


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS in MiB, exit code and CPU seconds (user + system) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=env.get("FRAMING_BENCH_CWD", ROOT),
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode, usage.ru_utime + usage.ru_stime


def startup(env: dict[str, str], runs: int) -> None:
    framing = [sys.executable, "-m", "framing"]
    example = str(ROOT / "examples" / "valley-offensive.txt")
    commands = [
        ("framing --help", [*framing, "--help"]),
        ("framing lexicon list", [*framing, "lexicon", "list"]),
        ("framing analyze EXAMPLE", [*framing, "analyze", example]),
    ]
    help_text = subprocess.run(
        [*framing, "analyze", "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=env.get("FRAMING_BENCH_CWD", ROOT),
    ).stdout
    if "--engine" in help_text:
        commands = commands[:2] + [
            (f"framing analyze EXAMPLE --engine {engine}", [*framing, "analyze", example, "--engine", engine])
            for engine in ("fast", "spacy")
        ]
    print(f"start-up, median of {runs} runs after one warm-up (wall s, CPU s, peak RSS MiB):")
    for name, command in commands:
        run(command, env)
        results = [run(command, env) for _ in range(runs)]
        print(
            f"  {name:45} {statistics.median(r[0] for r in results):6.2f} s "
            f"{statistics.median(r[3] for r in results):6.2f} s "
            f"{statistics.median(r[1] for r in results):6.0f} MiB"
            f"  exit {results[0][2]}"
        )


def memory(env: dict[str, str], sizes: list[float], data: Path, single: bool, options: list[str]) -> None:
    texts = news_texts(data, int(max(sizes) * 1_000_000))
    folder = Path(tempfile.mkdtemp(prefix="framing-analyze-bench-"))
    try:
        print("analyze, peak memory by input size (wall s, CPU s, peak RSS MiB):")
        for size in sizes:
            articles = folder / f"articles-{size:g}MB"
            articles.mkdir()
            total, chosen = 0, []
            for text in itertools.cycle(texts):  # the data hold about 10 MB: larger inputs repeat them
                if total >= size * 1_000_000:
                    break
                chosen.append(text)
                total += len(text.encode("utf-8"))
            for i, text in enumerate(chosen):
                (articles / f"{i:05}.txt").write_text(text, encoding="utf-8")
            shapes = [(f"{len(chosen):,} files, {total / 1e6:.1f} MB", [str(articles)])]
            if single:
                one = folder / f"one-{size:g}MB.txt"
                one.write_text("\n\n".join(chosen), encoding="utf-8")
                shapes.append((f"one file, {total / 1e6:.1f} MB", [str(one)]))
            for shape, paths in shapes:
                for fmt in ("json", "jsonl"):
                    out = folder / f"report.{fmt}"
                    command = [
                        sys.executable,
                        "-m",
                        "framing",
                        "analyze",
                        *paths,
                        "--format",
                        fmt,
                        "--output",
                        str(out),
                        "--max-mb",
                        "100",
                        *options,
                    ]
                    seconds, peak, code, cpu = run(command, env)
                    if code == 2 and fmt == "jsonl":
                        continue  # an older CLI without --format jsonl
                    print(
                        f"  {shape:28} --format {fmt:5}  {seconds:7.1f} s {cpu:7.1f} s {peak:7.0f} MiB"
                        f"  exit {code}"
                    )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _prepared(data: Path, mb: float, engine: str):
    """The texts, their size in MB, and a `full()` that analyses them all and writes compact JSON; one
    warm-up document, analysed and written, first loads what every run loads once (the tagger, the models,
    the word lists that fit alternatives: about 0.15 s), none of which grows with the text."""
    from framing import analyze, load_lexicon
    from framing.actors import load_actor_data
    from framing.render.json import json_chunks

    texts = news_texts(data, int(mb * 1_000_000))
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    lexicon, actor_data = load_lexicon(), load_actor_data()

    def full(chosen: list[str] = texts) -> None:
        for _ in json_chunks(
            (analyze(t, lexicon=lexicon, actor_data=actor_data, engine=engine) for t in chosen),
            lexicon,
            pretty=False,
        ):
            pass

    full(texts[:1])
    return texts, size, lexicon, full


def throughput(data: Path, mb: float, engine: str) -> None:
    from nltk.tokenize import TreebankWordTokenizer

    from framing.detect import detect
    from framing.text import prepare

    texts, size, lexicon, full = _prepared(data, mb, engine)
    treebank = TreebankWordTokenizer()

    def timed(work) -> tuple[float, float]:
        """Wall and CPU seconds: on a shared machine the CPU seconds are the steadier figure."""
        start, cpu = time.perf_counter(), time.process_time()
        work()
        return time.perf_counter() - start, time.process_time() - cpu

    rows = [
        ("NLTK Treebank word tokenizer", timed(lambda: [treebank.tokenize(t) for t in texts])),
        (
            "detection (sentences, quotes, matching)",
            timed(lambda: [detect(prepare(t), lexicon) for t in texts]),
        ),
        (f"full analysis ({engine} engine) + compact JSON", timed(full)),
    ]
    print(f"throughput on {size:.2f} MB ({len(texts)} articles), one process (wall; CPU):")
    base_wall, base_cpu = rows[0][1]
    for name, (seconds, cpu) in rows:
        print(
            f"  {name:42} {seconds:6.2f} s {size / seconds:6.2f} MB/s  {seconds / base_wall:5.2f}x Treebank"
            f";  CPU {cpu:6.2f} s {cpu / base_cpu:5.2f}x"
        )


# (module, attribute path, label): the stages timed by `stages`, outermost first; indented labels are parts
# of the stage above them.
STAGES = [
    ("framing.engine.fast", "FastEngine.parse", "parse (fast engine: split, tag, chunk, clauses)"),
    ("framing.nlp", "tag_sentence", "  tokenizing and tagging, tag fixes included"),
    ("framing.nlp", "_fix_tags", "    tag fixes"),
    ("framing.engine.fast", "chunks", "  chunks"),
    ("framing.engine.fast", "clauses", "  clauses"),
    ("framing.analysis", "explain", "detection (matching, conditions, findings)"),
    ("framing.actors", "frame_actors", "actor framing"),
    ("framing.actors.mentions", "MentionFinder.__init__", "  gazetteer and headline lines"),
    ("framing.actors.mentions", "MentionFinder.sentence", "  mentions"),
    ("framing.actors.frames", "_frames", "  frames and clause-polarity scores"),
    ("framing.actors.frames", "_learned_sentiment", "  learned sentiment (features, model, score)"),
    ("framing.render.json", "analysis_dict", "JSON: building the report"),
    ("framing.render.json", "_dumps", "JSON: encoding"),
]


def stages(data: Path, mb: float, engine: str) -> None:
    import functools
    import importlib

    _, size, _, full = _prepared(data, mb, engine)
    spent: dict[str, float] = dict.fromkeys((label for _, _, label in STAGES), 0.0)
    restore = []
    for module_name, path, label in STAGES:
        owner = importlib.import_module(module_name)
        *outer, name = path.split(".")
        for part in outer:
            owner = getattr(owner, part)
        original = getattr(owner, name)

        def timed(*args, _original=original, _label=label, **kwargs):
            start = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label] += time.process_time() - start

        setattr(owner, name, functools.wraps(original)(timed))
        restore.append((owner, name, original))
    try:
        start = time.process_time()
        full()
        total = time.process_time() - start
    finally:
        for owner, name, original in restore:
            setattr(owner, name, original)
    print(f"full analysis ({engine} engine) + compact JSON on {size:.2f} MB, CPU seconds by stage:")
    for label, seconds in spent.items():
        print(f"  {label:50} {seconds:6.2f} s {100 * seconds / total:5.1f}%")
    print(f"  {'total':50} {total:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", choices=["startup", "memory", "throughput", "stages"], default=[])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20])
    parser.add_argument("--single", action="store_true")
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--pythonpath", type=Path)
    parser.add_argument("--engine", help="`--engine` of the memory runs; throughput: default fast")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    parts = args.parts or ["startup", "memory", "throughput"]
    env = dict(os.environ)
    if args.pythonpath:  # run from there too: `python -m` puts the working directory first on the path
        env["PYTHONPATH"] = env["FRAMING_BENCH_CWD"] = str(args.pythonpath.resolve())
    if "startup" in parts:
        startup(env, args.runs)
    if "memory" in parts:
        memory(env, args.sizes, args.data, args.single, ["--engine", args.engine] if args.engine else [])
    if "throughput" in parts:
        throughput(args.data, args.mb, args.engine or "fast")
    if "stages" in parts:
        stages(args.data, args.mb, args.engine or "fast")


if __name__ == "__main__":
    main()
