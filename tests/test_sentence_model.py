"""The sentence classifier: training separates loaded from neutral sentences, the JSON file round-trips
exactly, the rebuilt TF-IDF equals scikit-learn's, explanations name features, bad files fail cleanly."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from framing import InputError
from framing.learn.sentence_model import (
    SentenceFeatures,
    SentenceModel,
    cross_validate,
    fit_vectorizer,
    lexicon_feature_names,
    train,
)

# Written for these tests: invented news-like sentences, loaded ones and plain ones.
LOADED = [
    "The brutal regime slaughtered protesters in the capital.",
    "Thugs loyal to the regime terrorised the village overnight.",
    "The regime's henchmen brutally crushed the peaceful march.",
    "Militants went on a savage rampage through the market.",
    "The corrupt regime shamelessly rigged the vote again.",
    "Extremist thugs unleashed a horrific massacre on the town.",
    "The regime butchered dozens of innocent civilians.",
    "Radical militants launched a barbaric attack on the school.",
    "The dictator's brutal crackdown crushed all dissent.",
    "Terrorists slaughtered villagers in a horrific bloodbath.",
    "The regime's propaganda machine spewed outrageous lies.",
    "Savage militants butchered families as they fled.",
    "The corrupt regime brutally silenced its critics.",
    "Extremist militants terrorised the terrified residents.",
    "The brutal dictator unleashed a savage crackdown.",
    "Regime thugs viciously beat the peaceful protesters.",
    "A horrific massacre shocked the outraged nation.",
    "The regime shamelessly slaughtered unarmed civilians.",
]
NEUTRAL = [
    "The council met on Tuesday to discuss the budget.",
    "The government said the vote would take place in May.",
    "Officials opened a new bridge over the river on Monday.",
    "The ministry published its annual report on Friday.",
    "The council approved the budget after a short debate.",
    "Residents attended a meeting about the new school.",
    "The government announced a plan to repair the roads.",
    "The committee will publish its findings next month.",
    "Officials said the bridge would reopen on Tuesday.",
    "The ministry said rainfall was above average this year.",
    "The school reopened after the summer holiday.",
    "The council met with residents to discuss parking.",
    "The government said talks would continue next week.",
    "The report was published by the ministry on Monday.",
    "Officials counted the votes on Friday evening.",
    "The committee met on Tuesday to review the plan.",
    "Residents said the market would open on Saturday.",
    "The ministry announced new bus routes for the city.",
]
TEXTS = LOADED + NEUTRAL
LABELS = [1] * len(LOADED) + [0] * len(NEUTRAL)
UNSEEN = [
    "Regime thugs slaughtered the protesters.",
    "The council will meet again on Friday.",
    "A totally new phrase with zero known words: qwerty zxcv.",
    "",
]


@pytest.fixture(scope="module")
def model() -> SentenceModel:
    return train(TEXTS, LABELS, description="tests: invented sentences")


def test_training_separates_loaded_from_neutral(model: SentenceModel) -> None:
    probabilities = model.predict_proba(TEXTS)
    loaded, neutral = probabilities[: len(LOADED)], probabilities[len(LOADED) :]
    assert min(loaded) > max(neutral)
    assert all(p > 0.5 for p in loaded) and all(p < 0.5 for p in neutral)
    unseen = model.predict_proba(UNSEEN[:2])
    assert unseen[0] > 0.5 > unseen[1]
    assert model.n_train == len(TEXTS) and model.label_names == ("neutral", "loaded")


def test_probabilities_match_scikit_learn(model: SentenceModel) -> None:
    """The model's own sigmoid over its own features is the fitted LogisticRegression's predict_proba."""
    from sklearn.linear_model import LogisticRegression

    features = model.features
    X = features.transform(TEXTS)
    classifier = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000, solver="liblinear")
    classifier.fit(X, LABELS)
    assert list(classifier.coef_[0]) == pytest.approx(list(model.coef), abs=1e-12)
    ours = model.predict_proba(UNSEEN)
    theirs = classifier.predict_proba(features.transform(UNSEEN))[:, 1]
    assert ours == pytest.approx(list(theirs), abs=1e-12)


def test_rebuilt_tfidf_equals_the_fitted_vectorizer() -> None:
    vectorizer = fit_vectorizer(TEXTS)
    features = SentenceFeatures.from_vectorizer(vectorizer, ())
    assert features.vocabulary == vectorizer.vocabulary_
    for texts in (TEXTS, UNSEEN):
        ours, theirs = features.tfidf(texts), vectorizer.transform(texts)
        assert ours.shape == theirs.shape
        assert abs(ours - theirs).max() == 0.0  # identical, not just close


def test_hyphenated_words_stay_whole() -> None:
    vectorizer = fit_vectorizer(["The Russian-backed forces advanced.", "Russian-backed forces left."])
    assert "russian-backed" in vectorizer.vocabulary_
    assert "russian-backed forces" in vectorizer.vocabulary_


def test_feature_names_are_readable(model: SentenceModel) -> None:
    names = model.features.names
    assert len(names) == len(model.coef)
    assert "word:regime" in names
    assert any(n.startswith("bigram:") and " " in n for n in names)
    for name in ("lexicon:emotive", "lexicon:loaded_total", "lexicon:loaded_strength",
                 "textblob:polarity", "textblob:subjectivity"):
        assert name in names
    assert model.lexicon_features == lexicon_feature_names()


def test_lexicon_block_counts_findings(model: SentenceModel) -> None:
    features = model.features
    row = features.transform(["The brutal regime slaughtered civilians."]).toarray()[0]
    value = dict(zip(features.names, row, strict=True))
    assert value["lexicon:emotive"] == 1.0  # brutal
    assert value["lexicon:labels-pejorative"] == 1.0  # regime
    assert value["lexicon:loaded_total"] >= 3.0
    assert value["lexicon:loaded_strength"] >= 6.0
    assert value["textblob:polarity"] < 0 and value["textblob:subjectivity"] > 0


def test_explain_names_lexicon_or_word_features(model: SentenceModel) -> None:
    text = "The brutal regime slaughtered civilians."
    explanation = model.explain(text, top=5)
    assert 0 < len(explanation) <= 5
    assert all(name.split(":")[0] in {"word", "bigram", "lexicon", "textblob"} for name, _ in explanation)
    assert any(name in {"word:regime", "word:brutal", "lexicon:emotive", "lexicon:labels-pejorative",
                        "lexicon:loaded_total", "lexicon:loaded_strength"} for name, _ in explanation)
    magnitudes = [abs(c) for _, c in explanation]
    assert magnitudes == sorted(magnitudes, reverse=True)
    assert explanation[0][1] > 0  # the strongest push is towards "loaded"
    assert all(c < 0 for _, c in model.explain("The council met on Tuesday.", top=2))


def test_json_round_trip_is_exact(model: SentenceModel, tmp_path: Path) -> None:
    again = SentenceModel.from_json(model.to_json())
    assert again == model
    assert again.predict_proba(TEXTS + UNSEEN) == model.predict_proba(TEXTS + UNSEEN)
    assert again.explain(UNSEEN[0]) == model.explain(UNSEEN[0])
    path = tmp_path / "model.json"
    model.save(path)
    loaded = SentenceModel.load(path)
    assert loaded == model and loaded.description == "tests: invented sentences"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "framing-sentence-model" and data["vocabulary"]["regime"] >= 0


def test_rebuilt_features_after_json_equal_the_fitted_vectorizer() -> None:
    vectorizer = fit_vectorizer(TEXTS)
    features = SentenceFeatures.from_vectorizer(vectorizer)
    model = SentenceModel(features, tuple(0.0 for _ in features.names), 0.0)
    rebuilt = SentenceModel.from_json(model.to_json()).features
    assert abs(rebuilt.tfidf(UNSEEN + TEXTS) - vectorizer.transform(UNSEEN + TEXTS)).max() == 0.0


def _broken(model: SentenceModel, **changes: object) -> str:
    data = json.loads(model.to_json())
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"coef": None}, "missing 'coef'"),
        ({"format": "something-else"}, "format is"),
        ({"coef": [1.0, 2.0]}, "'coef' has 2 values"),
        ({"idf": ["x"]}, "'idf' must be a list of numbers"),
        ({"vocabulary": {"a": 0, "b": 0}}, "each once"),
        ({"intercept": True}, "'intercept' must be a number"),
        ({"lexicon_features": ["other:thing"]}, "unknown feature"),
    ],
)
def test_malformed_model_raises_input_error(model: SentenceModel, change: dict[str, object],
                                            message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        SentenceModel.from_json(_broken(model, **change), source="model.json")
    assert str(caught.value).startswith("model.json: not a framing sentence model (")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", '{"coef": NaN}', "null"])
def test_not_json_or_not_a_model_raises_input_error(text: str) -> None:
    with pytest.raises(InputError, match=r"^m\.json: not a framing sentence model \(") as caught:
        SentenceModel.from_json(text, source="m.json")
    assert "\n" not in str(caught.value)


def test_load_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        SentenceModel.load(tmp_path / "absent.json")


def test_train_rejects_bad_labels() -> None:
    with pytest.raises(ValueError, match="both present"):
        train(TEXTS, [1] * len(TEXTS))
    with pytest.raises(ValueError, match="labels"):
        train(TEXTS, [1, 0])


def test_without_lexicon_block_the_model_is_plain_tfidf() -> None:
    plain = train(TEXTS, LABELS, lexicon=False)
    assert plain.lexicon_features == ()
    assert all(n.startswith(("word:", "bigram:")) for n in plain.features.names)
    assert SentenceModel.from_json(plain.to_json()) == plain


def test_cross_validate_returns_scores_in_unit_interval() -> None:
    scores = cross_validate(TEXTS, LABELS, folds=3)
    assert set(scores) == {"sentence_weighted_f1", "sentence_macro_f1", "sentence_accuracy",
                           "sentence_f1_positive"}
    assert all(0.0 <= v <= 1.0 and not math.isnan(v) for v in scores.values())
    assert scores["sentence_accuracy"] > 0.7
