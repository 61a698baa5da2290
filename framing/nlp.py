"""The one narrow door to TextBlob: part-of-speech tags and word polarity, offline.

TextBlob's vendored pattern tagger needs no downloaded data (`../shared/NLP-OFFLINE.md`);
its object API (`.tags`, `.sentences`) does, so it is never used. Tokens are the project's own, with
spans into the original text.
"""

from __future__ import annotations

import gc
import importlib.util
import re
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from framing.errors import FramingError

# Titles and a middle initial with their period before a name ("Mr. Smith", "Robert S. Mueller": one token, as
# spaCy has it), numbers with thousands
# separators ("100,000-strong"), words (with hyphens, inner periods and inner
# apostrophes: "U.S.-backed", "Shi'ite"), the possessive
# "'s" or a lone apostrophe, then any other non-space character.
_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Sgt|Sen|Rep|Gov|Prof|Rev|Jr|Sr|St)\.(?=\s+[A-Z])|\b[A-Z]\.(?=\s+[A-Z][a-z])|\d{1,3}(?:,\d{3})+(?:[-.]\w+)*|\w+(?:(?:-|\.-?(?=\w)|['\u2019](?!s\b)(?=\w))\w+)*|['\u2019]s\b|\S"
)
_AUXILIARIES = frozenset("do does did will would can could should may might must".split())
_BE = frozenset("be is are was were been being am 's get gets got gotten getting".split())
# The Brill tagger calls these nouns or past tenses after a form of "be"; they are participles there.
_PARTICIPLES = frozenset(
    "shot hit struck beaten hurt cut set put caught held taken driven thrown shut spread bound fought "
    "brought "
    "sent built left lost known seen given made told found killed wounded".split()
)


@cache
def _parser() -> Any:
    en = _pattern_en()
    with _quiet_load():
        en.parser.find_tags(["warm", "up"])
    return en.parser


@cache
def _sentiment() -> Any:
    en = _pattern_en()
    with _quiet_load():
        en.sentiment("warm up")
    return en.sentiment


@cache
def _pattern_en() -> ModuleType:
    """TextBlob's vendored pattern module `textblob.en` (tagger, sentiment lexicon), without running the
    package's `__init__`, which imports all of NLTK and through it scipy and scikit-learn (about 1.5 s of
    start-up that the tagger never uses). The code and data files are TextBlob's own, so tags and
    polarities are identical (tests/test_nlp.py). Where TextBlob's package is already imported, its module
    is used as it is."""
    if "textblob.en" in sys.modules:
        return sys.modules["textblob.en"]
    spec = importlib.util.find_spec("textblob")  # a top-level name: finding it runs nothing
    if spec is None or not spec.submodule_search_locations:
        raise FramingError("TextBlob is not installed (pip install textblob)")
    root = Path(next(iter(spec.submodule_search_locations)))
    # `textblob/en/__init__.py` imports `textblob._text`; a temporary entry resolves that import without
    # the package, and is removed again so that a later `import textblob` runs the package as usual.
    added = "textblob._text" not in sys.modules
    if added:
        sys.modules["textblob._text"] = _load_module("textblob._text", root / "_text.py")
    try:
        return _load_module("framing._textblob_en", root / "en" / "__init__.py")
    finally:
        if added:
            del sys.modules["textblob._text"]


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise FramingError(f"{path}: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def _quiet_load() -> Iterator[None]:
    """TextBlob loads its bundled lexicons lazily and leaves the files for the garbage collector to
    close; load them here, collect, and keep that ResourceWarning out of users' (and pytest's) way."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        yield
        gc.collect()


def _textblob_file(name: str) -> list[str]:
    """Lines of a data file TextBlob ships (`textblob/en/NAME`), read without importing TextBlob (which
    imports NLTK: seconds, and over 100 MiB); comments and blank lines left out."""
    from importlib.util import find_spec

    spec = find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / name
    with path.open(encoding="utf-8") as handle:
        return [line for line in handle if line.strip() and not line.startswith(";;;")]


@cache
def word_tags() -> dict[str, str]:
    """The tagger's lexicon: a word's most frequent Penn Treebank tag (about 94,000 words, offline)."""
    tags: dict[str, str] = {}
    for line in _textblob_file("en-lexicon.txt"):
        word, _, tag = line.strip().partition(" ")
        if word == word.lower():
            tags.setdefault(word, tag)
    return tags


@cache
def known_words() -> frozenset[str]:
    """Lowercase English words TextBlob ships (its tagger lexicon and its spelling list): a dictionary
    for telling an inflected word from a made-up one."""
    spelling = (line.split(" ", 1)[0] for line in _textblob_file("en-spelling.txt"))
    return frozenset(word_tags()) | frozenset(w for w in spelling if w == w.lower())


def tokenize(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def tag_sentence(text: str, start: int, end: int,
                 verbs: frozenset[str] = frozenset()) -> list[tuple[int, int, str, str]]:
    """(start, end, word, Penn tag) for the words of text[start:end]; offsets index `text`. The fast
    engine builds its tokens from these once.

    `verbs` (known verb forms) lets the tag fixes recognise a verb the tagger called a noun.
    """
    spans = tokenize(text, start, end)
    if not spans:
        return []
    words = [w.replace("\u2019", "'") for _, _, w in spans]
    tags = _fix_tags(words, find_tags(words), verbs)
    return [(s, e, w, tag) for (s, e, w), tag in zip(spans, tags, strict=True)]


@cache
def _tagger_tables() -> tuple[Callable[[str], str | None], Any, tuple[str, str, str]]:
    """The pattern tagger's lexicon lookup, its number pattern and default tags. The lexicon is a `dict`
    subclass that routes every lookup through a lazy loader; once loaded (`_parser` loads it), `dict.get`
    reads it directly, without a copy."""
    parser = _parser()
    lexicon = parser.lexicon
    if not dict.__len__(lexicon):
        raise FramingError("TextBlob's tagger lexicon (textblob/en/en-lexicon.txt) did not load")
    lookup = dict.get.__get__(lexicon, dict)
    return lookup, type(lexicon).load.__globals__["CD"], tuple(parser.default)


def find_tags(words: Sequence[str]) -> list[str]:
    """The tags of TextBlob's pattern tagger, `_parser().find_tags(words)`, read straight from its loaded
    lexicon (`_tagger_tables`): TextBlob runs no morphology or context rules there, so a word's tag
    depends only on the word and on whether it opens the sentence (its lexicon tag, a first word's
    lowercase form's, then NNP for a title-case word, CD for a number, else its suffix rules).
    tests/test_fast_paths.py checks both agree."""
    lookup, number, (noun, proper, cardinal) = _tagger_tables()
    tags = []
    for i, word in enumerate(words):
        tag = lookup(word)
        if tag is None and i == 0:
            tag = lookup(word.lower()) or None
        if tag is None:
            if word.istitle():
                tag = proper
            elif number.match(word) is not None:
                tag = cardinal
            else:
                tag = _suffix_tag(word, noun)
        tags.append(tag)
    return tags


_ADJECTIVE_ENDINGS = ("able", "al", "ful", "ible", "ient", "ish", "ive", "less", "tic", "ous")


def _suffix_tag(token: str, tag: str) -> str:
    """TextBlob's `_suffix_rules` for English: an unknown word's tag from its ending (the last rule that
    applies wins)."""
    if token.endswith("ing"):
        tag = "VBG"
    if token.endswith("ly"):
        tag = "RB"
    if token.endswith("s") and not token.endswith(("is", "ous", "ss")):
        tag = "NNS"
    if token.endswith(_ADJECTIVE_ENDINGS) or "-" in token:
        tag = "JJ"
    if token.endswith("ed"):
        tag = "VBN"
    if token.endswith(("ate", "ify", "ise", "ize")):
        tag = "VBP"
    return tag


_NP_START = frozenset(("DT", "CD", "PRP$", "PRP", "JJ", "NNS", "NNP", "NNPS", "NN"))
_NOUNISH = frozenset(("NN", "NNS", "NNP", "NNPS", "PRP"))


def _fix_tags(words: list[str], tags: list[str], verbs: frozenset[str]) -> list[str]:
    """Project rules over the Brill tagger's known slips, each seen in news text (tests/test_actors.py);
    `tags` (one per word) are corrected in place and returned. A word whose tag no rule reads is passed
    over before the rules are tried, in their order."""
    n = len(words)
    lowers = [w.lower() for w in words]
    for i in range(1, n):
        tag, word = tags[i], lowers[i]
        nounish, participle = tag.startswith("NN"), word in _PARTICIPLES
        if not (nounish or participle):
            continue  # every rule below needs a noun tag or a participle
        following = tags[i + 1] if i + 1 < n else ""
        if participle and _after_be(lowers, tags, i):
            tags[i] = "VBN"  # "were shot"
        elif nounish and word.endswith("ing") and tags[i - 1] == "IN" and following in _NP_START:
            tags[i] = "VBG"  # "of displacing Sunni communities"
        elif participle and nounish and tags[i - 1] in _NOUNISH and following in _NP_START:
            tags[i] = "VBD"  # "Police shot three protesters"
        elif tag == "NN" and tags[i - 1] == "TO" and word in verbs:
            tags[i] = "VB"  # "to fight Islamic State"
        elif nounish and tags[i - 1] == "PRP" and word in verbs:
            tags[i] = "VBD"  # "areas they retook"
        elif (nounish and (lowers[i - 1].endswith(("n't", "n\u2019t")) or lowers[i - 1] in ("not", "never"))
              and _after_negated_auxiliary(lowers, i)):
            tags[i] = "VB"  # "did not attack", "didn't attack"
    for i, tag in enumerate(tags):
        if tag[:1] not in ("V", "J") and lowers[i] != "close":
            continue  # the rules below read verbs, participles, adjectives and "close"
        following = tags[i + 1] if i + 1 < n else ""
        if "-" in words[i] and tag.startswith("VB") and following[:2] in ("NN", "JJ"):
            tags[i] = "JJ"  # "the Russian-backed forces", "Iranian-trained militias"
        elif (tag == "VBN" and i and tags[i - 1] in ("JJ", "DT", "PRP$", "CD", "POS")
              and following in ("NN", "NNS")):
            tags[i] = "JJ"  # "Iraqi armed forces", "the wounded soldiers"
        elif tag == "JJ" and words[i][:1].isupper() and i and tags[i - 1] == "NNP":
            tags[i] = "NNP"  # "Moon Jae-in"
        elif lowers[i] == "close" and following == "TO" and i and tags[i - 1].startswith("NN"):
            tags[i] = "JJ"  # "sources close to the militias"
    return tags


def _after_negated_auxiliary(lowers: Sequence[str], i: int) -> bool:
    previous = lowers[i - 1].replace("\u2019", "'")
    if previous.endswith("n't") and previous[:-3] in _AUXILIARIES | {
        "could",
        "wo",
        "ca",
        "do",
        "does",
        "did",
    }:
        return True
    return i >= 2 and previous in ("not", "never") and lowers[i - 2] in _AUXILIARIES


def _after_be(lowers: Sequence[str], tags: Sequence[str], i: int) -> bool:
    j = i - 1
    while j >= 0 and tags[j] in ("RB", "RBR", "RBS"):
        j -= 1
    return j >= 0 and lowers[j] in _BE


@cache
def sentiment_words() -> frozenset[str]:
    """Every word TextBlob's sentiment lexicon scores: a window with none of them scores nothing, so the
    (slow) assessment can be skipped with an identical result."""
    return frozenset(_sentiment().keys())


@dataclass(frozen=True)
class _SentimentTables:
    """TextBlob's sentiment lexicon as plain lookups, read once."""

    scores: dict[str, tuple[float, float, float]]  # (polarity, subjectivity, intensity), all parts of speech
    modifiers: frozenset[str]  # words it also scores as adverbs: they modify the next word
    labels: dict[str, str]
    emoticons: dict[str, float]  # each face's polarity
    negations: tuple[str, ...]
    is_modifier: Callable[[str], bool]  # an unknown word that still modifies ("-ly")
    punctuation: str


@cache
def _sentiment_tables() -> _SentimentTables:
    sentiment = _sentiment()
    names = type(sentiment).assessments.__globals__  # the module of TextBlob's `Sentiment.assessments`
    emoticons: dict[str, float] = {}
    for (_, value), faces in names["EMOTICONS"].items():  # the first group that has a face wins
        for face in faces:
            emoticons.setdefault(face.lower(), value)
    return _SentimentTables(
        scores={w: tuple(by_pos[None]) for w, by_pos in dict.items(sentiment) if None in by_pos},
        modifiers=frozenset(w for w, by_pos in dict.items(sentiment)
                            if any(tag in by_pos for tag in sentiment.modifiers)),
        labels=dict(sentiment.labeler),
        emoticons=emoticons,
        negations=tuple(sentiment.negations),
        is_modifier=sentiment.modifier,
        punctuation=names["PUNCTUATION"],
    )


def assessments(words: Sequence[str]) -> list[Any]:
    """TextBlob's assessments of a word sequence (its negation and intensifier rules included): the
    result of `textblob.en.sentiment.assessments(((w.lower(), None) for w in words), True)`, computed
    from plain lookups (`_sentiment_tables`) instead of TextBlob's lazy dictionary;
    tests/test_fast_paths.py checks both agree."""
    lowered = [w.lower() for w in words]
    if sentiment_words().isdisjoint(lowered):
        return []
    return _assess(lowered)


def _assess(words: list[str]) -> list[Any]:
    """TextBlob's `Sentiment.assessments` (pattern's `_text.py`) for words without part-of-speech tags,
    step for step; each assessment is [words, polarity, subjectivity, intensity, negated, label]."""
    tables = _sentiment_tables()
    scores, modifiers, labels, emoticons = tables.scores, tables.modifiers, tables.labels, tables.emoticons
    negations, is_modifier, punctuation = tables.negations, tables.is_modifier, tables.punctuation
    a: list[list[Any]] = []
    m: str | None = None  # the preceding modifier (an adverb: "really good")
    n: str | None = None  # the preceding negation ("not good")
    for w in words:
        known = scores.get(w)
        if known is not None:
            p, s, i = known
            if m is None:
                a.append([[w], p, s, i, 1, labels.get(w)])
            else:
                last = a[-1]
                last[0].append(w)
                last[1] = max(-1.0, min(p * last[3], +1.0))
                last[2] = max(-1.0, min(s * last[3], +1.0))
                last[3] = i
                last[5] = labels.get(w)
            if n is not None:
                last = a[-1]
                last[0].insert(0, n)
                last[3] = 1.0 / last[3]
                last[4] = -1
            m = w if w in modifiers else None
            n = w if w in negations else None
        else:
            if w in negations:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and is_modifier(m):
                a[-1][0].append(n)
                a[-1][4] = -1
                n = None
            elif m is not None and len(w) > 2:
                m = None
            if w == "!" and len(a) > 0:
                a[-1][0].append("!")
                a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
            if w == "(!)":
                a.append([[w], 0.0, 1.0, 1.0, 1, "irony"])
            if w.isalpha() is False and len(w) <= 5 and w not in punctuation and w in emoticons:
                a.append([[w], emoticons[w], 1.0, 1.0, 1, "mood"])
    return [(w, p * -0.5 if n_ < 0 else p, s, x) for w, p, s, _, n_, x in a]


def polarity(words: Sequence[str]) -> tuple[float, tuple[tuple[str, float], ...]]:
    """TextBlob's polarity of a word sequence (with its negation and intensifier rules) and the
    words that produced it, so a report can say why."""
    assessments_ = assessments(words)
    scored = [(" ".join(ws), score) for ws, score, _, _ in assessments_ if score]
    if not assessments_:
        return 0.0, ()
    return sum(score for _, score, _, _ in assessments_) / len(assessments_), tuple(scored)
