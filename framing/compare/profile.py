"""What comparison needs from each analysed document: small, mergeable counts and scores.

A `SourceProfile` accumulates any number of documents of one source (an article, or every article of one
outlet in corpus mode); two profiles of the same source merge by adding. Worker processes send these,
never whole analyses, so corpus runs stay small in memory and can run anywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from framing.messages import alternatives_for
from framing.model import Analysis, Kind, Lexicon, Role
from framing.text import word_spans

# Categories whose labels the report lists per source.
SPONSORSHIP = "sponsorship"
IDENTITY = "identity"


@dataclass
class ActorTally:
    """One actor in one source."""

    name: str
    documents: int = 0
    mentions: int = 0
    names: Counter[str] = field(default_factory=Counter)
    labels: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (words, entry key, alternative)
    scores: list[float] = field(default_factory=list)  # one per document
    evidence: int = 0  # evidence items behind the scores
    # Summed contributions in millionths (contributions have three decimals): integers add exactly in any
    # order, so a tree of merges gives the same sums as a left-to-right fold; floats would not.
    component_micros: Counter[str] = field(default_factory=Counter)
    agent: int = 0
    patient: int = 0
    agentless: int = 0
    quoted: int = 0
    reported: int = 0
    via_source: int = 0
    allegations: int = 0
    unattributed: int = 0

    @property
    def components(self) -> dict[str, float]:
        """Summed contributions by component."""
        return {name: micros / 1_000_000 for name, micros in self.component_micros.items()}

    def merge(self, other: ActorTally) -> None:
        self.documents += other.documents
        self.mentions += other.mentions
        self.names.update(other.names)
        self.labels.update(other.labels)
        self.scores.extend(other.scores)
        self.component_micros.update(other.component_micros)
        for name in ("evidence", "agent", "patient", "agentless", "quoted", "reported", "via_source",
                     "allegations", "unattributed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class SourceProfile:
    """Everything comparison uses from the documents of one source."""

    name: str
    documents: int = 0
    words: int = 0
    loaded: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    sponsorship: Counter[str] = field(default_factory=Counter)
    identity: Counter[str] = field(default_factory=Counter)
    vocabulary: Counter[str] = field(default_factory=Counter)
    actors: dict[str, ActorTally] = field(default_factory=dict)

    def add(self, analysis: Analysis, lexicon: Lexicon) -> SourceProfile:
        self.documents += 1
        self.words += analysis.summary.words
        self.loaded += analysis.summary.loaded
        for finding in analysis.findings:
            self.categories[finding.entry.category] += 1
            if finding.entry.category == SPONSORSHIP:
                self.sponsorship[finding.text.lower().replace("\u2019", "'")] += 1
            elif finding.entry.kind is Kind.IDENTITY:
                self.identity[finding.text.lower().replace("\u2019", "'")] += 1
        # the project's one word tokenizer; numbers are not distinctive words
        self.vocabulary.update(w for _, _, w in word_spans(analysis.text) if not w[0].isdigit())
        for actor in analysis.actors:
            tally = self.actors.setdefault(actor.id, ActorTally(actor.canonical or actor.name))
            tally.documents += 1
            # named mentions: what the names column adds up to
            tally.mentions += sum(n.count for n in actor.names)
            tally.names.update({n.text: n.count for n in actor.names})
            for finding in (*actor.labels, *actor.descriptors):
                alternatives = alternatives_for(finding)
                tally.labels[
                    (
                        finding.text.replace("\u2019", "'"),
                        finding.entry.key,
                        alternatives[0] if alternatives else "",
                    )
                ] += 1
            if actor.confidence > 0:
                tally.scores.append(actor.score)
            tally.component_micros.update(
                {c.name: round(c.contribution * 1_000_000) for c in actor.components}
            )
            tally.evidence += sum(len(c.evidence) for c in actor.components)
            tally.agent += actor.role_count(Role.AGENT)
            tally.patient += actor.role_count(Role.PATIENT)
            tally.agentless += actor.agentless_count
            tally.quoted += sum(1 for v in actor.voice if v.direct)
            tally.reported += sum(1 for v in actor.voice if not v.direct and not v.via_source)
            tally.via_source += sum(1 for v in actor.voice if v.via_source)
            tally.allegations += len(actor.allegations)
            tally.unattributed += sum(1 for a in actor.allegations if a.accuser is None)
        return self

    def merge(self, other: SourceProfile) -> SourceProfile:
        """Add `other`'s counts to this profile; `other` is left unchanged and shares nothing with it.
        Merging is associative and keeps first-appearance order, so any grouping of an ordered sequence
        of profiles (a tree reduction) gives the same profile as folding it from left to right."""
        self.documents += other.documents
        self.words += other.words
        self.loaded += other.loaded
        self.categories.update(other.categories)
        self.sponsorship.update(other.sponsorship)
        self.identity.update(other.identity)
        self.vocabulary.update(other.vocabulary)
        for key, tally in other.actors.items():
            # A new tally, never `other`'s own: merging must leave `other` as it was, or merging b and
            # then c into x would count c's documents into b too.
            self.actors.setdefault(key, ActorTally(tally.name)).merge(tally)
        return self
