"""The text layer: sentences, words and direct quotations, all as spans into the original text.

Sentence splitting is rule-based (pySBD-style named rules over a project word list,
`lexicons/text/abbreviations.toml`): it needs no downloaded model, keeps offsets, and handles news
abbreviations ("Feb. 19", "U.S.-backed", "Mr.", "Gen."). Quotations are double-quoted passages, straight
or curly; a speaker is found when a speech verb and a name or noun phrase stand next to the quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache

from framing.engine.model import Document
from framing.model import Quote
from framing.resources import text_resource

# A run of sentence-final punctuation, closing quotes or brackets, then whitespace.
_CANDIDATE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
# A blank line (paragraph break) always ends a sentence; so does a line break after a headline-like line.
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_GAP = re.compile(r"\n\s*")
_WORD = re.compile(r"\w+(?:(?:['\u2019-]|\.-?)\w+)*")
_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.'\u2019-_"
_NEXT_WORD = re.compile(r"\s+[\"'\u201c\u2018(\[]*(\w[\w'\u2019]*)")


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    data = text_resource("abbreviations")
    return frozenset(data["abbreviations"]), frozenset(data["sentence_starters"])


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the punctuation run text[start:end] ends a sentence (named rules, in order)."""
    after = _NEXT_WORD.match(text, end)
    if after is None:
        return True
    next_word = after.group(1)
    if next_word[0].islower():  # "e.g. the", "No. 2 in" - a lowercase word continues the sentence
        return False
    if text[start] != ".":  # "!" and "?" end sentences before a capital or a digit
        return True
    window = text[max(0, start - 40) : start]
    token = window[len(window.rstrip(_TOKEN_CHARS)) :] if window else ""
    token = token.lower().lstrip(".'\u2019-")
    abbreviations, starters = _abbreviations()
    if token in abbreviations or token.rstrip(".") in abbreviations:
        # "Mr. Smith", "Feb. 19" continue; "in the U.S. It was" starts anew.
        return next_word.lower() in starters and not next_word[0].isdigit()
    if len(token) == 1 and token.isalpha():  # an initial: "J. Smith"
        return False
    return not (re.fullmatch(r"(?:\w\.)+\w?", token) and next_word.lower() not in starters)


_LINE_BREAK = re.compile(r"\n(?=[ \t]*\S)")
_WRAPPED_LINE = (40, 100)


def _hard_wrapped(text: str) -> bool:
    """Whether single line breaks are wrapping (most lines inside paragraphs are 40-100 characters)."""
    inner = [len(line) for line in re.findall(r"^(.+)\n(?=[ \t]*\S)", text, flags=re.MULTILINE)]
    low, high = _WRAPPED_LINE
    return len(inner) >= 3 and sum(low <= n <= high for n in inner) > len(inner) / 2


# Longest sentence, in characters: a longer run (a page of text with no full stop) is cut at the last
# space before this length, or at the length itself when there is none. Per-sentence work (tagging,
# clauses) is quadratic in the sentence's length at worst, so this bound keeps the whole pipeline linear
# in the input; real news sentences are far shorter (the longest in the seed corpora is under 1,500).
MAX_SENTENCE = 2000


def _bounded(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """The span [start, end) cut into pieces of at most MAX_SENTENCE characters, at spaces where possible."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = max(text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE),
                  text.rfind("\n", start + MAX_SENTENCE // 2, start + MAX_SENTENCE))
        cut = cut if cut > start else start + MAX_SENTENCE
        piece = text[start:cut]
        stripped = piece.rstrip()
        if stripped:
            pieces.append((start, start + len(stripped)))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans, trimmed of surrounding whitespace, covering every non-space character.

    A blank line always ends a sentence; a single line break does too (headlines, captions, lists)
    unless the text is hard-wrapped. No span is longer than MAX_SENTENCE characters.
    """
    cuts: list[int] = [m.start() for m in _PARAGRAPH.finditer(text)]
    if "\n" in text and not _hard_wrapped(text):
        cuts.extend(m.start() for m in _LINE_BREAK.finditer(text))
    cuts.extend(m.end() for m in _CANDIDATE.finditer(text) if _ends_sentence(text, m.start(), m.end()))
    cuts.sort()
    spans: list[tuple[int, int]] = []
    last = 0
    for cut in [*cuts, len(text)]:
        if cut <= last:
            continue
        piece = text[last:cut]
        stripped = piece.strip()
        if stripped:
            start = last + (len(piece) - len(piece.lstrip()))
            if len(stripped) > MAX_SENTENCE:
                spans.extend(_bounded(start, start + len(stripped), text))
            else:
                spans.append((start, start + len(stripped)))
        last = cut
    return tuple(spans)


def count_words(text: str) -> int:
    """Word tokens: letters or digits, with inner apostrophes, hyphens and periods (U.S.-backed is one)."""
    return len(_WORD.findall(text))


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """The project's one word tokenizer, for every count of words (density, distinctive words, evaluation):
    (start, end, word lowercased with straight apostrophes); "U.S.-backed" and "Shi'ite" are one word.

    >>> [w for _, _, w in word_spans("The U.S.-backed Shi\u2019ite militia")]
    ['the', 'u.s.-backed', "shi'ite", 'militia']
    """
    return [(m.start(), m.end(), m.group().lower().replace("\u2019", "'")) for m in _WORD.finditer(text)]


# --- quotations ---------------------------------------------------------------------------------
# Quotation marks are paired within a paragraph, never across a blank line, so one stray mark changes
# at most its own paragraph. Double marks (straight or curly) and single marks (straight or curly, the
# British style) both open quotations; whichever opens first is the outer one, and marks of the other
# kind inside it are a nested quotation, part of the outer one. An apostrophe is told from a single
# quotation mark by its neighbours: one between letters ("don't") or after a plural's "s" before a
# lowercase word ("the militants' rule") is an apostrophe.

_MARKS = re.compile("[\"\u201c\u201d'\u2018\u2019]")
_OPENING_CONTEXT = " \t\n\r([{\u2014\u2013-:;\"\u201c"
_NAME = r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|of|the|al|bin|de|van|von|la|le|du|da))*"
_PRONOUN = r"(?:he|she|they|it|we|I|He|She|They|It|We)"
_RESOLVABLE = frozenset(("he", "she"))  # pronouns that stand for one named person
_NOT_IN_SPEAKER = (
    r"(?:on|in|at|after|before|during|from|to|with|by|as|that|who|which|when|while|and|but|for|of|late|early"
    r"|yesterday|today|tonight|last|this|earlier|later)\b"
)
_NOUN_PHRASE = rf"(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)(?:\s+(?!{_NOT_IN_SPEAKER})[\w'\u2019-]+){{1,5}}"
# A person's name as a resolvable antecedent: two or more capitalised words, after a title or not.
_PERSON = re.compile(
    r"(?<![\w.])(?!(?:The|A|An|On|In|At|But|And|For|By|As|After|Before|When|While|This|That|It)\b)"
    r"(?:(?:Mr|Mrs|Ms|Dr|Gen|Col|Sen|Rep|Gov|Prof)\.?\s+)?"
    r"[A-Z][a-z][\w'\u2019-]*(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][\w'\u2019-]+){1,3}"
)


@cache
def _speaker_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    verbs = "|".join(
        sorted((re.escape(v) for v in text_resource("speech_verbs")["verbs"]), key=len, reverse=True)
    )
    titled = rf"(?:(?!{_NOT_IN_SPEAKER})[a-z][\w-]*\s+){{1,3}}{_NAME}"  # "brigade commander Yusuf Hamdi"
    speaker = rf"(?P<speaker>{_NAME}|{titled}|{_PRONOUN}|{_NOUN_PHRASE})"
    # after the quote: ', the minister said' / ', said the minister' / '." Obama said.'
    after_speaker_verb = re.compile(rf"[\s,]*{speaker}\s+(?:{verbs})\b")
    after_verb_speaker = re.compile(rf"[\s,]*(?:{verbs})\s+{speaker}(?=[\s,.;:!?]|$)")
    # before the quote: 'The minister said: ' / 'The minister told reporters, '
    before = re.compile(rf"{speaker}\s+(?:{verbs})(?:\s+[\w'\u2019-]+){{0,3}}?\s*[,:]?\s*$")
    verb_at_end = re.compile(rf"\b(?:{verbs})(?:\s+[\w'\u2019-]+){{0,3}}?\s*[,:]?\s*$")
    return after_speaker_verb, after_verb_speaker, before, verb_at_end


_WORD_START = re.compile(r"(?<![\w'\u2019.-])\w")


def _speaker_before(text: str, quote_start: int, before: re.Pattern[str],
                    verb_at_end: re.Pattern[str]) -> tuple[re.Match[str] | None, int]:
    """'The minister said: "..."': find the verb first (cheap), then try the speaker from each word start."""
    line_start = max(text.rfind("\n", 0, quote_start) + 1, quote_start - 160)
    window = text[line_start:quote_start]
    verb = verb_at_end.search(window, max(0, len(window) - 60))
    if verb is None:
        return None, line_start
    for word in _WORD_START.finditer(window, max(0, verb.start() - 80), verb.start()):
        found = before.match(window, word.start())
        if found:
            return found, line_start
    return None, line_start


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark inside a word ("don't", "Shi'ite") or ending a plural before a lowercase word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return before == "s" and after == " " and text[i + 2 : i + 3].islower()


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPENING_CONTEXT or i == 0) and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outer quotations of the paragraph text[start:end] as (opening mark, end of the quoted words): the end
    is the closing mark, or the paragraph's end for a quotation that runs on (a quote over paragraphs
    repeats its opening mark and closes only at the end)."""
    stack: list[tuple[str, int]] = []  # (family, index of the opening mark)
    spans: list[tuple[int, int]] = []

    def close(family: str, at: int) -> bool:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == family:
                opened = stack[depth][1]
                del stack[depth:]
                if not stack:
                    spans.append((opened, at))
                return True
        return False

    for mark in _MARKS.finditer(text, start, end):
        i, c = mark.start(), mark.group()
        if c == "\u201c":
            stack.append(("double", i))
        elif c == "\u201d":
            close("double", i)
        elif c == '"':
            if not (any(f == "double" for f, _ in stack) and close("double", i)):
                stack.append(("double", i))
        elif _is_apostrophe(text, i):
            continue
        elif c == "\u2018" or (c == "'" and _opens(text, i) and not (stack and stack[-1][0] == "single")):
            if _opens(text, i):
                stack.append(("single", i))
        elif _closes(text, i):
            close("single", i)
    for family, opened in stack[:1]:
        if family == "double":
            spans.append((opened, end))  # an unclosed outer double quotation runs to the paragraph's end
    return sorted(spans)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs: split at blank lines, and at every line break unless the text is hard-wrapped (pasted
    news often puts each paragraph on one line, with no blank line between)."""
    spans, last = [], 0
    for gap in (_PARAGRAPH if "\n" not in text or _hard_wrapped(text) else _LINE_GAP).finditer(text):
        spans.append((last, gap.start()))
        last = gap.end()
    spans.append((last, len(text)))
    return spans


RUN_ON_PARAGRAPHS = 4  # how many paragraphs after its own a quotation may run on with no mark


def _quote_paragraphs(text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Paragraphs for finding quotations, each with its `quotation_spans`: one whose double quotation is
    still open at its end is joined with the paragraphs up to the one whose first double mark closes it, as
    when a quote runs over lines with one opening mark ('"It should ring a bell.' ... 'the same sort of
    nonsense."'). A paragraph whose first double mark opens a quotation ends the run: news repeats the
    opening mark of a quote that runs over paragraphs, and a stray mark stays in its paragraph."""
    paragraphs = _paragraphs(text)
    joined: list[tuple[int, int, list[tuple[int, int]]]] = []
    k = 0
    while k < len(paragraphs):
        start, end = paragraphs[k]
        last = k
        while (spans := quotation_spans(text, start, end)) and spans[-1][1] == end:
            closing = _closing_paragraph(text, paragraphs, last)
            if closing is None:
                break
            last, end = closing, paragraphs[closing][1]
        joined.append((start, end, spans))
        k = last + 1
    return joined


def _closing_paragraph(text: str, paragraphs: list[tuple[int, int]], k: int) -> int | None:
    """The first of the few paragraphs after paragraph k whose first double mark closes a quotation."""
    for j in range(k + 1, min(k + 1 + RUN_ON_PARAGRAPHS, len(paragraphs))):
        for mark in _MARKS.finditer(text, *paragraphs[j]):
            i, c = mark.start(), mark.group()
            if c == "\u201d" or (c == '"' and _closes(text, i) and not _opens(text, i)):
                return j
            if c in ('"', "\u201c"):
                return None
    return None


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Direct quotations with their speakers; the span is the quoted words, without the marks.

    The speaker is named beside the quote (', the minister said', 'said Smith', 'Smith said: "..."'), or,
    for a quote with no attribution of its own, by the quote next to it in the same paragraph
    ('"...," Smith said. "..."') or, for a paragraph that opens with one, by the last attributed quote of
    the paragraph before (news gives a speaker's quotes a paragraph each); "he" or "she" stands for the
    last person named before the quote.
    """
    after_sv, after_vs, before, verb_at_end = _speaker_patterns()
    quotes: list[Quote] = []
    last_spoken: Quote | None = None  # the last quote with a speaker in the paragraph before
    for p_start, p_end, spans in _quote_paragraphs(text):
        paragraph: list[Quote] = []
        for opened, closed in spans:
            inner_start, inner_end = opened + 1, closed
            if inner_end - inner_start < 2:
                continue
            after = closed + 1 if closed < p_end else closed
            found = None
            offset = after
            window_after = text[after : min(after + 120, p_end)]
            for pattern in (after_vs, after_sv):
                found = pattern.match(window_after)
                if found:
                    break
            if found is None:
                found, offset = _speaker_before(text, opened, before, verb_at_end)
            if found:
                speaker, s, e = _speaker_span(found, offset)
                paragraph.append(
                    _resolved(text, Quote(inner_start, inner_end, speaker, s, e), quotes + paragraph)
                )
            elif last_spoken is not None and not paragraph and not text[p_start:opened].strip():
                # '"...," said Moeti.' then a paragraph of '"WHO will work..."': the same speaker
                paragraph.append(replace(last_spoken, start=inner_start, end=inner_end))
            else:
                paragraph.append(Quote(inner_start, inner_end))
        paragraph = _continued(paragraph)
        last_spoken = next((q for q in reversed(paragraph) if q.speaker), None)
        quotes.extend(paragraph)
    return tuple(quotes)


def _continued(paragraph: list[Quote]) -> list[Quote]:
    """A quote with no attribution takes the speaker of the quote before it in its paragraph, else after
    it."""
    out = list(paragraph)
    for i, quote in enumerate(out):
        if quote.speaker is not None:
            continue
        neighbour = next((q for q in reversed(out[:i]) if q.speaker), None) or next(
            (q for q in out[i + 1 :] if q.speaker), None)
        if neighbour is not None:
            out[i] = replace(neighbour, start=quote.start, end=quote.end)
    return out


def _resolved(text: str, quote: Quote, earlier: list[Quote]) -> Quote:
    """'..., he said': the speaker is the last person named before the quote (an earlier quote's named
    speaker, or a name of two or more capitalised words, whichever is closer); unresolved, it stays "he"."""
    if (quote.speaker or "").lower() not in _RESOLVABLE or quote.speaker_start is None:
        return quote
    window_start = max(0, quote.start - 1500)
    organisation = _organisation_words()
    names = [m for m in _PERSON.finditer(text, window_start, quote.start - 1)
             if m.group().rsplit(None, 1)[-1].lower() not in organisation]  # "the Hadar Brigades" is no "he"
    candidates = [
        (q.speaker_start, q.speaker_end, q.speaker)
        for q in earlier
        if q.speaker
        and q.pronoun is None
        and q.speaker.lower() not in _RESOLVABLE
        and q.speaker_start is not None
        and q.speaker_end is not None
        and q.speaker_start >= window_start
        and _PERSON.fullmatch(q.speaker)
    ]
    candidates += [(m.start(), m.end(), m.group()) for m in names]
    if not candidates:
        return quote
    s, e, name = max(candidates, key=lambda c: c[0])
    return Quote(quote.start, quote.end, name, s, e, quote.speaker)


@cache
def _organisation_words() -> frozenset[str]:
    """Words that make a capitalised name an organisation (lexicons/actors/nouns.toml)."""
    import tomllib

    from framing.resources import default_lexicon_dir

    with (default_lexicon_dir() / "actors" / "nouns.toml").open("rb") as handle:
        return frozenset(tomllib.load(handle)["organisation_words"])


def _speaker_span(found: re.Match[str], offset: int) -> tuple[str, int, int]:
    """The speaker's words and span, without a sentence's final period ("said Rami Haddad.")."""
    speaker = found.group("speaker")
    s, e = found.span("speaker")
    last = speaker.rsplit(None, 1)[-1]
    if speaker.endswith(".") and len(last) > 3 and not re.fullmatch(r"(?:[A-Z]\.)+", last):
        speaker, e = speaker[:-1], e - 1
    return speaker, offset + s, offset + e


def prepare(text: str) -> Document:
    """Split a text into a `Document`; the text itself is kept as it is."""
    return Document(text, split_sentences(text), find_quotes(text))


class LineIndex:
    """1-based line and column of offsets in one text, for linter-style locations."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line_col(self, pos: int) -> tuple[int, int]:
        line = bisect_right(self._starts, pos)
        return line, pos - self._starts[line - 1] + 1
