"""JSON report: `schema_version`, `framing_version`, and one object per document (docs/report-schema.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from framing.messages import alternatives_for
from framing.model import ActorFrame, Analysis, Evidence, Finding, Lexicon, Role
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
        "kind": entry.kind.value,
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


def _finding_ref(finding: Finding) -> dict[str, Any]:
    e = finding.entry
    return {
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "entry": e.key,
        "category": e.category,
        "connotation": e.connotation.value,
        "strength": e.strength,
    }


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"start": e.start, "end": e.end, "text": e.text, "value": e.value, "reason": e.reason}


def actor_dict(actor: ActorFrame) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "canonical": actor.canonical,
        "type": actor.type,
        "aliases": [{"text": n.text, "count": n.count, "entries": list(n.entries)} for n in actor.names],
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "name": m.name,
                "kind": m.kind,
                "sentence": m.sentence,
            }
            for m in actor.mentions
        ],
        "prominence": {
            "mentions": len(actor.mentions),
            "first_position": actor.first_position,
            "first_sentence": actor.mentions[0].sentence if actor.mentions else None,
        },
        "labels": [_finding_ref(f) for f in actor.labels],
        "descriptors": [_finding_ref(f) for f in actor.descriptors],
        "roles": {
            "agent": actor.role_count(Role.AGENT),
            "patient": actor.role_count(Role.PATIENT),
            "passive_agentless": actor.agentless_count,
            "clauses": [
                {
                    "role": r.role.value,
                    "verb": r.verb,
                    "verb_text": r.verb_text,
                    "start": r.verb_start,
                    "end": r.verb_end,
                    "passive": r.passive,
                    "agentless": r.agentless,
                    "other": r.other,
                    "verb_class": r.verb_class,
                    "negated": r.negated,
                }
                for r in actor.roles
            ],
        },
        "quoted": any(v.direct for v in actor.voice),
        "voice": [
            {
                "start": v.start,
                "end": v.end,
                "text": v.text,
                "direct": v.direct,
                "verb": v.verb,
                "via_source": v.via_source,
            }
            for v in actor.voice
        ],
        "allegations": [
            {
                "start": a.start,
                "end": a.end,
                "text": a.text,
                "entry": a.entry,
                "accuser": a.accuser,
                "attributed": a.accuser is not None,
            }
            for a in actor.allegations
        ],
        "sentiment": actor.sentiment,
        "score": actor.score,
        "confidence": actor.confidence,
        "probabilities": dict(zip(("negative", "neutral", "positive"), actor.probabilities, strict=False)),
        "narrative_role": {
            "role": actor.narrative_role,
            "evidence": [_evidence(e) for e in actor.narrative_evidence],
        },
        "components": {
            c.name: {
                "weight": c.weight,
                "value": c.value,
                "contribution": c.contribution,
                "evidence": [_evidence(e) for e in c.evidence],
            }
            for c in actor.components
        },
        "evidence": [{"component": c.name, **_evidence(e)} for c in actor.components for e in c.evidence],
    }


def analysis_dict(analysis: Analysis, lexicon: Lexicon) -> dict[str, Any]:
    lines = LineIndex(analysis.text)
    summary = analysis.summary
    return {
        "source": analysis.source,
        "engine": {"name": analysis.engine, "model": analysis.engine_model} if analysis.engine else None,
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
        "suppressed": [
            {
                "start": s.finding.start,
                "end": s.finding.end,
                "text": s.finding.text,
                "entry": s.finding.entry.key,
                "reason": s.reason,
            }
            for s in analysis.suppressed
        ],
        "actors": [actor_dict(a) for a in analysis.actors],
        "sentence_model": [
            {
                "sentence": sc.sentence,
                "start": analysis.sentences[sc.sentence][0],
                "end": analysis.sentences[sc.sentence][1],
                "probability": sc.probability,
                "reasons": [{"feature": f, "contribution": round(c, 3)} for f, c in sc.reasons],
            }
            for sc in analysis.sentence_scores
        ],
        "quotes": [
            {"start": q.start, "end": q.end, "text": analysis.text[q.start : q.end], "speaker": q.speaker}
            for q in analysis.quotes
        ],
    }


def render_json(analyses: Iterable[Analysis], lexicon: Lexicon, *, pretty: bool = True) -> str:
    return "".join(json_chunks(analyses, lexicon, pretty=pretty))


def json_chunks(analyses: Iterable[Analysis], lexicon: Lexicon, *, pretty: bool = True) -> Iterator[str]:
    """The JSON report in pieces, one document at a time, so a caller can write each as it is analysed:
    memory holds one document, not the run. The text is exactly `json.dumps(report, sort_keys=True)` with
    `indent=2` (pretty) or without spaces (compact, several times faster to produce)."""
    from framing import __version__

    tail = {
        "framing_version": __version__,
        "lexicon": {"entries": len(lexicon.entries), "categories": [c.name for c in lexicon.categories]},
        "schema_version": SCHEMA_VERSION,
    }
    # "documents" sorts first among the report's keys, so the array opens the object.
    if pretty:
        opening, separator, empty, closing = (
            '{\n  "documents": [\n',
            ",\n",
            '{\n  "documents": [],\n',
            "\n  ],\n",
        )
    else:
        opening, separator, empty, closing = '{"documents":[', ",", '{"documents":[],', "],"
    first = True
    for analysis in analyses:
        document = _dumps(analysis_dict(analysis, lexicon), pretty)
        if pretty:
            document = "    " + document.replace("\n", "\n    ")
        yield (opening if first else separator) + document
        first = False
    rest = _dumps(tail, pretty)
    yield (
        (empty if first else closing) + (rest[2:] if pretty else rest[1:]) + "\n"
    )  # the tail's keys, after "{"


def jsonl_lines(analyses: Iterable[Analysis], lexicon: Lexicon) -> Iterator[str]:
    """JSON Lines: one compact line per document, the object of the JSON report's `documents` with the
    report's `schema_version` and `framing_version` (docs/report-schema.md)."""
    from framing import __version__

    for analysis in analyses:
        document = analysis_dict(analysis, lexicon)
        document["schema_version"] = SCHEMA_VERSION
        document["framing_version"] = __version__
        yield _dumps(document, False) + "\n"


def _dumps(value: object, pretty: bool) -> str:
    if pretty:
        return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
