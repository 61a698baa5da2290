"""Coursework: questions for discussion, a glossary of the categories used, and a neutral rewrite.

Pure functions over an `Analysis`; the wording of every question is here, so a teacher who wants other
phrasing edits one file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from framing.messages import alternatives_for
from framing.model import ActorFrame, Analysis, Connotation, Finding, Kind, Lexicon, Role

MAX_QUESTIONS = 7
_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")


def _negative_labels(actor: ActorFrame) -> list[Finding]:
    return [
        f for f in actor.labels if f.entry.connotation is Connotation.NEGATIVE and f.entry.kind is Kind.LOADED
    ]


def _clip(text: str, limit: int = 60) -> str:
    """A quotation short enough for a question, cut at a word."""
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


def named_count(actor: ActorFrame) -> int:
    """How often the text names the actor (pronouns left out): the sum of the counts its names line shows."""
    return sum(n.count for n in actor.names)


def questions(analysis: Analysis) -> tuple[str, ...]:
    """Questions a class could discuss, each pointing at words in the text."""
    out: list[str] = []
    actors = analysis.actors
    labelled = [(a, _negative_labels(a)) for a in actors if _negative_labels(a)]
    if labelled:
        actor, labels = max(labelled, key=lambda al: (max(f.entry.strength for f in al[1]), len(al[1])))
        label = max(labels, key=lambda f: f.entry.strength)
        plain = [a for a in actors if a is not actor and a.type == actor.type and not _negative_labels(a)]
        if plain:
            out.append(f'Why is {actor.name} called "{label.text}", while {plain[0].name} is called '
                       f'"{plain[0].names[0].text}"?')
        alternatives = alternatives_for(label)
        if alternatives:
            out.append(f'What changes for a reader if {actor.name} is called "{alternatives[0]}" instead of '
                       f'"{label.text}"?')
    speakers = [a.name for a in actors if a.voice]
    silent = [a for a in actors if not a.voice and named_count(a) >= 2]
    if silent:
        who = f" The story quotes or cites {', '.join(speakers[:3])} instead." if speakers else ""
        out.append(f"{silent[0].name} is named {named_count(silent[0])} times but is never quoted or cited. "
                   f"What might it say?{who}")
    for actor in actors:
        bare = [a for a in actor.allegations if a.accuser is None]
        if bare:
            out.append(
                f'{actor.name} is accused ("{_clip(bare[0].text)}") but the text names no accuser. Who makes '
                "this accusation, and how could a reader check it?"
            )
            break
    for actor in actors:
        hidden = [
            r for r in actor.roles if r.agentless and r.role is Role.PATIENT and r.verb_class != "accusation"
        ]
        if hidden:
            out.append(
                f'Something is done to {actor.name} ("{hidden[0].verb_text}") without saying who did it. '
                "Who is left out, and does it matter?"
            )
            break
    unnamed = [f for f in analysis.findings if f.entry.category == "hedges"]
    if unnamed:
        out.append(
            f'The story relies on "{unnamed[0].text}". Who might these sources be, and why are they not '
            "named?"
        )
    euphemisms = [f for f in analysis.findings if f.entry.connotation is Connotation.EUPHEMISTIC]
    if euphemisms:
        out.append(f'What does "{euphemisms[0].text}" describe here? Say it in plainer words.')
    identity = sorted({f.text for f in analysis.findings if f.entry.kind is Kind.IDENTITY})
    if identity:
        shown = ", ".join(f'"{w}"' for w in identity[:3])
        out.append(
            f"The story names groups by sect, ethnicity or religion ({shown}). Does that identity matter "
            "to what happened?"
        )
    return tuple(out[:MAX_QUESTIONS])


@dataclass(frozen=True, slots=True)
class GlossaryItem:
    category: str
    title: str
    kind: Kind
    description: str


def glossary(analysis: Analysis, lexicon: Lexicon) -> tuple[GlossaryItem, ...]:
    """The categories this analysis uses, with the lexicon's own descriptions."""
    used = sorted({f.entry.category for f in analysis.findings})
    return tuple(GlossaryItem(c, lexicon.by_category[c].title, lexicon.by_category[c].kind,
                              lexicon.by_category[c].description) for c in used if c in lexicon.by_category)


@dataclass(frozen=True, slots=True)
class ScoreChange:
    actor: str
    before: float
    after: float | None  # None when the rewrite no longer finds the actor


@dataclass(frozen=True, slots=True)
class Swap:
    """One loaded finding replaced by its first neutral alternative; `start`/`end` index the rewritten
    text."""

    finding: Finding
    new: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Rewrite:
    """The text with each loaded finding outside quotations swapped for its first neutral alternative, and
    (when re-scored with the user's options) how each actor's score moves."""

    text: str
    swaps: tuple[Swap, ...]
    changes: tuple[ScoreChange, ...] | None = None  # None: not re-scored


def rewrite_text(analysis: Analysis) -> Rewrite:
    """The neutral rewrite's text and swaps, without re-scoring: pure, cheap, safe to call from a renderer.
    Quotations keep their words: they are the sources', not the writer's."""
    swaps: list[Swap] = []
    pieces: list[str] = []
    last = length = 0
    for finding in analysis.findings:
        # the words just before, as rewritten so far ("paramilitary Shiite militias" has become
        # "armed Shiite ...")
        so_far = "".join(pieces[-2:]) + analysis.text[last : finding.start]
        preceding = _WORD.findall(so_far[-40:].lower())[-3:]
        alternatives = alternatives_for(finding, preceding[-1] if preceding else "")
        if (
            finding.in_quote
            or finding.entry.kind is not Kind.LOADED
            or not alternatives
            or finding.start < last
        ):
            continue
        new = _fitting(alternatives, preceding)
        before = analysis.text[last : finding.start]
        pieces.extend((before, new))
        length += len(before)
        swaps.append(Swap(finding, new, length, length + len(new)))
        length += len(new)
        last = finding.end
    pieces.append(analysis.text[last:])
    return Rewrite("".join(pieces), tuple(swaps))


def _fitting(alternatives: tuple[str, ...], preceding: list[str]) -> str:
    """The first alternative that does not repeat a word just before it ("armed Shiite militias" becomes
    "armed Shiite fighters", not "armed Shiite armed groups")."""
    for alternative in alternatives:
        if not set(_WORD.findall(alternative.lower())) & set(preceding):
            return alternative
    return alternatives[0]


def neutral_rewrite(analysis: Analysis, lexicon: Lexicon, **analyze_options: object) -> Rewrite:
    """The rewrite re-analysed with `analyze_options` (pass the user's: actor data, ignore list, sentiment
    source), so each actor's score before and after differ only by the swapped words. Called by the
    pipeline, never by a renderer."""
    from framing.analysis import analyze

    rewrite = rewrite_text(analysis)
    if not rewrite.swaps:
        return Rewrite(rewrite.text, (), ())
    rewritten = analyze(
        rewrite.text,
        source=f"{analysis.source} (neutral rewrite)",
        lexicon=lexicon,
        **analyze_options,  # type: ignore[arg-type]
    )
    after = {a.id: a.score for a in rewritten.actors}
    changes = tuple(ScoreChange(a.name, a.score, after.get(a.id)) for a in analysis.actors)
    return Rewrite(rewrite.text, rewrite.swaps, changes)
