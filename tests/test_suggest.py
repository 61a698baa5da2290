"""framing lexicon suggest: candidates from annotated training data against neutral wire copy."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from framing import Lexicon
from framing.cli import app
from framing.evaluation.tasks import babe_split
from framing.suggest import collect, rank


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
