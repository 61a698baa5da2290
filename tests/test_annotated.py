"""The annotated-word layer (framing/annotated.py) with a model that carries evaluative evidence: a word
becomes a finding only with evidence that it evaluates, and its explanation names that evidence. The toy
models here need no data (tests/test_word_model.py has the model's own tests)."""

from __future__ import annotations

import pytest

from framing import Finding, Lexicon, load_lexicon
from framing import annotated as layer_module
from framing.detect import find_terms
from framing.learn.word_model import Evidence, WordModel
from framing.messages import annotated_explanation

TEXT = "Officials unveiled a silly plan and a storm tax on Monday."


@pytest.fixture
def layered() -> Lexicon:
    return load_lexicon(layers=True)


def _layer(text: str, lexicon: Lexicon, model: WordModel, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    monkeypatch.setattr(layer_module, "load_model", lambda file="": model)
    return [f for f in find_terms(text, lexicon) if f.entry.category == "annotated"]


# "silly" and "storm" both score 0.98; only "silly" has a contrast at or above the level
WEIGHTS = {"word:silly": 8.0, "word:storm": 8.0}


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (Evidence({"silly": 3.2}, 1.5), ["silly"]),
        (Evidence({"silly": 3.2, "storm": 1.4}, 1.5), ["silly"]),  # "storm" below the level
        (Evidence({"silly": 3.2, "storm": 1.4}, 1.0), ["silly", "storm"]),
        (Evidence({}, 1.5), []),  # no word has evidence: no finding, however high its score
        (None, ["silly", "storm"]),  # a hand-built model without the gate
    ],
)
def test_a_word_needs_evidence_to_be_a_finding(
    layered: Lexicon, monkeypatch: pytest.MonkeyPatch, evidence: Evidence | None, expected: list[str]
) -> None:
    model = WordModel(WEIGHTS, -4.0, 0.5, evidence=evidence)
    assert [f.text for f in _layer(TEXT, layered, model, monkeypatch)] == expected


def test_the_explanation_names_the_evidence(layered: Lexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    model = WordModel(WEIGHTS, -4.0, 0.5, evidence=Evidence({"silly": 3.2}, 1.5))
    (finding,) = _layer(TEXT, layered, model, monkeypatch)
    assert (
        "Evidence that \u201csilly\u201d evaluates: BABE's annotators mark it far more often than neutral "
        "wire copy uses it (log-odds z 3.2)." in finding.entry.explanation
    )


def test_an_explanation_without_evidence_says_nothing_of_it() -> None:
    assert "Evidence" not in annotated_explanation(0.9, 0.5, [("word:silly", 8.0)], "silly", None)
    assert "Evidence" not in annotated_explanation(0.9, 0.5, [("word:silly", 8.0)], "silly", 0.0)


def test_wire_copy_uses_lower_a_words_score_in_the_layer(
    layered: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the same weights; a word common in neutral wire copy falls below the threshold
    evidence = Evidence({"silly": 3.2, "storm": 3.0}, 1.5)
    model = WordModel({**WEIGHTS, "wire:uses": -3.0}, -4.0, 0.5, evidence=evidence, wire_uses={"storm": 20})
    (finding,) = _layer(TEXT, layered, model, monkeypatch)
    assert finding.text == "silly"
    assert "its uses in neutral wire copy" not in finding.entry.explanation
