"""The fast engine's syntax: shallow predicate-argument rules over the tagger's chunks: who does what to
whom, passives included.

Rules, in the order they apply (each is tested in tests/test_actors.py):
- a verb chunk is passive when a form of "be"/"get" precedes a participle ("were killed", "have been
  accused"); a participle right after a noun phrase or a comma with a "by" phrase is a reduced passive
  ("the offensive carried out by a force", "the rebels, backed by Iran, ...");
- the subject is the nearest noun phrase before the verb outside prepositional phrases, skipping relative
  clauses ("X, which operates ..., said"), participle phrases and appositives ("Hatra, a city ..., lies");
- "which/who/that" right before a verb stands for the noun phrase before it; a verb after "and" with no
  subject of its own, and an infinitive or gerund, take the subject of the clause before;
- the object is the noun phrase right after the verb; "against X" after the verb or its object is a
  patient too; the agent of a passive is the noun phrase after "by".
"""

from __future__ import annotations

from framing.engine.model import Chunk, Clause, Token

_BE = frozenset("be is are was were been being am 're 's get gets got gotten getting".split())
_RELATIVE = frozenset(("which", "who", "that", "whom"))
_CLAUSE_BREAK = frozenset((";", ":", "\u2014", "--"))
NEGATIONS = frozenset(("not", "n't", "never", "no"))  # in the verb group: "did not attack", "never attacked"


_NP_TAGS = frozenset(("DT", "PDT", "PRP$", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "FW"))
_NOUN_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS", "CD", "FW"))
_NP_OPENERS = frozenset(("DT", "PDT", "PRP$"))
_ADVERBS = frozenset(("RB", "RBR", "RBS"))
_SUBORDINATORS = frozenset(("that", "whether", "if", "because", "although", "though", "while", "unless"))


def _kind(tokens: list[Token], i: int) -> str:
    tag = tokens[i].tag
    if tag in _NP_TAGS:
        if tag.startswith("JJ") and not (i + 1 < len(tokens) and tokens[i + 1].tag in _NP_TAGS):
            return "ADJP"  # predicative: "sources close to", "the city was quiet"
        return "NP"
    if tag == "PRP":
        return "NP"
    if tag.startswith("VB") or tag == "MD":
        return "VP"
    if tag in _ADVERBS:
        # an adverb between verbs belongs to the verb group: "have not yet been", "then withdrew"
        following = tokens[i + 1].tag if i + 1 < len(tokens) else ""
        return "VP" if following.startswith("VB") or following in _ADVERBS else "ADVP"
    if tag in ("IN", "TO"):
        # "said that PMF units abused ...": a subordinating conjunction opens a clause, not a phrase
        return "O" if tokens[i].lower in _SUBORDINATORS else "PP"
    if tag == "RP":
        return "PRT"
    return "O"


# Tags whose chunk kind needs no context (`_kind` reads the next token or the word only for the others).
_FIXED_KIND = {
    **{tag: "NP" for tag in _NP_TAGS if not tag.startswith("JJ")},
    "PRP": "NP",
    **dict.fromkeys(("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"), "VP"),
    "RP": "PRT",
}


def _kinds(tokens: list[Token]) -> list[str]:
    """`_kind` of every token, computed once per sentence."""
    fixed = _FIXED_KIND
    return [fixed.get(t.tag) or _kind(tokens, i) for i, t in enumerate(tokens)]


def _name_of(tokens: list[Token], j: int) -> bool:
    """'of' inside a name: "Secretary of State", "Bank of England", "Islamic State of Iraq"."""
    return (tokens[j].lower == "of" and j + 1 < len(tokens) and tokens[j - 1].tag in ("NNP", "NNPS")
            and tokens[j + 1].tag in ("NNP", "NNPS"))


def chunks(tokens: list[Token]) -> list[Chunk]:
    """Noun, verb and prepositional chunks from the tags, in one pass.

    A noun phrase runs over determiners, adjectives, numbers, nouns and possessives ("Iraq's paramilitary
    Shiite militias"); a new one starts at a determiner after a noun ("on Tuesday the campaign") and after
    a pronoun. A noun phrase right after a preposition is marked `pnp` ("of the city").
    """
    out: list[Chunk] = []
    n = len(tokens)
    kinds = _kinds(tokens)
    tags = [t.tag for t in tokens]
    i = 0
    while i < n:
        kind = kinds[i]
        j = i + 1
        if kind == "NP" and tags[i] != "PRP":
            has_noun = tags[i] in _NOUN_TAGS
            while j < n and tags[j] != "PRP" and (kinds[j] == "NP" or _name_of(tokens, j)):
                if tags[j] in _NP_OPENERS and has_noun:
                    break
                has_noun = has_noun or tags[j] in _NOUN_TAGS
                j += 1
        elif kind in ("VP", "ADVP", "ADJP"):
            while j < n and kinds[j] == kind:
                j += 1
        after_preposition = bool(out) and out[-1].kind == "PP"
        out.append(Chunk(kind, i, j, kind == "NP" and after_preposition))
        if kind == "NP" and after_preposition:
            out[-2] = Chunk("PP", out[-2].start, out[-2].end, True)
        i = j
    return out


def _head_verb(tokens: list[Token], chunk: Chunk) -> int | None:
    """The last verb of the chunk."""
    for i in range(chunk.end - 1, chunk.start - 1, -1):
        if tokens[i].tag.startswith("VB"):
            return i
    return None


def _is_passive(tokens: list[Token], chunk: Chunk, head: int) -> bool:
    if tokens[head].tag not in ("VBN", "VBD"):
        return False
    return any(tokens[i].lower in _BE for i in range(chunk.start, head))



def _subject(tokens: list[Token], chunk_list: list[Chunk], at: int) -> tuple[int, int] | str | None:
    """Walk back from verb chunk `at`; returns a span, 'inherit' (take the previous clause's), or None."""
    j = at - 1
    while j >= 0:
        chunk = chunk_list[j]
        first = tokens[chunk.start]
        if chunk.kind == "O" and first.text in _CLAUSE_BREAK:
            return None
        if first.lower in _RELATIVE and (chunk.kind == "O" or first.tag in ("WDT", "WP")):
            return _antecedent(tokens, chunk_list, j)
        if chunk.kind in ("NP",) and not chunk.pnp:
            span = _coordinated(tokens, chunk_list, j)
            # an appositive "X, a city ..., lies": prefer the name before it
            k = j - 1
            if first.tag == "DT" and j < at - 1 and k >= 1 and tokens[chunk_list[k].start].text == ",":
                before = chunk_list[k - 1]
                if before.kind == "NP" and not before.pnp:
                    return before.start, before.end
            return span
        if chunk.kind == "VP":
            head = _head_verb(tokens, chunk)
            # a relative or participle clause between subject and verb: skip it and its comma
            if j >= 1 and tokens[chunk_list[j - 1].start].lower in _RELATIVE:
                j = _skip_comma(tokens, chunk_list, j - 2)
                continue
            if (
                head is not None
                and tokens[head].tag in ("VBN", "VBG")
                and j >= 1
                and tokens[chunk_list[j - 1].start].text == ","
            ):
                j = j - 2
                continue
            return "inherit"
        if chunk.kind == "O" and first.lower in ("and", "but", "or") and first.tag == "CC":
            return "inherit"
        if chunk.kind == "PP" and not chunk.pnp:
            return "inherit"  # "to fight", "of committing": the subject of the clause before
        j -= 1
    return None


def _coordinated(tokens: list[Token], chunk_list: list[Chunk], j: int) -> tuple[int, int]:
    """The subject at chunk j with the noun phrases coordinated before it: "A, B and C have ..."."""
    start = chunk_list[j].start
    k = j - 1
    if k < 0 or tokens[chunk_list[k].start].lower not in ("and", "or"):
        return start, chunk_list[j].end  # a list needs "and" or "or" before its last member
    while k >= 1:
        joiner = tokens[chunk_list[k].start]
        if joiner.text == "," or joiner.lower in ("and", "or"):
            k2 = k - 1
            if k2 >= 1 and tokens[chunk_list[k2].start].text == "," and joiner.lower == "and":
                k2 -= 1  # serial comma: ", and"
            if chunk_list[k2].kind == "NP" and not chunk_list[k2].pnp:
                start = chunk_list[k2].start
                k = k2 - 1
                continue
        break
    return start, chunk_list[j].end


def _antecedent(tokens: list[Token], chunk_list: list[Chunk], relative: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun at chunk `relative` stands for: the one right before it."""
    j = _skip_comma(tokens, chunk_list, relative - 1)
    while j >= 0 and chunk_list[j].kind != "NP":
        if chunk_list[j].kind not in ("PP", "O") or tokens[chunk_list[j].start].text in _CLAUSE_BREAK:
            return None
        j -= 1
    return (chunk_list[j].start, chunk_list[j].end) if j >= 0 else None


def _skip_comma(tokens: list[Token], chunk_list: list[Chunk], j: int) -> int:
    if j >= 0 and tokens[chunk_list[j].start].text == ",":
        return j - 1
    return j


def _after(tokens: list[Token], chunk_list: list[Chunk], at: int) -> tuple[
    tuple[int, int] | None, tuple[int, int] | None, tuple[int, int] | None
]:
    """Object, by-agent and against-phrase after verb chunk `at`, up to the next verb or clause break."""
    obj = by = against = None
    seen_pp = False
    j = at + 1
    while j < len(chunk_list):
        chunk = chunk_list[j]
        first = tokens[chunk.start]
        if chunk.kind == "VP" or (chunk.kind == "O" and (first.text in (",", ";", ":", ".", "!", "?")
                                                         or first.lower in _SUBORDINATORS)):
            break
        if chunk.kind == "NP" and not seen_pp and obj is None:
            obj = (chunk.start, chunk.end)
        elif chunk.kind == "PP":
            seen_pp = True
        if chunk.kind == "PP" and j + 1 < len(chunk_list) and chunk_list[j + 1].kind == "NP":
            target = (chunk_list[j + 1].start, chunk_list[j + 1].end)
            preposition = tokens[chunk.end - 1].lower
            if preposition == "by" and by is None:
                by = target
            elif preposition == "against" and against is None:
                against = target
        j += 1
    return obj, by, against


def clauses(tokens: list[Token], chunk_list: list[Chunk]) -> list[Clause]:
    """Every verb chunk's clause, in order; `chunk_list` is `chunks(tokens)`."""
    out: list[Clause] = []
    last_subject: tuple[int, int] | None = None
    for at, chunk in enumerate(chunk_list):
        if chunk.kind != "VP":
            continue
        head = _head_verb(tokens, chunk)
        if head is None or tokens[head].tag == "MD":
            continue
        passive = _is_passive(tokens, chunk, head)
        found = _subject(tokens, chunk_list, at)
        reduced = False
        if not passive and tokens[head].tag in ("VBN", "VBD") and at >= 1:
            before = chunk_list[at - 1]
            if before.kind in ("NP", "ADJP") or tokens[before.start].text == ",":
                obj, by, _ = _after(tokens, chunk_list, at)
                # "the offensive carried out by a force", "a force made up of": with no object, a
                # participle after a noun phrase describes it (a reduced relative), it is not its action
                if by is not None or (obj is None and tokens[head].tag == "VBN" and before.kind == "NP"):
                    passive = reduced = True
                    np_index = at - 1 if before.kind != "O" else at - 2
                    if np_index >= 0 and chunk_list[np_index].kind in ("NP", "ADJP"):
                        found = (chunk_list[np_index].start, chunk_list[np_index].end)
        if found == "inherit" or (found is None and tokens[head].tag in ("VBG", "VB") and not reduced):
            subject = last_subject
        else:
            subject = found if isinstance(found, tuple) else None
        obj, by, against = _after(tokens, chunk_list, at)
        negated = any(
            tokens[i].lower in NEGATIONS or tokens[i].lower.endswith("n't")
            for i in range(chunk.start, chunk.end)
        )
        out.append(Clause(head, passive, subject, None if passive else obj, by if passive else None, against,
                          negated=negated, preps=(("against", against),) if against else ()))
        if subject is not None and not reduced:
            last_subject = subject
    return out
