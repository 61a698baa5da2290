"""The --explain section: matches that are not findings, each with its reason (plain text, no markup)."""

from __future__ import annotations

from collections.abc import Sequence

from framing.messages import suppressed_line
from framing.model import Analysis
from framing.text import LineIndex

HEADING = "Not flagged (--explain)"


def _escape_markdown(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+-.!|~" else c for c in text)


def render_suppressed(analyses: Sequence[Analysis], *, markdown: bool = False) -> str:
    """One line per suppressed match, `source:line:column: not flagged: ...`, under a heading."""
    lines = ["", f"## {HEADING}" if markdown else HEADING, ""]
    count = 0
    for analysis in analyses:
        index = LineIndex(analysis.text)
        for item in analysis.suppressed:
            line, column = index.line_col(item.finding.start)
            text = f"{analysis.source}:{line}:{column}: {suppressed_line(item)}"
            lines.append(f"- {_escape_markdown(text)}" if markdown else text)
            count += 1
    if not count:
        lines.append("Nothing was left out.")
    return "\n".join(lines) + "\n"
