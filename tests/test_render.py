"""Golden reports for the bundled example article: wording is API. Rewrite with --update-goldens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing import Lexicon, analyze
from framing.render import render

from .conftest import EXAMPLE

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(("fmt", "suffix"), [("json", "json"), ("markdown", "md"), ("terminal", "txt")])
def test_example_report_matches_golden(fmt: str, suffix: str, lexicon: Lexicon, update_goldens: bool) -> None:
    analysis = analyze(EXAMPLE.read_text(encoding="utf-8"), source="examples/valley-offensive.txt", lexicon=lexicon,
                       engine="spacy")
    report = render([analysis], lexicon, fmt)
    golden = GOLDEN / f"valley-offensive.{suffix}"
    if update_goldens:  # never when missing: a golden that writes itself proves nothing
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(report, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: write it with pytest --update-goldens and review it"
    expected = golden.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(report) == json.loads(expected)
    else:
        assert report == expected


def test_alternatives_take_the_case_of_the_match(lexicon: Lexicon) -> None:
    from framing.messages import alternatives_for

    (finding,) = [f for f in analyze("Regime troops left.", lexicon=lexicon).findings if f.text == "Regime"]
    assert alternatives_for(finding)[0] == "Government"
