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
