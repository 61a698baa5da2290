"""Frozen data that flows through the pipeline: lexicon entries in, findings and analyses out.

Spans are half-open character offsets into the document's original text, always.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.matcher import Matcher


class Connotation(StrEnum):
    """The direction of slant an entry gives its subject."""

    NEGATIVE = "negative"
    POSITIVE = "positive"
    EUPHEMISTIC = "euphemistic"
    NEUTRAL = "neutral"


class Kind(StrEnum):
    """What a category's findings are, which decides how summaries count them.

    loaded: loaded language proper; identity: identity labelling (sect, ethnicity, religion),
    reported but not counted as loaded; marker: epistemic and attribution markers (hedges,
    attribution verbs), reported beside loaded language because they frame by sourcing.
    """

    LOADED = "loaded"
    IDENTITY = "identity"
    MARKER = "marker"


class Inflect(StrEnum):
    """Which inflected forms the compiler generates from `term` and `variants`."""

    NOUN = "noun"  # plural of the last word: militia -> militias, gunman -> gunmen
    VERB = "verb"  # forms of the first word: accuse of -> accuses of, accused of, accusing of
    NONE = "none"


STRENGTH_MEANING = {
    1: "evaluative, but common in neutral reporting",
    2: "clearly emotive, partisan or one-sided",
    3: "dehumanising, or a slur",
}


@dataclass(frozen=True, slots=True)
class Source:
    """A citable source that lexicon entries refer to by key."""

    key: str
    citation: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Category:
    """One lexicon file's header."""

    name: str
    title: str
    description: str
    kind: Kind
    path: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: the forms it matches and everything a report says about it."""

    id: str
    category: str
    term: str
    connotation: Connotation
    strength: int
    alternatives: tuple[str, ...]
    explanation: str
    sources: tuple[str, ...]
    variants: tuple[str, ...] = ()
    inflect: Inflect = Inflect.NONE
    case_sensitive: bool = False
    condition: str | None = None
    exceptions: tuple[str, ...] = ()
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    path: str = ""
    line: int = 0

    @property
    def key(self) -> str:
        """The stable handle shown in reports and used by --ignore: 'category/id'."""
        return f"{self.category}/{self.id}"

    @property
    def source_keys(self) -> tuple[str, ...]:
        """Source keys without their section notes ('key: section' -> 'key')."""
        return tuple(s.split(":", 1)[0].strip() for s in self.sources)


@dataclass(frozen=True)
class Lexicon:
    """Validated entries, their categories and sources; the matcher is compiled once, on first use."""

    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]
    sources: dict[str, Source] = field(default_factory=dict)

    @cached_property
    def matcher(self) -> Matcher:
        from framing.matcher import Matcher

        return Matcher(self.entries)

    @cached_property
    def by_key(self) -> dict[str, Entry]:
        return {e.key: e for e in self.entries}

    @cached_property
    def by_category(self) -> dict[str, Category]:
        return {c.name: c for c in self.categories}

    def kind_of(self, entry: Entry) -> Kind:
        return self.by_category[entry.category].kind

    def cite(self, ref: str) -> str:
        """Full citation for an entry's source reference ('key' or 'key: section')."""
        key, _, section = ref.partition(":")
        source = self.sources.get(key.strip())
        text = source.citation if source else key.strip()
        return f"{text}, {section.strip()}" if section.strip() else text


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation (the quoted words, without the marks) and its speaker where the text names one."""

    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One match of a lexicon entry in a text."""

    start: int
    end: int
    text: str
    entry: Entry
    sentence: int
    in_quote: bool = False
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: str
    kind: Kind
    count: int
    per_1k_words: float


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for one document; 'loaded' counts exclude identity labels and markers."""

    words: int
    findings: int
    loaded: int
    loaded_per_1k_words: float
    in_quotes: int
    by_category: tuple[CategoryCount, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything found in one document, with spans into `text`."""

    source: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    quotes: tuple[Quote, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    notes: tuple[str, ...] = ()
