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


@cache
def lexicon_digest(folder: Path | None = None) -> str:
    """sha256 of the lexicon's content (every TOML file under `lexicons/`, parsed, so comments and layout
    do not count): learned models record it, and loading one trained on other data warns."""
    import hashlib
    import json

    folder = folder or default_lexicon_dir()
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.toml")):
        with path.open("rb") as handle:
            content = tomllib.load(handle)
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()
