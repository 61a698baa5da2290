"""Actor coverage on human-annotated news: does the actor layer find the people and groups annotators marked?

- NewsMTSC (Hamborg and Donnay 2021): the share of target mentions (character spans in one sentence)
  that fall inside a mention of some actor the tool lists, and the share that overlap one;
- PerSenT (Bastan et al. 2020): the share of documents whose TARGET_ENTITY is an actor, that is, some
  listed actor is named (by a name, not a pronoun or a description) with the entity's surname or last
  word ("Aquino" for "Benigno Aquino III"). PerSenT's masked mentions come from automatic coreference
  and often miss or over-reach, so names, not masked spans, decide.

Reading the files and running the analysis are the caller's (`scripts/measure_coverage.py`); the functions
here are pure over the records and the analyses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from framing.model import Analysis

@dataclass(frozen=True, slots=True)
class Target:
    """Text with the annotated mentions of one entity (character spans, end exclusive)."""

    key: str
    text: str
    spans: tuple[tuple[int, int], ...]
    entity: str


@dataclass
class Coverage:
    targets: int = 0
    inside: int = 0  # a target span lies inside an actor's mention
    overlap: int = 0  # a target span overlaps an actor's mention
    misses: list[Target] = field(default_factory=list)

    @property
    def inside_share(self) -> float:
        return self.inside / self.targets if self.targets else 0.0

    @property
    def overlap_share(self) -> float:
        return self.overlap / self.targets if self.targets else 0.0


def newsmtsc_targets(records: Iterable[dict[str, object]]) -> Iterator[Target]:
    """One target per annotated mention: the sentence and the span of that mention."""
    for record in records:
        text = str(record["sentence_normalized"])
        for target in record["targets"]:  # type: ignore[attr-defined]
            start, end = int(target["from"]), int(target["to"])
            yield Target(f"{record['primary_gid']}:{start}", text, ((start, end),), str(target["mention"]))


def persent_targets(rows: Iterable[dict[str, str]]) -> Iterator[Target]:
    """One target per document: the document and its TARGET_ENTITY (no spans)."""
    for row in rows:
        yield Target(row["DOCUMENT_INDEX"], row["DOCUMENT"], (), row["TARGET_ENTITY"])


_SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv"))


def key_word(entity: str) -> str:
    """The word that names an entity in running text: a person's surname ("Aquino" for "Benigno Aquino
    III"), an organisation's last word ("Fed" for "the Fed")."""
    words = [w for w in re.findall(r"[\w.'-]+", entity) if w.lower() not in _SUFFIXES]
    return words[-1].lower() if words else entity.lower()


def entity_is_actor(entity: str, analysis: Analysis) -> bool:
    """Whether an actor of the analysis is named with the entity's key word."""
    key = key_word(entity)
    return any(key in re.findall(r"[\w.'-]+", m.text.lower()) for actor in analysis.actors
               for m in actor.mentions if m.kind in ("gazetteer", "name", "alias", "group", "description"))


def measure(pairs: Iterable[tuple[Target, Analysis]]) -> Coverage:
    """Coverage of the targets by the actors of their analyses (one analysis per target's text): by span
    where the target has spans, else by name (`entity_is_actor`, counted as both inside and overlap)."""
    result = Coverage()
    for target, analysis in pairs:
        if not target.spans:
            found = entity_is_actor(target.entity, analysis)
            result.targets += 1
            result.inside += found
            result.overlap += found
            if not found:
                result.misses.append(target)
            continue
        mentions = [(m.start, m.end) for actor in analysis.actors for m in actor.mentions]
        result.targets += 1
        inside = any(ms <= ts and te <= me for ts, te in target.spans for ms, me in mentions)
        overlap = inside or any(ms < te and ts < me for ts, te in target.spans for ms, me in mentions)
        result.inside += inside
        result.overlap += overlap
        if not overlap:
            result.misses.append(target)
    return result
