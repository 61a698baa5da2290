"""Reports of a `Comparison`: terminal, Markdown, JSON, CSV (the tables, long format) and HTML.

Pure functions from the comparison to text. Terminal, Markdown and HTML show the `top` actors by
prominence (in more sources first, then more often named); CSV and JSON always hold every actor. Absent
cells are empty. User text is printed as rich `Text` (terminal), escaped per Markdown cell, and
autoescaped by the HTML templates.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from rich.text import Text

from framing.compare import ActorCell, ActorRow, Comparison
from framing.compare.core import DISTINCTIVE_Z
from framing.messages import count, signed
from framing.model import Analysis, Kind
from framing.render.markdown import _cell as md
from framing.render.safe import SafeConsole, csv_cell

SCHEMA_VERSION = 1
TOP_ACTORS = 15  # --top's default
SIDE_BY_SIDE = (2, 4)  # documents shown side by side, from ... to


def _names(cell: ActorCell | None) -> str:
    if cell is None:
        return ""
    return ", ".join(f'"{n}" x{c}' for n, c in cell.names)


def _labels(cell: ActorCell | None) -> str:
    """Loaded labels with counts; where a label is also a name on its own, how the two counts relate
    ("militants" x5: 3 as a name, 2 inside longer names such as "Islamic State militants")."""
    if cell is None:
        return ""
    names = {n.lower(): c for n, c in cell.names}
    out = []
    for words, _, alternative, n in cell.labels:
        alone = names.get(words.lower(), 0)
        where = f"{alone} as a name, {n - alone} inside longer names" if 0 < alone < n else ""
        notes = "; ".join(p for p in (where, f'alt. "{alternative}"' if alternative else "") if p)
        out.append(f'"{words}" x{n}' + (f" ({notes})" if notes else ""))
    return "; ".join(out)


def _names_and_labels(cell: ActorCell | None) -> str:
    labels = _labels(cell)
    return _names(cell) + (f"; labels: {labels}" if labels else "")


def _score(cell: ActorCell | None) -> str:
    if cell is None:
        return ""
    if cell.score is None:
        return "no evidence"
    ci = f" [{signed(cell.ci[0])}, {signed(cell.ci[1])}]" if cell.ci else ""
    return f"{signed(cell.score)}{ci}"


def _agency(cell: ActorCell | None) -> str:
    if cell is None:
        return ""
    hidden = f" ({cell.agentless} agentless)" if cell.agentless else ""
    return f"agent {cell.agent}, patient {cell.patient}{hidden}"


def _voice(cell: ActorCell | None) -> str:
    if cell is None:
        return ""
    parts = [
        f"quoted {cell.quoted}" if cell.quoted else "",
        f"reported {cell.reported}" if cell.reported else "",
        f"via sources {cell.via_source}" if cell.via_source else "",
    ]
    return ", ".join(p for p in parts if p) or "silent"


def _top(comparison: Comparison, top: int | None) -> tuple[ActorRow, ...]:
    return comparison.actors if top is None else comparison.actors[:top]


def _top_note(comparison: Comparison, top: int | None) -> str:
    shown = len(_top(comparison, top))
    if shown == len(comparison.actors):
        return ""
    return (
        f"The {shown} most prominent of {count(len(comparison.actors), 'actor')} (in the most sources, then "
        "named most often); every actor is in the CSV and JSON output (--top changes the number)."
    )


LABELS_SHOWN = 12  # sponsorship and identity labels per source in the reading views


def _label_list(labels: tuple[tuple[str, int], ...]) -> str:
    """The most frequent labels, then how many more the CSV and JSON hold."""
    shown = ", ".join(f"{w} x{n}" for w, n in labels[:LABELS_SHOWN]) or "none"
    more = len(labels) - LABELS_SHOWN
    return shown + (f"; {more} more in the CSV and JSON output" if more > 0 else "")


def _distinctive_note() -> str:
    return (
        f"Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), each source "
        f"against the others. Only words with z above {DISTINCTIVE_Z} are listed: a word that often stands "
        "out by chance alone about 1 time in 40. With many words some still do, and small sources (a few "
        "documents) give unstable lists; read them as leads, not findings."
    )


# --- Markdown ----------------------------------------------------------------------------------------


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(md(h) for h in header) + " |", "|" + "---|" * len(header)]
    out.extend("| " + " | ".join(md(c) for c in row) + " |" for row in rows)
    return [*out, ""]


def render_markdown(comparison: Comparison, top: int | None = TOP_ACTORS) -> str:
    sources = list(comparison.sources)
    rows_shown = _top(comparison, top)
    note = _top_note(comparison, top)
    out = [
        "# Framing comparison",
        "",
        "Sources: " + ", ".join(md(s) for s in sources) + ".",
        "",
        "## Largest differences",
        "",
    ]
    out.extend(f"- {md(d.sentence)}" for d in comparison.differences)
    if not comparison.differences:
        out.append("- No differences in naming, scores, voice, allegations, agency or density.")
    out.extend(["", "## Who is called what", ""])
    if note:
        out.extend([note, ""])
    out.extend(
        _table(["actor", *sources], [[r.name, *(_names_and_labels(c) for c in r.cells)] for r in rows_shown])
    )
    out.extend(
        [
            "## Framing scores",
            "",
            "Mean score per document (-1 to +1), with a bootstrap 95% interval "
            "where the source has two or more documents.",
            "",
        ]
    )
    out.extend(_table(["actor", *sources], [[r.name, *(_score(c) for c in r.cells)] for r in rows_shown]))
    out.extend(["## Agency and voice", ""])
    out.extend(
        _table(
            ["actor", *(f"{s}: agency" for s in sources), *(f"{s}: voice" for s in sources)],
            [[r.name, *(_agency(c) for c in r.cells), *(_voice(c) for c in r.cells)] for r in rows_shown],
        )
    )
    out.extend(["## Loaded language per 1,000 words", ""])
    categories = sorted({c for s in comparison.summaries for c, _, _ in s.categories})
    rows = [["all loaded", *(f"{s.loaded_per_1k_words:.1f}" for s in comparison.summaries)]]
    for category in categories:
        rows.append(
            [
                category,
                *(
                    f"{ {c: p for c, _, p in s.categories}.get(category, 0.0):.1f}"
                    for s in comparison.summaries
                ),
            ]
        )
    out.extend(_table(["category", *sources], rows))
    out.extend(["## Sponsorship and identity labels", ""])
    out.extend(
        _table(
            ["source", "sponsorship", "identity"],
            [[s.name, _label_list(s.sponsorship), _label_list(s.identity)] for s in comparison.summaries],
        )
    )
    out.extend(["## Distinctive words", "", _distinctive_note(), ""])
    out.extend(
        _table(
            ["source", "words (z, count)"],
            [
                [
                    s.name,
                    ", ".join(f"{w} ({z:.1f}, {n})" for w, z, n in s.distinctive)
                    or f"none above {DISTINCTIVE_Z}",
                ]
                for s in comparison.summaries
            ],
        )
    )
    out.extend(["## Sources", ""])
    out.extend(
        _table(
            ["source", "documents", "words", "loaded"],
            [[s.name, str(s.documents), str(s.words), str(s.loaded)] for s in comparison.summaries],
        )
    )
    if comparison.failures:
        out.append(
            f"{count(len(comparison.failures), 'document')} could not be analysed and "
            f"{'is' if len(comparison.failures) == 1 else 'are'} left out."
        )
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
        for category, n, per_1k in summary.categories:
            writer.writerow(["density", summary.name, "", f"{category}_per_1k_words", per_1k])
            writer.writerow(["density", summary.name, "", f"{category}_count", n])
        for word, n in summary.sponsorship:
            writer.writerow(["sponsorship", summary.name, "", word, n])
        for word, n in summary.identity:
            writer.writerow(["identity", summary.name, "", word, n])
        for word, z, _count in summary.distinctive:
            writer.writerow(["distinctive", summary.name, "", word, z])
    for row in comparison.actors:
        for source, cell in zip(comparison.sources, row.cells, strict=True):
            if cell is None:
                continue
            for name, n in cell.names:
                writer.writerow(["names", source, row.name, name, n])
            for words, entry, _, n in cell.labels:
                writer.writerow(["labels", source, row.name, f"{words} ({entry})", n])
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


# --- terminal ---


def render_terminal(
    comparison: Comparison, *, color: bool = False, width: int = 100, top: int | None = TOP_ACTORS
) -> str:
    buffer = io.StringIO()
    console = SafeConsole(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        soft_wrap=True,
        emoji=False,
        markup=False,
    )
    console.print(Text("Largest differences", style="bold"))
    for difference in comparison.differences or ():
        console.print(Text(f"  - {difference.sentence}"))
    if not comparison.differences:
        console.print(Text("  No differences in naming, scores, voice, allegations, agency or density."))
    console.print(Text(""))
    for row in _top(comparison, top):
        present = [(s, c) for s, c in zip(comparison.sources, row.cells, strict=True) if c is not None]
        head = Text(row.name, style="bold")
        if len(present) < len(comparison.sources):
            head.append(f"  (in {len(present)} of {count(len(comparison.sources), 'source')})", style="dim")
        console.print(head)
        for source, cell in present:
            line = Text(f"  {source}: ", style="dim")
            labels = _labels(cell)
            line.append(
                f"{_score(cell)}  {_names(cell)}{'; labels: ' + labels if labels else ''}  "
                f"[{_agency(cell)}; {_voice(cell)}]"
            )
            console.print(line)
    note = _top_note(comparison, top)
    if note:
        console.print(Text(note, style="dim"))
    console.print(Text(""))
    for summary in comparison.summaries:
        words = ", ".join(w for w, _, _ in summary.distinctive[:8]) or f"none above z {DISTINCTIVE_Z}"
        console.print(
            Text(
                f"{summary.name}: {count(summary.documents, 'document')}, "
                f"{summary.loaded_per_1k_words:.1f} loaded words per 1,000; distinctive: {words}"
            )
        )
    return buffer.getvalue()


# --- HTML ----------------------------------------------------------------------------------------------

# Source colours: the Okabe-Ito palette without its red and green (those mean negative and positive in the
# reports), each with a dash pattern as a second cue; after six they repeat with the pattern changing.
_PALETTE = ("#0072b2", "#e69f00", "#56b4e9", "#cc79a7", "#000000", "#f0e442")
_DASHES = ("", "4 2", "1 2", "6 2 1 2")
# Diverging, colour-blind-safe scale centred on 0 (ColorBrewer RdBu, 7 classes): -1 red ... 0 grey ...
# +1 blue.
_RDBU = (
    (-1.0, (178, 24, 43)),
    (-2 / 3, (239, 138, 98)),
    (-1 / 3, (253, 219, 199)),
    (0.0, (247, 247, 247)),
    (1 / 3, (209, 229, 240)),
    (2 / 3, (103, 169, 207)),
    (1.0, (33, 102, 172)),
)
# Tints that mark the same actor in every column of the side-by-side view, with its number as a second cue.
_ACTOR_TINTS = ("#cfe3f3", "#fde0b0", "#ead3ea", "#d5eff8", "#f6efb0", "#dedede")


def diverging(value: float) -> str:
    """The heat-map colour of a score in [-1, 1] (clipped), interpolated on the RdBu scale."""
    value = max(-1.0, min(1.0, value))
    for (x0, c0), (x1, c1) in pairwise(_RDBU):
        if value <= x1:
            t = (value - x0) / (x1 - x0)
            return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(c0, c1, strict=True))
    return "#2166ac"


def _heat_cell(cell: ActorCell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    if cell.score is None:
        return {
            "text": "n/e",
            "ci": "",
            "bg": "#ffffff",
            "fg": "#555555",
            "title": "named, but no evidence for a score",
        }
    ci = f"{signed(cell.ci[0])} to {signed(cell.ci[1])}" if cell.ci else ""
    docs = count(cell.documents, "document")
    return {
        "text": signed(cell.score),
        "ci": ci,
        "bg": diverging(cell.score),
        "fg": "#ffffff" if abs(cell.score) > 0.6 else "#111111",
        "title": f"{signed(cell.score)} from {count(cell.evidence, 'evidence item')} in {docs}"
        + (f"; 95% interval {ci}" if ci else "; no interval (fewer than 2 documents)"),
    }


def _score_bars(comparison: Comparison, rows: Sequence[ActorRow]) -> list[dict[str, Any]]:
    """Per actor, one signed bar per source on a -1..+1 scale with a zero line (2-4 sources)."""
    out = []
    for row in rows:
        bars = [
            {
                "source": s,
                "k": k,
                "score": c.score,
                "colour": _PALETTE[k % len(_PALETTE)],
                "dash": _DASHES[k % len(_DASHES)],
            }
            for k, (s, c) in enumerate(zip(comparison.sources, row.cells, strict=True))
            if c is not None and c.score is not None
        ]
        if bars:
            out.append({"name": row.name, "bars": bars})
    return out


def _parts(text: str) -> list[tuple[str, int, int]]:
    """Headline (the first line), lede (the next paragraph) and body, as spans of the text."""
    spans = []
    cursor = 0
    for kind, until in (("headline", "\n"), ("lede", "\n\n"), ("body", None)):
        while cursor < len(text) and text[cursor] in "\r\n \t":
            cursor += 1
        end = -1 if until is None else text.find(until, cursor)
        end = len(text) if end == -1 else end
        spans.append((kind, cursor, end))
        cursor = end
    return spans


def _side_by_side(comparison: Comparison, documents: Sequence[Analysis], actor_numbers: dict[str, int]):
    """The documents in columns: headline, lede and body aligned; actors tinted and numbered alike in every
    column; loaded words underlined with their reading on hover."""
    from framing.messages import headline

    columns = []
    for name, analysis in zip(comparison.sources, documents, strict=True):
        text = analysis.text
        actor_at: list[int | None] = [None] * len(text)
        for frame in analysis.actors:
            number = actor_numbers.get(frame.id)
            if number is None:
                continue
            for m in frame.mentions:
                for i in range(m.start, m.end):
                    actor_at[i] = number
        finding_at: list[int | None] = [None] * len(text)
        loaded = [f for f in analysis.findings if f.entry.kind is Kind.LOADED]
        for n, f in enumerate(loaded):
            for i in range(f.start, f.end):
                finding_at[i] = n
        parts = []
        for kind, start, end in _parts(text):
            segments: list[dict[str, Any]] = []
            i = start
            while i < end:
                key = (actor_at[i], finding_at[i])
                j = i + 1
                while j < end and (actor_at[j], finding_at[j]) == key:
                    j += 1
                actor, finding = key
                last_of_actor = actor is not None and (j >= len(text) or actor_at[j] != actor)
                segments.append(
                    {
                        "text": text[i:j],
                        "actor": actor,
                        "tint": _ACTOR_TINTS[actor - 1] if actor else "",
                        "number": actor if last_of_actor else None,
                        "reading": headline(loaded[finding]) if finding is not None else None,
                    }
                )
                i = j
            parts.append({"kind": kind, "segments": segments})
        columns.append({"source": name, "parts": parts})
    return columns


def render_html(
    comparison: Comparison, top: int | None = TOP_ACTORS, documents: Sequence[Analysis] | None = None
) -> str:
    from framing.render.html import render_page

    sources = list(comparison.sources)
    rows = _top(comparison, top)
    many = len(sources) > SIDE_BY_SIDE[1]
    categories = sorted({c for s in comparison.summaries for c, _, _ in s.categories})
    density = [("all loaded", [s.loaded_per_1k_words for s in comparison.summaries])]
    density += [
        (c, [{k: p for k, _, p in s.categories}.get(c, 0.0) for s in comparison.summaries])
        for c in categories
    ]
    side = None
    numbered = {r.key: n for n, r in enumerate(rows[: len(_ACTOR_TINTS)], start=1)}
    if documents is not None and SIDE_BY_SIDE[0] <= len(documents) <= SIDE_BY_SIDE[1]:
        side = _side_by_side(comparison, documents, numbered)
    return render_page(
        "comparison.html.j2",
        "Framing comparison",
        None,
        sources=[
            {
                "name": s.name,
                "documents": s.documents,
                "words": s.words,
                "loaded": s.loaded,
                "colour": _PALETTE[k % len(_PALETTE)],
                "dash": _DASHES[k % len(_DASHES)],
            }
            for k, s in enumerate(comparison.summaries)
        ],
        differences=[d.sentence for d in comparison.differences],
        top_note=_top_note(comparison, top),
        many=many,
        side=side,
        numbered=[(n, r.name, _ACTOR_TINTS[n - 1]) for r in rows if (n := numbered.get(r.key))],
        heat=[{"name": r.name, "cells": [_heat_cell(c) for c in r.cells]} for r in rows],
        scale=[(v, diverging(v)) for v in (-1.0, -0.5, -0.2, 0.0, 0.2, 0.5, 1.0)],
        bars=None if many else _score_bars(comparison, rows),
        names=[
            {
                "name": r.name,
                "cells": [
                    (s, _names(c), _labels(c)) for s, c in zip(sources, r.cells, strict=True) if c is not None
                ],
            }
            for r in rows
        ],
        agency=[
            {
                "name": r.name,
                "cells": [
                    (s, _agency(c), _voice(c)) for s, c in zip(sources, r.cells, strict=True) if c is not None
                ],
            }
            for r in rows
        ],
        density=density,
        labels=[(s.name, _label_list(s.sponsorship), _label_list(s.identity)) for s in comparison.summaries],
        distinctive_note=_distinctive_note(),
        threshold=DISTINCTIVE_Z,
        distinctive=[(s.name, [(w, z, n) for w, z, n in s.distinctive]) for s in comparison.summaries],
        failures=count(len(comparison.failures), "document") if comparison.failures else "",
    )


def render_comparison(
    comparison: Comparison,
    fmt: str,
    *,
    to_terminal: bool = False,
    top: int | None = TOP_ACTORS,
    documents: Sequence[Analysis] | None = None,
) -> str:
    """The comparison in `fmt`. `top` limits terminal, Markdown and HTML to the most prominent actors (None:
    all); `documents`, one analysis per source in order, adds the side-by-side view (2-4 of them) to HTML."""
    if fmt == "terminal":
        return render_terminal(comparison, color=to_terminal, top=top)
    if fmt == "markdown":
        return render_markdown(comparison, top)
    if fmt == "html":
        return render_html(comparison, top, documents)
    if fmt == "json":
        return render_json(comparison)
    if fmt == "csv":
        return render_csv(comparison)
    raise ValueError(f"unknown format {fmt!r}; choose from: terminal, json, markdown, csv, html")
