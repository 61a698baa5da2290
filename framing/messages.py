"""All user-facing wording in one place: findings, hedges, alternatives, errors' fixed phrases.

Entries never carry message templates; renderers compose every sentence here, so tone stays the same
across reports and a wording fix is a one-line change (pinned by the golden tests).
"""

from __future__ import annotations

from functools import lru_cache

from framing.model import STRENGTH_MEANING, Connotation, Entry, Finding, Kind, Lexicon

NO_ALTERNATIVE = "No direct neutral equivalent; describe the specific action or status."
# What to do instead, when an entry offers no alternative, by kind.
_NO_ALTERNATIVE_BY_KIND = {
    Kind.LOADED: NO_ALTERNATIVE,
    Kind.IDENTITY: "Keep it where the identity matters to the story; otherwise name the group or its role.",
    Kind.MARKER: "Name the source, or say how the claim is known.",
    Kind.GRADED: "Describe what happened or what was said, and let readers judge it.",
}
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
    Kind.GRADED: "General evaluative words (graded and learned layers, lower strength)",
}


def match_case(alternative: str, matched: str) -> str:
    """Capitalise an alternative like the matched words: 'Regime' -> 'Government'."""
    if matched.isupper() and len(matched) > 1:
        return alternative.upper()
    if matched[:1].isupper():
        return alternative[:1].upper() + alternative[1:]
    return alternative


def alternatives_for(finding: Finding, before: str = "") -> tuple[str, ...]:
    """Alternatives fitted to the match (number and tense: `framing.inflect.fit`) and capitalised like it.
    `before`, the word before the match, tells "had captured" (participle) from "captured" (past)."""
    matched = finding.text if finding.entry.case_sensitive else finding.text.lower()
    return tuple(match_case(a, finding.text) for a in _fitted(finding.entry, matched, before.lower()))


@lru_cache(maxsize=8192)
def _fitted(entry: Entry, matched: str, before: str) -> tuple[str, ...]:
    """An entry's alternatives fitted to one matched form (cached: a corpus repeats its forms)."""
    from framing.inflect import fit

    fitted: dict[str, None] = {}
    for alternative in entry.alternatives:
        fitted.setdefault(fit(alternative, entry, matched, before), None)
    return tuple(fitted)[:MAX_ALTERNATIVES]


def alternatives_line(finding: Finding) -> str:
    alternatives = alternatives_for(finding)
    if not alternatives:
        return _NO_ALTERNATIVE_BY_KIND[finding.entry.kind]
    return "Neutral alternatives: " + ", ".join(f'"{a}"' for a in alternatives)


_KIND_VERB = {
    Kind.IDENTITY: ("labels its subject by identity", "may label its subject by identity"),
    Kind.MARKER: (
        "marks how a claim is sourced or how sure it is",
        "may mark how a claim is sourced or how sure it is",
    ),
}


# A loaded word with no direction of its own (an intensifier: "utterly", "sheer").
_EMPHASIS = ("adds emphasis or judgement without adding information",
             "may add emphasis or judgement without adding information")


def headline(finding: Finding) -> str:
    """'"regime" may frame ...': hedged when the entry is conditional or weak (strength 1)."""
    entry = finding.entry
    hedge = entry.condition is not None or entry.strength == 1
    wording = _CONNOTATION_VERB[entry.connotation]
    if entry.connotation is Connotation.NEUTRAL:
        wording = _KIND_VERB.get(entry.kind, _EMPHASIS)
    phrase = wording[1 if hedge else 0]
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


# --- actor framing ------------------------------------------------------------------------------

_ROLE_CLASS = {
    "harm": "doing harm",
    "help": "helping",
    "conflict": "fighting",
    "control": "exercising control",
    "movement": "moving",
    "accusation": "accusing or judging",
    "support": "supporting",
    "cooperation": "cooperating",
    "neutral": "acting",
}


def role_reason(use) -> str:
    """'agent of "captured" (fighting)' / 'patient of "were killed", no agent named'."""
    what = _ROLE_CLASS.get(use.verb_class or "", "acting")
    if use.role.value == "agent":
        other = f' against "{use.other}"' if use.other else ""
        return f'agent of "{use.verb_text}" ({what}){other}'
    if use.agentless:
        return f'patient of "{use.verb_text}" ({what}), in the passive with no agent named'
    by = f' by "{use.other}"' if use.other else ""
    return f'patient of "{use.verb_text}" ({what}){by}'


def attribute_reason(words: str, why: str) -> str:
    return f'described as "{words}" ({why})'


def label_reason(finding: Finding) -> str:
    entry = finding.entry
    return f'called "{finding.text}" ({entry.key}, {entry.connotation.value}, strength {entry.strength})'


def sentiment_reason(scored: tuple[tuple[str, float], ...]) -> str:
    words = ", ".join(f'"{w}" {v:+.2f}' for w, v in scored[:4])
    return f"TextBlob polarity of its clause, from {words}"


def learned_sentiment_reason(label: str, probability: float, features: list[tuple[str, float]]) -> str:
    shown = ", ".join(f"{name} {value:+.2f}" for name, value in features)
    return f"the actor-sentiment model reads {label} ({probability:.2f}) from {shown}"


def voice_reason(voice, attribution) -> str:
    if voice.direct:
        return "quoted directly, in its own words"
    if voice.via_source:
        return f'cited only through unnamed sources ("{voice.verb}")'
    if attribution:
        return f'its statement reported with "{voice.verb}" ({attribution[0].entry.key})'
    return f'its statement reported with "{voice.verb}"'


def allegation_reason(allegation) -> str:
    if allegation.accuser:
        return f'accused ("{allegation.entry}") by "{allegation.accuser}"'
    return f'accused ("{allegation.entry}") with no accuser named'


def names_line(actor) -> str:
    return ", ".join(f'"{n.text}" x{n.count}' for n in actor.names)


def roles_line(actor) -> str:
    from framing.model import Role

    agent, patient = actor.role_count(Role.AGENT), actor.role_count(Role.PATIENT)
    line = f"agent {agent}, patient {patient}"
    if actor.agentless_count:
        line += f" ({actor.agentless_count} in agentless passives)"
    return line


def voice_line(actor) -> str:
    direct = sum(1 for v in actor.voice if v.direct)
    reported = sum(1 for v in actor.voice if not v.direct and not v.via_source)
    via = sum(1 for v in actor.voice if v.via_source)
    if not actor.voice:
        return "never quoted or cited"
    parts = [f"quoted {direct}" if direct else "", f"reported {reported}" if reported else "",
             f"via unnamed sources {via}" if via else ""]
    return ", ".join(p for p in parts if p)


def allegations_line(actor) -> str:
    if not actor.allegations:
        return "none"
    unattributed = sum(1 for a in actor.allegations if a.accuser is None)
    return f"{len(actor.allegations)} ({unattributed} with no accuser named)"


def score_line(actor) -> str:
    return f"{actor.score:+.2f} (confidence {actor.confidence:.2f})"


_NARRATIVE = {
    "villain": "a villain (antagonist)",
    "hero": "a hero (protagonist)",
    "victim": "a victim (innocent)",
}


def narrative_line(actor) -> str:
    """'cast as a victim (innocent): patient of "displacing", "committing"' or 'no clear narrative role'."""
    role = getattr(actor, "narrative_role", "none")
    if role not in _NARRATIVE:
        return "no clear narrative role"
    words = ", ".join(f'"{e.text[:40]}"' for e in actor.narrative_evidence[:3])
    reason = (
        actor.narrative_evidence[0].reason.split(" (")[0].split(" by ")[0] if actor.narrative_evidence else ""
    )
    more = f" and {len(actor.narrative_evidence) - 3} more" if len(actor.narrative_evidence) > 3 else ""
    return f"cast as {_NARRATIVE[role]}: {words}{more}" + (f" ({reason})" if reason else "")


def probabilities_line(actor) -> str:
    if not getattr(actor, "probabilities", ()):
        return ""
    negative, neutral, positive = actor.probabilities
    return f"P(negative) {negative:.2f}, P(neutral) {neutral:.2f}, P(positive) {positive:.2f}"


def components_line(actor) -> str:
    parts = [f"{c.name} {c.contribution:+.2f}" for c in actor.components if c.evidence]
    return ", ".join(parts) if parts else "no evidence"


def suppressed_reason(why: str, detail: str) -> str:
    """Why a match is not a finding (analyze --explain): part of a name, or a checked condition failed."""
    if why == "name":
        return f"part of the name \u201c{detail}\u201d; names are not labels"
    return f"not in its loaded sense here; its check needs: {detail}"


# How the annotated-word model's features read in an explanation (framing.learn.word_model names them
# "kind:value").
_FEATURE_WORDING = {
    "word": "the word \u201c{}\u201d",
    "before": "after \u201c{}\u201d",
    "after": "before \u201c{}\u201d",
    "before+pos": "{1} after \u201c{0}\u201d",
    "pos": "as {}",
    "suffix": "the ending \u201c-{}\u201d",
    "lexicon": "the lexicon's {} entry here",
    "lexicon-strength": "a lexicon finding of strength {}",
    "textblob": "TextBlob's {} grade",
}
_FLAG_WORDING = {
    "capitalised": "a capital letter",
    "after-degree-word": "a degree word before it",
    "wire:uses": "its uses in neutral wire copy",
}
_TAG_WORDING = {"JJ": "an adjective", "RB": "an adverb", "NN": "a noun", "VB": "a verb"}


NO_WORD_MODEL = (
    "--annotated needs the annotated-word model framing/models/{file}, which is not shipped: train it "
    "from BABE with 'framing train words --data ../shared/data' (about a minute)"
)


def model_feature(name: str) -> str:
    """'word:bizarre' -> 'the word “bizarre”'; 'before+pos:so JJ' -> 'an adjective after “so”' (apart
    from 'before:so', 'after “so”', so that two features never read alike)."""
    kind, _, value = name.partition(":")
    if kind == "before+pos":
        word, _, tag = value.rpartition(" ")
        return _FEATURE_WORDING[kind].format(word, _TAG_WORDING.get(tag, f"tag {tag}"))
    if kind == "pos":
        value = _TAG_WORDING.get(value, f"tag {value}")
    if kind in _FEATURE_WORDING:
        return _FEATURE_WORDING[kind].format(value)
    return _FLAG_WORDING.get(name, name)


def annotated_explanation(
    score: float, threshold: float, contributions: list[tuple[str, float]], word: str = "",
    evidence: float | None = None,
) -> str:
    """Why the annotated-word model made a finding: its score, the features that moved it most, and the
    evidence that its strongest `word` is evaluative (`framing.learn.word_model.evaluative_evidence`: a
    log-odds z of annotated against neutral wire use; None or 0 for a model without the gate)."""
    moved = "; ".join(f"{model_feature(name)} {signed(value)}" for name, value in contributions)
    return (
        f"A model's guess, often wrong: annotators of news bias (BABE) often mark words like this in a "
        f"sentence like this; the annotated-word model gives it {score:.2f} (a finding from {threshold:.2f})"
        + (f", moved most by {moved}." if moved else ".")
        + (f" Evidence that \u201c{word}\u201d evaluates: BABE's annotators mark it far more often than "
           f"neutral wire copy uses it (log-odds z {evidence:.1f})." if evidence else "")
        + " Ask whether the word reports or judges."
    )


def suppressed_line(item) -> str:
    """One --explain line: where, the words, the entry, and the reason."""
    finding = item.finding
    return f"not flagged: \u201c{finding.text}\u201d ({finding.entry.key}), {item.reason}"


# --- counts -----------------------------------------------------------------------------------------

def count(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 document', '2 documents', '1,200 words': a number with its noun in the right number."""
    return f"{n:,} {singular if n == 1 else plural_form or singular + 's'}"


def signed(value: float) -> str:
    """A score with its sign, two decimals; a value that rounds to zero is "+0.00", never "-0.00"."""
    text = f"{value:+.2f}"
    return "+0.00" if text == "-0.00" else text


def summary_line(summary) -> str:
    """The one-line size of a document's findings, shared by the HTML and Markdown reports."""
    return (
        f"{count(summary.words, 'word')}; {count(summary.findings, 'finding')}; loaded language "
        f"{summary.loaded} ({summary.loaded_per_1k_words:.1f} per 1,000 words); {summary.in_quotes} inside "
        "direct quotations."
    )


def rewrite_intro(swaps: int) -> str:
    """The line above the neutral rewrite, in every report."""
    return (
        f"Each loaded word outside quotations swapped for a neutral alternative in the same number and "
        f"tense ({count(swaps, 'swap')}); quotations keep their words. The replaced words are shown struck "
        "through after each swap."
    )

# `framing eval`: what the bracketed figures after a metric are.
EVAL_INTERVALS = (
    "[low, high]: 95% bootstrap interval (1,000 resamples, seed 42; items that belong together are resampled "
    "whole: the targets of one NewsMTSC sentence, the entities of one article): how far the figure could "
    "move on another sample of the same kind of data."
)
