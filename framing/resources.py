"""Finds the data shipped with the toolkit; the only code that knows where `lexicons/` lives."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any


def default_lexicon_dir() -> Path:
    """`framing/lexicons` in an installed wheel, the top-level `lexicons/` in a source checkout."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "lexicons" / "sources.toml").is_file():
        return root / "lexicons"
    return Path(str(files("framing") / "lexicons"))


@cache
def text_resource(name: str) -> dict[str, Any]:
    """A TOML word list under `lexicons/text/` (abbreviations, speech verbs)."""
    with (default_lexicon_dir() / "text" / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)
