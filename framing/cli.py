"""The `framing` command: thin wrappers that read input, call the library, render, and write.

Exit codes (also in `framing --help` and the README):
  0 ok; 1 findings at or above --fail-on; 2 usage error; 3 invalid lexicon; 4 some input unreadable
  (the readable files are still reported) or the report could not be written; 5 internal error;
  130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from framing.errors import FramingError, InputError, LexiconError, OutputError
from framing.inputs import DEFAULT_MAX_MB
from framing.render.safe import SafeConsole
from framing.render.safe import terminal as safe_terminal

if TYPE_CHECKING:
    from framing.compare.corpus import Settings
    from framing.compare.profile import SourceProfile
    from framing.inputs import Skipped
    from framing.model import Analysis


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    LEXICON = 3
    INPUT = 4
    INTERNAL = 5
    INTERRUPTED = 130
    TERMINATED = 143


class SentimentSource(StrEnum):
    MODEL = "model"
    TEXTBLOB = "textblob"


class EngineChoice(StrEnum):
    SPACY = "spacy"
    FAST = "fast"


EngineOption = Annotated[
    EngineChoice | None,
    typer.Option(
        "--engine",
        help="spacy: accurate (needs the framing[spacy] extra); fast: the pattern tagger. "
        "Default: spacy when installed, else fast (with a note).",
    ),
]


class Format(StrEnum):
    TERMINAL = "terminal"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    HTML = "html"


EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 findings at or above --fail-on; 2 usage error; 3 invalid lexicon; "
    "4 some input unreadable (the others are still reported) or the report not written; 5 internal error; "
    "130 interrupted; 143 terminated."
)

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="Shows how news text frames the people and groups it talks about. " + EXIT_CODES_HELP,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from framing import __version__

        typer.echo(f"framing {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Shows how news text frames the people and groups it talks about."""


lexicon_app = typer.Typer(no_args_is_help=True, help="Inspect and validate lexicons.", rich_markup_mode=None)
app.add_typer(lexicon_app, name="lexicon")

err_console = SafeConsole(stderr=True, highlight=False, soft_wrap=True)

LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="A lexicon directory that extends the built-in one (repeatable).",
                 file_okay=False),
]
AnnotatedOption = Annotated[
    bool,
    typer.Option(
        "--annotated",
        help="Also flag the words a model learned from news-bias annotators (BABE) would mark: a research "
        "layer, off by default because many of its findings on real articles are wrong (a quarter in the "
        "last hand-judged sample; docs/precision.md).",
    ),
]
NoBuiltinOption = Annotated[
    bool, typer.Option("--no-builtin", help="Use only the --lexicon directories, not the built-in lexicon.")
]


def _error(message: str) -> None:
    err_console.print(Text(safe_terminal(f"error: {message}", newlines=False)))


def _warn(message: str) -> None:
    err_console.print(Text(safe_terminal(f"warning: {message}", newlines=False)))


def _echo(line: str) -> None:
    """A line of output that may hold lexicon or user text: control characters made visible."""
    typer.echo(safe_terminal(line))


def _check_output(output: Path | None, *inputs: str | Path | None) -> None:
    """Before any work: -o must not be an input (exit 2) and its folder must be writable (exit 4)."""
    from framing.outputs import check_writable, output_clash

    if output is None:
        return
    clash = output_clash(output, inputs)
    if clash is not None:
        raise typer.BadParameter(f"the report would overwrite the input {clash}; choose another file",
                                 param_hint="'--output' / '-o'")
    try:
        check_writable(output)
    except OutputError as error:
        _error(str(error))
        raise typer.Exit(Exit.INPUT) from None


def _write(report: str | Iterable[str], output: Path | None) -> None:
    """A report goes to --output (temporary file, then rename), or to stdout (so `| jq` works); a report
    given as chunks is written as they are produced (streamed JSON and JSONL)."""
    from framing.outputs import BrokenPipe, write_report

    try:
        write_report(report, output)
    except BrokenPipe:
        raise typer.Exit(Exit.OK) from None
    except OutputError as error:
        _error(str(error))
        raise typer.Exit(Exit.INPUT) from None


def _max_mb(value: float) -> float:
    """--max-mb: a positive, finite number of megabytes, at most 100,000."""
    if not (math.isfinite(value) and 0 < value <= 100_000):
        raise typer.BadParameter(f"must be a positive number of megabytes up to 100000 (got {value:g})")
    return value


MaxMbOption = Annotated[
    float,
    typer.Option(help="Refuse files (and corpus records) larger than this many megabytes.", callback=_max_mb),
]


def _report_lexicon_error(error: LexiconError) -> None:
    for problem in error.problems:
        err_console.print(Text(safe_terminal(str(problem), newlines=False)))
    _error(str(error))


def _load(lexicon_dirs: list[Path] | None, no_builtin: bool, annotated: bool = False):
    """The lexicon for a command (with its learned layer when `annotated`); an invalid one lists its
    problems and exits with code 3."""
    from framing.lexicon import load_lexicon

    if no_builtin and not lexicon_dirs:
        raise typer.BadParameter("--no-builtin needs at least one --lexicon DIR")
    try:
        lexicon = load_lexicon(*(lexicon_dirs or ()), builtin=not no_builtin, layers=annotated)
    except LexiconError as error:
        _report_lexicon_error(error)
        raise typer.Exit(Exit.LEXICON) from None
    if lexicon.active_layer is not None:
        _check_layer_model(lexicon.active_layer.file)
    return lexicon


def _check_layer_model(file: str) -> None:
    """--annotated needs the word model that `framing train words` writes (it is not shipped: BABE's
    AGPL licence leaves open whether weights learned from it may go into an MIT package)."""
    from framing.annotated import load_model
    from framing.messages import NO_WORD_MODEL

    try:
        model = load_model(file)
    except InputError as error:
        _error(str(error))
        raise typer.Exit(Exit.INPUT) from None
    if model is None:
        _error(NO_WORD_MODEL.format(file=file))
        raise typer.Exit(Exit.INPUT)


def _engine(choice: EngineChoice | None):
    """The engine for a command: --engine, else spaCy where it loads, else the fast engine with a note; an
    engine asked for that cannot load is exit code 2 with the command that installs it."""
    from framing.engine import INSTALL_HINT, EngineUnavailable, get_engine, spacy_available

    if choice is None and not spacy_available():
        err_console.print(
            Text(f"note: using the fast engine; for the accurate spaCy engine run: {INSTALL_HINT}")
        )
        choice = EngineChoice.FAST
    try:
        return get_engine(choice.value if choice else "spacy")
    except EngineUnavailable as error:
        _error(str(error))
        raise typer.Exit(Exit.USAGE) from None


def _load_model(path: Path):
    """A sentence model file; an unreadable one is one line on stderr and exit code 4."""
    from framing.learn.sentence_model import SentenceModel

    try:
        return SentenceModel.load(path)
    except InputError as error:
        _error(str(error))
        raise typer.Exit(Exit.INPUT) from None


def _load_actors(actors_file: Path | None):
    """The actor word lists (with a user's actors file); invalid ones list their problems and exit 3."""
    from framing.actors import load_actor_data

    try:
        return load_actor_data(actors_file)
    except LexiconError as error:
        _report_lexicon_error(error)
        raise typer.Exit(Exit.LEXICON) from None


@app.command(help="Find loaded language in articles, explain each finding, and show how each actor is "
                  "framed. " + EXIT_CODES_HELP)
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or directories to read; '-' reads standard input.", metavar="PATH..."),
    ],
    output_format: Annotated[
        Format,
        typer.Option("--format", "-f", help="Report format (jsonl: one JSON object per document and line)."),
    ] = Format.TERMINAL,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here, not stdout.", dir_okay=False)
    ] = None,
    pretty: Annotated[
        bool | None,
        typer.Option(
            "--pretty/--compact",
            help="Indented JSON (default: indented on a terminal, compact in files and pipes).",
        ),
    ] = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    annotated: AnnotatedOption = False,
    min_strength: Annotated[int, typer.Option(min=1, max=3, help="Leave out entries weaker than this.")] = 1,
    category: Annotated[list[str] | None, typer.Option(help="Only these categories (repeatable).")] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Entry keys 'category/id' or categories to leave out.")
    ] = None,
    fail_on: Annotated[
        int | None, typer.Option(min=1, max=3, help="Exit 1 if a finding has at least this strength.")
    ] = None,
    max_mb: MaxMbOption = DEFAULT_MAX_MB,
    actors: Annotated[
        Path | None,
        typer.Option(
            "--actors",
            help="A TOML file of actors and aliases to add, override or ignore (see docs/actor-framing.md).",
            dir_okay=False,
        ),
    ] = None,
    no_actors: Annotated[
        bool, typer.Option("--no-actors", help="Loaded language only; skip actor framing.")
    ] = False,
    sentiment: Annotated[
        SentimentSource,
        typer.Option(
            help="Actors' sentiment component: the learned "
            "actor-sentiment model, or TextBlob's clause polarity "
            "(faster, weaker)."
        ),
    ] = "model",  # type: ignore[assignment]
    model: Annotated[
        Path | None,
        typer.Option(
            "--model",
            help="A sentence model from 'framing train': adds each "
            "sentence's probability of being loaded, with the features "
            "behind it.",
            dir_okay=False,
        ),
    ] = None,
    engine: EngineOption = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also list matches left out, with the reason (part "
            "of a name, or a checked condition failed); JSON always has them.",
        ),
    ] = False,
) -> None:
    from framing.analysis import analyze as analyze_text
    from framing.inputs import read_inputs
    from framing.render import render

    _check_output(output, *paths, actors, model)
    lex = _load(lexicon, no_builtin, annotated)
    actor_data = None if no_actors else _load_actors(actors)
    parser = None if no_actors else _engine(engine)
    sentence_model = _load_model(model) if model else None
    unknown = sorted(set(category or ()) - set(lex.by_category))
    if unknown:
        raise typer.BadParameter(
            f"unknown category {', '.join(unknown)}; choose from: {', '.join(sorted(lex.by_category))}"
        )
    options = {
        "lexicon": lex,
        "actor_data": actor_data,
        "actors": not no_actors,
        "ignore": tuple(ignore or ()),
        "learned_sentiment": sentiment == SentimentSource.MODEL,
        "engine": parser,
    }
    failed = False
    strongest = 0
    skipped: list[Skipped] = []
    to_terminal = output is None and sys.stdout.isatty()
    streamed = output_format in (Format.JSON, Format.JSONL)
    total = _document_count(paths)
    many = total is None or total > 1
    # no bar while a streamed report goes to the same terminal: its lines would cut through the bar
    show = many and err_console.is_terminal and not (streamed and to_terminal)

    def analyses(advance: Callable[[], None]) -> Iterator[Analysis]:
        """Each document is read, analysed and handed on in turn: JSON reports are written as they come."""
        nonlocal failed, strongest
        for item in read_inputs(paths, max_bytes=int(max_mb * 1_000_000), skipped=skipped):
            if isinstance(item, InputError):
                _error(str(item))
                failed = True
                advance()
                continue
            for note in item.notes:
                _warn(f"{item.name}: {note}")
            analysis = analyze_text(
                item.text,
                source=item.name,
                min_strength=min_strength,
                categories=category,
                notes=item.notes,
                sentence_model=sentence_model,
                **options,
            )
            strongest = max([strongest, *(f.entry.strength for f in analysis.findings)])
            advance()
            yield analysis

    documents: list[Analysis] = []
    with progress_bar(show, total) as bar:
        task = bar.add_task("analysing", total=total)
        produced = analyses(lambda: bar.advance(task))
        if output_format is Format.JSONL:
            from framing.render.json import jsonl_lines

            _write(jsonl_lines(produced, lex), output)
        elif output_format is Format.JSON:
            from framing.render.json import json_chunks

            _write(json_chunks(produced, lex, pretty=to_terminal if pretty is None else pretty), output)
        else:
            documents = list(produced)
    _report_skipped(skipped)  # after the documents: the folders were listed as they were read
    if not streamed:
        rewrites = None
        if output_format in (Format.HTML, Format.MARKDOWN):
            # The neutral rewrite is re-scored here, with the same options as the report, never by a renderer.
            from framing.coursework import neutral_rewrite

            rewrites = [neutral_rewrite(a, **options) for a in documents]
        report = render(documents, lex, output_format, to_terminal=to_terminal, rewrites=rewrites)
        if explain and output_format in (Format.TERMINAL, Format.MARKDOWN):
            from framing.render.explain import render_suppressed

            report += render_suppressed(documents, markdown=output_format is Format.MARKDOWN)
        _write(report, output)
    if failed:
        raise typer.Exit(Exit.INPUT)
    if fail_on is not None and strongest >= fail_on:
        raise typer.Exit(Exit.FINDINGS)


class CompareFormat(StrEnum):
    TERMINAL = "terminal"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
    HTML = "html"


def _source_names(paths: list[str]) -> list[str]:
    """File names when they tell the sources apart, else the paths as given; repeats numbered."""
    names = [Path(p).name or p for p in paths]
    return _unique(names if len(set(names)) == len(names) else paths)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _report_skipped(skipped: list, shown: int = 10) -> None:
    """One warning per file a folder run left out, with why (the first `shown`, then a count)."""
    for item in skipped[:shown]:
        _warn(f"skipped {item.name}: {item.reason}")
    if len(skipped) > shown:
        _warn(f"... and {len(skipped) - shown} more files skipped")


def _document_count(paths: list[str]) -> int | None:
    """How many documents the paths hold, for the progress bar: None when a folder is among them (its
    files are counted as they are read)."""
    return None if any(_is_dir(p) for p in paths) else len(paths)


def _is_dir(path: str) -> bool:
    """A folder, for counting progress; a path that cannot even be looked at (too long, a loop) is not."""
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def progress_bar(show: bool, total: int | None, console: SafeConsole | None = None):
    """A progress display on stderr: a bar with a count and time left when `total` is known, a spinner with
    a count otherwise; nothing at all unless `show` (by default: stderr is a terminal)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    if total:
        columns = [
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("documents,"),
            TimeRemainingColumn(),
            TextColumn("left"),
        ]
    else:
        columns = [
            SpinnerColumn(),
            TextColumn("{task.description}: {task.completed:,} documents"),
            TimeElapsedColumn(),
        ]
    return Progress(*columns, console=console or err_console, transient=True, disable=not show)


def _document_profiles(paths: list[str], lex, actor_data, max_bytes: int, engine, show_progress: bool):
    """One profile per path (a folder is one source); bad files are reported and left out. Also the
    analysis of each source when every source is a single document (for the side-by-side view)."""
    from framing.analysis import analyze as analyze_text
    from framing.compare import SourceProfile
    from framing.inputs import read_inputs

    profiles, failures, documents = [], [], []
    skipped: list = []
    total = _document_count(paths)
    with progress_bar(show_progress, total) as bar:
        task = bar.add_task("analysing", total=total)
        for name, path in zip(_source_names(paths), paths, strict=True):
            profile = SourceProfile(name)
            analyses = []
            for item in read_inputs([path], max_bytes=max_bytes, skipped=skipped):
                if isinstance(item, InputError):
                    failures.append(str(item))
                    continue
                analysis = analyze_text(
                    item.text, source=name, lexicon=lex, actor_data=actor_data, engine=engine
                )
                analyses.append(analysis)
                profile.add(analysis, lex)
                bar.advance(task)
            if profile.documents:
                profiles.append(profile)
                documents.append(analyses[0] if len(analyses) == 1 else None)
    _report_skipped(skipped)
    return profiles, failures, documents


# Commands without --fail-on document only the codes they can return.
COMPARE_EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 2 usage error; 3 invalid lexicon or actors file; 4 some input unreadable (the others "
    "are still compared); 5 internal error."
)
OTHER_EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 2 usage error; 3 invalid lexicon; 4 input unreadable; 5 internal error."
)


@app.command(
    help="Compare how articles or outlets frame the same actors: naming, scores, voice, agency, "
    "loaded-language density and distinctive words. Give two or more files or folders, or "
    "--corpus FILE (JSONL or CSV with a text column) or a folder, grouped with --group-by. "
    + COMPARE_EXIT_CODES_HELP
)
def compare(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders, one source each.", metavar="PATH...")
    ] = None,
    corpus: Annotated[
        Path | None, typer.Option(help="A JSONL or CSV file, or a folder of text files.")
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            help="Corpus column that names the source (e.g. outlet); "
            "for a folder, 'folder' groups by subfolder."
        ),
    ] = None,
    text_column: Annotated[str, typer.Option(help="Corpus column holding the article text.")] = "text",
    blind: Annotated[
        bool,
        typer.Option(
            "--blind",
            help="Hide the sources: shuffle them (see --seed) and show "
            "them as Source A, Source B, ... (classroom use).",
        ),
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(
            help="With --blind: the shuffle's seed, so the same order comes "
            "back (default: a random seed, written to the --key file)."
        ),
    ] = None,
    key: Annotated[
        Path | None,
        typer.Option(
            "--key",
            help="With --blind: write the answer key (which letter "
            "is which source, and the seed) to this file.",
            dir_okay=False,
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            min=0,
            help="Show the N most prominent actors in terminal, Markdown "
            "and HTML reports (0: all); CSV and JSON always hold every actor.",
        ),
    ] = 15,
    output_format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CompareFormat.TERMINAL,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here.", dir_okay=False)
    ] = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    actors: Annotated[
        Path | None, typer.Option("--actors", help="A TOML file of actors and aliases.", dir_okay=False)
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Processes for corpus mode (default: all cores).")
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress on stderr (default: when it is a terminal)."),
    ] = None,
    max_mb: MaxMbOption = DEFAULT_MAX_MB,
    engine: EngineOption = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run corpus mode on Dask: a scheduler's address "
            "(tcp://host:8786) or local[:N] for a local cluster of N "
            "workers (needs framing[dask]; docs/distributed.md).",
            metavar="ADDRESS|local[:N]",
        ),
    ] = None,
    partition_mb: Annotated[
        float, typer.Option(min=0.001, help="With --scheduler: megabytes of corpus per task.")
    ] = 4.0,
) -> None:
    from framing.compare import compare as compare_profiles
    from framing.render.comparison import render_comparison

    if scheduler is not None and corpus is None:
        raise typer.BadParameter("--scheduler works with --corpus")
    if bool(paths) == (corpus is not None):
        raise typer.BadParameter("give either two or more PATHs or --corpus FILE")
    if paths is not None and len(paths) < 2:
        raise typer.BadParameter("compare needs at least two sources (or --corpus FILE --group-by FIELD)")
    _check_output(output, *(paths or ()), corpus, actors)
    if (seed is not None or key is not None) and not blind:
        raise typer.BadParameter("--seed and --key go with --blind")
    lex = _load(lexicon, no_builtin)
    actor_data = _load_actors(actors)
    parser = _engine(engine)
    max_bytes = int(max_mb * 1_000_000)
    show_progress = err_console.is_terminal if progress is None else progress
    documents: list = []
    if corpus is not None:
        try:
            profiles, failures = _corpus_profiles(
                corpus,
                group_by,
                text_column,
                lexicon,
                no_builtin,
                actors,
                workers,
                show_progress,
                max_bytes,
                parser.name,
                scheduler,
                partition_mb,
            )
        except InputError as error:
            _error(str(error))
            raise typer.Exit(Exit.INPUT) from None
    else:
        profiles, failures, documents = _document_profiles(
            paths or [], lex, actor_data, max_bytes, parser, show_progress
        )
    for failure in failures[:5]:
        _error(failure)
    if len(failures) > 5:
        _error(f"... and {len(failures) - 5} more documents could not be analysed")
    if len(profiles) < 2:
        _error(f"{len(profiles)} readable source{'' if len(profiles) == 1 else 's'}; a comparison needs two")
        raise typer.Exit(Exit.INPUT)
    if blind:
        profiles, documents = _blind(profiles, documents, seed, key)
    single = documents if documents and all(d is not None for d in documents) else None
    _write(
        render_comparison(
            compare_profiles(profiles, failures=failures),
            output_format.value,
            to_terminal=output is None and sys.stdout.isatty(),
            top=top or None,
            documents=single,
        ),
        output,
    )
    if failures:
        raise typer.Exit(Exit.INPUT)


def _blind(profiles: list, documents: list, seed: int | None, key: Path | None):
    """Sources shuffled with `seed` and renamed Source A, B, ...; the answer key written to `key`."""
    import random
    import secrets

    seed = secrets.randbelow(1_000_000) if seed is None else seed
    order = list(range(len(profiles)))
    random.Random(seed).shuffle(order)
    lines = [f"framing compare --blind: answer key (seed {seed})"]
    shuffled = [profiles[i] for i in order]
    for index, profile in enumerate(shuffled):
        label = f"Source {_letters(index)}"
        lines.append(f"{label}: {profile.name}")
        profile.name = label
    if key is not None:
        _write("\n".join(lines) + "\n", key)  # before the report: no report without its key
    else:
        _warn(f"the answer key is not saved (shuffled with seed {seed}); pass --key FILE to write it")
    return shuffled, [documents[i] for i in order] if documents else documents


def _letters(index: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _corpus_profiles(
    corpus: Path,
    group_by: str | None,
    text_column: str,
    lexicon: list[Path] | None,
    no_builtin: bool,
    actors: Path | None,
    workers: int | None,
    show_progress: bool,
    max_bytes: int,
    engine: str,
    scheduler: str | None = None,
    partition_mb: float = 4.0,
):
    from framing.compare.corpus import (
        FOLDER,
        corpus_fields,
        count_records,
        profile_corpus,
        read_records,
        unique_records,
    )
    from framing.inputs import url_hint

    if not corpus.exists():
        raise InputError(url_hint(str(corpus)) or f"{corpus}: no such file or folder")
    fields = corpus_fields(corpus)
    if fields is None and group_by not in (None, FOLDER):
        raise typer.BadParameter(
            f"for a folder, --group-by is '{FOLDER}' (one source per subfolder) or left out "
            "(one source per file)",
            param_hint="'--group-by'",
        )
    if fields is not None and group_by not in fields:
        what = (
            "--group-by is needed to say which field names the source"
            if group_by is None
            else f"--group-by '{group_by}' is not a field of {corpus}"
        )
        raise typer.BadParameter(
            f"{what}; fields: {', '.join(fields) or 'none found'}", param_hint="'--group-by'"
        )
    notes: list[str] = []
    duplicates: list[int] = []
    settings: Settings = (tuple(lexicon or ()), not no_builtin, actors, engine)
    total = count_records(corpus) if show_progress else None
    with progress_bar(show_progress, total) as bar:
        task = bar.add_task("analysing", total=total)

        def on_progress(n: int) -> None:
            bar.update(task, completed=n)

        if scheduler is not None:
            groups, failures = _dask_profiles(
                corpus,
                group_by,
                text_column,
                max_bytes,
                settings,
                scheduler,
                partition_mb,
                on_progress,
                duplicates=duplicates,
                notes=notes,
            )
        else:
            records = unique_records(
                read_records(
                    corpus, group_by=group_by, text_column=text_column, max_bytes=max_bytes, notes=notes
                ),
                duplicates,
            )
            groups, failures = profile_corpus(
                records,
                lexicon_dirs=settings[0],
                builtin=settings[1],
                actors_file=actors,
                workers=workers,
                engine=engine,
                on_progress=on_progress,
            )
    for note in notes:
        _warn(note)
    if duplicates:
        shown = ", ".join(map(str, duplicates[:10])) + (" ..." if len(duplicates) > 10 else "")
        many = len(duplicates) > 1
        _warn(
            f"{len(duplicates)} record{'s' if many else ''} repeat an earlier record of the same source "
            f"word for word and {'were' if many else 'was'} counted once (records {shown})"
        )
    return list(groups.values()), failures


def _dask_profiles(
    corpus: Path,
    group_by: str | None,
    text_column: str,
    max_bytes: int,
    settings: Settings,
    scheduler: str,
    partition_mb: float,
    on_progress: Callable[[int], None],
    *,
    duplicates: list[int],
    notes: list[str],
) -> tuple[dict[str, SourceProfile], list[str]]:
    """Corpus mode on a Dask cluster; a --scheduler that cannot be used is a usage error (exit 2)."""
    from framing.compare.distributed import Options, SchedulerError, connect, plan, profile_corpus_dask

    partitions = plan(
        corpus,
        text_column=text_column,
        group_by=group_by,
        partition_bytes=int(partition_mb * 1_000_000),
        max_bytes=max_bytes,
    )
    try:
        client, close = connect(scheduler)
    except SchedulerError as error:
        _error(str(error))
        raise typer.Exit(Exit.USAGE) from None
    try:
        return profile_corpus_dask(
            client,
            partitions,
            Options(group_by, text_column, max_bytes, settings),
            on_progress=on_progress,
            duplicates=duplicates,
            notes=notes,
        )
    finally:
        close()


class EvalFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command(
    "eval",
    help="Measure the toolkit against human-annotated data: babe (biased words, biased "
    "sentences), mbic (biased words), newsmtsc (actor sentiment), persent (the author's "
    "sentiment toward an article's main entity), narrative (villains, heroes and victims), ptc "
    "(loaded-language spans). Reads the "
    "datasets as they are in ../shared/data. " + OTHER_EXIT_CODES_HELP,
)
def eval_command(
    dataset: Annotated[str, typer.Argument(help="babe, mbic, narrative, newsmtsc, persent or ptc.")],
    data: Annotated[
        Path, typer.Option(help="The dataset's folder, e.g. ../shared/data/babe.", file_okay=False)
    ],
    output_format: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="Table or JSON.")
    ] = EvalFormat.TABLE,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Only the first N records of each file (quick runs).")
    ] = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    annotated: AnnotatedOption = False,
    split: Annotated[
        str | None,
        typer.Option(
            help="babe: all (default), train or test (the held-out fifth); "
            "ptc: all (default), train or test (a held-out fifth of the labelled articles)."
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            help="Engine that parses sentences for checked conditions and names, "
            "and the actor tasks' texts (fast or spacy)."
        ),
    ] = "fast",
) -> None:
    import json

    from framing.evaluation import DATASETS, evaluate
    from framing.evaluation.tasks import DEFINITIONS

    if dataset not in DATASETS:
        raise typer.BadParameter(f"unknown dataset '{dataset}'; choose from: {', '.join(DATASETS)}")
    try:
        if engine not in ("fast", "spacy"):
            raise typer.BadParameter(f"unknown engine '{engine}'; choose spacy or fast")
        lex = _load(lexicon, no_builtin, annotated)
        result = evaluate(dataset, data, lex, limit=limit, split=split, engine=engine)
    except InputError as error:
        _error(str(error))
        raise typer.Exit(Exit.INPUT) from None
    if output_format is EvalFormat.JSON:
        typer.echo(
            json.dumps(
                {
                    "dataset": result.dataset,
                    "metrics": result.metrics,
                    "counts": result.counts,
                    "notes": result.notes,
                    **({"tables": result.tables} if result.tables else {}),
                    **({"intervals": result.intervals} if result.intervals else {}),
                },
                indent=2,
                sort_keys=True,
            )
        )
        return
    for name, value in result.metrics.items():
        low, high = result.intervals.get(name, (None, None))
        interval = f" [{low:.3f}, {high:.3f}]" if low is not None and high is not None else ""
        _echo(f"{name:30} {value:7.3f}{interval}  {DEFINITIONS.get(name, '')}")
    if result.intervals:
        from framing.messages import EVAL_INTERVALS

        typer.echo(EVAL_INTERVALS)
    for name, value in result.counts.items():
        typer.echo(f"{name:30} {value:7d}")
    for name, table in result.tables.items():
        columns = table["rows_gold_columns_predicted"]
        rows = table.get("rows_gold", columns)  # a square matrix unless the table names its rows
        typer.echo(f"{name} (rows: gold {', '.join(rows)}; columns: predicted {', '.join(columns)})")
        for label, row in zip(rows, table["matrix"], strict=True):
            typer.echo(f"  {label:10} " + " ".join(f"{n:6d}" for n in row))
    for note in result.notes:
        _echo(f"note: {note}")


@app.command(
    help="Train a model. 'framing train --data FILE --output FILE' (what = sentences, the default): a "
    "sentence-level loaded-language model (TF-IDF words and bigrams, the lexicon's counts and "
    "TextBlob's scores, logistic regression) from a JSONL or CSV file, for 'framing analyze --model'. "
    "'framing train actors --data ../shared/data': refit the actor models (mention sentiment on "
    "NewsMTSC, score weights on NewsMTSC and PerSenT; docs/EVALUATION.md) and write them as JSON "
    "(default: the toolkit's framing/models). 'framing train words --data ../shared/data': refit the "
    "annotated-word model on BABE's training split (framing/models/annotated_words.json). "
    + OTHER_EXIT_CODES_HELP
)
def train(
    data: Annotated[
        Path,
        typer.Option(
            help="sentences: a JSONL or CSV file with a text and a label column; "
            "actors: the folder holding newsmtsc/ and persent/; words: the folder holding babe/."
        ),
    ],
    what: Annotated[str, typer.Argument(help="sentences, words or actors.")] = "sentences",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="sentences: the model file (JSON); actors: the folder for both model files.",
        ),
    ] = None,
    text_column: Annotated[str, typer.Option(help="Column holding the sentence.")] = "text",
    label_column: Annotated[str, typer.Option(help="Column holding the label.")] = "label",
    positive: Annotated[str, typer.Option(help="The label value that means loaded/biased.")] = "1",
    negative: Annotated[
        str | None,
        typer.Option(help="The label value that means neutral (default: any other non-empty value)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="actors: the seed of the cross-validation folds.")] = 42,
    engine: Annotated[
        str, typer.Option(help="actors: the engine whose parse the features come from (fast or spacy).")
    ] = "fast",
    limit: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="actors: only the first N records of each file (quick runs; never for shipped weights).",
        ),
    ] = None,
    skip_test: Annotated[
        bool,
        typer.Option(
            "--skip-test",
            help="actors: do not read the test splits (while developing: test splits are read once, "
            "for the shipped weights).",
        ),
    ] = False,
    evidence: Annotated[
        bool,
        typer.Option(
            help="words: a finding needs evidence that its word evaluates (annotated far more often than "
            "neutral wire copy uses it); --no-evidence follows BABE's marks more closely but flags many "
            "topic words on real articles.",
        ),
    ] = True,
) -> None:
    if what == "actors":
        _train_actors(data, output, seed, engine, limit, skip_test)
        return
    if what == "words":
        _train_words(data, output, limit, evidence)
        return
    if what != "sentences":
        raise typer.BadParameter(f"unknown model '{what}'; choose sentences, words or actors")
    if output is None:
        raise typer.BadParameter("--output is required for the sentence model")
    if data.is_dir():
        _error(f"{data}: a folder; the sentence model needs a JSONL or CSV file")
        raise typer.Exit(Exit.INPUT)
    from framing.compare.corpus import Record, read_records
    from framing.learn.sentence_model import train as train_model

    _check_output(output, data)
    texts, labels, skipped = [], [], 0
    try:
        for record in read_records(data, group_by=label_column, text_column=text_column, max_bytes=2**31):
            if not isinstance(record, Record) or (
                negative is not None and record.group not in (positive, negative)
            ):
                skipped += 1
                continue
            texts.append(record.text)
            labels.append(1 if record.group == positive else 0)
    except InputError as error:
        _error(str(error))
        raise typer.Exit(Exit.INPUT) from None
    if len(set(labels)) < 2:
        _error(
            f"{data}: need examples of both classes (label '{positive}' and others) in column "
            f"'{label_column}'"
        )
        raise typer.Exit(Exit.INPUT)
    model = train_model(
        texts,
        labels,
        description=f"{data.name}: {text_column} labelled by {label_column} ('{positive}' = loaded)",
    )
    _write(model.to_json(), output)
    _echo(f"trained on {len(texts)} sentences ({sum(labels)} loaded), {skipped} skipped; saved {output}")


def _train_words(data: Path, output: Path | None, limit: int | None, evidence: bool) -> None:
    """Fit the annotated-word model on BABE SG2's training split (framing/learn/word_model.py)."""
    from importlib.resources import files

    from framing.engine import get_engine
    from framing.learn.word_model import MODEL_FILE, babe_training_sentences, train_word_model
    from framing.resources import lexicon_digest

    target = output or Path(str(files("framing") / "models" / MODEL_FILE))
    lexicon = _load(None, False)
    try:
        sentences = list(babe_training_sentences(data / "babe", lexicon, get_engine("fast"), limit))
    except (InputError, OSError) as error:
        _error(str(error))
        raise typer.Exit(Exit.INPUT) from None
    metadata = {
        "command": "framing train words --data DATA" + (f" --limit {limit}" if limit else "")
        + ("" if evidence else " --no-evidence"),
        "training_data": "BABE SG2 expert labels (Spinde et al. 2021), the training split of "
        "framing.evaluation.tasks.babe_split; the held-out fifth never read",
        "licence": "BABE, AGPL-3.0 (the file holds weights, not sentences)",
        "lexicon_digest": lexicon_digest(),
        "engine": "fast",
    }
    model = train_word_model(sentences, metadata, log=lambda line: typer.echo(line, err=True),
                             evidence=evidence)
    model.save(target)
    chosen, (p, r, f1) = model.metadata["chosen"], model.metadata["cv_word_prf"]
    typer.echo(
        f"cross-validated on {len(sentences)} training sentences: {chosen}; word P/R/F1 {p}/{r}/{f1}; "
        f"{len(model.weights)} weights; saved {target}"
    )


def _train_actors(
    data: Path, output: Path | None, seed: int, engine: str, limit: int | None, skip_test: bool = False
) -> None:
    from importlib.resources import files

    from framing.actors import load_actor_data
    from framing.learn.actor_score import test_figures, train_actor_models

    if engine not in ("fast", "spacy"):
        raise typer.BadParameter(f"unknown engine '{engine}'; choose fast or spacy")
    folder = output or Path(str(files("framing") / "models"))
    command = (
        "framing train actors --data DATA"
        + (f" --seed {seed}" if seed != 42 else "")
        + (f" --engine {engine}" if engine != "fast" else "")
        + (f" --limit {limit}" if limit else "")
    )
    lexicon, actor_data = _load(None, False), load_actor_data()
    try:
        mention, score = train_actor_models(
            data,
            lexicon,
            actor_data,
            seed=seed,
            engine=engine,
            limit=limit,
            command=command,
            log=lambda line: typer.echo(line, err=True),
        )
        figures: dict[str, float] | str = (
            "not read (--skip-test)"
            if skip_test
            else test_figures(data, lexicon, actor_data, mention, score, engine=engine, limit=limit)
        )
    except (InputError, OSError) as error:
        _error(str(error))
        raise typer.Exit(Exit.INPUT) from None
    from dataclasses import replace

    note = (
        "test splits not read (--skip-test): a development fit, not for shipping"
        if skip_test
        else "test splits read once, after fitting; never used for a choice"
    )
    mention = replace(mention, metadata={**mention.metadata, "test": figures, "test_note": note})
    score = replace(score, metadata={**score.metadata, "test": figures, "test_note": note})
    folder.mkdir(parents=True, exist_ok=True)
    mention.save(folder / "actor_sentiment.json")
    score.save(folder / "actor_score.json")
    typer.echo(f"test: {figures}" if skip_test else f"test (read once): {figures}")
    typer.echo(f"saved {folder / 'actor_sentiment.json'} and {folder / 'actor_score.json'}")


@lexicon_app.command("validate")
def lexicon_validate(
    directories: Annotated[
        list[Path] | None, typer.Argument(help="Lexicon directories (default: built-in).", file_okay=False)
    ] = None,
    no_builtin: NoBuiltinOption = False,
) -> None:
    """Check lexicon files, including every entry's examples; print every problem at once."""
    from framing.engine import spacy_available
    from framing.lexicon import check_examples

    lex = _load(directories, no_builtin)
    problems = check_examples(lex, ("fast", "spacy") if spacy_available() else ("fast",))
    for problem in problems:
        err_console.print(Text(safe_terminal(str(problem), newlines=False)))
    if problems:
        _error(f"{len(problems)} example problem{'s' if len(problems) != 1 else ''}")
        raise typer.Exit(Exit.LEXICON)
    typer.echo(f"ok: {len(lex.entries)} entries in {len(lex.categories)} categories")


@lexicon_app.command("list")
def lexicon_list(
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
) -> None:
    """List entries: key, strength, connotation, term."""
    lex = _load(lexicon, no_builtin)
    if category is not None and category not in lex.by_category:
        raise typer.BadParameter(
            f"unknown category '{category}'; choose from: {', '.join(sorted(lex.by_category))}"
        )
    for entry in lex.entries:
        if category is None or entry.category == category:
            _echo(f"{entry.key}\t{entry.strength}\t{entry.connotation.value}\t{entry.term}")


@lexicon_app.command("show")
def lexicon_show(
    entry_id: Annotated[str, typer.Argument(help="Entry key 'category/id', or an id that is unique.")],
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
) -> None:
    """Show one entry: its forms, explanation, alternatives, sources, exceptions and examples."""
    from framing.render.lexicon_text import entry_text

    lex = _load(lexicon, no_builtin)
    matches = [e for e in lex.entries if entry_id in (e.key, e.id)]
    if len(matches) != 1:
        import difflib

        close = difflib.get_close_matches(
            entry_id, [e.key for e in lex.entries] + [e.id for e in lex.entries], n=3
        )
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        what = "ambiguous" if matches else "unknown"
        _error(f"{what} entry '{entry_id}'{hint}")
        raise typer.Exit(Exit.USAGE)
    _echo(entry_text(matches[0], lex))


@lexicon_app.command("docs")
def lexicon_docs(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here, not stdout.", dir_okay=False)
    ] = None,
) -> None:
    """Write the lexicon reference table (docs/lexicon-reference.md) from the built-in lexicon."""
    from framing.render.lexicon_docs import render_lexicon_docs

    _check_output(output)
    lex = _load(None, False)
    _write(render_lexicon_docs(lex), output)


@lexicon_app.command("suggest")
def lexicon_suggest(
    data: Annotated[
        Path,
        typer.Option(
            help="The shared data folder (or one dataset's folder): BABE, MBIC, PTC.", file_okay=False
        ),
    ],
    top: Annotated[int, typer.Option(min=1, help="How many candidates to list.")] = 50,
    min_count: Annotated[
        int, typer.Option(min=1, help="Leave out words annotated fewer times than this.")
    ] = 3,
    new_only: Annotated[
        bool, typer.Option("--new-only", help="Only words (or phrases) no entry matches as a whole yet.")
    ] = False,
    phrases: Annotated[
        bool, typer.Option("--phrases", help="Rank phrases of 2-5 words (PTC spans, runs of marked words).")
    ] = False,
    min_documents: Annotated[
        int, typer.Option(min=1, help="Phrases only: leave out those marked in fewer sentences or articles.")
    ] = 2,
    output_format: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="Table or JSON.")
    ] = EvalFormat.TABLE,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
) -> None:
    """Rank candidate terms from annotated corpora (training splits only) against neutral wire copy, with
    counts, examples and sources, for an editor to review; nothing is added to the lexicon."""
    import json

    from framing.suggest import as_rows, suggest

    lex = _load(lexicon, no_builtin)
    try:
        ranked = suggest(data, lex, min_count=min_count, top=top, new_only=new_only, phrases=phrases,
                         min_documents=min_documents)
    except InputError as error:
        _error(str(error))
        raise typer.Exit(Exit.INPUT) from None
    rows = as_rows(ranked)
    if output_format is EvalFormat.JSON:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = 28 if phrases else 16
    typer.echo(
        f"{'phrase' if phrases else 'word':{width}} {'z':>6} {'annot':>5} {'babe':>4} {'mbic':>4} {'ptc':>4} "
        f"{'neutr':>5} {'marked':>6} {'train':>5}  entry"
    )
    for row in rows:
        share = "" if row["babe_marked_share"] is None else f"{row['babe_marked_share']:.2f}"
        both = "" if row["training_share"] is None else f"{row['training_share']:.2f}"
        inside = ", ".join(row["inside"])  # type: ignore[arg-type]
        entry = row["entry"] or (f"- (part: {inside})" if inside else "-")
        typer.echo(
            f"{row['word']:{width}} {row['z']:6.2f} {row['annotated']:5d} {row['babe']:4d} {row['mbic']:4d} "
            f"{row['ptc']:4d} {row['neutral']:5d} {share:>6} {both:>5}  {entry}"
        )
        for example in row["examples"]:  # type: ignore[attr-defined]
            _echo(f"    {example['source']}: {example['quote']}")


_main_pid = 0


def _on_signal(signum: int, _frame: object) -> None:
    """SIGINT or SIGTERM: one line, end the worker processes, drop a half-written report, exit 130 or 143.

    It exits from the handler (`os._exit`) rather than raising, because an exception raised in a signal
    handler can land where Python swallows it (a weakref callback) and the run would go on; the report is
    only ever written at the end, so nothing partial reaches stdout or `-o`. A child forked before its
    own handlers were set (a pool worker starting up) exits at once, silently.
    """
    code = 128 + signum
    if os.getpid() != _main_pid:
        os._exit(code)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.write(2, b"error: interrupted\n" if signum == signal.SIGINT else b"error: terminated\n")
    corpus = sys.modules.get("framing.compare.corpus")  # only corpus mode starts worker processes
    if corpus is not None:
        with contextlib.suppress(Exception):
            corpus.stop_workers()
    from framing.outputs import discard_pending

    discard_pending()
    os._exit(code)


def main() -> None:
    """Console entry point: every failure is one line on stderr and a documented exit code, never a traceback.

    A FramingError not handled above gets its own code; any other OSError (a disk or permission problem)
    exits 4; SIGINT and SIGTERM exit 130 and 143 (corpus workers ignore SIGINT and are ended by the
    pool, so they print nothing; see `_on_signal`); anything else is a bug: exit 5 with a short message.
    A warning (a model trained with another lexicon) is one `warning:` line.
    """
    import warnings

    warnings.showwarning = lambda message, *_args, **_kwargs: _warn(str(message))
    global _main_pid
    _main_pid = os.getpid()
    for signum in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(signum) != signal.SIG_IGN:  # `nohup` and background jobs ignore them: keep that
            signal.signal(signum, _on_signal)
    try:
        app()
    except FramingError as error:
        _error(str(error))
        code = (
            Exit.INPUT
            if isinstance(error, InputError | OutputError)
            else Exit.LEXICON
            if isinstance(error, LexiconError)
            else Exit.INTERNAL
        )
        sys.exit(code)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _error(f"{where}{error.strerror or error}")
        sys.exit(Exit.INPUT)
    except RecursionError:
        _error("input is nested too deeply to process")
        sys.exit(Exit.INPUT)
    except Exception as error:
        _error(
            f"internal error ({type(error).__name__}: {str(error)[:200]}); this is a bug in framing, please "
            "report it with the command you ran"
        )
        sys.exit(Exit.INTERNAL)


if __name__ == "__main__":
    main()
