"""Corpus mode: stream records from JSONL, CSV or a folder, analyse them in parallel processes, and fold
each into its group's profile. Memory is bounded by the batch size, not the corpus; a record that fails
is reported and the run goes on.
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
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import BinaryIO

from framing.compare.profile import SourceProfile
from framing.errors import InputError
from framing.inputs import HTML_SUFFIXES, TEXT_SUFFIXES, html_to_text, read_file

BATCH = 512  # records in flight at once: bounds memory whatever the corpus size
_HTML = re.compile(r"<(?:p|div|br|span|a|h[1-6]|li|article)\b[^>]*>", re.IGNORECASE)  # a text column holding markup
FOLDER = "folder"


@dataclass(frozen=True, slots=True)
class Record:
    number: int  # 1-based position in the corpus, for error messages
    group: str
    text: str


def read_records(path: Path, *, group_by: str | None, text_column: str, max_bytes: int,
                 notes: list[str] | None = None) -> Iterator[Record | str]:
    """Records of a corpus, or a one-line reason for each record that cannot be used.

    Each line is decoded on its own (UTF-8, else Windows-1252, named in `notes`), so one bad record costs
    that record; a record over `max_bytes` is refused; a UTF-8 byte-order mark is dropped.
    """
    if path.is_dir():
        yield from _folder(path, group_by, max_bytes)
        return
    suffix = path.suffix.lower()
    if suffix not in (*_JSONL, *_CSV):
        raise InputError(f"{path}: corpus must be .jsonl, .csv, .tsv or a folder (got '{suffix or path.name}')")
    cp1252: list[int] = []
    with _open_corpus(path) as handle:
        lines = _decoded_lines(path, handle, max_bytes, cp1252)
        if suffix in _JSONL:
            rows: Iterable[tuple[int, dict[str, object] | str]] = _jsonl(lines)
        else:
            rows = _csv(lines, "\t" if suffix == ".tsv" else ",")
        for number, row in rows:
            yield _record(number, row, group_by, text_column)
    if cp1252 and notes is not None:
        shown = ", ".join(map(str, cp1252[:10])) + (f" and {len(cp1252) - 10} more" if len(cp1252) > 10 else "")
        notes.append(f"{path}: line{'s' if len(cp1252) > 1 else ''} {shown} {'are' if len(cp1252) > 1 else 'is'} "
                     "not UTF-8 and were read as Windows-1252")


_JSONL = (".jsonl", ".ndjson", ".json")
_CSV = (".csv", ".tsv")
_TOO_LONG = "\x00too long"  # marks a line over the size limit (a NUL never survives decoding as text here)


def _open_corpus(path: Path) -> BinaryIO:
    from framing.inputs import not_a_file

    refused = not_a_file(path)
    if refused:
        raise InputError(refused)
    try:
        return path.open("rb")
    except OSError as error:
        reason = "no such file" if isinstance(error, FileNotFoundError) else f"cannot be read ({error.strerror or error})"
        raise InputError(f"{path}: {reason}") from None


def _decoded_lines(path: Path, handle: BinaryIO, max_bytes: int, cp1252: list[int]) -> Iterator[str]:
    """The file's lines as text, each decoded on its own; a line over the limit is skipped to its end."""
    for number in itertools.count(1):
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
        if number == 1:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
                raise InputError(f"{path}: corpus is UTF-16 or UTF-32; save it as UTF-8")
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            cp1252.append(number)
            yield raw.decode("cp1252", errors="replace")


def corpus_fields(path: Path) -> list[str] | None:
    """The fields of a JSONL or CSV corpus (its first record's keys or the CSV header); None for a folder."""
    if path.is_dir():
        return None
    suffix = path.suffix.lower()
    with _open_corpus(path) as handle:
        for line in _decoded_lines(path, handle, 1 << 26, []):
            if not line.strip():
                continue
            if suffix in _CSV:
                return next(csv.reader([line], delimiter="\t" if suffix == ".tsv" else ","), [])
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                return []
            return [str(key) for key in row] if isinstance(row, dict) else []
    return []


def unique_records(records: Iterable[Record | str], duplicates: list[int]) -> Iterator[Record | str]:
    """Records with word-for-word repeats within a source left out (their numbers go to `duplicates`):
    25 copies of one cookie-wall page count as one document."""
    seen: set[bytes] = set()
    for record in records:
        if isinstance(record, Record):
            digest = hashlib.blake2b(record.text.encode("utf-8", "surrogatepass"), digest_size=16,
                                     person=hashlib.blake2b(record.group.encode("utf-8", "surrogatepass"),
                                                            digest_size=16).digest()).digest()
            if digest in seen:
                duplicates.append(record.number)
                continue
            seen.add(digest)
        yield record


def count_records(path: Path) -> int | None:
    """The number of records where it is cheap to know (JSONL: non-blank lines; a folder: its text files),
    for a progress bar with a total; None for CSV, whose quoted fields may span lines."""
    if path.is_dir():
        return sum(1 for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES)
    if path.suffix.lower() not in (".jsonl", ".ndjson", ".json"):
        return None
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None


def _jsonl(handle: Iterable[str]) -> Iterator[tuple[int, dict[str, object] | str]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        if line.startswith(_TOO_LONG):
            yield number, "over the --max-mb limit"
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


def _csv(handle: Iterable[str], delimiter: str) -> Iterator[tuple[int, dict[str, object] | str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    for number, row in enumerate(csv.DictReader(handle, delimiter=delimiter), start=2):
        too_long = any(isinstance(v, str) and v.startswith(_TOO_LONG) for v in row.values())
        yield number, "over the --max-mb limit" if too_long else row


def _record(number: int, row: dict[str, object] | str, group_by: str | None, text_column: str) -> Record | str:
    if isinstance(row, str):
        return f"record {number}: {row}"
    text = row.get(text_column)
    if not isinstance(text, str) or not text.strip():
        columns = ", ".join(sorted(map(str, row)))
        return f"record {number}: no text in column '{text_column}' (columns: {columns})"
    group = "all" if group_by is None else row.get(group_by)
    if group is None or (isinstance(group, str) and not group.strip()):
        return f"record {number}: no value in column '{group_by}'"
    return Record(number, str(group).strip(), text)


def _folder(path: Path, group_by: str | None, max_bytes: int) -> Iterator[Record | str]:
    from framing.inputs import folder_files

    files, _, errors = folder_files(path)
    yield from map(str, errors)
    for number, file in enumerate(files, start=1):
        item = read_file(file, max_bytes=max_bytes)
        if isinstance(item, InputError):
            yield str(item)
            continue
        if item.framing_report:  # a report written into the corpus folder is not an article
            continue
        relative = file.relative_to(path)
        group = relative.parts[0] if group_by == FOLDER and len(relative.parts) > 1 else file.stem
        yield Record(number, group, item.text)


# --- parallel analysis ---------------------------------------------------------------------------

_worker_settings: tuple[tuple[Path, ...], bool, Path | None, str | None] = ((), True, None, None)


def _init_worker(settings: tuple[tuple[Path, ...], bool, Path | None, str | None]) -> None:
    """Store the settings; ignore Ctrl-C (the parent handles it and ends the pool) and die quietly on SIGTERM."""
    global _worker_settings
    _worker_settings = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _profile(record: Record) -> tuple[str, SourceProfile | str]:
    from framing.actors import load_actor_data
    from framing.analysis import analyze
    from framing.lexicon import load_lexicon

    extra, builtin, actors_file, engine = _worker_settings
    try:
        lexicon = load_lexicon(*extra, builtin=builtin)
        text = html_to_text(record.text) if _HTML.search(record.text[:4000]) else record.text
        # the engine loads once per worker process (get_engine caches it), as spaCy recommends
        analysis = analyze(text, source=record.group, lexicon=lexicon, actor_data=load_actor_data(actors_file),
                           engine=engine)
        return record.group, SourceProfile(record.group).add(analysis, lexicon)
    except Exception as error:
        return record.group, f"record {record.number}: analysis failed ({type(error).__name__}: {error})"


def profile_corpus(
    records: Iterable[Record | str],
    *,
    lexicon_dirs: tuple[Path, ...] = (),
    builtin: bool = True,
    actors_file: Path | None = None,
    workers: int | None = None,
    engine: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, SourceProfile], list[str]]:
    """Profiles by group (in order of first appearance) and the reasons records failed."""
    workers = workers or os.cpu_count() or 1
    settings = (lexicon_dirs, builtin, actors_file, engine)
    groups: dict[str, SourceProfile] = {}
    failures: list[str] = []
    done = 0

    def fold(results: Iterable[tuple[str, SourceProfile | str]]) -> None:
        nonlocal done
        for group, result in results:
            done += 1
            if isinstance(result, str):
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
            if isinstance(item, str):
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
        _worker_settings = settings
        for batch in batches():
            fold(map(_profile, batch))
        return groups, failures
    with get_context("fork" if sys.platform != "win32" else "spawn").Pool(
        workers, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        for batch in batches():
            fold(pool.imap(_profile, batch, chunksize=8))
    return groups, failures


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
        if getattr(thread, "_target", None) == Pool._handle_workers:  # a classmethod: compare, not "is"
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
