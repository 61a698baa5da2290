"""Markdown report: pastes cleanly into course material and issue trackers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from framing.messages import (
    KIND_HEADING,
    allegations_line,
    alternatives_line,
    headline,
    names_line,
    quote_note,
    rewrite_intro,
    roles_line,
    narrative_line,
    score_line,
    sources_line,
    summary_line,
    voice_line,
)
from framing.model import Analysis, Entry, Kind, Lexicon
from framing.render.safe import markdown as safe_markdown
from framing.text import LineIndex

if TYPE_CHECKING:
    from framing.coursework import Rewrite


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell: no pipes, line breaks, links, images or inline HTML."""
    return safe_markdown(text)


def _lines(text: str) -> str:
    """Like `_cell`, but line breaks stay (for the rewritten text, paragraph by paragraph)."""
    return "\n".join(_cell(line) for line in text.split("\n"))


def _analysis_md(analysis: Analysis, lexicon: Lexicon, rewrite: Rewrite) -> list[str]:
    summary = analysis.summary
    out = [f"## {_cell(analysis.source)}", ""]
    out.extend(f"> Note: {_cell(note)}" for note in analysis.notes)
    if analysis.notes:
        out.append("")
    out.append(summary_line(summary))
    out.append("")
    if not analysis.findings:
        out.extend(["No findings.", ""])
        out.extend(_actors_md(analysis))
        return out
    out.extend(["| category | kind | findings | per 1,000 words |", "|---|---|---:|---:|"])
    out.extend(
        f"| {c.category} | {c.kind.value} | {c.count} | {c.per_1k_words:.1f} |" for c in summary.by_category
    )
    out.append("")
    lines = LineIndex(analysis.text)
    own = [f for f in analysis.findings if not f.in_quote]
    quoted = [f for f in analysis.findings if f.in_quote]
    for kind in Kind:
        group = [f for f in own if f.entry.kind is kind]
        if not group:
            continue
        out.extend([f"### {KIND_HEADING[kind]}", "", "| where | words | entry | reading | alternatives |",
                    "|---|---|---|---|---|"])
        for f in group:
            line, col = lines.line_col(f.start)
            out.append(f"| {line}:{col} | {_cell(f.text)} | `{f.entry.key}` | {_cell(headline(f))} | "
                       f"{_cell(alternatives_line(f))} |")
        out.append("")
    if quoted:
        out.extend(["### In direct quotations (the sources' words, not the writer's)", "",
                    "| where | words | entry | attributed to |", "|---|---|---|---|"])
        for f in quoted:
            line, col = lines.line_col(f.start)
            note = quote_note(f) or ""
            out.append(f"| {line}:{col} | {_cell(f.text)} | `{f.entry.key}` | {_cell(note)} |")
        out.append("")
    out.extend(_actors_md(analysis))
    out.extend(_sentence_model_md(analysis))
    out.extend(_coursework_md(analysis, lexicon, rewrite))
    out.extend(["### Why these words were flagged", ""])
    seen: dict[str, Entry] = {}
    for f in analysis.findings:
        seen.setdefault(f.entry.key, f.entry)
    for key, entry in sorted(seen.items()):
        out.append(
            f"- **{_cell(entry.term)}** (`{key}`, {entry.connotation.value}, strength {entry.strength}): "
            f"{_cell(entry.explanation)} {_cell(sources_line(entry, lexicon))}."
        )
    out.append("")
    return out


def _sentence_model_md(analysis: Analysis) -> list[str]:
    flagged = sorted(
        (s for s in analysis.sentence_scores if s.probability >= 0.5), key=lambda s: -s.probability
    )
    if not analysis.sentence_scores:
        return []
    out = ["### Sentences a learned model reads as loaded", ""]
    if not flagged:
        return [*out, "None above 0.5.", ""]
    out.extend(["| probability | sentence | features behind it |", "|---:|---|---|"])
    for score in flagged[:10]:
        start, end = analysis.sentences[score.sentence]
        reasons = ", ".join(f"{f} {c:+.2f}" for f, c in score.reasons)
        out.append(f"| {score.probability:.2f} | {_cell(analysis.text[start:end])} | {_cell(reasons)} |")
    out.append("")
    return out


def _coursework_md(analysis: Analysis, lexicon: Lexicon, rewrite: Rewrite) -> list[str]:
    from framing.coursework import glossary, questions

    out = ["### Questions for discussion", ""]
    out.extend(f"{n}. {_cell(q)}" for n, q in enumerate(questions(analysis), start=1))
    if rewrite.swaps:
        intro = rewrite_intro(len(rewrite.swaps)) + " New words are in bold."
        out.extend(["", "### Neutral rewrite", "", intro, ""])
        pieces, last = [], 0
        for swap in rewrite.swaps:
            pieces.append(_lines(rewrite.text[last : swap.start]))
            pieces.append(f"**{_cell(swap.new)}** ~~{_cell(swap.finding.text)}~~")
            last = swap.end
        pieces.append(_lines(rewrite.text[last:]))
        quoted = "".join(pieces).strip("\n")
        out.extend(line.rstrip() for line in quoted.split("\n"))
        if rewrite.changes is not None:
            out.extend(["", "| actor | score | after the rewrite |", "|---|---:|---:|"])
            out.extend(
                f"| {_cell(c.actor)} | {c.before:+.2f} | "
                f"{'not found' if c.after is None else f'{c.after:+.2f}'} |"
                for c in rewrite.changes
            )
    out.extend(["", "### Glossary", ""])
    out.extend(
        f"- **{_cell(g.title)}** ({g.kind.value}): {_cell(g.description)}"
        for g in glossary(analysis, lexicon)
    )
    out.append("")
    return out


def _actors_md(analysis: Analysis) -> list[str]:
    if not analysis.actors:
        return []
    out = [
        "### Actors",
        "",
        "| actor | names used | roles | voice | allegations | score |",
        "|---|---|---|---|---|---:|",
    ]
    for a in analysis.actors:
        out.append(
            f"| {_cell(a.name)} | {_cell(names_line(a))} | {roles_line(a)} | {voice_line(a)} | "
            f"{allegations_line(a)} | {score_line(a)} |"
        )
    out.extend(["", "How each score is made (component: share of the score, then the words behind it):", ""])
    for a in analysis.actors:
        parts = [c for c in a.components if c.evidence]
        if not parts:
            continue
        out.append(f"- **{_cell(a.name)}** {score_line(a)}; {_cell(narrative_line(a))}")
        for c in parts:
            words = "; ".join(
                f'"{_cell(e.text[:60])}" {e.value:+.2f} ({_cell(e.reason)})' for e in c.evidence[:4]
            )
            more = f"; and {len(c.evidence) - 4} more" if len(c.evidence) > 4 else ""
            out.append(f"  - {c.name} {c.contribution:+.2f}: {words}{more}")
    out.append("")
    return out


def render_markdown(
    analyses: Sequence[Analysis], lexicon: Lexicon, rewrites: Sequence[Rewrite] | None = None
) -> str:
    from framing import __version__
    from framing.coursework import rewrite_text

    rewrites = rewrites if rewrites is not None else [rewrite_text(a) for a in analyses]
    out = ["# Framing report", ""]
    for analysis, rewrite in zip(analyses, rewrites, strict=True):
        out.extend(_analysis_md(analysis, lexicon, rewrite))
    out.append(
        f"_framing {__version__}, lexicon of {len(lexicon.entries)} entries. Strength: 1 evaluative but "
        "common in neutral reporting; 2 clearly emotive or partisan; 3 dehumanising or a slur. The tool "
        "cannot see irony, context or facts: read each finding as a question, not a verdict._"
    )
    return "\n".join(out) + "\n"
