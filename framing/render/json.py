"""JSON report: `schema_version`, `framing_version`, and one object per document (docs/report-schema.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from framing.messages import alternatives_for
from framing.model import Analysis, Finding, Lexicon
from framing.text import LineIndex

SCHEMA_VERSION = 1


def finding_dict(finding: Finding, analysis: Analysis, lexicon: Lexicon, lines: LineIndex) -> dict[str, Any]:
    entry = finding.entry
    line, column = lines.line_col(finding.start)
    s_start, s_end = analysis.sentences[finding.sentence] if analysis.sentences else (0, 0)
    return {
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "line": line,
        "column": column,
        "entry": entry.key,
        "category": entry.category,
        "kind": lexicon.kind_of(entry).value,
        "connotation": entry.connotation.value,
        "strength": entry.strength,
        "condition": entry.condition,
        "alternatives": list(alternatives_for(finding)),
        "explanation": entry.explanation,
        "sources": [lexicon.cite(s) for s in entry.sources],
        "sentence": finding.sentence,
        "sentence_text": analysis.text[s_start:s_end],
        "in_quote": finding.in_quote,
        "speaker": finding.speaker,
    }


def analysis_dict(analysis: Analysis, lexicon: Lexicon) -> dict[str, Any]:
    lines = LineIndex(analysis.text)
    summary = analysis.summary
    return {
        "source": analysis.source,
        "notes": list(analysis.notes),
        "summary": {
            "words": summary.words,
            "findings": summary.findings,
            "loaded": summary.loaded,
            "loaded_per_1k_words": summary.loaded_per_1k_words,
            "in_quotes": summary.in_quotes,
            "by_category": {
                c.category: {"kind": c.kind.value, "count": c.count, "per_1k_words": c.per_1k_words}
                for c in summary.by_category
            },
        },
        "findings": [finding_dict(f, analysis, lexicon, lines) for f in analysis.findings],
        "quotes": [
            {"start": q.start, "end": q.end, "text": analysis.text[q.start : q.end], "speaker": q.speaker}
            for q in analysis.quotes
        ],
    }


def render_json(analyses: Sequence[Analysis], lexicon: Lexicon) -> str:
    from framing import __version__

    report = {
        "schema_version": SCHEMA_VERSION,
        "framing_version": __version__,
        "lexicon": {"entries": len(lexicon.entries), "categories": [c.name for c in lexicon.categories]},
        "documents": [analysis_dict(a, lexicon) for a in analyses],
    }
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
