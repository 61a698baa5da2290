"""The annotated-word model (framing/learn/word_model.py) and its layer of findings (framing/annotated.py):
each feature rule on its own cases, the JSON format, the cross-validated choice, the layer in detection,
the lexicon's [model] table, the shipped file and `framing train words`."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from framing import Finding, Lexicon, LexiconError, load_lexicon
from framing import annotated as layer_module
from framing.cli import Exit, app
from framing.detect import explain, find_terms
from framing.errors import InputError
from framing.learn import word_model as wm
from framing.learn.word_model import (
    Evidence,
    LabelledSentence,
    WordContext,
    WordModel,
    after_degree_word,
    capitalised,
    choose,
    content_word,
    cross_validate,
    evaluative_evidence,
    identity,
    in_name,
    lexicon_findings,
    may_flag,
    neighbours,
    part_of_speech,
    sentence_context,
    suffix,
    textblob_grade,
    wire_contrast,
    wire_use,
    wire_uses,
    word_features,
)
from framing.text import prepare

ROOT = Path(__file__).resolve().parent.parent


def context_of(text: str, findings: list[tuple[int, int, str, int]] | None = None) -> WordContext:
    return sentence_context(text, 0, len(text), findings or [])[1]


# ------------------------------------------------------------------------------------------ feature rules


def test_identity_is_the_lowercased_word() -> None:
    assert identity(context_of("A Bizarre plan."), 1) == {"word:bizarre": 1.0}


def test_part_of_speech_is_the_tag_family() -> None:
    context = context_of("They quickly approved the bizarre plan.")
    assert part_of_speech(context, 1) == {"pos:RB": 1.0}
    assert part_of_speech(context, 4) == {"pos:JJ": 1.0}


def test_neighbours_read_the_words_either_side_and_the_sentence_edges() -> None:
    context = context_of("so bizarre")
    assert neighbours(context, 1) == {"before:so": 1.0, "after:<end>": 1.0, "before+pos:so JJ": 1.0}
    assert neighbours(context, 0)["before:<start>"] == 1.0


def test_degree_word_before() -> None:
    context = context_of("It was very odd and odd.")
    assert after_degree_word(context, 3) == {"after-degree-word": 1.0}
    assert after_degree_word(context, 5) == {}


def test_capitalised_inside_the_sentence_only() -> None:
    context = context_of("Critics met Smith.")
    assert capitalised(context, 2) == {"capitalised": 1.0}
    assert capitalised(context, 0) == {}


def test_suffix_of_longer_words_only() -> None:
    context = context_of("a dangerous act")
    assert suffix(context, 1) == {"suffix:ous": 1.0}
    assert suffix(context, 2) == {}


def test_textblob_grade_for_graded_words_only() -> None:
    context = context_of("a terrible table")
    grade = textblob_grade(context, 1)
    assert grade["textblob:subjectivity"] > 0.5 and grade["textblob:unfavourable"] == 1.0
    assert textblob_grade(context, 2) == {}


def test_lexicon_findings_name_category_and_strength_of_covering_findings() -> None:
    text = "The regime fell."
    context = context_of(text, [(4, 10, "labels-pejorative", 2), (0, 3, "other", 1)])
    assert lexicon_findings(context, 1) == {"lexicon:labels-pejorative": 1.0, "lexicon-strength:2": 1.0}
    assert lexicon_findings(context, 2) == {}


def test_word_features_join_every_rule_with_a_bias() -> None:
    features = word_features(context_of("so bizarre"), 1)
    assert features["bias"] == features["word:bizarre"] == features["after-degree-word"] == 1.0


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("He studied the Cold War closely.", 3, True),  # "Cold War": two capitals
        ("He studied the Cold War closely.", 4, True),
        ("Critics blamed Trumpism for it.", 2, False),  # a single capitalised label
        ("Trump Admits Crazy Plan Was Wrong", 2, False),  # a title-case headline
        ("the cold war", 2, False),
    ],
)
def test_in_name(text: str, i: int, expected: bool) -> None:
    assert in_name(context_of(text), i) is expected


def test_may_flag_needs_a_letter_and_no_name() -> None:
    context = context_of("In 2020 the Justice Department acted.")
    assert not may_flag(context, 1)  # "2020"
    assert not may_flag(context, 3)  # "Justice"
    assert may_flag(context, 5)


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("They stepped up efforts.", 2, False),  # a particle
        ("He lashed out at critics.", 3, False),  # a preposition
        ("The plan and the vote.", 2, False),  # a conjunction
        ("They stepped up efforts.", 1, True),
        ("A radical plan.", 1, True),
    ],
)
def test_content_word(text: str, i: int, expected: bool) -> None:
    context = context_of(text)
    assert content_word(context, i) is expected
    assert may_flag(context, i) is expected


@given(st.text(max_size=200))
def test_sentence_context_spans_index_the_text(text: str) -> None:
    spans, context = sentence_context(text, 0, len(text), [])
    assert len(spans) == len(context.words) == len(context.tags) == len(context.raw)
    for (start, end), raw in zip(spans, context.raw, strict=True):
        assert text[start:end] == raw


def test_sentence_context_offsets_count_from_the_whole_text() -> None:
    text = "First one. A bizarre second."
    spans, context = sentence_context(text, 11, len(text), [])
    assert [text[s:e] for s, e in spans] == ["A", "bizarre", "second"] == list(context.raw)


# ---------------------------------------------------------------------------------------------- the model


def test_score_is_the_logistic_of_the_weighted_sum() -> None:
    model = WordModel({"word:bizarre": 2.0}, -1.0, 0.5)
    assert model.score({"bias": 1.0, "word:bizarre": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -1.0))
    assert model.score({"bias": 1.0}) == pytest.approx(1 / (1 + 2.718281828))


def test_explain_orders_by_contribution_and_leaves_out_the_bias() -> None:
    model = WordModel({"word:bizarre": 2.0, "pos:JJ": 0.5, "before:so": -1.0, "bias": 3.0}, 0.0, 0.5)
    features = {"bias": 1.0, "word:bizarre": 1.0, "pos:JJ": 1.0, "before:so": 1.0}
    assert model.explain(features) == [("word:bizarre", 2.0), ("before:so", -1.0), ("pos:JJ", 0.5)]


def test_json_round_trip() -> None:
    model = WordModel({"word:bizarre": 1.25, "pos:JJ": -0.5}, -2.0, 0.3, {"licence": "x"},
                      Evidence({"bizarre": 3.5}, 1.5, 5, 0.3), {"plan": 4})
    text = model.to_json()
    again = WordModel.from_json(text)
    assert again == model and again.evidence == model.evidence and again.wire_uses == {"plan": 4}
    line = '"evidence": {"contrast": {"bizarre": 3.5}, "share_min": 0.3, "wire_max": 5, "z_min": 1.5},'
    assert line in text.splitlines()
    assert WordModel.from_json(WordModel({}, 0.0, 0.5).to_json()).evidence is None  # hand-built: no gate


HEAD = '{"format": "framing-word-model", "schema": 2, '
BODY = HEAD + '"intercept": 0, "threshold": 0.2, "weights": {}, '


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("not json", "invalid JSON"),
        ('{"format": "other", "schema": 1}', "expected format"),
        (HEAD + '"intercept": "x", "threshold": 0.2, "weights": {}}', "finite numbers"),
        (HEAD + '"intercept": 0, "threshold": 0.2, "weights": {"a": "b"}}', "'weights'"),
        (BODY + '"evidence": []}', "'evidence' must be"),
        (BODY + '"evidence": {"z_min": 1, "contrast": {}}}', "'evidence' must be"),
        (BODY + '"evidence": {"z_min": "x", "wire_max": 5, "share_min": 0, "contrast": {}}}', "finite z_min"),
        (BODY + '"evidence": {"z_min": 1, "wire_max": 5, "share_min": null, "contrast": {}}}', "share_min"),
        (BODY + '"evidence": {"z_min": 1, "wire_max": 5, "share_min": 0, "contrast": {"a": null}}}',
         "contrast object"),
        (BODY + '"evidence": {"z_min": 1, "wire_max": 2.5, "share_min": 0, "contrast": {}}}',
         "'evidence.wire_max'"),
        (BODY + '"wire_uses": {"a": 1.5}}', "'wire_uses'"),
        (BODY + '"wire_uses": {"a": 0}}', "positive whole"),
    ],
)
def test_from_json_rejects_a_malformed_model_in_one_line(text: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        WordModel.from_json(text, "my.json")
    assert str(caught.value).startswith("my.json: not a valid word model") and problem in str(caught.value)
    assert "\n" not in str(caught.value)


def _sentence(words: list[str], marked: list[str], fold: int, biased: bool = True,
              wire: bool = False) -> LabelledSentence:
    text = " ".join(words)
    _, context = sentence_context(text, 0, len(text), [])
    n = len(context.words)
    return LabelledSentence(
        tuple(word_features(context, i) for i in range(n)),
        tuple(w in marked for w in context.words),
        biased,
        (False,) * n,
        tuple(may_flag(context, i) for i in range(n)),
        fold,
        context.words,
        wire,
    )


def _toy_sentences() -> list[LabelledSentence]:
    out = []
    for k in range(40):
        out.append(_sentence(["the", "awful", "plan", "passed", "today"], ["awful"], k % 5))
        out.append(_sentence(["the", "plan", "passed", "on", "monday"], [], k % 5, biased=k % 2 == 0,
                             wire=k % 2 == 1))
    return out


def test_cross_validation_chooses_a_setting_above_the_precision_floor() -> None:
    cv = cross_validate(_toy_sentences())
    p, r, f1 = cv["cv_word_prf"]
    assert p >= wm.MIN_PRECISION and r == 1.0 and f1 > 0.9
    assert cv["chosen"]["threshold"] in wm.THRESHOLDS and len(cv["cv_grid"]) == len(wm.C_GRID) * len(
        wm.THRESHOLDS
    )


def test_cross_validation_refuses_when_no_setting_is_precise_enough() -> None:
    # "plan" is marked in half its uses and nothing tells them apart: precision can never reach 0.55
    sentences = [_sentence(["a", "plan"], ["plan"] if k % 2 else [], k % 5) for k in range(40)]
    sentences += [_sentence(["the", "vote"], [], k % 5, biased=False, wire=True) for k in range(40)]
    with pytest.raises(InputError, match="precision"):
        cross_validate(sentences)


def test_training_without_evidence_gives_a_model_without_the_gate() -> None:
    gated = wm.train_word_model(_toy_sentences(), {"note": "toy"})
    ungated = wm.train_word_model(_toy_sentences(), {"note": "toy"}, evidence=False)
    assert gated.evidence is not None and ungated.evidence is None
    assert '"evidence"' not in ungated.to_json()
    assert wm.WordModel.from_json(ungated.to_json()).evidence is None


def test_training_prunes_small_weights_and_records_its_choice() -> None:
    model = wm.train_word_model(_toy_sentences(), {"note": "toy"})
    assert all(abs(w) >= wm.PRUNE for w in model.weights.values())
    assert model.weights["word:awful"] > 0 and model.metadata["note"] == "toy"
    assert model.threshold == model.metadata["chosen"]["threshold"]


# ------------------------------------------------------------------------------ evidence and wire contrast


@pytest.mark.parametrize(
    ("word", "evidence", "expected"),
    [
        ("radical", Evidence({"radical": 6.2, "storm": 1.4}, 1.5), 6.2),
        ("storm", Evidence({"radical": 6.2, "storm": 1.4}, 1.5), None),  # below the level
        ("storm", Evidence({"radical": 6.2, "storm": 1.4}, 1.0), 1.4),
        ("providers", Evidence({"radical": 6.2}, 1.5), None),  # never marked in training
        ("providers", None, 0.0),  # a hand-built model without the gate
    ],
)
def test_evaluative_evidence(word: str, evidence: Evidence | None, expected: float | None) -> None:
    assert evaluative_evidence(word, evidence) == expected


def test_wire_contrast_keeps_marked_words_that_wire_copy_rarely_uses() -> None:
    sentences = [_sentence(["the", "awful", "plan"], ["awful"], 0) for _ in range(30)]
    sentences += [_sentence(["the", "plan", "passed"], ["plan"], 0) for _ in range(3)]
    sentences += [_sentence(["the", "plan", "passed", "today"], [], 0, biased=False, wire=True)
                  for _ in range(30)]
    sentences += [_sentence(["an", "awful", "day"], [], 0, biased=False) for _ in range(30)]  # not wire copy
    contrast = wire_contrast(sentences, z_min=-100.0, wire_max=100, share_min=0.0)
    assert set(contrast) == {"awful", "plan"}  # only marked words are scored
    assert contrast["awful"] > 1.5 > contrast["plan"]
    assert wire_contrast(sentences) == {"awful": contrast["awful"]}
    assert wire_contrast(sentences[:33]) == {}  # no wire copy, no contrast
    # a marked word that wire copy uses often is no evidence, whatever its z
    common = sentences + [_sentence(["an", "awful", "day"], [], 0, biased=False, wire=True) for _ in range(6)]
    assert "awful" in wire_contrast(common, z_min=-100.0, wire_max=6)
    assert "awful" not in wire_contrast(common, z_min=-100.0, wire_max=5)


def test_wire_contrast_leaves_out_words_annotators_mark_in_few_of_their_uses() -> None:
    # "baby" is marked in 3 of its 10 uses in biased sentences, "awful" in all of its
    sentences = [_sentence(["an", "awful", "baby", "plan"], ["awful", "baby"], 0) for _ in range(3)]
    sentences += [_sentence(["the", "awful", "baby", "cried"], ["awful"], 0) for _ in range(7)]
    sentences += [_sentence(["the", "plan", "passed"], [], 0, biased=False, wire=True) for _ in range(30)]
    assert set(wire_contrast(sentences, z_min=-100.0, share_min=0.3)) == {"awful", "baby"}
    assert set(wire_contrast(sentences, z_min=-100.0, share_min=0.31)) == {"awful"}


def test_wire_uses_counts_only_non_biased_wire_sentences() -> None:
    sentences = [
        _sentence(["the", "plan"], [], 0, biased=False, wire=True),
        _sentence(["the", "vote"], [], 1, biased=False, wire=True),
        _sentence(["the", "awful", "plan"], ["awful"], 0),
        _sentence(["a", "plan"], [], 0, biased=False),
    ]
    assert wire_uses(sentences) == {"plan": 1, "the": 2, "vote": 1}


def test_wire_use_feature_is_log_uses_and_absent_for_unseen_words() -> None:
    assert wire_use(0) == {}
    assert wire_use(3) == {"wire:uses": pytest.approx(1.3863, abs=1e-4)}
    model = WordModel({}, 0.0, 0.5, wire_uses={"plan": 3})
    context = context_of("the plan")
    assert model.features(context, 1)["wire:uses"] == pytest.approx(1.3863, abs=1e-4)
    assert "wire:uses" not in model.features(context, 0)


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        # F1 flat within the tolerance: the highest threshold
        ([(1.0, 0.2, 0.60, 0.430), (1.0, 0.4, 0.63, 0.425), (3.0, 0.5, 0.65, 0.40)],
         {"C": 1.0, "threshold": 0.4}),
        # a clear F1 winner is kept
        ([(1.0, 0.2, 0.60, 0.450), (1.0, 0.4, 0.63, 0.425)], {"C": 1.0, "threshold": 0.2}),
        # below the precision floor never counts, however good its F1
        ([(1.0, 0.1, 0.50, 0.500), (3.0, 0.3, 0.56, 0.420)], {"C": 3.0, "threshold": 0.3}),
        # the same threshold: the higher F1, then the smaller C
        ([(3.0, 0.3, 0.60, 0.420), (1.0, 0.3, 0.60, 0.420), (10.0, 0.3, 0.6, 0.425)],
         {"C": 10.0, "threshold": 0.3}),
        ([(3.0, 0.3, 0.60, 0.420), (1.0, 0.3, 0.60, 0.420)], {"C": 1.0, "threshold": 0.3}),
    ],
)
def test_choose(settings: list[tuple[float, float, float, float]], expected: dict[str, float]) -> None:
    assert choose(settings) == expected


def test_choose_refuses_when_nothing_is_precise_enough() -> None:
    with pytest.raises(InputError, match="precision"):
        choose([(1.0, 0.2, 0.5, 0.6)])


def test_cross_validation_counts_the_evidence_on_the_training_folds_only() -> None:
    # "odd" is marked only in fold 0's sentences: its evidence cannot come from the other folds, so fold 0's
    # held-out "odd" is never found, and recall stays below 1 (it would be 1 if the evidence were counted
    # on all sentences)
    sentences = _toy_sentences()
    sentences += [_sentence(["the", "odd", "plan", "passed", "today"], ["odd"], 0) for _ in range(20)]
    cv = cross_validate(sentences)
    marked = sum(1 for s in sentences if s.biased for m in s.marked if m)
    assert cv["cv_word_prf"][1] == pytest.approx(round((marked - 20) / marked, 3))


# ----------------------------------------------------------------------------------------------- the layer


@pytest.fixture
def layered() -> Lexicon:
    """The built-in lexicon with its learned layer switched on (--annotated)."""
    return load_lexicon(layers=True)


def test_the_layer_is_off_unless_asked_for(lexicon: Lexicon, layered: Lexicon) -> None:
    assert lexicon.active_layer is None and layered.active_layer is not None
    assert lexicon.layer is not None and not lexicon.layer.enabled  # declared, not switched on
    assert "annotated" in lexicon.by_category  # the category is there; its layer is not


@pytest.fixture
def toy_model(monkeypatch: pytest.MonkeyPatch) -> WordModel:
    """A model that marks "silly", "truly" and "bizarre" and nothing else, in place of the shipped one."""
    model = WordModel({"word:silly": 8.0, "word:truly": 8.0, "word:bizarre": 8.0}, -4.0, 0.5)
    monkeypatch.setattr(layer_module, "load_model", lambda file="": model)
    return model


def _layer(text: str, lexicon: Lexicon) -> list[Finding]:
    return [f for f in find_terms(text, lexicon) if f.entry.category == "annotated"]



def test_layer_finds_a_scored_word_and_explains_it(layered: Lexicon, toy_model: WordModel) -> None:
    text = "Officials unveiled a silly plan on Monday."
    (finding,) = _layer(text, layered)
    assert text[finding.start : finding.end] == finding.text == "silly"
    assert finding.entry.key == "annotated/silly" and finding.entry.strength == 1
    assert finding.entry.sources == ("spinde-2021-babe",)
    assert "\u201csilly\u201d +8.00" in finding.entry.explanation
    assert finding.entry.connotation.value == "negative"  # TextBlob grades "silly" unfavourable


def test_adjacent_scored_words_join_into_one_finding(layered: Lexicon, toy_model: WordModel) -> None:
    (finding,) = _layer("Officials unveiled a truly silly plan.", layered)
    assert finding.text == "truly silly" and finding.entry.id == "truly-silly"


def test_layer_leaves_names_and_curated_findings_alone(layered: Lexicon, toy_model: WordModel) -> None:
    assert _layer("Protesters marched to Silly Truly Street.", layered) == []
    curated = find_terms("The silly, bizarre regime fell.", layered)
    assert {f.text: f.entry.category for f in curated} == {
        "silly": "annotated", "bizarre": "evaluative", "regime": "labels-pejorative"
    }


def test_layer_can_be_ignored_like_any_category(layered: Lexicon, toy_model: WordModel) -> None:
    detection = explain(prepare("A silly plan."), layered, ignore=("annotated",))
    assert not [f for f in detection.findings if f.entry.category == "annotated"]


def test_no_model_file_means_no_layer(layered: Lexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layer_module, "load_model", lambda file="": None)
    assert _layer("A silly, truly odd plan.", layered) == []


@given(st.text(max_size=300))
def test_layer_findings_index_the_text_and_never_overlap(text: str) -> None:
    lexicon = load_lexicon(layers=True)
    model = WordModel({"word:silly": 8.0, "suffix:ing": 3.0, "pos:JJ": 3.5}, -4.0, 0.5)
    with patch.object(layer_module, "load_model", lambda file="": model):
        findings = find_terms(text, lexicon)
        assert find_terms(text, lexicon) == findings
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start


# --------------------------------------------------------------------------------------- the [model] table

HEADER = (
    '[lexicon]\nschema = 1\ncategory = "learned"\ntitle = "Learned"\ndescription = "A model layer."\n'
    'kind = "graded"\n'
)


def _write(directory: Path, model_table: str) -> None:
    directory.mkdir(exist_ok=True)
    (directory / "learned.toml").write_text(HEADER + model_table, encoding="utf-8")
    sources = '[source.test-source]\ncitation = "A test source"\n'
    (directory / "sources.toml").write_text(sources, encoding="utf-8")


def test_model_table_makes_the_category_a_layer(tmp_path: Path) -> None:
    _write(tmp_path, '[model]\nsource = "test-source"\nfile = "annotated_words.json"\n')
    lexicon = load_lexicon(tmp_path, builtin=False, layers=True)
    layer = lexicon.active_layer
    assert layer is not None and layer.category == "learned"
    assert layer.file == "annotated_words.json" and layer.source == "test-source"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[model]\nsource = "test-source"\n', "[model] needs exactly two keys: source and file"),
        ('[model]\nsource = "nowhere"\nfile = "a.json"\n', "[model]: source must name a source in"),
        ('[model]\nsource = "test-source"\nfile = "../x.json"\n', "[model]: file must be the name of"),
    ],
)
def test_model_table_problems_are_reported(tmp_path: Path, table: str, message: str) -> None:
    _write(tmp_path, table)
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path, builtin=False)
    assert any(message in str(p) for p in caught.value.problems)


# ------------------------------------------------------------------------------------ shipped and trained


def _toy_babe(folder: Path) -> None:
    rows = []
    for k in range(60):
        rows.append({"text": f"Critics called plan number {k} an awful idea.", "label_bias": "Biased",
                     "biased_words": ["awful"], "outlet": "Fox News"})
        rows.append({"text": f"Officials approved plan number {k} on Monday.", "label_bias": "Non-biased",
                     "biased_words": [], "outlet": "Reuters"})
    (folder / "babe").mkdir(parents=True)
    (folder / "babe" / "babe_sg2_final_labels.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )


def test_cli_annotated_switches_the_layer_on(tmp_path: Path, toy_model: WordModel) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Officials unveiled a silly plan on Monday.\n", encoding="utf-8")
    arguments = ["analyze", str(article), "--no-actors", "--format", "json"]
    plain, with_layer = (CliRunner().invoke(app, arguments + extra) for extra in ([], ["--annotated"]))
    assert plain.exit_code == with_layer.exit_code == 0
    assert "annotated/silly" not in plain.output and "annotated/silly" in with_layer.output


def test_cli_annotated_without_a_trained_model_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layer_module, "load_model", lambda file="": None)
    article = tmp_path / "a.txt"
    article.write_text("A plan.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(article), "--annotated"])
    assert result.exit_code == Exit.INPUT
    assert "framing train words --data" in result.output and "Traceback" not in result.output


def test_train_words_writes_a_model_that_loads(tmp_path: Path) -> None:
    _toy_babe(tmp_path)
    out = tmp_path / "model.json"
    result = CliRunner().invoke(app, ["train", "words", "--data", str(tmp_path), "--output", str(out)])
    assert result.exit_code == 0, result.output
    model = WordModel.from_json(out.read_text(encoding="utf-8"))
    assert model.weights["word:awful"] > 0
    assert model.metadata["n_sentences"] < 120  # the held-out fifth never enters


def test_train_words_without_babe_is_a_one_line_input_error(tmp_path: Path) -> None:
    arguments = ["train", "words", "--data", str(tmp_path), "--output", str(tmp_path / "m.json")]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == Exit.INPUT
    assert "babe_sg2_final_labels.jsonl: not found" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "wording"),
    [
        ("word:bizarre", "the word \u201cbizarre\u201d"),
        ("before:so", "after \u201cso\u201d"),
        ("after:syntax", "before \u201csyntax\u201d"),
        ("before+pos:so JJ", "an adjective after \u201cso\u201d"),  # not worded like "before:so"
        ("pos:JJ", "as an adjective"),
        ("pos:CD", "as tag CD"),
        ("suffix:ous", "the ending \u201c-ous\u201d"),
        ("lexicon:emotive", "the lexicon's emotive entry here"),
        ("textblob:subjectivity", "TextBlob's subjectivity grade"),
        ("capitalised", "a capital letter"),
        ("after-degree-word", "a degree word before it"),
        ("wire:uses", "its uses in neutral wire copy"),
    ],
)
def test_every_feature_kind_reads_as_words(name: str, wording: str) -> None:
    from framing.messages import model_feature

    assert model_feature(name) == wording


@given(st.text(alphabet=st.sampled_from("abc so very Awful silly Plan the, .-"), max_size=80))
def test_score_word_equals_the_score_of_all_features(text: str) -> None:
    weights = {"word:silly": 2.0, "before:so": 1.0, "pos:JJ": 0.5, "suffix:ful": 0.3, "capitalised": -1.0,
               "textblob:subjectivity": 0.7, "after:plan": 0.2, "lexicon:emotive": 0.4, "wire:uses": -0.8}
    model = WordModel(weights, -1.0, 0.5, wire_uses={"plan": 3, "the": 40})
    _, context = sentence_context(text, 0, len(text), [(0, 3, "emotive", 1)])
    for i in range(len(context.words)):
        assert model.score_word(context, i) == pytest.approx(model.score(model.features(context, i)))


def test_spans_are_listed_under_every_sentence_they_reach() -> None:
    from framing.annotated import _by_sentence

    document = prepare("One silly. Two silly.")
    assert _by_sentence(document, [(4, 13, "x")]) == {0: [(4, 13, "x")], 1: [(4, 13, "x")]}


def test_lexicon_reference_describes_the_layer_whether_or_not_it_is_on(lexicon: Lexicon) -> None:
    from framing.render.lexicon_docs import render_lexicon_docs

    page = render_lexicon_docs(lexicon)
    assert "`annotated`, graded, a learned model" in page
    assert "findings come from the annotated-word model `framing/models/annotated_words.json`" in page
