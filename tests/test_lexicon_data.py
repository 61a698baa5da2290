"""Tests generated from the shipped lexicons: each entry's own examples, alternatives, sources, coverage."""

from __future__ import annotations

import pytest

from framing import Kind, Lexicon, load_lexicon
from framing.detect import find_terms
from framing.engine import get_engine
from framing.model import Entry

LEXICON = load_lexicon()
REQUIRED_CATEGORIES = {
    "labels-pejorative",
    "labels-favourable",
    "sponsorship",
    "identity",
    "allegation",
    "atrocity",
    "euphemism",
    "emotive",
    "hedges",
    "attribution-verbs",
    "factive-verbs",
    "dehumanising",
    "conflict-verbs",
}


def _cases(attribute: str) -> list[pytest.param]:
    return [
        pytest.param(entry, sentence, id=f"{entry.key}:{i}")
        for entry in LEXICON.entries
        for i, sentence in enumerate(getattr(entry, attribute))
    ]


FAST = get_engine("fast")


@pytest.mark.parametrize(("entry", "sentence"), _cases("examples_flag"))
def test_flag_example_is_flagged_by_its_entry(entry: Entry, sentence: str, lexicon: Lexicon) -> None:
    assert any(f.entry.key == entry.key for f in find_terms(sentence, lexicon, engine=FAST))


@pytest.mark.parametrize(("entry", "sentence"), _cases("examples_pass"))
def test_pass_example_is_not_flagged_by_its_entry(entry: Entry, sentence: str, lexicon: Lexicon) -> None:
    assert not any(f.entry.key == entry.key for f in find_terms(sentence, lexicon, engine=FAST))


def _checked_cases() -> list[pytest.param]:
    return [pytest.param(entry, sentence, flag, id=f"{entry.key}:{'flag' if flag else 'pass'}{i}")
            for entry in LEXICON.entries if entry.checks
            for flag, sentences in ((True, entry.examples_flag), (False, entry.examples_pass))
            for i, sentence in enumerate(sentences)]


@pytest.mark.parametrize(("entry", "sentence", "flag"), _checked_cases())
def test_checked_entries_examples_hold_with_the_spacy_engine(entry: Entry, sentence: str, flag: bool,
                                                              lexicon: Lexicon) -> None:
    found = any(f.entry.key == entry.key for f in find_terms(sentence, lexicon, engine=get_engine("spacy")))
    assert found is flag


def test_condition_texts_without_checks_have_no_non_loaded_examples(lexicon: Lexicon) -> None:
    # The loader rejects such entries; the shipped lexicon therefore has checks where senses differ.
    assert sum(1 for e in lexicon.entries if e.checks) >= 6


@pytest.mark.parametrize(
    ("entry", "alternative"),
    [pytest.param(e, a, id=f"{e.key}:{a}") for e in LEXICON.entries for a in e.alternatives],
)
def test_alternatives_are_not_loaded(entry: Entry, alternative: str, lexicon: Lexicon) -> None:
    assert [f.entry.key for f in find_terms(alternative, lexicon) if f.entry.kind is Kind.LOADED] == []


def test_lexicon_size_and_categories(lexicon: Lexicon) -> None:
    assert len(lexicon.entries) >= 500
    assert set(lexicon.by_category) >= REQUIRED_CATEGORIES


def test_every_source_reference_resolves(lexicon: Lexicon) -> None:
    for entry in lexicon.entries:
        assert all(key in lexicon.sources for key in entry.source_keys), entry.key


def test_every_entry_has_a_named_source_beside_judgement(lexicon: Lexicon) -> None:
    for entry in lexicon.entries:
        assert set(entry.source_keys) - {"project-judgement"}, entry.key


def test_lexicon_reference_is_fresh(lexicon: Lexicon) -> None:
    from framing.render.lexicon_docs import render_lexicon_docs

    from .conftest import ROOT

    reference = ROOT / "docs" / "lexicon-reference.md"
    assert reference.read_text(encoding="utf-8") == render_lexicon_docs(lexicon), (
        "run: framing lexicon docs --output docs/lexicon-reference.md"
    )
