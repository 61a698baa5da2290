"""Corpus mode: stream records from JSONL, CSV, Parquet or a folder, analyse them in parallel processes,
and fold each into its group's profile. Memory is bounded by the batch size, not the corpus; a record that
fails is reported and the run goes on. (`framing.compare.distributed` runs the same steps on a Dask
cluster.)
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from framing.compare.profile import SourceProfile
from framing.errors import FramingError, InputError
from framing.inputs import HTML_SUFFIXES, TEXT_SUFFIXES, html_to_text, read_file

if TYPE_CHECKING:
    import pyarrow.parquet

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
TOO_LONG_REASON = "over the --max-mb limit"


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


def read_records(path: Path, *, group_by: str | None, text_column: str, max_bytes: int,
                 notes: list[str] | None = None) -> Iterator[Record | Failure]:
    """Records of a corpus, or a one-line reason for each record that cannot be used.

    Each line is decoded on its own (UTF-8, else Windows-1252, named in `notes`), so one bad record costs
    that record; a record over `max_bytes` is refused; a UTF-8 byte-order mark is dropped.
    """
    if path.is_dir():
        yield from _folder(path, group_by, max_bytes)
        return
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        yield from parquet_records(path, group_by, text_column, max_bytes=max_bytes)
        return
    if suffix not in (*JSONL_SUFFIXES, *CSV_SUFFIXES):
        raise InputError(f"{path}: corpus must be .jsonl, .csv, .tsv, .parquet or a folder "
                         f"(got '{suffix or path.name}')")
    cp1252: list[int] = []
    with open_corpus(path) as handle:
        lines = decoded_lines(path, handle, max_bytes, cp1252)
        if suffix in JSONL_SUFFIXES:
            rows: Iterable[tuple[int, dict[str, object] | str]] = _jsonl(lines)
        else:
            rows = _csv(lines, delimiter(path))
        yield from records_of(rows, group_by, text_column)
    note = cp1252_note(path, cp1252)
    if note and notes is not None:
        notes.append(note)


def cp1252_note(path: Path, lines: list[int]) -> str | None:
    """The warning for lines that were not UTF-8 and were read as Windows-1252 (None if there are none)."""
    if not lines:
        return None
    shown = ", ".join(map(str, lines[:10])) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
    many = len(lines) > 1
    return (f"{path}: line{'s' if many else ''} {shown} {'are' if many else 'is'} "
            "not UTF-8 and were read as Windows-1252")


def delimiter(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def records_of(rows: Iterable[tuple[int, dict[str, object] | str]], group_by: str | None,
               text_column: str) -> Iterator[Record | Failure]:
    for number, row in rows:
        yield _record(number, row, group_by, text_column)


_TOO_LONG = "\x00too long"  # marks a line over the size limit (a NUL never survives decoding as text here)


def open_corpus(path: Path) -> BinaryIO:
    """The corpus file opened for reading bytes; a FIFO, device or unreadable file is an `InputError`."""
    from framing.inputs import not_a_file

    refused = not_a_file(path)
    if refused:
        raise InputError(refused)
    try:
        return path.open("rb")
    except OSError as error:
        reason = (
            "no such file"
            if isinstance(error, FileNotFoundError)
            else f"cannot be read ({error.strerror or error})"
        )
        raise InputError(f"{path}: {reason}") from None



def decoded_lines(path: Path, handle: BinaryIO, max_bytes: int, cp1252: list[int], *,
                  end: int | None = None) -> Iterator[str]:
    """The file's lines as text, each decoded on its own; a line over the limit is skipped to its end.

    Reads from the handle's position to `end` (a line end; None: the end of the file). Lines are numbered
    from 1 there (for `cp1252`); only a stretch that starts the file is checked for byte-order marks.
    """
    at_start = handle.tell() == 0
    for number in itertools.count(1):
        if end is not None and handle.tell() >= end:
            return
        try:
            raw = handle.readline(max_bytes + 1)
        except OSError as error:
            raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
        if not raw:
            return
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield _TOO_LONG + "\n"
            continue
        if number == 1 and at_start:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
                raise InputError(f"{path}: corpus is UTF-16 or UTF-32; save it as UTF-8")
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            cp1252.append(number)
            yield raw.decode("cp1252", errors="replace")



def corpus_fields(path: Path) -> list[str] | None:
    """The fields of a corpus file (a JSONL file's first record's keys, the CSV header, the Parquet
    columns); None for a folder."""
    if path.is_dir():
        return None
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return list(parquet_file(path).schema_arrow.names)
    with open_corpus(path) as handle:
        for line in decoded_lines(path, handle, 1 << 26, []):
            if not line.strip():
                continue
            if suffix in CSV_SUFFIXES:
                return next(csv.reader([line], delimiter=delimiter(path)), [])
            try:
                row = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                return []
            return [str(key) for key in row] if isinstance(row, dict) else []
    return []


def record_digest(record: Record) -> bytes:
    """What makes two records word-for-word repeats: the same text within the same source."""
    return hashlib.blake2b(record.text.encode("utf-8", "surrogatepass"), digest_size=16,
                           person=hashlib.blake2b(record.group.encode("utf-8", "surrogatepass"),
                                                  digest_size=16).digest()).digest()


def unique_records(records: Iterable[Record | Failure], duplicates: list[int]) -> Iterator[Record | Failure]:
    """Records with word-for-word repeats within a source left out (their numbers go to `duplicates`):
    25 copies of one cookie-wall page count as one document."""
    seen: set[bytes] = set()
    for record in records:
        if isinstance(record, Record):
            digest = record_digest(record)
            if digest in seen:
                duplicates.append(record.number)
                continue
            seen.add(digest)
        yield record


def count_records(path: Path) -> int | None:
    """The number of records where it is cheap to know (JSONL: non-blank lines; a folder: its text files),
    for a progress bar with a total; None for CSV, whose quoted fields may span lines."""
    if path.is_dir():
        return sum(
            1 for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
        )
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return None
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None


def _jsonl(handle: Iterable[str], start: int = 1) -> Iterator[tuple[int, dict[str, object] | str]]:
    for number, line in enumerate(handle, start=start):
        if not line.strip():
            continue
        if line.startswith(_TOO_LONG):
            yield number, TOO_LONG_REASON
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"not valid JSON ({error.msg})"
            continue
        except RecursionError:
            yield number, "JSON nested too deeply"
            continue
        yield number, row if isinstance(row, dict) else "not a JSON object"


def _csv(handle: Iterable[str], delimiter: str, *, fieldnames: list[str] | None = None,
         start: int = 2) -> Iterator[tuple[int, dict[str, object] | str]]:
    """Rows by number: the header is row 1 (`fieldnames` and `start` read a later stretch of the file)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(handle, fieldnames=fieldnames, delimiter=delimiter)
    for number, row in enumerate(reader, start=start):
        too_long = any(isinstance(v, str) and v.startswith(_TOO_LONG) for v in row.values())
        yield number, TOO_LONG_REASON if too_long else row


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


def _folder(path: Path, group_by: str | None, max_bytes: int) -> Iterator[Record | Failure]:
    from framing.inputs import folder_files

    files, _, errors = folder_files(path)
    yield from folder_errors(errors)
    yield from folder_records(path, enumerate(files, start=1), group_by, max_bytes)


def folder_errors(errors: Iterable[object]) -> Iterator[Failure]:
    """Subfolders that could not be read, reported before any file (number 0)."""
    for error in errors:
        yield Failure(0, str(error), numbered=False)


def folder_records(root: Path, files: Iterable[tuple[int, Path]], group_by: str | None,
                   max_bytes: int) -> Iterator[Record | Failure]:
    for number, file in files:
        item = read_file(file, max_bytes=max_bytes)
        if isinstance(item, InputError):
            yield Failure(number, str(item), numbered=False)
            continue
        if item.framing_report:  # a report written into the corpus folder is not an article
            continue
        relative = file.relative_to(root)
        group = relative.parts[0] if group_by == FOLDER and len(relative.parts) > 1 else file.stem
        yield Record(number, group, item.text)


# --- Parquet (pyarrow, from the `dask` extra) ------------------------------------------------------

def parquet_file(path: Path, text_column: str | None = None,
                 group_by: str | None = None) -> pyarrow.parquet.ParquetFile:
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
    *,
    max_bytes: int | None = None,
) -> Iterator[Record | Failure]:
    """Records of a Parquet file (of some row groups, numbered from `first_number`); only the text and
    group columns are read, a batch at a time. A text over `max_bytes` (UTF-8) is refused."""
    table = parquet_file(path, text_column, group_by)
    columns = [text_column] if group_by is None else list(dict.fromkeys((text_column, group_by)))
    groups = range(table.num_row_groups) if row_groups is None else list(row_groups)
    number = first_number
    for batch in table.iter_batches(batch_size=BATCH, row_groups=groups, columns=columns):
        for row in batch.to_pylist():
            text = row.get(text_column)
            if (max_bytes is not None and isinstance(text, str)
                    and len(text.encode("utf-8", "surrogatepass")) > max_bytes):
                yield Failure(number, TOO_LONG_REASON)
            else:
                yield _record(number, row, group_by, text_column)
            number += 1


# --- parallel analysis ---------------------------------------------------------------------------

# lexicon directories, built-in lexicon, actors file, engine
Settings = tuple[tuple[Path, ...], bool, Path | None, str | None]
_worker_settings: Settings = ((), True, None, None)


def _init_worker(settings: Settings) -> None:
    """Store the settings; ignore Ctrl-C (the parent handles it and ends the pool) and die quietly on
    SIGTERM."""
    global _worker_settings
    _worker_settings = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


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
        global _worker_settings
        _worker_settings = settings  # no worker process: the signal handlers stay the parent's
        for batch in batches():
            fold(map(_profile, batch))
    else:
        with get_context("fork" if sys.platform != "win32" else "spawn").Pool(
            workers, initializer=_init_worker, initargs=(settings,)
        ) as pool:
            for batch in batches():
                fold(pool.imap(_profile, batch, chunksize=8))
    return groups, [str(f) for f in sorted(failures, key=lambda f: f.number)]



def stop_workers() -> None:
    """End every worker process and stop pools from starting new ones; safe in a signal handler.

    `Pool.terminate` joins the pool's threads and takes its queue locks, which can deadlock when called
    from a handler that interrupted the main thread. Instead this flips the state of every pool's
    worker-handler thread (so it stops replacing exited workers; this also covers a pool still being
    built), then ends the worker processes until none is left for longer than that thread's 0.1 s tick.
    """
    import multiprocessing
    import threading
    from multiprocessing.pool import TERMINATE, Pool

    for thread in threading.enumerate():
        # a classmethod: compare, not "is"
        if getattr(thread, "_target", None) == Pool._handle_workers:  # type: ignore[attr-defined]
            thread._state = TERMINATE  # type: ignore[attr-defined]
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        children = multiprocessing.active_children()
        for child in children:
            child.terminate()
        for child in children:
            child.join(timeout=1)
        if not children:
            time.sleep(0.15)  # a replacement started just before the state flipped shows up within a tick
            if not multiprocessing.active_children():
                return
