"""The graded evaluative layer: general evaluative words from TextBlob's bundled subjectivity lexicon.

`lexicons/graded.toml` holds no entries of its own: its `[graded]` table names the thresholds and the
reviewed exclusions, and this module turns every word of TextBlob's `en/en-sentiment.xml` (Tom De Smedt and
Walter Daelemans, pattern 2.6, released under the PDDL; TextBlob itself is MIT) whose mean polarity and
subjectivity reach the thresholds into an `Entry` of kind `graded`: strength 1, reported under its own
heading, never counted as loaded language. A word the curated lexicon already matches stays curated. Every
word carries a `pos` check for its part of speech in the sentiment lexicon ("ideal" is graded as an
adjective, not as a noun; "striking" not as a verb), and the table's `exceptions` (fixed phrases such as
"popular vote" or "grand jury") go to the words they contain.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import mean
from typing import Any

from framing.model import Connotation, Entry, Kind

GRADED_KEYS = {
    "source", "polarity_min", "subjectivity_min", "exclude", "include", "parts_of_speech", "exceptions"
}
_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
_POS = {"JJ": "ADJ", "RB": "ADV", "NN": "NOUN", "VB": "VERB"}


@dataclass(frozen=True, slots=True)
class Graded:
    """One word's mean grades over its senses in the lexicon."""

    word: str
    polarity: float
    subjectivity: float
    pos: str  # Penn tag family: JJ, RB, NN, VB
    senses: int


def _textblob_dir() -> Path:
    """TextBlob's data folder, found without importing the package (whose import is all of NLTK)."""
    import importlib.util

    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textblob is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "en"


@cache
def read_lexicon() -> dict[str, Graded]:
    """TextBlob's subjectivity lexicon, averaged per word and part of speech as TextBlob averages it."""
    grades: dict[str, list[tuple[float, float, str]]] = {}
    for word in ET.parse(_textblob_dir() / "en-sentiment.xml").getroot():
        form = (word.get("form") or "").lower()
        pos = (word.get("pos") or "")[:2]
        if not _WORD.match(form) or pos not in _POS:
            continue
        grades.setdefault(form, []).append(
            (float(word.get("polarity", 0)), float(word.get("subjectivity", 0)), pos)
        )
    out = {}
    for form, values in grades.items():
        pos = max({p for _, _, p in values}, key=[p for _, _, p in values].count)
        out[form] = Graded(
            form, round(mean(v[0] for v in values), 3), round(mean(v[1] for v in values), 3), pos, len(values)
        )
    return out


def select(config: Mapping[str, Any], taken: Collection[str] = ()) -> list[Graded]:
    """The words the `[graded]` table selects, in alphabetical order, leaving out `taken` forms.

    A word is selected when TextBlob grades it past both thresholds in one of `parts_of_speech`, it is not
    in `exclude`, and, when the table has an `include` list (the words with annotators' evidence, chosen by
    scripts/choose_graded.py), it is in that list.
    """
    exclude = set(config.get("exclude", ()))
    include = set(config["include"]) if "include" in config else None
    parts = set(config.get("parts_of_speech", ("JJ",)))
    return [
        g for g in sorted(read_lexicon().values(), key=lambda g: g.word)
        if g.pos in parts and abs(g.polarity) >= config["polarity_min"]
        and g.subjectivity >= config["subjectivity_min"] and g.word not in exclude and g.word not in taken
        and (include is None or g.word in include)
    ]


def unselectable(config: Mapping[str, Any]) -> list[str]:
    """Words of `include` that TextBlob's grades and the thresholds do not select (a stale or mistyped
    list)."""
    graded = {g.word for g in select({**config, "include": config.get("include", ()), "exclude": ()})}
    return sorted(set(config.get("include", ())) - graded)


def _explanation(g: Graded) -> str:
    leaning = "unfavourable" if g.polarity < 0 else "favourable"
    return (
        f"A general evaluative word: TextBlob's graded lexicon rates it {leaning} ({g.polarity:+.2f}) and "
        f"subjective ({g.subjectivity:.2f}), a verdict in the writer's voice where the facts could let "
        "readers judge."
    )


def graded_entries(
    config: Mapping[str, Any], category: str, path: str, taken: Collection[str] = ()
) -> list[Entry]:
    """Entries for the selected words (kind graded, strength 1), each citing `config['source']`."""
    entries = []
    for g in select(config, taken):
        wanted = _POS[g.pos]
        exceptions = tuple(
            e
            for e in config.get("exceptions", ())
            if re.search(rf"(?<![\w-]){re.escape(g.word)}(?![\w-])", e)
        )
        entries.append(Entry(
            id=g.word, category=category, term=g.word,
            connotation=Connotation.NEGATIVE if g.polarity < 0 else Connotation.POSITIVE,
            strength=1, alternatives=(), explanation=_explanation(g), sources=(str(config["source"]),),
            checks=(f"pos:{wanted}",), exceptions=exceptions, kind=Kind.GRADED, path=path, line=1,
        ))
    return entries
