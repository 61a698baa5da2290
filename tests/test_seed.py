"""The seed article (read from ../shared/seeds, never copied): what the issue says must be found."""

from __future__ import annotations

import pytest

from framing import Lexicon, analyze

from .conftest import SEED

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the seed article is in ../shared/seeds")

# (words as they stand in the seed, lower-cased, with straight apostrophes) -> expected category
EXPECTED = {
    "regime": "labels-pejorative",
    "hardline": "labels-pejorative",
    "militants": "labels-pejorative",
    "militias": "labels-pejorative",
    "paramilitary": "labels-pejorative",
    "russian-backed": "sponsorship",
    "turkish-backed": "sponsorship",
    "iranian-trained": "sponsorship",
    "us-led": "sponsorship",
    "u.s.-backed": "sponsorship",
    "accused of": "allegation",
    "ethnic crimes": "atrocity",
    "demographic change": "euphemism",
    "fierce": "emotive",
    "heavy toll": "emotive",
    "great destruction": "emotive",
    "shiite": "identity",
    "shi'ite": "identity",
    "sunni": "identity",
    "sources close to": "hedges",
}
NEUTRAL_WORDS = ("forces", "province", "river", "city")


@pytest.fixture(scope="module")
def seed_findings(lexicon: Lexicon) -> dict[str, set[str]]:
    analysis = analyze(SEED.read_text(encoding="utf-8"), lexicon=lexicon)
    found: dict[str, set[str]] = {}
    for finding in analysis.findings:
        found.setdefault(finding.text.lower().replace("\u2019", "'"), set()).add(finding.entry.category)
    return found


@pytest.mark.parametrize(("words", "category"), sorted(EXPECTED.items()))
def test_seed_finding(words: str, category: str, seed_findings: dict[str, set[str]]) -> None:
    assert category in seed_findings.get(words, set()), f"{words!r} not found as {category}"


def test_neutral_words_are_never_flagged(lexicon: Lexicon) -> None:
    analysis = analyze(SEED.read_text(encoding="utf-8"), lexicon=lexicon)
    for finding in analysis.findings:
        assert not any(word in finding.text.lower().split() for word in NEUTRAL_WORDS), finding.text
