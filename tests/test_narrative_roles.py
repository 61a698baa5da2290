"""Narrative roles (framing/actors/roles.py): each step of the rule with its own cases, the evidence each
step shows, and the choice of thresholds by fold in `framing eval narrative`.

Every sentence and number here is written for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from framing import analyze
from framing.actors.roles import (
    CANDIDATES,
    SHIPPED,
    NarrativeRule,
    NarrativeSummary,
    cast,
    narrative,
    summarise,
)
from framing.evaluation.tasks import _Cast, _choose_by_fold, entity_places, head_actor
from framing.model import Component, Evidence, Role, RoleUse

RULE = NarrativeRule(min_mentions=3, min_uses=1, patient_share=0.5, hero_from=0.1)


def summary(
    clear: str = "none",
    mentions: int = 5,
    agent: int = 2,
    patient: int = 0,
    harmed: bool = False,
    score: float = 0.0,
) -> NarrativeSummary:
    return NarrativeSummary(clear, mentions, agent, patient, harmed, score)


def use(role: Role, start: int, text: str, verb_class: str | None = None, negated: bool = False) -> RoleUse:
    return RoleUse(role, text, start, start + len(text), text, False, False, None, verb_class, negated)


def item(value: float, start: int, text: str = "w") -> Evidence:
    return Evidence(start, start + len(text), text, value, "test")


def component(name: str, *items: Evidence) -> Component:
    return Component(name, 1.0, 0.0, 0.0, items)


# ------------------------------------------------------------------------------------------- the steps


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        # 1. clear evidence speaks first, even for an actor named once with no clause
        (summary(clear="villain", mentions=1, agent=0, score=0.9), ("villain", "clear")),
        (summary(clear="victim", mentions=1, agent=0), ("victim", "clear")),
        # 2. in passing: named too rarely, or in too few clauses
        (summary(mentions=2, agent=5, score=-0.9), ("none", "in_passing")),
        (summary(mentions=9, agent=0, patient=0, score=-0.9), ("none", "in_passing")),
        (summary(mentions=3, agent=1, score=-0.9), ("villain", "by_score")),  # exactly the minimum
        # 3. acted upon: the patient of harm, or the patient in enough of its clauses
        (summary(agent=3, patient=1, harmed=True, score=-0.5), ("victim", "acted_upon")),
        (summary(agent=1, patient=1, score=0.8), ("victim", "acted_upon")),  # share 0.5 = the threshold
        (summary(agent=2, patient=1, score=0.8), ("hero", "by_score")),  # share 0.33: not enough
        # 4. by the score: villain below hero_from, hero from it on
        (summary(agent=2, score=0.09), ("villain", "by_score")),
        (summary(agent=2, score=0.1), ("hero", "by_score")),
    ],
)
def test_each_step_of_the_rule(case, expected):
    assert cast(case, RULE) == expected


def test_a_rule_that_never_casts_by_share_still_casts_the_patient_of_harm():
    never = NarrativeRule(1, 0, 1.01, 0.0)
    assert cast(summary(agent=0, patient=4, score=0.5), never) == ("hero", "by_score")
    assert cast(summary(agent=0, patient=1, harmed=True), never) == ("victim", "acted_upon")


def test_summary_counts_clauses_but_not_negated_ones():
    roles = [
        use(Role.AGENT, 0, "blocked"),
        use(Role.AGENT, 10, "attacked", "harm", negated=True),  # "did not attack": not the act
        use(Role.PATIENT, 20, "flooded", "harm"),
        use(Role.PATIENT, 30, "evicted", "harm", negated=True),
    ]
    found = summarise(roles, [], -0.3, 6)
    assert (found.agent_uses, found.patient_uses, found.harmed) == (1, 1, True)
    assert (found.mentions, found.score, found.clear) == (6, -0.3, "none")
    only_negated = summarise(roles[1:2] + roles[3:], [], 0.0, 6)
    assert (only_negated.agent_uses, only_negated.patient_uses, only_negated.harmed) == (0, 0, False)


# ------------------------------------------------------------------------------------------- evidence shown


def test_clear_evidence_shows_its_items():
    found = narrative([], [component("labels", item(-0.667, 4, "regime"))], 0.5, 1, RULE)
    assert found["narrative_role"] == "villain"
    assert [e.text for e in found["narrative_evidence"]] == ["regime"]


def test_acted_upon_shows_the_verbs_it_suffers_harm_first():
    roles = [
        use(Role.PATIENT, 30, "moved"),
        use(Role.PATIENT, 10, "flooded", "harm"),
        use(Role.AGENT, 0, "said"),
    ]
    found = narrative(roles, [], 0.4, 5, RULE)
    assert found["narrative_role"] == "victim"
    assert [e.text for e in found["narrative_evidence"]] == ["flooded", "moved"]
    assert found["narrative_evidence"][0].reason.startswith('patient of "flooded"')


def test_by_score_shows_what_pulls_the_score_then_the_verbs_it_does():
    roles = [use(Role.AGENT, 40, "cut"), use(Role.AGENT, 60, "delayed"), use(Role.AGENT, 70, "cut")]
    components = [
        component("sentiment", item(-0.2, 2, "Acme Co"), item(-0.6, 5, "Acme"), item(0.3, 80, "Acme")),
        component("attributes", item(-0.2, 20, "reckless")),
        component("voice", item(1.0, 90, "said")),
    ]
    found = narrative(roles, components, -0.5, 4, RULE)
    assert found["narrative_role"] == "villain"
    # the words of the text first, the strongest sentence tone next (one: the others repeat the name),
    # then the verbs; the favourable items and voice never shown
    assert [e.text for e in found["narrative_evidence"]] == ["reckless", "Acme", "cut", "delayed"]
    hero = narrative(roles, components, 0.5, 4, RULE)
    assert hero["narrative_role"] == "hero"
    assert [e.text for e in hero["narrative_evidence"]] == ["Acme", "cut", "delayed"]


def test_none_shows_nothing():
    found = narrative([use(Role.AGENT, 0, "said")], [component("sentiment", item(-0.9, 0))], -0.9, 1, RULE)
    assert found == {"narrative_role": "none", "narrative_evidence": ()}


def test_the_shipped_rule_is_one_of_the_candidates():
    assert SHIPPED in CANDIDATES
    assert len(set(CANDIDATES)) == len(CANDIDATES)


def test_a_story_casts_who_it_acts_upon():
    """No harm verb and no loaded word: the tenants are cast as victims because the story acts upon them;
    the council, named twice, is named in passing."""
    text = (
        "The tenants of Marsh Lane were moved in March. The council then housed the tenants in a hotel. "
        "The tenants say the council never consulted the tenants, and the tenants were told to wait."
    )
    actors = analyze(text).actors
    tenants = next(a for a in actors if "tenants" in a.name.lower())
    found = summarise(tenants.roles, tenants.components, tenants.score, len(tenants.mentions))
    assert cast(found) == ("victim", "acted_upon") and tenants.narrative_role == "victim"
    assert "moved" in [e.text for e in tenants.narrative_evidence]
    assert all(text[e.start : e.end] == e.text for e in tenants.narrative_evidence)  # words of the text
    assert next(a for a in actors if "council" in a.name.lower()).narrative_role == "none"


# ------------------------------------------------------------------------------------------- evaluation


@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        ("Sen. Ann Lee (D-MA) spoke.", "Sen. Ann Lee D-MA", ["Sen. Ann Lee (D-MA"]),
        ("The nation grew.", "the nation's", ["nation"]),
        ("Two activists came; an activist left.", "Activists", ["activists"]),
        ("An activist left.", "activists", ["activist"]),  # the other number when its own is absent
        ("The protesters marched.", "protester", ["protesters"]),
        ("O'Rourke spoke.", "O'\x99Rourke", ["O'Rourke"]),  # stray bytes in the annotation
        ("Ivanka Trump spoke.", "ï»¿Ivanka Trump", ["Ivanka Trump"]),  # a misread byte-order mark
        ("Coal is cheap.", "the coal lobby", []),
        ("The Bank spoke.", "the", []),
        ("Banks and bankers.", "bank", ["Banks"]),  # never inside a longer word
    ],
)
def test_entity_places(text, entity, expected):
    assert [text[a:b] for a, b in entity_places(text, entity)] == expected


def named(name: str, canonical: str | None = None, *mentions: tuple[str, str]) -> SimpleNamespace:
    return SimpleNamespace(
        name=name, canonical=canonical, mentions=[SimpleNamespace(name=n, kind=k) for n, k in mentions]
    )


HEAD_ACTORS = [
    named("Trump", "Donald Trump"),
    named("residents"),
    named("Republicans", None, ("GOP", "name")),
    named("Obama"),
    named("Washington", None, ("administration", "description")),  # a description: not its name
    named("energy companies"),
    named("Al"),  # too short to stand for anything
]


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        ("President Donald Trump", "Trump"),  # the longest name that ends the head: "donald trump"
        ("Residents of Oakvale", "residents"),  # the head before "of"
        ("the residents who stayed", "residents"),
        ("Congressional Republicans'", "Republicans"),
        ("the local GOP", "Republicans"),  # a mention's name counts
        ("Obama-era regulations", None),  # the head is "regulations"
        ("Trump administration", None),  # "administration" is only a description of Washington
        ("Lawsuits against energy companies", None),  # the head is "lawsuits"
        ("\ufeffDonald Trump", "Trump"),  # a byte-order mark before the name
        ("Big Al", None),
    ],
)
def test_head_actor(entity, expected):
    found = head_actor(HEAD_ACTORS, entity)
    assert (HEAD_ACTORS[found].name if found is not None else None) == expected


def test_each_fold_is_read_by_a_rule_chosen_without_it():
    """Two candidate rules: A casts everyone as a villain (right on folds 2 and 3), B as a hero (right on
    fold 1). Fold 1's rule must be A although B is better on fold 1 itself."""
    villain_rule, hero_rule = NarrativeRule(1, 0, 1.01, 1.0), NarrativeRule(1, 0, 1.01, -1.0)
    casts = [
        _Cast(gold, f"a{fold}", fold, True, summary(agent=1, score=0.0))
        for fold, gold, n in ((1, "hero", 2), (2, "villain", 3), (3, "villain", 3))
        for _ in range(n)
    ]
    chosen, rules = _choose_by_fold(casts, (villain_rule, hero_rule), cast)
    assert rules == {1: villain_rule, 2: villain_rule, 3: villain_rule}
    assert chosen[-1] == villain_rule  # on all articles: 6 villains against 2 heroes
    flipped = [c._replace(gold="hero") if c.fold == 2 else c for c in casts]
    assert _choose_by_fold(flipped, (villain_rule, hero_rule), cast)[1][3] == hero_rule
