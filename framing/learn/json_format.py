"""The plain-JSON layout the learned models share: a head of named values, then one weight per line, so a
refit shows in `git diff` as the weights that moved; and one way to read such a file back."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from framing.errors import InputError


def model_json(head: Mapping[str, Any], weights: Iterable[str]) -> str:
    """The head's keys one per line, then `"weights": {...}` with the given lines (each `"name": value`)."""
    lines = [
        f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False, sort_keys=True)}," for k, v in head.items()
    ]
    return "{\n" + "\n".join(lines) + '\n"weights": {\n' + ",\n".join(weights) + "\n}\n}\n"


def parse_model_json(text: str, bad: Callable[[str], InputError]) -> dict[str, Any]:
    """The JSON object in `text`; invalid JSON or another top level raises `bad(problem)`."""
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, TypeError) as error:
        raise bad(f"invalid JSON ({str(error).splitlines()[0]})") from None
    if not isinstance(raw, dict):
        raise bad("the top level is not an object")
    return raw


def read_model_json(text: str, *, source: str, model: str, format_name: str,
                    schema: int) -> tuple[dict[str, Any], Callable[[str], InputError]]:
    """The JSON object of a model file of `format_name` and `schema`, and the `bad(problem)` its reader
    raises for anything else malformed: one line naming `source` and the `model` it should be."""

    def bad(problem: str) -> InputError:
        return InputError(f"{source}: not a valid {model}: {problem}")

    raw = parse_model_json(text, bad)
    if raw.get("format") != format_name or raw.get("schema") != schema:
        raise bad(f"expected format '{format_name}' schema {schema}")
    return raw, bad
