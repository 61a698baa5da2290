"""Narrative roles: whether a story casts an actor as villain, hero or victim, from the score's evidence.

The rule (docs/actor-framing.md), over the evidence items of one actor:

- villain mass: the size of every negative value of a label or descriptor, an allegation, or a role in
  which the actor is the agent (doing harm, fighting, controlling);
- victim mass: the size of every positive value of a role in which the actor is the patient of harm
  ("were displaced", "committing ethnic crimes against");
- hero mass: the size of every positive value of a label or descriptor, or a role as the agent (helping,
  protecting, supporting).

The role with the largest mass is the reading when that mass is at least MIN_MASS and at least MARGIN
times the next one; otherwise "none". Sentiment and voice never decide a role: a role names what the
story has the actor do or suffer, or what it calls it. The evidence shown is the items behind the role.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framing.model import Component, Evidence, Role, RoleUse

ROLES = ("villain", "hero", "victim")
MIN_MASS = 0.4  # e.g. the patient of one killing (0.4), one strength-2 label (0.67)
MARGIN = 1.5  # the reading must clearly outweigh the next one


def narrative(roles: Sequence[RoleUse], components: Sequence[Component]) -> dict[str, Any]:
    """`narrative_role` and `narrative_evidence` for an ActorFrame."""
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
        return {"narrative_role": "none", "narrative_evidence": ()}
    items = tuple(sorted(found[best], key=lambda e: (-abs(e.value), e.start)))
    return {"narrative_role": best, "narrative_evidence": items}


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
