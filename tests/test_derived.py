"""Derived forms: an entry matches the same word in the other part of speech, inflected that way."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from framing import LexiconError, Lexicon, load_lexicon
from framing.detect import find_terms
from framing.forms import entry_forms
from framing.model import Inflect


def test_noun_entry_matches_its_phrasal_verb(lexicon: Lexicon) -> None:
    forms = entry_forms(lexicon.by_key["crime-protest/crackdown"])
    assert {"crackdown", "crackdowns", "crack down", "cracks down", "cracked down", "cracking down"} <= set(
        forms
    )
    for sentence in ("Police cracked down on the vendors.", "The city is cracking down on protests.",
                     "A crackdown followed."):
        assert "crime-protest/crackdown" in [f.entry.key for f in find_terms(sentence, lexicon)]


def test_verb_entry_derives_nouns(lexicon: Lexicon) -> None:
    entry = replace(lexicon.by_key["crime-protest/crackdown"], term="crack down", inflect=Inflect.VERB,
                    variants=(), derived=("crackdown",))
    assert {"cracked down", "crackdown", "crackdowns"} <= set(entry_forms(entry))


def test_derived_needs_an_inflection(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text('[source.s]\ncitation = "S"\n', encoding="utf-8")
    (tmp_path / "t.toml").write_text(
        '[lexicon]\nschema = 1\ncategory = "t"\ntitle = "T"\ndescription = "d"\nkind = '
        '"loaded"\n\n[[entry]]\n'
        'id = "crackdown"\nterm = "crackdown"\nderived = ["crack down"]\nconnotation = '
        '"negative"\nstrength = 1\n'
        'alternatives = []\nexplanation = "Casts enforcement as a forceful blow against wrongdoers."\n'
        'sources = ["s"]\nexamples.flag = ["A crackdown began."]\nexamples.pass = ["Enforcement began."]\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path, builtin=False)
    assert any("derived forms take the other inflection" in p.message for p in caught.value.problems)
