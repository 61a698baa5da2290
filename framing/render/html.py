"""A basic self-contained HTML report: the article with each finding highlighted and explained.

Every piece of user text (article, file names) and lexicon text is escaped; no scripts, no external
resources.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from framing.messages import (
    allegations_line,
    alternatives_line,
    headline,
    names_line,
    quote_note,
    roles_line,
    score_line,
    sources_line,
    voice_line,
)
from framing.model import Analysis, Lexicon

_CSS = """
body{font:16px/1.6 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
mark{padding:0 .1em;border-bottom:2px solid;background:#fff3c4}
mark.negative{background:#ffd9d6;border-color:#b3261e}mark.positive{background:#d7f5dd;border-color:#1e7b34}
mark.euphemistic{background:#ecdcff;border-color:#6b3fa0}mark.neutral{background:#d9eefc;border-color:#0b5e8e}
.article{white-space:pre-wrap;border:1px solid #ccc;padding:1rem;border-radius:.4rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
footer{margin-top:2rem;color:#555;font-size:.9rem}
.card{border:1px solid #ccc;border-radius:.4rem;padding:.5rem 1rem;margin:.5rem 0}
"""


def _article(analysis: Analysis) -> str:
    text = analysis.text
    parts: list[str] = []
    last = 0
    for i, f in enumerate(analysis.findings):
        tip = f"{headline(f)}. {f.entry.explanation} {alternatives_line(f)}"
        parts.append(html.escape(text[last : f.start]))
        parts.append(f'<mark id="f{i}" class="{f.entry.connotation.value}" tabindex="0" '
                     f'title="{html.escape(tip, quote=True)}">{html.escape(f.text)}</mark>')
        last = f.end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def _findings_table(analysis: Analysis, lexicon: Lexicon) -> str:
    rows = []
    for i, f in enumerate(analysis.findings):
        note = quote_note(f)
        rows.append(
            "<tr>"
            f'<td><a href="#f{i}">{html.escape(f.text)}</a></td>'
            f"<td>{html.escape(f.entry.key)}</td>"
            f"<td>{html.escape(headline(f))}{'; ' + html.escape(note) if note else ''}<br>"
            f"{html.escape(f.entry.explanation)}<br><small>{html.escape(sources_line(f.entry, lexicon))}</small></td>"
            f"<td>{html.escape(alternatives_line(f))}</td>"
            "</tr>"
        )
    if not rows:
        return "<p>No findings.</p>"
    return ("<table><thead><tr><th>words</th><th>entry</th><th>reading</th><th>alternatives</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _actor_cards(analysis: Analysis) -> str:
    cards = []
    for a in analysis.actors:
        parts = "".join(
            f"<li>{html.escape(c.name)} {c.contribution:+.2f}: "
            + "; ".join(f"{html.escape(e.text[:80])} ({html.escape(e.reason)})" for e in c.evidence[:5])
            + "</li>"
            for c in a.components if c.evidence
        )
        cards.append(
            f'<div class="card"><h4>{html.escape(a.name)}</h4><p>Score {html.escape(score_line(a))}</p>'
            f"<p>Names: {html.escape(names_line(a))}<br>Roles: {html.escape(roles_line(a))}<br>"
            f"Voice: {html.escape(voice_line(a))}<br>Allegations: {html.escape(allegations_line(a))}</p>"
            f"<ul>{parts}</ul></div>"
        )
    return f"<h3>Actors</h3>{''.join(cards)}" if cards else ""


def render_html(analyses: Sequence[Analysis], lexicon: Lexicon) -> str:
    from framing import __version__

    body = []
    for analysis in analyses:
        s = analysis.summary
        body.append(
            f"<section><h2>{html.escape(analysis.source)}</h2>"
            f"<p>{s.words} words, {s.findings} findings; loaded language {s.loaded} "
            f"({s.loaded_per_1k_words:.1f} per 1,000 words).</p>"
            f'<div class="article">{_article(analysis)}</div>'
            f"<h3>Findings</h3>{_findings_table(analysis, lexicon)}{_actor_cards(analysis)}</section>"
        )
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Framing report</title><style>{_CSS}</style></head><body><h1>Framing report</h1>"
        f"{''.join(body)}<footer>framing {html.escape(__version__)}, lexicon of {len(lexicon.entries)} entries. "
        "Highlights mark words that frame their subject; hover or focus one for the reason.</footer>"
        "</body></html>\n"
    )
