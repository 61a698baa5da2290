"""Report views and wording (issue 11): pure renderers and the pipeline's neutral rewrite, comparison
wording and counts, --top, blind mode with a seed and a key, distinctive words above the threshold,
help texts that name only real options."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing import Lexicon, analyze
from framing.cli import app
from framing.compare import SourceProfile, compare
from framing.compare.core import DISTINCTIVE_Z, _score_contrast
from framing.coursework import named_count, neutral_rewrite, questions, rewrite_text
from framing.render import render

from .conftest import EXAMPLE, ROOT

runner = CliRunner()
OUTLETS = sorted((ROOT / "examples" / "outlets").glob("*.txt"))


@pytest.fixture(scope="module")
def example(lexicon: Lexicon):
    return analyze(EXAMPLE.read_text(encoding="utf-8"), source=EXAMPLE.name, lexicon=lexicon)


# --- the neutral rewrite: computed by the pipeline, shown as text --------------------------------------

def test_rewrite_text_marks_each_swap_in_the_rewritten_text(example) -> None:
    rewrite = rewrite_text(example)
    assert rewrite.swaps and rewrite.changes is None
    for swap in rewrite.swaps:
        assert rewrite.text[swap.start:swap.end] == swap.new
        assert not swap.finding.in_quote
    # everything between swaps is the original text, unchanged
    original, last, rebuilt = example.text, 0, []
    for swap in rewrite.swaps:
        rebuilt.append(original[last:swap.finding.start] + swap.new)
        last = swap.finding.end
    assert "".join(rebuilt) + original[last:] == rewrite.text


@pytest.mark.parametrize("fmt", ["html", "markdown", "terminal", "json"])
def test_renderers_never_analyse(
    example, lexicon: Lexicon, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import framing.analysis

    def forbidden(*args, **kwargs):
        raise AssertionError("a renderer called analyze")

    monkeypatch.setattr(framing.analysis, "analyze", forbidden)
    assert render([example], lexicon, fmt)


def test_rewrite_scores_use_the_users_options(tmp_path: Path, lexicon: Lexicon) -> None:
    """The CLI re-scores the rewrite with --sentiment and --ignore, so 'after' matches what the same
    settings give on the rewritten text."""
    from framing.actors import load_actor_data

    args = [
        "analyze",
        str(EXAMPLE),
        "--format",
        "markdown",
        "--sentiment",
        "textblob",
        "--ignore",
        "labels-pejorative/militants",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    options = {
        "lexicon": lexicon,
        "actor_data": load_actor_data(),
        "actors": True,
        "ignore": ("labels-pejorative/militants",),
        "learned_sentiment": False,
    }
    analysis = analyze(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE), **options)
    expected = neutral_rewrite(analysis, **options)
    assert expected.changes
    for change in expected.changes:
        after = "not found" if change.after is None else f"{change.after:+.2f}"
        assert f"| {change.actor} | {change.before:+.2f} | {after} |" in result.stdout
    default = neutral_rewrite(analysis, lexicon)  # the old renderers' default options differ
    assert [c.after for c in default.changes] != [c.after for c in expected.changes] or [
        c.before for c in default.changes
    ] != [c.before for c in expected.changes]


def test_rewritten_text_is_in_the_html_with_swaps_marked(example, lexicon: Lexicon) -> None:
    page = render([example], lexicon, "html")
    rewrite = rewrite_text(example)
    assert page.count("<ins>") == len(rewrite.swaps)
    first = rewrite.swaps[0]
    assert f'<ins>{first.new}</ins> <s class="was">{first.finding.text}</s>' in page


# --- wording and counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (-0.5, -0.1, "more negatively in a (-0.50) than in b (-0.10)"),
        (0.05, 0.57, "less positively in a (+0.05) than in b (+0.57)"),
        (-0.2, 0.3, "negatively in a (-0.20) and positively in b (+0.30)"),
    ],
)
def test_score_wording_follows_both_numbers(low: float, high: float, words: str) -> None:
    assert _score_contrast("a", low, "b", high).endswith(words)


def test_named_counts_agree_across_sections(example, lexicon: Lexicon) -> None:
    for actor in example.actors:
        assert named_count(actor) == sum(n.count for n in actor.names)
    for question in questions(example):
        match = re.match(r"(.+) is named (\d+) times", question)
        if match:
            actor = next(a for a in example.actors if a.name == match.group(1))
            assert int(match.group(2)) == sum(n.count for n in actor.names)
    profile = SourceProfile("x").add(example, lexicon)
    comparison = compare([profile, SourceProfile("y").add(example, lexicon)])
    for row in comparison.actors:
        for cell in row.cells:
            assert cell is not None and cell.mentions == sum(n for _, n in cell.names)


def test_plurals_and_footer(tmp_path: Path) -> None:
    terminal = runner.invoke(app, ["compare", *map(str, OUTLETS[:2])]).stdout
    assert "1 document," in terminal and "1 documents" not in terminal
    html = runner.invoke(app, ["compare", *map(str, OUTLETS[:2]), "--format", "html"]).stdout
    footer = html[html.index("<footer>") :]
    assert "; ." not in footer and "framing " in footer


def _options_in(help_text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", help_text))


@pytest.mark.parametrize("command", ["analyze", "compare", "eval", "train"])
def test_help_names_only_real_options(command: str) -> None:
    import typer

    group = typer.main.get_command(app)
    cmd = group.commands[command]  # type: ignore[attr-defined]
    real = {opt for p in cmd.params for opt in (*p.opts, *getattr(p, "secondary_opts", ()))}
    text = runner.invoke(app, [command, "--help"], terminal_width=200).stdout
    text = re.sub(r"'framing\s+analyze\s+--model'", "", text)  # train's pointer to another command's option
    assert _options_in(text) - real - {"--help"} == set()


# --- comparison views -----------------------------------------------------------------------------------


def test_top_limits_the_reading_views_not_the_data() -> None:
    args = ["compare", *map(str, OUTLETS)]
    full = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert len(full["actors"]) > 3
    csv_rows = list(
        csv.DictReader(io.StringIO(runner.invoke(app, [*args, "--format", "csv", "--top", "2"]).stdout))
    )
    assert {r["actor"] for r in csv_rows if r["actor"]} == {a["name"] for a in full["actors"]}
    markdown = runner.invoke(app, [*args, "--format", "markdown", "--top", "3"]).stdout
    scores = markdown[markdown.index("## Framing scores") : markdown.index("## Agency and voice")]
    assert len([line for line in scores.splitlines() if line.startswith("| ") and "actor" not in line]) == 3
    assert f"The 3 most prominent of {len(full['actors'])} actors" in markdown
    terminal = runner.invoke(app, [*args, "--top", "2"]).stdout
    names = [a["name"] for a in full["actors"]]
    shown = [n for n in names if re.search(rf"^{re.escape(n)}(  \(in|$)", terminal, re.MULTILINE)]
    assert shown == names[:2]
    assert "absent" not in terminal


def test_absent_cells_are_empty(tmp_path: Path) -> None:
    markdown = runner.invoke(app, ["compare", *map(str, OUTLETS), "--format", "markdown"]).stdout
    assert "—" not in markdown and "absent" not in markdown
    assert re.search(r"\|  \|", markdown)


def test_distinctive_words_are_above_the_threshold(lexicon: Lexicon) -> None:
    profiles = [
        SourceProfile(p.stem).add(analyze(p.read_text(encoding="utf-8"), lexicon=lexicon), lexicon)
        for p in OUTLETS
    ]
    default = compare(profiles)
    everything = compare(profiles, min_z=0.0)
    assert all(z > DISTINCTIVE_Z for s in default.summaries for _, z, _ in s.distinctive)
    assert sum(len(s.distinctive) for s in everything.summaries) > sum(
        len(s.distinctive) for s in default.summaries
    )
    markdown = runner.invoke(app, ["compare", *map(str, OUTLETS), "--format", "markdown"]).stdout
    assert f"z above {DISTINCTIVE_Z}" in markdown


# --- blind mode -----------------------------------------------------------------------------------------


def _blind(tmp_path: Path, seed: int, name: str = "key.txt") -> tuple[str, str]:
    key = tmp_path / name
    result = runner.invoke(
        app,
        [
            "compare",
            *map(str, OUTLETS),
            "--blind",
            "--seed",
            str(seed),
            "--key",
            str(key),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout, key.read_text(encoding="utf-8")


def test_blind_mode_shuffles_with_a_seed_and_writes_a_key(tmp_path: Path) -> None:
    keys = {}
    for seed in range(6):
        report, key = _blind(tmp_path, seed)
        assert [s["name"] for s in json.loads(report)["sources"]] == ["Source A", "Source B", "Source C"]
        assert all(p.stem not in report for p in OUTLETS)
        lines = key.splitlines()
        assert f"seed {seed}" in lines[0]
        assert sorted(line.split(": ", 1)[1] for line in lines[1:]) == sorted(p.name for p in OUTLETS)
        keys[seed] = lines[1:]
    assert len({tuple(v) for v in keys.values()}) > 1  # the order depends on the seed ...
    assert _blind(tmp_path, 3, "again.txt")[1].splitlines()[1:] == keys[3]  # ... and only on the seed


def test_seed_and_key_need_blind(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", *map(str, OUTLETS), "--key", str(tmp_path / "k.txt")])
    assert result.exit_code == 2


# --- progress -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("total", "expected"), [(3, "3/3 documents"), (None, "analysing: 3 documents")])
def test_progress_shows_a_total_when_known_and_a_count_otherwise(total: int | None, expected: str) -> None:
    from framing.cli import progress_bar
    from framing.render.safe import SafeConsole

    buffer = io.StringIO()
    console = SafeConsole(file=buffer, force_terminal=True, width=120, color_system=None)
    with progress_bar(True, total, console) as bar:
        task = bar.add_task("analysing", total=total)
        for _ in range(3):
            bar.advance(task)
        bar.refresh()
    assert expected in buffer.getvalue()
    if total:
        assert "left" in buffer.getvalue()


def test_no_progress_on_stderr_when_it_is_not_a_terminal() -> None:
    result = runner.invoke(app, ["compare", *map(str, OUTLETS)])
    assert result.exit_code == 0 and result.stderr == ""
    result = runner.invoke(app, ["analyze", *map(str, OUTLETS)])
    assert result.stderr == ""


def test_long_label_lists_are_cut_with_a_count() -> None:
    from framing.render.comparison import LABELS_SHOWN, _label_list

    labels = tuple((f"label{i}", 20 - i) for i in range(LABELS_SHOWN + 3))
    line = _label_list(labels)
    assert line.count(" x") == LABELS_SHOWN and line.endswith("; 3 more in the CSV and JSON output")
    assert _label_list(()) == "none"


def test_label_counts_reconcile_with_name_counts(lexicon: Lexicon) -> None:
    """A label counted more often than the same word appears as a name says why, and its count is the
    number of label findings of the actor (computed here a second way, from the analysis)."""
    from framing.render.comparison import _labels

    text = (
        "Islamic State militants attacked the town. The militants retreated. Later the militants "
        "returned, and Islamic State militants shelled the road."
    )
    analysis = analyze(text, lexicon=lexicon)
    comparison = compare(
        [SourceProfile("a").add(analysis, lexicon), SourceProfile("b").add(analysis, lexicon)]
    )
    for row in comparison.actors:
        actor = next(a for a in analysis.actors if a.id == row.key)
        cell = row.cells[0]
        assert cell is not None
        for words, key, _, n in cell.labels:
            assert n == sum(
                1
                for f in (*actor.labels, *actor.descriptors)
                if f.entry.key == key and f.text.replace("\u2019", "'") == words
            )
            alone = {name.lower(): c for name, c in cell.names}.get(words.lower(), 0)
            if 0 < alone < n:
                assert f'"{words}" x{n} ({alone} as a name, {n - alone} inside longer names' in _labels(cell)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_one_finding_one_word_in_the_singular(lexicon: Lexicon, fmt: str) -> None:
    report = render([analyze("Regime.", lexicon=lexicon, actors=False)], lexicon, fmt)
    assert "1 finding" in report and "1 word" in report
    assert not re.search(r"\b1 (findings|words)\b", report)


def test_plural_group_names_take_a_plural_verb() -> None:
    from framing.compare.core import _be

    assert _be("civilians") == "are"
    assert _be("Free Valley Army") == "is" and _be("militia") == "is" and _be("prisoners") == "are"


def test_blind_html_names_no_file_even_side_by_side(tmp_path: Path) -> None:
    key = tmp_path / "key.txt"
    result = runner.invoke(
        app, ["compare", *map(str, OUTLETS), "--blind", "--seed", "1", "--key", str(key), "--format", "html"]
    )
    assert result.exit_code == 0, result.stderr
    assert 'class="side"' in result.stdout and "Source C" in result.stdout
    assert all(p.stem not in result.stdout for p in OUTLETS)


def test_an_unwritable_key_is_one_error_line_and_no_report(tmp_path: Path) -> None:
    report = tmp_path / "class.html"
    result = runner.invoke(
        app,
        [
            "compare",
            *map(str, OUTLETS),
            "--blind",
            "--key",
            str(tmp_path / "no" / "key.txt"),
            "--format",
            "html",
            "-o",
            str(report),
        ],
    )
    assert result.exit_code == 4  # a file that cannot be written, as for --output
    assert (
        result.stderr.startswith("error: ")
        and "key.txt" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert not report.exists()
