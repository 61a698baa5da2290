"""The parsed document model every engine produces and everything downstream reads.

Token indices in a `SentenceParse` (heads, chunks, clauses, entities) count from the sentence's first
token; character offsets (`Token.start`, `Token.end`) always index the original text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from framing.model import Quote

Span = tuple[int, int]  # token indices [start, end) within one sentence


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    tag: str  # Penn Treebank tag
    lower: str  # lowercased, with straight apostrophes
    lemma: str = ""
    pos: str = ""  # Universal POS ("PROPN", "VERB"); "" where the engine has none
    dep: str = ""  # dependency label ("nsubjpass"); "" from the fast engine
    head: int = -1  # sentence index of the syntactic head (itself for the root); -1 unknown
    ent: str = ""  # named-entity label of the entity holding the token ("PERSON"), else ""


@dataclass(frozen=True, slots=True)
class Chunk:
    kind: str  # NP, VP, PP, ADVP, ADJP, PRT, O
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    pnp: bool  # a noun phrase governed by a preposition ("of the city")


@dataclass(frozen=True, slots=True)
class Entity:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    label: str  # PERSON, ORG, GPE, NORP, ... (spaCy's OntoNotes labels)


@dataclass(frozen=True, slots=True)
class Clause:
    """A verb and its arguments, as token spans of one sentence."""

    verb: int  # token index of the head verb
    passive: bool
    subject: Span | None  # surface subject (the patient when passive)
    obj: Span | None
    by_agent: Span | None
    against: Span | None  # "against X": X is a patient
    negated: bool = False  # "did not attack", "never attacked"
    attached: int | None = None  # the noun a relative or participle clause describes ("forces [trained by]")
    preps: tuple[tuple[str, Span], ...] = ()  # prepositional objects: ("against", span), ("of", span)

    @property
    def agent(self) -> Span | None:
        return self.by_agent if self.passive else self.subject

    @property
    def patient(self) -> Span | None:
        return self.subject if self.passive else self.obj


@dataclass(frozen=True, slots=True)
class SentenceParse:
    """One sentence as an engine reads it."""

    start: int  # character offsets of the sentence in the text
    end: int
    tokens: tuple[Token, ...]
    chunks: tuple[Chunk, ...]  # noun, verb and prepositional chunks, in order
    clauses: tuple[Clause, ...]
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """The document model: a text, its sentences and direct quotations, and (from an engine) each
    sentence's parse; every span indexes `text`. `prepare` gives the first three; `framing.engine`
    adds `parses` (one `SentenceParse` per sentence), the engine's name and its model's version."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    quotes: tuple[Quote, ...]
    parses: tuple[SentenceParse, ...] = ()
    engine: str = ""
    model: str = ""
    entities: bool = False  # whether the engine recognises named entities (the fast engine does not)

    def sentence_index(self) -> SpanIndex:
        return SpanIndex(self.sentences)

    def quote_index(self) -> SpanIndex:
        return SpanIndex(tuple((q.start, q.end) for q in self.quotes))


class SpanIndex:
    """Finds which of a sorted, disjoint tuple of spans holds an offset, by bisection."""

    def __init__(self, spans: tuple[tuple[int, int], ...]) -> None:
        self._starts = [s for s, _ in spans]
        self._spans = spans

    def nearest(self, pos: int) -> int:
        """Index of the span holding `pos`, or of the last span before it (0 when none)."""
        return max(bisect_right(self._starts, pos) - 1, 0)

    def holding(self, start: int, end: int) -> int | None:
        """Index of the span that holds all of [start, end), if any."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and end <= self._spans[i][1]:
            return i
        return None
