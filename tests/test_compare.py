"""Comparison: label swaps, score differences and summary sentences on the project's own outlet stories;
symmetry, self-comparison, determinism, blind mode, formats, corpus mode, statistics."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing import Lexicon, analyze
from framing.cli import app
from framing.compare import Comparison, SourceProfile, compare
from framing.compare.stats import bootstrap_ci, log_odds

from .conftest import ROOT, SEED

OUTLETS = ROOT / "examples" / "outlets"
COURIER, RIVER, FRONTIER = (
    OUTLETS / f"{n}.txt" for n in ("northern-courier", "river-daily", "frontier-post")
)
runner = CliRunner()


def profile(path: Path, lexicon: Lexicon, name: str | None = None) -> SourceProfile:
    text = path.read_text(encoding="utf-8")
    return SourceProfile(name or path.stem).add(analyze(text, lexicon=lexicon), lexicon)


@pytest.fixture(scope="module")
def outlets(lexicon: Lexicon) -> Comparison:
    return compare([profile(p, lexicon) for p in (COURIER, RIVER, FRONTIER)])


def row(comparison: Comparison, name: str):
    return next(r for r in comparison.actors if r.name == name)


def sentences(comparison: Comparison) -> list[str]:
    return [d.sentence for d in comparison.differences]


def test_one_row_per_actor_across_names(outlets: Comparison) -> None:
    government = row(outlets, "Syrian government")
    river, frontier = government.cells[1], government.cells[2]
    assert river and frontier
    assert {n for n, _ in river.names} == {"Syrian army", "Syrian government forces"}
    assert {n for n, _ in frontier.names} == {"Assad regime"}


def test_label_swaps_are_summarised(outlets: Comparison) -> None:
    said = sentences(outlets)
    assert ('Syrian government is called "regime" by frontier-post 2 times; river-daily never does '
            '(a neutral alternative: "government").') in said
    assert any(s.startswith('Free Valley Army is called "militants" by northern-courier once') for s in said)
    assert any(s.startswith('Free Valley Army is called "hardline" by northern-courier once') for s in said)


def test_score_difference_is_summarised_with_its_numbers(outlets: Comparison) -> None:
    from framing.compare.core import _score_contrast

    army = row(outlets, "Free Valley Army")
    courier, river = army.cells[0].score, army.cells[1].score
    assert courier is not None and river is not None and courier < river
    # worded by both numbers (docs/comparison.md): "more negatively" only when both are negative
    assert f"Free Valley Army {_score_contrast('northern-courier', courier, 'river-daily', river)}" in \
        " ".join(sentences(outlets))


def test_unattributed_allegation_and_density_are_summarised(outlets: Comparison) -> None:
    said = " ".join(sentences(outlets))
    assert (
        "An allegation against Free Valley Army with no accuser named appears in northern-courier once"
        in said
    )
    assert "loaded words per 1,000 words" in said


def test_comparison_is_symmetric(lexicon: Lexicon) -> None:
    a, b = profile(COURIER, lexicon), profile(RIVER, lexicon)
    forward = compare([a, b])
    backward = compare([profile(RIVER, lexicon), profile(COURIER, lexicon)])
    assert sorted(sentences(forward)) == sorted(sentences(backward))
    for row_forward in forward.actors:
        row_backward = row(backward, row_forward.name)
        assert row_forward.cells == tuple(reversed(row_backward.cells))


def test_a_source_compared_with_itself_shows_no_differences(lexicon: Lexicon) -> None:
    same = compare([profile(COURIER, lexicon, "first"), profile(COURIER, lexicon, "second")])
    assert same.differences == ()
    assert all(s.distinctive == () for s in same.summaries)


def test_output_is_deterministic() -> None:
    args = ["compare", str(COURIER), str(RIVER), str(FRONTIER), "--format", "json"]
    assert runner.invoke(app, args).stdout == runner.invoke(app, args).stdout


def test_blind_mode_hides_sources() -> None:
    result = runner.invoke(app, ["compare", str(COURIER), str(RIVER), "--blind", "--format", "markdown"])
    assert result.exit_code == 0
    assert "Source A" in result.stdout and "Source B" in result.stdout
    assert "courier" not in result.stdout and "river" not in result.stdout


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json", "csv", "html"])
def test_every_format(fmt: str) -> None:
    result = runner.invoke(app, ["compare", str(COURIER), str(RIVER), "--format", fmt])
    assert result.exit_code == 0 and result.stdout
    if fmt == "json":
        report = json.loads(result.stdout)
        assert report["schema_version"] == 1 and [s["name"] for s in report["sources"]] == [
            "northern-courier.txt",
            "river-daily.txt",
        ]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert {"table", "source", "actor", "measure", "value"} == set(rows[0])
        assert {r["table"] for r in rows} >= {"sources", "density", "names", "scores", "agency_voice"}


def test_hostile_source_names_are_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "<img src=x onerror=alert(1)>.txt"
    hostile.write_text("The regime shelled the town.", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(hostile), str(RIVER), "--format", "html"])
    assert "<img src=x" not in result.stdout and "&lt;img src=x" in result.stdout


def test_compare_needs_two_sources() -> None:
    result = runner.invoke(app, ["compare", str(COURIER)])
    assert result.exit_code == 2 and "at least two" in result.stderr


def test_bad_file_is_reported_and_the_rest_compared(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["compare", str(COURIER), str(RIVER), str(empty), "--format", "json"])
    assert result.exit_code == 4 and "empty file" in result.stderr
    assert len(json.loads(result.stdout)["sources"]) == 2


# --- corpus mode -------------------------------------------------------------------------------------


def _records() -> list[dict[str, str]]:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (COURIER, RIVER, FRONTIER)}
    rows = []
    for outlet, text in texts.items():
        for i, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
            rows.append({"outlet": outlet, "title": f"{outlet} {i}", "text": paragraph})
    rows.append({"outlet": "river-daily", "title": "broken", "text": ""})
    return rows


@pytest.mark.parametrize("workers", ["1", "2"])
def test_corpus_jsonl_grouped_by_outlet(tmp_path: Path, workers: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in _records()) + "\nnot json\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "compare",
            "--corpus",
            str(corpus),
            "--group-by",
            "outlet",
            "--format",
            "json",
            "--workers",
            workers,
        ],
    )
    assert result.exit_code == 4  # two bad records, reported, the rest compared
    assert "record 18: no text in column 'text'" in result.stderr
    assert "not valid JSON" in result.stderr
    report = json.loads(result.stdout)
    assert {s["name"] for s in report["sources"]} == {"northern-courier", "river-daily", "frontier-post"}
    government = next(a for a in report["actors"] if a["name"] == "Syrian government")
    assert set(government["by_source"]) == {"river-daily", "frontier-post"}


def test_corpus_csv_and_workers_agree(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    with corpus.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["outlet", "title", "text"])
        writer.writeheader()
        writer.writerows(r for r in _records() if r["text"])
    outputs = [
        runner.invoke(
            app,
            ["compare", "--corpus", str(corpus), "--group-by", "outlet", "--format", "json", "--workers", w],
        ).stdout
        for w in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    report = json.loads(outputs[0])
    frontier = next(s for s in report["sources"] if s["name"] == "frontier-post")
    assert frontier["documents"] == 5  # its headline and four paragraphs


def test_corpus_folder_grouped_by_subfolder(tmp_path: Path) -> None:
    for outlet, path in (("a", COURIER), ("b", RIVER)):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "story.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(
        app, ["compare", "--corpus", str(tmp_path), "--group-by", "folder", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert [s["name"] for s in json.loads(result.stdout)["sources"]] == ["a", "b"]


def test_corpus_with_unknown_text_column(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"body": "The regime fell.", "outlet": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["compare", "--corpus", str(corpus), "--group-by", "outlet"])
    assert result.exit_code == 4
    assert "no text in column 'text' (columns: body, outlet)" in result.stderr


# --- statistics ----------------------------------------------------------------------------------


def test_log_odds_finds_the_distinctive_word() -> None:
    a = Counter({"regime": 12, "town": 10, "said": 10, "forces": 8})
    b = Counter({"government": 12, "town": 10, "said": 10, "forces": 8})
    words = [w for w, _, _ in log_odds(a, b, a + b)]
    assert words[0] == "regime" and "government" not in words and "town" not in words
    assert log_odds(a, a, a + a) == []


def test_bootstrap_interval_is_deterministic_and_holds_the_mean() -> None:
    values = [-0.4, -0.2, -0.1, 0.0, 0.1, -0.3, -0.25]
    low, high = bootstrap_ci(values) or (0, 0)
    assert low <= sum(values) / len(values) <= high
    assert bootstrap_ci(values) == (low, high)
    assert bootstrap_ci([0.5]) is None


# --- the seed against the project's own rewrite ---------------------------------------------------------


def test_seed_against_rewrite_aligns_the_three_actors(lexicon: Lexicon) -> None:
    if not SEED.is_file():
        pytest.skip("the seed article is in ../shared/seeds")
    comparison = compare(
        [profile(SEED, lexicon, "seed"), profile(ROOT / "examples" / "hatra-rewrite.txt", lexicon, "rewrite")]
    )
    for name, seed_name, rewrite_name in (
        ("Syrian government", "Assad regime", "Syrian government forces"),
        ("Islamic State", "ISIS", "Islamic State"),
        ("Popular Mobilisation", "Popular Mobilisation", "PMF"),
    ):
        seed_cell, rewrite_cell = row(comparison, name).cells
        assert seed_cell and rewrite_cell
        assert seed_name in dict(seed_cell.names) and rewrite_name in dict(rewrite_cell.names)
    said = " ".join(sentences(comparison))
    assert 'Syrian government is called "regime" by seed once; rewrite never does' in said
    assert 'Islamic State is called "militants" by seed 5 times; rewrite never does' in said


def test_log_odds_with_a_single_word_type_is_empty() -> None:
    assert log_odds(Counter({"regime": 3}), Counter({"regime": 2}), Counter({"regime": 5})) == []


# --- merging profiles ----------------------------------------------------------------------------


def _snapshot(p: SourceProfile) -> str:
    return repr(p)


def test_merge_leaves_the_merged_profiles_unchanged(lexicon: Lexicon) -> None:
    b, c = profile(COURIER, lexicon, "x"), profile(RIVER, lexicon, "x")
    before_b, before_c = _snapshot(b), _snapshot(c)
    shared = set(b.actors) & set(c.actors)
    assert shared  # the aliasing shows only for an actor both profiles have
    x = SourceProfile("x").merge(b).merge(c)
    assert _snapshot(b) == before_b and _snapshot(c) == before_c
    for key in shared:
        assert b.actors[key].documents == 1 and x.actors[key].documents == 2
    x.actors[next(iter(shared))].names["changed"] += 1  # the merged profile shares no tallies either
    assert _snapshot(b) == before_b and _snapshot(c) == before_c


def test_merge_is_associative_so_a_tree_reduction_equals_a_fold(lexicon: Lexicon) -> None:
    # Every sentence of the examples a document: many small float contributions to add up.
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    sentences = [s for text in texts for s in text.replace("\n", " ").split(". ") if s.strip()]
    parts = [SourceProfile("x").add(analyze(s, lexicon=lexicon), lexicon) for s in sentences]
    assert len(parts) > 25

    def fresh() -> list[SourceProfile]:
        return [SourceProfile("x").merge(p) for p in parts]

    folded = SourceProfile("x")
    for part in fresh():
        folded.merge(part)
    level = fresh()
    while len(level) > 1:  # merge neighbours, level by level
        level = [level[i].merge(level[i + 1]) for i in range(0, len(level) - 1, 2)] + level[
            len(level) - len(level) % 2 :
        ]
    assert repr(level[0]) == repr(folded)
    right = fresh()  # from the right: every sum is taken in another order
    while len(right) > 1:
        last = right.pop()
        right[-1].merge(last)
    assert repr(right[0]) == repr(folded)
