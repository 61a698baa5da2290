"""Benchmark corpus mode on Dask: `framing compare --corpus ... --scheduler ADDRESS` over 100,000 articles.

Starts a Dask cluster the way docs/distributed.md tells users to (`dask scheduler`, then `dask worker`
processes of one thread each), writes a JSONL corpus of --articles records built from the real articles in
../shared/data (as scripts/benchmark_corpus.py does; read there, never copied into the project), runs the
CLI against the scheduler, and reports wall time, throughput overall and per worker, and the peak resident
memory of the client (the CLI process) and of each worker and the scheduler (read from each process after
the run). With --compare-local it also runs the local process pool on the same corpus and checks that the
two reports are byte-identical.

Usage: python scripts/benchmark_dask.py [--articles 100000] [--workers 2] [--partition-mb 4] [--engine fast]
       [--compare-local]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark_corpus import articles, write_corpus


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(command: list[str]) -> tuple[float, int, float]:
    """Wall seconds, exit code and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 4):
        sys.stderr.write(process.stderr.read().decode() if process.stderr else "")
    return seconds, process.returncode, usage.ru_maxrss / 1024


def _compare(corpus: Path, output: Path, engine: str) -> list[str]:
    return [sys.executable, "-m", "framing", "compare", "--corpus", str(corpus), "--group-by", "outlet",
            "--format", "json", "--output", str(output), "--no-progress", "--engine", engine]


def _usage() -> tuple[int, float]:  # runs inside each worker and the scheduler: peak RSS (KiB), CPU seconds
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-mb", type=float, default=4.0)
    parser.add_argument("--engine", default="fast", help="the analysis engine (fast or spacy; default fast)")
    parser.add_argument("--compare-local", action="store_true", help="also run the local pool and compare")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    from distributed import Client

    pool = list(articles(args.data))
    folder = Path(tempfile.mkdtemp(prefix="framing-dask-bench-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        corpus = folder / "corpus.jsonl"
        size = write_corpus(pool, args.articles, corpus)
        port = _free_port()
        address = f"tcp://127.0.0.1:{port}"
        dask = str(Path(sys.executable).with_name("dask"))
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        processes.append(
            subprocess.Popen(
                [
                    dask,
                    "scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--no-dashboard",
                    "--dashboard-address",
                    ":0",
                ],
                **quiet,
            )
        )
        for _ in range(args.workers):
            processes.append(
                subprocess.Popen(
                    [
                        dask,
                        "worker",
                        address,
                        "--nthreads",
                        "1",
                        "--nworkers",
                        "1",
                        "--memory-limit",
                        "0",
                        "--no-dashboard",
                        "--local-directory",
                        str(folder),
                    ],
                    **quiet,
                )
            )
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(args.workers, timeout=120)
            client.run(lambda: __import__("framing.compare.distributed"))  # imports are not the benchmark's
        report = folder / "dask.json"
        command = [*_compare(corpus, report, args.engine), "--scheduler", address,
                   "--partition-mb", str(args.partition_mb)]
        seconds, code, client_peak = _run(command)
        with Client(address, timeout="60s") as client:
            workers = client.run(_usage)
            scheduler = client.run_on_scheduler(_usage)[0]
        result = json.loads(report.read_text(encoding="utf-8"))
        print(
            f"corpus: {args.articles:,} articles ({len(pool):,} distinct), {size / 1e6:.1f} MB; "
            f"partitions of {args.partition_mb:g} MB; exit code {code}"
        )
        print(
            f"sources: {len(result['sources'])}; actors aligned: {len(result['actors'])}; "
            f"failed records: {result['failures']}"
        )
        print(
            f"Dask, {args.workers} workers of one thread: wall time {seconds:.1f} s; "
            f"{args.articles / seconds:.0f} articles/s ({args.articles / seconds / args.workers:.0f} per "
            "worker); "
            f"{size / 1e6 / seconds:.2f} MB/s ({size / 1e6 / seconds / args.workers:.2f} per worker)"
        )
        print(
            f"peak RSS: client {client_peak:.0f} MiB; scheduler {scheduler / 1024:.0f} MiB; workers "
            + ", ".join(f"{kib / 1024:.0f} MiB" for kib, _ in workers.values())
        )
        cpu = sum(seconds for _, seconds in workers.values())
        print(  # on a busy machine the workers get less than a core each: the CPU figure is the stable one
            f"worker CPU time: {cpu:.0f} s in all; {args.articles / cpu:.0f} articles and "
            f"{size / 1e6 / cpu:.2f} MB per worker CPU-second"
        )
        if args.compare_local:
            local = folder / "local.json"
            command = [*_compare(corpus, local, args.engine), "--workers", str(args.workers)]
            local_seconds, _, local_peak = _run(command)
            same = local.read_bytes() == report.read_bytes()
            print(
                f"local pool, {args.workers} processes: wall time {local_seconds:.1f} s "
                f"({args.articles / local_seconds:.0f} articles/s); peak RSS of the largest process "
                f"{local_peak:.0f} MiB; reports byte-identical: {same}"
            )
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
