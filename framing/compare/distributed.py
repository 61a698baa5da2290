"""Corpus mode on a Dask cluster: workers read the corpus in partitions, profile each partition, and merge
the profiles in a tree; only small profiles cross the network, and the client holds one profile per
source at the end (docs/distributed.md).

The result is the local run's, byte for byte: a partition folds its records in order exactly as the local
pool does, and the reduction merges neighbouring partitions in order (`SourceProfile.merge` is associative
and keeps first-appearance order), so neither the partitioning nor the order in which partitions finish
changes anything. A partition numbers its records from 1; merging shifts the right-hand partition's
numbers by the rows of the left-hand one, so failed records are reported by their line or row in the file.

Word-for-word repeats within a source are dropped as the local run drops them (`corpus.unique_records`,
first occurrence in file order wins), in two passes: a cheap first pass reads and parses every partition
and returns only (record number, digest) pairs, lines read as Windows-1252 and the numbers used; the
client walks them in corpus order, decides which record numbers are repeats and builds the local run's
warnings; the analysis pass then skips those numbers. Reading twice costs little next to the analysis.
"""

from __future__ import annotations

import itertools
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
    cp1252_note,
    decoded_lines,
    delimiter,
    folder_errors,
    folder_records,
    open_corpus,
    parquet_file,
    parquet_records,
    profile_record,
    record_digest,
    records_of,
)
from framing.compare.profile import SourceProfile
from framing.errors import InputError
from framing.inputs import folder_files

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
    errors: tuple[str, ...] = ()  # folder: subfolders that cannot be read (the first partition reports them)


@dataclass(frozen=True, slots=True)
class Stretch:
    """What one partition holds: its records in order, the line or row numbers they used (0 where numbers
    are global already), the lines read, and which of them were read as Windows-1252 (numbered from 1)."""

    records: list[Record | Failure]
    rows: int = 0
    lines: int = 0
    cp1252: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Scan:
    """The first pass over a partition: its records' (number, digest) pairs and the numbers it used."""

    keys: tuple[tuple[int, bytes], ...]
    rows: int
    lines: int
    cp1252: tuple[int, ...]


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
         folder_partition: int = FOLDER_PARTITION, max_bytes: int = 1 << 26) -> list[Partition]:
    """The partitions of a corpus, in corpus order (`max_bytes`: the record size limit, for the CSV
    header)."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        found, _, problems = folder_files(path)
        files = list(enumerate(found, start=1))
        errors = tuple(map(str, problems))
        partitions = [Partition(path, "folder", files=tuple(files[i : i + folder_partition]))
                      for i in range(0, len(files), folder_partition)] or [Partition(path, "folder")]
        partitions[0] = Partition(path, "folder", files=partitions[0].files, errors=errors)
        return partitions if files or errors else []
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return _plan_parquet(path, text_column, group_by, partition_bytes)
    if suffix not in JSONL_SUFFIXES + CSV_SUFFIXES:
        raise InputError(f"{path}: corpus must be .jsonl, .csv, .tsv, .parquet or a folder "
                         f"(got '{suffix or path.name}')")
    kind = "csv" if suffix in CSV_SUFFIXES else "jsonl"
    try:
        bounds = sorted(set(_boundaries(path, partition_bytes, quoted=kind == "csv")))
        header = _csv_header(path, max_bytes) if kind == "csv" else ()
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
    with open_corpus(path) as handle:
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


def _csv_header(path: Path, max_bytes: int) -> tuple[str, ...]:
    """The first row, read as the local run's `csv.DictReader` reads it (decoded line by line)."""
    import csv

    with open_corpus(path) as handle:
        lines = decoded_lines(path, handle, max_bytes, [])
        return tuple(next(csv.reader(lines, delimiter=delimiter(path)), []))


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

def read_partition(partition: Partition, options: Options) -> Stretch:
    """The records of one partition, numbered from 1 for JSONL and CSV, or by their place in the corpus
    for Parquet and folders; lines are decoded and size-limited one by one, as the local run does."""
    path = partition.path
    if partition.kind == "folder":
        records = [*folder_errors(partition.errors),
                   *folder_records(path, partition.files, options.group_by, options.max_bytes)]
        return Stretch(records)
    if partition.kind == "parquet":
        return Stretch(list(parquet_records(path, options.group_by, options.text_column, partition.row_groups,
                                            partition.first_number, max_bytes=options.max_bytes)))
    cp1252: list[int] = []
    with open_corpus(path) as handle:
        try:
            handle.seek(partition.start)
        except OSError as error:
            raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
        lines = list(decoded_lines(path, handle, options.max_bytes, cp1252, end=partition.end))
    if partition.kind == "jsonl":
        records = list(records_of(_jsonl(lines), options.group_by, options.text_column))
        return Stretch(records, len(lines), len(lines), tuple(cp1252))
    first = partition.start == 0
    rows = list(_csv(lines, delimiter(path), fieldnames=None if first else list(partition.header),
                     start=2 if first else 1))
    used = rows[-1][0] if rows else (1 if first else 0)
    records = list(records_of(rows, options.group_by, options.text_column))
    return Stretch(records, used, len(lines), tuple(cp1252))


def scan_partition(partition: Partition, options: Options) -> Scan:
    """The first pass: each record's number and digest (`corpus.record_digest`), nothing analysed."""
    stretch = read_partition(partition, options)
    keys = tuple((r.number, record_digest(r)) for r in stretch.records if isinstance(r, Record))
    return Scan(keys, stretch.rows, stretch.lines, stretch.cp1252)


def repeats(scans: Iterable[Scan]) -> tuple[list[frozenset[int]], list[int], list[int]]:
    """From the first pass, in corpus order: each partition's record numbers to skip (repeats of an
    earlier record of the same source), those numbers in the corpus, and the corpus lines read as
    Windows-1252."""
    seen: set[bytes] = set()
    skips: list[frozenset[int]] = []
    duplicates: list[int] = []
    cp1252: list[int] = []
    rows = lines = 0
    for scan in scans:
        skip: set[int] = set()
        for number, digest in scan.keys:
            if digest in seen:
                skip.add(number)
                duplicates.append(number + rows)
            else:
                seen.add(digest)
        skips.append(frozenset(skip))
        cp1252.extend(n + lines for n in scan.cp1252)
        rows += scan.rows
        lines += scan.lines
    return skips, duplicates, cp1252


def profile_partition(partition: Partition, options: Options, skip: frozenset[int] = frozenset()) -> Partial:
    """Read and profile one partition, folding its records in order as the local pool does; records
    numbered in `skip` (repeats) are left out."""
    stretch = read_partition(partition, options)
    partial = Partial(rows=stretch.rows)
    for item in stretch.records:
        if isinstance(item, Failure):
            partial.failures.append(item)
            continue
        if item.number in skip:
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
    duplicates: list[int] | None = None,
    notes: list[str] | None = None,
) -> tuple[dict[str, SourceProfile], list[str]]:
    """Profiles by group (in order of first appearance) and the reasons records failed, as
    `corpus.profile_corpus` gives them for `corpus.unique_records(corpus.read_records(...))`: the numbers
    of repeated records go to `duplicates` and the warning on lines read as Windows-1252 to `notes`."""
    from distributed import as_completed

    partitions = list(partitions)
    if not partitions:
        return {}, []
    scans: list[Scan] = client.gather([client.submit(scan_partition, p, options, retries=retries, pure=False)
                                       for p in partitions])
    skips, repeated, cp1252 = repeats(scans)
    if duplicates is not None:
        duplicates.extend(repeated)
    note = cp1252_note(partitions[0].path, cp1252)
    if note and notes is not None:
        notes.append(note)
    futures: list[Any] = [client.submit(profile_partition, p, options, skip, retries=retries, pure=False)
                          for p, skip in zip(partitions, skips, strict=True)]
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
