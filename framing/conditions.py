"""Checked conditions: small named tests over an engine's parse that decide whether a match is in its loaded
sense.

A lexicon entry lists checks as strings, `check = ["pos:VERB", "patient:people|place"]`; a match is a
finding only when every check passes. A check is `name` or `name:arg|arg`, and any check can be negated
with a `not-` prefix (`not-next:beat|drum`). The vocabulary (`CHECKS`):

- `pos:TAGS`: the match's head word has one of these universal parts of speech (VERB, NOUN, ADJ, ADV, PROPN).
- `patient:KINDS`: the verb's patient (its object, or the subject of a passive; else an "on"/"against"
  object) is a noun of one of these kinds. Kinds (`lexicons/text/kinds.toml`): people, group, place,
  unrest, attack, name.
- `agent:KINDS`: likewise for the doer (the subject, or the "by" agent of a passive).
- `modifies:KINDS`: the noun the matched word describes (the noun an adjective qualifies; a matched noun
  itself) is of one of these kinds.
- `next:WORDS` / `previous:WORDS`: the word right after / before the match is one of these (lowercase).

Names are not labels (`in_name`): a match inside a longer named entity (an organisation, event, work,
law, building or product: "Syrian Arab Army", "Arab Spring", "the Rumors of War") or a person's name
("Christian Smith") is not a finding unless its entry sets `in_names = true`.

Engines: with the spaCy engine every check reads dependencies and entities. The fast engine has tags and
the project's chunk rules but no dependencies and no entities, so: a head is the last noun of the span; a
proper noun counts as any of people, group, place or name; an adjective modifies the next noun of its
chunk; a name is a run of two or more capitalised proper nouns ending in a word that no entry matched.
In a line where most words are capitalised (a headline, or capitals throughout) no match counts as a
name. Without a parse (a `Document` from `prepare`), checks that need one cannot be decided and pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from framing.engine.model import SentenceParse, Token
from framing.resources import text_resource

KINDS = ("people", "group", "place", "unrest", "attack", "name")
POS_TAGS = ("VERB", "NOUN", "ADJ", "ADV", "PROPN", "AUX", "ADP", "NUM")
# Entity labels that make a term part of a name rather than a label.
NAME_LABELS = frozenset({"PERSON", "ORG", "EVENT", "WORK_OF_ART", "FAC", "LAW", "PRODUCT", "LANGUAGE"})
# Names of events, works and laws keep lowercase words ("the 1992 LA riots", "the Rumors of War").
TITLE_LABELS = frozenset({"EVENT", "WORK_OF_ART", "LAW"})


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    arguments: str  # "kinds", "pos", "words"
    meaning: str


CHECKS: dict[str, CheckSpec] = {
    spec.name: spec
    for spec in (
        CheckSpec("pos", "pos", "the matched word's part of speech is one of"),
        CheckSpec("patient", "kinds", "the verb's patient (object, or subject of a passive) is"),
        CheckSpec("agent", "kinds", "the verb's doer (subject, or by-agent of a passive) is"),
        CheckSpec("modifies", "kinds", "the noun the word describes is"),
        CheckSpec("next", "words", "the next word is one of"),
        CheckSpec("previous", "words", "the previous word is one of"),
    )
}


@dataclass(frozen=True, slots=True)
class Check:
    """One parsed check: `not-patient:people|place` is Check('patient', ('people', 'place'), negated=True)."""

    name: str
    arguments: tuple[str, ...]
    negated: bool = False

    @property
    def text(self) -> str:
        body = f"{self.name}:{'|'.join(self.arguments)}" if self.arguments else self.name
        return f"not-{body}" if self.negated else body

    def describe(self) -> str:
        """Plain words for reports: "the verb's patient is not people or place"."""
        spec = CHECKS[self.name]
        args = list(self.arguments)
        values = f"{', '.join(args[:-1])} or {args[-1]}" if len(args) > 1 else args[0]
        meaning = spec.meaning.replace(" is", " is not", 1) if self.negated else spec.meaning
        return f"{meaning} {values}"


def parse_check(text: str) -> Check:
    """Parse one check string.

    Raises:
        ValueError: with a message naming what is wrong (unknown check, missing or unknown arguments).
    """
    body = text.strip()
    negated = body.startswith("not-")
    if negated:
        body = body[4:]
    name, _, rest = body.partition(":")
    spec = CHECKS.get(name)
    if spec is None:
        import difflib

        close = difflib.get_close_matches(name, sorted(CHECKS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ValueError(f"unknown check '{name}'{hint}; checks are {', '.join(sorted(CHECKS))}")
    arguments = tuple(a.strip() for a in rest.split("|")) if rest else ()
    if not arguments or any(not a for a in arguments):
        raise ValueError(f"check '{text}' needs arguments after ':', separated by '|'")
    allowed = {"kinds": KINDS, "pos": POS_TAGS}.get(spec.arguments)
    if allowed is not None:
        unknown = [a for a in arguments if a not in allowed]
        if unknown:
            raise ValueError(f"check '{text}': unknown {spec.arguments} {', '.join(unknown)}; "
                             f"use {', '.join(allowed)}")
    elif any(a != a.lower() for a in arguments):
        raise ValueError(f"check '{text}': write words in lowercase")
    return Check(name, arguments, negated)


# --- reading the parse ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Site:
    """Where a match sits in its sentence's parse: the parse, and the token indices the match covers."""

    parse: SentenceParse
    first: int
    last: int  # inclusive
    entities: bool  # whether the engine recognises named entities

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.parse.tokens

    def head(self) -> int:
        """The match's head token: the one whose syntactic head lies outside the match (spaCy), else its
        last noun (fast engine), else its first verb, else its last token."""
        span = range(self.first, self.last + 1)
        tokens = self.tokens
        if tokens[self.first].head >= 0:
            for i in span:
                if not self.first <= tokens[i].head <= self.last or tokens[i].head == i:
                    return i
        for i in reversed(span):
            if tokens[i].pos in ("NOUN", "PROPN"):
                return i
        for i in span:
            if tokens[i].pos in ("VERB", "AUX"):
                return i
        return self.last


def site_of(parse: SentenceParse, start: int, end: int, *, entities: bool) -> Site | None:
    """The tokens of `parse` that the character span [start, end) overlaps, or None."""
    covered = [i for i, t in enumerate(parse.tokens) if t.start < end and t.end > start]
    if not covered:
        return None
    return Site(parse, covered[0], covered[-1], entities)


@cache
def _kind_data() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    data = text_resource("kinds")
    nouns = {k: frozenset(v) for k, v in data["nouns"].items()}
    labels = {k: frozenset(v) for k, v in data["entity_labels"].items()}
    return nouns, labels


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def kind_of(token: Token, *, entities: bool) -> frozenset[str]:
    """The kinds a noun token belongs to (people, group, place, unrest, attack, name)."""
    nouns, labels = _kind_data()
    lemma = token.lemma or token.lower
    words = {lemma, token.lower, _singular(token.lower)}
    kinds = {kind for kind, members in nouns.items() if words & members}
    if token.ent:
        kinds.update(kind for kind, members in labels.items() if token.ent in members)
        kinds.add("name")
    elif token.pos == "PROPN":
        kinds.add("name")
        if not entities:  # the fast engine cannot tell a person's name from a place's
            kinds.update(("people", "group", "place"))
    return frozenset(kinds)


def _span_head(site: Site, span: tuple[int, int]) -> int:
    tokens = site.tokens
    start, end = span
    if tokens[start].head >= 0:
        for i in range(start, end):
            if not start <= tokens[i].head < end or tokens[i].head == i:
                return i
    for i in range(end - 1, start - 1, -1):
        if tokens[i].pos in ("NOUN", "PROPN", "PRON", "NUM"):
            return i
    # Fast engine: a phrase the tagger cut short ("a new [offensive/JJ]") ends at the next adjective or noun.
    last = end - 1
    while last + 1 < len(tokens) and tokens[last + 1].pos in ("ADJ", "NOUN"):
        last += 1
    return last


def _clause(site: Site):  # type: ignore[no-untyped-def, unused-ignore]
    for clause in site.parse.clauses:
        if site.first <= clause.verb <= site.last:
            return clause
    return None


def _patient(site: Site) -> int | None:
    clause = _clause(site)
    if clause is None:
        return None
    span = clause.patient
    if span is None and clause.passive and clause.attached is not None:
        return clause.attached
    if span is None:
        span = clause.against or next(
            (s for p, s in clause.preps if p in ("on", "upon", "against", "at")), None
        )
    return _span_head(site, span) if span else None


def _agent(site: Site) -> int | None:
    clause = _clause(site)
    if clause is None:
        return None
    if clause.agent is None and not clause.passive and clause.attached is not None:
        return clause.attached
    return _span_head(site, clause.agent) if clause.agent else None


def _modified(site: Site) -> int | None:
    tokens = site.tokens
    head = site.head()
    token = tokens[head]
    if token.pos in ("NOUN", "PROPN", "PRON"):
        if token.dep in ("compound", "amod") and token.head > head:
            return token.head
        if not token.dep:  # fast engine: a noun before nouns modifies the last of them ("Christian villages")
            following = head
            while following + 1 < len(tokens) and tokens[following + 1].pos in ("NOUN", "PROPN"):
                following += 1
            return following
        return head
    if token.head >= 0 and token.dep:
        if token.dep in ("amod", "compound", "nmod", "appos") and token.head != head:
            return token.head
        if token.dep in ("acomp", "attr", "xcomp"):
            for clause in site.parse.clauses:
                if clause.verb == token.head and clause.subject:
                    return _span_head(site, clause.subject)
        return None
    for i in range(head + 1, min(head + 4, len(tokens))):  # fast engine: the next noun of the phrase
        if tokens[i].pos in ("NOUN", "PROPN"):
            return i
        if tokens[i].pos not in ("ADJ", "ADV", "CCONJ", "PUNCT", "NOUN"):
            break
    # A phrase the tagger cut short ("a massive [offensive/JJ] in"): its last adjective is the noun, as in
    # `_span_head`.
    if head + 1 < len(tokens) and tokens[head + 1].pos == "ADJ" and (
        head + 2 == len(tokens) or tokens[head + 2].pos not in ("ADJ", "ADV", "CCONJ", "NOUN", "PROPN")
    ):
        return head + 1
    return None


def _word(site: Site, index: int) -> str | None:
    tokens = site.tokens
    while 0 <= index < len(tokens):
        if tokens[index].text[:1].isalnum():
            return tokens[index].lower
        index += 1 if index > site.last else -1
    return None


def evaluate(check: Check, site: Site) -> bool:
    """Whether `check` passes at `site` (negation applied)."""
    return _raw(check, site) != check.negated


def _raw(check: Check, site: Site) -> bool:
    name, arguments = check.name, check.arguments
    if name == "pos":
        return site.tokens[site.head()].pos in arguments
    if name == "next":
        return _word(site, site.last + 1) in arguments
    if name == "previous":
        return _word(site, site.first - 1) in arguments
    target = {"patient": _patient, "agent": _agent, "modifies": _modified}[name](site)
    if target is None:
        return False
    return bool(kind_of(site.tokens[target], entities=site.entities) & set(arguments))


def first_failing(checks: Sequence[Check], site: Site) -> Check | None:
    """The first check that does not pass at `site`, or None when all pass."""
    return next((c for c in checks if not evaluate(c, site)), None)


# --- names are not labels ---------------------------------------------------------------------------------


HEADLINE_SHARE = 0.6
_FUNCTION_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "on", "for", "to"})


def _headline_case(tokens: Sequence[Token]) -> bool:
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) > HEADLINE_SHARE * len(words)


def in_name(site: Site, matched: Sequence[tuple[int, int]] = ()) -> str | None:
    """The name holding the match ("Syrian Arab Army"), or None when the match is not part of a name.

    `matched` holds the character spans of every lexicon match in the sentence (for the fast engine's
    rule, whose name must end in a word no entry matched).
    """
    tokens = site.tokens
    words = [
        w for t in tokens[site.first : site.last + 1] for w in re.split(r"[-\s]", t.text) if w[:1].isalpha()
    ]
    capitalised = bool(words) and all(w[0].isupper() or w in _FUNCTION_WORDS for w in words)
    if words and not capitalised and any(w[0].isupper() for w in words):
        return None  # "Iranian-backed" is a label, even before a name
    if _headline_case(tokens):
        return None  # in a Title Case or CAPITALS line, capitals say nothing about names
    if site.entities:
        for entity in site.parse.entities:
            if entity.label not in NAME_LABELS or not (entity.start <= site.first and site.last < entity.end):
                continue
            if not capitalised and not (
                entity.label in TITLE_LABELS and tokens[entity.start].text[:1].isupper()
            ):
                continue  # "the Assad regime" is a label even when tagged as an organisation
            longer = entity.end - entity.start > site.last - site.first + 1
            words = [t for t in tokens[entity.start : entity.end] if t.lower not in ("the", "a", "an")]
            if longer and len(words) > site.last - site.first + 1:
                return " ".join(t.text for t in tokens[entity.start : entity.end])
        return None
    if not capitalised:
        return None
    # Fast engine: a run of capitalised proper nouns (adjectives allowed before the last) ending in an
    # unmatched proper noun after the match.
    def capital(i: int) -> bool:
        return tokens[i].text[:1].isupper() and tokens[i].pos in ("PROPN", "ADJ")

    end = site.last
    while end + 1 < len(tokens) and capital(end + 1):
        end += 1
    if end == site.last:
        return None
    last = tokens[end]
    if last.tag != "NNP" or any(s < last.end and last.start < e for s, e in matched):
        return None
    start = site.first
    while start > 0 and capital(start - 1):
        start -= 1
    return " ".join(t.text for t in tokens[start : end + 1])
