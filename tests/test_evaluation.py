"""`framing eval` on tiny datasets written here in the formats of ../shared/data (the real data is never
committed), and the metric definitions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.evaluation.metrics import macro_f1, prf, span_overlap, tokens, word_counts

runner = CliRunner()


def test_tokens_keep_hyphenated_compounds_and_lowercase() -> None:
    words = [t for _, _, t in tokens("A far-right group's self-styled leader")]
    assert words == ["a", "far-right", "group's", "self-styled", "leader"]


def test_word_counts_and_prf() -> None:
    text = "The brutal regime and the government"
    # predicted: "brutal regime" as one span; gold: "regime", "government"
    assert word_counts(text, ["regime", "government"], [(4, 17)]) == (1, 1, 1)
    assert prf(1, 1, 1) == (0.5, 0.5, 0.5)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_span_overlap() -> None:
    assert span_overlap([(0, 5), (10, 20)], [(3, 4), (21, 25)]) == (1, 2, 1, 2)


def test_macro_f1() -> None:
    assert macro_f1(["a", "b", "c"], ["a", "b", "c"], ["a", "b", "c"]) == 1.0
    assert macro_f1(["a", "a"], ["b", "b"], ["a", "b"]) == 0.0


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def _eval(dataset: str, folder: Path) -> dict[str, object]:
    result = runner.invoke(app, ["eval", dataset, "--data", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_babe_words(tmp_path: Path) -> None:
    rows = [
        {
            "text": "The brutal regime shelled the town.",
            "label_bias": "Biased",
            "biased_words": ["brutal", "regime"],
        },
        {"text": "Officials met on Monday.", "label_bias": "Non-biased", "biased_words": []},
        {
            "text": "Radical activists slammed the plan.",
            "label_bias": "Biased",
            "biased_words": ["slammed", "plan"],
        },
    ] * 5
    _write_jsonl(tmp_path / "babe_sg2_final_labels.jsonl", rows)
    report = _eval("babe", tmp_path)
    metrics = report["metrics"]
    assert {"word_precision", "word_recall", "word_f1", "sentence_weighted_f1"} <= set(metrics)
    assert metrics["word_recall"] == 0.75  # "plan" is missed
    assert report["counts"]["biased_sentences"] == 10


def test_mbic_words(tmp_path: Path) -> None:
    (tmp_path / "mbic_final_labels.csv").write_text(
        'id,text,label_bias,biased_words\nm1,The regime fell.,Biased,"[""regime""]"\n'
        "m2,Markets rose.,Non-biased,[]\n", encoding="utf-8")
    metrics = _eval("mbic", tmp_path)["metrics"]
    assert metrics["word_precision"] == metrics["word_recall"] == 1.0


def test_ptc_spans(tmp_path: Path) -> None:
    text = "The brutal regime fell. Talks went on."
    _write_jsonl(tmp_path / "train.jsonl", [{"article_id": "1", "text": text, "tc_spans": [
        {"technique": "Loaded_Language", "start": 4, "end": 10, "text": "brutal"},
        {"technique": "Doubt", "start": 24, "end": 29, "text": "Talks"},
        {"technique": "Name_Calling,Labeling", "start": 24, "end": 38, "text": "Talks went on."},
    ]}])
    metrics = _eval("ptc", tmp_path)["metrics"]
    assert metrics["span_recall"] == 0.5 and metrics["span_precision"] == 0.5


def test_newsmtsc(tmp_path: Path) -> None:
    def record(text: str, target: str, polarity: float) -> dict[str, object]:
        start = text.index(target)
        return {"sentence_normalized": text, "targets": [{"from": start, "to": start + len(target),
                                                          "mention": target, "polarity": polarity}]}

    rows = [record("The brutal regime of Ahmed Karimi shelled the town.", "Ahmed Karimi", 2.0),
            record("Volunteers praised Dr. Lina Haddad for rescuing children.", "Lina Haddad", 6.0),
            record("Mayor Tom Berg met reporters on Monday.", "Tom Berg", 4.0)]
    _write_jsonl(tmp_path / "official_release" / "train.jsonl", rows)
    for split in ("rw", "mt"):
        _write_jsonl(tmp_path / "paper_splits" / f"newsmtsc-{split}" / "test.jsonl", rows)
    report = _eval("newsmtsc", tmp_path)
    assert {"rw_macro_f1", "mt_macro_f1", "rules_rw_macro_f1", "rules_mt_macro_f1"} <= set(report["metrics"])


def test_unknown_dataset_and_missing_data(tmp_path: Path) -> None:
    assert runner.invoke(app, ["eval", "nope", "--data", str(tmp_path)]).exit_code == 2
    missing = runner.invoke(app, ["eval", "babe", "--data", str(tmp_path)])
    assert missing.exit_code == 4 and "not found" in missing.stderr


@pytest.mark.parametrize("dataset", ["babe", "mbic", "ptc"])
def test_table_output_names_each_metric_with_its_definition(dataset: str, tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "babe_sg2_final_labels.jsonl",
                 [{"text": "The regime fell.", "label_bias": "Biased", "biased_words": ["regime"]}] * 10
                 + [{"text": "Markets rose.", "label_bias": "Non-biased", "biased_words": []}] * 10)
    (tmp_path / "mbic_final_labels.csv").write_text(
        "id,text,label_bias,biased_words\nm1,The regime fell.,Biased,[]\n", encoding="utf-8"
    )
    _write_jsonl(tmp_path / "train.jsonl", [{"article_id": "1", "text": "The regime fell.", "tc_spans": []}])
    result = runner.invoke(app, ["eval", dataset, "--data", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert "word_f1" in result.stdout or "span_f1" in result.stdout
