"""All user-facing wording in one place: findings, hedges, alternatives, errors' fixed phrases.

Entries never carry message templates; renderers compose every sentence here, so tone stays the same
across reports and a wording fix is a one-line change (pinned by the golden tests).
"""

from __future__ import annotations

from framing.model import STRENGTH_MEANING, Connotation, Entry, Finding, Kind, Lexicon

NO_ALTERNATIVE = "No direct neutral equivalent; describe the specific action or status."
MAX_ALTERNATIVES = 3

# (assertive, hedged) wording of what an entry does, by connotation.
_CONNOTATION_VERB = {
    Connotation.NEGATIVE: ("casts its subject negatively", "may cast its subject negatively"),
    Connotation.POSITIVE: ("casts its subject favourably", "may cast its subject favourably"),
    Connotation.EUPHEMISTIC: ("softens what it describes", "may soften what it describes"),
    Connotation.NEUTRAL: ("labels its subject", "may label its subject"),
}

KIND_HEADING = {
    Kind.LOADED: "Loaded language",
    Kind.IDENTITY: "Identity labels",
    Kind.MARKER: "Sourcing and certainty markers",
}


def match_case(alternative: str, matched: str) -> str:
    """Capitalise an alternative like the matched words: 'Regime' -> 'Government'."""
    if matched.isupper() and len(matched) > 1:
        return alternative.upper()
    if matched[:1].isupper():
        return alternative[:1].upper() + alternative[1:]
    return alternative


def alternatives_for(finding: Finding) -> tuple[str, ...]:
    return tuple(match_case(a, finding.text) for a in finding.entry.alternatives[:MAX_ALTERNATIVES])


def alternatives_line(finding: Finding) -> str:
    alternatives = alternatives_for(finding)
    if not alternatives:
        return NO_ALTERNATIVE
    return "Neutral alternatives: " + ", ".join(f'"{a}"' for a in alternatives)


def headline(finding: Finding) -> str:
    """'"regime" may frame ...': hedged when the entry is conditional or weak (strength 1)."""
    entry = finding.entry
    hedge = entry.condition is not None or entry.strength == 1
    phrase = _CONNOTATION_VERB[entry.connotation][1 if hedge else 0]
    condition = f", {entry.condition}" if entry.condition else ""
    return f'"{finding.text}"{condition}: {phrase}'


def quote_note(finding: Finding) -> str | None:
    if not finding.in_quote:
        return None
    speaker = finding.speaker or "an unidentified speaker"
    return f"in a direct quotation attributed to {speaker}"


def strength_label(entry: Entry) -> str:
    return f"strength {entry.strength} ({STRENGTH_MEANING[entry.strength]})"


def tag_line(finding: Finding) -> str:
    entry = finding.entry
    return f"{entry.key} · {entry.connotation.value} · strength {entry.strength}"


def sources_line(entry: Entry, lexicon: Lexicon) -> str:
    return "Sources: " + "; ".join(lexicon.cite(s) for s in entry.sources)


def decoded_note(encoding: str) -> str:
    return f"not valid UTF-8; read as {encoding}, so some characters may be wrong"


def html_note() -> str:
    return "read as the visible text of an HTML page; offsets index that text"
