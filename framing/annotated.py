"""The annotated-word layer: findings for words that news-bias annotators would likely mark.

The curated lexicon finds the loaded words its editors listed; annotators of real news also mark ordinary
words loaded by their sentence ("characteristically bizarre syntax"). The word model
(`framing.learn.word_model`, fitted on BABE's training split) scores every word of a sentence with the
curated findings as context. Where the lexicon is loaded with its layers (`--annotated`,
`load_lexicon(layers=True)`) and has a category with a `[model]` table (lexicons/annotated.toml), a word
scoring at or above the model's threshold that no finding or suppressed match covers becomes a finding of
that category (adjacent words join into one finding), explained by the features that moved it, provided
the word has independent evidence of being evaluative (`framing.learn.word_model.evaluative_evidence`:
BABE's annotators mark it far more often than neutral wire copy uses it), which the explanation names. The
layer only adds: the editors' findings stay as they are. It is off by default (a research layer;
docs/precision.md, fourth round).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from framing.learn.word_model import (
    MODEL_FILE,
    WordContext,
    WordModel,
    may_flag,
    sentence_context,
)
from framing.model import Connotation, Entry, Finding, Kind, Lexicon, ModelLayer
from framing.text import Document

SpanT = TypeVar("SpanT", bound=tuple[Any, ...])
_JOINER = re.compile(r"[\s-]*")  # what may stand between two words of one finding


@cache
def load_model(file: str = MODEL_FILE) -> WordModel | None:
    """The word model in framing/models that `framing train words` writes (None when it has not been
    trained: it is not shipped), its lexicon digest checked."""
    from framing.actors.score import load_shipped

    model: WordModel | None = load_shipped(file, WordModel.from_json)
    return model


def layer_findings(
    document: Document, lexicon: Lexicon, findings: Sequence[Finding], blocked: Sequence[tuple[int, int]]
) -> list[tuple[int, int, Entry, int]]:
    """The lexicon's model layer's findings as (start, end, entry, sentence), beside `findings`; `blocked`
    are spans no layer finding may touch (matches suppressed as names or by their checks)."""
    layer = lexicon.active_layer
    model = load_model(layer.file) if layer is not None else None
    if layer is None or model is None:
        return []
    text = document.text
    curated = _by_sentence(document, [(f.start, f.end, f.entry.category, f.entry.strength) for f in findings])
    taken = _by_sentence(document, [(f.start, f.end) for f in findings] + list(blocked))
    added: list[tuple[int, int, Entry, int]] = []
    for number, (start, end) in enumerate(document.sentences):
        spans, context = sentence_context(text, start, end, curated.get(number, ()))
        near = taken.get(number, [])
        run: list[tuple[int, int, float, int]] = []
        for i, (s, e) in enumerate(spans):
            free = (may_flag(context, i) and not _overlaps(near, s, e)
                    and model.evidence_for(context.words[i]) is not None)
            score = model.score_word(context, i) if free else 0.0
            joins = not run or _JOINER.fullmatch(text[run[-1][1]:s]) is not None
            if run and (score < model.threshold or not joins):
                added.append(_finding(text, run, context, model, layer, lexicon, number))
                run = []
            if score >= model.threshold:
                run.append((s, e, score, i))
        if run:
            added.append(_finding(text, run, context, model, layer, lexicon, number))
    return added


def _by_sentence(document: Document, spans: Sequence[SpanT]) -> dict[int, list[SpanT]]:
    """Spans (start, end, ...) listed under every sentence they reach into."""
    at = document.sentence_index()
    out: dict[int, list[SpanT]] = {}
    for span in spans:
        for number in range(at.nearest(span[0]), at.nearest(max(span[0], span[1] - 1)) + 1):
            out.setdefault(number, []).append(span)
    return out


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _finding(
    text: str, run: Sequence[tuple[int, int, float, int]], context: WordContext, model: WordModel,
    layer: ModelLayer, lexicon: Lexicon, sentence: int,
) -> tuple[int, int, Entry, int]:
    """One layer finding over adjacent high-scoring words (start, end, score, word number), explained by
    its strongest word."""
    from framing.graded import read_lexicon
    from framing.messages import annotated_explanation

    start, end = run[0][0], run[-1][1]
    _, _, score, strongest = max(run, key=lambda item: item[2])
    words = text[start:end].lower()
    grades = [g.polarity for w in re.findall(r"[\w']+", words) if (g := read_lexicon().get(w)) is not None]
    polarity = min(grades, key=lambda p: -abs(p)) if grades else 0.0
    connotation = (
        Connotation.NEGATIVE if polarity < 0
        else Connotation.POSITIVE if polarity > 0
        else Connotation.NEUTRAL
    )
    entry = Entry(
        id=re.sub(r"\s+", "-", words.strip()),
        category=layer.category,
        term=words,
        connotation=connotation,
        strength=1,
        alternatives=(),
        explanation=annotated_explanation(
            score, model.threshold, model.explain(model.features(context, strongest)),
            context.words[strongest], model.evidence_for(context.words[strongest]),
        ),
        sources=(layer.source,),
        kind=Kind.GRADED,
        path=lexicon.by_category[layer.category].path,
        line=1,
    )
    return start, end, entry, sentence
