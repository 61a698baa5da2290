"""The graded evaluative layer (framing/graded.py, lexicons/graded.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import LexiconError, Lexicon, analyze, load_lexicon
from framing.graded import read_lexicon, select
from framing.model import Kind
from framing.render import render

CONFIG = {
    "source": "textblob-sentiment",
    "polarity_min": 0.5,
    "subjectivity_min": 0.5,
    "parts_of_speech": ["JJ"],
}


def test_textblob_lexicon_is_read_and_averaged() -> None:
    grades = read_lexicon()
    assert grades["stupid"].polarity < -0.5 and grades["stupid"].subjectivity >= 0.9
    assert grades["wonderful"].polarity > 0.5
    assert len(grades) > 1400


def test_selection_follows_thresholds_and_exclusions() -> None:
    words = {g.word for g in select(CONFIG)}
    assert {"stupid", "wonderful"} <= words
    assert all(abs(g.polarity) >= 0.5 and g.subjectivity >= 0.5 for g in select(CONFIG))
    assert "stupid" not in {g.word for g in select({**CONFIG, "exclude": ["stupid"]})}
    assert "stupid" not in {g.word for g in select(CONFIG, taken={"stupid"})}
    assert len(select({**CONFIG, "polarity_min": 0.9})) < len(words)


def test_shipped_layer_is_graded_strength_one_and_curated_entries_win(lexicon: Lexicon) -> None:
    graded = [e for e in lexicon.entries if e.category == "graded"]
    assert 40 < len(graded) < 100  # only the words with annotators' evidence on training folds
    assert all(
        e.kind is Kind.GRADED and e.strength == 1 and e.sources == ("textblob-sentiment",) for e in graded
    )
    curated_terms = {e.term for e in lexicon.entries if e.category != "graded"}
    assert not curated_terms & {e.term for e in graded}
    assert "graded/good" not in lexicon.by_key  # excluded: annotators rarely marked it in BABE training
    assert "graded/healthy" not in lexicon.by_key  # graded by TextBlob, but no annotator evidence
    assert "graded/guilty" not in lexicon.by_key  # evidence, but a legal status in news (reviewed)


def test_include_keeps_only_listed_words_and_rejects_words_textblob_does_not_grade(tmp_path: Path) -> None:
    assert {g.word for g in select({**CONFIG, "include": ["stupid"]})} == {"stupid"}
    (tmp_path / "sources.toml").write_text('[source.s]\ncitation = "S"\n', encoding="utf-8")
    (tmp_path / "g.toml").write_text(
        '[lexicon]\nschema = 1\ncategory = "g"\ntitle = "G"\ndescription = "d"\nkind = "graded"\n\n'
        '[graded]\nsource = "s"\npolarity_min = 0.5\nsubjectivity_min = 0.5\ninclude = ["stupid", "table"]\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path, builtin=False)
    assert [p.message for p in caught.value.problems] == [
        "[graded]: include: 'table' is not a word TextBlob grades past the thresholds"
    ]


def test_graded_findings_are_reported_apart_and_not_counted_as_loaded(lexicon: Lexicon) -> None:
    analysis = analyze("The minister gave a stupid and idiotic answer.", lexicon=lexicon, actors=False)
    graded = [f for f in analysis.findings if f.entry.kind is Kind.GRADED]
    assert {f.text for f in graded if f.entry.category == "graded"} == {"stupid", "idiotic"}
    assert analysis.summary.loaded == len(analysis.findings) - len(graded)
    markdown = render([analysis], lexicon, "markdown")
    assert "### General evaluative words (graded and learned layers, lower strength)" in markdown
    assert (
        analyze("The minister gave a stupid answer.", lexicon=lexicon, actors=False, min_strength=2).findings
        == ()
    )


def test_ambiguous_words_need_their_part_of_speech(lexicon: Lexicon) -> None:
    checked = [e for e in lexicon.entries if e.category == "graded" and e.checks]
    assert checked and all(c.startswith("pos:") for e in checked for c in e.checks)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("", "needs a [graded] table"),
        (
            '[graded]\nsource = "nowhere"\npolarity_min = 0.5\nsubjectivity_min = 0.5\n',
            "source must name a source",
        ),
        (
            '[graded]\nsource = "s"\npolarity_min = 2\nsubjectivity_min = 0.5\n',
            "polarity_min must be a number from 0 to 1",
        ),
        (
            '[graded]\nsource = "s"\npolarity_min = 0.5\nsubjectivity_min = 0.5\nexclde = []\n',
            "did you mean 'exclude'",
        ),
    ],
)
def test_bad_graded_tables_are_rejected(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "sources.toml").write_text('[source.s]\ncitation = "S"\n', encoding="utf-8")
    (tmp_path / "g.toml").write_text('[lexicon]\nschema = 1\ncategory = "g"\ntitle = "G"\ndescription = "d"\n'
                                     f'kind = "graded"\n\n{table}', encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path, builtin=False)
    assert any(message in p.message for p in caught.value.problems)


def test_graded_words_hold_only_as_adjectives_and_outside_fixed_phrases(lexicon: Lexicon) -> None:
    from framing.detect import find_terms
    from framing.engine import get_engine

    def graded(sentence: str, engine: str = "fast") -> list[str]:
        found = find_terms(sentence, lexicon, engine=get_engine(engine))
        return [f.text for f in found if f.entry.category == "graded"]

    assert graded("It was a disturbing report.", "spacy") == ["disturbing"]
    assert graded("He kept disturbing the children.", "spacy") == []  # a verb
    assert graded("Police found a dirty bomb.") == []  # a fixed phrase
    assert graded("It was a dirty campaign.") == ["dirty"]
    assert graded("The striking workers marched to the port.") == []  # on strike
    assert graded("It was a striking failure of leadership.") == ["striking"]
