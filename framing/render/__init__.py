"""Renderers: pure functions from analyses to report text, one module per format."""

from __future__ import annotations

from collections.abc import Sequence

from typing import TYPE_CHECKING

from framing.model import Analysis, Lexicon

if TYPE_CHECKING:
    from framing.coursework import Rewrite


def render(analyses: Sequence[Analysis], lexicon: Lexicon, fmt: str, *, to_terminal: bool = False,
           rewrites: Sequence[Rewrite] | None = None) -> str:
    """The report for `analyses` in format `fmt` (terminal, json, markdown, html).

    `rewrites`, one per analysis, are the neutral rewrites the pipeline re-scored with the user's options
    (`coursework.neutral_rewrite`); without them HTML and Markdown show the rewritten text, not re-scored."""
    if fmt == "json":
        from framing.render.json import render_json

        return render_json(analyses, lexicon)
    if fmt == "markdown":
        from framing.render.markdown import render_markdown

        return render_markdown(analyses, lexicon, rewrites)
    if fmt == "html":
        from framing.render.html import render_html

        return render_html(analyses, lexicon, rewrites)
    if fmt == "terminal":
        from framing.render.terminal import render_terminal

        return render_terminal(analyses, lexicon, color=to_terminal)
    raise ValueError(f"unknown format {fmt!r}; choose from: terminal, json, markdown, html")
