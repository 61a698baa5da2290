"""framing: shows how news text frames the people and groups it talks about."""

from __future__ import annotations

from framing.analysis import analyze
from framing.errors import FramingError, InputError, LexiconError
from framing.lexicon import check_examples, load_lexicon
from framing.model import Analysis, Connotation, Entry, Finding, Kind, Lexicon, Quote, Summary

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Connotation",
    "Entry",
    "Finding",
    "FramingError",
    "InputError",
    "Kind",
    "Lexicon",
    "LexiconError",
    "Quote",
    "Summary",
    "__version__",
    "analyze",
    "check_examples",
    "load_lexicon",
]
