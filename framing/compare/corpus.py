"""Corpus mode: stream records from JSONL, CSV, Parquet or a folder, analyse them in parallel processes,
and fold each into its group's profile. Memory is bounded by the batch size, not the corpus; a record that
fails is reported and the run goes on. (`framing.compare.distributed` runs the same steps on a Dask
cluster.)
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from framing.compare.profile import SourceProfile
from framing.errors import FramingError, InputError
from framing.inputs import HTML_SUFFIXES, TEXT_SUFFIXES, html_to_text, read_file

BATCH = 512  # records in flight at once: bounds memory whatever the corpus size
# a text column holding markup
_HTML = re.compile(r"<(?:p|div|br|span|a|h[1-6]|li|article)\b[^>]*>", re.IGNORECASE)
FOLDER = "folder"


JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".pq")
# What a failed analysis may raise, by type: a bug elsewhere (or an interrupt, or running out of memory)
# stops the run instead of being counted as one bad document.
ANALYSIS_ERRORS = (FramingError, ValueError, LookupError, ArithmeticError, TypeError, AttributeError,
                   RecursionError, UnicodeError)


@dataclass(frozen=True, slots=True)
class Record:
    number: int  # 1-based position in the corpus, for error messages
    group: str
    text: str


@dataclass(frozen=True, slots=True)
class Failure:
    """A record that could not be used: its number (line or row; file number in a folder) and why."""

    number: int
    reason: str
    numbered: bool = True  # False: `reason` names the record itself (a file path)

    def __str__(self) -> str:
        return f"record {self.number}: {self.reason}" if self.numbered else self.reason

    def shifted(self, by: int) -> Failure:
        return replace(self, number=self.number + by) if self.numbered else self


def read_records(path: Path, *, group_by: str | None, text_column: str,
                 max_bytes: int) -> Iterator[Record | Failure]:
    """Records of a corpus, or a one-line reason for each record that cannot be used."""
    if path.is_dir():
        yield from _folder(path, group_by, max_bytes)
        return
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        yield from _parquet(path, group_by, text_column)
        return
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    with handle:
        if suffix in JSONL_SUFFIXES:
            rows: Iterable[tuple[int, dict[str, object] | str]] = _jsonl(handle)
        elif suffix in CSV_SUFFIXES:
            rows = _csv(handle, delimiter(path))
        else:
            raise InputError(f"{path}: corpus must be .jsonl, .csv, .tsv, .parquet or a folder "
                             f"(got '{suffix or path.name}')")
        yield from records_of(path, rows, group_by, text_column)


def delimiter(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def records_of(path: Path, rows: Iterable[tuple[int, dict[str, object] | str]], group_by: str | None,
               text_column: str) -> Iterator[Record | Failure]:
    try:
        for number, row in rows:
            yield _record(number, row, group_by, text_column)
    except UnicodeDecodeError:
        raise InputError(f"{path}: corpus is not UTF-8 text") from None


def _jsonl(handle: Iterable[str], start: int = 1) -> Iterator[tuple[int, dict[str, object] | str]]:
    for number, line in enumerate(handle, start=start):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"not valid JSON ({error.msg})"
            continue
        yield number, row if isinstance(row, dict) else "not a JSON object"


def _csv(handle: Iterable[str], delimiter: str, *, fieldnames: list[str] | None = None,
         start: int = 2) -> Iterator[tuple[int, dict[str, object] | str]]:
    """Rows by number: the header is row 1 (`fieldnames` and `start` read a later stretch of the file)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    yield from enumerate(csv.DictReader(handle, fieldnames=fieldnames, delimiter=delimiter), start=start)


def _record(number: int, row: dict[str, object] | str, group_by: str | None,
            text_column: str) -> Record | Failure:
    if isinstance(row, str):
        return Failure(number, row)
    text = row.get(text_column)
    if not isinstance(text, str) or not text.strip():
        columns = ", ".join(sorted(map(str, row)))
        return Failure(number, f"no text in column '{text_column}' (columns: {columns})")
    group = "all" if group_by is None else row.get(group_by)
    if group is None or (isinstance(group, str) and not group.strip()):
        return Failure(number, f"no value in column '{group_by}'")
    return Record(number, str(group).strip(), text)


def folder_files(path: Path) -> list[Path]:
    return sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
    )


def _folder(path: Path, group_by: str | None, max_bytes: int) -> Iterator[Record | Failure]:
    yield from folder_records(path, list(enumerate(folder_files(path), start=1)), group_by, max_bytes)


def folder_records(root: Path, files: Iterable[tuple[int, Path]], group_by: str | None,
                   max_bytes: int) -> Iterator[Record | Failure]:
    for number, file in files:
        item = read_file(file, max_bytes=max_bytes)
        if isinstance(item, InputError):
            yield Failure(number, str(item), numbered=False)
            continue
        relative = file.relative_to(root)
        group = relative.parts[0] if group_by == FOLDER and len(relative.parts) > 1 else file.stem
        yield Record(number, group, item.text)


# --- Parquet (pyarrow, from the `dask` extra) ------------------------------------------------------

def parquet_file(path: Path, text_column: str, group_by: str | None):  # -> pyarrow.parquet.ParquetFile
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow (pip install 'framing[dask]')") from None
    try:
        table = pq.ParquetFile(path)
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"{path}: not a readable Parquet file ({error})") from None
    names = table.schema_arrow.names
    for column in (text_column, group_by):
        if column is not None and column not in names:
            raise InputError(f"{path}: no column '{column}' (columns: {', '.join(sorted(names))})")
    return table


def parquet_records(
    path: Path,
    group_by: str | None,
    text_column: str,
    row_groups: Iterable[int] | None = None,
    first_number: int = 1,
) -> Iterator[Record | Failure]:
    """Records of a Parquet file (of some row groups, numbered from `first_number`); only the text and
    group columns are read, a batch at a time."""
    table = parquet_file(path, text_column, group_by)
    columns = [text_column] if group_by is None else list(dict.fromkeys((text_column, group_by)))
    groups = range(table.num_row_groups) if row_groups is None else list(row_groups)
    number = first_number
    for batch in table.iter_batches(batch_size=BATCH, row_groups=groups, columns=columns):
        for row in batch.to_pylist():
            yield _record(number, row, group_by, text_column)
            number += 1


def _parquet(path: Path, group_by: str | None, text_column: str) -> Iterator[Record | Failure]:
    yield from parquet_records(path, group_by, text_column)


# --- parallel analysis ---------------------------------------------------------------------------

# lexicon directories, built-in lexicon, actors file, engine
Settings = tuple[tuple[Path, ...], bool, Path | None, str | None]
_worker_settings: Settings = ((), True, None, None)


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _profile(record: Record) -> tuple[str, SourceProfile | Failure]:
    return profile_record(record, _worker_settings)


def profile_record(record: Record, settings: Settings) -> tuple[str, SourceProfile | Failure]:
    """One record's profile, or why its analysis failed (the lexicon and actor lists load once a process)."""
    from framing.actors import load_actor_data
    from framing.analysis import analyze
    from framing.lexicon import load_lexicon

    extra, builtin, actors_file, engine = settings
    # a bad lexicon stops the run: it is not one record's fault
    lexicon = load_lexicon(*extra, builtin=builtin)
    actor_data = load_actor_data(actors_file)
    try:
        text = html_to_text(record.text) if _HTML.search(record.text[:4000]) else record.text
        # the engine loads once per worker process (get_engine caches it), as spaCy recommends
        analysis = analyze(text, source=record.group, lexicon=lexicon, actor_data=actor_data, engine=engine)
        return record.group, SourceProfile(record.group).add(analysis, lexicon)
    except ANALYSIS_ERRORS as error:
        return record.group, Failure(record.number, f"analysis failed ({type(error).__name__}: {error})")


def profile_corpus(
    records: Iterable[Record | Failure],
    *,
    lexicon_dirs: tuple[Path, ...] = (),
    builtin: bool = True,
    actors_file: Path | None = None,
    workers: int | None = None,
    engine: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, SourceProfile], list[str]]:
    """Profiles by group (in order of first appearance) and the reasons records failed, by record."""
    workers = workers or os.cpu_count() or 1
    settings: Settings = (lexicon_dirs, builtin, actors_file, engine)
    groups: dict[str, SourceProfile] = {}
    failures: list[Failure] = []
    done = 0

    def fold(results: Iterable[tuple[str, SourceProfile | Failure]]) -> None:
        nonlocal done
        for group, result in results:
            done += 1
            if isinstance(result, Failure):
                failures.append(result)
            elif group in groups:
                groups[group].merge(result)
            else:
                groups[group] = result
            if on_progress:
                on_progress(done)

    def batches() -> Iterator[list[Record]]:
        batch: list[Record] = []
        for item in records:
            if isinstance(item, Failure):
                failures.append(item)
                continue
            batch.append(item)
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    if workers == 1:
        _init_worker(settings)
        for batch in batches():
            fold(map(_profile, batch))
    else:
        with get_context("fork" if sys.platform != "win32" else "spawn").Pool(
            workers, initializer=_init_worker, initargs=(settings,)
        ) as pool:
            for batch in batches():
                fold(pool.imap(_profile, batch, chunksize=8))
    return groups, [str(f) for f in sorted(failures, key=lambda f: f.number)]
