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
