"""framing lexicon suggest: candidates from annotated training data against neutral wire copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from typer.testing import CliRunner

from framing import Lexicon
from framing.cli import app
from framing.evaluation.tasks import babe_split, ptc_split
from framing.suggest import (
    Training,
    collect,
    count_phrases,
    count_words,
    corpus_totals,
    marked_runs,
    matching_entries,
    phrase_uses,
    rank,
    rankable,
    span_phrase,
)


def _sentences(template: str, n: int, split: str) -> list[str]:
    out, i = [], 0
    while len(out) < n:
        text = template.format(i)
        if babe_split(text) == split:
            out.append(text)
        i += 1
    return out


def _data(tmp_path: Path) -> Path:
    rows = [{"text": t, "label_bias": "Biased", "outlet": "Blog", "biased_words": ["grotesquely"]}
            for t in _sentences("Council {} grotesquely mangled the budget plan.", 6, "train")]
    rows += [{"text": t, "label_bias": "Biased", "outlet": "Blog", "biased_words": ["heinously"]}
             for t in _sentences("Council {} heinously wrecked the budget plan.", 6, "test")]
    rows += [{"text": t, "label_bias": "Non-biased", "outlet": "Reuters", "biased_words": []}
             for t in _sentences("Council {} approved the budget plan on Tuesday.", 20, "train")]
    (tmp_path / "babe").mkdir()
    (tmp_path / "babe" / "babe_sg2_final_labels.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    text = "The mayor's scheming cronies met again."
    start = text.index("scheming cronies")
    ptc = {"article_id": "1", "text": text, "tc_spans": [
        {"technique": "Name_Calling,Labeling", "start": start, "end": start + len("scheming cronies")},
        {"technique": "Loaded_Language", "start": start, "end": start + len("scheming")}]}
    (tmp_path / "semeval2020_task11_ptc").mkdir()
    (tmp_path / "semeval2020_task11_ptc" / "train.jsonl").write_text(json.dumps(ptc) + "\n", encoding="utf-8")
    return tmp_path


def test_training_evidence_ranks_and_held_out_sentences_are_never_read(
    tmp_path: Path, lexicon: Lexicon
) -> None:
    candidates = collect(_data(tmp_path))
    assert "heinously" not in candidates or candidates["heinously"].annotated == 0
    ranked = rank(candidates, lexicon, min_count=1)
    words = [c.word for c in ranked]
    assert words[0] == "grotesquely"
    top = ranked[0]
    assert (top.counts["babe"], top.neutral, top.marked_share) == (6, 0, 1.0)
    assert top.examples[0][0] == "babe" and "grotesquely" in top.examples[0][1]
    assert "cronies" in words and "approved" not in words  # PTC spans count; neutral words do not rank


def test_training_share_counts_every_use_and_a_word_in_two_spans_once(tmp_path: Path) -> None:
    candidates = collect(_data(tmp_path))
    scheming, met = candidates["scheming"], candidates["met"]
    assert (scheming.counts["ptc"], scheming.seen_in_ptc, scheming.ptc_share) == (1, 1, 1.0)
    assert (met.counts["ptc"], met.seen_in_ptc, met.training_share) == (0, 1, 0.0)
    grotesquely = candidates["grotesquely"]  # six biased BABE training sentences, marked in all six
    assert (grotesquely.uses, grotesquely.training_share) == (6, 1.0)


def test_cli_lists_candidates_and_rejects_a_folder_without_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["lexicon", "suggest", "--data", str(_data(tmp_path)), "--min-count", "1", "--format", "json"]
    )
    assert result.exit_code == 0
    assert json.loads(result.output)[0]["word"] == "grotesquely"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(app, ["lexicon", "suggest", "--data", str(empty)])
    assert result.exit_code == 4 and "error:" in result.output


@pytest.mark.parametrize(
    ("text", "marked", "runs"),
    [
        ("Radical leftist mobs marched on Friday.", {"radical", "leftist", "mobs"}, ["radical leftist mobs"]),
        ("The radical plan and the leftist mobs.", {"radical", "leftist", "mobs"}, ["leftist mobs"]),
        ("One shameful vote.", {"shameful"}, []),  # one word is a word, not a phrase
        ("a b c d e f", {"a", "b", "c", "d", "e", "f"}, []),  # longer than five words
    ],
    ids=["three", "two-of-three", "single", "too-long"],
)
def test_marked_runs_are_consecutive_marked_words(text: str, marked: set[str], runs: list[str]) -> None:
    assert list(marked_runs(text, frozenset(marked))) == runs


def test_span_phrase_and_phrase_uses_index_the_original_text() -> None:
    text = "They call it a Witch Hunt, a witch  hunt again."
    assert span_phrase(text, text.index("Witch"), text.index(",")) == "witch hunt"
    assert span_phrase(text, 0, 4) is None  # one word
    uses = list(phrase_uses(text, {"witch hunt", "hunt again"}))
    assert [(text[s:e], p) for s, e, p in uses] == [
        ("Witch Hunt", "witch hunt"), ("witch  hunt", "witch hunt"), ("hunt again", "hunt again")
    ]


def _ptc(article_id: str, text: str, marked: str) -> tuple[str, str, tuple[tuple[int, int], ...]]:
    start = text.index(marked)
    return article_id, text, ((start, start + len(marked)),)


def test_phrases_count_marked_and_unmarked_uses_and_their_documents() -> None:
    training = Training(
        babe_biased=(("Radical leftist mobs marched again.", frozenset({"radical", "leftist", "mobs"})),
                     ("Radical leftist voters stayed home.", frozenset({"voters"}))),
        neutral=("The council met on Tuesday.",),
        ptc=(_ptc("1", "It is a witch hunt, he said.", "witch hunt"),
             _ptc("2", "Another witch hunt began. The witch hunt goes on.", "witch hunt"),
             _ptc("3", "A scheming crony left.", "scheming crony")),
    )
    phrases = count_phrases(training)
    hunt = phrases["witch hunt"]
    assert (hunt.counts["ptc"], hunt.seen_in_ptc, hunt.ptc_share, len(hunt.documents)) == (2, 3, 0.667, 2)
    radical = phrases["radical leftist mobs"]
    assert (radical.counts["babe"], radical.seen_in_biased, radical.marked_share) == (1, 1, 1.0)
    assert "radical leftist" not in phrases  # candidates are whole runs and whole spans
    words = count_words(training)
    ranked = rank(phrases, Lexicon((), ()), min_count=1, totals=corpus_totals(words), min_documents=2)
    assert [c.word for c in ranked] == ["witch hunt"]  # the others are marked in one document only
    assert ranked[0].kind == "phrase" and ranked[0].z > 0


@pytest.mark.parametrize(
    ("term", "expected"),
    [("witch hunt", True), ("drain the swamp", True), ("the swamp", False), ("swamp of", False),
     ("swamp", True), ("of", False), ("17 angry", False)],
)
def test_rankable_terms(term: str, expected: bool) -> None:
    assert rankable(term) is expected


def test_matching_entries_whole_and_part(lexicon: Lexicon) -> None:
    assert matching_entries("witch hunt", lexicon) == ("political-labels/witch-hunt", ())
    whole, inside = matching_entries("rigged witch hunt", lexicon)
    assert whole is None and "political-labels/witch-hunt" in inside


def test_cli_ranks_phrases(tmp_path: Path) -> None:
    data = _data(tmp_path)
    text = "Their scheming cronies met again."
    start = text.index("scheming cronies")
    article_id = next(str(i) for i in range(2, 100) if ptc_split(str(i)) == "train")
    ptc = {"article_id": article_id, "text": text, "tc_spans": [
        {"technique": "Loaded_Language", "start": start, "end": start + len("scheming cronies")}]}
    with (data / "semeval2020_task11_ptc" / "train.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(ptc) + "\n")
    result = CliRunner().invoke(
        app, ["lexicon", "suggest", "--data", str(data), "--phrases", "--min-count", "1", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["word"], r["kind"], r["ptc"], r["documents"]) for r in rows] == [
        ("scheming cronies", "phrase", 2, 2)
    ]
    table = CliRunner().invoke(
        app, ["lexicon", "suggest", "--data", str(data), "--phrases", "--min-count", "1"]
    )
    assert table.exit_code == 0 and "scheming cronies" in table.output
