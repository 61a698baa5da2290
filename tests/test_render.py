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
    analysis = analyze(
        EXAMPLE.read_text(encoding="utf-8"),
        source="examples/valley-offensive.txt",
        lexicon=lexicon,
        engine="spacy",
    )
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


# --- JSON written a document at a time ------------------------------------------------------------

def test_json_report_streams_one_document_at_a_time(lexicon: Lexicon) -> None:
    from framing.render.json import json_chunks

    def documents():
        yield analyze("The regime fell.", source="a", lexicon=lexicon)
        raise AssertionError("the second document was asked for before the first was written")

    chunks = json_chunks(documents(), lexicon, pretty=False)
    assert '"source":"a"' in next(chunks)


@pytest.mark.parametrize("pretty", [True, False])
def test_streamed_json_is_the_whole_report_dumped(lexicon: Lexicon, pretty: bool) -> None:
    from framing import __version__
    from framing.render.json import SCHEMA_VERSION, analysis_dict, render_json

    analyses = [
        analyze(t, source=str(i), lexicon=lexicon) for i, t in enumerate(("The regime fell.", "", "Rebels."))
    ]
    for count in (0, 1, 3):
        report = {
            "schema_version": SCHEMA_VERSION,
            "framing_version": __version__,
            "lexicon": {"entries": len(lexicon.entries), "categories": [c.name for c in lexicon.categories]},
            "documents": [analysis_dict(a, lexicon) for a in analyses[:count]],
        }
        layout = {"indent": 2} if pretty else {"separators": (",", ":")}
        expected = json.dumps(report, ensure_ascii=False, sort_keys=True, **layout) + "\n"
        assert render_json(analyses[:count], lexicon, pretty=pretty) == expected
