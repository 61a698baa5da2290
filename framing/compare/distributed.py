"""Corpus mode on a Dask cluster: workers read the corpus in partitions, profile each partition, and merge
the profiles in a tree; only small profiles cross the network, and the client holds one profile per
source at the end (docs/distributed.md).

The result is the local run's, byte for byte: a partition folds its records in order exactly as the local
pool does, and the reduction merges neighbouring partitions in order (`SourceProfile.merge` is associative
and keeps first-appearance order), so neither the partitioning nor the order in which partitions finish
changes anything. A partition numbers its records from 1; merging shifts the right-hand partition's
numbers by the rows of the left-hand one, so failed records are reported by their line or row in the file.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.compare.corpus import (
    CSV_SUFFIXES,
    JSONL_SUFFIXES,
    PARQUET_SUFFIXES,
    Failure,
    Record,
    Settings,
    _csv,
    _jsonl,
    delimiter,
    folder_files,
    folder_records,
    parquet_file,
    parquet_records,
    profile_record,
    records_of,
)
from framing.compare.profile import SourceProfile
from framing.errors import InputError
import itertools

if TYPE_CHECKING:
    from distributed import Client

PARTITION_BYTES = 4_000_000  # about 1,300 news articles: seconds of work per task, a few MB per worker
FOLDER_PARTITION = 256  # files per partition of a folder
_BLOCK = 1 << 20
_LOCAL = re.compile(r"local(?::(\d+))?")


class SchedulerError(Exception):
    """The --scheduler value cannot be used (Dask missing, bad address, scheduler unreachable)."""


@dataclass(frozen=True, slots=True)
class Options:
    group_by: str | None
    text_column: str
    max_bytes: int
    settings: Settings


@dataclass(frozen=True, slots=True)
class Partition:
    """A stretch of the corpus that one task reads: bytes [start, end) of a JSONL or CSV file, some row
    groups of a Parquet file, or some files of a folder."""

    path: Path
    kind: str  # "jsonl", "csv", "parquet" or "folder"
    start: int = 0
    end: int = 0
    first_number: int = 1  # Parquet: the number of the partition's first row
    row_groups: tuple[int, ...] = ()
    files: tuple[tuple[int, Path], ...] = ()
    header: tuple[str, ...] = ()  # CSV: the column names, for partitions after the first


@dataclass(slots=True)
class Partial:
    """Profiles of one or more neighbouring partitions. `rows` counts the line or row numbers they used, so
    the next partition's numbers can be shifted past them (0 where numbers are global already)."""

    groups: dict[str, SourceProfile] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    rows: int = 0
    documents: int = 0


# --- planning (on the client: file sizes, offsets and metadata only) -------------------------------

def plan(path: Path, *, text_column: str, group_by: str | None, partition_bytes: int = PARTITION_BYTES,
         folder_partition: int = FOLDER_PARTITION) -> list[Partition]:
    """The partitions of a corpus, in corpus order."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        files = list(enumerate(folder_files(path), start=1))
        return [Partition(path, "folder", files=tuple(files[i : i + folder_partition]))
                for i in range(0, len(files), folder_partition)]
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return _plan_parquet(path, text_column, group_by, partition_bytes)
    if suffix not in JSONL_SUFFIXES + CSV_SUFFIXES:
        raise InputError(f"{path}: corpus must be .jsonl, .csv, .tsv, .parquet or a folder "
                         f"(got '{suffix or path.name}')")
    kind = "csv" if suffix in CSV_SUFFIXES else "jsonl"
    try:
        bounds = sorted(set(_boundaries(path, partition_bytes, quoted=kind == "csv")))
        header = _csv_header(path) if kind == "csv" else ()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    return [
        Partition(path, kind, start, end, header=header)
        for start, end in itertools.pairwise(bounds)
    ]


def _boundaries(path: Path, size: int, *, quoted: bool) -> Iterator[int]:
    """Byte offsets that split the file into stretches of about `size` bytes, each just after a line end;
    for CSV only after a line end outside quotes (an even number of '"' before it), so a quoted field
    with line breaks stays in one partition. Reads the file once, a block at a time."""
    yield 0
    total = path.stat().st_size
    target = size
    with path.open("rb") as handle:
        offset, quotes = 0, 0  # quotes seen before `offset`
        while target < total:
            block = handle.read(_BLOCK)
            if not block:
                break
            position = max(0, target - offset)
            while position < len(block):
                newline = block.find(b"\n", position)
                if newline < 0:
                    break
                if not quoted or (quotes + block.count(b'"', 0, newline)) % 2 == 0:
                    yield offset + newline + 1
                    target = offset + newline + 1 + size
                    position = max(newline + 1, target - offset)
                else:
                    position = newline + 1
            quotes += block.count(b'"') if quoted else 0
            offset += len(block)
    yield total


def _csv_header(path: Path) -> tuple[str, ...]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        try:
            return tuple(next(csv.reader(handle, delimiter=delimiter(path)), []))
        except UnicodeDecodeError:
            raise InputError(f"{path}: corpus is not UTF-8 text") from None


def _plan_parquet(path: Path, text_column: str, group_by: str | None, size: int) -> list[Partition]:
    metadata = parquet_file(path, text_column, group_by).metadata
    partitions: list[Partition] = []
    groups: list[int] = []
    first, number, gathered = 1, 1, 0
    for index in range(metadata.num_row_groups):
        group = metadata.row_group(index)
        groups.append(index)
        number += group.num_rows
        gathered += group.total_byte_size
        if gathered >= size:
            partitions.append(Partition(path, "parquet", first_number=first, row_groups=tuple(groups)))
            groups, first, gathered = [], number, 0
    if groups:
        partitions.append(Partition(path, "parquet", first_number=first, row_groups=tuple(groups)))
    return partitions


# --- the tasks (on the workers) --------------------------------------------------------------------

def read_partition(partition: Partition, options: Options) -> tuple[list[Record | Failure], int]:
    """The records of one partition, numbered from 1 for JSONL and CSV (and the rows they used), or by
    their place in the corpus for Parquet and folders (rows 0)."""
    path = partition.path
    if partition.kind == "folder":
        return list(folder_records(path, partition.files, options.group_by, options.max_bytes)), 0
    if partition.kind == "parquet":
        return list(parquet_records(path, options.group_by, options.text_column, partition.row_groups,
                                    partition.first_number)), 0
    try:
        with path.open("rb") as handle:
            handle.seek(partition.start)
            data = handle.read(partition.end - partition.start)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: corpus is not UTF-8 text") from None
    if partition.kind == "jsonl":
        lines = io.StringIO(text, newline="").readlines()
        return list(records_of(path, _jsonl(lines), options.group_by, options.text_column)), len(lines)
    handle_ = io.StringIO(text, newline="")
    first = partition.start == 0
    rows = list(_csv(handle_, delimiter(path), fieldnames=None if first else list(partition.header),
                     start=2 if first else 1))
    used = rows[-1][0] if rows else (1 if first else 0)
    return list(records_of(path, rows, options.group_by, options.text_column)), used


def profile_partition(partition: Partition, options: Options) -> Partial:
    """Read and profile one partition, folding its records in order as the local pool does."""
    records, rows = read_partition(partition, options)
    partial = Partial(rows=rows)
    for item in records:
        if isinstance(item, Failure):
            partial.failures.append(item)
            continue
        group, result = profile_record(item, options.settings)
        partial.documents += 1
        if isinstance(result, Failure):
            partial.failures.append(result)
        elif group in partial.groups:
            partial.groups[group].merge(result)
        else:
            partial.groups[group] = result
    return partial


def combine(left: Partial, right: Partial) -> Partial:
    """`left` followed by `right`, as new objects (Dask may hand the same inputs to a retried task)."""
    groups = {name: SourceProfile(name).merge(profile) for name, profile in left.groups.items()}
    for name, profile in right.groups.items():
        groups.setdefault(name, SourceProfile(name)).merge(profile)
    failures = [*left.failures, *(f.shifted(left.rows) for f in right.failures)]
    return Partial(groups, failures, left.rows + right.rows, left.documents + right.documents)


def _documents(partial: Partial) -> int:
    return partial.documents


# --- the client ------------------------------------------------------------------------------------

def connect(scheduler: str) -> tuple[Client, Callable[[], None]]:
    """A client for `ADDRESS` (a running scheduler) or `local[:N]` (a local cluster of N worker processes,
    one thread each; default: one per core), and how to close it."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise SchedulerError("--scheduler needs Dask: pip install 'framing[dask]'") from None
    import logging

    match = _LOCAL.fullmatch(scheduler.strip())
    try:
        if match:
            workers = int(match.group(1) or os.cpu_count() or 1)
            if workers < 1:
                raise SchedulerError("--scheduler local:N needs at least one worker")
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
            client = Client(cluster)

            def close_local() -> None:
                client.close()
                cluster.close()

            return client, close_local
        _check_reachable(scheduler)
        client = Client(scheduler, timeout="15s")
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        raise SchedulerError(f"cannot connect to the Dask scheduler at '{scheduler}' ({error}); "
                             "start one with 'dask scheduler' or use --scheduler local:N") from None
    return client, client.close


def _check_reachable(address: str) -> None:
    """A refused TCP connection fails at once, not after the client's connect timeout of retries."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme == "tcp" and parts.hostname and parts.port:
        with socket.create_connection((parts.hostname, parts.port), timeout=10):
            pass


def profile_corpus_dask(
    client: Client,
    partitions: Iterable[Partition],
    options: Options,
    *,
    on_progress: Callable[[int], None] | None = None,
    retries: int = 2,
) -> tuple[dict[str, SourceProfile], list[str]]:
    """Profiles by group (in order of first appearance) and the reasons records failed, as
    `corpus.profile_corpus` gives them."""
    from distributed import as_completed

    futures: list[Any] = [client.submit(profile_partition, p, options, retries=retries, pure=False)
                          for p in partitions]
    if not futures:
        return {}, []
    counts = [client.submit(_documents, f, pure=False) for f in futures]
    while len(futures) > 1:  # merge neighbours, level by level: the order of the corpus is kept
        paired = [client.submit(combine, futures[i], futures[i + 1], retries=retries, pure=False)
                  for i in range(0, len(futures) - 1, 2)]
        futures = paired + futures[len(futures) - len(futures) % 2 :]
    done = 0
    for _, count in as_completed(counts, with_results=True):
        done += count
        if on_progress:
            on_progress(done)
    result: Partial = futures[0].result()
    return result.groups, [str(f) for f in sorted(result.failures, key=lambda f: f.number)]
