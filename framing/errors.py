"""Errors the library raises; the CLI turns each into one line on stderr and an exit code.

* FramingError
  + LexiconError   a lexicon directory has problems (all of them, compiler-style)
  + InputError     a document cannot be read (missing, empty, binary, too large)
  + OutputError    a report cannot be written (missing or read-only folder, full disk)
"""

from __future__ import annotations

from dataclasses import dataclass


class FramingError(Exception):
    """Base class of every error that is the user's to fix, not a bug."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a lexicon file, located like a compiler diagnostic."""

    path: str
    line: int
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:"
        return f"{where} entry '{self.entry}': {self.message}" if self.entry else f"{where} {self.message}"


class LexiconError(FramingError):
    """Raised with every problem found, so an author fixes them in one pass."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        files = len({p.path for p in problems})
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{len(problems)} {noun} in {files} lexicon file{'s' if files != 1 else ''}")


class InputError(FramingError):
    """A document could not be read; the message names the file and the remedy."""


class OutputError(FramingError):
    """A report could not be written; any file that was there before is left as it was."""
