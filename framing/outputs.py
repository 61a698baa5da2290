"""Writes reports so that no failure loses data; with `inputs.py`, the only module that touches files.

* `-o` that resolves to one of the inputs is refused before any work (`output_clash`).
* A report goes to a temporary file in the target folder, flushed and synced, then renamed over the
  target: a full disk, a read-only folder or an interrupt leaves the old file as it was.
* A device or FIFO given as `-o` (`/dev/null`, `/dev/stdout`) is written directly, never replaced.
* Standard output is written as bytes and flushed here, so a short write is an error; a closed pipe
  (`framing ... | head`) is quiet, as command-line users expect.
* A report may come as chunks (streamed JSON and JSONL): each goes the same way as it is produced.
* Text that cannot be encoded (a lone surrogate from a file name or a JSON escape) is written as a
  backslash escape instead of failing.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from framing.errors import OutputError


class BrokenPipe(Exception):
    """The reader of standard output went away (`| head`): stop quietly, exit 0."""


def encode(report: str) -> bytes:
    return report.encode("utf-8", errors="backslashreplace")


def output_clash(output: Path, inputs: Iterable[str | Path | None]) -> str | None:
    """The input that `output` would overwrite, if any (same file after resolving links)."""
    if not output.exists():
        return None
    for raw in inputs:
        if raw is None or str(raw) == "-":
            continue
        path = Path(raw)
        with contextlib.suppress(OSError):
            if path.is_file() and os.path.samefile(path, output):
                return str(raw)
    return None


def check_writable(output: Path) -> None:
    """Fail before any work when the report could not be written: missing or read-only folder."""
    with contextlib.suppress(OSError):
        if output.exists() and not output.is_file() and not output.is_dir():
            return  # a device or FIFO: written directly
    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name for the report")
    folder = output.parent
    if not folder.is_dir():
        raise OutputError(f"{output}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{output}: folder {folder} is not writable")


def write_report(report: str | Iterable[str], output: Path | None) -> None:
    """Write `report` to `output` (atomically) or to standard output; `OutputError` on failure.

    A report given as chunks (an iterable of `str`) is written as they are produced, so memory holds one
    chunk: each is flushed on standard output, and a file still appears under its name only when
    complete. An exception raised while producing the chunks passes through unchanged (a half-written
    temporary file is removed first).
    """
    chunks = (encode(report),) if isinstance(report, str) else map(encode, report)
    if output is None:
        for data in chunks:
            _write_stdout(data)
        return
    try:
        mode = output.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise OutputError(f"{output}: cannot be written ({error.strerror or error})") from None
    if mode is not None and not stat.S_ISREG(mode):
        _write_direct(output, chunks)
    else:
        _write_atomic(output, chunks, mode)


def _write_stdout(data: bytes) -> None:
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise BrokenPipe from None
    except OSError as error:
        _silence_stdout()
        raise OutputError(f"standard output: cannot be written ({error.strerror or error}); "
                          "the report is incomplete") from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _write_direct(output: Path, chunks: Iterable[bytes]) -> None:
    def failed(error: OSError) -> OutputError:
        return OutputError(f"{output}: cannot be written ({error.strerror or error})")

    try:
        handle = output.open("wb")
    except OSError as error:
        raise failed(error) from None
    with handle:
        for data in chunks:  # an error producing a chunk passes through as it is
            try:
                handle.write(data)
                handle.flush()
            except OSError as error:
                raise failed(error) from None


def _write_atomic(output: Path, chunks: Iterable[bytes], old_mode: int | None) -> None:
    folder = output.parent
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name[:80]}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"{output}: cannot be written ({error.strerror or error})") from None
    kept = "; the old file is unchanged" if old_mode is not None else ""

    def failed(error: OSError) -> OutputError:
        _remove(temporary)
        return OutputError(f"{output}: cannot be written ({error.strerror or error}){kept}")

    global _pending
    _pending = temporary
    try:
        with os.fdopen(fd, "wb") as handle:
            for data in chunks:  # an error producing a chunk passes through as it is (after the cleanup)
                try:
                    handle.write(data)
                except OSError as error:
                    raise failed(error) from None
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as error:
                raise failed(error) from None
        try:
            os.chmod(temporary, stat.S_IMODE(old_mode) if old_mode is not None else 0o666 & ~_umask())
            os.replace(temporary, output)
        except OSError as error:
            raise failed(error) from None
    except BaseException:
        _remove(temporary)
        raise
    finally:
        _pending = None


_pending: str | None = None  # the temporary file being written, for `discard_pending`


def discard_pending() -> None:
    """Remove a half-written temporary report (the CLI's signal handler calls this before exiting)."""
    if _pending is not None:
        _remove(_pending)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
