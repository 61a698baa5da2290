"""`framing eval` on tiny datasets written here in the formats of ../shared/data (the real data is never
committed), and the metric definitions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.evaluation.metrics import bootstrap_interval, macro_f1, prf, span_overlap, tokens, word_counts

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


LABELS = ("negative", "neutral", "positive")


def _noisy(n: int, right: float, seed: int = 3) -> tuple[list[str], list[str]]:
    import random

    rng = random.Random(seed)
    gold = [rng.choice(LABELS) for _ in range(n)]
    return gold, [g if rng.random() < right else rng.choice(LABELS) for g in gold]


def test_bootstrap_interval_holds_the_figure_and_narrows_with_more_data() -> None:
    gold, predicted = _noisy(600, 0.6)
    low, high = bootstrap_interval(gold, predicted, LABELS)
    assert low < macro_f1(gold, predicted, LABELS) < high
    assert bootstrap_interval(gold, predicted, LABELS) == (low, high)  # seeded: the same every run
    small_low, small_high = bootstrap_interval(gold[:60], predicted[:60], LABELS)
    assert small_high - small_low > 2 * (high - low)
    assert bootstrap_interval(gold, gold, LABELS) == (1.0, 1.0)
    right = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    a_low, a_high = bootstrap_interval(gold, predicted, LABELS, statistic="accuracy")
    assert a_low < right < a_high
    with pytest.raises(ValueError):
        bootstrap_interval(gold, predicted, LABELS, statistic="median")


def test_bootstrap_resamples_whole_groups() -> None:
    """Ten copies of each item are one observation, not ten: resampling the groups gives the interval of
    the underlying 60 items, resampling the copies one by one an interval about sqrt(10) times too narrow."""
    gold, predicted = _noisy(60, 0.6)
    copies = [g for g in gold for _ in range(10)], [p for p in predicted for _ in range(10)]
    groups = [i // 10 for i in range(600)]
    one_by_one = bootstrap_interval(*copies, LABELS)
    grouped = bootstrap_interval(*copies, LABELS, groups=groups)
    alone = bootstrap_interval(gold, predicted, LABELS)
    assert _width(grouped) > 2 * _width(one_by_one)
    assert _width(grouped) == pytest.approx(_width(alone), rel=0.25)


def _width(interval: tuple[float, float]) -> float:
    return interval[1] - interval[0]


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
        "m2,Markets rose.,Non-biased,[]\n",
        encoding="utf-8",
    )
    metrics = _eval("mbic", tmp_path)["metrics"]
    assert metrics["word_precision"] == metrics["word_recall"] == 1.0


def test_ptc_spans(tmp_path: Path) -> None:
    text = "The brutal regime fell. Talks went on."
    _write_jsonl(
        tmp_path / "train.jsonl",
        [
            {
                "article_id": "1",
                "text": text,
                "tc_spans": [
                    {"technique": "Loaded_Language", "start": 4, "end": 10, "text": "brutal"},
                    {"technique": "Doubt", "start": 24, "end": 29, "text": "Talks"},
                    {"technique": "Name_Calling,Labeling", "start": 24, "end": 38, "text": "Talks went on."},
                ],
            }
        ],
    )
    metrics = _eval("ptc", tmp_path)["metrics"]
    assert metrics["span_recall"] == 0.5 and metrics["span_precision"] == 0.5


def test_newsmtsc(tmp_path: Path) -> None:
    def record(text: str, target: str, polarity: float) -> dict[str, object]:
        start = text.index(target)
        return {
            "sentence_normalized": text,
            "targets": [{"from": start, "to": start + len(target), "mention": target, "polarity": polarity}],
        }

    rows = [
        record("The brutal regime of Ahmed Karimi shelled the town.", "Ahmed Karimi", 2.0),
        record("Volunteers praised Dr. Lina Haddad for rescuing children.", "Lina Haddad", 6.0),
        record("Mayor Tom Berg met reporters on Monday.", "Tom Berg", 4.0),
    ]
    _write_jsonl(tmp_path / "official_release" / "train.jsonl", rows)
    for split in ("rw", "mt"):
        _write_jsonl(tmp_path / "paper_splits" / f"newsmtsc-{split}" / "test.jsonl", rows)
    report = _eval("newsmtsc", tmp_path)
    assert {"rw_macro_f1", "mt_macro_f1", "rules_rw_macro_f1", "rules_mt_macro_f1"} <= set(report["metrics"])
    for name, (low, high) in report["intervals"].items():
        assert low <= report["metrics"][name] <= high, name
    assert {"score_rw_macro_f1", "rw_macro_f1"} <= set(report["intervals"])


def test_unknown_dataset_and_missing_data(tmp_path: Path) -> None:
    assert runner.invoke(app, ["eval", "nope", "--data", str(tmp_path)]).exit_code == 2
    missing = runner.invoke(app, ["eval", "babe", "--data", str(tmp_path)])
    assert missing.exit_code == 4 and "not found" in missing.stderr


@pytest.mark.parametrize("dataset", ["babe", "mbic", "ptc"])
def test_table_output_names_each_metric_with_its_definition(dataset: str, tmp_path: Path) -> None:
    _write_jsonl(
        tmp_path / "babe_sg2_final_labels.jsonl",
        [{"text": "The regime fell.", "label_bias": "Biased", "biased_words": ["regime"]}] * 10
        + [{"text": "Markets rose.", "label_bias": "Non-biased", "biased_words": []}] * 10,
    )
    (tmp_path / "mbic_final_labels.csv").write_text(
        "id,text,label_bias,biased_words\nm1,The regime fell.,Biased,[]\n", encoding="utf-8"
    )
    _write_jsonl(tmp_path / "train.jsonl", [{"article_id": "1", "text": "The regime fell.", "tc_spans": []}])
    result = runner.invoke(app, ["eval", dataset, "--data", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert "word_f1" in result.stdout or "span_f1" in result.stdout


# --- PerSenT and the actor models: tiny fixtures in the datasets' formats, written here -----------------

PERSENT_COLUMNS = [
    "DOCUMENT_INDEX",
    "TITLE",
    "TARGET_ENTITY",
    "DOCUMENT",
    "MASKED_DOCUMENT",
    "TRUE_SENTIMENT",
    *(f"Paragraph{i}" for i in range(16)),
]
PERSENT_DOCS = [
    (
        "Ahmed Karimi",
        "The brutal regime of Ahmed Karimi shelled the town. Karimi was accused of torture.",
        "Negative",
    ),
    (
        "Lina Haddad",
        "Volunteers praised Dr. Lina Haddad for rescuing children. Haddad helped the wounded.",
        "Positive",
    ),
    ("Tom Berg", "Mayor Tom Berg met reporters on Monday. Berg said the budget is due in May.", "Neutral"),
    ("Sara Lind", "Sara Lind won an award. Colleagues honoured Lind for her care.", "Positive"),
]


def _write_persent(folder: Path, copies: int = 3) -> None:
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    for split in ("dev", "random_test", "fixed_test"):
        with (folder / f"{split}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(PERSENT_COLUMNS)
            for n, (entity, text, label) in enumerate(PERSENT_DOCS * copies):
                writer.writerow([n, "t", entity, text, text.replace(entity, "[TGT]"), label, *[""] * 16])


def test_persent_reports_both_test_splits_with_baselines(tmp_path: Path) -> None:
    _write_persent(tmp_path)
    report = _eval("persent", tmp_path)
    metrics = report["metrics"]
    for key in (
        "random_test_macro_f1",
        "fixed_test_macro_f1",
        "random_test_accuracy",
        "fixed_test_accuracy",
        "majority_random_test_macro_f1",
        "tfidf_fixed_test_macro_f1",
        "random_test_f1_negative",
    ):
        assert 0 <= metrics[key] <= 1, key
    assert metrics["majority_random_test_accuracy"] == pytest.approx(0.5)  # 2 of 4 documents are positive
    confusion = report["tables"]["random_test_confusion"]["matrix"]
    assert sum(map(sum, confusion)) == report["counts"]["random_test_documents"] == 12
    low, high = report["intervals"]["random_test_macro_f1"]
    assert low <= metrics["random_test_macro_f1"] <= high
    table = runner.invoke(app, ["eval", "persent", "--data", str(tmp_path)])
    assert table.exit_code == 0 and "random_test_confusion" in table.stdout
    assert f"[{low:.3f}, {high:.3f}]" in table.stdout and "bootstrap" in table.stdout


def test_persent_missing_data_and_unknown_engine(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["eval", "persent", "--data", str(tmp_path)])
    assert (
        missing.exit_code == 4 and missing.stderr.startswith("error:") and "persent" in missing.stderr.lower()
    )
    _write_persent(tmp_path)
    assert runner.invoke(app, ["eval", "persent", "--data", str(tmp_path), "--engine", "nope"]).exit_code == 2


NARRATIVE_ARTICLES = {
    "1": "The Coal Lobby attacked the new climate law and bribed officials. Farmers were displaced by the "
    "floods. The Green Alliance helped the farmers rebuild their homes.",
    "2": "The Ravenwood Mining Company destroyed the forest. The villagers were evicted by the company.",
    "3": "Mayor Ana Ruiz opened the new sea wall. Ruiz thanked the engineers. Ruiz said the wall would "
    "hold, and Ruiz asked the council for more money.",
}
NARRATIVE_ROLES = [
    ("1", "the Coal Lobby", "villain"),
    ("1", "farmers", "victim"),
    ("1", "the Green Alliance", "hero"),
    ("1", "they", "villain"),  # a pronoun: skipped
    ("2", "Ravenwood Mining Company", "villain"),
    ("2", "the villager's", "victim"),  # found only by the looser matching ("villagers")
    ("2", "the Ministry", "hero"),  # not in the text: unmatched
    ("3", "Mayor Ana Ruiz", "hero"),
    ("3", "the Oakvale city council", "villain"),  # not in the text: its head, "council", is an actor
]
NARRATIVE_FOLDS = {"1": 1, "2": 2, "3": 3}


def _write_narrative(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["ID\tsource\tmbfc\tdate\ttext"]
    rows += [f"{k}\tx\tleft_bias\t2020\t{v}" for k, v in NARRATIVE_ARTICLES.items()]
    (folder / "articles_metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["ID\tentity\tgroup\trole\tmbfc"] + [f"{a}\t{e}\tG\t{r}\tleft_bias" for a, e, r in NARRATIVE_ROLES]
    (folder / "role_and_frame_annoations.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["fold,split,id,source,bias"]
    for fold in (1, 2, 3):
        rows += [
            f"{fold},{'test' if f == fold else 'train'},{k},x,left_bias" for k, f in NARRATIVE_FOLDS.items()
        ]
    (folder / "paper_5fold_splits.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_narrative_matches_annotated_entities_to_actors(tmp_path: Path) -> None:
    _write_narrative(tmp_path)
    found = runner.invoke(
        app, ["eval", "narrative", "--data", str(tmp_path), "--format", "json", "--engine", "spacy"]
    )
    assert found.exit_code == 0, found.stderr
    report = json.loads(found.stdout)
    counts, metrics = report["counts"], report["metrics"]
    assert counts["entities"] == 8  # the pronoun is left out
    assert counts["matched"] == 7 and metrics["entity_coverage"] == pytest.approx(7 / 8, abs=1e-4)
    assert counts["matched_by_head"] == 1
    # the exact words find neither "the villager's" nor "the Oakvale city council"
    assert metrics["entity_coverage_exact"] == pytest.approx(5 / 8, abs=1e-4)
    assert counts["matched_villain"] == 3 and counts["matched_hero"] == 2 and counts["matched_victim"] == 2
    assert counts["unannotated_actors"] >= 1  # e.g. the officials, the floods
    assert metrics["negative_sign_accuracy"] == pytest.approx(0.6)
    # the always-villain answer, the previous rule and the cross-validated rule in the same run
    assert metrics["always_villain_narrative_accuracy"] == pytest.approx(3 / 7, abs=1e-4)
    assert metrics["always_villain_unannotated_cast_share"] == 1.0
    for prefix in ("", "previous_", "always_villain_"):
        for name in ("narrative_accuracy", "narrative_macro_f1", "narrative_cast_share", "actors_macro_f1"):
            assert 0 <= metrics[prefix + name] <= 1, prefix + name
    for name in ("narrative_macro_f1", "previous_narrative_accuracy", "always_villain_actors_macro_f1"):
        low, high = report["intervals"][name]  # resampling whole articles
        assert 0 <= low <= high <= 1, name
    previous = report["tables"]["previous_narrative_confusion"]["matrix"]
    assert previous[0][0] >= 1  # the attacking, bribing lobby: clear evidence of a villain
    notes = "\n".join(report["notes"])
    for fold in (1, 2, 3):
        assert f"fold {fold}: rule chosen without its test articles" in notes
    assert "rule chosen on all articles" in notes
    confusion = report["tables"]["narrative_confusion"]
    assert confusion["rows_gold"] == ["villain", "hero", "victim"]
    assert sum(map(sum, confusion["matrix"])) == 7
    table = runner.invoke(app, ["eval", "narrative", "--data", str(tmp_path)])  # the fast engine
    assert table.exit_code == 0 and "narrative_confusion" in table.stdout


def test_narrative_needs_the_papers_folds(tmp_path: Path) -> None:
    _write_narrative(tmp_path)
    (tmp_path / "paper_5fold_splits.csv").unlink()
    missing = runner.invoke(app, ["eval", "narrative", "--data", str(tmp_path)])
    assert missing.exit_code == 4 and "paper_5fold_splits.csv" in missing.stderr


def _write_actor_data(root: Path) -> None:
    sentences = [
        ("Troops killed {} at the market.", 2.0),
        ("Volunteers praised {} for the rescue.", 6.0),
        ("{} met reporters in the capital.", 4.0),
        ("Critics condemned {} for the brutal raid.", 2.0),
        ("Residents thanked {} for the generous aid.", 6.0),
        ("{} spoke at the meeting.", 4.0),
    ]
    names = [
        "Ahmed Karimi",
        "Lina Haddad",
        "Tom Berg",
        "Sara Lind",
        "Omar Said",
        "Ana Diaz",
        "Jon Park",
        "Mei Ling",
        "Ravi Rao",
        "Eva Holm",
    ]
    rows = []
    for name in names:
        for template, polarity in sentences:
            text = template.format(name)
            start = text.index(name)
            rows.append(
                {
                    "sentence_normalized": text,
                    "targets": [{"from": start, "to": start + len(name), "polarity": polarity}],
                }
            )
    _write_jsonl(root / "newsmtsc" / "official_release" / "train.jsonl", rows)
    for split in ("rw", "mt"):
        for part in ("dev", "test"):
            _write_jsonl(
                root / "newsmtsc" / "paper_splits" / f"newsmtsc-{split}" / f"{part}.jsonl", rows[:12]
            )
    _write_persent(root / "persent", copies=5)


def _train_actors(data: Path, output: Path, *options: str):
    return runner.invoke(app, ["train", "actors", "--data", str(data), "--output", str(output), *options])


def test_train_actors_writes_models_tied_to_their_data_and_is_reproducible(tmp_path: Path) -> None:
    from framing.resources import lexicon_digest

    _write_actor_data(tmp_path / "data")
    outputs = []
    for run in ("a", "b"):
        result = _train_actors(tmp_path / "data", tmp_path / run, "--seed", "3")
        assert result.exit_code == 0, result.output
        outputs.append(
            {
                name: (tmp_path / run / name).read_text(encoding="utf-8")
                for name in ("actor_score.json", "actor_sentiment.json")
            }
        )
    assert outputs[0] == outputs[1]  # the same seed, the same files
    score = json.loads(outputs[0]["actor_score.json"])
    meta = score["metadata"]
    assert meta["lexicon_digest"] == lexicon_digest() and meta["seed"] == 3 and meta["engine"] == "fast"
    assert meta["command"] == "framing train actors --data DATA --seed 3"
    assert {"newsmtsc_cv_macro_f1", "persent_cv_macro_f1", "cv_brier"} <= set(meta["cv"])
    assert {"score_rw_macro_f1", "persent_random_test_macro_f1"} <= set(meta["test"])
    from framing.actors.score import COMPONENTS

    assert set(score["weights"]) == set(COMPONENTS)
    sentiment = json.loads(outputs[0]["actor_sentiment.json"])["metadata"]
    assert sentiment["lexicon_digest"] == meta["lexicon_digest"] and "cv_macro_f1" in sentiment


def test_train_actors_skip_test_reads_no_test_split(tmp_path: Path) -> None:
    _write_actor_data(tmp_path / "data")
    for test_file in (tmp_path / "data").rglob("*test*"):
        test_file.unlink()  # a fit that opened a test split would now fail
    result = _train_actors(tmp_path / "data", tmp_path / "out", "--skip-test")
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / "out" / "actor_score.json").read_text(encoding="utf-8"))["metadata"]
    assert meta["test"] == "not read (--skip-test)" and "not for shipping" in meta["test_note"]


def test_train_actors_needs_its_data(tmp_path: Path) -> None:
    result = _train_actors(tmp_path, tmp_path / "out")
    assert result.exit_code == 4 and "error:" in result.stderr
