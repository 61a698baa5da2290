"""Finds actor mentions in tagged sentences and resolves them to actors.

Mentions come from the gazetteer (aliases of frequently reported actors), proper-noun phrases that look
like organisations or titled people, and noun phrases headed by group nouns ("Iraqi forces", "Sunni
residents"). Then: an acronym in brackets after a name is an alias of it; an appositive after a name
("X, a coalition of ... militias") describes it; a definite description ("the militants", "the hardline
group") points back to the latest actor named with the same head noun, or of a fitting type; a subject
pronoun ("they") points back to the subject of the clause before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from framing.actors.data import ActorData
from framing.forms import normalize
from framing.engine.model import Chunk, SentenceParse, SpanIndex, Token
from framing.nlp import word_tags
from framing.resources import text_resource

_DEFINITE = frozenset(("the", "these", "those", "this", "that"))
_PRONOUNS = frozenset(("they", "it", "he", "she"))
_INDEFINITE = frozenset(("a", "an", "another", "any", "each", "every", "no", "one"))
_CALENDAR = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues "
    "wed thu thur thurs fri sat sun".split()
)
_TYPES_FOR_HEAD = {
    "regime": ("government", "state"),
    "government": ("government", "state"),
    "administration": ("government", "state"),
    "group": ("armed-group", "organisation", "party"),
}
_GROUP_TYPES = ("armed-group", "organisation", "coalition", "party")
# Heads of armed or organised groups that may name the same body ("militias", "groups", "fighters").
_MEMBER_HEADS = frozenset(
    "militias militia groups group forces fighters volunteers units brigades militants members".split()
)
# Entity labels that name an actor: people, organisations, places and blocs, nationalities and groups.
NAME_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP", "LOC"))
# Entity labels whose proper nouns are never an actor's name.
NOT_ACTOR_LABELS = frozenset(
    ("DATE", "TIME", "FAC", "LAW", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL")
)
LOOKBACK = 400  # mentions searched back for an antecedent
# Adjective endings that say what kind a group is ("environmental", "Islamist", "paramilitary"), unlike
# those that say how it is ("strong", "large"): only the first name a group of "forces" or "groups".
_CLASSIFYING = ("al", "ic", "ary", "ian", "ist", "ese", "ish")
# Heads too vague to be an actor without a modifier or an antecedent ("forces" of whom?).
_VAGUE_HEADS = frozenset(("forces", "force", "group", "groups", "units"))

# Words before a month that make it a date ("in May", "since May", "early May").
_DATE_WORDS = frozenset(
    "in on since until till by from of last next early late mid this during through between".split()
)
_DAY_HEADS = frozenset(("year", "day", "eve", "week", "weekend"))
# Words that own or point at a bare title: "the Prime Minister", "their mayor", "our president".
_TITLE_DETERMINERS = frozenset("the this that our their his her its".split())
_NAME_DETERMINERS = _TITLE_DETERMINERS | {"a", "an"}  # before a common word read as a name: "the Bill"
# Agencies whose names mark a photo credit ("REUTERS/Toby Melville", "Claudio Reyes/AFP/Getty Images").
_AGENCIES = r"(?:REUTERS|Reuters|AFP|AP|EPA|PA|Getty Images|Getty|Shutterstock|Alamy|Bloomberg)"
_CAPITALISED = r"[A-Z][\w.'\u2019-]*"
_CREDIT_PATTERNS = (
    # "Dibyangshu Sarkar/AFP/Getty Images", "REUTERS / Toby Melville", "Getty Images": an agency with a slash
    re.compile(rf"(?:{_CAPITALISED} )?{_CAPITALISED}\s*/\s*{_AGENCIES}(?:\s*/\s*{_AGENCIES})*"),
    re.compile(rf"{_AGENCIES}(?:\s*/\s*{_AGENCIES})*\s*/\s*{_CAPITALISED}(?: {_CAPITALISED})?"),
    re.compile(r"Getty Images"),
    # "(Photo: Jane Doe)", "Image copyright PA", "Photo by Jane Doe", "© Press Release", "Credit: ..."
    re.compile(r"\((?:Photo|Picture|Image|Credit|Source)s?\b[^)\n]{0,80}\)"),
    re.compile(rf"(?:Image copyright|Photo(?:graph)? by|Photos?:|Pic:|Picture:|Credit:|\u00a9|\(c\))\s*"
               rf"(?:{_CAPITALISED}\s*/\s*)*(?:{_AGENCIES}|{_CAPITALISED}(?: {_CAPITALISED})?)"),
    # an embedded tweet's signature: "— Alejandro (@agarciapadilla) October 21, 2017"
    re.compile(r"[\u2014\u2013-]\s*[^\n()]{1,60}\(@\w+\)(?:\s*[A-Z][a-z]+ \d{1,2}, \d{4})?"),
    # a dateline: "WASHINGTON, D.C. —", "LONDON (Reuters) -", "BEIRUT, Lebanon –" (where, not who)
    re.compile(r"(?m)^[ \t]*[A-Z]{2}[A-Z.'\u2019-]+(?:,?[ \t]+[A-Z][\w.'\u2019-]*){0,3}"
               r"(?:[ \t]*\([^)\n]{1,20}\))?[ \t]*[\u2014\u2013-](?=\s)"),
    # a line of share buttons: "665 SHARES Facebook Twitter", "Share Tweet Email"
    re.compile(r"(?m)^[ \t]*(?:[\d.,]+k?[ \t]+SHARES[ \t]+)?"
               r"(?:(?:Facebook|Twitter|Email|Pinterest|WhatsApp|Reddit|Share|Tweet)[ \t]*){1,6}$"),
    # a signature or byline line: "— wayne campbell", "By Jane Doe"
    re.compile(r"(?m)^[ \t]*(?:[\u2014\u2013-]+[ \t]*[^\W\d]|By [A-Z])"
               r"[\w.'\u2019-]*(?:[ \t]+[\w.'\u2019-]+){0,3}[ \t]*$"),
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Spans of photo credits, bylines, signatures, datelines and share buttons ("REUTERS / Toby Melville",
    "(Photo: ...)", "Image copyright Getty Images", "— wayne campbell", "WASHINGTON (AP) —", "665 SHARES
    Facebook Twitter"): they name who took a picture or wrote the text, where it was filed or where to share
    it, not who is in the story, so names inside them are no actors.
    Sorted, possibly overlapping."""
    spans = [m.span() for pattern in _CREDIT_PATTERNS for m in pattern.finditer(text) if m.end() > m.start()]
    return sorted(spans)


def _union(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans with the overlapping ones joined: disjoint, for a `SpanIndex`."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


# A bare domain, as in a pasted link ("pic.twitter.com/F1dvZAVQaF", "breitbart.com"): letters, a dot, and a
# common top-level domain at the end or before a slash.
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co|uk|io|ly|tv|news)(?:/|$)",
                     re.IGNORECASE)


def web_word(word: str) -> bool:
    """A hashtag, a handle or a web address ("#Brexit", "@agarciapadilla", "https://...", "www.x.org",
    "pic.twitter.com/..."): never an actor's name, nor a gazetteer name inside it."""
    return (word.startswith(("#", "@")) or "://" in word or word.lower().startswith("www.")
            or _DOMAIN.match(word) is not None)


_EDITORIAL = re.compile(r"\w[\[\]]\w|^\[\w{1,2}\]\w")
_PARTY_TAG = re.compile(r"\((?:D|R|I|Ind|Lab|Con|LD|SNP)-[\w. ]{1,20}\)")


def editorial_word(words: str) -> bool:
    """A word with an editor's brackets inside it ("[W]e", "th[e]"): a quotation adapted, never a name."""
    return _EDITORIAL.search(words) is not None


def party_tag(text: str, start: int, end: int) -> bool:
    """The span lies in a party-and-state tag after a name ("(D-VT)", "(R-Texas)"): no actor of its own."""
    left = text.rfind("(", max(0, start - 5), start + 1)
    return left >= 0 and (m := _PARTY_TAG.match(text, left)) is not None and end <= m.end()


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the punctuation at its edges: "— wayne campbell", "“Sellner", "(LORRI",
    "Hina] Alvi" (cut at the bracket inside) are "wayne campbell", "Sellner", "LORRI", "Alvi". A final
    period stays ("Jr.", "U.S.")."""
    inner = re.search(r"[\[\]()\u201c\u201d\"]", text[start:end].strip("[]()\u201c\u201d\"\u2018\u2019'"))
    if inner is not None:
        lead = len(text[start:end]) - len(text[start:end].lstrip("[]()\u201c\u201d\"\u2018\u2019'"))
        cut = start + lead + inner.start()
        before, after = (start, cut), (cut + 1, end)
        longer = len(text[after[0] : after[1]].strip()) >= len(text[before[0] : before[1]].strip())
        start, end = after if longer else before
    while start < end and not (text[start].isalnum()):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    return start, end


def common_word_name(word: str, *, determined: bool, first: bool, tags: dict[str, str]) -> bool:
    """A capitalised common word that the recogniser took for a person's name: "the Gospel", "the Bill",
    "His Election", "the Year" (after a determiner), "Email", "Nah" (opening a sentence), "Remain" (a verb
    used as a noun). `tags` is the tagger's lexicon of lowercase words (`framing.nlp.word_tags`): a word it
    knows with a tag other than a proper noun's is a common word. Acronyms ("NATO") and words the lexicon
    does not know ("Abid", "Julian") are names."""
    if word.isupper() or not word[:1].isupper():
        return False
    tag = tags.get(word.lower())
    if tag is None or tag.startswith("NNP"):
        return False
    if not tag.startswith("NN"):
        # "Remain", "Nah", "Subscribe": a verb, adjective or interjection is no one's name; after a determiner
        # it is a noun that may name a group ("the Left")
        return not determined
    return determined or first


_STORM_WORDS = frozenset(("hurricane", "hurricanes", "typhoon", "typhoons", "cyclone", "cyclones", "storm"))
_VESSEL_PREFIXES = frozenset(("USS", "USNS", "HMS", "HMCS", "HMAS", "RFA", "MV", "RMS"))


def storm_or_vessel(words: list[str]) -> bool:
    """The name of a storm or a ship, not of anyone: "Hurricane Maria", "Hurricanes Irma and Maria",
    "Tropical Storm Gordon", "the USNS Comfort" (a vessel prefix is written in capitals)."""
    if len(words) < 2:
        return False
    first = 1 if words[0].lower() == "tropical" else 0
    return words[first].lower() in _STORM_WORDS or words[0] in _VESSEL_PREFIXES


def shouted_words(words: list[str], tags: dict[str, str]) -> bool:
    """Two or more words in capitals that are all common words ("OUR SOUTHERN BORDER", "WHITE MEN"): text
    shouted in capitals, not a name; `tags` as for `common_word_name`. A word the tagger's lexicon does not
    know, or knows as a proper noun ("NATO", "FBI", "UNITED STATES"), keeps the run a name."""
    if len(words) < 2 or not all(w.isupper() and w.isalpha() for w in words):
        return False
    return all(not tags.get(w.lower(), "NNP").startswith("NNP") for w in words)


def date_name(words: list[str]) -> bool:
    """A name of a day or a season, not of anyone: "New Year", "Christmas Day", "World Youth Day" ("Theresa
    May" is a name: months are not among the heads)."""
    return len(words) >= 2 and words[-1].lower().rstrip("'s\u2019") in _DAY_HEADS


def acronym(word: str) -> bool:
    """Capitals throughout, two letters or more, with dots or a final "s" allowed ("NLF", "U.N.", "MPs")."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.rstrip("s").isalpha() and letters.rstrip("s").isupper()


def bare_title(
    words: list[str], titles: frozenset[str], honorifics: frozenset[str]
) -> tuple[str, ...] | None:
    """The office a phrase names with no name ("the Prime Minister", "their mayor", "President"): its title
    words without honorifics, or None when any other word is in it ("the former mayor of Leeds" is None)."""
    content = [w.lower().rstrip(".") for w in words if w.lower() not in _TITLE_DETERMINERS]
    if not content or not all(w in titles for w in content):
        return None
    office = tuple(w for w in content if w not in honorifics)
    return office or None


def organisation_words(organisations: dict[str, set[tuple[str, ...]]]) -> dict[str, set[str]]:
    """For `organisation_owner`: each word that can stand alone for an organisation -> the organisations
    it fits: the last word of a name of two words or more ("commons", "church") and the first before "of"
    ("house" in "house of commons"). Built once per text."""
    words: dict[str, set[str]] = {}
    for oid, names in organisations.items():
        for name in names:
            if len(name) >= 2:
                words.setdefault(name[-1], set()).add(oid)
                if name[1] == "of":
                    words.setdefault(name[0], set()).add(oid)
    return words


def organisation_owner(word: str, words: dict[str, set[str]]) -> str | None:
    """The one organisation a one-word name shortens (`words` is `organisation_words(...)`): the last word
    of its name ("the Commons", "the Church" for "the Catholic Church") or the first before "of" ("the
    House" for "the House of Commons"). None when no one or more than one fits ("the House" with "the House
    of Commons" and "the House of Lords")."""
    fits = words.get(word, set())
    return next(iter(fits)) if len(fits) == 1 else None


_SMALL_WORDS = frozenset(("of", "the", "and", "for", "&", "on", "in"))


def initials(names: dict[str, set[tuple[str, ...]]]) -> dict[str, set[str]]:
    """For `acronym_owner`: the initials of each name (small words such as "of" and "and" have no letter),
    with and without the first word's ("ice" and "uice" for "U.S. Immigration and Customs Enforcement"),
    and with the small words' letters too ("doj" for "Department of Justice") -> the ids whose names they
    spell. Built once per text."""
    spelled: dict[str, set[str]] = {}
    for oid, variants in names.items():
        for name in variants:
            letters = "".join(w[0] for w in name if w not in _SMALL_WORDS and w[:1].isalpha())
            every = "".join(w[0] for w in name if w[:1].isalpha())  # "DOJ": "Department of Justice"
            for key in (letters, letters[1:], every):
                if len(key) >= 2:
                    spelled.setdefault(key, set()).add(oid)
    return spelled


def acronym_owner(acronym: str, spelled: dict[str, set[str]]) -> str | None:
    """The one organisation or place whose name an acronym abbreviates, written without brackets
    (`spelled` is `initials(...)`): "DRC" for "Democratic Republic of Congo", "ICE" for "U.S. Immigration
    and Customs Enforcement" (a first word such as "U.S." may be left out of the initials). None when no
    name or more than one fits."""
    if len(acronym) < 2 or not acronym.isalpha() or not acronym.isupper():
        return None
    fits = spelled.get(acronym.lower(), set())
    return next(iter(fits)) if len(fits) == 1 else None


_TURN = re.compile(r"(?m)^[ \t]*(?P<label>[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,2}?)?"
                   r"(?:(?:^|(?<=\S)[ \t]+)(?P<side>[QA]))?:[ \t]+(?P<answer>\S[^\n]*?)[ \t]*$")


def interview_turns(text: str) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """Lines of an interview transcript: (the label's span, the answer's span, "Q", "A" or ""), for "Name:
    answer", "BACON Q: question", "GILANI A: answer" and a bare "Q: ..." or "A: ..." (an empty label).
    Whether the label names a person of the story decides whether the line is that person speaking
    (`MentionFinder.interview_voices`): "Hadeed: You were aware ..." is, "Shock: ..." and "Note: ..." are
    not."""
    out = []
    for m in _TURN.finditer(text):
        side = m.group("side") or ""
        label = m.span("label")
        if not m.group("label") or (not side and m.group("label") in ("Q", "A")):
            side, label = side or m.group("label") or "", (m.start("answer"), m.start("answer"))
        out.append((label, m.span("answer"), side))
    return out


NameParts = dict[tuple[str, ...], set[str]]  # a partial name -> the people whose full names it fits
_SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv"))


def without_suffix(name: tuple[str, ...]) -> tuple[str, ...]:
    """A normalised full name without a generational suffix ("robert s. mueller iii" -> "robert s.
    mueller"), so that the surname is "Mueller" and not "III"."""
    return name[:-1] if len(name) > 2 and name[-1] in _SUFFIXES else name


def name_parts(people: dict[str, set[tuple[str, ...]]]) -> NameParts:
    """Every partial name of each person, for `partial_name_owner`: the last words ("khan", "garcia
    zarate"), the first word ("theresa") and, for three words or more, the first and last ("dina powell").
    `people` maps an actor id to its full names (two words or more, normalised). Built once per text, so
    that finding owners stays linear in the number of names."""
    parts: NameParts = {}
    for pid, names in people.items():
        for name in map(without_suffix, names):
            keys = {name[-n:] for n in range(1, len(name))} | {name[:1]}
            if len(name) > 2:
                keys.add((name[0], name[-1]))
            for key in keys:
                parts.setdefault(key, set()).add(pid)
    return parts


def partial_name_owner(words: tuple[str, ...], parts: NameParts, exclude: str = "") -> str | None:
    """The one person (other than `exclude`) whose full name a partial name belongs to: its last words
    ("Khan" for "Sadiq Khan", "Garcia Zarate" for "Jose Ines Garcia Zarate"), its first and last ("Dina
    Powell" for "Dina Habib Powell") or its first word alone ("Theresa", "Julian"); `parts` is
    `name_parts(people)`. None when no one or more than one person fits ("Taylor" with Ann Taylor and
    Taylor Swift)."""
    fits = parts.get(words, set()) - {exclude}
    return next(iter(fits)) if len(fits) == 1 else None


@dataclass
class Mention:
    """A mention while resolving: spans index the document text; `tokens` index the sentence."""

    start: int
    end: int
    sentence: int
    tokens: tuple[int, int]
    kind: str  # gazetteer | name | group | description | alias | pronoun
    name: str
    head: str
    actor: str | None = None  # actor id once resolved
    possessor: bool = False  # "Iraq's" in "Iraq's militias": a mention, never an argument
    locative: bool = False  # a place after "in", "across": a mention, never an argument
    modifier: bool = False  # a name modifying another noun ("Trump campaign officials"): never an argument


@dataclass
class Actor:
    id: str
    name: str
    type: str
    heads: set[str] = field(default_factory=set)
    descriptions: list[tuple[int, int]] = field(default_factory=list)  # appositive spans (document offsets)


def _words(texts: Iterable[str], *, ordered: bool = False) -> Any:
    """Lowercase words with apostrophes dropped and hyphens split ("Shi'ite", "Shi’ite" -> "shiite";
    "Iranian-trained" -> "iranian", "trained"): a set, or a list in order."""
    words = [w for text in texts for w in re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", text.lower()))]
    return words if ordered else set(words)


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines of three or more words of which at least three quarters start with a capital."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[A-Za-z][\w'\u2019-]*", line.group())
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
            spans.append(line.span())
    return spans


def _text(text: str, tokens: list[Token], a: int, b: int) -> str:
    return text[tokens[a].start : tokens[b - 1].end]


def _head(tokens: list[Token], chunk: Chunk) -> int | None:
    """The last noun of the chunk."""
    for i in range(chunk.end - 1, chunk.start - 1, -1):
        if tokens[i].tag.startswith("NN"):
            return i
    return None


def _proper(token: Token) -> bool:
    """A proper noun, or an acronym the tagger took for a common noun ("NLF")."""
    if token.tag in ("NNP", "NNPS"):
        return token.text[:1].isupper()
    return token.tag.startswith("NN") and len(token.text) >= 2 and token.text.isupper()


def _proper_runs(tokens: list[Token], chunk: Chunk) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = chunk.start
    while i < chunk.end:
        if _proper(tokens[i]):
            j = i + 1
            while j < chunk.end and (_proper(tokens[j]) or tokens[j].lower in ("of", "al", "bin")):
                j += 1
            while j > i + 1 and tokens[j - 1].lower in ("of", "al", "bin"):
                j -= 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


class MentionFinder:
    """Per-document state: actors met so far, for definite descriptions and pronouns."""

    def __init__(self, text: str, data: ActorData, pinned: tuple[tuple[int, int, str], ...] = (), *,
                 entities: bool = False) -> None:
        self.text = text
        self.data = data
        self.entities = entities  # names come from the engine's named entities (else from proper-noun runs)
        self.actors: dict[str, Actor] = {}
        self.mentions: list[Mention] = []
        self.aliases: dict[str, str] = {}  # normalised name -> actor id (acronyms in brackets)
        self.surnames: dict[str, set[str]] = {}  # a person's last name -> ids of the people with that name
        self._group_nouns = data.words("group_nouns")  # "Islamic State militants" are Islamic State
        self._actor_heads = self._group_nouns | data.words("person_nouns")  # "the mayor", "three diplomats"
        self._org_words = data.words("organisation_words")
        self._titles = data.words("person_titles")
        self._honorifics = data.words("honorifics")
        self._document_heads = data.words("document_heads")
        self._locative = data.words("locative_prepositions")
        self._generic = data.words("generic_group_heads")
        self._not_actors = data.nouns.get("non_actor_names", frozenset())
        self._suffixes = data.nouns.get("name_suffixes", frozenset())
        self._title_case = _title_case_lines(text)
        self._credits = SpanIndex(_union(credit_spans(text)))
        self._word_tags = word_tags()
        self._given_names: set[str] = set()  # first words of people's full names ("don" of "Don Lemon")
        self._vessel_names: set[str] = set()  # "maria" after "Hurricane Maria": storms' and ships' names
        self.offices: dict[str, set[frozenset[str]]] = {}  # person id -> the titles the text gives them
        self._speech = frozenset(text_resource("speech_verbs")["verbs"])
        gazetteer = data.matcher.find(text)
        # pinned spans (start, end, actor id) are mentions the caller already knows, as an evaluation's
        # targets
        pinned_starts = {start for start, _, _ in pinned}
        self.pinned = frozenset(actor_id for _, _, actor_id in pinned)  # in the story by the caller's word
        self._gazetteer = sorted([*pinned, *((m.start, m.end, m.entry.id) for m in gazetteer
                                             if m.start not in pinned_starts)])
        self._gazetteer_starts = [g[0] for g in self._gazetteer]

    # --- actors ---------------------------------------------------------------------------------

    def _actor(self, actor_id: str, name: str, actor_type: str) -> Actor:
        if actor_id not in self.actors:
            known = self.data.by_id.get(actor_id)
            if known is None and actor_id in self.pinned:
                actor_type = "pinned"  # not a state or place that a keep rule may leave out
            self.actors[actor_id] = Actor(
                actor_id, known.name if known else name, known.type if known else actor_type
            )
            words = without_suffix(tuple(normalize(w) for w in name.split()))
            if self.actors[actor_id].type == "person" and len(words) >= 2:
                self.surnames.setdefault(words[-1], set()).add(actor_id)
                self._given_names.add(words[0])
        return self.actors[actor_id]

    def _add(self, mention: Mention, actor_id: str, name: str, actor_type: str) -> Mention:
        actor = self._actor(actor_id, name, actor_type)
        mention.actor = actor.id
        if mention.head:
            actor.heads.add(mention.head)
        self.mentions.append(mention)
        return mention

    # --- one sentence ---------------------------------------------------------------------------

    def sentence(self, index: int, parse: SentenceParse) -> list[Mention]:
        tokens = list(parse.tokens)
        chunk_list = self._with_modal_surnames(tokens, list(parse.chunks))
        self._labels = {i: e.label for e in parse.entities for i in range(e.start, e.end)}
        self._spans = {i: (e.start, e.end) for e in parse.entities for i in range(e.start, e.end)}
        found: list[Mention] = []
        for c, whole in enumerate(chunk_list):
            chunk = self._outside_credits(tokens, whole) if whole.kind == "NP" else None
            if chunk is None:
                continue  # a photo credit or a byline names no one in the story
            locative = chunk.pnp and c >= 1 and tokens[chunk_list[c - 1].end - 1].lower in self._locative
            found.extend(self._noun_phrase(index, tokens, chunk, locative))
        self._appositives(tokens, chunk_list, found)
        self._partitives(tokens, found)
        found.extend(self._unchunked_pinned(index, parse, found))
        return found

    def _with_modal_surnames(self, tokens: list[Token], chunks: list[Chunk]) -> list[Chunk]:
        """The chunks, with a noun phrase for a known surname the parser took for a modal verb: "May said"
        after "Theresa May" (a modal is never followed by a past or third-person verb)."""
        extra = [
            Chunk("NP", i, i + 1, False)
            for i in range(len(tokens) - 1)
            if tokens[i].tag == "MD" and tokens[i + 1].tag in ("VBD", "VBZ")
            and tokens[i].text[:1].isupper() and self._known_name(tokens[i].text, 1) is not None
        ]
        return sorted(chunks + extra, key=lambda c: (c.start, c.kind != "NP")) if extra else chunks

    def _outside_credits(self, tokens: list[Token], chunk: Chunk) -> Chunk | None:
        """The noun phrase without the words of a photo credit or byline at its edges ("REUTERS / Toby
        Melville UK Trade Minister", a credit run into the next headline, keeps "UK Trade Minister"); None
        when the credit is all of it."""
        a, b = chunk.start, chunk.end
        while a < b and self._credits.holding(tokens[a].start, tokens[a].end) is not None:
            a += 1
        while b > a and self._credits.holding(tokens[b - 1].start, tokens[b - 1].end) is not None:
            b -= 1
        if a == b:
            return None
        return chunk if (a, b) == (chunk.start, chunk.end) else replace(chunk, start=a, end=b)

    def _unchunked_pinned(self, index: int, parse: SentenceParse, found: list[Mention]) -> list[Mention]:
        """A pinned span (an evaluation's target) is a mention even where no noun chunk holds it (the
        parser left "Trump," at the start of a sentence outside every chunk, or the span is longer than
        the chunk)."""
        if not self.pinned:
            return []
        out = []
        first_hit = bisect_left(self._gazetteer_starts, parse.start)
        for start, end, actor_id in islice(self._gazetteer, first_hit, None):
            if start >= parse.end:
                break
            if actor_id not in self.pinned:
                continue
            if any(m.actor == actor_id and m.start < end and start < m.end for m in found):
                continue
            inside = [i for i, t in enumerate(parse.tokens) if t.start < end and start < t.end]
            if inside:
                name = self.text[start:end]
                mention = Mention(start, end, index, (inside[0], inside[-1] + 1), "gazetteer", name,
                                  parse.tokens[inside[-1]].lower)
                out.append(self._add(mention, actor_id, name, "pinned"))
        return out

    def _partitives(self, tokens: list[Token], found: list[Mention]) -> None:
        """'the fighters of the Northern Front': a group phrase followed by 'of' and a name is that actor."""
        for mention in found:
            if mention.kind not in ("group", "description"):
                continue
            after = mention.tokens[1]
            if after >= len(tokens) or tokens[after].lower != "of":
                continue
            named = next((m for m in found if m.tokens[0] in (after + 1, after + 2)
                          and m.kind in ("gazetteer", "name", "alias") and not m.possessor), None)
            if named is not None and named.actor:
                mention.actor = named.actor
                mention.kind = "description"
                self.actors[named.actor].heads.add(mention.head)

    def _noun_phrase(self, index: int, tokens: list[Token], chunk: Chunk, locative: bool) -> list[Mention]:
        text = self.text
        start, end = tokens[chunk.start].start, tokens[chunk.end - 1].end
        head_index = _head(tokens, chunk)
        head = tokens[head_index].lower if head_index is not None else ""
        out: list[Mention] = []
        claimed = -1  # token index up to which a name has claimed the phrase
        # tokens of names that only modify the phrase ("Trump" in "Trump campaign officials")
        taken: set[int] = set()
        # the gazetteer hits from the phrase's start on, without copying the rest of the document's list
        first_hit = bisect_left(self._gazetteer_starts, start)
        for g_start, g_end, actor_id in islice(self._gazetteer, first_hit, None):
            if g_start >= end:
                break
            if g_end <= end:
                last = max(i for i in range(chunk.start, chunk.end) if tokens[i].start < g_end)
                possessor = (last + 1 < chunk.end and tokens[last + 1].tag == "POS") or (
                    last + 1 < len(tokens) and tokens[last + 1].tag == "POS" and last + 1 == chunk.end)
                name = text[g_start:g_end]
                if name.lower() in self.data.ignore:
                    continue
                first = min(i for i in range(chunk.start, chunk.end) if tokens[i].end > g_start)
                if any(web_word(tokens[i].text) for i in range(first, last + 1)):
                    continue  # "twitter" in "pic.twitter.com/F1dvZAVQaF": a link, not the company
                if self._inside_organisation_name(tokens, last + 1, chunk.end):
                    continue  # "Senate" in "the Senate Judiciary Committee": a body of its own
                span_tokens = (first, last + 1) if possessor else (chunk.start, chunk.end)
                span = (g_start, g_end) if possessor else (start, end)
                known = self.data.by_id.get(actor_id)
                # "in Syria", "near Baghdad"
                place = known is not None and known.type in ("state", "government")
                if (
                    known is not None
                    and known.type == "person"
                    and first > chunk.start
                    and _proper(tokens[first - 1])
                    and tokens[first - 1].lower.rstrip(".") not in self._titles
                ):
                    continue  # "Biden" in "Hunter Biden" is another Biden
                if not possessor and head_index is not None and head_index > last and (
                        head not in self._group_nouns or (known is not None and known.type == "person")):
                    # "Trump campaign officials" are not Trump and "Islamic State escape routes" are not
                    # Islamic State: a name that modifies another noun is mentioned, never an argument
                    out.append(self._modifier(index, tokens, (first, last + 1), "gazetteer", name, actor_id,
                                              "state", taken))
                    continue
                out.append(self._add(Mention(span[0], span[1], index, span_tokens, "gazetteer", name,
                                             "" if possessor else head,
                                             possessor=possessor, locative=locative and place),
                                     actor_id, name, "state"))
                if known is not None and known.type == "person":
                    self._record_office(actor_id, tokens, chunk.start, first)
                claimed = max(claimed, last)
        if claimed >= 0 and not any(m.possessor for m in out):
            return out
        for a, b, label in self._names(tokens, chunk):
            if b - 1 <= claimed or taken.intersection(range(a, b)):
                continue
            suffixed = b
            a, b, had_title = self._strip_title(tokens, a, b)
            a = self._without_leading_modifier(tokens, a, b)
            suffixed = b < suffixed  # "Yvette Cooper MP": a title after the name makes a person
            if self._headline_only(tokens, a, b):
                continue
            if all(self._title(tokens[i]) or not tokens[i].text[:1].isalnum() for i in range(a, b)):
                continue  # "Mr." alone, "Prime Ministers": a title is never a name
            if self._not_a_name(tokens, a, b, label, had_title or suffixed):
                continue
            name = text[slice(*trimmed(text, tokens[a].start, tokens[b - 1].end))]
            if normalize(name) in self.data.ignore:
                return out  # the user's actors file says this name is no actor, nor the phrase it heads
            if name.lower().rstrip(".") in _CALENDAR and not (
                had_title or self._surname_not_date(tokens, a, b)
            ):
                continue  # "Feb.", "Monday": dates, not names ("Mrs May", "May said" after "Theresa May")
            if name.lower() in self._not_actors or name.lower().startswith(("pro-", "anti-")):
                continue  # "Brexit" is an event; "Pro-EU" a stance
            possessor = b < len(tokens) and tokens[b].tag == "POS"
            titled = (had_title or suffixed or self._titled(tokens, a) or self._speaks(tokens, a, b)
                      or label == "PERSON" or self._named_subject(tokens, a, b, label))
            org = any(tokens[i].lower in self._org_words for i in range(a, b))
            if org and all(tokens[i].lower in self._org_words for i in range(a, b)):
                continue  # "Government", "Army" alone: a capitalised common noun, not a name
            if label == "NORP" and (
                head_index is None or head_index >= b or tokens[b - 1].tag not in ("NNPS", "NNS")
            ):
                continue  # "Iraqi" in "Iraqi forces" names the group below; "Ukrainians" is a people
            alias = self.aliases.get(normalize(name)) or self._known_name(name, b - a)
            listed = None if alias else self._gazetteer_name(name)
            alias = alias or listed
            if alias is None and not (titled or org or label in ("ORG", "GPE", "NORP", "LOC")):
                continue
            kind = "gazetteer" if listed else "alias" if alias else "name"
            actor_id = alias or f"name:{normalize(name)}"
            # an organisation word ("Brigades", "Council") outweighs the recogniser's PERSON, not a title
            actor_type = ("person" if titled and not (org and not (had_title or suffixed))
                          else "people" if label == "NORP"
                          else "place" if label in ("GPE", "LOC") and not org else "organisation")
            # the phrase's head, if only a title follows the name ("Yvette Cooper MP"), is the name's
            named_head = head_index
            if head_index is not None and all(tokens[i].lower.rstrip(".") in self._suffixes
                                              for i in range(b, head_index + 1)):
                named_head = b - 1
            whole = not possessor and (named_head is None or named_head < b or head in self._group_nouns)
            if not possessor and named_head is not None and named_head >= b and (not whole or (titled and any(
                    tokens[i].tag in ("NN", "NNS") for i in range(b, named_head)))):
                # "the Tigris river", "Smith campaign officials": a name before a head that is not a group
                # noun, or a person's name before another common noun, modifies it
                out.append(self._modifier(index, tokens, (a, b), kind, name, actor_id, actor_type, taken))
                continue
            span_tokens = (self._premodified(tokens, chunk.start, a), chunk.end) if whole else (a, b)
            mention = Mention(
                tokens[span_tokens[0]].start,
                tokens[span_tokens[1] - 1].end,
                index,
                span_tokens,
                kind,
                name,
                head if whole else "",
                possessor=possessor,
                # "in Mosul" locates; "of Hillary Clinton" does not: with entities, only places
                locative=locative and not org and (not self.entities or actor_type == "place"),
            )
            out.append(self._add(mention, actor_id, name, actor_type))
            if actor_type == "person":
                self._record_office(actor_id, tokens, chunk.start, a)
            claimed = max(claimed, b - 1)
            self._bracketed_alias(tokens, b, actor_id)
        if out and not any(m.possessor for m in out):
            return out
        if head_index is not None and head in self._actor_heads and head_index > claimed:
            owner = next(
                (
                    m
                    for m in out
                    if m.possessor
                    and m.tokens[1] < len(tokens)
                    and tokens[m.tokens[1]].tag == "POS"
                    and self._can_own(m.actor, tokens, m.tokens[1], head_index)
                ),
                None,
            )
            if owner is not None and owner.actor:
                # "the Northern Front's militants" are the Northern Front, as "Islamic State militants" are
                first = owner.tokens[1] + 1
                mention = Mention(tokens[first].start, end, index, (first, chunk.end), "description",
                                  self.text[tokens[owner.tokens[0]].start : end], head)
                out.append(self._add(mention, owner.actor, owner.name, "organisation"))
            else:
                out.extend(self._group(index, tokens, chunk, head_index, claimed))
        return out

    def _not_a_name(self, tokens: list[Token], a: int, b: int, label: str, titled: bool) -> bool:
        """Candidate names that name no one: hashtags, handles and addresses ("#Brexit", "@handle"), an
        editor's bracketed word ("[W]e") and a party-and-state tag ("(D-VT)"), days ("New Year"), storms
        and ships ("Hurricane Maria", "USNS Comfort"), common words in capitals ("WHITE MEN"), and a single
        capitalised common word the recogniser took for a person ("the Bill", "the Gospel", "Email" opening
        a line, "Remain"), unless a title goes with it ("Mrs May")."""
        words = [tokens[i].text for i in range(a, b)]
        if any(web_word(w) for w in words) or (a > 0 and tokens[a - 1].text in ("#", "@")):
            return True
        start, end = tokens[a].start, tokens[b - 1].end
        if editorial_word(self.text[start:end]) or party_tag(self.text, start, end):
            return True  # "[W]e" is a quoted word, "VT" in "(D-VT)" a senator's party and state
        if date_name(words) or self._document_name(tokens, a, b) or self._storm_or_vessel(words):
            return True
        if shouted_words(words, self._word_tags):
            return True
        if (b - a != 1 or titled or label not in ("", "PERSON") or self._titled(tokens, a)
                or self._speaks(tokens, a, b) or normalize(words[0]) in self.surnames):
            return False  # "Mr. Brown", "Brown said", "Brown" after "Gordon Brown"
        determined = a > 0 and tokens[a - 1].lower in _NAME_DETERMINERS
        # the recogniser saw no name there ("Terms of Use"): only the parse's relation made it one
        first = all(not tokens[i].text[:1].isalnum() for i in range(a)) or (self.entities and not label)
        return common_word_name(words[0], determined=determined, first=first, tags=self._word_tags)

    def _storm_or_vessel(self, words: list[str]) -> bool:
        """`storm_or_vessel`, remembering the storm's or ship's own name, so that "Maria" after "Hurricane
        Maria" is the storm too."""
        if storm_or_vessel(words):
            self._vessel_names.add(normalize(words[-1]))
            return True
        return len(words) == 1 and normalize(words[0]) in self._vessel_names

    def _document_name(self, tokens: list[Token], a: int, b: int) -> bool:
        """The name of a law, treaty or plan ("the Finance Bill", "Withdrawal Agreement"): its last word is
        a document's head (`document_heads`) and a capitalised word comes before it, in the name or just
        outside it ("Finance | Bill" split by the parser); "Bill Clinton" and "Bill said" are names."""
        if tokens[b - 1].lower not in self._document_heads:
            return False
        return b - a >= 2 or (a > 0 and tokens[a - 1].text[:1].isupper() and tokens[a - 1].text[:1].isalpha())

    def _record_office(self, actor_id: str, tokens: list[Token], first: int, a: int) -> None:
        """The titles right before a person's name ("British Prime Minister Theresa May": prime minister;
        "London Mayor Sadiq Khan": mayor), for bare titles that stand for them later."""
        i = a
        while i > first and (tokens[i - 1].lower.rstrip(".") in self._titles or tokens[i - 1].tag == "NNP"
                             or tokens[i - 1].text == "."):
            i -= 1
        words = [t.lower.rstrip(".") for t in tokens[i:a]]
        office = frozenset(w for w in words if w in self._titles and w not in self._honorifics)
        if office:
            self.offices.setdefault(actor_id, set()).add(office)

    def _people(self) -> dict[str, set[tuple[str, ...]]]:
        """Each person's full names (two words or more, normalised), from the mentions that name them."""
        return self._full_names(("person",), ("name", "gazetteer", "alias"))

    def _full_names(self, types: Iterable[str], kinds: Iterable[str]) -> dict[str, set[tuple[str, ...]]]:
        """Each actor of `types`: its names of two words or more, normalised, from its mentions of `kinds`."""
        types, kinds = frozenset(types), frozenset(kinds)
        names: dict[str, set[tuple[str, ...]]] = {}
        for mention in self.mentions:
            actor = self.actors.get(mention.actor or "")
            if actor is not None and actor.type in types and mention.kind in kinds:
                words = tuple(normalize(w) for w in mention.name.split())
                if len(words) >= 2:
                    names.setdefault(actor.id, set()).add(words)
        return names

    def speaker(
        self,
        label: str,
        people: dict[str, set[tuple[str, ...]]] | None = None,
        parts: NameParts | None = None,
    ) -> str | None:
        """The person an interview label names ("Michael Hadeed", "Hadeed", "Abid"): one person of the
        document by full name, surname or given name, else None. `people` is `_people()` and `parts`
        `name_parts(people)`, once per text."""
        words = tuple(normalize(w) for w in label.split())
        if not words:
            return None
        people = self._people() if people is None else people
        exact = {pid for pid, names in people.items() if words in names}
        if exact:
            return next(iter(exact)) if len(exact) == 1 else None
        owner = partial_name_owner(words, name_parts(people) if parts is None else parts)
        return owner if owner is not None else self._known_name(words[0], len(words))

    def interview_voices(self) -> list[tuple[str, int, int]]:
        """(person, start, end) for each transcript line that a person of the story speaks: the label names
        them, or a bare "Q:"/"A:" continues the last person named on that side ("BACON Q: ... / Q: ...")."""
        out: list[tuple[str, int, int]] = []
        turns = interview_turns(self.text)
        if not turns:
            return out
        people = self._people()
        parts = name_parts(people)
        last: dict[str, str] = {}
        for (label_start, label_end), (start, end), side in turns:
            label = self.text[label_start:label_end]
            actor = self.speaker(label, people, parts) if label else last.get(side)
            if actor is None:
                continue
            if side:
                last[side] = actor
            out.append((actor, start, end))
        return out

    def resolve_people(self) -> None:
        """After the whole document is read: a partial name ("Khan", "Theresa", "Garcia Zarate", "Dina
        Powell" beside "Dina Habib Powell") is the one person whose full name it is part of, and a bare title
        ("the Prime Minister", "their mayor") is the one person the text gives that title. Ambiguous cases
        stay as they are."""
        for _ in range(3):  # "Dina Powell" joins "Dina Habib Powell" first; then "Powell" fits one person
            if not self._merge_partial_names():
                break
        self._bare_titles()

    def _merge_partial_names(self) -> bool:
        people = self._people()
        organisations = self._full_names(_GROUP_TYPES, ("name", "gazetteer"))
        bodies = self._full_names((*_GROUP_TYPES, "place", "state", "government"), ("name", "gazetteer"))
        names: dict[str, set[tuple[str, ...]]] = {}
        written: dict[str, set[str]] = {}  # the names as the text writes them ("DRC")
        for mention in self.mentions:
            if (mention.actor or "").startswith("name:") and mention.kind in ("name", "alias"):
                words = tuple(normalize(w) for w in mention.name.split())
                names.setdefault(mention.actor or "", set()).add(words)
                written.setdefault(mention.actor or "", set()).add(mention.name)
        merged: dict[str, str] = {}
        parts, spelled = name_parts(people), initials(bodies)
        organisation_index = organisation_words(organisations)
        for actor_id, own in names.items():
            owners = {partial_name_owner(words, parts, exclude=actor_id) for words in own}
            if len(owners) == 1 and None not in owners:
                merged[actor_id] = owners.pop() or ""
            elif self.actors[actor_id].type in ("organisation", "place") and all(len(w) == 1 for w in own):
                # "the Commons", "the House": a word of one organisation's name
                found = {organisation_owner(words[0], organisation_index) for words in own}
                if len(found) == 1 and None not in found and actor_id not in organisations:
                    merged[actor_id] = found.pop() or ""
            if actor_id not in merged and actor_id not in bodies and all(
                    w.isupper() and " " not in w for w in written[actor_id]):
                # "DRC" after "the Democratic Republic of Congo": an acronym of one name
                owned = {acronym_owner(name, spelled) for name in written[actor_id]}
                if len(owned) == 1 and None not in owned:
                    merged[actor_id] = owned.pop() or ""
        # two partial names of each other ("Dina Powell" <-> "Dina Habib Powell" cannot both move): the
        # longer stays
        merged = {old: new for old, new in merged.items() if old != new and new not in merged}
        for mention in self.mentions:
            if mention.actor is not None and mention.actor in merged:
                self.actors[merged[mention.actor]].heads.update(self.actors[mention.actor].heads)
                mention.actor = merged[mention.actor]
                if mention.kind == "name":
                    mention.kind = "alias"
        for old, new in merged.items():
            self.offices.setdefault(new, set()).update(self.offices.pop(old, set()))
            del self.actors[old]
        return bool(merged)

    def _bare_titles(self) -> None:
        holders: dict[frozenset[str], set[str]] = {}
        for person, held in self.offices.items():
            for titles in held:
                holders.setdefault(titles, set()).add(person)
        for mention in self.mentions:
            if (mention.actor or "").startswith("group:") and mention.kind in ("group", "description"):
                office = bare_title(self.text[mention.start : mention.end].split(), self._titles,
                                    self._honorifics)
                holding = holders.get(frozenset(office or ()), set())
                if office and len(holding) == 1:
                    mention.actor, mention.kind = next(iter(holding)), "description"

    def _modifier(self, index: int, tokens: list[Token], span: tuple[int, int], kind: str, name: str,
                  actor_id: str, actor_type: str, taken: set[int]) -> Mention:
        """A name that modifies another noun: a mention of its actor that is never an argument; its tokens
        are taken, so no other rule reads them as a name again."""
        a, b = span
        taken.update(range(a, b))
        mention = Mention(tokens[a].start, tokens[b - 1].end, index, span, kind, name, "", possessor=True,
                          modifier=True)
        return self._add(mention, actor_id, name, actor_type)

    def _headline_only(self, tokens: list[Token], a: int, b: int) -> bool:
        """A capitalised run in a title-case headline ("MPs Threaten Government Shutdown") is a name only if
        the text uses it again outside such lines: in a headline every word is capitalised."""
        start, end = tokens[a].start, tokens[b - 1].end
        line = next(((s, e) for s, e in self._title_case if s <= start < e), None)
        if line is None:
            return False
        uses = re.finditer(re.escape(self.text[start:end]), self.text)
        return all(line[0] <= m.start() < line[1] for m in uses)

    @staticmethod
    def _premodified(tokens: list[Token], first: int, a: int) -> int:
        """Where a name's phrase starts: its determiners and modifiers ("the brutal Northern Front"), but not
        common nouns a misparsed headline put before it ("Regime forces storm | Dalen"), nor a name joined
        to it by "and"."""
        while a > first:
            before = tokens[a - 1]
            if before.tag in ("NN", "NNS"):
                # one modifying noun after a determiner stays ("the hardline Free Valley Army")
                if not (a - 2 >= first and tokens[a - 2].tag in ("DT", "PDT", "PRP$")):
                    break
            elif before.tag.startswith("VB") and before.dep != "amod":
                break  # "Iranian-backed" modifies; a verb the parser folded into the phrase does not
            elif before.tag == "CC" and a - 2 >= first and tokens[a - 2].tag in ("NNP", "NNPS"):
                break  # "Mueller and Deputy Attorney General Rod Rosenstein": the first name is another's
            a -= 1
        while a < len(tokens) - 1 and tokens[a].tag == "CC":
            a += 1  # "and MEP Nigel Farage" where the parser split the phrase at "and"
        return a

    def _pronoun_owner(self, pronoun: str, head: str) -> str | None:
        """'its fighters', 'their leaders': the organisation most recently named before, when the head is a
        group noun and the pronoun can stand for an organisation ("his men" are his, a person's: not
        resolved)."""
        if pronoun not in ("its", "their") or head not in self._group_nouns:
            return None
        for mention in reversed(self.mentions[-LOOKBACK:]):
            actor = self.actors.get(mention.actor or "")
            if actor is not None and actor.type in _GROUP_TYPES and not actor.id.startswith("group:"):
                return actor.id
        return None

    def _can_own(self, actor_id: str | None, tokens: list[Token], after: int, head: int) -> bool:
        """Whether "X's forces" are X: an organisation's or a person's fighters, members or supporters, a
        state's army, troops or government, unless a capitalised word names them apart ("Iraq's Shiite
        militias" are a group of their own)."""
        actor = self.actors.get(actor_id or "")
        if actor is None or any(tokens[i].text[:1].isupper() for i in range(after + 1, head)):
            return False
        return actor.type in _GROUP_TYPES or actor.type in ("person", "state", "government", "place")

    def _named_subject(self, tokens: list[Token], a: int, b: int, label: str) -> bool:
        """A proper name of one to three words the recogniser missed, as an argument of a verb or a noun
        ("Theresa May resigned", "a tribute to McCain", "Zhang's stature"): a person (the parse's relation
        is much surer than a capital letter alone). A one-word name must not start the sentence."""
        return (
            self.entities
            and not label
            and 1 <= b - a <= 3
            and (b - a > 1 or a > 0 or tokens[a].dep == "nsubj")
            and tokens[b - 1].dep in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos")
            and all(tokens[i].tag == "NNP" for i in range(a, b))
        )

    def _strip_title(self, tokens: list[Token], a: int, b: int) -> tuple[int, int, bool]:
        """'Secretary of State Rex Tillerson' is Rex Tillerson and 'Yvette Cooper MP' is Yvette Cooper: titles
        are not part of a name."""
        start = a
        while b - a > 1 and tokens[b - 1].lower.rstrip(".") in self._suffixes:
            b -= 1
        if b - a > 1 and tokens[b - 1].text in ("Q", "A") and b < len(tokens) and tokens[b].text == ":":
            b -= 1  # "BACON Q: ...": a transcript's side letter
        inner = [k for k in range(a + 1, b - 1) if self._title(tokens[k])]
        if inner and all(tokens[k].text[:1].isupper() for k in range(a, inner[-1])):
            a = inner[-1]  # "London Mayor Sadiq Khan", "British Prime Minister Theresa May": the last title
        while b - a > 1 and self._title(tokens[a]):
            a += 1
            if b - a > 1 and tokens[a].text == ".":
                a += 1  # "Mr" "." "Smith" where the period is a token of its own
            if b - a > 2 and tokens[a].lower == "of":
                a += 2  # "of State", "of Defense"
        return a, b, a > start

    def _without_leading_modifier(self, tokens: list[Token], a: int, b: int) -> int:
        """Where a two-word name starts when its first word is an adjective or a participle before a known
        surname ("Outgoing Flake", "Disgraced May" after "Jeff Flake", "Theresa May"): at the surname, so
        the person is not split in two. A known given name stays ("Frank" of "Frank Hale")."""
        first = tokens[a].lower
        if (b - a == 2 and self._word_tags.get(first, "NNP") in ("JJ", "VBN", "VBG")
                and normalize(tokens[a].text) not in self._given_names
                and self._known_name(tokens[a + 1].text, 1)):
            return a + 1
        return a

    def _title(self, token: Token) -> bool:
        """A title before a name, in the singular or plural ("Remainer MPs Chuka Umunna and Anna Soubry")."""
        word = token.lower.rstrip(".")
        return word in self._titles or (len(word) > 2 and word.endswith("s") and word[:-1] in self._titles)

    def _speaks(self, tokens: list[Token], a: int, b: int) -> bool:
        """'Omar Saleh said', 'said Omar Saleh', ', Omar Saleh, said': a name with a speech verb is a
        person."""
        after = b + 1 if b < len(tokens) and tokens[b].text == "," else b
        return (after < len(tokens) and tokens[after].lower in self._speech) or (
            a > 0 and tokens[a - 1].lower in self._speech)

    def _names(self, tokens: list[Token], chunk: Chunk) -> list[tuple[int, int, str]]:
        """Candidate names in a noun phrase, with their entity label: the engine's named entities (their
        possessive "'s" left out), else, or where it found none, runs of proper nouns (label "")."""
        runs = _proper_runs(tokens, chunk)
        in_runs = {k for a, b in runs for k in range(a, b)}
        # a known person's surname alone, whatever its tag ("Starmer thanked" tagged as a common noun)
        runs += [(i, i + 1) for i in range(chunk.start, chunk.end) if i not in in_runs
                 and tokens[i].text[:1].isupper() and normalize(tokens[i].text) in self.surnames]
        runs.sort()
        if not self.entities:
            return [(a, b, "") for a, b in runs]
        out: list[tuple[int, int, str]] = []
        later: set[int] = set()  # tokens of a name that a later noun phrase holds whole
        i = chunk.start
        while i < chunk.end:
            label = self._labels.get(i, "")
            if not label:
                i += 1
                continue
            if self._continues(tokens, i, chunk.end):
                later.update(range(i, chunk.end))
                break
            j = i + 1
            while j < chunk.end and self._labels.get(j) == label and (
                tokens[j].tag != "POS" or self._possessive_in_name(tokens, i, j)
            ):
                j += 1
            first = i
            while first < j - 1 and tokens[first].tag in ("DT", "PDT"):
                first += 1  # "The Hadar Brigades": the article is not part of the name
            while (label == "PERSON" and first > chunk.start and tokens[first - 1].tag == "NNP"
                   and not self._labels.get(first - 1) and tokens[first - 1].text[:1].isupper()
                   and tokens[first - 1].lower.rstrip(".") not in self._titles
                   and self._word_tags.get(tokens[first - 1].lower, "NNP").startswith("NNP")):
                # "Mayor Sadiq Khan" with only "Khan" recognised: a given name is the name's ("Security
                # Advisor Ben Rhodes": a common word is not)
                first -= 1
            if i == chunk.start and label == "ORG" and self._spans[i][0] < i and self._name_words(
                    tokens, self._spans[i][0], i):
                first = self._spans[i][0]  # "U.S. Immigration and Customs | Enforcement": the whole name
            if label in NAME_LABELS:
                out.append((first, j, label))
            # "Labour's Yvette Cooper MP" read as one entity: the possessive ends the first name; what follows
            # it is read as a name of its own
            i = j + 1 if j < chunk.end and tokens[j].tag == "POS" else j
        covered = {k for a, b, _ in out for k in range(a, b)} | later
        out.extend((a, b, "") for a, b in runs
                   if not any(k in covered for k in range(a, b))
                   and (self._surname_not_date(tokens, a, b)
                        or not any(self._other_entity(k) for k in range(a, b))))
        return sorted(out)

    def _continues(self, tokens: list[Token], i: int, chunk_end: int) -> bool:
        """An organisation's name that the parser split into several noun phrases ("U.S. | Immigration | and
        | Customs | Enforcement"): the recogniser's entity runs on past this phrase to a proper noun, so the
        phrase that ends the name holds it whole, not this one."""
        end = self._spans.get(i, (i, i + 1))[1]
        if end - 1 > i and tokens[end - 1].tag == "POS":
            end -= 1  # "... Customs Enforcement's"
        return (self._labels.get(i) == "ORG" and end > chunk_end and tokens[end - 1].tag.startswith("NNP")
                and self._name_words(tokens, i, end))

    @staticmethod
    def _name_words(tokens: list[Token], a: int, b: int) -> bool:
        """Tokens that can make up one organisation's name: proper nouns and the small words between them."""
        return all(tokens[k].tag in ("NNP", "NNPS") or tokens[k].lower in ("and", "of", "&", "for", "the")
                   for k in range(a, b))

    def _other_entity(self, i: int) -> bool:
        """Token i is inside an entity the engine says is no actor: a date ("before Christmas"), a
        facility ("St James's Park station"), a law ("the Finance Act"). Works, events and
        products are not on the list: the small English model gives those labels to people's names
        ("Yvette Cooper MP" read as a work of art)."""
        return self._labels.get(i, "") in NOT_ACTOR_LABELS

    def _possessive_in_name(self, tokens: list[Token], start: int, at: int) -> bool:
        """The possessive at token `at` is inside one name: the recogniser's entity runs on past it, and
        what owns it is a plural common noun ("The People's Vote", "the Women's March"), not a name that
        owns the next one ("Labour's Yvette Cooper")."""
        owner = [k for k in range(start, at) if tokens[k].tag not in ("DT", "PDT")]
        return (
            len(owner) == 1 and self._spans.get(at, (at, at))[1] > at + 1
            and self._word_tags.get(tokens[owner[0]].lower) == "NNS"
        )

    def _surname_not_date(self, tokens: list[Token], a: int, b: int) -> bool:
        """One word that is the surname of the one person of that name the text has named ("May" after
        "Theresa May"), and that does not read as a date: no date word before it ("in May", "since May",
        "last May") and no number after it ("May 3", "May 2019")."""
        if self._known_name(tokens[a].text, b - a) is None:
            return False
        before = tokens[a - 1].lower if a else ""
        after = tokens[b] if b < len(tokens) else None
        return before not in _DATE_WORDS and not (after is not None and after.tag == "CD")

    def _titled(self, tokens: list[Token], a: int) -> bool:
        """A title right before the name ("Gen. Yusuf Hamdi", "President Moon"), its period apart or not."""
        before = a - 2 if a >= 2 and tokens[a - 1].text == "." else a - 1
        return before >= 0 and self._title(tokens[before])

    def _known_name(self, name: str, length: int) -> str | None:
        """A surname alone ("May") stands for the one person of the document with that last name; with two
        such people ("Hunter Biden", "Joe Biden") it is ambiguous and links to neither."""
        if length != 1:
            return None
        people = self.surnames.get(normalize(name), set())
        return next(iter(people)) if len(people) == 1 else None

    def _inside_organisation_name(self, tokens: list[Token], after: int, end: int) -> bool:
        """A listed name that more capitalised proper nouns continue up to an organisation word ("Senate |
        Judiciary Committee", "UN | Security Council", "Trump | Organization"): the whole is another
        organisation, named by the mention rules, not the listed actor."""
        run = after
        while run < end and tokens[run].tag in ("NNP", "NNPS") and tokens[run].text[:1].isupper():
            run += 1
        return run > after and tokens[run - 1].lower in self._org_words

    def _gazetteer_name(self, name: str) -> str | None:
        """The gazetteer actor a whole name is listed for, where the gazetteer pass could not take it: the
        parser split it over several noun phrases ("U.S. Immigration | and | Customs Enforcement")."""
        return self.data.by_name.get(name) or self.data.by_name.get(normalize(name))

    def _bracketed_alias(self, tokens: list[Token], after: int, actor_id: str) -> None:
        """An acronym in brackets after a name is its alias ("the Greater London Authority (GLA)"); a word
        that is not an acronym is something else, such as a party ("Anna Soubry (Conservative)")."""
        if (after + 2 < len(tokens) and tokens[after].text == "(" and tokens[after + 2].text == ")"
                and acronym(tokens[after + 1].text)):
            self.aliases[normalize(tokens[after + 1].text)] = actor_id

    def _group(
        self, index: int, tokens: list[Token], chunk: Chunk, head_index: int, claimed: int
    ) -> list[Mention]:
        first = max(chunk.start, claimed + 1)
        while first < head_index and tokens[first].tag == "POS":
            first += 1
        capitalised = [
            i for i in range(first, head_index)
            if tokens[i].text[:1].isupper() and tokens[i].tag in ("NNP", "NNPS", "JJ", "NN", "NNS")
            and not (i + 1 < len(tokens) and tokens[i + 1].tag == "POS")
        ]
        # capitalised modifiers name the group ("Iraqi forces"); a noun after them belongs to the name
        # ("Human rights groups"), an adjective does not ("Iraqi special forces" are "Iraqi forces")
        modifiers = [
            tokens[i].text for i in range(capitalised[0], head_index)
            if i in capitalised or tokens[i].tag in ("NN", "NNS")
        ] if capitalised else []
        head = tokens[head_index].lower
        span = (tokens[first].start, tokens[chunk.end - 1].end)
        determiner = tokens[first].lower
        if modifiers:
            # the id folds variants together ("Iraqi special forces" are "Iraqi forces"); the name shown is
            # the text's own, from the first capitalised modifier to the head
            key = normalize(" ".join([*modifiers, head]))
            name = _text(self.text, tokens, capitalised[0], head_index + 1)
            mention = Mention(*span, index, (first, chunk.end), "group", name, head)
            return [self._add(mention, f"group:{key}", name, "people")]
        description = (
            " ".join(t.text for t in tokens[first + 1 : chunk.end]) if determiner in _DEFINITE else ""
        )
        if tokens[first].tag == "PRP$":
            owner = self._pronoun_owner(tokens[first].lower, head)
            if owner is not None:  # "its fighters", "their leaders": the organisation's own
                mention = Mention(*span, index, (first, chunk.end), "description",
                                  _text(self.text, tokens, first, chunk.end), head)
                return [self._add(mention, owner, head, "organisation")]
            if head in _VAGUE_HEADS:
                return []  # "its forces" with no organisation before: whose, the rules cannot tell
            name = _text(self.text, tokens, first, chunk.end)  # "her lawyer", "his men"
            mention = Mention(*span, index, (first, chunk.end), "group", name, head)
            return [self._add(mention, f"group:{normalize(name)}", name, "people")]
        if determiner in _DEFINITE:
            antecedent = self._antecedent(head)
            if antecedent is not None:
                mention = Mention(*span, index, (first, chunk.end), "description", description or head, head)
                return [self._add(mention, antecedent, head, "people")]
        described = [i for i in range(first, head_index) if tokens[i].tag in ("NN", "NNS", "VBG")
                     or (tokens[i].tag == "JJ" and tokens[i].lower.endswith(_CLASSIFYING))]
        if head in _VAGUE_HEADS and described:
            # "environmental groups", "the monitoring group", "security forces": named by what they are
            name = _text(self.text, tokens, described[0], head_index + 1)
            mention = Mention(*span, index, (first, chunk.end), "group", name, head)
            return [self._add(mention, f"group:{normalize(name)}", name, "people")]
        if (determiner in _INDEFINITE and head in self._generic) or head in _VAGUE_HEADS:
            return []  # "a coalition", "forces": not an actor by themselves (a cleaner, three diplomats are)
        word = tokens[head_index].text  # "MPs" is shown as written; "Officials" opening a sentence is not
        name = word if any(c.isupper() for c in word[1:]) else head
        mention = Mention(*span, index, (first, chunk.end), "group", name, head)
        return [self._add(mention, f"group:{head}", name, "people")]

    def _antecedent(self, head: str) -> str | None:
        """The latest actor named with this head noun, or, for 'group'/'regime', of a fitting type, among the
        last LOOKBACK mentions (a description rarely points further back, and long texts stay linear)."""
        recent = self.mentions[-LOOKBACK:]
        for mention in reversed(recent):
            actor = self.actors[mention.actor or ""]
            if mention.kind != "description" and head in actor.heads and not actor.id.startswith("group:"):
                return actor.id
        for mention in reversed(recent):
            actor = self.actors[mention.actor or ""]
            if head in actor.heads and mention.kind != "description":
                return actor.id
        if head in self._generic:
            for wanted in _TYPES_FOR_HEAD.get(head, _GROUP_TYPES):  # in order of preference
                for mention in reversed(recent):
                    actor = self.actors[mention.actor or ""]
                    if actor.type == wanted and not mention.possessor:
                        return actor.id
        return None

    def _appositives(self, tokens: list[Token], chunk_list: list[Chunk], found: list[Mention]) -> None:
        """'X, a coalition of Iranian-trained militias ...': the phrase describes X; its nouns become X's
        heads."""
        for mention in found:
            if mention.kind not in ("gazetteer", "name", "alias") or mention.possessor:
                continue
            after = mention.tokens[1]
            if not (
                after + 1 < len(tokens)
                and tokens[after].text == ","
                and tokens[after + 1].lower in ("a", "an")
            ):
                continue
            end = after + 1
            while (
                end < len(tokens)
                and tokens[end].text not in (",", ";", ".", ":")
                and not (
                    tokens[end].tag.startswith("VB")
                    and tokens[end].dep not in ("amod", "compound")  # "Iranian-trained"
                )
            ):
                end += 1
            actor = self.actors[mention.actor or ""]
            actor.descriptions.append((tokens[after + 1].start, tokens[end - 1].end))
            actor.heads.update(t.lower for t in tokens[after + 1 : end] if t.tag in ("NN", "NNS"))
            for inner in found:
                if inner.kind == "group" and after < inner.tokens[0] and inner.tokens[1] <= end:
                    # the militias the appositive names are X
                    inner.actor, inner.kind = actor.id, "description"

    def merge_described_groups(self) -> None:
        """A group named by its kind and modifiers ("Shiite militias", "Iranian-trained Shi'ite paramilitary
        groups") is the one named organisation whose own description uses all of those modifiers and a
        fitting kind ("Popular Mobilisation, a coalition of Iranian-trained militias of Shi'ite volunteers").
        With no such organisation, or two, the group stays an actor of its own."""
        described = {
            a.id: (_words(self.text[s:e] for s, e in a.descriptions), a.heads)
            for a in self.actors.values()
            if a.descriptions and not a.id.startswith("group:")
        }
        if not described:
            return
        merged: dict[str, str] = {}
        for actor in list(self.actors.values()):
            if not actor.id.startswith("group:"):
                continue
            *modifiers, head = _words([actor.id.removeprefix("group:")], ordered=True) or [""]
            if not modifiers:
                continue
            fits = [
                target
                for target, (words, heads) in described.items()
                if set(modifiers) <= words
                and (head in heads or (head in _MEMBER_HEADS and heads & _MEMBER_HEADS))
            ]
            if len(fits) == 1:
                merged[actor.id] = fits[0]
                self.actors[fits[0]].heads.update(actor.heads)
        for mention in self.mentions:
            if mention.actor in merged:
                mention.actor = merged[mention.actor]
                if mention.kind == "group":
                    mention.kind = "description"
        for old in merged:
            del self.actors[old]

    def pronoun(self, index: int, tokens: list[Token], at: int, previous: str | None) -> Mention | None:
        """A subject pronoun at token `at`, resolved to the subject actor of the clause before."""
        if tokens[at].lower not in _PRONOUNS or previous is None:
            return None
        token = tokens[at]
        if any(m.start == token.start for m in self.mentions[-8:]):
            return None  # already resolved, as the subject of an earlier clause of the sentence
        mention = Mention(
            token.start, token.end, index, (at, at + 1), "pronoun", token.text, "", actor=previous
        )
        self.mentions.append(mention)
        return mention
