"""Loads the word lists actor framing uses: gazetteer, noun lists, verb connotations, a user actors file.

All live in `lexicons/actors/` as TOML, validated on load; problems are reported all at once as
`LexiconError`, like the loaded-language lexicon's.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from framing.errors import LexiconError, Problem
from framing.forms import normalize, plural, verb_forms
from framing.matcher import Matcher
from framing.model import Connotation, Entry
from framing.resources import default_lexicon_dir

ACTOR_TYPES = ("state", "government", "armed-group", "coalition", "organisation", "party", "people", "person",
               "media")
VERB_CLASSES = ("harm", "help", "conflict", "control", "movement", "accusation", "support", "cooperation",
                "neutral")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class GazetteerActor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str
    verb_class: str
    agent: float
    patient: float


@dataclass(frozen=True)
class ActorData:
    """Everything actor framing reads from data files, compiled once."""

    actors: tuple[GazetteerActor, ...]
    verbs: dict[str, Verb]  # every form -> its verb
    nouns: dict[str, frozenset[str]]
    ignore: frozenset[str] = frozenset()
    sentiment_model: Any = None  # framing.learn.actor_sentiment.ActorSentimentModel, when shipped

    @cached_property
    def by_id(self) -> dict[str, GazetteerActor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def matcher(self) -> Matcher:
        """Aliases as matcher entries: all-capital aliases ("IS") match only in capitals."""
        entries = []
        seen: set[str] = set()
        for actor in self.actors:
            for alias in (actor.name, *actor.aliases):
                case_sensitive = alias.isupper()
                key = alias if case_sensitive else normalize(alias)
                if key in seen:
                    continue
                seen.add(key)
                entries.append(Entry(id=actor.id, category="actor", term=key,
                                     connotation=Connotation.NEUTRAL, strength=1, alternatives=(),
                                     explanation="", sources=(), case_sensitive=case_sensitive))
        return Matcher(entries)

    @cached_property
    def by_name(self) -> dict[str, str]:
        """Each name and alias (normalised; one in capitals as written) -> its actor's id, the first listed
        winning as in `matcher`."""
        names: dict[str, str] = {}
        for actor in self.actors:
            for alias in (actor.name, *actor.aliases):
                names.setdefault(alias if alias.isupper() else normalize(alias), actor.id)
        return names

    def words(self, name: str) -> frozenset[str]:
        return self.nouns[name]


def _problem(path: Path, text: str, needle: str, message: str) -> Problem:
    line = next((i + 1 for i, t in enumerate(text.splitlines()) if needle in t), 1)
    return Problem(str(path), line, None, message)


def _read(path: Path, problems: list[Problem]) -> tuple[dict[str, Any], str]:
    from framing.inputs import not_a_file

    refused = not_a_file(path)
    if refused:
        problems.append(Problem(str(path), 1, None, refused.split(": ", 1)[-1]))
        return {}, ""
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except UnicodeDecodeError:
        problems.append(Problem(str(path), 1, None, "is not UTF-8 text"))
    except OSError as error:
        problems.append(Problem(str(path), 1, None, f"cannot be read ({error.strerror or error})"))
    except RecursionError:
        problems.append(Problem(str(path), 1, None, "TOML nested too deeply to read"))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        problems.append(
            Problem(str(path), int(found.group(1)) if found else 1, None, f"TOML syntax error: {error}")
        )
    return {}, ""


def _tables(
    data: dict[str, Any], key: str, text: str, path: Path, problems: list[Problem]
) -> list[dict[str, Any]]:
    """The [[key]] tables of a file; anything else there is a problem at its line."""
    value = data.get(key, [])
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return value
    problems.append(
        _problem(path, text, key, f"'{key}' must be [[{key}]] tables (got {type(value).__name__})")
    )
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _actors(data: dict[str, Any], text: str, path: Path, problems: list[Problem]) -> list[GazetteerActor]:
    out = []
    for raw in _tables(data, "actor", text, path, problems):
        actor_id = raw.get("id")
        where = f'id = "{actor_id}"'
        unknown = set(raw) - {"id", "name", "type", "aliases", "note"}
        if unknown:
            problems.append(
                _problem(path, text, where, f"actor '{actor_id}': unknown key {', '.join(sorted(unknown))}")
            )
        if not isinstance(actor_id, str) or not _ID.match(actor_id):
            problems.append(_problem(path, text, where, f"actor id must be kebab-case (got {actor_id!r})"))
            continue
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip() or raw.get("type") not in ACTOR_TYPES:
            problems.append(_problem(path, text, where, f"actor '{actor_id}' needs a name and a type from: "
                                     f"{', '.join(ACTOR_TYPES)}"))
            continue
        aliases = raw.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(
                _problem(path, text, where, f"actor '{actor_id}': aliases must be a list of names")
            )
            continue
        out.append(GazetteerActor(actor_id, raw["name"], raw["type"], tuple(aliases)))
    return out


def _verbs(data: dict[str, Any], text: str, path: Path, problems: list[Problem]) -> dict[str, Verb]:
    forms: dict[str, Verb] = {}
    for raw in _tables(data, "verb", text, path, problems):
        lemma = raw.get("lemma")
        where = f'lemma = "{lemma}"'
        ok = (
            isinstance(lemma, str)
            and raw.get("class") in VERB_CLASSES
            and all(isinstance(raw.get(k), int | float) and -1 <= raw[k] <= 1 for k in ("agent", "patient"))
        )
        unknown = set(raw) - {"lemma", "forms", "class", "agent", "patient"}
        if not ok or not isinstance(lemma, str) or unknown:
            problems.append(
                _problem(
                    path,
                    text,
                    where,
                    f"verb '{lemma}': needs lemma, class (one of "
                    f"{', '.join(VERB_CLASSES)}), agent and patient in -1..1, optional forms",
                )
            )
            continue
        verb = Verb(lemma, raw["class"], float(raw["agent"]), float(raw["patient"]))
        for form in raw.get("forms") or verb_forms(lemma):
            if form in forms and forms[form].lemma != lemma:
                problems.append(_problem(path, text, where, f"verb form '{form}' belongs to both "
                                         f"'{forms[form].lemma}' and '{lemma}'"))
            forms[form] = verb
    return forms


def load_actor_data(actors_file: Path | None = None) -> ActorData:
    """The bundled actor data, extended by a user actors file (its actors replace same-id ones)."""
    return _load(_resolved(actors_file) if actors_file else None)


def _resolved(path: Path) -> Path:
    """The absolute path with links resolved; a symlink loop stays as given (reading it reports the loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


@cache
def _load(actors_file: Path | None) -> ActorData:
    problems: list[Problem] = []
    folder = default_lexicon_dir() / "actors"
    gazetteer, gazetteer_text = _read(folder / "gazetteer.toml", problems)
    verbs_data, verbs_text = _read(folder / "verbs.toml", problems)
    nouns_data, _ = _read(folder / "nouns.toml", problems)
    actors = {a.id: a for a in _actors(gazetteer, gazetteer_text, folder / "gazetteer.toml", problems)}
    ignore: set[str] = set()
    if actors_file is not None:
        user, user_text = _read(actors_file, problems)
        unknown = set(user) - {"schema", "actor", "ignore"}
        if unknown:
            problems.append(Problem(str(actors_file), 1, None, f"unknown key {', '.join(sorted(unknown))} "
                                    "(an actors file holds [[actor]] tables and an optional ignore list)"))
        actors.update({a.id: a for a in _actors(user, user_text, actors_file, problems)})
        names = user.get("ignore", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.append(_problem(actors_file, user_text, "ignore", "ignore must be a list of names "
                                     f"(got {names!r:.40})"))
            names = []
        ignore = {normalize(n) for n in names}
    verbs = _verbs(verbs_data, verbs_text, folder / "verbs.toml", problems)
    if problems:
        raise LexiconError(tuple(problems))
    nouns = {k: frozenset(v) for k, v in nouns_data.items() if isinstance(v, list)}
    if "person_nouns" in nouns:  # listed in the singular; the plural is a head too ("mayors")
        nouns["person_nouns"] = nouns["person_nouns"] | {plural(w) for w in nouns["person_nouns"]}
    from framing.learn.actor_sentiment import default_model

    return ActorData(tuple(actors.values()), verbs, nouns, frozenset(ignore), default_model())
