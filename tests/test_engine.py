"""The engine layer: both engines give the same document model, spans into the original text, clauses with
passives and negation; the choice and fallback behave as documented (docs/engines.md)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from framing.cli import app
from framing.engine import ENGINES, EngineUnavailable, get_engine, spacy_available
from framing.engine import spacy_engine

pytestmark = pytest.mark.skipif(not spacy_available(), reason="the framing[spacy] extra is not installed")


def clause_words(text: str, engine: str) -> list[tuple[str, bool, bool, str | None, str | None, str | None]]:
    """(verb, passive, negated, subject, object, by-agent) for every clause of a one-sentence text."""
    (parse,) = get_engine(engine).parse(text).parses

    def words(span: tuple[int, int] | None) -> str | None:
        return None if span is None else " ".join(t.text for t in parse.tokens[span[0] : span[1]])

    return [
        (parse.tokens[c.verb].text, c.passive, c.negated, words(c.subject), words(c.obj), words(c.by_agent))
        for c in parse.clauses
    ]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iraqi troops killed five villagers.",
            ("killed", False, False, "Iraqi troops", "five villagers", None),
        ),
        (
            "Five villagers were killed by Iraqi troops.",
            ("killed", True, False, "Five villagers", None, "Iraqi troops"),
        ),
        ("Five villagers were killed.", ("killed", True, False, "Five villagers", None, None)),
        ("Police did not attack the protesters.", ("attack", False, True, "Police", "the protesters", None)),
        (
            "Police never attacked the protesters.",
            ("attacked", False, True, "Police", "the protesters", None),
        ),
    ],
)
def test_clauses(engine: str, text: str, expected: tuple) -> None:
    assert expected in clause_words(text, engine)


def test_reduced_relative_is_a_passive_of_the_noun_it_follows() -> None:
    found = clause_words("The rebels, backed by Iran, seized the port.", "spacy")
    assert ("backed", True, False, "The rebels", None, "Iran") in found
    assert ("seized", False, False, "The rebels", "the port", None) in found


def test_infinitive_takes_the_subject_of_its_governor() -> None:
    found = clause_words("The militia vowed to attack the town.", "spacy")
    assert ("attack", False, False, "The militia", "the town", None) in found


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ('Its fighters left "to spare civilians further shelling".', "shelling"),
        ("The blockade caused residents more suffering.", "suffering"),
    ],
)
def test_the_second_object_of_spare_or_cause_is_no_clause(text: str, verb: str) -> None:
    """The people spared are not the agents of the shelling (spaCy reads them as its subject)."""
    assert verb not in [found[0] for found in clause_words(text, "spacy")]


def test_a_gerund_with_its_own_object_stays_a_clause() -> None:
    found = clause_words("Troops were seen shelling the town.", "spacy")
    assert any(verb == "shelling" and obj == "the town" for verb, _, _, _, obj, _ in found)


def test_spacy_names_entities() -> None:
    (parse,) = get_engine("spacy").parse("Kim Jong Un met Bill Gates in Seoul.").parses
    named = {(" ".join(t.text for t in parse.tokens[e.start : e.end]), e.label) for e in parse.entities}
    assert {("Kim Jong Un", "PERSON"), ("Bill Gates", "PERSON"), ("Seoul", "GPE")} <= named


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=25, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_token_spans_index_the_original_text(engine: str, text: str) -> None:
    document = get_engine(engine).parse(text)
    assert len(document.parses) == len(document.sentences)
    for parse in document.parses:
        for token in parse.tokens:
            assert text[token.start : token.end] == token.text
            assert parse.start <= token.start < token.end <= parse.end
        for clause in parse.clauses:
            assert 0 <= clause.verb < len(parse.tokens)


def test_default_is_spacy_when_it_loads_else_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    assert get_engine(None).name == "spacy"
    monkeypatch.setattr("framing.engine.spacy_available", lambda: False)
    assert get_engine(None).name == "fast"


def _without_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy_engine, "find_model", lambda: None)
    spacy_engine.SpacyEngine.shared.cache_clear()


def test_cli_falls_back_to_fast_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    _without_spacy(monkeypatch)
    result = CliRunner().invoke(
        app, ["analyze", "-", "--format", "json"], input="Police shot three protesters."
    )
    spacy_engine.SpacyEngine.shared.cache_clear()
    assert result.exit_code == 0, result.output
    assert "note: using the fast engine" in result.stderr and "framing[spacy]" in result.stderr
    assert json.loads(result.stdout)["documents"][0]["engine"]["name"] == "fast"


def test_cli_asked_for_spacy_without_it_exits_2_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _without_spacy(monkeypatch)
    result = CliRunner().invoke(
        app, ["analyze", "-", "--engine", "spacy"], input="Police shot three protesters."
    )
    spacy_engine.SpacyEngine.shared.cache_clear()
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "pip install 'framing[spacy]'" in result.stderr
    assert "Traceback" not in result.output


def test_json_records_engine_and_model() -> None:
    result = CliRunner().invoke(app, ["analyze", "-", "--format", "json", "--engine", "spacy"],
                                input="Police shot three protesters.")
    engine = json.loads(result.stdout)["documents"][0]["engine"]
    assert engine["name"] == "spacy" and engine["model"].endswith("3.8.0")


def test_changed_model_files_are_refused(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    (tmp_path / "ner").mkdir()
    (tmp_path / "ner" / "model").write_bytes(b"not the weights")
    assert "ner/model" in spacy_engine.verify_mirror(tmp_path)
    if spacy_engine.find_model() != spacy_engine.MIRROR:
        pytest.skip("the official en_core_web_sm is installed; only the mirror's digests are checked")
    monkeypatch.setattr(spacy_engine, "verify_mirror", lambda root: ["ner/model"])
    spacy_engine.SpacyEngine.shared.cache_clear()
    try:
        with pytest.raises(EngineUnavailable, match="ner/model differ"):
            spacy_engine.SpacyEngine.shared()
    finally:
        spacy_engine.SpacyEngine.shared.cache_clear()


def test_shipped_mirror_matches_its_recorded_digests() -> None:
    if spacy_engine.find_model() != spacy_engine.MIRROR:
        pytest.skip("the official en_core_web_sm is installed")
    from pathlib import Path

    module = __import__(spacy_engine.MIRROR)
    assert spacy_engine.verify_mirror(Path(module.__file__).parent / f"{spacy_engine.MIRROR}-3.8.0") == []


@pytest.mark.parametrize("engine", ENGINES)
def test_headline_participle_is_an_agentless_passive(engine: str) -> None:
    found = clause_words("Opposition leader freed after two years in jail", engine)
    assert [(verb, passive) for verb, passive, *_ in found] == [("freed", True)]
    sentence = clause_words("Opposition leader freed the hostages after two years.", engine)
    assert ("freed", False) in [(verb, passive) for verb, passive, *_ in sentence]
