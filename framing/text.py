"""The text layer: sentences, words and direct quotations, all as spans into the original text.

Sentence splitting is rule-based (pySBD-style named rules over a project word list,
`lexicons/text/abbreviations.toml`): it needs no downloaded model, keeps offsets, and handles news
abbreviations ("Feb. 19", "U.S.-backed", "Mr.", "Gen."). Quotations are double-quoted passages, straight
or curly; a speaker is found when a speech verb and a name or noun phrase stand next to the quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from framing.engine.model import Document
from framing.model import Quote
from framing.resources import text_resource

# A run of sentence-final punctuation, closing quotes or brackets, then whitespace.
_CANDIDATE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
# A blank line (paragraph break) always ends a sentence; so does a line break after a headline-like line.
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
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


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans, trimmed of surrounding whitespace, covering every non-space character.

    A blank line always ends a sentence; a single line break does too (headlines, captions, lists)
    unless the text is hard-wrapped.
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
            spans.append((start, start + len(stripped)))
        last = cut
    return tuple(spans)


def count_words(text: str) -> int:
    """Word tokens: letters or digits, with inner apostrophes, hyphens and periods (U.S.-backed is one)."""
    return len(_WORD.findall(text))


# --- quotations ---------------------------------------------------------------------------------

_OPEN_CLOSE = re.compile(r"\u201c[^\u201c\u201d]*?(?:\u201d|(?=\n\s*\n)|\Z)|\"[^\"\n]*(?:\n(?!\s*\n)[^\"\n]*)*\"")
_NAME = r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|of|the|al|bin|de|van|von|la|le|du|da))*"
_PRONOUN = r"(?:he|she|they|it|we|I|He|She|They|It|We)"
_NOT_IN_SPEAKER = (
    r"(?:on|in|at|after|before|during|from|to|with|by|as|that|who|which|when|while|and|but|for|of|late|early"
    r"|yesterday|today|tonight|last|this|earlier|later)\b"
)
_NOUN_PHRASE = rf"(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)(?:\s+(?!{_NOT_IN_SPEAKER})[\w'\u2019-]+){{1,5}}"


@cache
def _speaker_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    verbs = "|".join(sorted((re.escape(v) for v in text_resource("speech_verbs")["verbs"]), key=len, reverse=True))
    titled = rf"(?:(?!{_NOT_IN_SPEAKER})[a-z][\w-]*\s+){{1,3}}{_NAME}"  # "brigade commander Yusuf Hamdi"
    speaker = rf"(?P<speaker>{_NAME}|{titled}|{_PRONOUN}|{_NOUN_PHRASE})"
    # after the quote: ', the minister said' / ', said the minister'
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


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Direct quotations with their speakers; the span is the quoted words, without the marks."""
    after_sv, after_vs, before, verb_at_end = _speaker_patterns()
    quotes: list[Quote] = []
    for match in _OPEN_CLOSE.finditer(text):
        inner_start = match.start() + 1
        inner_end = match.end() - 1 if match.group().endswith(("\u201d", '"')) else match.end()
        if inner_end - inner_start < 2:
            continue
        window_after = text[match.end() : match.end() + 120]
        found = None
        offset = match.end()
        for pattern in (after_vs, after_sv):
            found = pattern.match(window_after)
            if found:
                break
        if found is None:
            found, offset = _speaker_before(text, match.start(), before, verb_at_end)
        if found:
            s, e = found.span("speaker")
            quotes.append(Quote(inner_start, inner_end, found.group("speaker"), offset + s, offset + e))
        else:
            quotes.append(Quote(inner_start, inner_end))
    return tuple(quotes)


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
