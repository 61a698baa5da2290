"""The learned actor score: component sums, the ordinal model, model files tied to the lexicon, evidence
rules (negation, harm-to-whom, victims), narrative roles, and the order of the project's example stories.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import json
import math
import random
import warnings
from pathlib import Path

import pytest

from framing import InputError, analyze
from framing.actors.roles import clear_reading, narrative
from framing.engine import get_engine, spacy_available
from framing.actors.score import (
    COMPONENTS,
    FALLBACK,
    ScoreModel,
    check_digest,
    combine,
    component_features,
    default_model,
)
from framing.learn.actor_score import entity_spans, fit_ordinal
from framing.learn.actor_sentiment import default_model as default_mention_model
from framing.model import Component, Evidence, Role, RoleUse
from framing.resources import lexicon_digest

ROOT = Path(__file__).resolve().parents[1]


def ev(value: float, start: int = 0) -> Evidence:
    return Evidence(start, start + 1, "w", value, "test")


def actor(analysis, needle: str):
    return next(a for a in analysis.actors if needle in a.name.lower() or needle in a.id)


# ------------------------------------------------------------------------------------------- the score

def test_contributions_add_up_to_the_score_and_probabilities_to_one():
    evidence = {
        "labels": [ev(-0.667), ev(-0.333)],
        "roles": [ev(0.4)],
        "voice": [ev(1.0)],
        "sentiment": [ev(-0.5)],
    }
    result = combine(evidence)
    assert math.isclose(sum(c.contribution for c in result.components), result.score, abs_tol=0.01)
    assert math.isclose(sum(result.probabilities), 1.0, abs_tol=0.01)
    assert -1 <= result.score <= 1
    assert result.confidence == round(5 / (5 + default_model().prior), 3)  # N / (N + prior)


def test_component_features_are_sums_over_their_evidence_plus_prior():
    x = component_features({"labels": [ev(-1.0), ev(-1.0)], "roles": [ev(0.5)]})
    assert x["labels"] == pytest.approx(-2 / 4) and x["roles"] == pytest.approx(0.5 / 3)
    assert all(abs(v) < 1 for v in x.values())


@pytest.mark.parametrize("component", COMPONENTS)
def test_more_negative_evidence_never_raises_a_score(component):
    base = {"labels": [ev(-0.333)], "roles": [ev(-0.7)], "sentiment": [ev(-0.4)], "voice": [ev(1.0)]}
    more = {name: list(items) for name, items in base.items()}
    more.setdefault(component, []).append(ev(-0.667, 9))
    if default_model().weights[component] >= 0:
        assert combine(more).score <= combine(base).score


def test_no_evidence_scores_zero():
    result = combine({})
    assert result.score == 0 and result.confidence == 0


def test_the_score_keeps_the_sign_of_its_evidence():
    negative = combine({"labels": [ev(-1.0)], "allegations": [ev(-0.7)]})
    positive = combine({"labels": [ev(1.0)], "roles": [ev(0.6)]})
    assert negative.score < 0 < positive.score
    assert negative.probabilities[0] > negative.probabilities[2]
    assert positive.probabilities[2] > positive.probabilities[0]


def test_fit_ordinal_recovers_the_direction_of_a_feature():
    rng = random.Random(7)
    X, y = [], []
    for _ in range(300):
        s = rng.uniform(-1, 1)
        noise = rng.gauss(0, 0.2)
        X.append([s, rng.uniform(-1, 1), 0, 0, 0, 0])
        y.append(0 if s + noise < -0.3 else 2 if s + noise > 0.3 else 1)
    w, c1, c2 = fit_ordinal(X, y, C=10.0)
    assert w[0] > 2 and abs(w[1]) < abs(w[0]) / 4  # the informative feature dominates
    assert c1 < 0 < c2


def test_score_model_json_round_trip_and_bad_files():
    model = ScoreModel(dict.fromkeys(COMPONENTS, 1.0), (-0.5, 0.5), {"seed": 1})
    again = ScoreModel.from_json(model.to_json())
    assert again == model and again.metadata == {"seed": 1}
    for bad in (
        "{",
        "[]",
        json.dumps(
            {
                "format": "framing-actor-score",
                "schema": 1,
                "prior": 2.0,
                "weights": {"labels": 1},
                "cutpoints": [0, 1],
            }
        ),
    ):
        with pytest.raises(InputError):
            ScoreModel.from_json(bad, "bad.json")


def test_a_model_from_another_lexicon_warns():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert check_digest({"lexicon_digest": "0" * 64}, "old.json") is False
    assert "another lexicon" in str(caught[0].message)
    assert check_digest({"lexicon_digest": lexicon_digest()}, "fresh.json") is True


# ------------------------------------------------------------------------------------------- model files


@pytest.mark.parametrize("name", ["actor_score.json", "actor_sentiment.json"])
def test_shipped_models_are_fresh_and_say_what_they_were_trained_on(name):
    metadata = json.loads((ROOT / "framing" / "models" / name).read_text(encoding="utf-8"))["metadata"]
    # fails when the lexicon (or actor data) changed after training: retrain with `framing train actors`
    assert metadata["lexicon_digest"] == lexicon_digest(), (
        "stale weights: run framing train actors --data ..."
    )
    for key in ("engine", "command", "seed", "test", "training_data"):
        assert key in metadata, key
    assert metadata["command"].startswith("framing train actors")


def test_the_shipped_models_are_the_ones_loaded():
    assert default_model() is not FALLBACK
    assert default_mention_model() is not None


# ------------------------------------------------------------------------------------------- evidence rules


@pytest.mark.parametrize(
    "text",
    [
        "Kurdish forces did not attack the Yazidi villagers.",
        "Kurdish forces never attacked the Yazidi villagers.",
    ],
)
def test_a_negated_verb_is_not_the_act(text):
    analysis = analyze(text)
    for frame in analysis.actors:
        assert not any(r.verb == "attack" for r in frame.roles)
        assert frame.narrative_role == "none"


def test_taking_ground_is_not_harm():
    forces = actor(analyze("Iraqi forces captured the eastern side of the city on Tuesday."), "iraqi forces")
    roles = next(c for c in forces.components if c.name == "roles")
    assert roles.evidence and all(e.value == 0 for e in roles.evidence)


def test_harm_to_a_party_the_text_condemns_is_not_harm_to_people():
    analysis = analyze("Iraqi forces inflicted heavy losses on the terrorists.")
    forces = actor(analysis, "iraqi forces")
    roles = next(c for c in forces.components if c.name == "roles")
    assert roles.evidence and all(e.value == 0 for e in roles.evidence)
    assert "terrorists" in roles.evidence[0].reason
    assert actor(analysis, "terrorists").role_count(Role.PATIENT) == 1


def test_victims_are_not_tainted_by_the_violence_done_to_them():
    villagers = actor(analyze("Gunmen massacred the terrified villagers at dawn."), "villagers")
    sentiment = next(c for c in villagers.components if c.name == "sentiment")
    assert all(e.value >= 0 for e in sentiment.evidence)
    assert villagers.score > 0


# ------------------------------------------------------------------------------------------- narrative roles


def use(role: Role, start: int, verb_class: str) -> RoleUse:
    return RoleUse(role, "kill", start, start + 1, "killed", False, False, None, verb_class)


def component(name: str, *items: Evidence) -> Component:
    return Component(name, 1.0, 0.0, 0.0, items)


@pytest.mark.parametrize(
    ("roles", "components", "expected"),
    [
        ([use(Role.AGENT, 5, "harm")], [component("roles", ev(-0.8, 5))], "villain"),
        ([use(Role.PATIENT, 5, "harm")], [component("roles", ev(0.4, 5))], "victim"),
        ([use(Role.AGENT, 5, "help")], [component("roles", ev(0.6, 5))], "hero"),
        ([], [component("labels", ev(-0.667, 1))], "villain"),
        ([], [component("labels", ev(0.667, 1))], "hero"),
        ([], [component("sentiment", ev(-1.0, 1)), component("voice", ev(1.0, 2))], "none"),  # never decide
        ([], [component("labels", ev(-0.333, 1))], "none"),  # too little
        (
            [use(Role.PATIENT, 5, "harm")],
            [component("roles", ev(0.4, 5)), component("labels", ev(-0.333, 1))],
            "none",
        ),  # no clear reading
    ],
)
def test_narrative_rule(roles, components, expected):
    assert narrative(roles, components)["narrative_role"] == expected


def test_narrative_roles_in_a_story_with_their_evidence():
    analysis = analyze("Militants killed dozens of villagers. Medics rescued the wounded villagers.")
    assert actor(analysis, "militants").narrative_role == "villain"
    villagers = actor(analysis, "villagers")
    assert villagers.narrative_role == "victim"
    assert any(e.text == "killed" for e in villagers.narrative_evidence)


def test_narrative_role_in_every_report(tmp_path):
    from framing import load_lexicon
    from framing.render.json import render_json
    from framing.render.markdown import render_markdown
    from framing.render.terminal import render_terminal

    analysis = analyze("Militants killed dozens of villagers.")
    lexicon = load_lexicon()
    data = json.loads(render_json([analysis], lexicon))
    roles = {a["id"]: a["narrative_role"]["role"] for a in data["documents"][0]["actors"]}
    assert "villain" in roles.values() and "victim" in roles.values()
    assert "cast as a villain" in render_markdown([analysis], lexicon)
    assert "cast as a victim" in render_terminal([analysis], lexicon)


# ------------------------------------------------------------------------------------------- PerSenT targets


def test_entity_spans_take_the_full_name_and_the_surname():
    text = "Maria Okonjo won. Okonjo thanked voters; Okonjo-Smith did not."
    assert entity_spans(text, "Maria Okonjo") == ((0, 12), (18, 24))
    assert entity_spans(text, "") == ()


# ------------------------------------------------------------------------------------------- examples order

OUTLETS = ROOT / "examples" / "outlets"
ENGINES = [
    "fast",
    pytest.param("spacy", marks=pytest.mark.skipif(not spacy_available(), reason="spaCy not installed")),
]


@pytest.fixture(scope="module", params=ENGINES)
def outlets(request):
    engine = get_engine(request.param)
    return {
        path.stem: analyze(path.read_text(encoding="utf-8"), engine=engine)
        for path in sorted(OUTLETS.glob("*.txt"))
    }


def frame(analysis, *, actor_id: str | None = None, called: str | None = None):
    """An actor by id, or by the lexicon entry of a label the text gives it ("freedom-fighter")."""
    return next(
        a
        for a in analysis.actors
        if a.id == actor_id or (called and any(f.entry.key.endswith("/" + called) for f in a.labels))
    )


def test_examples_order_as_a_reader_orders_them(outlets):
    """river-daily is the neutral report; frontier-post takes the Free Valley Army's side (the regime is
    its villain, the "Freedom fighters" its heroes), northern-courier the government's (the Free Valley
    Army is its villain)."""
    neutral, rebel_side, government_side = (
        outlets["river-daily"],
        outlets["frontier-post"],
        outlets["northern-courier"],
    )
    army, government = "name:free valley army", "syrian-government"
    assert frame(rebel_side, actor_id=government).score < frame(neutral, actor_id=government).score
    assert frame(government_side, actor_id=army).score < frame(neutral, actor_id=army).score
    assert frame(rebel_side, actor_id=army).score > frame(government_side, actor_id=army).score
    heroes = frame(rebel_side, called="freedom-fighter")
    assert heroes.score > frame(neutral, actor_id=army).score  # the partisan story's heroes
    assert heroes.score > 0 and frame(government_side, called="terrorist").score < 0
    assert heroes.narrative_role == "hero"
    assert frame(rebel_side, actor_id=government).narrative_role == "villain"
    assert frame(government_side, actor_id=army).narrative_role == "villain"
    # the neutral report's words cast neither side (no clear evidence); its structure and score may still
    # give the army a reading (docs/actor-framing.md, "Narrative roles")
    for side in (government, army):
        side_frame = frame(neutral, actor_id=side)
        assert clear_reading(side_frame.roles, side_frame.components)[0] == "none"
    assert frame(neutral, actor_id=government).narrative_role == "none"


# ------------------------------------------------------------------------------------------- attributes


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("text", "needle", "sign"),
    [
        ("The Northern Front was brave and honest.", "northern front", 1),
        ("Hamas is a corrupt and brutal group.", "hamas", -1),
        ("The Free Valley Army is not brutal.", "free valley army", 1),  # negated: half the pull, reversed
    ],
)
def test_what_a_copula_says_the_actor_is(text, needle, sign, engine):
    found = actor(analyze(text, engine=get_engine(engine)), needle)
    items = next(c for c in found.components if c.name == "attributes").evidence
    assert items and all(e.value * sign > 0 for e in items)
    assert items[0].text in text and items[0].reason.startswith("described as")
