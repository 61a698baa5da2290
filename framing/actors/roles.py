"""Narrative roles: whether a story casts an actor as villain, hero or victim, from the score's evidence.

The rule (docs/actor-framing.md) reads one actor's evidence in four steps; the first that speaks decides:

1. `clear_reading` (clear evidence): the size of every negative label or descriptor value, allegation and
   negative agent role is villain mass; every positive patient role of a harm verb ("were displaced") is
   victim mass; every positive label, descriptor or agent role (helping, protecting) is hero mass. The
   largest mass is the reading when it is at least MIN_MASS and MARGIN times the next one. This step
   speaks even for an actor named once ("Militants killed dozens").
2. `in_passing`: without clear evidence, an actor named fewer than `min_mentions` times, or the agent or
   patient of fewer than `min_uses` clauses, has no role ("none").
3. `acted_upon`: an actor that is the patient of harm, or the patient in at least `patient_share` of its
   clauses, is a victim ("cast as a victim: patient of 'flooded', 'displaced'").
4. `by_score`: otherwise the story has it act, and the score's sign casts it: villain below `hero_from`,
   hero from it on; the evidence shown is the items that pull the score that way and the verbs it is the
   agent of.

The thresholds of steps 2-4 (`NarrativeRule`) are chosen by `framing eval narrative` on the annotated
villains, heroes and victims of Frermann et al. (2023), each fold's rule without its test articles;
`SHIPPED` is the same choice made on all their articles (docs/EVALUATION.md). Voice never decides a role.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from framing.messages import role_reason
from framing.model import Component, Evidence, Role, RoleUse

ROLES = ("villain", "hero", "victim")
MIN_MASS = 0.4  # e.g. the patient of one killing (0.4), one strength-2 label (0.67)
MARGIN = 1.5  # the reading must clearly outweigh the next one
SIGNED = ("labels", "descriptors", "attributes", "allegations", "roles")  # components whose words cast


@dataclass(frozen=True, slots=True)
class NarrativeRule:
    """The thresholds of the rule's steps 2-4."""

    min_mentions: int  # named fewer times, and no clear evidence: "none"
    min_uses: int  # agent or patient of fewer clauses, and no clear evidence: "none"
    patient_share: float  # a victim when at least this share of its clauses have it as the patient
    hero_from: float  # by the score: a villain below it, a hero from it on


# Chosen by `framing eval narrative --data ../shared/data/narrative_frames_frermann2023 --engine spacy` on all
# 428 articles (the choice it reports as `rule chosen on all articles`); its figures are cross-validated.
SHIPPED = NarrativeRule(min_mentions=4, min_uses=1, patient_share=0.3, hero_from=0.2)

# The candidates a fold's choice is made from (kept small: 5 x 3 x 5 x 5).
CANDIDATES = tuple(
    NarrativeRule(m, u, p, h)
    for m in (1, 2, 3, 4, 5)
    for u in (0, 1, 2)
    for p in (0.2, 0.3, 0.4, 0.5, 1.01)  # 1.01: never by share, only as the patient of harm
    for h in (-0.2, -0.1, 0.0, 0.1, 0.2)
)


@dataclass(frozen=True, slots=True)
class NarrativeSummary:
    """What steps 2-4 read, computed once per actor: the rule can then be tried with many thresholds."""

    clear: str  # the clear-evidence reading (step 1), or "none"
    mentions: int
    agent_uses: int
    patient_uses: int
    harmed: bool  # patient of a harm verb, not negated
    score: float


def narrative(
    roles: Sequence[RoleUse],
    components: Sequence[Component],
    score: float = 0.0,
    mentions: int = 0,
    rule: NarrativeRule = SHIPPED,
) -> dict[str, Any]:
    """`narrative_role` and `narrative_evidence` for an ActorFrame."""
    clear, clear_items = clear_reading(roles, components)
    summary = summarise(roles, components, score, mentions, clear)
    role, step = cast(summary, rule)
    if role == "none":
        return {"narrative_role": "none", "narrative_evidence": ()}
    if step == "clear":
        items = clear_items
    elif step == "acted_upon":
        items = _patient_items(roles)
    else:
        items = _score_items(role, roles, components)
    return {"narrative_role": role, "narrative_evidence": items}


def summarise(
    roles: Sequence[RoleUse],
    components: Sequence[Component],
    score: float,
    mentions: int,
    clear: str | None = None,
) -> NarrativeSummary:
    if clear is None:
        clear = clear_reading(roles, components)[0]
    counted = [use for use in roles if not use.negated]
    return NarrativeSummary(
        clear=clear,
        mentions=mentions,
        agent_uses=sum(1 for use in counted if use.role is Role.AGENT),
        patient_uses=sum(1 for use in counted if use.role is Role.PATIENT),
        harmed=any(use.role is Role.PATIENT and use.verb_class == "harm" for use in counted),
        score=score,
    )


def cast(summary: NarrativeSummary, rule: NarrativeRule = SHIPPED) -> tuple[str, str]:
    """(role, the step that decided it): clear, in_passing, acted_upon or by_score."""
    if summary.clear != "none":
        return summary.clear, "clear"
    if in_passing(summary, rule):
        return "none", "in_passing"
    if acted_upon(summary, rule):
        return "victim", "acted_upon"
    return by_score(summary, rule), "by_score"


def in_passing(summary: NarrativeSummary, rule: NarrativeRule) -> bool:
    uses = summary.agent_uses + summary.patient_uses
    return summary.mentions < rule.min_mentions or uses < rule.min_uses


def acted_upon(summary: NarrativeSummary, rule: NarrativeRule) -> bool:
    uses = summary.agent_uses + summary.patient_uses
    return summary.harmed or (uses > 0 and summary.patient_uses / uses >= rule.patient_share)


def by_score(summary: NarrativeSummary, rule: NarrativeRule) -> str:
    return "villain" if summary.score < rule.hero_from else "hero"


def clear_reading(
    roles: Sequence[RoleUse], components: Sequence[Component]
) -> tuple[str, tuple[Evidence, ...]]:
    """Step 1 (the rule before issue 10's fitting): the role whose evidence clearly outweighs the others."""
    by_start: dict[int, set[Role]] = {}
    classes: dict[int, str | None] = {}
    for use in roles:
        by_start.setdefault(use.verb_start, set()).add(use.role)
        classes[use.verb_start] = use.verb_class
    found: dict[str, list[Evidence]] = {name: [] for name in ROLES}
    for component in components:
        for item in component.evidence:
            kind = _reading(component.name, item, by_start, classes)
            if kind is not None:
                found[kind].append(item)
    mass = {name: sum(abs(e.value) for e in items) for name, items in found.items()}
    ranked = sorted(ROLES, key=lambda name: -mass[name])
    best, second = ranked[0], ranked[1]
    if mass[best] < MIN_MASS or mass[best] < MARGIN * mass[second]:
        return "none", ()
    return best, tuple(sorted(found[best], key=lambda e: (-abs(e.value), e.start)))


def _reading(component: str, item: Evidence, by_start: dict[int, set[Role]], classes: dict[int, str | None],
             ) -> str | None:
    if not item.value:
        return None
    if component in ("labels", "descriptors"):
        return "villain" if item.value < 0 else "hero"
    if component == "allegations":
        return "villain"
    if component != "roles":
        return None
    role = by_start.get(item.start, set())
    if role == {Role.AGENT}:
        return "villain" if item.value < 0 else "hero"
    if role == {Role.PATIENT} and item.value > 0 and classes.get(item.start) == "harm":
        return "victim"
    return None


def _verb_items(roles: Sequence[RoleUse], role: Role) -> list[Evidence]:
    """Each verb once ("used" twice is shown once), in the order of the text's clauses."""
    seen: set[str] = set()
    out = []
    for use in roles:
        if use.role is role and not use.negated and use.verb_text.lower() not in seen:
            seen.add(use.verb_text.lower())
            out.append(Evidence(use.verb_start, use.verb_end, use.verb_text, 0.0, role_reason(use)))
    return out


def _patient_items(roles: Sequence[RoleUse]) -> tuple[Evidence, ...]:
    """The verbs it suffers, harm first: "patient of 'flooded' (doing harm)"."""
    items = _verb_items(roles, Role.PATIENT)
    harm = {use.verb_start for use in roles if use.verb_class == "harm"}
    return tuple(sorted(items, key=lambda e: (e.start not in harm, e.start)))


def _score_items(
    role: str, roles: Sequence[RoleUse], components: Sequence[Component]
) -> tuple[Evidence, ...]:
    """The words that pull the score toward the role (labels, attributes, roles, allegations), then the
    strongest sentence tone that does (one item: the others repeat the actor's name), then the verbs the
    actor is the agent of."""
    sign = -1 if role == "villain" else 1

    def pulling(names: Sequence[str]) -> list[Evidence]:
        found = [i for c in components if c.name in names for i in c.evidence if i.value * sign > 0]
        return sorted(found, key=lambda e: (-abs(e.value), e.start))

    items = pulling(SIGNED) + pulling(("sentiment",))[:1]
    shown = {(e.start, e.end) for e in items}
    return tuple(items + [e for e in _verb_items(roles, Role.AGENT) if (e.start, e.end) not in shown])
