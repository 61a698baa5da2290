"""Reports of a `Comparison`: terminal, Markdown, JSON, CSV (the tables, long format) and HTML.

Pure functions from the comparison to text; every piece of article-derived text is escaped for the
format (Markdown cells, HTML) or printed as rich `Text` (terminal).
"""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from rich.text import Text

from framing.compare import ActorCell, Comparison
from framing.render.markdown import _cell as md
from framing.render.safe import SafeConsole, csv_cell

SCHEMA_VERSION = 1


def _names(cell: ActorCell | None) -> str:
    if cell is None:
        return "—"
    names = ", ".join(f'"{n}" x{c}' for n, c in cell.names)
    loaded = "; ".join(f'"{w}" x{c} (alt. "{a}")' if a else f'"{w}" x{c}' for w, _, a, c in cell.labels)
    return names + (f"; labels: {loaded}" if loaded else "")


def _score(cell: ActorCell | None) -> str:
    if cell is None:
        return "—"
    if cell.score is None:
        return "no evidence"
    ci = f" [{cell.ci[0]:+.2f}, {cell.ci[1]:+.2f}]" if cell.ci else ""
    return f"{cell.score:+.2f}{ci}"


def _agency(cell: ActorCell | None) -> str:
    if cell is None:
        return "—"
    hidden = f" ({cell.agentless} agentless)" if cell.agentless else ""
    return f"agent {cell.agent}, patient {cell.patient}{hidden}"


def _voice(cell: ActorCell | None) -> str:
    if cell is None:
        return "—"
    parts = [
        f"quoted {cell.quoted}" if cell.quoted else "",
        f"reported {cell.reported}" if cell.reported else "",
        f"via sources {cell.via_source}" if cell.via_source else "",
    ]
    return ", ".join(p for p in parts if p) or "silent"


# --- Markdown ----------------------------------------------------------------------------------------

def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(md(h) for h in header) + " |", "|" + "---|" * len(header)]
    out.extend("| " + " | ".join(md(c) for c in row) + " |" for row in rows)
    return [*out, ""]


def render_markdown(comparison: Comparison) -> str:
    sources = list(comparison.sources)
    out = ["# Framing comparison", "", "Sources: " + ", ".join(md(s) for s in sources) + ".", "",
           "## Largest differences", ""]
    out.extend(f"- {md(d.sentence)}" for d in comparison.differences)
    if not comparison.differences:
        out.append("- No differences in naming, scores, voice, allegations, agency or density.")
    out.extend(["", "## Who is called what", ""])
    out.extend(
        _table(["actor", *sources], [[r.name, *(_names(c) for c in r.cells)] for r in comparison.actors])
    )
    out.extend(["## Framing scores", "", "Mean score per document (-1 to +1), with a bootstrap 95% interval "
                "where the source has two or more documents.", ""])
    out.extend(
        _table(["actor", *sources], [[r.name, *(_score(c) for c in r.cells)] for r in comparison.actors])
    )
    out.extend(["## Agency and voice", ""])
    out.extend(_table(["actor", *(f"{s}: agency" for s in sources), *(f"{s}: voice" for s in sources)],
                      [[r.name, *(_agency(c) for c in r.cells), *(_voice(c) for c in r.cells)]
                       for r in comparison.actors]))
    out.extend(["## Loaded language per 1,000 words", ""])
    categories = sorted({c for s in comparison.summaries for c, _, _ in s.categories})
    rows = [["all loaded", *(f"{s.loaded_per_1k_words:.1f}" for s in comparison.summaries)]]
    for category in categories:
        rows.append([category, *(f"{ {c: p for c, _, p in s.categories}.get(category, 0.0):.1f}"
                                 for s in comparison.summaries)])
    out.extend(_table(["category", *sources], rows))
    out.extend(["## Sponsorship and identity labels", ""])
    out.extend(_table(["source", "sponsorship", "identity"], [
        [s.name, ", ".join(f"{w} x{n}" for w, n in s.sponsorship) or "none",
         ", ".join(f"{w} x{n}" for w, n in s.identity) or "none"] for s in comparison.summaries]))
    out.extend(
        [
            "## Distinctive words",
            "",
            "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi "
            "and Quinn 2008), each source against the others; z-scores above 1.96 are unlikely by chance.",
            "",
        ]
    )
    out.extend(
        _table(
            ["source", "words (z, count)"],
            [
                [s.name, ", ".join(f"{w} ({z:.1f}, {n})" for w, z, n in s.distinctive) or "none"]
                for s in comparison.summaries
            ],
        )
    )
    out.extend(["## Sources", ""])
    out.extend(_table(["source", "documents", "words", "loaded"], [
        [s.name, str(s.documents), str(s.words), str(s.loaded)] for s in comparison.summaries]))
    if comparison.failures:
        out.append(f"{len(comparison.failures)} documents could not be analysed and are left out.")
        out.append("")
    return "\n".join(out)


# --- JSON and CSV ----------------------------------------------------------------------------------------

def _cell_dict(cell: ActorCell) -> dict[str, Any]:
    return {
        "documents": cell.documents,
        "mentions": cell.mentions,
        "names": [{"text": n, "count": c} for n, c in cell.names],
        "labels": [
            {"text": w, "entry": e, "alternative": a or None, "count": c} for w, e, a, c in cell.labels
        ],
        "score": cell.score,
        "ci95": list(cell.ci) if cell.ci else None,
        "components": dict(cell.components),
        "roles": {"agent": cell.agent, "patient": cell.patient, "passive_agentless": cell.agentless},
        "voice": {"quoted": cell.quoted, "reported": cell.reported, "via_source": cell.via_source},
        "allegations": {"total": cell.allegations, "unattributed": cell.unattributed},
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    from framing import __version__

    return {
        "schema_version": SCHEMA_VERSION,
        "framing_version": __version__,
        "sources": [
            {
                "name": s.name,
                "documents": s.documents,
                "words": s.words,
                "loaded": s.loaded,
                "loaded_per_1k_words": s.loaded_per_1k_words,
                "categories": {c: {"count": n, "per_1k_words": p} for c, n, p in s.categories},
                "sponsorship": dict(s.sponsorship),
                "identity": dict(s.identity),
                "distinctive_words": [{"word": w, "z": z, "count": n} for w, z, n in s.distinctive],
            }
            for s in comparison.summaries
        ],
        "actors": [
            {
                "key": r.key,
                "name": r.name,
                "by_source": {
                    s: _cell_dict(c) for s, c in zip(comparison.sources, r.cells, strict=True) if c
                },
            }
            for r in comparison.actors
        ],
        "differences": [
            {"kind": d.kind, "actor": d.actor, "sentence": d.sentence} for d in comparison.differences
        ],
        "failures": len(comparison.failures),
    }


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class _SafeWriter:
    """A csv writer whose text cells cannot become spreadsheet formulas (`safe.csv_cell`)."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: list[Any]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])


def render_csv(comparison: Comparison) -> str:
    """Every table in one long-format CSV: table, source, actor, measure, value (loads into pandas or R)."""
    buffer = io.StringIO()
    writer = _SafeWriter(csv.writer(buffer, lineterminator="\n"))
    writer.writerow(["table", "source", "actor", "measure", "value"])
    for summary in comparison.summaries:
        writer.writerow(["sources", summary.name, "", "documents", summary.documents])
        writer.writerow(["sources", summary.name, "", "words", summary.words])
        writer.writerow(["density", summary.name, "", "loaded_per_1k_words", summary.loaded_per_1k_words])
        for category, count, per_1k in summary.categories:
            writer.writerow(["density", summary.name, "", f"{category}_per_1k_words", per_1k])
            writer.writerow(["density", summary.name, "", f"{category}_count", count])
        for word, count in summary.sponsorship:
            writer.writerow(["sponsorship", summary.name, "", word, count])
        for word, count in summary.identity:
            writer.writerow(["identity", summary.name, "", word, count])
        for word, z, _count in summary.distinctive:
            writer.writerow(["distinctive", summary.name, "", word, z])
    for row in comparison.actors:
        for source, cell in zip(comparison.sources, row.cells, strict=True):
            if cell is None:
                continue
            for name, count in cell.names:
                writer.writerow(["names", source, row.name, name, count])
            for words, entry, _, count in cell.labels:
                writer.writerow(["labels", source, row.name, f"{words} ({entry})", count])
            if cell.score is not None:
                writer.writerow(["scores", source, row.name, "score", cell.score])
            if cell.ci:
                writer.writerow(["scores", source, row.name, "ci95_low", cell.ci[0]])
                writer.writerow(["scores", source, row.name, "ci95_high", cell.ci[1]])
            for component, value in cell.components:
                writer.writerow(["scores", source, row.name, component, value])
            for measure in (
                "agent",
                "patient",
                "agentless",
                "quoted",
                "reported",
                "via_source",
                "allegations",
                "unattributed",
            ):
                writer.writerow(["agency_voice", source, row.name, measure, getattr(cell, measure)])
    return buffer.getvalue()


# --- terminal and HTML ----------------------------------------------------------------------------------

def render_terminal(comparison: Comparison, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = SafeConsole(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False,
                      soft_wrap=True, emoji=False, markup=False)
    console.print(Text("Largest differences", style="bold"))
    for difference in comparison.differences or ():
        console.print(Text(f"  - {difference.sentence}"))
    if not comparison.differences:
        console.print(Text("  No differences in naming, scores, voice, allegations, agency or density."))
    console.print(Text(""))
    for row in comparison.actors:
        console.print(Text(row.name, style="bold"))
        for source, cell in zip(comparison.sources, row.cells, strict=True):
            line = Text(f"  {source}: ", style="dim")
            line.append(
                f"{_score(cell)}  {_names(cell)}  [{_agency(cell)}; {_voice(cell)}]" if cell else "absent"
            )
            console.print(line)
    console.print(Text(""))
    for summary in comparison.summaries:
        words = ", ".join(w for w, _, _ in summary.distinctive[:8]) or "none"
        console.print(
            Text(
                f"{summary.name}: {summary.documents} documents, {summary.loaded_per_1k_words:.1f} loaded "
                f"words per 1,000; distinctive: {words}"
            )
        )
    return buffer.getvalue()


_PALETTE = ("#0b5e8e", "#b3261e", "#1e6b34", "#6b3fa0", "#8a5a00", "#444444")
_DASHES = ("", "4 2", "1 2", "6 2 1 2", "2 2", "8 3")  # a second cue besides colour


def _score_chart(comparison: Comparison, limit: int = 12) -> str:
    """Grouped horizontal bars: each actor's score per source, from -1 to +1, values written beside them."""
    rows = [r for r in comparison.actors if sum(c is not None and c.score is not None for c in r.cells) >= 1][
        :limit
    ]
    if not rows:
        return ""
    sources = comparison.sources
    bar, gap, label_w, plot_w = 12, 10, 190, 420
    height = len(rows) * (len(sources) * bar + gap) + 30
    middle = label_w + plot_w / 2
    parts = [f'<line x1="{middle}" y1="0" x2="{middle}" y2="{height - 20}" stroke="#888"/>',
             f'<text x="{label_w}" y="{height - 5}" font-size="11">-1</text>',
             f'<text x="{middle - 3}" y="{height - 5}" font-size="11">0</text>',
             f'<text x="{label_w + plot_w - 14}" y="{height - 5}" font-size="11">+1</text>']
    y = 0
    for row in rows:
        parts.append(f'<text x="0" y="{y + bar}" font-size="12">{html.escape(row.name[:28])}</text>')
        for k, cell in enumerate(row.cells):
            if cell is not None and cell.score is not None:
                w = abs(cell.score) * plot_w / 2
                x = middle - w if cell.score < 0 else middle
                colour, dash = _PALETTE[k % len(_PALETTE)], _DASHES[k % len(_DASHES)]
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{bar - 2}" fill="{colour}" '
                    f'stroke="#000" stroke-dasharray="{dash}"><title>{html.escape(sources[k])}: '
                    f"{cell.score:+.2f}</title></rect>"
                )
                tx, anchor = (x - 3, "end") if cell.score < 0 else (x + w + 3, "start")
                parts.append(f'<text x="{tx:.1f}" y="{y + bar - 3}" font-size="10" text-anchor="{anchor}">'
                             f"{html.escape(_short(sources[k]))} {cell.score:+.2f}</text>")
            y += bar
        y += gap
    return (
        f'<svg role="img" aria-label="Actor scores per source" viewBox="0 0 {label_w + plot_w + 60} '
        f'{height}" '
        f'width="100%" style="max-width:{label_w + plot_w + 60}px">{"".join(parts)}</svg>'
    )


def _short(name: str) -> str:
    return name if len(name) <= 8 else name[:7] + "\u2026"


def _density_chart(comparison: Comparison) -> str:
    """Grouped vertical bars: loaded-language findings per 1,000 words, by category and source."""
    categories = sorted({c for s in comparison.summaries for c, _, _ in s.categories})
    if not categories:
        return ""
    values = {(s.name, c): p for s in comparison.summaries for c, _, p in s.categories}
    top = max(values.values()) or 1.0
    bar, gap, plot_h = 10, 14, 140
    width = len(categories) * (len(comparison.sources) * bar + gap) + 20
    parts, x = [], 10
    for category in categories:
        for k, source in enumerate(comparison.sources):
            value = values.get((source, category), 0.0)
            h = value / top * plot_h
            parts.append(
                f'<rect x="{x}" y="{plot_h - h + 10:.1f}" width="{bar - 1}" height="{max(h, 0.5):.1f}" '
                f'fill="{_PALETTE[k % len(_PALETTE)]}" stroke="#000" '
                f'stroke-dasharray="{_DASHES[k % len(_DASHES)]}">'
                f"<title>{html.escape(source)}, {html.escape(category)}: {value:.1f} per 1,000 "
                "words</title></rect>"
            )
            x += bar
        parts.append(
            f'<text x="{x - len(comparison.sources) * bar}" y="{plot_h + 24}" font-size="9" '
            f'transform="rotate(35 {x - len(comparison.sources) * bar} '
            f'{plot_h + 24})">{html.escape(category)}</text>'
        )
        x += gap
    return (
        f'<svg role="img" aria-label="Loaded language per 1,000 words by category and source" '
        f'viewBox="0 0 {width} {plot_h + 90}" width="100%" style="max-width:{width}px">{"".join(parts)}</svg>'
    )


def _chart_legend(comparison: Comparison) -> str:
    items = "".join(
        '<li><svg width="28" height="12" aria-hidden="true"><rect width="26" height="10" '
        f'fill="{_PALETTE[k % len(_PALETTE)]}" '
        f'stroke="#000" stroke-dasharray="{_DASHES[k % len(_DASHES)]}"/></svg> {html.escape(s)}</li>'
        for k, s in enumerate(comparison.sources)
    )
    return f'<ul class="legend">{items}</ul>'


def render_html(comparison: Comparison) -> str:
    from framing.render.html import page

    def table(header: list[str], rows: list[list[str]]) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    sources = list(comparison.sources)
    differences = "".join(f"<li>{html.escape(d.sentence)}</li>" for d in comparison.differences) or (
        "<li>No differences in naming, scores, voice, allegations, agency or density.</li>")
    categories = sorted({c for s in comparison.summaries for c, _, _ in s.categories})
    density_rows = [["all loaded", *(f"{s.loaded_per_1k_words:.1f}" for s in comparison.summaries)]]
    density_rows += [
        [c, *(f"{ {k: p for k, _, p in s.categories}.get(c, 0.0):.1f}" for s in comparison.summaries)]
        for c in categories
    ]
    body = (
        f'<p class="meta">Sources: {html.escape(", ".join(sources))}.</p>'
        f"<h2>Largest differences</h2><ul>{differences}</ul>"
        '<div class="cards"><div class="card"><h2>Who is called what</h2>'
        + table(["actor", *sources], [[r.name, *(_names(c) for c in r.cells)] for r in comparison.actors])
        + '</div><div class="card"><h2>Framing scores</h2>'
        + table(["actor", *sources], [[r.name, *(_score(c) for c in r.cells)] for r in comparison.actors])
        + "</div></div>"
        + f"<h2>Actor scores per source</h2>{_chart_legend(comparison)}{_score_chart(comparison)}"
        + f"<h2>Loaded language per 1,000 words</h2>{_chart_legend(comparison)}{_density_chart(comparison)}"
        + table(["category", *sources], density_rows)
        + "<h2>Agency and voice</h2>"
        + table(
            ["actor", *(f"{s}: agency" for s in sources), *(f"{s}: voice" for s in sources)],
            [
                [r.name, *(_agency(c) for c in r.cells), *(_voice(c) for c in r.cells)]
                for r in comparison.actors
            ],
        )
        + '<h2>Distinctive words</h2><p class="muted">Log-odds ratio with an informative Dirichlet prior '
        "(Monroe, Colaresi and Quinn 2008); z above 1.96 is unlikely by chance.</p>"
        + table(
            ["source", "words (z)"],
            [
                [s.name, ", ".join(f"{w} ({z:.1f})" for w, z, _ in s.distinctive) or "none"]
                for s in comparison.summaries
            ],
        )
    )
    return page("Framing comparison", body, None)


def render_comparison(comparison: Comparison, fmt: str, *, to_terminal: bool = False) -> str:
    renderers = {"markdown": render_markdown, "json": render_json, "csv": render_csv, "html": render_html}
    if fmt == "terminal":
        return render_terminal(comparison, color=to_terminal)
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}; choose from: terminal, json, markdown, csv, html")
    return renderers[fmt](comparison)
