"""The command line: formats, exit codes, bad input (one line on stderr, the others still reported)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app

from .conftest import EXAMPLE

runner = CliRunner()


def run(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_help_lists_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "analyze" in result.stdout and "lexicon" in result.stdout and "Exit codes" in result.stdout


def test_analyze_example_terminal_report() -> None:
    result = run("analyze", str(EXAMPLE))
    assert result.exit_code == 0
    assert f"{EXAMPLE}:5:" in result.stdout  # linter-style path:line:col
    assert "\x1b[" not in result.stdout  # no colour codes when not a terminal
    assert result.stderr == ""


def test_json_report_schema() -> None:
    result = run("analyze", str(EXAMPLE), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1
    (document,) = report["documents"]
    assert document["source"] == str(EXAMPLE)
    text = EXAMPLE.read_text(encoding="utf-8")
    required = {"start", "end", "text", "entry", "category", "connotation", "strength", "alternatives",
                "explanation", "sources", "sentence", "in_quote"}
    assert document["findings"]
    for finding in document["findings"]:
        assert required <= set(finding)
        assert text[finding["start"] : finding["end"]] == finding["text"]
    assert document["summary"]["by_category"]
    assert all("per_1k_words" in c for c in document["summary"]["by_category"].values())


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = run("analyze", str(EXAMPLE), "--format", "markdown", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# Framing report")


def test_stdin() -> None:
    result = run("analyze", "-", "--format", "json", stdin="The regime fell.")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents"][0]["findings"][0]["text"] == "regime"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
        ("blank.html", b"<html><body><script>var regime = 1;</script></body></html>", "no visible text"),
    ],
)
def test_bad_input_is_one_line_and_others_still_reported(tmp_path: Path, name: str, content: bytes,
                                                         message: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run("analyze", str(bad), str(EXAMPLE), "--format", "json")
    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in result.stderr
    assert [d["source"] for d in json.loads(result.stdout)["documents"]] == [str(EXAMPLE)]


def test_missing_file(tmp_path: Path) -> None:
    result = run("analyze", str(tmp_path / "nope.txt"))
    assert result.exit_code == 4
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.txt'}: no such file"


def test_too_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("The regime fell. " * 1000, encoding="utf-8")
    result = run("analyze", str(big), "--max-mb", "0.001")
    assert result.exit_code == 4 and "over the limit" in result.stderr


def test_undecodable_bytes_fall_back_with_a_warning(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("The caf\u00e9 owner said the regime fell.".encode("cp1252"))
    result = run("analyze", str(latin), "--format", "json")
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "Windows-1252" in result.stderr
    document = json.loads(result.stdout)["documents"][0]
    assert "caf\u00e9" in document["findings"][0]["sentence_text"]


def test_directory_mixing_good_and_bad_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The regime fell.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.md").write_text("Militants retreated.", encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    result = run("analyze", str(tmp_path), "--format", "json")
    assert result.exit_code == 4
    errors, skipped = result.stderr.strip().splitlines()
    assert errors.startswith("error:") and "b.txt: empty file" in errors
    assert skipped.startswith("warning: skipped") and "skip.png: not .txt, .md or .html (.png)" in skipped
    assert [Path(d["source"]).name for d in json.loads(result.stdout)["documents"]] == ["a.txt", "c.md"]


def test_html_page_is_read_as_visible_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>x</title><script>regime()</script></head><body><nav>militants menu</nav>"
        "<article><h1>Story</h1><p>The regime &amp; its allies.</p></article></body></html>",
        encoding="utf-8",
    )
    result = run("analyze", str(page), "--format", "json")
    document = json.loads(result.stdout)["documents"][0]
    assert [f["text"] for f in document["findings"]] == ["regime"]
    assert "The regime & its allies." in document["findings"][0]["sentence_text"]


def test_hostile_text_is_escaped_in_html_and_literal_in_terminal(tmp_path: Path) -> None:
    hostile = tmp_path / 'evil "name" <b>.txt'
    hostile.write_text('<script>alert(1)</script> <img src=x onerror=alert(2)> [bold]the regime[/] [/]',
                       encoding="utf-8")
    html = run("analyze", str(hostile), "--format", "html").stdout
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;.txt" in html
    terminal = run("analyze", str(hostile))
    assert terminal.exit_code == 0
    assert "[bold]the regime[/] [/]" in terminal.stdout


def test_fail_on_gates_a_pipeline() -> None:
    assert run("analyze", str(EXAMPLE), "--fail-on", "2").exit_code == 1
    assert run("analyze", "-", "--fail-on", "1", stdin="Prices rose on Monday.").exit_code == 0


def test_filters(tmp_path: Path) -> None:
    only = json.loads(run("analyze", str(EXAMPLE), "-f", "json", "--category", "sponsorship").stdout)
    assert {f["category"] for f in only["documents"][0]["findings"]} == {"sponsorship"}
    strong = json.loads(run("analyze", str(EXAMPLE), "-f", "json", "--min-strength", "2").stdout)
    assert all(f["strength"] >= 2 for f in strong["documents"][0]["findings"])
    ignored = json.loads(
        run("analyze", str(EXAMPLE), "-f", "json", "--ignore", "labels-pejorative/regime").stdout
    )
    assert "labels-pejorative/regime" not in {f["entry"] for f in ignored["documents"][0]["findings"]}
    bad = run("analyze", str(EXAMPLE), "--category", "sponsorshp")
    assert bad.exit_code == 2 and "sponsorship" in bad.stderr


def test_invalid_user_lexicon_exits_3(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text("[lexicon]\nschema = 2\n", encoding="utf-8")
    result = run("analyze", str(EXAMPLE), "--lexicon", str(tmp_path))
    assert result.exit_code == 3
    assert "broken.toml:1:" in result.stderr and "Traceback" not in result.stderr


def test_lexicon_commands(tiny_dir: Path) -> None:
    assert run("lexicon", "validate", str(tiny_dir), "--no-builtin").stdout.startswith("ok: 8 entries")
    listing = run("lexicon", "list", "--category", "sponsorship").stdout
    assert "sponsorship/" in listing
    shown = run("lexicon", "show", "labels-pejorative/regime")
    assert shown.exit_code == 0 and "exercise regime" in shown.stdout and "Sources" not in shown.stderr
    unknown = run("lexicon", "show", "regim")
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr


def test_builtin_lexicon_validates_with_examples() -> None:
    result = run("lexicon", "validate")
    assert result.exit_code == 0, result.stderr


def test_user_actors_file_adds_aliases_and_ignores_names(tmp_path: Path) -> None:
    actors_file = tmp_path / "actors.toml"
    actors_file.write_text(
        'schema = 1\nignore = ["Hadar Brigades"]\n\n[[actor]]\nid = "northern-front"\nname = "Northern '
        'Front"\n'
        'type = "armed-group"\naliases = ["NF"]\n',
        encoding="utf-8",
    )
    text = "The NF shelled the town. The Hadar Brigades withdrew. The Northern Front then advanced."
    result = run("analyze", "-", "--format", "json", "--actors", str(actors_file), stdin=text)
    assert result.exit_code == 0, result.stderr
    actors = {a["canonical"] or a["name"]: a for a in json.loads(result.stdout)["documents"][0]["actors"]}
    assert {n["text"] for n in actors["Northern Front"]["aliases"]} == {"NF", "Northern Front"}
    assert "Hadar Brigades" not in actors


def test_invalid_actors_file_exits_3(tmp_path: Path) -> None:
    actors_file = tmp_path / "actors.toml"
    actors_file.write_text('[[actor]]\nid = "Bad Id"\nname = "X"\ntype = "army"\n', encoding="utf-8")
    result = run("analyze", str(EXAMPLE), "--actors", str(actors_file))
    assert result.exit_code == 3 and "kebab-case" in result.stderr


def test_json_actors_have_the_documented_fields() -> None:
    document = json.loads(run("analyze", str(EXAMPLE), "--format", "json").stdout)["documents"][0]
    assert document["actors"]
    for actor in document["actors"]:
        assert {
            "name",
            "aliases",
            "mentions",
            "labels",
            "roles",
            "quoted",
            "sentiment",
            "score",
            "components",
            "evidence",
        } <= set(actor)
        assert {"agent", "patient", "passive_agentless"} <= set(actor["roles"])


def test_no_actors_option() -> None:
    document = json.loads(run("analyze", str(EXAMPLE), "-f", "json", "--no-actors").stdout)["documents"][0]
    assert document["actors"] == [] and document["findings"]


HOSTILE = (
    "The regime said <script>alert(1)</script> | <img src=x onerror=alert(2)> [bold]militants[/] [/] `code`"
)


def test_hostile_text_in_markdown_is_inert(tmp_path: Path) -> None:
    result = run("analyze", "-", "--format", "markdown", stdin=HOSTILE)
    assert result.exit_code == 0
    assert "<script>" not in result.stdout and "<img" not in result.stdout


def test_hostile_lexicon_text_is_escaped_in_html(tmp_path: Path) -> None:
    directory = tmp_path / "house"
    directory.mkdir()
    (directory / "sources.toml").write_text(
        '[source.evil]\ncitation = "<script>alert(3)</script>"\n', encoding="utf-8"
    )
    (directory / "house.toml").write_text(
        '[lexicon]\nschema = 1\ncategory = "house"\ntitle = "<b>House</b>"\ndescription = "<i>d</i>"\n'
        'kind = "loaded"\n\n[[entry]]\nid = "quisling"\nterm = "quisling"\nconnotation = '
        '"negative"\nstrength = 2\n'
        'alternatives = ["<img src=x onerror=alert(4)>"]\nexplanation = "An <script>alert(5)</script> '
        'explanation."\n'
        'sources = ["evil"]\nexamples.flag = ["A quisling."]\nexamples.pass = ["A man."]\n',
        encoding="utf-8",
    )
    result = run("analyze", "-", "--format", "html", "--lexicon", str(directory), stdin="A quisling spoke.")
    assert result.exit_code == 0, result.stderr
    assert (
        "<script>" not in result.stdout
        and "<img src=x" not in result.stdout
        and "<b>House" not in result.stdout
    )


def test_hostile_text_in_comparison_reports(tmp_path: Path) -> None:
    a, b = tmp_path / "[bold]a[red].txt", tmp_path / "<b>b<i>.txt"
    a.write_text(HOSTILE, encoding="utf-8")
    b.write_text("The government said the fighters left.", encoding="utf-8")
    terminal = run("compare", str(a), str(b))
    assert terminal.exit_code == 0 and "[bold]a[red].txt" in terminal.stdout
    for fmt in ("html", "markdown"):
        out = run("compare", str(a), str(b), "--format", fmt).stdout
        assert "<b>b<i>" not in out and "<script>" not in out


def test_train_then_analyze_with_the_model(tmp_path: Path) -> None:
    loaded = ["The brutal regime slaughtered protesters.", "Radical thugs rampaged through the town.",
              "The disgraceful mob smeared the judge.", "Vicious militants butchered villagers."]
    neutral = [
        "The council met on Tuesday.",
        "Officials opened the new bridge.",
        "The court adjourned until May.",
        "Rain is expected on Friday.",
    ]
    rows = [{"sentence": t, "label": "yes"} for t in loaded * 3] + [
        {"sentence": t, "label": "no"} for t in neutral * 3
    ]
    data = tmp_path / "train.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    model = tmp_path / "model.json"
    trained = run(
        "train", "--data", str(data), "--text-column", "sentence", "--positive", "yes", "--output", str(model)
    )
    assert trained.exit_code == 0, trained.stderr
    assert "trained on 24 sentences (12 loaded)" in trained.stdout
    report = json.loads(run("analyze", "-", "--model", str(model), "-f", "json",
                            stdin="The brutal regime slaughtered them. The council met.").stdout)
    scores = report["documents"][0]["sentence_model"]
    assert len(scores) == 2 and scores[0]["probability"] > scores[1]["probability"]
    assert scores[0]["reasons"]


def test_bad_model_file_exits_4(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    model.write_text('{"format": "something else"}', encoding="utf-8")
    result = run("analyze", str(EXAMPLE), "--model", str(model))
    assert result.exit_code == 4 and result.stderr.startswith("error: ")


def test_version() -> None:
    from framing import __version__

    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"framing {__version__}"


def test_jsonl_is_one_document_per_line_as_in_the_json_report(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("The regime's thugs fled.\n", encoding="utf-8")
    lines = run("analyze", str(EXAMPLE), str(other), "--format", "jsonl").stdout.splitlines()
    report = json.loads(run("analyze", str(EXAMPLE), str(other), "--format", "json").stdout)
    assert len(lines) == 2
    for line, document in zip(lines, report["documents"], strict=True):
        parsed = json.loads(line)
        assert parsed.pop("schema_version") == report["schema_version"]
        assert parsed.pop("framing_version") == report["framing_version"]
        assert parsed == document


def test_json_is_compact_in_files_and_pipes_unless_pretty(tmp_path: Path) -> None:
    compact = run("analyze", str(EXAMPLE), "--format", "json").stdout
    pretty = run("analyze", str(EXAMPLE), "--format", "json", "--pretty").stdout
    target = tmp_path / "report.json"
    assert run("analyze", str(EXAMPLE), "--format", "json", "--output", str(target)).exit_code == 0
    assert compact.count("\n") == 1 and pretty.count("\n") > 100
    assert json.loads(compact) == json.loads(pretty) == json.loads(target.read_text(encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == compact
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no partial file left behind


def test_fail_on_and_unreadable_inputs_while_streaming(tmp_path: Path) -> None:
    result = run(
        "analyze", str(tmp_path / "missing.txt"), str(EXAMPLE), "--format", "jsonl", "--fail-on", "1"
    )
    assert result.exit_code == 4  # unreadable input outranks findings, as for the other formats
    assert len(result.stdout.splitlines()) == 1
    assert run("analyze", str(EXAMPLE), "--format", "jsonl", "--fail-on", "1").exit_code == 1
