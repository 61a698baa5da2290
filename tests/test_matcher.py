"""Matching rules, table-driven over the tiny test lexicon."""

from __future__ import annotations

from itertools import pairwise

import pytest

from framing import Lexicon
from framing.detect import find_terms


def keys(text: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    return [(f.text, f.entry.id) for f in find_terms(text, lexicon)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regime fell.", [("regime", "regime")]),
        ("Two regimes fell.", [("regimes", "regime")]),
        ("REGIME change", [("REGIME", "regime")]),
        ("A strict diet regime works.", []),
        ("The regime's army.", [("regime", "regime")]),
        ("The regimental band.", []),
        ("a heavy toll", [("heavy toll", "heavy-toll")]),
        ("a heavy\n  toll", [("heavy\n  toll", "heavy-toll")]),
        ("heavy fighting", [("heavy", "heavy")]),
        ("heavy tolled", [("heavy", "heavy")]),
        ("Russian-backed forces", [("Russian-backed", "x-backed")]),
        ("U.S.-backed forces", [("U.S.-backed", "x-backed")]),
        ("Iran\u2019s-backed", [("Iran\u2019s-backed", "x-backed")]),
        ("forces backed down", []),
        ("pro-Iranian groups", [("pro-Iranian", "pro-x")]),
        ("a professional", []),
        ("They have been accused of it.", [("accused of", "accused-of")]),
        ("He accuses them of it.", []),
        ("Stop accusing of lies.", [("accusing of", "accused-of")]),
        ("A terrorist and two terrorists.", [("terrorist", "terrorist"), ("terrorists", "terrorist")]),
        ("A counter-terrorist unit; terrorist-linked.", []),
        ("NATO and Nato", [("NATO", "nato-led")]),
    ],
)
def test_matching(text: str, expected: list[tuple[str, str]], tiny: Lexicon) -> None:
    assert keys(text, tiny) == expected


def test_spans_index_the_original_text(tiny: Lexicon) -> None:
    text = "İİ  The\t\tregime\u2019s   heavy \n toll,  and  Russian\u2013backed\u00a0forces."
    findings = find_terms(text, tiny)
    assert [f.entry.id for f in findings] == ["regime", "heavy-toll", "x-backed"]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text


def test_findings_never_overlap_and_come_in_order(tiny: Lexicon) -> None:
    findings = find_terms("heavy toll heavy toll regime heavy", tiny)
    spans = [(f.start, f.end) for f in findings]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_empty_lexicon_finds_nothing(tiny: Lexicon) -> None:
    from framing.matcher import Matcher

    assert Matcher(()).find("the regime") == ()
