"""Loads lexicon directories into a validated `Lexicon`, reporting every problem at once.

A lexicon directory holds one `<category>.toml` per category and a `sources.toml` of citable sources.
Structural checks run on every load; `check_examples` (each entry's own example sentences, and that no
alternative is itself flagged) runs in `framing lexicon validate` and in the test suite.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, cast

from framing.conditions import parse_check
from framing.errors import LexiconError, Problem
from framing.forms import WILDCARD, entry_forms, normalize
from framing.model import Category, Connotation, Entry, Inflect, Kind, Lexicon, ModelLayer, Source
from framing.resources import default_lexicon_dir

SCHEMA = 1
SOURCES_FILE = "sources.toml"
PROJECT_JUDGEMENT = "project-judgement"

HEADER_KEYS = {"schema", "category", "title", "description", "kind"}
ENTRY_REQUIRED = {
    "id",
    "term",
    "connotation",
    "strength",
    "alternatives",
    "explanation",
    "sources",
    "examples",
}
ENTRY_OPTIONAL = {
    "variants",
    "inflect",
    "case_sensitive",
    "condition",
    "exceptions",
    "check",
    "in_names",
    "derived",
}
ENTRY_KEYS = ENTRY_REQUIRED | ENTRY_OPTIONAL
EXAMPLE_KEYS = {"flag", "pass"}
SOURCE_KEYS = {"citation", "url"}

EXPLANATION_LENGTH = (30, 320)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CATEGORY = _ID
_KEY_LINE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*=")


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)
    graded: list[tuple[Category, dict[str, Any] | None]] = field(default_factory=list)
    layers: list[ModelLayer] = field(default_factory=list)

    def add(self, path: str, line: int, entry: str | None, message: str) -> None:
        self.problems.append(Problem(path, line, entry, message))


@dataclass(frozen=True)
class _FileLines:
    """Where each [[entry]] block and key sits in a TOML file, for located messages."""

    blocks: tuple[tuple[int, int], ...]
    lines: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> _FileLines:
        lines = tuple(text.splitlines())
        starts = [i + 1 for i, line in enumerate(lines) if line.strip() == "[[entry]]"]
        ends = [*(s - 1 for s in starts[1:]), len(lines)]
        return cls(tuple(zip(starts, ends, strict=True)), lines)

    def entry_line(self, index: int) -> int:
        return self.blocks[index][0] if index < len(self.blocks) else 1

    def key_line(self, index: int, key: str) -> int:
        if index >= len(self.blocks):
            return 1
        start, end = self.blocks[index]
        for number in range(start, end + 1):
            found = _KEY_LINE.match(self.lines[number - 1])
            if found and (found.group(1) == key or found.group(1).startswith(key + ".")):
                return number
        return start


def _did_you_mean(key: str, valid: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, sorted(valid), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _load_sources(directory: Path, out: _Collector) -> dict[str, Source]:
    path = directory / SOURCES_FILE
    if not path.is_file():
        return {}
    shown = _display(path)
    read = _read_toml(path, shown, out)
    if read is None:
        return {}
    data, text = read
    text_lines = text.splitlines()
    sources: dict[str, Source] = {}
    table = data.get("source", {})
    if not isinstance(table, dict):
        out.add(shown, 1, None, "'source' must be tables [source.KEY]")
        table = {}
    for key, value in table.items():
        line = next((i + 1 for i, t in enumerate(text_lines) if t.strip() == f"[source.{key}]"), 1)
        if not isinstance(value, dict) or not isinstance(value.get("citation"), str):
            out.add(shown, line, None, f"source '{key}' needs a citation string")
            continue
        for unknown in set(value) - SOURCE_KEYS:
            out.add(
                shown,
                line,
                None,
                f"source '{key}': unknown key '{unknown}'{_did_you_mean(unknown, SOURCE_KEYS)}",
            )
        sources[key] = Source(key, value["citation"], value.get("url"))
    for unknown in set(data) - {"source"}:
        out.add(shown, 1, None, f"unknown table '{unknown}' (sources go in [source.KEY] tables)")
    return sources


def _read_toml(path: Path, shown: str, out: _Collector) -> tuple[dict[str, Any], str] | None:
    """A TOML file's data and text; every failure (unreadable, not a regular file, not UTF-8, bad syntax,
    nested too deeply) is one problem with its line, never an exception."""
    from framing.inputs import not_a_file

    refused = not_a_file(path)
    if refused:
        out.add(shown, 1, None, refused.split(": ", 1)[-1])
        return None
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except UnicodeDecodeError:
        out.add(shown, 1, None, "is not UTF-8 text")
    except tomllib.TOMLDecodeError as error:
        out.add(shown, _toml_error_line(error), None, f"TOML syntax error: {error}")
    except RecursionError:
        out.add(shown, 1, None, "TOML nested too deeply to read")
    except IsADirectoryError:
        out.add(shown, 1, None, "is a folder, not a lexicon file")
    except OSError as error:
        out.add(shown, 1, None, f"cannot be read ({error.strerror or error})")
    return None


def _toml_error_line(error: Exception) -> int:
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else 1


def _parse_header(data: dict[str, Any], path: Path, shown: str, out: _Collector) -> Category | None:
    header = data.get("lexicon")
    if not isinstance(header, dict):
        out.add(shown, 1, None, "missing [lexicon] table (schema, category, title, description, kind)")
        return None
    for unknown in sorted(set(header) - HEADER_KEYS):
        out.add(shown, 1, None, f"[lexicon]: unknown key '{unknown}'{_did_you_mean(unknown, HEADER_KEYS)}")
    ok = True
    if header.get("schema") != SCHEMA:
        out.add(shown, 1, None, f"[lexicon]: schema must be {SCHEMA} (got {header.get('schema')!r})")
        ok = False
    name = header.get("category")
    if not isinstance(name, str) or not _CATEGORY.match(name):
        out.add(shown, 1, None, f"[lexicon]: category must be a kebab-case string (got {name!r})")
        ok = False
    elif name != path.stem:
        out.add(shown, 1, None, f"[lexicon]: category '{name}' must match the file name '{path.stem}'")
    for key in ("title", "description"):
        if not isinstance(header.get(key), str) or not header[key].strip():
            out.add(shown, 1, None, f"[lexicon]: {key} must be a non-empty string")
            ok = False
    kind = header.get("kind")
    if kind not in {k.value for k in Kind}:
        out.add(
            shown,
            1,
            None,
            f"[lexicon]: kind must be one of {', '.join(k.value for k in Kind)} (got {kind!r})",
        )
        ok = False
    if not ok:
        return None
    return Category(cast(str, name), header["title"], header["description"], Kind(cast(str, kind)), shown)


def _check_form(form: str, what: str, entry: dict[str, Any], problem: Any) -> None:
    if form != form.strip() or "  " in form:
        problem(what, f"{what} '{form}' has leading, trailing or doubled spaces")
    if not form.strip():
        problem(what, f"{what} must not be empty")
    if not entry.get("case_sensitive", False) and form != form.lower():
        problem(what, f"{what} '{form}' has capitals; write it in lowercase or set case_sensitive = true")
    if WILDCARD in form:
        body = form.strip(WILDCARD)
        valid = (
            (form.startswith("*-") or form.endswith("-*")) and form.count(WILDCARD) == 1 and body.strip("-")
        )
        if not valid:
            problem(
                what,
                f"{what} '{form}': '*' stands only for a word joined by a hyphen, as '*-backed' or 'pro-*'",
            )


def _parse_entry(
    raw: Any, index: int, category: Category, lines: _FileLines, sources: dict[str, Source], out: _Collector
) -> Entry | None:
    shown = category.path
    if not isinstance(raw, dict):
        out.add(shown, lines.entry_line(index), None, "each [[entry]] must be a table")
        return None
    entry_id = raw.get("id") if isinstance(raw.get("id"), str) else f"#{index + 1}"
    count_before = len(out.problems)

    def problem(key: str, message: str) -> None:
        out.add(shown, lines.key_line(index, key), entry_id, message)

    for unknown in sorted(set(raw) - ENTRY_KEYS):
        problem(unknown, f"unknown key '{unknown}'{_did_you_mean(unknown, ENTRY_KEYS)}")
    for missing in sorted(ENTRY_REQUIRED - set(raw)):
        out.add(shown, lines.entry_line(index), entry_id, f"missing required key '{missing}'")
    if "id" in raw and not (isinstance(raw["id"], str) and _ID.match(raw["id"])):
        problem("id", f"id must be kebab-case, lowercase letters, digits and hyphens (got {raw['id']!r})")
    if "term" in raw:
        if isinstance(raw["term"], str):
            _check_form(raw["term"], "term", raw, problem)
        else:
            problem("term", "term must be a string")
    for key in ("variants", "alternatives", "sources", "exceptions", "derived"):
        if key in raw and not _str_list(raw[key]):
            problem(key, f"{key} must be a list of strings (a single string needs [brackets])")
    if _str_list(raw.get("variants")):
        for variant in raw["variants"]:
            _check_form(variant, "variant", raw, problem)
    if _str_list(raw.get("derived")):
        for derived in raw["derived"]:
            _check_form(derived, "derived", raw, problem)
        if raw.get("inflect", "none") == "none":
            problem("derived", "derived forms take the other inflection: set inflect to 'noun' or 'verb'")
    if "connotation" in raw and raw["connotation"] not in {c.value for c in Connotation}:
        problem(
            "connotation",
            f"connotation must be one of {', '.join(c.value for c in Connotation)} "
            f"(got {raw['connotation']!r})"
            f"{_did_you_mean(str(raw['connotation']), [c.value for c in Connotation])}",
        )
    if "strength" in raw and (type(raw["strength"]) is not int or raw["strength"] not in (1, 2, 3)):
        problem("strength", f"strength must be 1, 2 or 3 (got {raw['strength']!r})")
    if "inflect" in raw and raw["inflect"] not in {i.value for i in Inflect}:
        problem(
            "inflect",
            f"inflect must be one of {', '.join(i.value for i in Inflect)} (got {raw['inflect']!r})",
        )
    if "case_sensitive" in raw and not isinstance(raw["case_sensitive"], bool):
        problem("case_sensitive", "case_sensitive must be true or false")
    if "condition" in raw and not (isinstance(raw["condition"], str) and raw["condition"].strip()):
        problem("condition", "condition must be a non-empty string")
    if "check" in raw:
        if not _str_list(raw["check"]) or not raw["check"]:
            problem(
                "check", 'check must be a non-empty list of checks, as ["pos:VERB", "patient:people|place"]'
            )
        else:
            for text in raw["check"]:
                try:
                    parse_check(text)
                except ValueError as error:
                    problem("check", str(error))
    if "in_names" in raw and not isinstance(raw["in_names"], bool):
        problem("in_names", "in_names must be true or false")
    explanation = raw.get("explanation")
    if "explanation" in raw:
        low, high = EXPLANATION_LENGTH
        if not isinstance(explanation, str):
            problem("explanation", "explanation must be a string")
        elif not low <= len(explanation.strip()) <= high:
            problem(
                "explanation",
                f"explanation must be {low} to {high} characters (got {len(explanation.strip())})",
            )
        elif not explanation.rstrip().endswith("."):
            problem("explanation", "explanation must end with a period")
    if _str_list(raw.get("sources")):
        refs = raw["sources"]
        if not refs:
            problem("sources", "sources must name at least one source")
        for ref in refs:
            key = ref.split(":", 1)[0].strip()
            if key not in sources:
                problem(
                    "sources",
                    f"unknown source '{key}'{_did_you_mean(key, sources)}; add it to {SOURCES_FILE}",
                )
        if refs and all(r.split(":", 1)[0].strip() == PROJECT_JUDGEMENT for r in refs):
            problem("sources", f"add a named style guide or study beside '{PROJECT_JUDGEMENT}'")
    examples = raw.get("examples")
    if "examples" in raw:
        if not isinstance(examples, dict):
            problem("examples", "examples must be a table with 'flag' and 'pass' lists")
        else:
            for unknown in sorted(set(examples) - EXAMPLE_KEYS):
                problem(
                    "examples", f"examples: unknown key '{unknown}'{_did_you_mean(unknown, EXAMPLE_KEYS)}"
                )
            for key in sorted(EXAMPLE_KEYS):
                if not _str_list(examples.get(key)) or not examples.get(key):
                    problem("examples", f"examples.{key} must be a non-empty list of sentences")
    if len(out.problems) > count_before:
        return None
    entry = Entry(
        id=raw["id"],
        category=category.name,
        kind=category.kind,
        term=raw["term"],
        connotation=Connotation(raw["connotation"]),
        strength=raw["strength"],
        alternatives=tuple(raw["alternatives"]),
        explanation=raw["explanation"].strip(),
        sources=tuple(raw["sources"]),
        variants=tuple(raw.get("variants", ())),
        inflect=Inflect(raw.get("inflect", "none")),
        case_sensitive=raw.get("case_sensitive", False),
        condition=raw.get("condition"),
        exceptions=tuple(raw.get("exceptions", ())),
        examples_flag=tuple(cast("dict[str, list[str]]", examples)["flag"]),
        examples_pass=tuple(cast("dict[str, list[str]]", examples)["pass"]),
        checks=tuple(raw.get("check", ())),
        derived=tuple(raw.get("derived", ())),
        in_names=raw.get("in_names", False),
        path=shown,
        line=lines.entry_line(index),
    )
    forms = entry_forms(entry)
    for exception in entry.exceptions:
        if not any(_contains_form(normalize(exception), form) for form in forms):
            problem("exceptions", f"exception '{exception}' does not contain any form of the entry")
    if entry.condition and not entry.checks:
        for sentence in entry.examples_pass:
            shown_sense = _unexcepted_form(entry, forms, sentence)
            if shown_sense:
                problem(
                    "condition",
                    f"examples.pass shows '{shown_sense}' in a sense that is not loaded, but the "
                    "condition is only text: add a check (framing/conditions.py) that tells the senses apart",
                )
                break
    return entry if len(out.problems) == count_before else None


def _unexcepted_form(entry: Entry, forms: Sequence[str], sentence: str) -> str | None:
    """A form of the entry in `sentence` that no exception of the entry covers, or None."""
    phrase = normalize(sentence)
    if any(_contains_form(phrase, normalize(e)) for e in entry.exceptions):
        return None
    if entry.case_sensitive:
        cased = normalize(sentence, case_sensitive=True)
        return next((f for f in forms if WILDCARD not in f
                     and re.search(rf"(?<![\w-]){re.escape(f)}(?![\w])", cased)), None)
    return next((f for f in forms if WILDCARD not in f and _contains_form(phrase, f)), None)


def _contains_form(phrase: str, form: str) -> bool:
    if WILDCARD in form:
        return form.strip(WILDCARD) in phrase
    return re.search(rf"(?<![\w-]){re.escape(form.lower())}(?![\w])", phrase) is not None


def _load_file(
    path: Path, sources: dict[str, Source], out: _Collector
) -> tuple[Category | None, list[Entry]]:
    shown = _display(path)
    read = _read_toml(path, shown, out)
    if read is None:
        return None, []
    data, text = read
    for unknown in sorted(set(data) - {"lexicon", "entry", "graded", "model"}):
        out.add(shown, 1, None, f"unknown table '{unknown}'{_did_you_mean(unknown, ['lexicon', 'entry'])}")
    category = _parse_header(data, path, shown, out)
    if category is None:
        return None, []
    if category.kind is Kind.GRADED and "model" in data:
        layer = _model_layer(data["model"], category, sources, shown, out)
        if layer is not None:
            out.layers.append(layer)
        return category, []
    if category.kind is Kind.GRADED:
        out.graded.append((category, _graded_config(data.get("graded"), sources, shown, out)))
        return category, []
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list) or not raw_entries:
        out.add(shown, 1, None, "no [[entry]] tables")
        return category, []
    lines = _FileLines.of(text)
    entries = [
        e for i, raw in enumerate(raw_entries) if (e := _parse_entry(raw, i, category, lines, sources, out))
    ]
    return category, entries


def _graded_config(
    raw: Any, sources: dict[str, Source], shown: str, out: _Collector
) -> dict[str, Any] | None:
    """The `[graded]` table of a graded category (framing.graded), checked."""
    from framing.graded import GRADED_KEYS

    if not isinstance(raw, dict):
        out.add(
            shown,
            1,
            None,
            "a graded category needs a [graded] table (source, polarity_min, subjectivity_min)",
        )
        return None
    before = len(out.problems)
    for unknown in sorted(set(raw) - GRADED_KEYS):
        out.add(shown, 1, None, f"[graded]: unknown key '{unknown}'{_did_you_mean(unknown, GRADED_KEYS)}")
    for key in ("polarity_min", "subjectivity_min"):
        if not isinstance(raw.get(key), int | float) or not 0 <= raw[key] <= 1:
            out.add(shown, 1, None, f"[graded]: {key} must be a number from 0 to 1")
    if raw.get("source") not in sources:
        out.add(shown, 1, None, f"[graded]: source must name a source in {SOURCES_FILE}")
    for key in ("exclude", "include", "parts_of_speech", "exceptions"):
        if key in raw and not _str_list(raw[key]):
            out.add(shown, 1, None, f"[graded]: {key} must be a list of strings")
    if len(out.problems) == before and "include" in raw:
        from framing.graded import unselectable

        for word in unselectable(raw):
            message = f"[graded]: include: '{word}' is not a word TextBlob grades past the thresholds"
            out.add(shown, 1, None, message)
    return raw if len(out.problems) == before else None


def _model_layer(
    raw: Any, category: Category, sources: dict[str, Source], shown: str, out: _Collector
) -> ModelLayer | None:
    """The `[model]` table of a graded category whose findings come from the annotated-word model."""
    if not isinstance(raw, dict) or set(raw) != {"source", "file"}:
        out.add(shown, 1, None, "[model] needs exactly two keys: source and file")
        return None
    if raw["source"] not in sources:
        out.add(shown, 1, None, f"[model]: source must name a source in {SOURCES_FILE}")
        return None
    if not isinstance(raw["file"], str) or not re.fullmatch(r"[\w.-]+\.json", raw["file"]):
        out.add(shown, 1, None, "[model]: file must be the name of a JSON file in framing/models")
        return None
    return ModelLayer(category.name, raw["file"], raw["source"])


def _check_duplicates(entries: Sequence[Entry], out: _Collector) -> None:
    seen_ids: dict[str, Entry] = {}
    seen_forms: dict[str, Entry] = {}
    for entry in entries:
        if entry.key in seen_ids:
            out.add(entry.path, entry.line, entry.id, f"duplicate id (also at {seen_ids[entry.key].path}:"
                    f"{seen_ids[entry.key].line})")
            continue
        seen_ids[entry.key] = entry
        for form in entry_forms(entry):
            other = seen_forms.get(form.lower())
            if other is not None and other is not entry:
                out.add(entry.path, entry.line, entry.id,
                        f"form '{form}' is also matched by '{other.key}' ({other.path}:{other.line})")
            seen_forms.setdefault(form.lower(), entry)


def lexicon_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.toml") if p.name != SOURCES_FILE)


def load_lexicon(*extra: Path, builtin: bool = True, layers: bool = False) -> Lexicon:
    """Load the built-in lexicon and any extra directories; later entries replace same-key earlier ones.
    `layers` switches on a category's learned layer (a `[model]` table, framing.annotated), which is off
    unless asked for: its findings are a model's guesses, often wrong on real articles (a quarter of them
    in the last hand-judged sample, docs/precision.md).

    Raises:
        LexiconError: with every problem found in every file.
    """
    directories = ((default_lexicon_dir(),) if builtin else ()) + tuple(extra)
    return _load_cached(tuple(_resolved(d) for d in directories), layers)


def _resolved(path: Path) -> Path:
    """The absolute path with links resolved; a symlink loop stays as given (it is reported as unreadable)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


@cache
def _load_cached(directories: tuple[Path, ...], with_layers: bool = False) -> Lexicon:
    out = _Collector()
    sources: dict[str, Source] = {}
    for directory in directories:
        if not directory.is_dir():
            out.add(_display(directory), 0, None, "is not a directory")
            continue
        sources.update(_load_sources(directory, out))
    categories: dict[str, Category] = {}
    entries: dict[str, Entry] = {}
    for directory in directories:
        if not directory.is_dir():
            continue
        files = lexicon_files(directory)
        if not files:
            out.add(_display(directory), 0, None, "holds no lexicon files (*.toml)")
        own: dict[str, Entry] = {}
        for path in files:
            category, loaded = _load_file(path, sources, out)
            if category is not None:
                categories[category.name] = category
            for entry in loaded:
                if entry.key in own:
                    first = own[entry.key]
                    out.add(
                        entry.path, entry.line, entry.id, f"duplicate id (also at {first.path}:{first.line})"
                    )
                own[entry.key] = entry
        entries.update(own)  # a later directory's entry replaces the same key from an earlier one
    if out.graded:
        from framing.graded import graded_entries

        taken = {form for e in entries.values() for form in entry_forms(e)}
        for category, config in out.graded:
            if config is not None:
                generated = graded_entries(config, category.name, category.path, taken)
                entries.update((e.key, e) for e in generated)
                taken.update(e.term for e in generated)
    _check_duplicates(list(entries.values()), out)
    if out.problems:
        raise LexiconError(tuple(sorted(out.problems, key=lambda p: (p.path, p.line, p.message))))
    ordered = tuple(sorted(entries.values(), key=lambda e: e.key))
    layers = [layer for layer in out.layers if layer.category in categories]
    layer = replace(layers[-1], enabled=with_layers) if layers else None
    ordered_categories = tuple(sorted(categories.values(), key=lambda c: c.name))
    return Lexicon(ordered_categories, ordered, sources, layer)


def check_examples(lexicon: Lexicon, engines: Sequence[str] = ("fast",)) -> tuple[Problem, ...]:
    """Run every entry's examples through detection (checks and names need a parse): with the first engine for
    every entry, with the others for entries that have checks; and check that no alternative is flagged."""
    from framing.detect import find_terms
    from framing.engine import get_engine

    problems: list[Problem] = []
    chosen = [(get_engine(name), f" [{name} engine]" if len(engines) > 1 else "") for name in engines]
    for entry in lexicon.entries:
        for engine, label in chosen if entry.checks else chosen[:1]:
            for sentence in entry.examples_flag:
                found_all = find_terms(sentence, lexicon, engine=engine)
                if not any(f.entry is entry for f in found_all):
                    found = ", ".join(f"'{f.text}' ({f.entry.key})" for f in found_all) or "nothing"
                    problems.append(
                        Problem(
                            entry.path,
                            entry.line,
                            entry.id,
                            f"examples.flag sentence is not flagged{label} (found {found}): {sentence!r}",
                        )
                    )
            for sentence in entry.examples_pass:
                hits = [f for f in find_terms(sentence, lexicon, engine=engine) if f.entry is entry]
                if hits:
                    problems.append(
                        Problem(
                            entry.path,
                            entry.line,
                            entry.id,
                            f"examples.pass sentence is flagged{label} at '{hits[0].text}': {sentence!r}",
                        )
                    )
        for alternative in entry.alternatives:
            loaded = [f for f in find_terms(alternative, lexicon) if f.entry.kind is Kind.LOADED]
            if loaded:
                problems.append(
                    Problem(
                        entry.path,
                        entry.line,
                        entry.id,
                        f"alternative '{alternative}' is itself flagged by '{loaded[0].entry.key}'",
                    )
                )
    return tuple(problems)
