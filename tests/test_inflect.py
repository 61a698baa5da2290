"""Alternatives that fit the sentence: every entry's alternatives inflected for every form it matches are
real words, and the forms follow the match (number, tense, participle after have/be)."""

from __future__ import annotations

import re

import pytest

from framing import Lexicon, analyze
from framing.coursework import rewrite_text
from framing.forms import entry_forms
from framing.inflect import conjugate, fit, lemma, pluralize, singularize
from framing.messages import alternatives_for
from framing.model import Finding
from framing.nlp import known_words

_DOUBLED = re.compile(r"(?:s|x|ch|sh)eses$|(?:e|i)ded$|ieses$|lies$|ings$")
# Real words TextBlob's word lists lack, seen among inflected alternatives (checked by hand).
_ALSO_WORDS = frozenset({"spokespeople"})
_UNCOUNTABLE = frozenset(
    {"violence", "damage", "bloodshed", "unrest", "evidence", "information", "destruction"}
)


def is_word(word: str, authored: set[str]) -> bool:
    """A dictionary word, an alternative's own word, or one of those with one regular ending; never a
    doubled ending ("protesterses", "identifieded", "illegallies")."""
    word = word.lower()
    if word in authored or word in _ALSO_WORDS or all(p in known_words() for p in word.split("-")):
        return True
    if _DOUBLED.search(word):
        return False
    stems = [
        word[: -len(s)] + r
        for s, r in (
            ("ies", "y"),
            ("es", ""),
            ("s", ""),
            ("ed", ""),
            ("d", ""),
            ("ing", ""),
            ("ing", "e"),
            ("ied", "y"),
        )
        if word.endswith(s)
    ]
    # the stem must be a base form: not already inflected ("killeds", "civilianses"), nor a mass noun
    return any(
        (stem in authored or stem in known_words())
        and not stem.endswith(("s", "ed", "ing"))
        and stem not in _UNCOUNTABLE
        for stem in stems
    )


@pytest.mark.parametrize(
    "word",
    [
        "Protesterses",
        "Demonstratorses",
        "violences",
        "illegallies",
        "civilianses",
        "identifieded",
        "satiriseded",
        "killeds",
    ],
)
def test_the_word_check_rejects_made_up_words(word: str) -> None:
    assert not is_word(
        word,
        {
            "protesters",
            "demonstrators",
            "violence",
            "illegally",
            "civilians",
            "identified",
            "satirised",
            "killed",
        },
    )


def test_every_alternative_for_every_form_is_made_of_words(lexicon: Lexicon) -> None:
    problems = []
    for entry in lexicon.entries:
        authored = {w.lower() for a in entry.alternatives for w in re.findall(r"[A-Za-z][A-Za-z'-]*", a)}
        for form in entry_forms(entry) if entry.alternatives else ():
            finding = Finding(0, len(form), form, entry, 0)
            for before in ("", "had"):
                for alternative in alternatives_for(finding, before):
                    problems.extend(
                        f"{entry.key}: {form!r} -> {alternative!r}"
                        for w in re.findall(r"[A-Za-z][A-Za-z'-]*", alternative)
                        if not is_word(w, authored)
                    )
    assert problems == []


def _fit(lexicon: Lexicon, key: str, matched: str, before: str = "") -> list[str]:
    entry = lexicon.by_key[key]
    return [fit(a, entry, matched, before) for a in entry.alternatives]


@pytest.mark.parametrize(
    ("key", "matched", "before", "expected"),
    [
        ("crime-protest/rioters", "rioters", "", "protesters"),
        ("crime-protest/rioters", "rioters", "", "people involved in the violence"),
        (
            "immigration/illegal-immigrant",
            "illegal immigrants",
            "",
            "immigrants living in the country illegally",
        ),
        ("immigration/illegal-immigrant", "illegal migrants", "", "migrants without legal status"),
        ("labels-pejorative/militia", "militias", "", "armed groups"),
        ("labels-pejorative/militia", "militiamen", "", "fighters"),
        ("conflict-verbs/retook", "retake", "", "take control of"),
        ("conflict-verbs/retook", "retaken", "", "taken control of"),
        ("conflict-verbs/retook", "retaking", "", "taking control of"),
        ("conflict-verbs/captured", "captured", "had", "taken control of"),
        ("conflict-verbs/captured", "captured", "", "took control of"),
        ("conflict-verbs/captured", "capturing", "", "taking control of"),
        ("conflict-verbs/conquered", "conquers", "", "takes control of"),
        ("factive-verbs/established-that", "has established that", "", "has concluded that"),
        ("economy/plummeting", "plummeted", "", "fell sharply"),
        ("atrocity/genocide", "genocides", "", "killings of civilians"),
        ("political-labels/rino", "RINOs", "", "moderate Republicans"),
        ("rhetoric-verbs/stonewalled", "stonewalling", "", "refusing"),
    ],
)
def test_alternatives_take_the_form_of_the_match(
    lexicon: Lexicon, key: str, matched: str, before: str, expected: str
) -> None:
    assert expected.lower() in [a.lower() for a in _fit(lexicon, key, matched, before)]


@pytest.mark.parametrize(
    ("base", "form", "expected"),
    [
        ("take", "past", "took"),
        ("take", "participle", "taken"),
        ("retake", "participle", "retaken"),
        ("defer", "past", "deferred"),
        ("say", "third", "says"),
        ("be", "past", "was"),
        ("carry", "third", "carries"),
        ("stop", "ing", "stopping"),
        ("criticise", "past", "criticised"),
        ("have", "third", "has"),
    ],
)
def test_conjugate(base: str, form: str, expected: str) -> None:
    assert conjugate(base, form) == expected
    assert lemma(expected) == base or form == "base"


@pytest.mark.parametrize(
    ("singular", "plural_form"),
    [
        ("crisis", "crises"),
        ("civilian", "civilians"),
        ("person", "people"),
        ("gunman", "gunmen"),
        ("militia", "militias"),
        ("series", "series"),
        ("violence", "violence"),
        ("eco-terrorist", "eco-terrorists"),
    ],
)
def test_pluralize_and_singularize(singular: str, plural_form: str) -> None:
    assert pluralize(singular) == plural_form
    if singular not in ("violence", "series"):
        assert singularize(plural_form) == singular


def test_the_inflector_needs_no_textblob_import() -> None:
    """Its word lists are read from TextBlob's data files directly: importing TextBlob pulls in NLTK."""
    import subprocess
    import sys

    code = (
        "import sys; from framing.inflect import fit; from framing.nlp import known_words; "
        "assert len(known_words()) > 50000; print('textblob' in sys.modules)"
    )
    assert (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        == "False"
    )


def test_the_rewrite_does_not_repeat_the_word_before(lexicon: Lexicon) -> None:
    rewrite = rewrite_text(
        analyze("Iraq's armed Shiite militias retook the town.", lexicon=lexicon, actors=False)
    )
    assert "armed Shiite fighters" in rewrite.text and "armed Shiite armed" not in rewrite.text
    assert "took control of the town" in rewrite.text
    rewrite = rewrite_text(
        analyze("Iraq's paramilitary Shiite militias left.", lexicon=lexicon, actors=False)
    )
    assert "armed Shiite fighters" in rewrite.text, rewrite.text
    rewrite = rewrite_text(analyze("Rebels had captured the town.", lexicon=lexicon, actors=False))
    assert "had taken control of the town" in rewrite.text
