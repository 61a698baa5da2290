"""Terminal report, read like a linter: path:line:col, the words, why, alternatives.

User text is only ever printed through `rich.text.Text`, never parsed as markup. Without a terminal the
report is plain text with no colour codes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.text import Text

from framing.coursework import questions
from framing.messages import (
    allegations_line,
    alternatives_line,
    components_line,
    count,
    headline,
    names_line,
    quote_note,
    roles_line,
    narrative_line,
    score_line,
    tag_line,
    voice_line,
)
from framing.model import Analysis, Connotation, Finding, Lexicon
from framing.render.safe import SafeConsole
from framing.text import LineIndex

_STYLE = {
    Connotation.NEGATIVE: "bold red",
    Connotation.POSITIVE: "bold green",
    Connotation.EUPHEMISTIC: "bold magenta",
    Connotation.NEUTRAL: "bold cyan",
}
_CONTEXT = 50


def _context(analysis: Analysis, finding: Finding) -> Text:
    text = analysis.text
    line_start = text.rfind("\n", max(0, finding.start - _CONTEXT), finding.start) + 1
    start = max(finding.start - _CONTEXT, line_start)
    line_end = text.find("\n", finding.end, finding.end + _CONTEXT + 1)
    end = min(finding.end + _CONTEXT, line_end if line_end != -1 else len(text))
    snippet = Text("    ")
    snippet.append(
        ("…" if start > 0 and text[start - 1] != "\n" else "") + text[start : finding.start], style="dim"
    )
    snippet.append(text[finding.start : finding.end], style=_STYLE[finding.entry.connotation])
    snippet.append(
        text[finding.end : end] + ("…" if end < len(text) and text[end] != "\n" else ""), style="dim"
    )
    return snippet


def _finding_lines(analysis: Analysis, finding: Finding, lines: LineIndex) -> list[Text]:
    line, col = lines.line_col(finding.start)
    head = Text(f"{analysis.source}:{line}:{col}  ")
    head.append(headline(finding), style=_STYLE[finding.entry.connotation])
    head.append(f"  [{tag_line(finding)}]", style="dim")
    out = [head, _context(analysis, finding)]
    note = quote_note(finding)
    if note:
        out.append(Text(f"    ({note})", style="italic"))
    out.append(Text(f"    {finding.entry.explanation}"))
    out.append(Text(f"    {alternatives_line(finding)}", style="green"))
    return out


def _actor_lines(analysis: Analysis) -> list[Text]:
    """One block per actor: name and score, then names, roles, voice, allegations, and the score's parts."""
    out = [Text(f"Actors in {analysis.source}", style="bold")]
    for actor in analysis.actors:
        style = "red" if actor.score <= -0.1 else "green" if actor.score >= 0.1 else ""
        head = Text("  ")
        head.append(actor.name, style="bold")
        head.append("  ")
        head.append(score_line(actor), style=style)
        out.append(head)
        out.append(Text(f"    names: {names_line(actor)}"))
        out.append(Text(f"    roles: {roles_line(actor)}; voice: {voice_line(actor)}; "
                        f"allegations: {allegations_line(actor)}"))
        out.append(Text(f"    score from: {components_line(actor)}", style="dim"))
        out.append(Text(f"    {narrative_line(actor)}"))
    return out


def render_terminal(
    analyses: Sequence[Analysis], lexicon: Lexicon, *, color: bool = False, width: int = 100
) -> str:
    buffer = io.StringIO()
    console = SafeConsole(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False,
                      soft_wrap=True, emoji=False, markup=False)
    for analysis in analyses:
        summary = analysis.summary
        lines = LineIndex(analysis.text)
        for finding in analysis.findings:
            for text in _finding_lines(analysis, finding, lines):
                console.print(text)
        verdict = Text(f"{analysis.source}: ", style="bold")
        verdict.append(
            f"{count(summary.findings, 'finding')} in {count(summary.words, 'word')}; "
            f"loaded language {summary.loaded} "
            f"({summary.loaded_per_1k_words:.1f} per 1,000 words), {summary.in_quotes} in direct quotations"
        )
        console.print(verdict)
        if summary.by_category:
            console.print(
                Text("    " + ", ".join(f"{c.category} {c.count}" for c in summary.by_category), style="dim")
            )
        for line in _actor_lines(analysis) if analysis.actors else ():
            console.print(line)
        asked = questions(analysis)
        if asked:
            console.print(Text("Questions for discussion", style="bold"))
            for number, question in enumerate(asked, start=1):
                console.print(Text(f"  {number}. {question}"))
        console.print(Text(""))
    return buffer.getvalue()
