"""The bad-input matrix (issue 14): each case is built in a temporary folder and run through the real
entry point, `framing.cli.main`; each asserts the exit code, one `error:` line, no traceback, the good
files' results and the files on disk afterwards. Permission cases need a non-root user and are skipped
as root. FIFO, pipe, full-disk and signal cases run `framing` in a subprocess so a regression fails
with a timeout instead of hanging the suite.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from framing.cli import main
from framing.inputs import html_to_text
from framing.text import MAX_SENTENCE, split_sentences

from .conftest import EXAMPLE

ARTICLE = "The regime shelled the town. Militants retreated, the minister said.\n"
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
needs_non_root = pytest.mark.skipif(ROOT_USER,
                                    reason="root reads and writes whatever the permission bits say")
FRAMING = [sys.executable, "-c", "from framing.cli import main; main()"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `framing ARGS` in this process through `main`; (exit code, stdout, stderr)."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    argv = sys.argv
    sys.argv = ["framing", *args]
    try:
        main()
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    finally:
        sys.argv = argv
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    out, err = capsys.readouterr()
    return code, out, err


def one_error(err: str, *needles: str) -> None:
    """Exactly one line on stderr, an `error:` line naming the problem; never a traceback."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def findings(out: str) -> list[str]:
    return [f["text"] for d in json.loads(out)["documents"] for f in d["findings"]]


# --- inputs that cannot be read: one line each, exit 4 --------------------------------------------------

def _pdf(tmp: Path) -> str:
    (tmp / "story.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    return str(tmp / "story.pdf")


def _docx(tmp: Path) -> str:
    (tmp / "story.docx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(50))
    return str(tmp / "story.docx")


def _long_name(tmp: Path) -> str:
    return str(tmp / ("a" * 300 + ".txt"))


def _loop(tmp: Path) -> str:
    (tmp / "loop.txt").symlink_to(tmp / "loop.txt")
    return str(tmp / "loop.txt")


def _folder_named_txt(tmp: Path) -> str:
    (tmp / "notes.txt").mkdir()
    return str(tmp / "notes.txt")


UNREADABLE = {
    "missing": (lambda tmp: str(tmp / "nope.txt"), ["nope.txt: no such file"]),
    "url": (lambda tmp: "https://example.com/news/story", ["framing reads files; save the page (Ctrl+S)"]),
    "pdf": (_pdf, ["a PDF", "pdftotext"]),
    "office document": (_docx, [".docx", "plain text"]),
    "character device": (lambda tmp: "/dev/zero", ["/dev/zero: is a character device"]),
    "name too long": (_long_name, ["File name too long"]),
    "symlink loop": (_loop, ["loop.txt: cannot be read", "symbolic links"]),
    "empty folder named .txt": (_folder_named_txt, ["holds no .txt, .md or .html files"]),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_input_is_one_line_and_the_good_file_is_still_reported(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, needles = UNREADABLE[case]
    bad = make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    code, out, err = cli(capsys, "analyze", bad, str(good), "--format", "json", "--no-actors")
    assert code == 4
    one_error(err, *needles)
    assert findings(out) == ["regime", "Militants"]


@needs_non_root
def test_unreadable_file_and_subfolder_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").chmod(0)
    try:
        code, out, err = cli(capsys, "analyze", str(tmp_path), "--format", "json", "--no-actors")
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert code == 4
    assert "secret.txt: permission denied" in err and "locked: folder permission denied" in err
    assert findings(out) == ["regime", "Militants"]


# --- encodings ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                   "utf-32-be"])
def test_byte_order_marks_are_read_as_what_they_say(codec: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = ARTICLE.encode(codec)
    if not codec.endswith(("sig", "16", "32")):  # the explicit-endian codecs write no mark: add it
        data = "\ufeff".encode(codec) + data
    (tmp_path / "bom.txt").write_bytes(data)
    code, out, err = cli(capsys, "analyze", str(tmp_path / "bom.txt"), "--format", "json", "--no-actors")
    assert (code, err) == (0, "")
    document = json.loads(out)["documents"][0]
    assert [(f["text"], f["start"]) for f in document["findings"]] == [("regime", 4), ("Militants", 29)]


def test_zero_width_characters_do_not_hide_a_word_and_offsets_stay_in_the_original(capsys) -> None:
    from framing import analyze

    text = "The mili\u200dtants and the re\u200bgime\u00ad left."
    found = [(f.text, f.start, f.end) for f in analyze(text, actors=False).findings]
    assert found == [("mili\u200dtants", 4, 14), ("re\u200bgime", 23, 30)]


# --- limits --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "1e300"])
def test_max_mb_must_be_positive_and_finite(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "analyze", str(EXAMPLE), f"--max-mb={value}")
    assert code == 2 and out == "" and "Traceback" not in err
    assert "must be a positive number of megabytes" in err


def test_pathological_sentence_is_split_at_the_documented_length() -> None:
    text = ("word " * 400_000).strip()  # 2 MB with no punctuation
    spans = split_sentences(text)
    assert max(e - s for s, e in spans) <= MAX_SENTENCE
    assert sum(len(text[s:e].replace(" ", "")) for s, e in spans) == len(text.replace(" ", ""))
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)
    unbroken = "x" * (3 * MAX_SENTENCE)
    assert split_sentences(unbroken) == ((0, MAX_SENTENCE), (MAX_SENTENCE, 2 * MAX_SENTENCE),
                                         (2 * MAX_SENTENCE, 3 * MAX_SENTENCE))


def test_deeply_nested_html_is_read_without_recursion(tmp_path: Path, capsys) -> None:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "<p>The regime fell.</p>" + "</div>" * depth + "</body></html>"
    assert html_to_text(page) == "The regime fell.\n"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    code, out, _err = cli(capsys, "analyze", str(tmp_path / "deep.html"), "--format", "json", "--no-actors")
    assert code == 0 and findings(out) == ["regime"]


# --- lexicon and actors files ---------------------------------------------------------------------------

def _lexicon_dir(tmp: Path, name: str, content: str | None) -> Path:
    folder = tmp / "lex"
    folder.mkdir()
    if content is None:
        (folder / name).mkdir()
    else:
        (folder / name).write_text(content, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("x.toml", None, "x.toml:1: is a folder, not a lexicon file"),
    ("deep.toml", "a = " + "[" * 50_000 + "]" * 50_000, "deep.toml:1: TOML nested too deeply"),
    ("bad.toml", "[lexicon\n", "bad.toml:1: TOML syntax error"),
])
def test_broken_lexicon_files_are_problems_with_lines(name: str, content: str | None, needle: str,
                                                      tmp_path: Path, capsys) -> None:
    folder = _lexicon_dir(tmp_path, name, content)
    code, out, err = cli(capsys, "analyze", str(EXAMPLE), "--lexicon", str(folder))
    assert code == 3 and out == "" and "Traceback" not in err
    assert needle in err


@pytest.mark.parametrize(("content", "needle"), [
    ('actor = "abc"\n', "actors.toml:1: 'actor' must be [[actor]] tables (got str)"),
    ("actor = [1, 2]\n", "actors.toml:1: 'actor' must be [[actor]] tables (got list)"),
    ("ignore = 5\n", "actors.toml:1: ignore must be a list of names"),
    ("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", "actors.toml:1: TOML nested too deeply"),
])
def test_actors_files_with_wrong_types_are_problems_with_lines(content: str, needle: str, tmp_path: Path,
                                                               capsys) -> None:
    (tmp_path / "actors.toml").write_text(content, encoding="utf-8")
    code, out, err = cli(capsys, "analyze", str(EXAMPLE), "--actors", str(tmp_path / "actors.toml"))
    assert code == 3 and out == "" and "Traceback" not in err
    assert needle in err


class Blocked(BaseException):
    """Raised by the watchdog: something opened a FIFO and waited for a writer."""


@pytest.mark.parametrize("where", ["input", "--lexicon", "--actors", "--corpus"])
def test_a_fifo_is_never_opened(where: str, tmp_path: Path, capsys) -> None:
    fifo = tmp_path / ("pipe.toml" if where in ("--lexicon", "--actors") else "pipe.jsonl")
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    args = {"input": ["analyze", str(fifo), str(good)],
            "--lexicon": ["analyze", str(good), "--lexicon", str(tmp_path)],
            "--actors": ["analyze", str(good), "--actors", str(fifo)],
            "--corpus": ["compare", "--corpus", str(fifo), "--group-by", "outlet"]}[where]

    def blocked(signum: int, frame: object) -> None:
        raise Blocked

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(30)  # a regression fails here instead of hanging the suite
    try:
        code, _out, err = cli(capsys, *args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "is a FIFO (named pipe), not a regular file" in err and "Traceback" not in err
    assert code == (3 if where in ("--lexicon", "--actors") else 4)


# --- writes that cannot lose data -------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["analyze", "compare"])
def test_output_that_is_an_input_is_refused_before_any_work(command: str, tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(article)
    for output in (article, link):
        code, _out, err = cli(capsys, command, str(article), str(other), "-o", str(output))
        assert code == 2 and "would overwrite the input" in err and "Traceback" not in err
        assert article.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize(("output", "needle"), [
    ("missing/report.json", "does not exist"),
    ("/proc/framing-report.json", "cannot be written"),
    ("/dev/full", "No space left on device"),
])
def test_unwritable_output_is_one_line_exit_4(output: str, needle: str, tmp_path: Path, capsys) -> None:
    target = output if output.startswith("/") else str(tmp_path / output)
    code, _out, err = cli(capsys, "analyze", str(EXAMPLE), "--no-actors", "--format", "json", "-o", target)
    assert code == 4
    one_error(err, needle)
    assert not (tmp_path / "missing").exists()


def test_a_failed_write_leaves_the_old_report_intact(tmp_path: Path, capsys, monkeypatch) -> None:
    import framing.outputs

    report = tmp_path / "report.json"
    report.write_text("the old report\n", encoding="utf-8")
    report.chmod(0o640)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(framing.outputs.os, "fsync", disk_full)
    code, _, err = cli(capsys, "analyze", str(EXAMPLE), "--no-actors", "--format", "json", "-o", str(report))
    assert code == 4
    one_error(err, "report.json: cannot be written (No space left on device); the old file is unchanged")
    assert report.read_text(encoding="utf-8") == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left
    monkeypatch.undo()
    code, _out, err = cli(capsys, "analyze", str(EXAMPLE), "--no-actors", "--format", "json",
                          "-o", str(report))
    assert code == 0 and json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert report.stat().st_mode & 0o777 == 0o640  # the old file's permissions are kept


def test_a_report_written_in_chunks_appears_whole_or_not_at_all(tmp_path: Path, capsys) -> None:
    """Streamed JSON and JSONL take the same path: chunks go to a temporary file that replaces the report
    only when complete; an error while producing them leaves the old report and no temporary file."""
    from framing.outputs import write_report

    report = tmp_path / "report.jsonl"
    report.write_text("the old report\n", encoding="utf-8")

    def chunks(fail: bool) -> Iterator[str]:
        yield '{"n": 1}\n'
        if fail:
            raise ValueError("analysis broke")
        yield '{"n": "\udcff"}\n'

    with pytest.raises(ValueError, match="analysis broke"):
        write_report(chunks(fail=True), report)
    assert report.read_text(encoding="utf-8") == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.jsonl"]
    write_report(chunks(fail=False), report)
    assert report.read_bytes() == b'{"n": 1}\n{"n": "\\udcff"}\n'
    write_report(chunks(fail=False), None)  # standard output: each chunk written and flushed
    assert capsys.readouterr().out == '{"n": 1}\n{"n": "\\udcff"}\n'


@needs_non_root
def test_read_only_folder_is_refused_before_any_work(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    code, _out, err = cli(capsys, "analyze", str(EXAMPLE), "-o", str(folder / "r.txt"))
    folder.chmod(0o755)
    assert code == 4
    one_error(err, "is not writable")


def test_a_closed_pipe_is_quiet_and_a_full_stdout_is_an_error(tmp_path: Path) -> None:
    reader = subprocess.Popen([*FRAMING, "analyze", str(EXAMPLE), "--no-actors"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # like `| head` that has already gone
    assert reader.wait(timeout=120) == 0
    assert reader.stderr.read() == b""
    reader.stderr.close()
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*FRAMING, "analyze", str(EXAMPLE), "--no-actors"], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 4
    one_error(result.stderr, "standard output: cannot be written (No space left on device)")


def test_undecodable_file_name_is_written_as_an_escape(tmp_path: Path, capsys) -> None:
    name = tmp_path / os.fsdecode(b"caf\xff.txt")
    name.write_text(ARTICLE, encoding="utf-8")
    code, _, _ = cli(capsys, "analyze", str(name), "--no-actors", "-o", str(tmp_path / "r.md"), "--format",
                     "markdown")
    assert code == 0
    assert "caf\\\\udcff.txt" in (tmp_path / "r.md").read_text(encoding="utf-8")  # Markdown-escaped backslash
    code, out, _err = cli(capsys, "analyze", str(name), "--no-actors")
    assert code == 0 and "caf\\udcff.txt:1:5" in out


# --- the top-level handler ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("raised", "code", "needle"), [
    (OSError(errno.EIO, "Input/output error", "/mnt/disk/x"), 4, "error: /mnt/disk/x: Input/output error"),
    (ValueError("surprise"), 5, "internal error (ValueError: surprise); this is a bug in framing"),
])
def test_anything_left_is_one_line_with_a_documented_code(raised: Exception, code: int, needle: str,
                                                          capsys, monkeypatch) -> None:
    import framing.analysis

    def boom(*args: object, **kwargs: object) -> None:
        raise raised

    monkeypatch.setattr(framing.analysis, "analyze", boom)
    exit_code, _out, err = cli(capsys, "analyze", str(EXAMPLE))
    assert exit_code == code
    one_error(err, needle)


# --- corpora ------------------------------------------------------------------------------------------------

def _corpus(tmp: Path, lines: list[bytes], name: str = "c.jsonl") -> str:
    (tmp / name).write_bytes(b"".join(lines))
    return str(tmp / name)


def _row(outlet: str, text: str) -> bytes:
    return (json.dumps({"outlet": outlet, "text": text}, ensure_ascii=False) + "\n").encode("utf-8")


def _documents(out: str) -> dict[str, int]:
    return {s["name"]: s["documents"] for s in json.loads(out)["sources"]}


def test_one_bad_line_costs_one_record_and_is_named(tmp_path: Path, capsys) -> None:
    lines = [b"\xef\xbb\xbf" + _row("a", ARTICLE), _row("a", "Rebels fled."),
             '{"outlet": "b", "text": "The caf\u00e9 regime fell."}\n'.encode("cp1252"), _row("b", ARTICLE),
             _row("b", "x" * 3000)]
    corpus = _corpus(tmp_path, lines)
    code, out, err = cli(capsys, "compare", "--corpus", corpus, "--group-by", "outlet", "--format", "json",
                         "--workers", "1", "--max-mb", "0.002")
    assert code == 4 and "Traceback" not in err
    assert "record 5: over the --max-mb limit" in err
    assert "line 3 is not UTF-8 and were read as Windows-1252" in err
    assert _documents(out) == {"a": 2, "b": 2}  # the BOM line counts; the cp1252 line is read


def test_lone_surrogates_and_formulas_in_corpus_fields(tmp_path: Path, capsys) -> None:
    lines = [b'{"outlet": "=cmd|\\udcff", "text": "The regime \\udcff shelled the town."}\n',
             _row("b", ARTICLE)]
    corpus = _corpus(tmp_path, lines)
    code, out, err = cli(capsys, "compare", "--corpus", corpus, "--group-by", "outlet", "--format", "csv",
                         "--workers", "1")
    assert code == 0, err
    sources = {row.split(",")[1] for row in out.splitlines()[1:]}
    assert sources == {"'=cmd|\\udcff", "b"}  # neutralised, and the surrogate written as an escape


def test_identical_records_are_counted_once_and_reported(tmp_path: Path, capsys) -> None:
    corpus = _corpus(tmp_path, [_row("a", ARTICLE)] * 3 + [_row("b", ARTICLE), _row("b", "Rebels fled.")])
    code, out, err = cli(capsys, "compare", "--corpus", corpus, "--group-by", "outlet", "--format", "json",
                         "--workers", "1")
    assert code == 0
    assert "warning: 2 records repeat an earlier record of the same source word for word and were counted " \
           "once (records 2, 3)" in err
    assert _documents(out) == {"a": 1, "b": 2}


@pytest.mark.parametrize("group_by", [None, "source"])
def test_group_by_missing_or_wrong_is_one_error_listing_the_fields(group_by: str | None, tmp_path: Path,
                                                                   capsys) -> None:
    corpus = _corpus(tmp_path, [_row("a", ARTICLE), _row("b", ARTICLE)])
    code, out, err = cli(capsys, "compare", "--corpus", corpus,
                         *(["--group-by", group_by] if group_by else []))
    assert code == 2 and out == "" and "Traceback" not in err
    assert "fields: outlet, text" in err and err.count("fields:") == 1


def test_utf16_corpus_is_one_line(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c.csv"
    corpus.write_text("outlet,text\na,The regime fell.\n", encoding="utf-16")
    code, _out, err = cli(capsys, "compare", "--corpus", str(corpus), "--group-by", "outlet")
    assert code == 4
    one_error(err, "corpus is UTF-16 or UTF-32; save it as UTF-8")


def test_a_folder_run_skips_framing_reports_and_says_so(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for fmt, suffix in (("markdown", "md"), ("html", "html")):
        code, _, _ = cli(capsys, "analyze", str(tmp_path / "a.txt"), "--format", fmt, "-o",
                         str(tmp_path / f"report.{suffix}"))
        assert code == 0
    code, out, err = cli(capsys, "analyze", str(tmp_path), "--format", "json", "--no-actors")
    assert code == 0
    assert [Path(d["source"]).name for d in json.loads(out)["documents"]] == ["a.txt"]
    assert "skipped" in err and "report.md: a framing report" in err
    assert "report.html: a framing report" in err


def test_escape_sequences_in_names_and_lexicon_text_are_shown_not_run(tiny_dir: Path, tmp_path: Path,
                                                                      capsys) -> None:
    entries = tiny_dir / "tiny.toml"
    # an OSC 8 hyperlink, TOML-escaped
    osc = r"\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ "
    original = entries.read_text(encoding="utf-8")
    entries.write_text(original.replace('explanation = "Test entry that calls',
                                        f'explanation = "{osc}Test entry that calls'),
                       encoding="utf-8")
    code, out, err = cli(capsys, "lexicon", "show", "tiny/regime", "--no-builtin", "--lexicon", str(tiny_dir))
    assert code == 0, err
    assert "\x1b" not in out and "\\x1b]8;;https://evil.example/" in out
    missing = tmp_path / "clear\x1b[2J\nfake.txt"
    code, out, err = cli(capsys, "analyze", str(missing))
    assert code == 4
    one_error(err, "clear\\x1b[2J\\nfake.txt: no such file")


# --- interrupts ---------------------------------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    out = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            out.add(int(status.parent.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to find worker processes")
@pytest.mark.parametrize(("signum", "code", "line"), [(signal.SIGINT, 130, "error: interrupted"),
                                                      (signal.SIGTERM, 143, "error: terminated")])
def test_interrupt_ends_a_corpus_run_with_one_line_and_no_orphans(signum: int, code: int, line: str,
                                                                  tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, [_row(f"o{i % 3}", f"{ARTICLE} Story {i}.") for i in range(20_000)])
    output = tmp_path / "report.json"
    process = subprocess.Popen([*FRAMING, "compare", "--corpus", corpus, "--group-by", "outlet",
                                "--workers", "2", "-o", str(output)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(workers := _children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) >= 2, "the worker pool never started"
    # Ctrl-C goes to the process group
    os.killpg(process.pid, signum) if signum == signal.SIGINT else process.send_signal(signum)
    out, err = process.communicate(timeout=60)  # ends (no hang); how fast is measured, not asserted
    assert process.returncode == code
    assert err.decode().strip() == line  # one line, no worker traceback, no "Process ForkPoolWorker-N:"
    assert out == b"" and not output.exists() and list(tmp_path.glob(".report.json.*")) == []
    time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
                   for pid in workers)
