"""The self-contained HTML report of analyses: one file, inline CSS and SVG, no scripts, fonts, images or
links outside itself, so it works offline, printed, on a phone and when emailed.

Every piece of text that comes from an article, a file name or a lexicon is escaped here (`_e`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from framing.coursework import glossary, neutral_rewrite, questions
from framing.messages import (
    KIND_HEADING,
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
from framing.model import STRENGTH_MEANING, ActorFrame, Analysis, Connotation, Finding, Kind, Lexicon

# Connotation cues that do not rely on colour: a symbol after the words and a border style.
CUE = {
    Connotation.NEGATIVE: "\u2212",  # minus
    Connotation.POSITIVE: "+",
    Connotation.EUPHEMISTIC: "~",
    Connotation.NEUTRAL: "\u2022",  # bullet
}

CSS = """
:root{--neg:#b3261e;--pos:#1e6b34;--euph:#6b3fa0;--neu:#0b5e8e;--ink:#1b1b1b;--muted:#555;--line:#ccc}
*{box-sizing:border-box}
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);max-width:60rem;margin:0 auto;
padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
.meta,.muted{color:var(--muted);font-size:.9rem}
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;padding:0;list-style:none;font-size:.9rem}
.article{white-space:pre-wrap;border:1px solid var(--line);padding:1rem;border-radius:.4rem;line-height:1.9}
mark.f{position:relative;background:transparent;color:inherit;border-bottom:3px solid;padding:0 .05em;cursor:help}
mark.f::after{content:attr(data-cue);font-size:.7em;vertical-align:super;margin-left:.1em;font-weight:bold}
mark.negative{border-bottom-style:solid;border-color:var(--neg);background:#fde7e5}
mark.positive{border-bottom-style:double;border-color:var(--pos);background:#e3f5e7}
mark.euphemistic{border-bottom-style:dashed;border-color:var(--euph);background:#f0e6fb}
mark.neutral{border-bottom-style:dotted;border-color:var(--neu);background:#e2f0fa}
mark.f:focus{outline:3px solid #111;outline-offset:2px}
.tip{display:none;position:absolute;left:0;top:1.9em;z-index:10;width:min(26rem,80vw);background:#fff;color:var(--ink);
border:1px solid #888;border-radius:.3rem;padding:.5rem .7rem;box-shadow:0 2px 8px rgba(0,0,0,.2);white-space:normal;
font-size:.85rem;line-height:1.4;font-weight:normal}
mark.f:hover .tip,mark.f:focus .tip,mark.f:focus-within .tip{display:block}
.tip b{display:block}
.cards{display:flex;flex-wrap:wrap;gap:1rem}
.card{flex:1 1 17rem;border:1px solid var(--line);border-radius:.4rem;padding:.6rem 1rem}
.card h3{margin:.2rem 0;font-size:1.1rem}
.card ul{padding-left:1.1rem;margin:.3rem 0}
table{border-collapse:collapse;width:100%;font-size:.92rem}
td,th{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
ins{background:#e3f5e7;text-decoration:underline double}
a{color:#0b4f8a}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:.5rem}
@media (max-width:40rem){body{padding:.5rem}.article{padding:.5rem}}
@media print{.tip{display:none!important}a{color:inherit;text-decoration:none}.card{break-inside:avoid}
mark.f{background:none}h2{break-after:avoid}}
"""  # noqa: E501 (CSS)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _tip(finding: Finding, lexicon: Lexicon) -> str:
    note = quote_note(finding)
    return (f"<b>{_e(headline(finding))}</b>{_e(finding.entry.explanation)}"
            f"{'<br><i>' + _e(note) + '</i>' if note else ''}<br>{_e(alternatives_line(finding))}"
            f"<br><small>{_e(sources_line(finding.entry, lexicon))}</small>")


def _article(analysis: Analysis, lexicon: Lexicon, prefix: str) -> str:
    """The text with sentence anchors (for evidence links) and a focusable mark with a tooltip per finding."""
    text = analysis.text
    findings = list(enumerate(analysis.findings))
    parts: list[str] = []
    last = 0
    spans = analysis.sentences or ((0, len(text)),)
    k = 0
    for n, (s_start, s_end) in enumerate(spans):
        parts.append(_e(text[last:s_start]))
        parts.append(f'<span id="{prefix}s{n}">')
        cursor = s_start
        while k < len(findings) and findings[k][1].start < s_end:
            i, f = findings[k]
            start = max(f.start, cursor)
            parts.append(_e(text[cursor:start]))
            parts.append(
                f'<mark id="{prefix}f{i}" class="f {f.entry.connotation.value}" '
                f'data-cue="{CUE[f.entry.connotation]}" '
                f'data-entry="{_e(f.entry.key)}" tabindex="0" '
                f'aria-describedby="{prefix}t{i}">{_e(text[start : f.end])}'
                f'<span class="tip" role="tooltip" id="{prefix}t{i}">{_tip(f, lexicon)}</span></mark>'
            )
            cursor = f.end
            k += 1
        parts.append(_e(text[cursor:max(cursor, s_end)]))
        parts.append("</span>")
        last = max(cursor, s_end)
    parts.append(_e(text[last:]))
    return "".join(parts)


def _legend() -> str:
    names = {Connotation.NEGATIVE: "casts negatively", Connotation.POSITIVE: "casts favourably",
             Connotation.EUPHEMISTIC: "softens", Connotation.NEUTRAL: "identity label or sourcing marker"}
    items = "".join(f'<li><mark class="f {c.value}" data-cue="{CUE[c]}">words</mark> {_e(names[c])}</li>'
                    for c in Connotation)
    return f'<ul class="legend" aria-label="Legend">{items}</ul>'


def _findings_table(analysis: Analysis, lexicon: Lexicon, prefix: str) -> str:
    rows = []
    for kind in Kind:
        group = [(i, f) for i, f in enumerate(analysis.findings) if f.entry.kind is kind]
        if not group:
            continue
        rows.append(f'<tr><th colspan="4">{_e(KIND_HEADING[kind])}</th></tr>')
        for i, f in group:
            note = quote_note(f)
            rows.append(
                f'<tr><td><a href="#{prefix}f{i}">{_e(f.text)}</a></td><td>{_e(f.entry.key)}</td>'
                f"<td>{_e(headline(f))}{'; ' + _e(note) if note else ''}</td>"
                f"<td>{_e(alternatives_line(f))}</td></tr>"
            )
    if not rows:
        return "<p>No findings.</p>"
    return ("<table><thead><tr><th>words</th><th>entry</th><th>reading</th><th>alternatives</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _bar(actor: ActorFrame) -> str:
    """The score's components as a bar: each part's width is its share of the score; labels say the
    numbers."""
    parts = [c for c in actor.components if c.contribution]
    total = sum(abs(c.contribution) for c in parts) or 1.0
    width, x, segments = 300.0, 0.0, []
    for c in parts:
        w = width * abs(c.contribution) / total
        colour = "#b3261e" if c.contribution < 0 else "#1e6b34"
        pattern = "" if c.contribution < 0 else ' stroke="#fff" stroke-dasharray="4 2"'
        segments.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="14" fill="{colour}"{pattern}>'
                        f"<title>{_e(c.name)} {c.contribution:+.2f}</title></rect>")
        x += w
    label = ", ".join(f"{c.name} {c.contribution:+.2f}" for c in parts) or "no evidence"
    return (
        f'<svg role="img" aria-label="{_e("score components: " + label)}" width="100%" viewBox="0 0 300 14" '
        f'preserveAspectRatio="none" style="max-width:300px;height:14px">{"".join(segments)}</svg>'
        f'<div class="muted">{_e(label)}</div>'
    )


def _evidence_link(analysis: Analysis, start: int, end: int, prefix: str) -> str:
    for i, f in enumerate(analysis.findings):
        if f.start == start and f.end == end:
            return f"#{prefix}f{i}"
    for n, (s, e) in enumerate(analysis.sentences):
        if s <= start < e:
            return f"#{prefix}s{n}"
    return f"#{prefix}article"


def _cards(analysis: Analysis, prefix: str) -> str:
    cards = []
    for a in analysis.actors:
        evidence = "".join(
            f'<li>{_e(c.name)}: <a '
            f'href="{_evidence_link(analysis, e.start, e.end, prefix)}">{_e(e.text[:80])}</a> '
            f'{e.value:+.2f} <span class="muted">({_e(e.reason)})</span></li>'
            for c in a.components
            for e in c.evidence
        )
        labels = ", ".join(f.text for f in (*a.labels, *a.descriptors)) or "none"
        cards.append(
            f'<div class="card"><h3>{_e(a.name)}</h3><p>Score <b>{_e(score_line(a))}</b></p>{_bar(a)}'
            f"<p>Names: {_e(names_line(a))}<br>Labels: {_e(labels)}<br>Roles: {_e(roles_line(a))}<br>"
            f"Voice: {_e(voice_line(a))}<br>Allegations: {_e(allegations_line(a))}</p>"
            "<details><summary>Evidence "
            f"({sum(len(c.evidence) for c in a.components)})</summary><ul>{evidence}</ul>"
            "</details></div>"
        )
    return f'<div class="cards">{"".join(cards)}</div>' if cards else "<p>No actors found.</p>"


def _rewrite(analysis: Analysis, lexicon: Lexicon) -> str:
    rewrite = neutral_rewrite(analysis, lexicon)
    if not rewrite.swaps:
        return "<p>No loaded words outside quotations to swap.</p>"
    rows = "".join(
        f"<tr><td>{_e(c.actor)}</td><td>{c.before:+.2f}</td>"
        f"<td>{'gone' if c.after is None else f'{c.after:+.2f}'}</td></tr>"
        for c in rewrite.changes
    )
    swaps = ", ".join(f"{_e(f.text)} \u2192 <ins>{_e(new)}</ins>" for f, new in rewrite.swaps)
    return (f"<p>Each loaded word outside quotations swapped for its first neutral alternative: {swaps}.</p>"
            "<table><thead><tr><th>actor</th><th>score</th><th>after the rewrite</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _section(analysis: Analysis, lexicon: Lexicon, index: int) -> str:
    prefix = f"d{index}-"
    s = analysis.summary
    notes = "".join(f'<p class="muted">Note: {_e(n)}</p>' for n in analysis.notes)
    qs = (
        "".join(f"<li>{_e(q)}</li>" for q in questions(analysis))
        or "<li>No questions: the text is quiet.</li>"
    )
    terms = "".join(f"<dt>{_e(g.title)} ({_e(g.kind.value)})</dt><dd>{_e(g.description)}</dd>"
                    for g in glossary(analysis, lexicon))
    strength = "".join(f"<dt>Strength {k}</dt><dd>{_e(v)}</dd>" for k, v in STRENGTH_MEANING.items())
    return (
        f'<section aria-labelledby="{prefix}title"><h2 id="{prefix}title">{_e(analysis.source)}</h2>{notes}'
        f'<p class="meta">{s.words} words; {s.findings} findings; loaded language {s.loaded} '
        f"({s.loaded_per_1k_words:.1f} per 1,000 words); {s.in_quotes} inside direct quotations. "
        "Hover over or tab to a highlighted word for the reason.</p>"
        f'<div class="article" id="{prefix}article">{_article(analysis, lexicon, prefix)}</div>'
        f"<h2>Findings</h2>{_findings_table(analysis, lexicon, prefix)}"
        f"<h2>Actors</h2>{_cards(analysis, prefix)}"
        f"<h2>Questions for discussion</h2><ol>{qs}</ol>"
        f"<h2>Neutral rewrite</h2>{_rewrite(analysis, lexicon)}"
        f"<h2>Glossary</h2><dl>{terms}{strength}</dl></section>"
    )


def page(title: str, body: str, lexicon: Lexicon | None) -> str:
    from framing import __version__

    used = (f"lexicon of {len(lexicon.entries)} entries in {len(lexicon.categories)} categories" if lexicon
            else "")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
        "'unsafe-inline'; "
        'img-src data:">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body><h1>{_e(title)}</h1>{body}"
        f"<footer>framing {_e(__version__)}; {_e(used)}. The tool matches words and phrases; it cannot see "
        "irony, "
        "context or facts. Read each finding as a question, not a verdict.</footer></body></html>\n"
    )


def render_html(analyses: Sequence[Analysis], lexicon: Lexicon) -> str:
    body = _legend() + "".join(_section(a, lexicon, i) for i, a in enumerate(analyses))
    return page("Framing report", body, lexicon)
