"""The public entry point: text in, `Analysis` out. Pure apart from one convenience: a `pathlib.Path` is
read as a file (through `framing.inputs`, with the CLI's checks); no printing."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from framing.detect import explain
from framing.lexicon import load_lexicon
from framing.model import Analysis, Lexicon, SentenceScore
from framing.summarize import summarize
from framing.text import count_words, prepare

if TYPE_CHECKING:
    from framing.actors import ActorData
    from framing.engine import Engine
    from framing.model import ActorFrame
    from framing.learn.sentence_model import SentenceModel

EXPLAINED_FEATURES = 5




_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def analyze(
    text: str | Path,
    *,
    source: str | None = None,
    lexicon: Lexicon | None = None,
    actor_data: ActorData | None = None,
    actors: bool = True,
    min_strength: int = 1,
    categories: Collection[str] | None = None,
    ignore: Collection[str] = (),
    notes: tuple[str, ...] = (),
    sentence_model: SentenceModel | None = None,
    learned_sentiment: bool = True,
    engine: str | Engine | None = None,
) -> Analysis:
    """Analyse one document: loaded language, and (unless `actors=False`) how each actor is framed.

    `text` is the document's text; a `pathlib.Path` is read as a file (UTF-8, UTF-16/32 with a byte-order
    mark, or Windows-1252; a saved HTML page as its visible text) and raises `framing.InputError` when it
    cannot be read. A `str` is always text, never a file name: pass `Path("article.txt")` to read a file.
    `source` names the document in reports (default: the path, or "<text>"). Lone surrogates (from JSON
    escapes) are replaced by U+FFFD, one for one, so offsets still index the text given.

    `learned_sentiment=False` uses TextBlob's clause polarity for the actors' sentiment component instead
    of the shipped actor-sentiment model (faster, weaker: docs/EVALUATION.md). `engine` is "spacy",
    "fast", an engine object, or None for spaCy where it is installed and the fast engine otherwise
    (docs/engines.md); without actors no whole-document parse runs: the engine (fast by default) parses only
    the sentences whose matches need a parse for checked conditions and names (docs/lexicon-growth.md).
    `ignore` leaves entries out everywhere; `min_strength` and `categories` shape the findings listed, while
    actor framing still sees every finding, so filtering a report does not change the scores.

    >>> a = analyze("The regime said the militants retreated.", actors=False)
    >>> [f.text for f in a.findings]
    ['regime', 'militants']
    """
    if isinstance(text, Path):
        from framing.errors import InputError
        from framing.inputs import DEFAULT_MAX_MB, read_file

        item = read_file(text, max_bytes=int(DEFAULT_MAX_MB * 1_000_000))
        if isinstance(item, InputError):
            raise item
        text, notes, source = item.text, (*notes, *item.notes), item.name if source is None else source
    elif not isinstance(text, str):
        raise TypeError(
            f"analyze() takes the text as a str, or a pathlib.Path to read; got {type(text).__name__}"
        )
    source = "<text>" if source is None else source
    if _LONE_SURROGATE.search(text):  # from a JSON escape such as "\udcff": not text any parser can encode
        text = _LONE_SURROGATE.sub("\ufffd", text)  # one for one, so offsets are unchanged
    lexicon = lexicon or load_lexicon()
    from framing.engine import get_engine

    parser = None
    if actors:
        parser = engine if engine is not None and not isinstance(engine, str) else get_engine(engine)
    document = parser.parse(text) if parser is not None else prepare(text)
    # Checked conditions and the names rule read the parse; without actors no whole-document parse runs, and
    # the engine asked for (the fast one by default) parses just the sentences whose matches need it.
    if parser is None:
        parser = (
            engine if engine is not None and not isinstance(engine, str) else get_engine(engine or "fast")
        )
    detection = explain(document, lexicon, ignore=ignore, engine=parser)
    everything = detection.findings
    findings = tuple(
        f for f in everything
        if f.entry.strength >= min_strength and (categories is None or f.entry.category in categories)
    )
    frames: tuple[ActorFrame, ...] = ()
    if actors:
        from framing.actors import frame_actors, load_actor_data

        frames = frame_actors(document, everything, lexicon, actor_data or load_actor_data(),
                              learned_sentiment=learned_sentiment)
    scores: tuple[SentenceScore, ...] = ()
    if sentence_model is not None and document.sentences:
        texts = [text[s:e] for s, e in document.sentences]
        scores = tuple(
            SentenceScore(
                i, round(p, 3), sentence_model.explain(texts[i], top=EXPLAINED_FEATURES) if p >= 0.5 else ()
            )
            for i, p in enumerate(sentence_model.predict_proba(texts))
        )
    return Analysis(
        source=source,
        text=text,
        sentences=document.sentences,
        quotes=document.quotes,
        findings=findings,
        summary=summarize(findings, count_words(text), lexicon),
        notes=notes,
        actors=frames,
        sentence_scores=scores,
        engine=document.engine,
        engine_model=document.model,
        suppressed=detection.suppressed,
    )
