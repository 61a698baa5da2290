"""The self-contained HTML report of analyses: one file, inline CSS and SVG, no scripts, fonts, images or
links outside itself, so it works offline, printed, on a phone and when emailed.

The page comes from Jinja2 templates in `framing/render/templates/` with autoescaping on: every value from
an article, a file name or a lexicon is escaped by the template engine, not by each call site. This
module only turns an `Analysis` into plain values for the templates; it computes nothing new (the neutral
rewrite's re-scoring is done by the pipeline and passed in).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from framing.coursework import Rewrite, glossary, questions, rewrite_text
from framing.messages import (
    KIND_HEADING,
    allegations_line,
    alternatives_line,
    count,
    headline,
    names_line,
    quote_note,
    rewrite_intro,
    roles_line,
    score_line,
    sources_line,
    summary_line,
    voice_line,
)
from framing.model import STRENGTH_MEANING, Analysis, Connotation, Finding, Kind, Lexicon

# Connotation cues that do not rely on colour: a symbol after the words and a border style.
CUE = {
    Connotation.NEGATIVE: "\u2212",  # minus
    Connotation.POSITIVE: "+",
    Connotation.EUPHEMISTIC: "~",
    Connotation.NEUTRAL: "\u2022",  # bullet
}
_LEGEND = {Connotation.NEGATIVE: "casts negatively", Connotation.POSITIVE: "casts favourably",
           Connotation.EUPHEMISTIC: "softens", Connotation.NEUTRAL: "identity label or sourcing marker"}


@cache
def environment():
    """The template environment: package templates, autoescaping on for every template, strict undefined."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("framing.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(template: str, title: str, lexicon: Lexicon | None, **values: Any) -> str:
    from framing import __version__

    lexicon_line = (
        (
            f"lexicon of {count(len(lexicon.entries), 'entry', 'entries')} in "
            f"{count(len(lexicon.categories), 'category', 'categories')}"
        )
        if lexicon
        else ""
    )
    return (
        environment()
        .get_template(template)
        .render(title=title, version=__version__, lexicon_line=lexicon_line, **values)
    )


def _finding(index: int, finding: Finding, lexicon: Lexicon) -> dict[str, Any]:
    return {
        "index": index,
        "text": finding.text,
        "key": finding.entry.key,
        "connotation": finding.entry.connotation.value,
        "cue": CUE[finding.entry.connotation],
        "headline": headline(finding),
        "explanation": finding.entry.explanation,
        "note": quote_note(finding),
        "alternatives": alternatives_line(finding),
        "sources": sources_line(finding.entry, lexicon),
    }


def _pieces(analysis: Analysis, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text as a flat list: sentence opens and closes (anchors for evidence links), plain text,
    findings."""
    text = analysis.text
    out: list[dict[str, Any]] = []

    def plain(s: str) -> None:
        if s:
            out.append({"open": None, "close": False, "finding": None, "text": s})

    spans = analysis.sentences or ((0, len(text)),)
    last = k = 0
    for n, (s_start, s_end) in enumerate(spans):
        plain(text[last:s_start])
        out.append({"open": n, "close": False, "finding": None, "text": ""})
        cursor = s_start
        while k < len(analysis.findings) and analysis.findings[k].start < s_end:
            f = analysis.findings[k]
            start = max(f.start, cursor)
            plain(text[cursor:start])
            out.append({"open": None, "close": False, "finding": findings[k], "text": text[start : f.end]})
            cursor = f.end
            k += 1
        plain(text[cursor : max(cursor, s_end)])
        out.append({"open": None, "close": True, "finding": None, "text": ""})
        last = max(cursor, s_end)
    plain(text[last:])
    return out


def _evidence_link(analysis: Analysis, start: int, end: int, prefix: str) -> str:
    for i, f in enumerate(analysis.findings):
        if f.start == start and f.end == end:
            return f"#{prefix}f{i}"
    for n, (s, e) in enumerate(analysis.sentences):
        if s <= start < e:
            return f"#{prefix}s{n}"
    return f"#{prefix}article"


def _actors(analysis: Analysis, prefix: str) -> list[dict[str, Any]]:
    return [
        {
            "name": a.name,
            "score": a.score,
            "score_line": score_line(a),
            "parts": [c for c in a.components if c.evidence],
            "names": names_line(a),
            "labels": ", ".join(f.text for f in (*a.labels, *a.descriptors)) or "none",
            "roles": roles_line(a),
            "voice": voice_line(a),
            "allegations": allegations_line(a),
            "evidence": [
                {
                    "component": c.name,
                    "href": _evidence_link(analysis, e.start, e.end, prefix),
                    "text": e.text[:80],
                    "value": e.value,
                    "reason": e.reason,
                }
                for c in a.components
                for e in c.evidence
            ],
        }
        for a in analysis.actors
    ]


def _rewrite_pieces(rewrite: Rewrite) -> list[dict[str, str]]:
    out, last = [], 0
    for swap in rewrite.swaps:
        out.append({"text": rewrite.text[last : swap.start], "new": "", "old": ""})
        out.append({"text": "", "new": swap.new, "old": swap.finding.text})
        last = swap.end
    out.append({"text": rewrite.text[last:], "new": "", "old": ""})
    return out


def _document(analysis: Analysis, lexicon: Lexicon, index: int, rewrite: Rewrite) -> dict[str, Any]:
    prefix = f"d{index}-"
    findings = [_finding(i, f, lexicon) for i, f in enumerate(analysis.findings)]
    groups = [
        (KIND_HEADING[kind], [findings[i] for i, f in enumerate(analysis.findings) if f.entry.kind is kind])
        for kind in Kind
    ]
    return {
        "prefix": prefix,
        "source": analysis.source,
        "notes": analysis.notes,
        "summary_line": summary_line(analysis.summary),
        "pieces": _pieces(analysis, findings),
        "finding_groups": [(h, rows) for h, rows in groups if rows],
        "actors": _actors(analysis, prefix),
        "questions": questions(analysis),
        "rewrite": rewrite,
        "rewrite_pieces": _rewrite_pieces(rewrite),
        "rewrite_intro": rewrite_intro(len(rewrite.swaps)),
        "glossary": glossary(analysis, lexicon),
    }


def render_html(
    analyses: Sequence[Analysis], lexicon: Lexicon, rewrites: Sequence[Rewrite] | None = None
) -> str:
    """The report page. `rewrites` (one per analysis, from `coursework.neutral_rewrite` with the user's
    options) adds each actor's score after the rewrite; without them the rewritten text is shown alone."""
    rewrites = rewrites if rewrites is not None else [rewrite_text(a) for a in analyses]
    legend = [{"value": c.value, "cue": CUE[c], "name": _LEGEND[c]} for c in Connotation]
    docs = [_document(a, lexicon, i, r) for i, (a, r) in enumerate(zip(analyses, rewrites, strict=True))]
    return render_page(
        "analysis.html.j2",
        "Framing report",
        lexicon,
        legend=legend,
        docs=docs,
        strength=list(STRENGTH_MEANING.items()),
    )
