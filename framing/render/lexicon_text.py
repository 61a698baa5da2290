"""Plain-text view of one lexicon entry, for `framing lexicon show`."""

from __future__ import annotations

from framing.forms import entry_forms
from framing.messages import NO_ALTERNATIVE, strength_label
from framing.model import Entry, Lexicon


def entry_text(entry: Entry, lexicon: Lexicon) -> str:
    lines = [
        f"{entry.key}  ({entry.path}:{entry.line})",
        f"  term:         {entry.term}",
        f"  matches:      {', '.join(entry_forms(entry))}",
        f"  connotation:  {entry.connotation.value}",
        f"  {strength_label(entry)}",
    ]
    if entry.condition:
        lines.append(f"  condition:    {entry.condition}")
    lines.append(f"  explanation:  {entry.explanation}")
    alternatives = ", ".join(entry.alternatives) if entry.alternatives else NO_ALTERNATIVE
    lines.append(f"  alternatives: {alternatives}")
    lines.extend(f"  source:       {lexicon.cite(s)}" for s in entry.sources)
    if entry.exceptions:
        lines.append(f"  exceptions:   {', '.join(entry.exceptions)}")
    lines.extend(f"  flags:        {s}" for s in entry.examples_flag)
    lines.extend(f"  passes:       {s}" for s in entry.examples_pass)
    return "\n".join(lines)
