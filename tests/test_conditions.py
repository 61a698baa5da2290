"""Checked conditions (framing.conditions): each named check passes and fails where it should, with both
engines; names are not labels; the validator wants a check where examples show a non-loaded sense."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import LexiconError, load_lexicon
from framing.conditions import CHECKS, evaluate, parse_check, site_of
from framing.detect import explain, find_terms
from framing.engine import get_engine
from framing.text import prepare

ENGINES = ("fast", "spacy")


def _check(check: str, sentence: str, word: str, engine: str) -> bool:
    document = get_engine(engine).parse(sentence)
    start = sentence.index(word)
    site = site_of(document.parses[0], start, start + len(word), entities=document.entities)
    assert site is not None
    return evaluate(parse_check(check), site)


# (check, sentence, matched words, expected): every check has a passing and a failing case.
CASES = [
    ("pos:VERB", "Rebels attacked the town at night.", "attacked", True),
    ("pos:VERB", "The attack began at night.", "attack", False),
    ("patient:place|people", "Artillery pounded the town overnight.", "pounded", True),
    ("patient:place|people", "Waves pounded the old wooden boat.", "pounded", False),
    ("patient:people", "The villagers were attacked by the soldiers.", "attacked", True),
    ("patient:unrest", "Riot police quelled the protest quickly.", "quelled", True),
    ("patient:unrest", "The minister quelled anxieties about prices.", "quelled", False),
    ("agent:group", "The army unleashed a barrage.", "unleashed", True),
    ("agent:group", "The storm unleashed a flood.", "unleashed", False),
    ("modifies:people", "The vicious soldiers fled.", "vicious", True),
    ("modifies:people", "The vicious storm passed.", "vicious", False),
    ("next:to", "Davie confessed to shooting his neighbour.", "confessed", True),
    ("next:to", "The coach confessed that the team struggled.", "confessed", False),
    ("previous:riot", "Riot police moved in.", "police", True),
    ("previous:riot", "The police moved in.", "police", False),
    # a noun the fast tagger reads as an adjective still ends the phrase ("a massive offensive in")
    ("modifies:attack", "The army launched a massive offensive in the east.", "massive", True),
    ("modifies:attack", "The bill makes massive changes to the tax code.", "massive", False),
    ("modifies:people|group", "Pro-Russian protesters gathered outside.", "Pro-Russian", True),
    ("modifies:people|group", "He campaigned on a pro-American trade promise.", "pro-American", False),
    ("not-previous:if|whether", "There are fears the truce will not hold.", "There", True),
    ("not-previous:if|whether", "If there are fears about the vote, the board will meet.", "there", False),
    ("not-next:to", "The coach confessed that the team struggled.", "confessed", True),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("check", "sentence", "word", "expected"), CASES)
def test_check(check: str, sentence: str, word: str, expected: bool, engine: str) -> None:
    assert _check(check, sentence, word, engine) is expected


def test_every_check_has_cases() -> None:
    assert {c.split(":")[0].removeprefix("not-") for c, *_ in CASES} == set(CHECKS)


@pytest.mark.parametrize(("text", "message"), [
    ("patiet:people", "did you mean 'patient'"),
    ("patient", "needs arguments"),
    ("patient:peple", "unknown kinds peple"),
    ("pos:Verb", "unknown pos Verb"),
    ("next:The", "lowercase"),
])
def test_bad_checks_are_rejected(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_check(text)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("sentence", "word", "name"), [
    ("The Syrian Arab Army shelled the town.", "Arab", "Syrian Arab Army"),
    ("Christian Smith chaired the meeting.", "Christian", "Christian Smith"),
])
def test_names_are_not_labels(sentence: str, word: str, name: str, engine: str, lexicon) -> None:
    detection = explain(prepare(sentence), lexicon, engine=get_engine(engine))
    assert word not in [f.text for f in detection.findings]
    (item,) = [s for s in detection.suppressed if s.finding.text == word]
    assert name in item.reason and "name" in item.reason


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("sentence", [
    "Christian villages near the front line emptied.",  # a label, not a name
    "The Iranian-backed Hadar Brigades led the assault.",  # a label before a name
    "THE SYRIAN ARAB ARMY SHELLED THE TOWN AND ARAB VILLAGES.",  # capitals say nothing
])
def test_labels_beside_names_are_still_findings(sentence: str, engine: str, lexicon) -> None:
    found = find_terms(sentence, lexicon, engine=get_engine(engine))
    assert any(f.entry.category in ("identity", "sponsorship") for f in found)


def test_without_a_parse_checks_pass_through(lexicon) -> None:
    sentence = "Pounding the beat has long since slipped down the list of police priorities."
    assert "conflict-verbs/pounded" in [f.entry.key for f in find_terms(sentence, lexicon)]
    assert "conflict-verbs/pounded" not in [f.entry.key for f in find_terms(sentence, lexicon,
                                                                            engine=get_engine("fast"))]


def test_document_parses_are_used(lexicon) -> None:
    sentence = "Pounding the beat has long since slipped down the list of police priorities."
    detection = explain(get_engine("spacy").parse(sentence), lexicon)
    assert [s.finding.entry.key for s in detection.suppressed] == ["conflict-verbs/pounded"]
    assert "patient" in detection.suppressed[0].reason


ENTRY = """
[lexicon]
schema = 1
category = "tiny"
title = "Tiny"
description = "A test category."
kind = "loaded"

[[entry]]
id = "pound"
term = "pound"
inflect = "verb"
connotation = "negative"
strength = 1
condition = "when said of shelling"
{check}alternatives = ["shell"]
explanation = "Casts shelling as relentless battering, adding force to the report."
sources = ["a-guide"]
examples.flag = ["Guns pounded the town."]
examples.pass = ["Guns shelled the town.", "Drummers pounded the drums."]
"""


def _write(tmp_path: Path, check: str) -> Path:
    (tmp_path / "sources.toml").write_text('[source.a-guide]\ncitation = "A guide"\n', encoding="utf-8")
    (tmp_path / "tiny.toml").write_text(ENTRY.format(check=check), encoding="utf-8")
    return tmp_path


def _messages(error: LexiconError) -> str:
    return "\n".join(p.message for p in error.problems)


def test_condition_without_check_is_rejected_when_examples_show_another_sense(tmp_path: Path) -> None:
    with pytest.raises(LexiconError) as error:
        load_lexicon(_write(tmp_path, ""), builtin=False)
    assert "add a check" in _messages(error.value)


def test_condition_with_check_loads_and_its_examples_hold(tmp_path: Path) -> None:
    from framing.lexicon import check_examples

    lexicon = load_lexicon(_write(tmp_path, 'check = ["patient:place|people"]\n'), builtin=False)
    assert lexicon.entries[0].checks == ("patient:place|people",)
    assert check_examples(lexicon, ENGINES) == ()


def test_unknown_check_in_a_lexicon_is_located(tmp_path: Path) -> None:
    with pytest.raises(LexiconError) as error:
        load_lexicon(_write(tmp_path, 'check = ["patiant:place"]\n'), builtin=False)
    (problem,) = error.value.problems
    assert (problem.line, problem.entry) == (16, "pound") and "did you mean 'patient'" in problem.message


def test_explain_option_lists_suppressed_matches(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from framing.cli import app

    path = tmp_path / "a.txt"
    path.write_text("The Syrian Arab Army shelled the town.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--no-actors", "--explain"])
    assert result.exit_code == 0
    assert (
        "not flagged: \u201cArab\u201d (identity/arab), part of the name \u201cSyrian Arab Army\u201d"
        in result.output
    )
