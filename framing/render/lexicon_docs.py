"""The lexicon reference (docs/lexicon-reference.md), generated from the data by `framing lexicon docs`."""

from __future__ import annotations

from framing.messages import NO_ALTERNATIVE
from framing.model import STRENGTH_MEANING, Kind, Lexicon


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_lexicon_docs(lexicon: Lexicon) -> str:
    out = [
        "# Lexicon reference",
        "",
        "Generated from `lexicons/` by `framing lexicon docs --output docs/lexicon-reference.md`; do not "
        "edit by hand.",
        "",
        f"{len(lexicon.entries)} entries in {len(lexicon.categories)} categories. Strength: "
        + "; ".join(f"{k} {v}" for k, v in STRENGTH_MEANING.items())
        + ".",
        "",
    ]
    for category in lexicon.categories:
        entries = [e for e in lexicon.entries if e.category == category.name]
        if lexicon.layer is not None and category.name == lexicon.layer.category:
            out.extend(
                [
                    f"## {category.title} (`{category.name}`, {category.kind.value}, a learned model)",
                    "",
                    _cell(category.description),
                    "",
                    f"No word list: findings come from the annotated-word model `framing/models/"
                    f"{lexicon.layer.file}` (framing/learn/word_model.py, `framing train words`), "
                    f"citing `{lexicon.layer.source}`; strength 1.",
                    "",
                ]
            )
            continue
        if category.kind is Kind.GRADED:
            out.extend(
                [
                    f"## {category.title} (`{category.name}`, {category.kind.value}, {len(entries)} words)",
                    "",
                    _cell(category.description),
                    "",
                    "Generated at load time from the graded lexicon named in the category file "
                    "(framing/graded.py); "
                    "strength 1. Words with a part-of-speech check are marked with *.",
                    "",
                    ", ".join(e.term + ("*" if e.checks else "") for e in entries),
                    "",
                ]
            )
            continue
        out.extend(
            [
                f"## {category.title} (`{category.name}`, {category.kind.value}, {len(entries)} entries)",
                "",
                _cell(category.description),
                "",
                "| entry | forms | connotation | strength | alternatives | sources |",
                "|---|---|---|---:|---|---|",
            ]
        )
        for e in entries:
            forms = ", ".join([e.term, *e.variants])
            alternatives = ", ".join(e.alternatives) or NO_ALTERNATIVE
            sources = "; ".join(s.split(":", 1)[0] for s in e.sources)
            if e.checks:
                forms += f" (checks: {', '.join(e.checks)})"
            out.append(
                f"| `{e.id}` | {_cell(forms)} | {e.connotation.value} | {e.strength} | "
                f"{_cell(alternatives)} | "
                f"{_cell(sources)} |"
            )
        out.append("")
    out.extend(["## Sources", ""])
    out.extend(f"- `{s.key}`: {_cell(s.citation)}" + (f" <{s.url}>" if s.url else "")
               for s in sorted(lexicon.sources.values(), key=lambda s: s.key))
    return "\n".join(out) + "\n"
