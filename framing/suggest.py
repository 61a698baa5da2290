"""`framing lexicon suggest`: candidate terms for the lexicon, ranked from annotated corpora, for an editor.

Evidence, training data only (so every held-out figure stays held out):
- BABE (SG2) biased words in the training split (`framing.evaluation.tasks.babe_split`);
- MBIC biased words, leaving out sentences that BABE's held-out split also holds (MBIC's sentences are
  almost all in BABE);
- PTC (SemEval-2020 task 11) Loaded_Language and Name_Calling,Labeling spans in the training articles.
Contrast: neutral wire copy, the BABE training sentences from Reuters and USA Today that annotators labelled
non-biased. Each word gets its counts in every source, the Monroe et al. log-odds z-score of annotated
against neutral use, the share of its uses in BABE training's biased sentences that annotators marked, the
same share in PTC's training articles and both together (`training_share`: how often annotators mark the
word when it occurs, the precision an entry for it would have), and short examples; the lexicon entry
that already matches it, if any, is named.

Phrases (`--phrases`): the word sequences of 2 to 5 words that PTC's spans cover exactly, and BABE's and
MBIC's runs of consecutive marked words (they mark words, not phrases), with the same counts (a use is
marked when it lies inside a PTC span, or when annotators marked every word of it), ranked against the same
corpus sizes as words; a phrase needs marked uses in at least two documents (sentences or PTC articles), so
a phrase one article repeats does not rank. Entries matching part of a phrase are named beside it.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from framing.compare.stats import log_odds_z
from framing.errors import InputError
from framing.evaluation.metrics import tokens
from framing.evaluation.tasks import PTC_TECHNIQUES, babe_split, ptc_split
from framing.model import Lexicon

NEUTRAL_OUTLETS = ("Reuters", "USA Today")
EXAMPLE_WIDTH = 60  # characters of context either side: short quotes only
MAX_EXAMPLES = 2
MIN_PHRASE_WORDS, MAX_PHRASE_WORDS = 2, 5
_PHRASE_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass
class Candidate:
    word: str
    counts: Counter[str] = field(default_factory=Counter)  # source -> annotated uses
    neutral: int = 0
    seen_in_biased: int = 0  # uses in BABE training's biased sentences
    marked_in_biased: int = 0  # of which annotators marked
    seen_in_ptc: int = 0  # uses in PTC's training articles (counts["ptc"] of them inside a marked span)
    examples: list[tuple[str, str]] = field(default_factory=list)  # (source, short quote)
    documents: set[str] = field(default_factory=set)  # sentences and PTC articles with a marked use
    z: float = 0.0
    entry: str | None = None  # the entry that matches the whole word or phrase
    inside: tuple[str, ...] = ()  # entries that match part of a phrase

    @property
    def kind(self) -> str:
        return "phrase" if " " in self.word else "word"

    @property
    def annotated(self) -> int:
        return sum(self.counts.values())

    @property
    def marked_share(self) -> float | None:
        return round(self.marked_in_biased / self.seen_in_biased, 3) if self.seen_in_biased else None

    @property
    def ptc_share(self) -> float | None:
        """Share of the word's uses in PTC's training articles that lie inside a marked span."""
        return round(self.counts["ptc"] / self.seen_in_ptc, 3) if self.seen_in_ptc else None

    @property
    def uses(self) -> int:
        """Uses in the two places where unmarked uses are known: BABE training's biased sentences and PTC's
        training articles."""
        return self.seen_in_biased + self.seen_in_ptc

    @property
    def training_share(self) -> float | None:
        """How often annotators mark the word when it occurs: marked uses over all uses, BABE training's
        biased sentences and PTC's training articles together (the training-fold precision of a one-word
        entry)."""
        marked = self.marked_in_biased + self.counts["ptc"]
        return round(marked / self.uses, 3) if self.uses else None


def _quote(text: str, start: int, end: int) -> str:
    left = max(0, start - EXAMPLE_WIDTH)
    right = min(len(text), end + EXAMPLE_WIDTH)
    snippet = " ".join(text[left:right].split())
    return ("\u2026" if left else "") + snippet + ("\u2026" if right < len(text) else "")


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _find(data: Path, *parts: str) -> Path | None:
    path = data.joinpath(*parts)
    return path if path.is_file() else None


@dataclass(frozen=True)
class Training:
    """The training evidence, read once: held-out BABE sentences and PTC articles are already left out."""

    babe_biased: tuple[tuple[str, frozenset[str]], ...] = ()  # (sentence, its marked words)
    neutral: tuple[str, ...] = ()  # BABE training sentences from neutral wire outlets, labelled non-biased
    mbic_biased: tuple[tuple[str, frozenset[str]], ...] = ()  # (sentence, its marked words)
    ptc: tuple[tuple[str, str, tuple[tuple[int, int], ...]], ...] = ()  # (article id, text, marked spans)


def _marked(words: object) -> frozenset[str]:
    return frozenset(str(w).lower().replace("\u2019", "'") for w in words or [])  # type: ignore[attr-defined]


def load_training(data: Path) -> Training:
    """Every training sentence and article found under `data` (the shared data folder, or one dataset's)."""
    babe_path = _find(data, "babe", "babe_sg2_final_labels.jsonl") or _find(
        data, "babe_sg2_final_labels.jsonl"
    )
    mbic_path = _find(data, "mbic", "mbic_final_labels.csv") or _find(data, "mbic_final_labels.csv")
    ptc_path = (_find(data, "semeval2020_task11_ptc", "train.jsonl") or
                (_find(data, "train.jsonl") if "ptc" in data.name else None))
    if not (babe_path or mbic_path or ptc_path):
        raise InputError(
            f"{data}: no BABE, MBIC or PTC files found (give the shared data folder, e.g. ../shared/data)"
        )
    held_out: set[str] = set()
    babe_biased, neutral, mbic_biased, ptc = [], [], [], []
    if babe_path:
        for row in _jsonl(babe_path):
            text = str(row["text"])
            if babe_split(text) == "test":
                held_out.add(text)
            elif row.get("label_bias") == "Biased":
                babe_biased.append((text, _marked(row.get("biased_words"))))
            elif row.get("label_bias") == "Non-biased" and row.get("outlet") in NEUTRAL_OUTLETS:
                neutral.append(text)
    if mbic_path:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        with mbic_path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = str(row["text"])
                if text not in held_out and row.get("label_bias") == "Biased":
                    mbic_biased.append((text, _marked(json.loads(str(row.get("biased_words") or "[]")))))
    if ptc_path:
        for article in _jsonl(ptc_path):
            article_id = str(article.get("article_id", ""))
            if ptc_split(article_id) == "test":
                continue
            spans = tuple(
                (int(span["start"]), int(span["end"]))
                for span in article.get("tc_spans", [])  # type: ignore[attr-defined]
                if span["technique"] in PTC_TECHNIQUES
            )
            ptc.append((article_id, str(article["text"]), spans))
    return Training(tuple(babe_biased), tuple(neutral), tuple(mbic_biased), tuple(ptc))


class _Notes:
    """Candidates by word or phrase, with the first examples of each source."""

    def __init__(self) -> None:
        self.candidates: dict[str, Candidate] = {}

    def get(self, key: str) -> Candidate:
        if key not in self.candidates:
            self.candidates[key] = Candidate(key)
        return self.candidates[key]

    def note(self, key: str, source: str, text: str, start: int, end: int, document: str) -> None:
        candidate = self.get(key)
        candidate.counts[source] += 1
        candidate.documents.add(document)
        if len(candidate.examples) < MAX_EXAMPLES and all(s != source for s, _ in candidate.examples):
            candidate.examples.append((source, _quote(text, start, end)))


def count_words(training: Training) -> dict[str, Candidate]:
    """Single words: marked uses per source, uses in BABE training's biased sentences and PTC's training
    articles, and uses in neutral wire copy."""
    notes = _Notes()
    for text, marked in training.babe_biased:
        for start, end, word in tokens(text):
            candidate = notes.get(word)
            candidate.seen_in_biased += 1
            if word in marked:
                candidate.marked_in_biased += 1
                notes.note(word, "babe", text, start, end, text)
    for text in training.neutral:
        for _, _, word in tokens(text):
            notes.get(word).neutral += 1
    for text, marked in training.mbic_biased:
        for start, end, word in tokens(text):
            if word in marked:
                notes.note(word, "mbic", text, start, end, text)
    for article_id, text, spans in training.ptc:
        for _, _, word in tokens(text):
            notes.get(word).seen_in_ptc += 1
        noted: set[int] = set()  # a word inside two overlapping spans is one marked use
        for start, end in spans:
            for s, e, word in tokens(text[start:end]):
                if start + s not in noted:
                    noted.add(start + s)
                    notes.note(word, "ptc", text, start + s, start + e, f"ptc:{article_id}")
    return notes.candidates


def collect(data: Path) -> dict[str, Candidate]:
    """Word counts and examples from every dataset found under `data`."""
    return count_words(load_training(data))


def marked_runs(text: str, marked: frozenset[str]) -> Iterator[str]:
    """Runs of MIN_PHRASE_WORDS to MAX_PHRASE_WORDS consecutive words that annotators all marked
    (BABE and MBIC mark words, not phrases), as lower-cased word sequences."""
    run: list[str] = []
    for _, _, word in [*tokens(text), (0, 0, "")]:
        if word and word in marked:
            run.append(word)
            continue
        if MIN_PHRASE_WORDS <= len(run) <= MAX_PHRASE_WORDS:
            yield " ".join(run)
        run = []


def span_phrase(text: str, start: int, end: int) -> str | None:
    """A marked span's lower-cased word sequence, when it has MIN_PHRASE_WORDS to MAX_PHRASE_WORDS words."""
    words = [word for _, _, word in tokens(text[start:end])]
    return " ".join(words) if MIN_PHRASE_WORDS <= len(words) <= MAX_PHRASE_WORDS else None


def phrase_uses(text: str, phrases: set[str] | frozenset[str]) -> Iterator[tuple[int, int, str]]:
    """Every occurrence of one of `phrases` as a word sequence of `text` (start, end, phrase); occurrences
    may overlap."""
    words = tokens(text)
    for i in range(len(words)):
        for n in range(MIN_PHRASE_WORDS, min(MAX_PHRASE_WORDS, len(words) - i) + 1):
            phrase = " ".join(word for _, _, word in words[i:i + n])
            if phrase in phrases:
                yield words[i][0], words[i + n - 1][1], phrase


def count_phrases(training: Training) -> dict[str, Candidate]:
    """Phrases of 2 to 5 words: the word sequences of PTC's marked spans and BABE's and MBIC's runs of
    marked words, counted as words are (a use is marked when every word of it is marked, or when it lies
    inside a PTC span), with the documents that hold a marked use."""
    phrases = {p for text, marked in training.babe_biased + training.mbic_biased
               for p in marked_runs(text, marked)}
    phrases |= {p for _, text, spans in training.ptc for start, end in spans
                if (p := span_phrase(text, start, end))}
    notes = _Notes()
    for text, marked in training.babe_biased:
        for start, end, phrase in phrase_uses(text, phrases):
            candidate = notes.get(phrase)
            candidate.seen_in_biased += 1
            if set(phrase.split()) <= marked:
                candidate.marked_in_biased += 1
                notes.note(phrase, "babe", text, start, end, text)
    for text in training.neutral:
        for _, _, phrase in phrase_uses(text, phrases):
            notes.get(phrase).neutral += 1
    for text, marked in training.mbic_biased:
        for start, end, phrase in phrase_uses(text, phrases):
            if set(phrase.split()) <= marked:
                notes.note(phrase, "mbic", text, start, end, text)
    for article_id, text, spans in training.ptc:
        for start, end, phrase in phrase_uses(text, phrases):
            candidate = notes.get(phrase)
            candidate.seen_in_ptc += 1
            if any(s <= start and end <= e for s, e in spans):
                notes.note(phrase, "ptc", text, start, end, f"ptc:{article_id}")
    return notes.candidates


def corpus_totals(words: dict[str, Candidate]) -> tuple[int, int]:
    """(marked word uses, neutral word uses): the sizes the log-odds of words and of phrases are taken
    against."""
    return sum(c.annotated for c in words.values()), sum(c.neutral for c in words.values())


def rankable(term: str) -> bool:
    """A word of letters that is not a stop word, or a phrase of such tokens whose first and last words are
    not stop words ("drain the swamp", not "the swamp")."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = term.split()
    if len(words) == 1:
        return term.isalpha() and term not in ENGLISH_STOP_WORDS
    return (all(_PHRASE_WORD.fullmatch(w) for w in words)
            and words[0] not in ENGLISH_STOP_WORDS and words[-1] not in ENGLISH_STOP_WORDS)


def matching_entries(term: str, lexicon: Lexicon) -> tuple[str | None, tuple[str, ...]]:
    """(the entry that matches the whole term, if any; entries that match a part of it)."""
    matches = lexicon.matcher.find(term)
    whole = next((m.entry.key for m in matches if m.start == 0 and m.end == len(term)), None)
    return whole, tuple(m.entry.key for m in matches if m.entry.key != whole)


def rank(candidates: dict[str, Candidate], lexicon: Lexicon, *, min_count: int = 3, top: int = 50,
         new_only: bool = False, totals: tuple[int, int] | None = None,
         min_documents: int = 1) -> list[Candidate]:
    """Candidates by log-odds z-score of annotated against neutral use (Monroe et al. 2008). `totals` are the
    corpus sizes (`corpus_totals` of the words; by default those of `candidates`); a candidate needs
    `min_count` marked uses in at least `min_documents` documents (sentences, PTC articles)."""
    totals = totals or corpus_totals(candidates)
    if not totals[0] or not totals[1]:
        return []
    out = []
    for c in candidates.values():
        if c.annotated < min_count or len(c.documents) < min_documents or not rankable(c.word):
            continue
        c.z = round(log_odds_z(c.annotated, c.neutral, *totals), 2)
        c.entry, c.inside = matching_entries(c.word, lexicon)
        if new_only and c.entry is not None:
            continue
        out.append(c)
    out.sort(key=lambda c: (-c.z, c.word))
    return out[:top]


def suggest(data: Path, lexicon: Lexicon, *, min_count: int = 3, top: int = 50, new_only: bool = False,
            phrases: bool = False, min_documents: int = 2) -> list[Candidate]:
    """Ranked word candidates, or with `phrases` ranked phrase candidates (marked in at least
    `min_documents` sentences or articles), from the training evidence under `data`."""
    training = load_training(data)
    words = count_words(training)
    if not phrases:
        return rank(words, lexicon, min_count=min_count, top=top, new_only=new_only)
    return rank(count_phrases(training), lexicon, min_count=min_count, top=top, new_only=new_only,
                totals=corpus_totals(words), min_documents=min_documents)


def as_rows(ranked: list[Candidate]) -> list[dict[str, object]]:
    return [
        {
            "word": c.word,
            "kind": c.kind,
            "z": c.z,
            "annotated": c.annotated,
            "babe": c.counts["babe"],
            "mbic": c.counts["mbic"],
            "ptc": c.counts["ptc"],
            "neutral": c.neutral,
            "babe_marked_share": c.marked_share,
            "ptc_uses": c.seen_in_ptc,
            "ptc_marked_share": c.ptc_share,
            "training_share": c.training_share,
            "documents": len(c.documents),
            "entry": c.entry,
            "inside": list(c.inside),
            "examples": [{"source": s, "quote": q} for s, q in c.examples],
        }
        for c in ranked
    ]
