"""Surface forms: the one normalisation shared by lexicon compilation and text matching, and inflection.

Normalisation maps each character to exactly one character (curly quotes to straight, dashes to '-',
whitespace to ' ') and lowercases, so a normalised text indexes like the original; only runs of
whitespace are folded and zero-width characters (zero-width space, joiners, word joiner, byte-order
mark, soft hyphen) dropped, so "mili\u200dtants" is found, and `Folded` maps their offsets back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from framing.model import Entry, Inflect

WILDCARD = "*"

_ONE_FOR_ONE = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\t": " ", "\n": " ", "\r": " ", "\x0b": " ", "\x0c": " ", "\xa0": " ", "\u2009": " ",
        "\u202f": " ", "\u2028": " ", "\u2029": " ", "\u200a": " ", "\u2007": " ",
    }
)
_WHITESPACE_RUN = re.compile(r"\s{2,}")
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# What matching leaves out: a run of zero-width characters (all of it), or a run of whitespace (all but
# its first character; zero-width characters inside the run go too).
_DROPPED = re.compile(rf"[{ZERO_WIDTH}]+|\s[\s{ZERO_WIDTH}]+")


def _lower_keep_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters ('İ') lowercase to two code points; keep those as they are so offsets hold.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def normalize(text: str, *, case_sensitive: bool = False) -> str:
    """Normalise a lexicon form: one-for-one character mapping, folded whitespace, lowercase."""
    text = _WHITESPACE_RUN.sub(" ", text.translate(_ONE_FOR_ONE)).strip()
    return text if case_sensitive else _lower_keep_length(text)


@dataclass(frozen=True, slots=True)
class Folded:
    """A text normalised for matching, with the map from its offsets back to the original."""

    text: str  # lowercased, one-for-one mapped, whitespace runs folded to one space
    cased: str  # the same without lowercasing, for case-sensitive entries
    breaks: tuple[int, ...]  # folded offsets at which the shift to the original changes
    shifts: tuple[int, ...]  # shift in force from each break on

    def original(self, pos: int) -> int:
        """Original offset of folded offset `pos` (a start, or an end via `original(end - 1) + 1`)."""
        if not self.breaks:
            return pos
        i = bisect_right(self.breaks, pos) - 1
        return pos + (self.shifts[i] if i >= 0 else 0)


_MAPPING = tuple((chr(k), v) for k, v in _ONE_FOR_ONE.items())


def _map_one_for_one(text: str) -> str:
    # str.replace per mapped character is several times faster than str.translate with a dict table
    for source, target in _MAPPING:
        if source in text:
            text = text.replace(source, target)
    return text


def fold(text: str) -> Folded:
    mapped = _map_one_for_one(text)
    breaks: list[int] = []
    shifts: list[int] = []
    if "  " not in mapped and not any(c in mapped for c in ZERO_WIDTH):
        return Folded(_lower_keep_length(mapped), mapped, (), ())
    pieces: list[str] = []
    last = 0
    shift = 0
    for run in _DROPPED.finditer(mapped):
        keep = 0 if run.group()[0] in ZERO_WIDTH else 1
        pieces.append(mapped[last : run.start() + keep])
        breaks.append(run.start() + keep - shift)
        shift += len(run.group()) - keep
        shifts.append(shift)
        last = run.end()
    pieces.append(mapped[last:])
    cased = "".join(pieces)
    return Folded(_lower_keep_length(cased), cased, tuple(breaks), tuple(shifts))


# --- inflection -------------------------------------------------------------------------------

_VOWELS = set("aeiou")
_IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "child": "children"}


def plural(word: str) -> str:
    """Regular English plural, with the '-man' compounds news uses (gunman -> gunmen)."""
    for singular, plural_form in _IRREGULAR_PLURALS.items():
        if word.endswith(singular):
            return word[: -len(singular)] + plural_form
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _doubles_final_consonant(word: str) -> bool:
    # One-syllable consonant-vowel-consonant verbs double: slam -> slammed; kill, seize do not.
    syllables = re.findall(r"[aeiouy]+", word)
    return (
        len(syllables) == 1
        and len(word) >= 3
        and word[-1] not in _VOWELS | {"w", "x", "y"}
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def verb_forms(verb: str) -> tuple[str, ...]:
    """Base, third person, past and -ing forms of a regular verb."""
    if verb.endswith("e"):
        stem_ing = verb if verb.endswith(("ee", "ye", "oe")) else verb[:-1]
        return (verb, verb + "s", verb + "d", stem_ing + "ing")
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        return (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    if _doubles_final_consonant(verb):
        return (verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing")
    third = verb + "es" if verb.endswith(("s", "x", "z", "ch", "sh")) else verb + "s"
    return (verb, third, verb + "ed", verb + "ing")


def _inflect(form: str, how: Inflect) -> tuple[str, ...]:
    if how is Inflect.NONE or WILDCARD in form:
        return (form,)
    words = form.split(" ")
    if how is Inflect.NOUN:
        head = words[-1]
        parts = head.rsplit("-", 1)
        parts[-1] = plural(parts[-1])
        return (form, " ".join([*words[:-1], "-".join(parts)]))
    return tuple(" ".join([v, *words[1:]]) for v in verb_forms(words[0]))


_OTHER = {Inflect.NOUN: Inflect.VERB, Inflect.VERB: Inflect.NOUN, Inflect.NONE: Inflect.NONE}


def entry_forms(entry: Entry) -> tuple[str, ...]:
    """Every normalised surface form an entry matches, generated inflections included, in order.

    `derived` forms are the same word in the other part of speech and take the other inflection: a noun
    entry's "crack down" gives "cracks down", "cracked down", "cracking down"; a verb entry's "smear
    campaign" gives "smear campaigns".
    """
    seen: dict[str, None] = {}
    for raw in (entry.term, *entry.variants):
        for form in _inflect(normalize(raw, case_sensitive=entry.case_sensitive), entry.inflect):
            seen.setdefault(form, None)
    for raw in entry.derived:
        for form in _inflect(normalize(raw, case_sensitive=entry.case_sensitive), _OTHER[entry.inflect]):
            seen.setdefault(form, None)
    return tuple(seen)
