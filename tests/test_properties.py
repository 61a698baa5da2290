"""Hypothesis properties: offsets round-trip, no overlaps, determinism, totality, translation and case."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from framing import Lexicon, analyze, load_lexicon
from framing.render import render

from .conftest import ROOT

# Module-level, not a fixture: Hypothesis prints a failing example's arguments, and a lexicon is huge.
LEXICON = load_lexicon()
EXAMPLE_TEXT = (ROOT / "examples" / "valley-offensive.txt").read_text(encoding="utf-8")
WORDS = st.sampled_from(
    ["the", "regime", "militias", "Russian-backed", "U.S.-led", "fierce", "heavy", "toll", "accused", "of",
     "said", "\u201cWe", "left,\u201d", '"quoted"', "Mr.", "Feb.", "19", "Shi\u2019ite", "Sunni", "sources",
     "close", "to", "diet", "regime.", "\n\n", "\n", "  ", "İ", "ß", "—", "pro-", "-backed", "*", "."]
)
NEWSLIKE = st.lists(WORDS, max_size=60).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=400), NEWSLIKE)


@given(ANY_TEXT)
def test_offsets_round_trip_and_never_overlap(text: str) -> None:
    analysis = analyze(text, lexicon=LEXICON)
    last_end = 0
    for finding in analysis.findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.start >= last_end and finding.end > finding.start
        last_end = finding.end
    for start, end in analysis.sentences:
        assert text[start:end] == text[start:end].strip() and start < end


@given(ANY_TEXT)
def test_analysis_is_deterministic(text: str) -> None:
    first, second = analyze(text, lexicon=LEXICON), analyze(text, lexicon=LEXICON)
    assert first == second
    assert render([first], LEXICON, "json") == render([second], LEXICON, "json")


@given(ANY_TEXT)
def test_every_format_renders_any_text(text: str) -> None:
    analysis = analyze(text, lexicon=LEXICON)
    for fmt in ("terminal", "json", "markdown", "html"):
        assert render([analysis], LEXICON, fmt)


@given(
    st.lists(st.sampled_from(["Prices rose.", "Talks ended.", "It rained.", "Markets opened."]), max_size=5)
)
def test_neutral_prefix_shifts_findings(prefix_sentences: list[str]) -> None:
    prefix = " ".join(prefix_sentences) + "\n\n" if prefix_sentences else ""
    base = analyze(EXAMPLE_TEXT, lexicon=LEXICON)
    shifted = analyze(prefix + EXAMPLE_TEXT, lexicon=LEXICON)
    assert [(f.start + len(prefix), f.entry.key) for f in base.findings] == [
        (f.start, f.entry.key) for f in shifted.findings
    ]


def test_case_does_not_change_case_insensitive_findings(lexicon: Lexicon) -> None:
    text = "The regime and the militias traded fierce fire after they were accused of abuses."
    lower = [f.entry.key for f in analyze(text, lexicon=lexicon).findings]
    for variant in (text.upper(), text.title()):
        found = [
            f.entry.key for f in analyze(variant, lexicon=lexicon).findings if not f.entry.case_sensitive
        ]
        assert found == [k for k in lower if not lexicon.by_key[k].case_sensitive]


def test_empty_and_blank_text_give_empty_analysis(lexicon: Lexicon) -> None:
    for text in ("", "   ", "\n\n\t"):
        analysis = analyze(text, lexicon=lexicon)
        assert analysis.findings == () and analysis.summary.words == 0


@given(a=NEWSLIKE, b=NEWSLIKE)
def test_comparison_mirrors_and_self_comparison_is_quiet(a: str, b: str) -> None:
    from framing.compare import SourceProfile, compare

    def profile(text: str, name: str) -> SourceProfile:
        return SourceProfile(name).add(analyze(text, lexicon=LEXICON), LEXICON)

    forward = compare([profile(a, "A"), profile(b, "B")])
    backward = compare([profile(b, "B"), profile(a, "A")])
    assert sorted(d.sentence for d in forward.differences) == sorted(d.sentence for d in backward.differences)
    assert compare([profile(a, "A"), profile(a, "A again")]).differences == ()
