"""The throughput work's shortcuts (docs/benchmarks.md) give exactly what the slower code they replace gave:
each cache, index or re-implementation is checked here against the original."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from framing import nlp

# Words that exercise every rule of TextBlob's assessments: scored words, adverbs that modify
# ("really", "-ly"), negations before and inside a modifier ("not", "n't"), "!", the irony mark "(!)",
# emoticons (alphabetic ones are not read as emoticons), short words that keep a negation alive,
# punctuation and numbers.
_SENTIMENT_WORDS = [
    "good", "bad", "brutal", "great", "terrible", "horribly", "happily", "very", "really", "extremely",
    "not", "no", "never", "n't", "!", "(!)", ":)", ":-(", "<3", "xd", ":d", ";-)", "a", "is", "the", "it",
    "'", "''", ".", ",", "(", ")", "2017", "\u2014", "'s", "said", "militants", "regime", "slightly",
]


def _textblob_assessments(words: list[str]) -> list[object]:
    return nlp._sentiment().assessments(((w.lower(), None) for w in words), True)


@given(st.lists(st.sampled_from(_SENTIMENT_WORDS), max_size=14))
def test_assessments_equal_textblobs_own(words: list[str]) -> None:
    # `_assess` itself: `assessments` skips (as before) a sequence with no word of the sentiment lexicon
    assert nlp._assess([w.lower() for w in words]) == _textblob_assessments(words)


def test_assessments_equal_textblobs_own_on_sentences() -> None:
    sentences = [
        "The regime's brutal crackdown was not really good news !",
        "Officials said it was a very, very happy day :) but never a great one (!)",
        "Militants did n't attack ; the terrible , terribly slow advance was extremely bad",
        "XD no good :-( <3 the truly awful and not at all nice offensive",
    ]
    for sentence in sentences:
        words = sentence.split()
        expected = _textblob_assessments(words)
        assert expected, sentence  # each sentence is scored: the comparison means something
        assert nlp.assessments(words) == expected


def _examples_words() -> list[list[str]]:
    from .conftest import ROOT

    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt")))
    from framing.text import prepare

    return [[w.replace("\u2019", "'") for _, _, w in nlp.tokenize(text, s, e)]
            for s, e in prepare(text).sentences]


def test_find_tags_equal_the_pattern_taggers_on_the_examples() -> None:
    sentences = _examples_words()
    assert sum(map(len, sentences)) > 800
    for words in sentences:
        assert nlp.find_tags(words) == [tag for _, tag in nlp._parser().find_tags(words)]


# Unknown words of every shape the tagger's fallbacks read: title case, numbers, suffixes, hyphens.
_TAGGER_WORDS = st.one_of(
    st.sampled_from(["The", "the", "Regime", "militias", "2,017", "1990s", "-", "U.S.-backed", "Hatra",
                     "unheard-of", "zorbling", "blorfed", "Flimsy", "glorify", "realise", "XYZ", "'s", "."]),
    st.text(alphabet="abcXYZ09-.,'", min_size=1, max_size=8),
)


@given(st.lists(_TAGGER_WORDS, min_size=1, max_size=10))
def test_find_tags_equal_the_pattern_taggers(words: list[str]) -> None:
    assert nlp.find_tags(words) == [tag for _, tag in nlp._parser().find_tags(words)]


def test_chunk_kinds_computed_once_equal_each_tokens_kind() -> None:
    from framing.engine.chunks import _kind, _kinds
    from framing.engine.fast import FastEngine

    text = "\n".join(" ".join(words) for words in _examples_words())
    document = FastEngine.shared().parse(text)
    tags = set()
    for parse in document.parses:
        tokens = list(parse.tokens)
        tags.update(t.tag for t in tokens)
        assert _kinds(tokens) == [_kind(tokens, i) for i in range(len(tokens))]
    assert {"NN", "JJ", "RB", "IN", "TO", "VBD", "MD", "PRP", "DT"} <= tags


# Each tag fix (nlp._fix_tags) where it applies, and where it must not: the fixes skip words no rule reads,
# so every rule is checked to still change the tagger's tag. (sentence, word, fixed tag)
_TAG_FIXES = [
    ("The militants did not attack the town.", "attack", "VB"),
    ("The militants didn't attack the town.", "attack", "VB"),
    ("The militants didn\u2019t attack the town.", "attack", "VB"),
    ("Five villagers were shot yesterday.", "shot", "VBN"),
    ("Police shot three protesters.", "shot", "VBD"),
    ("They came to fight Islamic State.", "fight", "VB"),
    ("The areas they retook were empty.", "retook", "VBD"),
    ("He accused them of displacing Sunni communities.", "displacing", "VBG"),
    ("The Russian-backed forces advanced.", "Russian-backed", "JJ"),
    ("Iraqi armed forces advanced.", "armed", "JJ"),
    ("President Moon Jae-in spoke.", "Jae-in", "NNP"),
    ("Sources close to the militias said so.", "close", "JJ"),
    ("The militants would never attack towns.", "attack", "VB"),
    ("The militants never attack towns.", "attack", "NN"),  # "never" without an auxiliary: no fix
]


def test_each_tag_fix_still_applies() -> None:
    from framing.engine.fast import known_verb_forms

    verbs = frozenset(known_verb_forms())
    for sentence, word, fixed in _TAG_FIXES:
        words = [w.replace("\u2019", "'") for _, _, w in nlp.tokenize(sentence, 0, len(sentence))]
        raw = dict(zip(words, nlp.find_tags(words), strict=True))
        tags = {w: t for _, _, w, t in nlp.tag_sentence(sentence, 0, len(sentence), verbs)}
        assert tags[word] == fixed, sentence
        if fixed != "NN":
            assert raw[word.replace("\u2019", "'")] != fixed, sentence  # the fix changed the tagger's tag
