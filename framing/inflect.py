"""Fit a neutral alternative to the words it replaces: the same number (militias -> armed groups), the
same tense (retake -> take control of; captured -> took control of; capturing -> taking control of).

An entry's alternatives are written for its `term` (e.g. `retook` offers "took control of"); the match
may be another form (`retake`, a generated plural). `fit` finds how the match differs from the term and
makes the same change to the alternative: the verb of a verb phrase, the head noun of a noun phrase
("killing of civilians" -> "killings of civilians", "immigrant living in the country illegally" ->
"immigrants living ..."). Pure, with small project-owned tables; tests/test_inflect.py inflects every
entry's alternatives for every form the entry matches and rejects non-words.
"""

from __future__ import annotations

import re

from framing.forms import entry_forms, normalize, plural, verb_forms
from framing.model import Entry, Inflect

# base: (past, past participle); prefixed forms (retake, overrun) are handled by stripping the prefix.
IRREGULAR_VERBS = {
    "be": ("was", "been"),
    "have": ("had", "had"),
    "do": ("did", "done"),
    "say": ("said", "said"),
    "take": ("took", "taken"),
    "make": ("made", "made"),
    "give": ("gave", "given"),
    "get": ("got", "got"),
    "go": ("went", "gone"),
    "come": ("came", "come"),
    "see": ("saw", "seen"),
    "know": ("knew", "known"),
    "tell": ("told", "told"),
    "find": ("found", "found"),
    "think": ("thought", "thought"),
    "bring": ("brought", "brought"),
    "buy": ("bought", "bought"),
    "fight": ("fought", "fought"),
    "seek": ("sought", "sought"),
    "teach": ("taught", "taught"),
    "catch": ("caught", "caught"),
    "hold": ("held", "held"),
    "keep": ("kept", "kept"),
    "leave": ("left", "left"),
    "lose": ("lost", "lost"),
    "send": ("sent", "sent"),
    "spend": ("spent", "spent"),
    "build": ("built", "built"),
    "lead": ("led", "led"),
    "meet": ("met", "met"),
    "feel": ("felt", "felt"),
    "flee": ("fled", "fled"),
    "mean": ("meant", "meant"),
    "pay": ("paid", "paid"),
    "lay": ("laid", "laid"),
    "sell": ("sold", "sold"),
    "stand": ("stood", "stood"),
    "understand": ("understood", "understood"),
    "win": ("won", "won"),
    "hang": ("hung", "hung"),
    "shoot": ("shot", "shot"),
    "hit": ("hit", "hit"),
    "cut": ("cut", "cut"),
    "put": ("put", "put"),
    "set": ("set", "set"),
    "let": ("let", "let"),
    "shut": ("shut", "shut"),
    "hurt": ("hurt", "hurt"),
    "spread": ("spread", "spread"),
    "cost": ("cost", "cost"),
    "quit": ("quit", "quit"),
    "read": ("read", "read"),
    "strike": ("struck", "struck"),
    "drive": ("drove", "driven"),
    "ride": ("rode", "ridden"),
    "rise": ("rose", "risen"),
    "write": ("wrote", "written"),
    "fall": ("fell", "fallen"),
    "break": ("broke", "broken"),
    "speak": ("spoke", "spoken"),
    "steal": ("stole", "stolen"),
    "choose": ("chose", "chosen"),
    "freeze": ("froze", "frozen"),
    "wake": ("woke", "woken"),
    "tear": ("tore", "torn"),
    "wear": ("wore", "worn"),
    "swear": ("swore", "sworn"),
    "bear": ("bore", "borne"),
    "throw": ("threw", "thrown"),
    "grow": ("grew", "grown"),
    "blow": ("blew", "blown"),
    "fly": ("flew", "flown"),
    "draw": ("drew", "drawn"),
    "show": ("showed", "shown"),
    "forgive": ("forgave", "forgiven"),
    "begin": ("began", "begun"),
    "run": ("ran", "run"),
    "sing": ("sang", "sung"),
    "sink": ("sank", "sunk"),
    "swim": ("swam", "swum"),
    "drink": ("drank", "drunk"),
    "ring": ("rang", "rung"),
    "beat": ("beat", "beaten"),
    "eat": ("ate", "eaten"),
    "forget": ("forgot", "forgotten"),
    "hide": ("hid", "hidden"),
    "bite": ("bit", "bitten"),
    "shake": ("shook", "shaken"),
    "sweep": ("swept", "swept"),
    "sleep": ("slept", "slept"),
    "feed": ("fed", "fed"),
    "bleed": ("bled", "bled"),
    "bend": ("bent", "bent"),
    "lend": ("lent", "lent"),
    "deal": ("dealt", "dealt"),
    "light": ("lit", "lit"),
    "slide": ("slid", "slid"),
    "stick": ("stuck", "stuck"),
    "strive": ("strove", "striven"),
    "arise": ("arose", "arisen"),
    "overcome": ("overcame", "overcome"),
    "withdraw": ("withdrew", "withdrawn"),
    "undertake": ("undertook", "undertaken"),
    "shine": ("shone", "shone"),
    "prove": ("proved", "proven"),
}
# Verbs stressed on the last syllable double its consonant: defer -> deferred (forms.verb_forms doubles only
# one-syllable verbs).
_DOUBLING = frozenset(
    "defer refer prefer confer infer occur recur deter commit admit omit permit submit emit "
    "regret control patrol compel expel propel rebel equip transfer".split()
)
_BE = {"base": "be", "third": "is", "past": "was", "participle": "been", "ing": "being"}
_PAST = {past: base for base, (past, _) in IRREGULAR_VERBS.items()}
_PARTICIPLE = {part: base for base, (_, part) in IRREGULAR_VERBS.items()}
_PREFIXES = ("re", "over", "out", "under", "with")
_FORMS = ("base", "third", "past", "ing")
# Said before a past participle ("had captured", "was retaken"): the alternative takes the participle too.
_PERFECT_OR_PASSIVE = frozenset("have has had having be is are was were been being get gets got".split())

_IRREGULAR_PLURALS = {
    "person": "people",
    "man": "men",
    "woman": "women",
    "child": "children",
    "crisis": "crises",
    "analysis": "analyses",
    "life": "lives",
    "wife": "wives",
    "thief": "thieves",
    "half": "halves",
    "knife": "knives",
    "leaf": "leaves",
    "foot": "feet",
    "mouse": "mice",
    "criterion": "criteria",
    "phenomenon": "phenomena",
    "basis": "bases",
    "thesis": "theses",
    "hypothesis": "hypotheses",
}
_SINGULARS = {p: s for s, p in _IRREGULAR_PLURALS.items()}
# Nouns a plural would make odd ("violences", "damages" in another sense): left as they are.
UNCOUNTABLE = frozenset(
    "violence damage destruction bloodshed unrest fighting information evidence equipment news advice "
    "progress research support legislation immigration migration security aid welfare health care control "
    "harm hardship suffering poverty mismanagement opposition resistance spending".split()
)
PLURAL_ONLY = frozenset(
    "police arms clothes goods remains headquarters premises staff personnel livestock".split()
)
SAME_IN_PLURAL = frozenset("series species means aircraft sheep crossroads".split())
# Words after a noun that start its post-modifier: the head noun is the word before them.
_POSTMODIFIER = frozenset(
    "of in on at for with from by to who whom that which whose against over under into across near "
    "without within outside inside during after before between among around toward towards".split()
)
_ADVERBS = frozenset(("not", "badly", "sharply", "strongly", "publicly", "formally", "openly"))


def _known(word: str) -> bool:
    from framing.nlp import known_words

    return word.lower() in known_words()


def _tag(word: str) -> str:
    from framing.nlp import word_tags

    word = word.lower()
    tags = word_tags()
    # British -ise/-yse spellings ("realised", "criticises") take the tag of the -ize spelling
    return tags.get(word) or (
        tags.get(word.replace("is", "iz").replace("ys", "yz"), "") if "s" in word else ""
    )


# --- verbs ----------------------------------------------------------------------------------------------


def _strip_prefix(word: str) -> tuple[str, str]:
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and (rest in IRREGULAR_VERBS or rest in _PAST or rest in _PARTICIPLE):
            return prefix, rest
    return "", word


def lemma(verb: str) -> str:
    """The base form of a verb form: took -> take, retaken -> retake, criticised -> criticise."""
    special = {
        "has": "have",
        "had": "have",
        "does": "do",
        "did": "do",
        "is": "be",
        "are": "be",
        "was": "be",
        "were": "be",
        "been": "be",
        "being": "be",
        "am": "be",
    }
    if verb in special:
        return special[verb]
    prefix, word = _strip_prefix(verb)
    if word in IRREGULAR_VERBS:
        return verb
    if word in _PAST:
        return prefix + _PAST[word]
    if word in _PARTICIPLE:
        return prefix + _PARTICIPLE[word]
    for suffix, forms_index in (("ing", 3), ("ied", 2), ("ed", 2), ("d", 2), ("ies", 1), ("es", 1), ("s", 1)):
        if not verb.endswith(suffix):
            continue
        stem = verb[: -len(suffix)]
        candidates = [
            c
            for c in dict.fromkeys((stem, stem + "e", stem[:-1], stem + "y"))
            if c and conjugate(c, _FORMS[forms_index]) == verb
        ]
        known = [c for c in candidates if _known(c) or _tag(c).startswith("VB")]
        if known:
            return known[0]
        if candidates:  # a word the dictionary lacks ("criticised"): -se, -ze, -ve, -ce stems keep their e
            with_e = [c for c in candidates if c.endswith(("se", "ze", "ve", "ce", "ge"))]
            return (with_e or candidates)[0]
    return verb


def verb_class(verb: str) -> str:
    """base | third | past | participle | ing; 'past' also covers a regular past participle."""
    _prefix, word = _strip_prefix(verb)
    if word in IRREGULAR_VERBS or verb in ("am", "are"):
        return "base"
    if word in ("is", "has", "does"):
        return "third"
    if word in _PAST and word in _PARTICIPLE:
        return "past"
    if word in _PAST or word in ("were",):
        return "past"
    if word in _PARTICIPLE:
        return "participle"
    if verb.endswith("ing"):
        return "ing"
    if verb.endswith("ed"):
        return "past"
    if verb.endswith("s") and not verb.endswith("ss"):
        return "third"
    return "base"


def conjugate(base: str, form: str) -> str:
    """`base` in `form` (base | third | past | participle | ing)."""
    if base == "be":
        return _BE[form]
    prefix, word = _strip_prefix(base)
    if word in IRREGULAR_VERBS:
        past, participle = IRREGULAR_VERBS[word]
        if form in ("past", "participle"):
            return prefix + (past if form == "past" else participle)
        third = {"have": "has", "do": "does", "go": "goes"}.get(word)
        if form == "third" and third:
            return prefix + third
    base_form, third_form, past_form, ing_form = verb_forms(base)
    if base.endswith("ie") and form == "ing":
        return base[:-2] + "ying"
    if base in _DOUBLING:
        past_form, ing_form = base + base[-1] + "ed", base + base[-1] + "ing"
    return {
        "base": base_form,
        "third": third_form,
        "past": past_form,
        "participle": past_form,
        "ing": ing_form,
    }[form]


def _is_verb(word: str) -> bool:
    base = lemma(word)
    _, stripped = _strip_prefix(base)
    return (
        stripped in IRREGULAR_VERBS
        or _tag(word).startswith("VB")
        or (word != base and _tag(base).startswith("VB"))
    )


def _verb_index(words: list[str]) -> int | None:
    """The verb of a verb phrase: its first word that is not an adverb ("sharply reduce", "badly damage")."""
    for i, word in enumerate(words):
        if word in _ADVERBS or (word.endswith("ly") and i + 1 < len(words)):
            continue
        return i
    return None


# --- nouns ----------------------------------------------------------------------------------------------


def is_plural(word: str) -> bool:
    last = word.split("-")[-1].lower()
    if last in PLURAL_ONLY or last in _SINGULARS or last in ("people", "troops", "forces", "authorities"):
        return True
    if last in UNCOUNTABLE or last in _IRREGULAR_PLURALS or last in SAME_IN_PLURAL:
        return False
    if last.endswith("men") and _known(last[:-3] + "man"):
        return True
    tag = _tag(last)
    if tag in ("NNS", "NNPS"):
        return True
    if tag in ("NN", "NNP"):
        return False
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def pluralize(word: str) -> str:
    parts = word.split("-")
    last = parts[-1]
    if last.lower() in UNCOUNTABLE or last.lower() in SAME_IN_PLURAL or is_plural(last):
        return word
    if last in _IRREGULAR_PLURALS:
        parts[-1] = _IRREGULAR_PLURALS[last]
    elif last.endswith("man") and _known(last[:-3] + "men"):
        parts[-1] = last[:-3] + "men"
    else:
        parts[-1] = plural(last)
    return "-".join(parts)


def singularize(word: str) -> str:
    parts = word.split("-")
    last = parts[-1]
    if not is_plural(last) or last in PLURAL_ONLY:
        return word
    if last in _SINGULARS:
        parts[-1] = _SINGULARS[last]
    elif last.endswith("men") and _known(last[:-3] + "man"):
        parts[-1] = last[:-3] + "man"
    else:
        for suffix, replacement in (
            ("ies", "y"),
            ("ches", "ch"),
            ("shes", "sh"),
            ("sses", "ss"),
            ("xes", "x"),
            ("zes", "z"),
            ("s", ""),
        ):
            if last.endswith(suffix) and _known(last[: -len(suffix)] + replacement):
                parts[-1] = last[: -len(suffix)] + replacement
                break
    return "-".join(parts)


def head_index(words: list[str]) -> int:
    """The head noun of a noun phrase: the word before its first post-modifier (a preposition, a relative
    pronoun, or a participle that more words follow), else the last word."""
    for i, word in enumerate(words[1:], start=1):
        after_noun = _tag(words[i - 1]).startswith("NN")
        if word in _POSTMODIFIER or (
            after_noun and (word.endswith("ed") or (word.endswith("ing") and i + 1 < len(words)))
        ):
            return i - 1  # "site of ...", "soldier killed", "immigrant living in ..."
    return len(words) - 1


# --- fitting an alternative -----------------------------------------------------------------------------


def _replace(phrase: str, index: int, word: str) -> str:
    words = phrase.split(" ")
    words[index] = word
    return " ".join(words)


def _form_of(words: list[str], before: str) -> str:
    form = verb_class(words[0])
    if form == "past" and before in _PERFECT_OR_PASSIVE:
        return "participle"
    return form


def _verbal(words: list[str], index: int) -> bool:
    """A verb phrase, not a participle used as an adjective ("fallen soldiers", "enhanced interrogation")."""
    if "-" in words[index] or not _is_verb(words[index]):
        return False
    following = _tag(words[index + 1]) if index + 1 < len(words) else ""
    return not following.startswith("NN")


def _generated_plural(entry: Entry, matched: str) -> bool:
    """A noun entry's match is one of the plurals the compiler generated from its forms."""
    forms = [normalize(f, case_sensitive=entry.case_sensitive) for f in (entry.term, *entry.variants)]
    form = normalize(matched, case_sensitive=entry.case_sensitive)
    return form not in forms and form in entry_forms(entry)


def fit(alternative: str, entry: Entry, matched: str, before: str = "") -> str:
    """`alternative` (written for `entry.term`) in the form of `matched`; `before` is the word before the
    match, which tells a past participle ("had captured") from a past tense ("captured")."""
    term_words = normalize(entry.term).split(" ")
    match_words = normalize(matched).split(" ")
    alt_words = alternative.split(" ")
    before = before.lower()
    term_verb, match_verb = _verb_index(term_words) or 0, _verb_index(match_words) or 0
    verbal = entry.inflect is Inflect.VERB or (
        entry.inflect is Inflect.NONE
        and _verbal(term_words, term_verb)
        and (
            lemma(match_words[match_verb]) == lemma(term_words[term_verb]) or _verbal(match_words, match_verb)
        )
    )
    if verbal:
        auxiliary = ""
        if (
            match_words[0] in _PERFECT_OR_PASSIVE
            and term_words[0] not in _PERFECT_OR_PASSIVE
            and len(match_words) > 1
        ):
            auxiliary, match_words = (
                match_words[0] + " ",
                match_words[1:],
            )  # "has established" -> "has concluded"
            target = "participle"
        else:
            target = _form_of(match_words[match_verb:], before)
        source = "base" if entry.inflect is Inflect.VERB else _form_of(term_words[term_verb:], "")
        index = _verb_index(alt_words)
        if index is None or (target == source and not auxiliary):
            return alternative
        verb = alt_words[index].lower()
        if target == "participle" and source == "past" and not auxiliary and verb not in _PAST:
            return alternative  # a regular past is its own participle; only "took" -> "taken" changes
        return auxiliary + _replace(alternative, index, conjugate(lemma(verb), target))
    if " and " in f" {alternative} " or " or " in f" {alternative} ":
        return alternative  # "women and children": no single head to inflect
    term_head = term_words[head_index(term_words)]
    match_head = (
        match_words[head_index(match_words)] if len(match_words) == len(term_words) else match_words[-1]
    )
    if entry.inflect is Inflect.NOUN:
        want_plural, want_singular = _generated_plural(entry, matched), False
    else:
        term_plural = is_plural(term_head)
        match_plural = is_plural(match_head) or (term_plural and match_head.endswith("s"))
        want_plural = match_plural and not term_plural
        want_singular = (
            term_plural and not match_plural and _known(match_head) and match_head not in UNCOUNTABLE
        )
    if not (want_plural or want_singular):
        return alternative
    index = head_index(alt_words)
    head = alt_words[index]
    nounish = (
        _tag(head) in ("", "NN", "NNS", "NNP", "NNPS", "VB")
        or head[:1].isupper()
        or (entry.inflect is Inflect.NOUN and _known(pluralize(head) if want_plural else singularize(head)))
    )
    if not re.fullmatch(r"[A-Za-z][A-Za-z-]*", head) or not nounish:
        return alternative  # not a noun ("allied with", "outspoken"): leave it
    return _replace(alternative, index, pluralize(head) if want_plural else singularize(head))
