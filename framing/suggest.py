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
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from framing.errors import InputError
from framing.evaluation.metrics import tokens
from framing.evaluation.tasks import PTC_TECHNIQUES, babe_split, ptc_split
from framing.model import Lexicon

NEUTRAL_OUTLETS = ("Reuters", "USA Today")
EXAMPLE_WIDTH = 60  # characters of context either side: short quotes only
MAX_EXAMPLES = 2
PRIOR_SCALE = 1000.0


@dataclass
class Candidate:
    word: str
    counts: Counter[str] = field(default_factory=Counter)  # source -> annotated uses
    neutral: int = 0
    seen_in_biased: int = 0  # uses in BABE training's biased sentences
    marked_in_biased: int = 0  # of which annotators marked
    seen_in_ptc: int = 0  # uses in PTC's training articles (counts["ptc"] of them inside a marked span)
    examples: list[tuple[str, str]] = field(default_factory=list)  # (source, short quote)
    z: float = 0.0
    entry: str | None = None

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


def collect(data: Path) -> dict[str, Candidate]:
    """Counts and examples from every dataset found under `data` (the shared data folder, or one
    dataset's)."""
    candidates: dict[str, Candidate] = defaultdict(lambda: Candidate(""))

    def note(word: str, source: str, text: str, start: int, end: int) -> None:
        candidate = candidates[word]
        candidate.word = word
        candidate.counts[source] += 1
        if len(candidate.examples) < MAX_EXAMPLES and all(s != source for s, _ in candidate.examples):
            candidate.examples.append((source, _quote(text, start, end)))

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
    if babe_path:
        for row in _jsonl(babe_path):
            text = str(row["text"])
            if babe_split(text) == "test":
                held_out.add(text)
                continue
            if row.get("label_bias") == "Biased":
                marked = {w.lower().replace("\u2019", "'") for w in row.get("biased_words") or []}  # type: ignore[attr-defined]
                for start, end, word in tokens(text):
                    candidates[word].word = word
                    candidates[word].seen_in_biased += 1
                    if word in marked:
                        candidates[word].marked_in_biased += 1
                        note(word, "babe", text, start, end)
            elif row.get("label_bias") == "Non-biased" and row.get("outlet") in NEUTRAL_OUTLETS:
                for _, _, word in tokens(text):
                    candidates[word].word = word
                    candidates[word].neutral += 1
    if mbic_path:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        with mbic_path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = str(row["text"])
                if text in held_out or row.get("label_bias") != "Biased":
                    continue
                marked = {
                    w.lower().replace("\u2019", "'") for w in json.loads(str(row.get("biased_words") or "[]"))
                }
                for start, end, word in tokens(text):
                    if word in marked:
                        note(word, "mbic", text, start, end)
    if ptc_path:
        for article in _jsonl(ptc_path):
            if ptc_split(str(article.get("article_id", ""))) == "test":
                continue
            text = str(article["text"])
            for _, _, word in tokens(text):
                candidates[word].word = word
                candidates[word].seen_in_ptc += 1
            noted: set[int] = set()  # a word inside two overlapping spans is one marked use
            for span in article.get("tc_spans", []):  # type: ignore[attr-defined]
                if span["technique"] in PTC_TECHNIQUES:
                    start, end = int(span["start"]), int(span["end"])
                    for s, e, word in tokens(text[start:end]):
                        if start + s not in noted:
                            noted.add(start + s)
                            note(word, "ptc", text, start + s, start + e)
    return {w: c for w, c in candidates.items() if c.word}


def rank(candidates: dict[str, Candidate], lexicon: Lexicon, *, min_count: int = 3, top: int = 50,
         new_only: bool = False) -> list[Candidate]:
    """Candidates by log-odds z-score of annotated against neutral use (Monroe et al. 2008)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    n_i = sum(c.annotated for c in candidates.values())
    n_j = sum(c.neutral for c in candidates.values())
    if not n_i or not n_j:
        return []
    out = []
    for c in candidates.values():
        if c.annotated < min_count or c.word in ENGLISH_STOP_WORDS or not c.word.isalpha():
            continue
        c.z = round(log_odds_z(c.annotated, c.neutral, n_i, n_j), 2)
        matches = lexicon.matcher.find(c.word)
        c.entry = (
            matches[0].entry.key if matches and matches[0].end - matches[0].start == len(c.word) else None
        )
        if new_only and c.entry is not None:
            continue
        out.append(c)
    out.sort(key=lambda c: (-c.z, c.word))
    return out[:top]


def log_odds_z(annotated: int, neutral: int, n_annotated: int, n_neutral: int) -> float:
    """Monroe et al.'s (2008) log-odds z-score of a word's annotated uses (of `n_annotated` in all) against
    its neutral uses (of `n_neutral`), with an informative Dirichlet prior of `PRIOR_SCALE` pseudo-counts
    shared in proportion to the word's total; positive when annotators mark it more than neutral copy uses
    it.

    >>> round(log_odds_z(20, 1, 1000, 10000), 1), round(log_odds_z(1, 20, 1000, 10000), 1)
    (6.0, -0.5)
    """
    alpha = PRIOR_SCALE * (annotated + neutral) / (n_annotated + n_neutral)
    delta = (math.log((annotated + alpha) / (n_annotated + PRIOR_SCALE - annotated - alpha))
             - math.log((neutral + alpha) / (n_neutral + PRIOR_SCALE - neutral - alpha)))
    return delta / math.sqrt(1 / (annotated + alpha) + 1 / (neutral + alpha))


def as_rows(ranked: list[Candidate]) -> list[dict[str, object]]:
    return [
        {
            "word": c.word,
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
            "entry": c.entry,
            "examples": [{"source": s, "quote": q} for s, q in c.examples],
        }
        for c in ranked
    ]
