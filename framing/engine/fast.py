"""The fast engine: TextBlob's bundled pattern tagger, the project's tag fixes, and the project's chunk and
clause rules (`framing.engine.chunks`). No named entities; lemmas only for the verbs the project knows.
About ten times faster than the spaCy engine and about half as accurate on roles (docs/engines.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

from framing.engine.chunks import chunks, clauses
from framing.engine.model import Document, SentenceParse, Token
from framing.engine.rules import headline_passives

# Penn tags to Universal POS, for code that reads `Token.pos` whatever the engine.
_UPOS = {
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "PRP": "PRON",
    "PRP$": "PRON",
    "WP": "PRON",
    "WP$": "PRON",
    "VB": "VERB",
    "VBD": "VERB",
    "VBG": "VERB",
    "VBN": "VERB",
    "VBP": "VERB",
    "VBZ": "VERB",
    "MD": "AUX",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "RB": "ADV",
    "RBR": "ADV",
    "RBS": "ADV",
    "WRB": "ADV",
    "IN": "ADP",
    "TO": "PART",
    "RP": "ADP",
    "DT": "DET",
    "PDT": "DET",
    "WDT": "DET",
    "CD": "NUM",
    "CC": "CCONJ",
    "UH": "INTJ",
    "POS": "PART",
    "FW": "X",
    "SYM": "SYM",
}


@cache
def _tagger_version() -> str:
    from importlib.metadata import version

    return f"textblob-pattern {version('textblob')}"


@cache
def known_verb_forms() -> dict[str, str]:
    """Every form of the verbs the project knows (`lexicons/actors/verbs.toml`) -> its lemma: the tag fixes
    recognise a verb the tagger called a noun by these. Read here, not through `framing.actors`, so the
    engine layer imports nothing above it (the actors layer validates the same file)."""
    import tomllib

    from framing.forms import verb_forms
    from framing.resources import default_lexicon_dir

    with (default_lexicon_dir() / "actors" / "verbs.toml").open("rb") as handle:
        verbs = tomllib.load(handle).get("verb", [])
    return {form: verb["lemma"] for verb in verbs if isinstance(verb.get("lemma"), str)
            for form in (verb.get("forms") or verb_forms(verb["lemma"]))}


class FastEngine:
    name = "fast"

    def __init__(self, verbs: dict[str, str]) -> None:
        self._verbs = verbs  # every known verb form -> its lemma
        self._forms = frozenset(verbs)

    @classmethod
    @cache
    def shared(cls) -> FastEngine:
        return cls(known_verb_forms())

    @property
    def model(self) -> str:
        return _tagger_version()

    def parse(self, text: str) -> Document:
        from framing.text import prepare

        document = prepare(text)
        parses = tuple(self.sentence(text, start, end) for start, end in document.sentences)
        return replace(document, parses=parses, engine=self.name, model=self.model)

    def parse_many(self, texts: Iterable[str]) -> Iterator[Document]:
        return (self.parse(text) for text in texts)

    def sentence(self, text: str, start: int, end: int) -> SentenceParse:
        from framing.nlp import tag_sentence

        tagged = tag_sentence(text, start, end, self._forms)
        verbs, upos = self._verbs, _UPOS
        tokens = []
        for s, e, word, tag in tagged:  # once per word of the text: kept inline
            lower = word.lower().replace("\u2019", "'")
            lemma = verbs.get(lower, lower) if tag.startswith("VB") else lower
            tokens.append(Token(s, e, word, tag, lower, lemma,
                                upos.get(tag) or ("X" if word[:1].isalnum() else "PUNCT")))
        chunk_list = chunks(tokens)
        return headline_passives(SentenceParse(start, end, tuple(tokens), tuple(chunk_list),
                                               tuple(clauses(tokens, chunk_list))))
