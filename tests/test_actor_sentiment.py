"""The learned actor-sentiment model: its features, training, JSON file and explanations.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import json
import math

import pytest

from framing import InputError, Lexicon
from framing.actors import load_actor_data
from framing.learn.actor_sentiment import (
    CLASSES,
    ActorSentimentModel,
    default_model,
    target_features,
    train,
)


@pytest.fixture(scope="module")
def actor_data():
    return load_actor_data()


def features_for(text: str, target: str, lexicon: Lexicon, actor_data, engine: str = "spacy"
                 ) -> dict[str, float]:
    start = text.index(target)
    return target_features(text, start, start + len(target), lexicon=lexicon, actor_data=actor_data,
                           engine=engine)


ENGINES = ("spacy", "fast")


# Hand-made feature dicts: a few cues per class, each seen several times.
TINY = [
    ({"L:praised": 1.0, "window:polarity": 0.6}, "positive"),
    ({"L:thanked": 1.0, "role:patient:help": 1.0}, "positive"),
    ({"L:praised": 1.0, "role:patient:help": 1.0}, "positive"),
    ({"R:attacked": 1.0, "role:agent:harm": 1.0, "window:polarity": -0.4}, "negative"),
    ({"label:labels-pejorative/regime": 1.0, "role:agent:harm": 1.0}, "negative"),
    ({"R:attacked": 1.0, "label:labels-pejorative/regime": 1.0}, "negative"),
    ({"R:said": 1.0, "voice:reported": 1.0}, "neutral"),
    ({"R:met": 1.0, "voice:reported": 1.0}, "neutral"),
    ({"R:said": 1.0, "R:met": 1.0}, "neutral"),
]


@pytest.fixture(scope="module")
def tiny_model() -> ActorSentimentModel:
    return train(TINY, C=1.0, min_count=1, metadata={"training_data": "tests"})


@pytest.mark.parametrize("engine", ENGINES)
def test_features_are_the_words_around_the_mention(lexicon, actor_data, engine):
    features = features_for("Troops killed the villagers.", "villagers", lexicon, actor_data, engine)
    assert features["L:killed"] == 1.0 and features["L:troops"] == 1.0
    assert features["W:kill"] == 1.0  # the sentence's content words, as lemmas
    assert not any("villager" in name for name in features)  # the target is masked
    # roles, labels and voice are other score components: the sentiment reading never counts them again
    assert not any(name.startswith(("role:", "label:", "component:", "voice:")) for name in features)


@pytest.mark.parametrize("engine", ENGINES)
def test_features_never_include_dates_numbers_names_or_the_actors_own_words(lexicon, actor_data, engine):
    text = "Aid workers told Maria Novak the regime shelled the market on Tuesday, 12 March."
    features = features_for(text, "the regime", lexicon, actor_data, engine)
    assert "R:shelled" in features and "R:market" in features
    assert "L:regime" not in features and "R:regime" not in features
    assert not {"R:tuesday", "R:march", "R:12", "L:novak", "L:maria", "W:novak"} & set(features)


@pytest.mark.parametrize("engine", ENGINES)
def test_features_say_what_the_mention_does_and_what_describes_it(lexicon, actor_data, engine):
    """The verb that governs the mention, with the relation, what it does it to, and its modifiers; the
    fast engine reads them from its clauses and chunks."""
    features = features_for("The brutal regime shelled the market.", "regime", lexicon, actor_data, engine)
    assert {"G0:nsubj:shell", "G:shell", "C:market", "M:brutal"} <= set(features)


@pytest.mark.parametrize("engine", ENGINES)
def test_features_of_a_passive_name_the_agent(lexicon, actor_data, engine):
    text = "The villagers were attacked by troops."
    features = features_for(text, "villagers", lexicon, actor_data, engine)
    assert "G0:nsubjpass:attack" in features
    assert any(name.startswith("S:troop") for name in features)  # the fast engine's lemma keeps the plural


def test_features_mark_a_negated_governor(lexicon, actor_data):
    features = features_for("The army did not attack the town.", "army", lexicon, actor_data)
    assert "G:attack:neg" in features and "G:attack" not in features


def test_features_leave_out_the_other_names_of_the_actor(lexicon, actor_data):
    from framing import analyze
    from framing.engine import get_engine
    from framing.learn.actor_sentiment import mention_features

    text = "Kurdish fighters said the Peshmerga advanced. The Peshmerga praised Kurdish fighters."
    document = get_engine("spacy").parse(text)
    analysis = analyze(text, learned_sentiment=False, engine=get_engine("spacy"))
    frame = next(a for a in analysis.actors if "peshmerga" in a.name.lower())
    mention = frame.mentions[-1]
    with_frame = mention_features(document.parses[mention.sentence], mention.start, mention.end, (), frame)
    assert not any("peshmerga" in name for name in with_frame)
    assert "G0:nsubj:praise" in with_frame


def test_features_without_a_frame_still_have_words(lexicon, actor_data):
    features = features_for("It was a quiet day for Mrs. Okafor.", "Mrs. Okafor", lexicon, actor_data)
    assert any(name.startswith("L:") for name in features)
    assert all(isinstance(v, float) and v for v in features.values())


def test_a_bad_span_is_refused(lexicon, actor_data):
    with pytest.raises(ValueError):
        target_features("Short.", 3, 30, lexicon=lexicon, actor_data=actor_data)


def test_predict_gives_a_class_and_probabilities(tiny_model):
    label, probabilities = tiny_model.predict({"L:praised": 1.0, "unseen:feature": 5.0})
    assert label == "positive"
    assert set(probabilities) == set(CLASSES)
    assert math.isclose(sum(probabilities.values()), 1.0)
    assert tiny_model.predict({"R:attacked": 1.0})[0] == "negative"
    assert tiny_model.predict({"R:said": 1.0})[0] == "neutral"


def test_json_round_trip_is_exact(tiny_model, tmp_path):
    text = tiny_model.to_json()
    again = ActorSentimentModel.from_json(text)
    assert again == tiny_model
    assert again.to_json() == text
    assert json.loads(text)["metadata"]["licence"] == "NewsMTSC, MIT"
    path = tmp_path / "model.json"
    tiny_model.save(path)
    loaded = ActorSentimentModel.load(path)
    assert loaded == tiny_model
    features = {"L:thanked": 1.0, "R:attacked": 1.0}
    assert loaded.predict(features) == tiny_model.predict(features)


def test_explain_names_features(tiny_model):
    features = {"L:praised": 1.0, "role:patient:help": 1.0, "R:said": 1.0, "unseen": 1.0}
    label, _ = tiny_model.predict(features)
    reasons = tiny_model.explain(features, top=2)
    assert label == "positive" and len(reasons) == 2
    assert {name for name, _ in reasons} <= set(features) - {"unseen"}
    assert reasons[0][0] in ("L:praised", "role:patient:help") and reasons[0][1] > 0
    assert abs(reasons[0][1]) >= abs(reasons[1][1])


def test_min_count_drops_rare_features():
    model = train(TINY, min_count=2)
    assert "L:praised" in model.features  # seen twice
    assert "L:thanked" not in model.features  # seen once
    with pytest.raises(ValueError, match="no feature"):
        train(TINY, min_count=4)


def test_training_needs_every_class():
    with pytest.raises(ValueError, match="neutral"):
        train([(f, label) for f, label in TINY if label != "neutral"], min_count=1)


@pytest.mark.parametrize("content", [
    "not json at all {",
    "[1, 2, 3]",
    json.dumps({"format": "something-else", "schema": 1}),
    json.dumps({"format": "framing-actor-sentiment", "schema": 1, "classes": list(CLASSES),
                "intercept": [0.0, 0.0, 0.0], "weights": {"L:a": [1.0, 2.0]}}),
    json.dumps({"format": "framing-actor-sentiment", "schema": 1, "classes": list(CLASSES),
                "intercept": [0.0, "x", 0.0], "weights": {}}),
])
def test_a_malformed_file_raises_input_error(tmp_path, content):
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ActorSentimentModel.load(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message


def test_a_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        ActorSentimentModel.load(tmp_path / "absent.json")


def test_default_model_loads_when_shipped(lexicon, actor_data):
    model = default_model()
    if model is None:
        pytest.skip("framing/models/actor_sentiment.json is not there")
    assert model.classes == CLASSES
    assert model.metadata["licence"] == "NewsMTSC, MIT"
    assert len(model.coef) == 3 and all(len(row) == len(model.features) for row in model.coef)
    features = features_for("Troops killed the villagers.", "villagers", lexicon, actor_data)
    label, probabilities = model.predict(features)
    assert label in CLASSES and math.isclose(sum(probabilities.values()), 1.0)
    assert all(name in features for name, _ in model.explain(features))
