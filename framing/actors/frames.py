"""Builds one `ActorFrame` per actor: names, labels, roles, voice, allegations, sentiment and score.

The per-document step is independent of every other document (corpus runs can parallelise it).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from framing.actors import score as scoring
from framing.actors.data import ActorData, Verb
from framing.actors.mentions import Mention, MentionFinder
from framing.actors.roles import narrative
from framing.engine.model import Clause, Token
from framing.messages import (
    allegation_reason,
    attribute_reason,
    learned_sentiment_reason,
    label_reason,
    role_reason,
    sentiment_reason,
    voice_reason,
)
from framing.model import (
    ActorFrame,
    Connotation,
    Allegation,
    Evidence,
    Finding,
    Kind,
    Lexicon,
    NameUse,
    Quote,
    Role,
    RoleUse,
    Voice,
)
from framing.nlp import polarity
from framing.resources import text_resource
from framing.text import Document

# Categories whose findings inside an actor's name are labels (what it is called); the rest of the
# loaded and identity categories found there are descriptors (sponsor, identity, evaluative modifiers).
DESCRIPTOR_CATEGORIES = frozenset(("sponsorship", "identity", "emotive"))
ALLEGATION_CATEGORY = "allegation"
ATTRIBUTION_CATEGORY = "attribution-verbs"
HARM_OBJECT_CATEGORIES = frozenset(("atrocity",))  # "committed ethnic crimes"


@dataclass
class _Sentence:
    index: int
    tokens: list[Token]
    mentions: list[Mention]
    clauses: list[Clause]


class _Collector:
    def __init__(self) -> None:
        self.roles: dict[str, list[RoleUse]] = defaultdict(list)
        self.voice: dict[str, list[Voice]] = defaultdict(list)
        self.allegations: dict[str, list[Allegation]] = defaultdict(list)
        self.evidence: dict[str, dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
        self.sentence_actors: set[str] = set()  # actors with a clause in the current sentence
        self.feature_cache: dict[Any, Any] = {}  # the sentiment model's per-sentence work, shared by actors
        self.quote_ends: list[int] = []  # sorted ends of the document's direct quotations
        self.quotes_by_end: dict[int, Quote] = {}
        self.harmed: set[tuple[str, int]] = set()  # (actor, sentence) where the actor is a patient of harm

    def add(self, actor: str, component: str, evidence: Evidence) -> None:
        self.evidence[actor][component].append(evidence)


def _in(
    findings: Sequence[Finding], start: int, end: int, starts: Sequence[int] | None = None
) -> list[Finding]:
    """Findings inside [start, end); findings are in text order, so with their `starts` this is a slice."""
    if starts is None:
        return [f for f in findings if start <= f.start and f.end <= end]
    first, last = bisect_left(starts, start), bisect_left(starts, end)
    return [f for f in findings[first:last] if f.end <= end]


def frame_actors(document: Document, findings: tuple[Finding, ...], lexicon: Lexicon, data: ActorData,
                 pinned: tuple[tuple[int, int, str], ...] = (), *, learned_sentiment: bool = True,
                 ) -> tuple[ActorFrame, ...]:
    """Every actor's frame, in order of first mention; `pinned` adds known mentions (start, end, actor id).

    With a shipped actor-sentiment model (and `learned_sentiment`), the sentiment component is the
    model's reading of each sentence that mentions the actor; otherwise TextBlob's clause polarity.
    """
    text = document.text
    finder = MentionFinder(text, data, pinned, entities=document.entities)
    speech = frozenset(text_resource("speech_verbs")["verbs"])
    stative = data.words("stative_verbs")
    copulas = data.words("copulas")
    sources = data.words("source_nouns")
    by_sentence: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_sentence[finding.sentence].append(finding)
    out = _Collector()
    out.quote_ends = sorted(q.end for q in document.quotes)
    out.quotes_by_end = {q.end: q for q in document.quotes}
    previous_subject: str | None = None
    salient: dict[str, None] = {}  # subjects and agents of the sentence, in order
    if len(document.parses) != len(document.sentences):
        raise ValueError("frame_actors needs a parsed document: framing.engine.get_engine(...).parse(text)")
    # mentions first, for the whole document: a group named before the text says what it belongs to
    # ("Shiite militias ... Popular Mobilisation, a coalition of Shi'ite militias") joins it before roles
    # count
    found = [finder.sentence(index, parse) for index, parse in enumerate(document.parses)]
    finder.merge_described_groups()
    finder.resolve_people()
    for index, parse in enumerate(document.parses):
        tokens = list(parse.tokens)
        if not tokens:
            continue
        mentions = found[index]
        previous_subject = _most_salient(salient, finder) or previous_subject
        salient = {}
        # "did not attack" is no attack: negated clauses give no roles, but their subjects stay salient
        sentence = _Sentence(index, tokens, mentions, [c for c in parse.clauses if not c.negated])
        sentence_findings = by_sentence.get(index, [])
        for clause in parse.clauses:
            if clause.subject and clause.subject[1] - clause.subject[0] == 1:
                # "they" means the sentence's own subject so far, else the last sentence's
                pronoun = finder.pronoun(index, tokens, clause.subject[0],
                                         _most_salient(salient, finder) or previous_subject)
                if pronoun is not None:
                    mentions.append(pronoun)
            for actor in _actors_in(sentence, clause.subject) + _actors_in(sentence, clause.agent):
                salient.setdefault(actor, None)
            verb = tokens[clause.verb]
            if clause.negated:
                if verb.lower in copulas:
                    _attributes(out, text, sentence, clause, sentence_findings)  # "is not brutal": reversed
                continue
            if _speaks(verb, clause, speech, tokens):
                _voice(out, document, sentence, clause, sources, sentence_findings)
            elif verb.lower in copulas:
                _attributes(out, text, sentence, clause, sentence_findings)
            elif verb.lower not in stative:
                known = data.verbs.get(verb.lower)
                alleging = (known is not None and known.lemma in data.words("allegation_verbs")) or any(
                    f.entry.category == ALLEGATION_CATEGORY and f.start <= verb.start < f.end
                    for f in sentence_findings
                )
                # an allegation counts once, as an allegation, not again as a role
                _roles(out, text, sentence, clause, None if alleging else known, sentence_findings, data,
                       verb_class="accusation" if alleging else None)
        for clause in _copula_clauses(tokens, copulas, {c.verb for c in parse.clauses}):
            _attributes(out, text, sentence, clause, sentence_findings)
        _allegations(out, text, sentence, sentence_findings, data)
        _modifiers(out, text, sentence, sentence_findings)
        _mention_windows(out, text, sentence)
    _quotes(out, document, finder.mentions, finder)
    _interview_turns(out, document, finder)
    learned = learned_sentiment and data.sentiment_model is not None
    frames = _frames(out, text, finder, findings, lexicon, score=not learned)
    if learned:
        starts = [f.start for f in findings]
        exclude = data.words("date_words")
        frames = tuple(
            _learned_sentiment(frame, out, document, findings, starts, data.sentiment_model, exclude)
            for frame in frames
        )
    return frames


def _learned_sentiment(
    frame: ActorFrame,
    out: _Collector,
    document: Document,
    findings: tuple[Finding, ...],
    starts: list[int],
    model: Any,
    exclude: frozenset[str],
) -> ActorFrame:
    """Replace the clause-polarity sentiment with the learned model's reading of the first mention of the
    actor in each sentence (p(positive) - p(negative)), explained by its top features. Where the actor is
    the patient of harm in that sentence, a negative reading is not counted: the violence of the sentence
    is not held against its victim (harm-to-whom, docs/actor-framing.md)."""
    from dataclasses import replace

    from framing.learn.actor_sentiment import mention_features

    items: list[Evidence] = []
    seen: set[int] = set()
    cache: dict[Any, Any] = out.feature_cache
    for mention in frame.mentions:
        if (
            mention.kind == "pronoun"
            or mention.sentence in seen
            or mention.sentence >= len(document.sentences)
        ):
            continue
        seen.add(mention.sentence)
        s_start, s_end = document.sentences[mention.sentence]
        nearby = _in(findings, s_start, s_end, starts)  # the window never leaves the sentence
        features = mention_features(
            document.parses[mention.sentence],
            mention.start,
            mention.end,
            nearby,
            frame,
            cache=cache,
            exclude=exclude,
        )
        label, probabilities = model.predict(features)
        value = round(probabilities["positive"] - probabilities["negative"], 3)
        explained = model.explain(features, top=3, label=label)
        reason = learned_sentiment_reason(label, probabilities[label], explained)
        if value < 0 and (frame.id, mention.sentence) in out.harmed:
            value, reason = 0.0, reason + "; not counted: it is the one harmed here"
        items.append(Evidence(mention.start, mention.end, mention.text, value, reason))
    evidence = {name: list(items_) for name, items_ in out.evidence.get(frame.id, {}).items()}
    evidence["sentiment"] = items
    result = scoring.combine(evidence)
    sentiment = round(sum(e.value for e in items) / len(items), 3) if items else 0.0
    return replace(
        frame,
        score=result.score,
        confidence=result.confidence,
        components=result.components,
        probabilities=result.probabilities,
        sentiment=sentiment,
        **narrative(frame.roles, result.components, result.score, len(frame.mentions)),
    )


def _speaks(verb: Token, clause: Clause, speech: frozenset[str], tokens: list[Token]) -> bool:
    """A speech verb in the active voice reports its subject's words; "were told to leave" and "claimed the
    bombing" (an object that is a thing, not what was said) are acts, not speech."""
    if not (verb.lower in speech or verb.lemma in speech) or clause.passive:
        return False
    return not (
        verb.lemma == "claim" and clause.obj is not None and tokens[clause.obj[1] - 1].tag.startswith("NN")
    )


def _most_salient(actors: dict[str, None], finder: MentionFinder) -> str | None:
    """What "they" or "it" most likely means next: the first named subject or agent of the last sentence."""
    named = [a for a in actors if not a.startswith("group:")]
    return named[0] if named else next(iter(actors), None)


# Heads of a quantity phrase: in "hundreds of families were displaced" the families are the patients.
_QUANTITIES = frozenset(
    (
        "hundreds",
        "thousands",
        "dozens",
        "scores",
        "millions",
        "tens",
        "some",
        "many",
        "most",
        "all",
        "several",
        "both",
        "number",
        "majority",
        "minority",
        "half",
        "rest",
        "members",
    )
)


def _actors_in(sentence: _Sentence, span: tuple[int, int] | None) -> list[str]:
    if span is None:
        return []
    a, b = span
    tokens = sentence.tokens
    if (
        b < len(tokens)
        and tokens[b].lower == "of"
        and (tokens[b - 1].lower in _QUANTITIES or tokens[b - 1].tag == "CD")
    ):
        end = b + 1
        while end < len(tokens) and (
            tokens[end].tag[:2] in ("DT", "JJ", "NN", "CD", "PR") or tokens[end].tag == "POS"
        ):
            end += 1
        b = end  # widen over "of the families"
    seen: dict[str, None] = {}
    for m in sentence.mentions:
        if m.actor and not m.possessor and not m.locative and m.tokens[0] < b and a < m.tokens[1]:
            seen.setdefault(m.actor, None)
    return list(seen)


def _name(text: str, sentence: _Sentence, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    return text[sentence.tokens[span[0]].start : sentence.tokens[span[1] - 1].end]


def _roles(
    out: _Collector,
    text: str,
    sentence: _Sentence,
    clause: Clause,
    verb: Verb | None,
    findings: list[Finding],
    data: ActorData,
    *,
    verb_class: str | None = None,
) -> None:
    tokens = sentence.tokens
    token = tokens[clause.verb]
    if _modifier(tokens, clause.verb):
        return  # "inflicted crushing defeats": an -ing word before its noun describes it, it is no clause
    values = (verb.agent, verb.patient) if verb else None
    verb_class = verb.verb_class if verb else verb_class
    lemma = verb.lemma if verb else token.lemma or token.lower
    if clause.obj and token.lower in data.words("perpetration_verbs"):
        o_start, o_end = tokens[clause.obj[0]].start, tokens[clause.obj[1] - 1].end
        if any(f.entry.category in HARM_OBJECT_CATEGORIES for f in _in(findings, o_start, o_end)):
            values, verb_class = scoring.HARM_BY_OBJECT, "harm"
    agents = _actors_in(sentence, clause.agent)
    patients = _actors_in(sentence, clause.patient) + [
        a for a in _actors_in(sentence, clause.against) if a not in _actors_in(sentence, clause.patient)
    ]
    harmed_span = _harmed_span(tokens, clause)
    if harmed_span is not None:  # "inflicted defeats on X": X is the one harmed
        patients += [a for a in _actors_in(sentence, harmed_span) if a not in patients]
    values, note = harm_to_whom(
        values,
        verb_class,
        token.lower,
        patients,
        _patient_findings(tokens, clause, harmed_span, findings),
        data,
        clause.negated,
    )
    agentless = clause.passive and clause.by_agent is None
    spans = [s for s in (clause.subject, clause.obj, clause.by_agent, clause.against) if s]
    first = min([clause.verb, *(s[0] for s in spans)])
    last = max([clause.verb + 1, *(s[1] for s in spans)])
    window = tokens[first:last]
    for role, actors, other_span in (
        (Role.AGENT, agents, clause.patient or clause.against or harmed_span),
        (Role.PATIENT, patients, clause.agent),
    ):
        for actor in actors:
            use = RoleUse(
                role,
                lemma,
                token.start,
                token.end,
                token.text,
                clause.passive,
                agentless and role is Role.PATIENT,
                _name(text, sentence, other_span),
                verb_class,
                clause.negated,
            )
            out.roles[actor].append(use)
            if values is not None:
                value = values[0] if role is Role.AGENT else values[1]
                out.add(
                    actor,
                    "roles",
                    Evidence(token.start, token.end, token.text, value, role_reason(use) + note),
                )
            victim = role is Role.PATIENT and verb_class == "harm" and not clause.negated
            if victim:
                out.harmed.add(
                    (actor, sentence.index)
                )  # victims are not tainted by the violence done to them
            else:
                _sentiment(out, actor, text, [t for t in window if not _named(sentence, t)])
            out.sentence_actors.add(actor)


# Nouns that make "inflicted X on Y" harm to Y.
_HARM_NOUNS = frozenset(
    (
        "defeat",
        "defeats",
        "blow",
        "blows",
        "losses",
        "casualties",
        "damage",
        "suffering",
        "punishment",
        "pain",
        "harm",
        "injuries",
        "sanctions",
    )
)


def _modifier(tokens: list[Token], index: int) -> bool:
    """An -ing form after a determiner or adjective is a noun ("further shelling", "the killing"), and one
    between a verb and its noun modifies the noun ("inflicted crushing defeats"): neither is a clause."""
    token = tokens[index]
    if not token.lower.endswith("ing") or index == 0:
        return False
    before = tokens[index - 1]
    if before.tag in ("DT", "JJ", "JJR", "RBR", "PRP$", "POS"):
        return True
    return index + 1 < len(tokens) and tokens[index + 1].tag.startswith("NN") and before.tag.startswith("VB")


def _harmed_span(tokens: list[Token], clause: Clause) -> tuple[int, int] | None:
    """In "inflicted heavy losses on the rebels" the harmed party is the noun phrase after "on"."""
    if clause.obj is None or not any(tokens[i].lower in _HARM_NOUNS for i in range(*clause.obj)):
        return None
    i = clause.obj[1]
    if i < len(tokens) and tokens[i].lower in ("on", "upon"):
        end = i + 1
        while end < len(tokens) and (
            tokens[end].tag[:2] in ("DT", "JJ", "NN", "CD") or tokens[end].tag == "POS"
        ):
            end += 1
        return (i + 1, end) if end > i + 1 else None
    return None


def _patient_findings(
    tokens: list[Token], clause: Clause, harmed: tuple[int, int] | None, findings: list[Finding]
) -> list[Finding]:
    spans = [s for s in (clause.patient, clause.against, harmed) if s]
    out = []
    for a, b in spans:
        out.extend(_in(findings, tokens[a].start, tokens[b - 1].end))
    return out


def harm_to_whom(
    values: tuple[float, float] | None,
    verb_class: str | None,
    verb: str,
    patients: list[str],
    patient_findings: list[Finding],
    data: ActorData,
    negated: bool,
) -> tuple[tuple[float, float] | None, str]:
    """Who is hurt decides what harm says about the one who hurts (docs/actor-framing.md):

    - a negated verb is not the act ("did not attack"): no role value;
    - taking ground ("took the city", "captured the eastern side") harms no person or group named: no value;
    - harm done to a party the text itself casts negatively ("inflicted defeats on the terrorists") is
      fighting, not harm to people: the agent's value is 0, the patient's is kept.
    Returns the values to use and a note for the evidence's reason.
    """
    if values is None:
        return None, ""
    if negated:
        return None, ""
    if verb in data.words("territory_verbs") and not patients:
        return (0.0, 0.0), " (taking ground, no one named as harmed)"
    cast = [
        f
        for f in patient_findings
        if f.entry.connotation is Connotation.NEGATIVE
        and f.entry.kind is Kind.LOADED
        and f.entry.category not in HARM_OBJECT_CATEGORIES
    ]  # "ethnic crimes" names the act, not the party
    if verb_class == "harm" and patients and cast:
        return (0.0, values[1]), f' (against a party the text calls "{cast[0].text}")'
    return values, ""


def _named(sentence: _Sentence, token: Token) -> bool:
    """Whether a token belongs to an actor's name, which says nothing about sentiment ("Popular")."""
    return token.tag in ("NNP", "NNPS") or any(
        m.kind in ("gazetteer", "name", "alias") and m.start <= token.start < m.end for m in sentence.mentions
    )


def _sentiment(out: _Collector, actor: str, text: str, window: list[Token]) -> None:
    if not window:
        return
    value, scored = polarity([t.text for t in window])
    if scored:
        start, end = window[0].start, window[-1].end
        out.add(
            actor,
            "sentiment",
            Evidence(start, end, text[start:end], round(value, 3), sentiment_reason(scored)),
        )


_PREDICATE_STOP = frozenset((",", ".", ":", ";", "IN", "WDT", "WP", "TO", "``", "''"))
MAX_PREDICATE = 6  # tokens after the copula read as its predicate


def _attributes(
    out: _Collector, text: str, sentence: _Sentence, clause: Clause, findings: list[Finding]
) -> None:
    """What a copula says its subject is: "the mayor was brave", "X is a corrupt politician". The
    predicate's loaded words (lexicon value) or, without them, TextBlob's polarity of its words
    (negation included: "was not brave") is an `attributes` item of every actor in the subject."""
    tokens = sentence.tokens
    if clause.subject is None or clause.passive:
        return
    actors = _actors_in(sentence, clause.subject)
    first = clause.verb + 1
    while (
        first < len(tokens)
        and tokens[first].tag in ("RB", "MD", "VB", "VBN")
        and tokens[first].lower != "not"
    ):
        first += 1  # "has been", "was also"
    end = first
    while end < len(tokens) and tokens[end].tag not in _PREDICATE_STOP and end - first < MAX_PREDICATE:
        end += 1
    words = [t for t in tokens[clause.verb + 1 : end] if not _named(sentence, t)]
    if not actors or not words:
        return
    start, stop = words[0].start, words[-1].end
    loaded = [f for f in _in(findings, start, stop) if f.entry.kind is Kind.LOADED]
    negated = clause.negated or any(t.lower in ("not", "n't", "never", "no") for t in words)
    if loaded:
        value = sum(scoring.label_value(f.entry.connotation, f.entry.strength) for f in loaded) / len(loaded)
        if negated:
            value = -value / 2  # "is not a terrorist" still names the label, so half the pull, reversed
        reason = attribute_reason(
            text[start:stop], ", ".join(f"{f.entry.key}, {f.entry.connotation.value}" for f in loaded[:3])
        )
    else:
        value, scored = polarity([t.text for t in words])
        if not scored:
            return
        reason = attribute_reason(text[start:stop], ", ".join(f'"{w}" {v:+.2f}' for w, v in scored[:3]))
    for actor in actors:
        out.add(actor, "attributes", Evidence(start, stop, text[start:stop], round(value, 3), reason))


def _copula_clauses(tokens: list[Token], copulas: frozenset[str], known: set[int]) -> list[Clause]:
    """Copulas from a dependency parse, which makes no clause of them ("Hamas is a group": "is" with an
    nsubj and an attr or acomp child); the fast engine's clauses already hold them (its tokens have no
    dependencies, so this finds none there)."""
    out = []
    for i, token in enumerate(tokens):
        if token.lower not in copulas or i in known or not token.dep:
            continue
        children = [j for j, t in enumerate(tokens) if t.head == i and j != i]
        subjects = [j for j in children if tokens[j].dep == "nsubj"]
        if subjects and any(tokens[j].dep in ("attr", "acomp") for j in children):
            negated = any(tokens[j].dep == "neg" for j in children)
            out.append(Clause(i, False, (subjects[0], subjects[0] + 1), None, None, None, negated=negated))
    return out


def _modifiers(out: _Collector, text: str, sentence: _Sentence, findings: list[Finding]) -> None:
    """Adjectives inside a mention that the lexicon does not already count ("the brave medics", "a
    corrupt official"): TextBlob's polarity, as an `attributes` item."""
    for mention in sentence.mentions:
        if not mention.actor or mention.possessor or mention.kind == "pronoun":
            continue
        a, b = mention.tokens
        words = [
            t
            for t in sentence.tokens[a:b]
            if t.tag in ("JJ", "JJR", "JJS") and not _named(sentence, t) and not _in(findings, t.start, t.end)
        ]
        if not words:
            continue
        value, scored = polarity([t.text for t in words])
        if scored:
            start, stop = words[0].start, words[-1].end
            out.add(
                mention.actor,
                "attributes",
                Evidence(
                    start,
                    stop,
                    text[start:stop],
                    round(value, 3),
                    attribute_reason(text[start:stop], ", ".join(f'"{w}" {v:+.2f}' for w, v in scored[:3])),
                ),
            )


SENTIMENT_WINDOW = 5  # tokens either side of a mention that is in no clause (as the VADER baseline's window)


def _mention_windows(out: _Collector, text: str, sentence: _Sentence) -> None:
    """Sentiment near an actor this sentence gave no clause to: the words around its mention."""
    covered = set(out.sentence_actors)
    for mention in sentence.mentions:
        if not mention.actor or mention.actor in covered or mention.possessor or mention.kind == "pronoun":
            continue
        covered.add(mention.actor)
        a, b = mention.tokens
        window = sentence.tokens[max(0, a - SENTIMENT_WINDOW) : b + SENTIMENT_WINDOW]
        _sentiment(out, mention.actor, text, [t for t in window if not _named(sentence, t)])
    out.sentence_actors.clear()


def _voice(
    out: _Collector,
    document: Document,
    sentence: _Sentence,
    clause: Clause,
    source_nouns: frozenset[str],
    findings: list[Finding],
) -> None:
    tokens = sentence.tokens
    if clause.subject is None:
        return
    verb = tokens[clause.verb]
    anchor = min(tokens[clause.subject[0]].start, verb.start)  # "X said" or "said X"
    ends = out.quote_ends
    before = bisect_left(ends, anchor - 4)
    if before < bisect_right(ends, anchor):
        # the attribution of a direct quotation that ends just before: its voice is the quote's, counted
        # with the quote; where the text layer named no speaker ("the students' leader, Farid Nasser,
        # told"), this clause's subject is the speaker
        quote = out.quotes_by_end[ends[before]]
        if quote.speaker is None and quote.end > tokens[0].start:  # a quote of this sentence, not the last
            for actor in _actors_in(sentence, clause.subject):
                voice = Voice(
                    quote.start, quote.end, document.text[quote.start : quote.end], True, None, False
                )
                out.voice[actor].append(voice)
                out.add(
                    actor,
                    "voice",
                    Evidence(
                        quote.start, quote.end, voice.text, scoring.VOICE_DIRECT, voice_reason(voice, [])
                    ),
                )
        return
    attribution = [
        f for f in findings if f.start <= verb.start < f.end and f.entry.category == ATTRIBUTION_CATEGORY
    ]
    head = tokens[clause.subject[1] - 1].lower
    via_source = head in source_nouns
    if via_source:
        span = (clause.subject[0], clause.verb)
        actors = _actors_in(sentence, span)
    else:
        actors = _actors_in(sentence, clause.subject)
    start, end = tokens[clause.subject[0]].start, sentence.tokens[-1].end
    for actor in actors:
        voice = Voice(start, end, document.text[start:end], False, verb.lower, via_source)
        out.voice[actor].append(voice)
        value = scoring.VOICE_VIA_SOURCE if via_source else scoring.VOICE_REPORTED
        if attribution:
            value = (
                scoring.label_value(attribution[0].entry.connotation, attribution[0].entry.strength) or value
            )
        out.add(
            actor, "voice", Evidence(verb.start, verb.end, verb.text, value, voice_reason(voice, attribution))
        )


def _quotes(out: _Collector, document: Document, mentions: list[Mention], finder: MentionFinder) -> None:
    """Each quotation is its speaker's voice: the actor named in the attribution, or, for "he"/"she" the text
    layer could not resolve, the last person the document named before the quote."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence].append(mention)
    people = sorted(
        (m.start, m.actor)
        for m in mentions
        if m.actor and m.kind != "pronoun" and finder.actors[m.actor].type == "person"
    )
    sentences = document.sentence_index()
    for quote in document.quotes:
        if quote.speaker_start is None or quote.speaker_end is None:
            continue
        speakers = {
            m.actor
            for m in by_sentence.get(sentences.nearest(quote.speaker_start), ())
            if m.actor and m.start < quote.speaker_end and quote.speaker_start < m.end
        }
        if not speakers and (quote.speaker or "").lower() in ("he", "she"):
            before = bisect_left(people, (quote.start, ""))
            speakers = {people[before - 1][1]} if before else set()
        for actor in sorted(speakers):
            voice = Voice(quote.start, quote.end, document.text[quote.start : quote.end], True, None, False)
            out.voice[actor].append(voice)
            out.add(
                actor,
                "voice",
                Evidence(quote.start, quote.end, voice.text, scoring.VOICE_DIRECT, voice_reason(voice, [])),
            )


def _interview_turns(out: _Collector, document: Document, finder: MentionFinder) -> None:
    """'Name: answer' lines of a transcript are the named person's own words, as a quotation is
    (`MentionFinder.interview_voices`); counted once where a quotation in the line already gave them voice."""
    for actor, start, end in finder.interview_voices():
        if any(v.start < end and start < v.end for v in out.voice.get(actor, [])):
            continue
        voice = Voice(start, end, document.text[start:end], True, None, False)
        out.voice[actor].append(voice)
        evidence = Evidence(start, end, voice.text, scoring.VOICE_DIRECT, voice_reason(voice, []))
        out.add(actor, "voice", evidence)


def _allegations(
    out: _Collector, text: str, sentence: _Sentence, findings: list[Finding], data: ActorData
) -> None:
    """A clause whose verb is an allegation word ("have been accused of") or an allegation verb
    ("accused X of", "blamed for") makes its patient the target; its agent, if named, the accuser."""
    tokens = sentence.tokens
    allegation_verbs = data.words("allegation_verbs")
    for clause in sentence.clauses:
        verb = tokens[clause.verb]
        words = [
            f for f in findings if f.entry.category == ALLEGATION_CATEGORY and f.start <= verb.start < f.end
        ]
        known = data.verbs.get(verb.lower)
        if not words and not (known and known.lemma in allegation_verbs):
            continue
        start, end_word = (words[0].start, words[0].end) if words else (verb.start, verb.end)
        entry = words[0].entry.key if words else f"verb/{known.lemma if known else verb.lower}"
        accusers = _actors_in(sentence, clause.agent)
        accuser = _name(text, sentence, clause.agent) if clause.agent else None
        end = tokens[-1].end
        claim = Allegation(start, end, text[start:end], entry, accuser)
        for actor in _actors_in(sentence, clause.patient):
            if actor in accusers:
                continue
            out.allegations[actor].append(claim)
            value = scoring.ALLEGATION_ATTRIBUTED if accuser else scoring.ALLEGATION_UNATTRIBUTED
            out.add(
                actor,
                "allegations",
                Evidence(start, end_word, text[start:end_word], value, allegation_reason(claim)),
            )


_UNSCORED = scoring.Score(0.0, 0.0, (), (0.0, 0.0, 0.0))


def _frames(
    out: _Collector, text: str, finder: MentionFinder, findings: tuple[Finding, ...], lexicon: Lexicon,
    score: bool = True,
) -> tuple[ActorFrame, ...]:
    data_ids = finder.data.by_id
    by_actor: dict[str, list[Mention]] = defaultdict(list)
    for mention in finder.mentions:
        if mention.actor:
            by_actor[mention.actor].append(mention)
    frames = []
    starts = [f.start for f in findings]
    for actor_id, mentions in by_actor.items():
        actor = finder.actors[actor_id]
        if all(m.locative for m in mentions):
            continue  # a place named only as a place ("fighting in Syria")
        mentions.sort(key=lambda m: (m.start, m.end))
        # every name the text gives the actor carries its labels, possessive ("the regime's") and modifying
        # ("Assad regime onslaught") names too
        spans = [(m.start, m.end) for m in mentions if m.kind != "pronoun"]
        spans.extend(actor.descriptions)
        attached: dict[tuple[int, int], Finding] = {}
        for start, end in spans:
            for f in _in(findings, start, end, starts):
                if f.entry.kind in (Kind.LOADED, Kind.IDENTITY) and f.entry.category != ALLEGATION_CATEGORY:
                    attached[(f.start, f.end)] = f
        ordered = sorted(attached.values(), key=lambda f: f.start)
        labels = tuple(f for f in ordered if f.entry.category not in DESCRIPTOR_CATEGORIES)
        descriptors = tuple(f for f in ordered if f.entry.category in DESCRIPTOR_CATEGORIES)
        for finding in ordered:
            value = scoring.label_value(finding.entry.connotation, finding.entry.strength)
            if finding.entry.kind is Kind.IDENTITY:
                continue  # identity labelling is reported, not scored
            component = "descriptors" if finding.entry.category in DESCRIPTOR_CATEGORIES else "labels"
            out.add(
                actor_id,
                component,
                Evidence(finding.start, finding.end, finding.text, value, label_reason(finding)),
            )
        roles, voice = out.roles.get(actor_id, []), out.voice.get(actor_id, [])
        allegations = out.allegations.get(actor_id, [])
        substantive = [m for m in mentions if not m.locative and not m.possessor]
        evidence = out.evidence.get(actor_id, {})
        said_of = any(evidence.values()) or roles or voice or allegations
        # a person or organisation named by name is in the story even in passing ("Both Trump and Winfrey
        # were among ...", "Trump's pick"); a country or place that does nothing, a group named once in
        # passing, and a name that only modifies another noun are not
        named = any(
            m.kind in ("gazetteer", "name", "alias") and not m.modifier and not m.locative for m in mentions
        )
        in_passing = actor.type in ("state", "place") or (len(substantive) < 2 and not named)
        if not said_of and in_passing and actor_id not in finder.pinned:
            continue  # named in passing ("told reporters"), or a country named only as a place
        if actor.type == "place" and not voice and not any(r.role is Role.AGENT for r in roles):
            continue  # a place the engine named, never acting or speaking: where things happen, not who
        result = scoring.combine(dict(evidence)) if score else _UNSCORED
        roles_tuple = tuple(sorted(roles, key=lambda r: r.verb_start))
        sentiment_items = evidence.get("sentiment", [])
        sentiment = (
            round(sum(e.value for e in sentiment_items) / len(sentiment_items), 3) if sentiment_items else 0.0
        )
        names = _names(mentions, ordered)
        # the name the text introduces the actor with: its first proper name, else its first group phrase
        shown = next(
            (
                m.name
                for kinds in (("gazetteer", "name"), ("group",))
                for m in mentions
                if m.kind in kinds and not m.possessor
            ),
            actor.name,
        )
        frames.append(
            ActorFrame(
                id=actor_id,
                name=shown,
                type=actor.type,
                mentions=tuple(_public(m, text) for m in mentions),
                names=names,
                labels=labels,
                descriptors=descriptors,
                roles=roles_tuple,
                voice=tuple(sorted(voice, key=lambda v: v.start)),
                allegations=tuple(allegations),
                sentiment=sentiment,
                score=result.score,
                confidence=result.confidence,
                components=result.components,
                canonical=actor.name if actor.name != shown and actor_id in data_ids else None,
                probabilities=result.probabilities,
                **(narrative(roles_tuple, result.components, result.score, len(mentions)) if score else {}),
            )
        )
    frames.sort(key=lambda f: (f.first_position, f.id))
    return tuple(frames)


def _public(mention: Mention, text: str):
    from framing.model import Mention as PublicMention

    return PublicMention(
        mention.start,
        mention.end,
        text[mention.start : mention.end],
        mention.name,
        mention.sentence,
        mention.kind,
    )


def _names(mentions: list[Mention], findings: list[Finding]) -> tuple[NameUse, ...]:
    """Names with counts and the lexicon entries inside them; `findings` are in text order."""
    counts: Counter[str] = Counter()
    entries: dict[str, set[str]] = defaultdict(set)
    starts = [f.start for f in findings]
    for m in mentions:
        if m.kind == "pronoun":
            continue
        counts[m.name] += 1
        entries[m.name].update(f.entry.key for f in _in(findings, m.start, m.end, starts))
    return tuple(
        NameUse(name, n, tuple(sorted(entries[name])))
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
