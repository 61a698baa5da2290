"""The text layer: sentence splitting (golden cases), quotations and speakers, word counts."""

from __future__ import annotations

import pytest

from framing.text import LineIndex, count_words, find_quotes, prepare, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Feb. 19, the talks began. They ended.", ["On Feb. 19, the talks began.", "They ended."]),
        (
            "The U.S.-backed forces moved. Mr. Lee said so.",
            ["The U.S.-backed forces moved.", "Mr. Lee said so."],
        ),
        ("Gen. Ortiz and Lt. Col. Park arrived.", ["Gen. Ortiz and Lt. Col. Park arrived."]),
        ("He lives in the U.S. It is cold there.", ["He lives in the U.S.", "It is cold there."]),
        ("He met J. R. Smith at 5 p.m. on Friday.", ["He met J. R. Smith at 5 p.m. on Friday."]),
        ('"We will stay," he said. "Not now."', ['"We will stay," he said.', '"Not now."']),
        ("\u201cWe left.\u201d Then quiet.", ["\u201cWe left.\u201d", "Then quiet."]),
        ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
        ("Headline without a stop\n\nBody text here.", ["Headline without a stop", "Body text here."]),
        ("A headline\nA caption line.", ["A headline", "A caption line."]),
        ("It is No. 2 in the list. Next one.", ["It is No. 2 in the list.", "Next one."]),
        ("Prices rose, e.g. fuel. Then fell.", ["Prices rose, e.g. fuel.", "Then fell."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_hard_wrapped_text_keeps_sentences_across_lines() -> None:
    text = (
        "The convoy left the capital early on Monday and reached the\n"
        "Northern Province by the afternoon, officials said in a statement\n"
        "released to reporters. Aid workers followed the convoy a day later\n"
        "with food and medicine for the families who had stayed behind.\n"
    )
    assert len(split_sentences(text)) == 2


def test_sentences_cover_all_text() -> None:
    text = "One. Two!\n\nThree? Four\nfive."
    covered = "".join(text[s:e] for s, e in split_sentences(text))
    assert covered.replace(" ", "") == "".join(text.split())


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        ('"We will not retreat," Mr. Smith told reporters.', "We will not retreat,", "Mr. Smith"),
        ('"We will not retreat," said the army spokesman.', "We will not retreat,", "the army spokesman"),
        ('The minister said: "Prices will fall."', "Prices will fall.", "The minister"),
        ("\u201cIt is over,\u201d she said.", "It is over,", "she"),
        ('"It is over," a senior official said.', "It is over,", "a senior official"),
        ('A poster read "freedom now" on the wall.', "freedom now", None),
    ],
)
def test_quotes_and_speakers(text: str, quoted: str, speaker: str | None) -> None:
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == quoted
    assert quote.speaker == speaker
    if speaker:
        assert text[quote.speaker_start : quote.speaker_end] == speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "\u2018We will not retreat,\u2019 the minister said.",
            [("We will not retreat,", "the minister")],
            id="british-single-curly",
        ),
        pytest.param(
            "'We are ready,' said Gen. Omar Saleh.",
            [("We are ready,", "Gen. Omar Saleh")],
            id="straight-single-and-final-period",
        ),
        pytest.param(
            "\u201cHe told me \u2018never again\u2019,\u201d said Rami Haddad.",
            [("He told me \u2018never again\u2019,", "Rami Haddad")],
            id="nested",
        ),
        pytest.param(
            "\u201cWe will win,\u201d Lena Park said. \u201cThey will lose.\u201d",
            [("We will win,", "Lena Park"), ("They will lose.", "Lena Park")],
            id="continued-in-paragraph",
        ),
        pytest.param(
            "\u201cThey will lose.\u201d Lena Park said this on Tuesday.",
            [("They will lose.", "Lena Park")],
            id="attribution-in-the-sentence-after",
        ),
        pytest.param(
            "Lena Park spoke on Monday. \u201cWe will win,\u201d she said.",
            [("We will win,", "Lena Park")],
            id="pronoun-to-last-named-person",
        ),
        pytest.param(
            "The militants\u2019 rule ended. Don't worry, it's fine.", [], id="apostrophes-are-not-quotes"
        ),
        pytest.param(
            'He said "yes and "no.\n\nThe minister said: "Prices will fall."',
            [("yes and ", "He"), ("Prices will fall.", "The minister")],
            id="stray-mark-stays-in-its-paragraph",
        ),
        pytest.param(
            'A poster read "freedom now\n\nThe minister said: "Prices will fall."',
            [("freedom now", None), ("Prices will fall.", "The minister")],
            id="unclosed-runs-to-paragraph-end",
        ),
        pytest.param(
            '"We will win," Lena Park said in a long speech to the party conference in Manchester on Monday '
            "evening.\n"
            "The plan that the two sides agreed at the summit in the spring after months of talks is known "
            'as the "backstop" in Brussels.\n'
            "The minister told the members of parliament in the chamber on Tuesday afternoon, after the "
            'vote, that she would be "talking to colleagues\n"And I will report back."',
            [("We will win,", "Lena Park"), ("backstop", None), ("talking to colleagues", None),
             ("And I will report back.", None)],
            id="each-line-a-paragraph-unless-hard-wrapped",
        ),
        pytest.param(
            '"We will win," Lena Park said in a long speech to the party conference in Manchester on Monday '
            'evening.\n"And we will keep winning in every region of the country," she added later.\n\n'
            '"Nobody doubts it."\nRivals of the minister, who lost the vote, called the "victory" hollow.',
            [("We will win,", "Lena Park"),
             ("And we will keep winning in every region of the country,", "Lena Park"),
             ("Nobody doubts it.", "Lena Park"), ("victory", None)],
            id="a-paragraph-opening-with-a-quote-continues-the-speaker",
        ),
        pytest.param(
            'Cllr Ann Bootle said: "This is nonsense from start\nto finish." The vote was held.\n'
            '"It was never close\nat all," she said.\n'
            'A poster read "freedom now\nThe minister said it was "fine."',
            [("This is nonsense from start\nto finish.", "Cllr Ann Bootle"),
             ("It was never close\nat all,", "Cllr Ann Bootle"), ("freedom now", None),
             ("fine.", "The minister")],
            id="a-quote-left-open-at-a-line-break-closes-on-the-next-line",
        ),
        pytest.param(
            '"It should ring a bell.\nNow we stand at the brink.\nThe same people say the same things."'
            " Mr Bootle wrote.\nA sign read \"No\nThe vote was close.\nIt was held on a Tuesday.\n"
            "Turnout was low.\nThe count was slow.\nThe result was yes.\"\nNow \"Fine\nit is.\"",
            [("It should ring a bell.\nNow we stand at the brink.\nThe same people say the same things.",
              "Mr Bootle"), ("No", None), ("Fine\nit is.", None)],
            id="a-run-on-quote-spans-lines-and-stops-at-an-opening-mark-or-after-four",
        ),
    ],
)
def test_quotation_marks_and_speakers(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(text[q.start : q.end], q.speaker) for q in find_quotes(text)] == expected


def test_resolved_pronoun_keeps_what_the_text_wrote() -> None:
    text = "Lena Park spoke on Monday. \u201cWe will win,\u201d she said."
    (quote,) = find_quotes(text)
    assert quote.pronoun == "she" and text[quote.speaker_start : quote.speaker_end] == "Lena Park"


def test_in_quote_findings_name_the_speaker(lexicon) -> None:
    from framing.detect import detect

    text = '"The regime is finished," the rebel commander said. The regime denied it.'
    findings = [f for f in detect(prepare(text), lexicon) if f.text.lower() == "regime"]
    assert [(f.in_quote, f.speaker) for f in findings] == [(True, "the rebel commander"), (False, None)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("The U.S.-backed forces", 3),
        ("Iraq's Shi'ite militias", 3),
        ("100,000-strong", 2),
        ("— - !", 0),
    ],
)
def test_word_count(text: str, words: int) -> None:
    assert count_words(text) == words


def test_line_index() -> None:
    index = LineIndex("ab\ncd\n\nef")
    assert [index.line_col(p) for p in (0, 1, 3, 7, 8)] == [(1, 1), (1, 2), (2, 1), (4, 1), (4, 2)]
