"""Multi-pattern matching of lexicon forms: one Aho-Corasick pass, so cost does not grow with the lexicon.

Rules: forms match on word boundaries (a hyphen between letters joins words, so 'terrorist' is not found
inside 'counter-terrorist'); '*-backed' matches any word joined to '-backed', 'pro-*' any word after
'pro-'; an entry's exceptions suppress its matches inside them; the leftmost, then longest, match wins
and matches never overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

import ahocorasick

from framing.forms import WILDCARD, Folded, fold, normalize
from framing.model import Entry


class _Role(IntEnum):
    TERM = 0
    WILD_LEFT = 1  # '*-backed': the key is '-backed', the word before it is part of the match
    WILD_RIGHT = 2  # 'pro-*': the key is 'pro-', the word after it is part of the match
    EXCEPTION = 3


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entry: Entry


def _is_word(c: str) -> bool:
    return c.isalnum()


class Matcher:
    """Compiled from entries once; `find(text)` returns non-overlapping matches in original offsets."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        from framing.forms import entry_forms

        self.entries = tuple(entries)
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        table: dict[str, list[tuple[int, _Role, str]]] = {}
        for index, entry in enumerate(self.entries):
            for form in entry_forms(entry):
                if form.startswith(WILDCARD):
                    key, role = form[1:], _Role.WILD_LEFT
                elif form.endswith(WILDCARD):
                    key, role = form[:-1], _Role.WILD_RIGHT
                else:
                    key, role = form, _Role.TERM
                table.setdefault(key.lower(), []).append((index, role, key))
            for exception in entry.exceptions:
                key = normalize(exception)
                table.setdefault(key, []).append((index, _Role.EXCEPTION, key))
        for key, payload in table.items():
            self._automaton.add_word(key, (len(key), tuple(payload)))
        if table:
            self._automaton.make_automaton()
        self._empty = not table

    def find(self, text: str) -> tuple[Match, ...]:
        if self._empty or not text:
            return ()
        folded = fold(text)
        return tuple(
            Match(folded.original(s), folded.original(e - 1) + 1, self.entries[i])
            for s, e, i in self._select(folded)
        )

    def _select(self, folded: Folded) -> list[tuple[int, int, int]]:
        low, n = folded.text, len(folded.text)
        candidates: list[tuple[int, int, int]] = []
        exceptions: dict[int, list[tuple[int, int]]] = {}
        for last, (length, payload) in self._automaton.iter(low):
            end = last + 1
            start = end - length
            for index, role, key in payload:
                span = self._span(folded, start, end, role, key, index)
                if span is None:
                    continue
                if role is _Role.EXCEPTION:
                    exceptions.setdefault(index, []).append(span)
                else:
                    candidates.append((span[0], span[1], index))
        if exceptions:
            candidates = [
                c for c in candidates if not any(s <= c[0] and c[1] <= e for s, e in exceptions.get(c[2], ()))
            ]
        candidates.sort(key=lambda c: (c[0], -c[1], c[2]))
        chosen: list[tuple[int, int, int]] = []
        reach = -1
        for start, end, index in candidates:
            if start >= reach and end <= n:
                chosen.append((start, end, index))
                reach = end
        return chosen

    def _span(
        self, folded: Folded, start: int, end: int, role: _Role, key: str, index: int
    ) -> tuple[int, int] | None:
        low = folded.text
        if role is _Role.WILD_LEFT:
            extended = _extend_left(low, start)
            if extended is None:
                return None
            start = extended
        elif role is _Role.WILD_RIGHT:
            extended = _extend_right(low, end)
            if extended is None:
                return None
            end = extended
        if not (_left_boundary(low, start) and _right_boundary(low, end)):
            return None
        if self.entries[index].case_sensitive and role is not _Role.EXCEPTION:
            cased = folded.cased
            if role is _Role.WILD_LEFT:
                if cased[end - len(key) : end] != key:
                    return None
            elif cased[start : start + len(key)] != key:
                return None
        return start, end


def _left_boundary(low: str, start: int) -> bool:
    if start == 0:
        return True
    before = low[start - 1]
    if before == "-" and start >= 2 and _is_word(low[start - 2]):
        return False  # "counter-terrorist": a hyphen joins words
    return not (_is_word(before) and _is_word(low[start]))


def _right_boundary(low: str, end: int) -> bool:
    if end >= len(low):
        return True
    after = low[end]
    if after == "-" and end + 1 < len(low) and _is_word(low[end + 1]):
        return False  # "U.S.-backed" holds no "U.S." of its own
    return not (_is_word(after) and _is_word(low[end - 1]))


def _extend_left(low: str, start: int) -> int | None:
    """Start of the word joined by the hyphen at `start` ('U.S.' in 'U.S.-backed'), or None."""
    i = start
    while i > 0 and (_is_word(low[i - 1]) or low[i - 1] in ".'-"):
        i -= 1
    while i < start and not _is_word(low[i]):
        i += 1
    return i if i < start else None


def _extend_right(low: str, end: int) -> int | None:
    """End of the word joined by the hyphen before `end` ('Iranian' in 'pro-Iranian'), or None."""
    i = end
    n = len(low)
    while i < n and (_is_word(low[i]) or (low[i] in "-'" and i + 1 < n and _is_word(low[i + 1]))):
        i += 1
    return i if i > end else None
