"""Engines turn text into the parsed `Document` (`framing.text.Document` with one `SentenceParse` per
sentence) that everything downstream reads.

- `spacy`: spaCy's small English pipeline (tagger, dependency parser, lemmatizer, named entities); the
  accurate default when the `framing[spacy]` extra is installed.
- `fast`: TextBlob's bundled pattern tagger plus the project's chunk and clause rules
  (`framing.engine.chunks`); no entities; the fallback, and the choice for speed.

Both engines split sentences with the project's own splitter (`framing.text`), so sentences, quotations
and loaded-language findings are the same whichever engine runs; the engines differ in the parse.
Imports stay lazy: choosing an engine costs nothing until a text is parsed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from framing.engine.model import Chunk, Clause, Document, Entity, SentenceParse, Span, Token
from framing.errors import FramingError

ENGINES = ("spacy", "fast")
INSTALL_HINT = "python -m pip install 'framing[spacy]'"


class EngineUnavailable(FramingError):
    """The engine asked for cannot be loaded here (exit code 2, with the command that installs it)."""

    exit_code = 2


class Engine(Protocol):
    name: str

    @property
    def model(self) -> str:
        """The model and its version, as reports record it ("en_core_web_sm 3.8.0")."""

    def parse(self, text: str) -> Document:
        """One text's document model."""

    def parse_many(self, texts: Iterable[str]) -> Iterator[Document]:
        """Documents for many texts, in order; engines batch the work."""


def spacy_available() -> bool:
    """Whether the spaCy engine can load (spaCy and one of its English pipelines are installed)."""
    from framing.engine.spacy_engine import find_model

    return find_model() is not None


def get_engine(name: str | None = None) -> Engine:
    """The engine called `name`; with None, spaCy when it can load, else the fast engine.

    Raises:
        EngineUnavailable: `name` is "spacy" and it cannot load; ValueError for an unknown name.
    """
    if name is None:
        name = "spacy" if spacy_available() else "fast"
    if name == "fast":
        from framing.engine.fast import FastEngine

        return FastEngine.shared()
    if name == "spacy":
        from framing.engine.spacy_engine import SpacyEngine

        return SpacyEngine.shared()
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")

__all__ = [
    "ENGINES",
    "Chunk",
    "Clause",
    "Document",
    "Engine",
    "EngineUnavailable",
    "Entity",
    "SentenceParse",
    "Span",
    "Token",
    "get_engine",
    "spacy_available",
]
