"""Renderers: pure functions from analyses to report text, one module per format."""

from __future__ import annotations

from collections.abc import Sequence

from framing.model import Analysis, Lexicon


def render(analyses: Sequence[Analysis], lexicon: Lexicon, fmt: str, *, to_terminal: bool = False) -> str:
    """The report for `analyses` in format `fmt` (terminal, json, markdown, html)."""
    if fmt == "json":
        from framing.render.json import render_json

        return render_json(analyses, lexicon)
    if fmt == "markdown":
        from framing.render.markdown import render_markdown

        return render_markdown(analyses, lexicon)
    if fmt == "html":
        from framing.render.html import render_html

        return render_html(analyses, lexicon)
    if fmt == "terminal":
        from framing.render.terminal import render_terminal

        return render_terminal(analyses, lexicon, color=to_terminal)
    raise ValueError(f"unknown format {fmt!r}; choose from: terminal, json, markdown, html")
