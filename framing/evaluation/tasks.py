"""The evaluation tasks: each reads a dataset as it is in ../shared/data and returns named metrics.

Predicted words are the spans of findings; which kinds count follows each dataset's definition
(`WORD_KINDS`, `SPAN_KINDS`); identity labels never count. Nothing here is fitted or tuned on a test split:
the actor models are fitted by `framing train actors` (framing/learn/actor_score.py) on training and dev
splits only; here they only predict.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, cast

from framing.errors import InputError
from framing.evaluation.metrics import (
    accuracy,
    bootstrap_interval,
    macro_f1,
    macro_f1_of_counts,
    prf,
    span_overlap,
    word_counts,
)
from framing.model import Kind, Lexicon

DEFINITIONS = {
    "word_precision": "share of predicted word tokens (inside a finding) that annotators marked biased",
    "word_recall": "share of annotated biased word tokens inside a finding",
    "word_f1": "harmonic mean of word precision and recall (micro-averaged over tokens of biased sentences)",
    "sentence_weighted_f1": "F1 per class weighted by class frequency, mean of 5 stratified folds (seed 42)",
    "sentence_macro_f1": "unweighted mean of the two classes' F1, mean of 5 stratified folds (seed 42)",
    "rw_macro_f1": "learned actor-sentiment model, macro-F1 over negative/neutral/positive, NewsMTSC test rw",
    "mt_macro_f1": "learned actor-sentiment model, macro-F1 over negative/neutral/positive, NewsMTSC test mt",
    "rules_rw_macro_f1": "the same for the framing score with TextBlob clause sentiment instead of the model "
    "(test rw)",
    "rules_mt_macro_f1": "the same for the framing score with TextBlob clause sentiment instead of the model "
    "(test mt)",
    "score_rw_macro_f1": "the same for the framing score's class (fitted component weights), test rw",
    "score_mt_macro_f1": "the same for the framing score's class (fitted component weights), test mt",
    "random_test_macro_f1": "framing score's class for TARGET_ENTITY, macro-F1 over the 3 classes, "
    "PerSenT random_test",
    "fixed_test_macro_f1": "the same on PerSenT fixed_test (4 frequent entities, none seen in dev)",
    "random_test_accuracy": "share of random_test documents whose class the framing score gets right",
    "fixed_test_accuracy": "share of fixed_test documents whose class the framing score gets right",
    "entity_coverage": "share of annotated entities (pronouns left out) that match an actor (case, "
    "punctuation, a leading article, possessive 's and number aside)",
    "entity_coverage_exact": "the same when the text must hold the annotators' exact words (the earlier "
    "matching)",
    "sign_accuracy": "matched villains with a negative score and heroes with a positive one, share of both",
    "negative_sign_accuracy": "the same for always answering 'negative' (the share of villains)",
    "victim_negative_share": "share of matched victims whose score is negative (no expected sign)",
    "narrative_accuracy": "share of matched entities whose narrative role is the annotators' ('none' a "
    "miss); rule thresholds chosen without the entity's test fold",
    "narrative_macro_f1": "macro-F1 of the narrative role over villain, hero and victim on the matched "
    "entities (cross-validated as above)",
    "narrative_cast_share": "share of matched entities given a role (not 'none')",
    "actors_macro_f1": "macro-F1 of villain, hero and victim over every actor, one no annotated entity "
    "matches counting as 'none' (what each fold's rule is chosen by)",
    "unannotated_cast_share": "share of actors no annotated entity matches that are given a role",
    "previous_narrative_accuracy": "narrative_accuracy of the previous rule (clear evidence only)",
    "previous_narrative_macro_f1": "narrative_macro_f1 of the previous rule",
    "previous_narrative_cast_share": "narrative_cast_share of the previous rule",
    "previous_actors_macro_f1": "actors_macro_f1 of the previous rule",
    "previous_unannotated_cast_share": "unannotated_cast_share of the previous rule",
    "always_villain_narrative_accuracy": "narrative_accuracy of always answering 'villain'",
    "always_villain_narrative_macro_f1": "narrative_macro_f1 of always answering 'villain'",
    "always_villain_narrative_cast_share": "always 1",
    "always_villain_actors_macro_f1": "actors_macro_f1 of always answering 'villain'",
    "always_villain_unannotated_cast_share": "always 1",
    "span_precision": "share of predicted spans (loaded-kind findings) overlapping a gold Loaded_Language or "
    "Name_Calling span",
    "span_recall": "share of gold Loaded_Language or Name_Calling spans overlapped by a predicted span",
    "span_f1": "harmonic mean of span precision and recall",
}
PTC_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
SENTIMENT_LABELS = ("negative", "neutral", "positive")


@dataclass
class Result:
    dataset: str
    metrics: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)  # confusion matrices
    # 95% bootstrap intervals of the headline metrics (`metrics.bootstrap_interval`)
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)


def _need(path: Path) -> Path:
    if not path.is_file():
        raise InputError(
            f"{path}: not found (give the dataset's folder with --data, e.g. ../shared/data/babe)"
        )
    return path


def _jsonl(path: Path, limit: int | None) -> Iterator[dict[str, object]]:
    with _need(path).open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


# Which findings count as predictions, by what the annotators marked (fixed by definition, not tuned):
# "biased words" (BABE, MBIC) include loaded attribution verbs and hedges; PTC's Loaded_Language and
# Name_Calling exclude them (PTC has separate techniques, such as Doubt, for those).


WORD_KINDS = (Kind.LOADED, Kind.MARKER, Kind.GRADED)
SPAN_KINDS = (Kind.LOADED, Kind.GRADED)
SPLITS = {"babe": ("all", "train", "test"), "ptc": ("all", "train", "test"), "mbic": ("all",)}
HELD_OUT_SHARE = 5  # BABE's held-out split: one sentence in five, by a hash of its text


def hash_bucket(key: str, buckets: int) -> int:
    """A fixed bucket for `key` (md5 of its UTF-8 bytes, modulo `buckets`): the same on every machine and
    in every run, unlike Python's `hash`."""
    import hashlib

    return int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % buckets


def babe_split(text: str) -> str:
    """'test' for the fixed fifth of BABE sentences (or PTC training articles, by id) held out from every
    lexicon choice, else 'train'."""
    return "test" if hash_bucket(text, HELD_OUT_SHARE) == 0 else "train"


def ptc_split(article_id: str) -> str:
    """PTC's dev and test sets carry no technique labels, so a fixed fifth of the training articles (by a
    hash of the article id) is held out instead."""
    return babe_split(f"ptc:{article_id}")


def _predicted_spans(
    text: str, lexicon: Lexicon, kinds: tuple[Kind, ...], engine: object = None
) -> list[tuple[int, int]]:
    from framing.detect import find_terms

    return [(f.start, f.end) for f in find_terms(text, lexicon, engine=engine) if f.entry.kind in kinds]  # type: ignore[arg-type]


def _word_level(
    result: Result, rows: Iterator[tuple[str, list[str]]], lexicon: Lexicon, engine: object = None
) -> None:
    tp = fp = fn = sentences = 0
    for text, words in rows:
        a, b, c = word_counts(text, words, _predicted_spans(text, lexicon, WORD_KINDS, engine))
        tp, fp, fn, sentences = tp + a, fp + b, fn + c, sentences + 1
    precision, recall, f1 = prf(tp, fp, fn)
    result.metrics.update(word_precision=precision, word_recall=recall, word_f1=f1)
    result.counts.update(biased_sentences=sentences, gold_words=tp + fn, predicted_words=tp + fp)


def babe(
    data: Path, lexicon: Lexicon, limit: int | None, split: str = "all", engine: object = None
) -> Result:
    result = Result("babe")
    rows = [
        r
        for r in _jsonl(data / "babe_sg2_final_labels.jsonl", limit)
        if split == "all" or babe_split(str(r["text"])) == split
    ]
    if split != "all":
        result.notes.append(
            f"{split} split only: one sentence in {HELD_OUT_SHARE} by a hash of its text is held out "
            "(framing.evaluation.tasks.babe_split)"
        )
    if split != "test" and (layer := lexicon.active_layer) is not None:
        result.notes.append(
            f"the '{layer.category}' layer's model was fitted on BABE's training split, so the word "
            "figures here are partly in-sample; --split test is the held-out figure"
        )
    _word_level(
        result,
        (
            (str(r["text"]), list(cast("list[str]", r.get("biased_words") or [])))
            for r in rows
            if r.get("label_bias") == "Biased"
        ),
        lexicon,
        engine,
    )
    labelled = [
        (str(r["text"]), 1 if r["label_bias"] == "Biased" else 0)
        for r in rows
        if r.get("label_bias") in ("Biased", "Non-biased")
    ]
    try:
        from framing.learn.sentence_model import cross_validate
    except ImportError:  # pragma: no cover - the model module ships with the toolkit
        result.notes.append("sentence level skipped: framing.learn.sentence_model is not available")
        return result
    scores = cross_validate([t for t, _ in labelled], [y for _, y in labelled])
    result.metrics.update(
        {k: v for k, v in scores.items() if k in ("sentence_weighted_f1", "sentence_macro_f1")}
    )
    result.counts["labelled_sentences"] = len(labelled)
    return result


def mbic(
    data: Path, lexicon: Lexicon, limit: int | None, split: str = "all", engine: object = None
) -> Result:
    result = Result("mbic")
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with _need(data / "mbic_final_labels.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for n, r in enumerate(csv.DictReader(handle)) if limit is None or n < limit]
    _word_level(
        result,
        ((r["text"], json.loads(r["biased_words"] or "[]")) for r in rows if r.get("label_bias") == "Biased"),
        lexicon,
        engine,
    )
    return result


def ptc(data: Path, lexicon: Lexicon, limit: int | None, split: str = "all", engine: object = None) -> Result:
    result = Result("ptc")
    if split != "all":
        result.notes.append(
            f"{split} part of PTC's training articles: one article in {HELD_OUT_SHARE} by a hash of "
            "its id is held out (framing.evaluation.tasks.ptc_split); dev and test have no labels"
        )
    hit_p = n_p = hit_g = n_g = 0
    for article in _jsonl(data / "train.jsonl", limit):
        if split != "all" and ptc_split(str(article["article_id"])) != split:
            continue
        text = str(article["text"])
        gold = [
            (int(s["start"]), int(s["end"]))
            for s in article.get("tc_spans", [])  # type: ignore[attr-defined]
            if s["technique"] in PTC_TECHNIQUES
        ]
        a, b, c, d = span_overlap(gold, _predicted_spans(text, lexicon, SPAN_KINDS, engine))
        hit_p, n_p, hit_g, n_g = hit_p + a, n_p + b, hit_g + c, n_g + d
    precision = hit_p / n_p if n_p else 0.0
    recall = hit_g / n_g if n_g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result.metrics.update(span_precision=precision, span_recall=recall, span_f1=f1)
    result.counts.update(gold_spans=n_g, predicted_spans=n_p)
    return result


class Target(NamedTuple):
    """One NewsMTSC target: its sentence, its span, the dataset's coreference mentions, and its label."""

    text: str
    start: int
    end: int
    more: tuple[tuple[int, int], ...]
    gold: str
    sentence: int  # the sentence's position in its file, so targets of one sentence can be grouped


def newsmtsc_targets(path: Path, limit: int | None = None) -> Iterator[Target]:
    """Targets of a NewsMTSC file as it is in ../shared/data (shared with
    scripts/train_actor_sentiment.py)."""
    for number, record in enumerate(_jsonl(path, limit)):
        text = str(record["sentence_normalized"])
        for target in record["targets"]:  # type: ignore[attr-defined]
            more = tuple((int(m["from"]), int(m["to"])) for m in target.get("further_mentions", []))
            yield Target(
                text,
                int(target["from"]),
                int(target["to"]),
                more,
                POLARITY[float(target["polarity"])],
                number,
            )


def newsmtsc(data: Path, lexicon: Lexicon, limit: int | None, engine: str | None = None) -> Result:
    """The mention-sentiment model alone (`rw_macro_f1`), the framing score's class (`score_*`: component
    weights fitted on train/dev, docs/EVALUATION.md) and the same score with TextBlob sentiment (`rules_*`),
    on the paper's test splits; nothing here is fitted or chosen."""
    from framing.actors import load_actor_data
    from framing.actors.score import default_model as score_model
    from framing.learn.actor_score import newsmtsc_examples, predict, target_frame, target_words
    from framing.learn.actor_sentiment import default_model

    result = Result("newsmtsc")
    actor_data = load_actor_data()
    model = default_model()
    scorer = score_model()
    for split in ("rw", "mt"):
        rows = newsmtsc_examples(
            data / "paper_splits" / f"newsmtsc-{split}" / "test.jsonl", "newsmtsc", limit
        )
        gold = [r.gold for r in rows]
        parsed: dict[str, Any] = {}  # both readings of a sentence use one parse
        for name, learned in (("rules", False), ("score", True)):
            frames = [
                target_frame(r, lexicon, actor_data, engine=engine, learned=learned, parsed=parsed)
                for r in rows
            ]
            predicted = [predict(frame, scorer) for frame in frames]
            _sentiment_metric(result, f"{name}_{split}_macro_f1", gold, predicted, [r.group for r in rows])
        if model is not None:
            features = [target_words(r, lexicon, actor_data, engine=engine, parsed=parsed) for r in rows]
            learned_classes = [model.predict(f)[0] for f in features]
            _sentiment_metric(result, f"{split}_macro_f1", gold, learned_classes, [r.group for r in rows])
        result.counts[f"{split}_targets"] = len(rows)
    if model is None:
        result.notes.append("no learned actor-sentiment model shipped; rw/mt report the rules only")
        result.metrics["rw_macro_f1"] = result.metrics["rules_rw_macro_f1"]
        result.metrics["mt_macro_f1"] = result.metrics["rules_mt_macro_f1"]
    result.notes.append(f"engine: {engine or 'fast'}")
    return result


def _sentiment_metric(
    result: Result,
    name: str,
    gold: list[str],
    predicted: list[str],
    groups: list[str] | None = None,
    statistic: str = "macro_f1",
) -> None:
    """One macro-F1 (or accuracy) over the three sentiment classes, with its bootstrap interval
    (resampling `groups` whole: the targets of one sentence)."""
    interval = bootstrap_interval(gold, predicted, SENTIMENT_LABELS, statistic=statistic, groups=groups)
    result.metrics[name] = (
        accuracy(gold, predicted) if statistic == "accuracy" else macro_f1(gold, predicted, SENTIMENT_LABELS)
    )
    result.intervals[name] = interval


def persent(data: Path, lexicon: Lexicon, limit: int | None, engine: str | None = None) -> Result:
    """PerSenT (Bastan et al. 2020): the author's sentiment toward TARGET_ENTITY in a whole article.

    The framing score's class (its weights were fitted with PerSenT dev among the training data, so the dev
    figure is the cross-validated one recorded in the model file) against two baselines fitted on dev in
    this run: the majority class, and TF-IDF word 1-2-grams with the entity masked + logistic regression
    (C = 1, balanced classes). random_test and fixed_test are only predicted, never fitted on."""
    from collections import Counter

    from framing.actors import load_actor_data
    from framing.actors.score import default_model as score_model
    from framing.learn.actor_score import class_report, persent_examples, predict, target_frame

    result = Result("persent")
    actor_data = load_actor_data()
    scorer = score_model()
    dev = persent_examples(data / "dev.csv", limit)
    if not dev:
        raise InputError(f"{data / 'dev.csv'}: no labelled documents")
    majority = Counter(r.gold for r in dev).most_common(1)[0][0]
    tfidf = _tfidf_baseline([_masked(r) for r in dev], [r.gold for r in dev])
    for split in ("random_test", "fixed_test"):
        rows = persent_examples(data / f"{split}.csv", limit)
        gold = [r.gold for r in rows]
        framed = [predict(target_frame(r, lexicon, actor_data, engine=engine), scorer) for r in rows]
        for name, predicted in (
            ("", framed),
            ("majority_", [majority] * len(rows)),
            ("tfidf_", list(tfidf([_masked(r) for r in rows]))),
        ):
            _sentiment_metric(result, f"{name}{split}_macro_f1", gold, predicted)
            _sentiment_metric(result, f"{name}{split}_accuracy", gold, predicted, statistic="accuracy")
            if not name:
                report = class_report(gold, predicted)
                for label, value in report["per_class_f1"].items():
                    result.metrics[f"{split}_f1_{label}"] = value
                result.tables[f"{split}_confusion"] = {
                    "rows_gold_columns_predicted": list(SENTIMENT_LABELS),
                    "matrix": report["confusion"],
                }
        result.counts[f"{split}_documents"] = len(rows)
        result.counts[f"{split}_target_found"] = sum(1 for r in rows if r.spans)
    result.counts["dev_documents"] = len(dev)
    cv = scorer.metadata.get("cv", {})
    if "persent_cv_macro_f1" in cv:
        result.metrics["dev_cv_macro_f1"] = float(cv["persent_cv_macro_f1"])
    result.notes.append(f"engine: {engine or 'fast'}; majority class on dev: {majority}")
    return result


NARRATIVE_ROLES = ("villain", "hero", "victim")
PRONOUNS = frozenset(
    ("he", "she", "it", "they", "we", "you", "i", "them", "him", "her", "us", "this", "that")
)
_ARTICLES = ("the ", "a ", "an ")


class _Cast(NamedTuple):
    """One actor as the narrative task reads it: the annotators' role ("none" when no annotated entity
    matches it), its article's test fold, and what the rule reads."""

    gold: str
    article: str
    fold: int
    annotated: bool
    summary: Any  # framing.actors.roles.NarrativeSummary (its score is the actor's)


def narrative(data: Path, lexicon: Lexicon, limit: int | None, engine: str | None = None) -> Result:
    """Frermann et al. (2023): the entities annotators say a climate-change article casts as villain, hero
    or victim, against each matching actor's narrative role and the sign of its score.

    An annotated entity (its words as the annotators wrote them; pronouns skipped) matches the actor with
    the most mentions overlapping the places the text uses those words (`entity_places`: case, punctuation,
    a leading article, a possessive 's and a plural s aside; `entity_coverage_exact` is the share found by
    the exact words). A villain's score should be negative and a hero's positive (`sign_accuracy`, against
    always answering "negative"). The narrative rule's thresholds (framing/actors/roles.py) are chosen on
    the articles outside each of the paper's five test folds (`paper_5fold_splits.csv`), by the macro-F1
    of villain, hero and victim over every actor of those articles (an actor no annotated entity matches
    counts as "none"), and read on the test fold: the figures are cross-validated over the whole corpus.
    The always-villain answer and the previous rule (clear evidence only) are measured in the same run."""
    from framing.actors import load_actor_data
    from framing.actors.roles import CANDIDATES, SHIPPED, cast, summarise
    from framing.analysis import analyze
    from framing.engine import get_engine

    texts, annotations, folds = _narrative_data(data)
    parser, actor_data = get_engine(engine), load_actor_data()
    result = Result("narrative")
    casts: list[_Cast] = []
    entities = exact = heads = 0
    for n, article in enumerate(sorted(annotations, key=lambda k: (len(k), k))):
        if limit is not None and n >= limit:
            break
        text = texts[article]
        actors = analyze(text, lexicon=lexicon, actor_data=actor_data, engine=parser).actors
        summaries = [summarise(a.roles, a.components, a.score, len(a.mentions)) for a in actors]
        matched: set[int] = set()
        for entity, role in annotations[article]:
            entities += 1
            exact += _best_actor(actors, _exact_places(text, entity)) is not None
            best = _best_actor(actors, entity_places(text, entity))
            if best is None:
                best = head_actor(actors, entity)
                heads += best is not None
            if best is not None:
                matched.add(best)
                casts.append(
                    _Cast(role, article, folds.get(article, 0), True, summaries[best])
                )
        casts += [
            _Cast("none", article, folds.get(article, 0), False, summary)
            for i, summary in enumerate(summaries)
            if i not in matched
        ]
    annotated = [c for c in casts if c.annotated]
    result.counts["entities"] = entities
    result.counts["matched"] = len(annotated)
    result.counts["matched_by_head"] = heads
    for role in NARRATIVE_ROLES:
        result.counts[f"matched_{role}"] = sum(1 for c in annotated if c.gold == role)
    result.counts["unannotated_actors"] = len(casts) - len(annotated)
    result.metrics["entity_coverage"] = len(annotated) / entities if entities else 0.0
    result.metrics["entity_coverage_exact"] = exact / entities if entities else 0.0
    _sign_metrics(result, [(c.gold, c.summary.score) for c in annotated])

    chosen, rules = _choose_by_fold(casts, CANDIDATES, cast)
    readings = {
        "": [cast(c.summary, chosen[c.fold])[0] for c in casts],
        "previous_": [c.summary.clear for c in casts],
        "always_villain_": ["villain"] * len(casts),
    }
    for prefix, predicted in readings.items():
        _role_metrics(result, prefix, casts, predicted)
    result.tables["narrative_confusion"] = _confusion(casts, readings[""])
    result.tables["previous_narrative_confusion"] = _confusion(casts, readings["previous_"])
    result.notes.append(f"engine: {engine or 'fast'}; pronoun entities skipped")
    for fold in sorted(rules):
        result.notes.append(f"fold {fold}: rule chosen without its test articles: {_rule_text(rules[fold])}")
    overall = chosen[-1]
    result.notes.append(
        f"rule chosen on all articles: {_rule_text(overall)}"
        + ("" if overall == SHIPPED else f"; the shipped rule is {_rule_text(SHIPPED)}")
    )
    return result


def _narrative_data(data: Path) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]], dict[str, int]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with _need(data / "articles_metadata.tsv").open(encoding="utf-8", newline="") as handle:
        texts = {row["ID"]: row["text"] for row in csv.DictReader(handle, delimiter="\t")}
    annotations: dict[str, list[tuple[str, str]]] = {}
    with _need(data / "role_and_frame_annoations.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            entity, role = " ".join(row["entity"].split()), row["role"].strip()
            if row["ID"] in texts and role in NARRATIVE_ROLES and entity.lower() not in PRONOUNS:
                annotations.setdefault(row["ID"], []).append((entity, role))
    with _need(data / "paper_5fold_splits.csv").open(encoding="utf-8", newline="") as handle:
        folds = {row["id"]: int(row["fold"]) for row in csv.DictReader(handle) if row["split"] == "test"}
    return texts, annotations, folds


def _exact_places(text: str, entity: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(entity.lower()), text.lower())]


def _words(text: str) -> tuple[str, list[int]]:
    """Lower-case letters and digits with one space for every run of anything else, and each character's
    offset in `text`."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        if char.isalnum():
            chars.append(char.lower())
            offsets.append(i)
        elif chars and chars[-1] != " ":
            chars.append(" ")
            offsets.append(i)
    return "".join(chars), offsets


def _unmarked(entity: str) -> str:
    """Without a byte-order mark, raw or misread as Latin-1 ("ï»¿Ivanka Trump")."""
    return entity.replace("\ufeff", "").replace("ï»¿", "")


def entity_places(text: str, entity: str) -> list[tuple[int, int]]:
    """Where the text uses an annotated entity's words, case and punctuation aside ("Sen. Elizabeth Warren
    D-MA" finds "Sen. Elizabeth Warren (D-MA)"), without a leading article or a possessive 's ("the
    nation's" finds "nation"), and in the other number when its own is not there ("activist" for
    "activists", "protesters" for "protester")."""
    words, offsets = _words(text)
    wanted = _words(_unmarked(entity))[0].strip()
    for article in _ARTICLES:
        if wanted.startswith(article) and len(wanted) > len(article):
            wanted = wanted[len(article) :]
    if wanted.endswith(" s") and len(wanted) > 2:
        wanted = wanted[:-2]
    if not wanted or wanted + " " in _ARTICLES:
        return []
    other = wanted[:-1] if wanted.endswith("s") and len(wanted) > 3 else wanted + "s"
    for form in (wanted, other):
        pattern = re.compile(r"(?<![a-z0-9])" + re.escape(form) + r"(?![a-z0-9])")
        places = [(offsets[m.start()], offsets[m.end() - 1] + 1) for m in pattern.finditer(words)]
        if places:
            return places
    return []


_HEAD_END = re.compile(r" (?:of|who|whom|that|which|near|in|from|at|on|for|with|behind|against|and|or) ")


def head_actor(actors: Sequence[Any], entity: str) -> int | None:
    """The actor whose name ends the entity's head phrase (the words before "of", "who", "near", ...; a
    possessive 's and a leading article aside): "President Donald Trump" is Trump, "Residents of Berkeley"
    the residents, "Congressional Republicans" the Republicans; "Obama-era regulations" and "the science
    behind climate change" are nobody. The longest such name wins, then the first actor named."""
    phrase = " " + _HEAD_END.split(" " + _words(_unmarked(entity))[0].strip() + " ")[0].strip()
    if phrase.endswith(" s"):
        phrase = phrase[:-2]
    best: tuple[int, int] | None = None
    for i, actor in enumerate(actors):
        names = {
            actor.name,
            actor.canonical or actor.name,
            *(m.name for m in actor.mentions if m.kind in ("gazetteer", "name")),
        }
        for name in names:
            words = _words(name)[0].strip()
            for article in _ARTICLES:
                words = words.removeprefix(article)
            if len(words) >= 3 and phrase.endswith(" " + words) and (best is None or len(words) > best[0]):
                best = (len(words), i)
    return best[1] if best is not None else None


def _best_actor(actors: Sequence[Any], places: list[tuple[int, int]]) -> int | None:
    """The actor with the most mentions overlapping the places (the first named on a tie), if any."""
    overlaps = [
        (sum(1 for m in actor.mentions for a, b in places if m.start < b and a < m.end), -i)
        for i, actor in enumerate(actors)
    ]
    best = max(overlaps, default=None)
    return -best[1] if best is not None and best[0] > 0 else None


def _sign_metrics(result: Result, signed_scores: list[tuple[str, float]]) -> None:
    signed = [(gold, score) for gold, score in signed_scores if gold in ("villain", "hero")]
    correct = sum(1 for gold, score in signed if (score < 0) == (gold == "villain") and score != 0)
    result.metrics["sign_accuracy"] = correct / len(signed) if signed else 0.0
    villains = sum(1 for gold, _ in signed if gold == "villain")
    result.metrics["negative_sign_accuracy"] = villains / len(signed) if signed else 0.0
    victims = [score for gold, score in signed_scores if gold == "victim"]
    result.metrics["victim_negative_share"] = (
        sum(1 for score in victims if score < 0) / len(victims) if victims else 0.0
    )


def _choose_by_fold(
    casts: list[_Cast], candidates: Sequence[Any], cast: Callable[..., tuple[str, str]]
) -> tuple[dict[int, Any], dict[int, Any]]:
    """For every test fold, the candidate rule with the best all-actor macro-F1 on the other folds' articles
    (the first candidate on a tie); key -1 is the choice made on every article."""
    from collections import Counter

    per_candidate = []
    for rule in candidates:
        by_fold: dict[int, Counter[tuple[str, str]]] = {}
        for c in casts:
            by_fold.setdefault(c.fold, Counter())[(c.gold, cast(c.summary, rule)[0])] += 1
        per_candidate.append(by_fold)
    chosen: dict[int, Any] = {}
    for fold in [*sorted({c.fold for c in casts}), -1]:
        def training(index: int, fold: int = fold) -> float:
            total: Counter[tuple[str, str]] = Counter()
            for other, counts in per_candidate[index].items():
                if other != fold:
                    total.update(counts)
            return macro_f1_of_counts(total, NARRATIVE_ROLES)

        best = max(range(len(candidates)), key=lambda i: (training(i), -i))
        chosen[fold] = candidates[best]
    return chosen, {fold: rule for fold, rule in chosen.items() if fold != -1}


def _role_metrics(result: Result, prefix: str, casts: list[_Cast], predicted: list[str]) -> None:
    """Role accuracy, macro-F1 and the share given a role on the annotated entities; macro-F1 over every
    actor (unannotated ones as "none") and the share of unannotated actors given a role. The first three
    rates come with 95% bootstrap intervals that resample whole articles."""
    from collections import Counter

    pairs = [(c.gold, p) for c, p in zip(casts, predicted, strict=True) if c.annotated]
    rest = [p for c, p in zip(casts, predicted, strict=True) if not c.annotated]
    articles = [c.article for c in casts if c.annotated]
    gold, guess = [g for g, _ in pairs], [p for _, p in pairs]
    if pairs:
        result.metrics[f"{prefix}narrative_accuracy"] = accuracy(gold, guess)
        result.metrics[f"{prefix}narrative_macro_f1"] = macro_f1_of_counts(Counter(pairs), NARRATIVE_ROLES)
        result.metrics[f"{prefix}narrative_cast_share"] = sum(p != "none" for _, p in pairs) / len(pairs)
        for statistic in ("accuracy", "macro_f1"):
            result.intervals[f"{prefix}narrative_{statistic}"] = bootstrap_interval(
                gold, guess, NARRATIVE_ROLES, statistic=statistic, groups=articles
            )
    result.metrics[f"{prefix}actors_macro_f1"] = macro_f1_of_counts(
        Counter((c.gold, p) for c, p in zip(casts, predicted, strict=True)), NARRATIVE_ROLES
    )
    result.intervals[f"{prefix}actors_macro_f1"] = bootstrap_interval(
        [c.gold for c in casts], predicted, NARRATIVE_ROLES, groups=[c.article for c in casts]
    )
    if rest:
        result.metrics[f"{prefix}unannotated_cast_share"] = sum(p != "none" for p in rest) / len(rest)


def _confusion(casts: list[_Cast], predicted: list[str]) -> dict[str, Any]:
    from collections import Counter

    columns = (*NARRATIVE_ROLES, "none")
    confusion = Counter((c.gold, p) for c, p in zip(casts, predicted, strict=True) if c.annotated)
    return {
        "rows_gold_columns_predicted": list(columns),
        "rows_gold": list(NARRATIVE_ROLES),
        "matrix": [[confusion[(g, p)] for p in columns] for g in NARRATIVE_ROLES],
    }


def _rule_text(rule: Any) -> str:
    return (
        f"min_mentions {rule.min_mentions}, min_uses {rule.min_uses}, patient_share {rule.patient_share}, "
        f"hero_from {rule.hero_from}"
    )


def _masked(example: object) -> str:
    text, spans = example.text, example.spans  # type: ignore[attr-defined]
    for start, end in reversed(spans):
        text = text[:start] + " TGT " + text[end:]
    return text


def _tfidf_baseline(texts: list[str], labels: list[str]) -> Callable[[list[str]], list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    pipeline = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000),
    )
    pipeline.fit(texts, labels)
    return lambda batch: [str(p) for p in pipeline.predict(batch)]


DATASETS: dict[str, Callable[..., Result]] = {
    "babe": babe,
    "mbic": mbic,
    "newsmtsc": newsmtsc,
    "narrative": narrative,
    "persent": persent,
    "ptc": ptc,
}


def evaluate(
    dataset: str,
    data: Path,
    lexicon: Lexicon,
    *,
    limit: int | None = None,
    split: str | None = None,
    engine: str | None = "fast",
) -> Result:
    """Run one evaluation; `split` picks a part of babe (all, train, test) or ptc (train, dev, test), and
    `engine` parses sentences whose matches need it (checked conditions, names)."""
    if dataset not in DATASETS:
        raise InputError(f"unknown dataset '{dataset}'; choose from: {', '.join(DATASETS)}")
    if dataset in SPLITS:
        from framing.engine import get_engine

        chosen = split or SPLITS[dataset][0]
        if chosen not in SPLITS[dataset]:
            raise InputError(
                f"unknown split '{chosen}' for {dataset}; choose from: {', '.join(SPLITS[dataset])}"
            )
        result = DATASETS[dataset](data, lexicon, limit, chosen, get_engine(engine) if engine else None)
    else:  # the actor tasks take the engine's name (their models record the engine they were fitted on)
        result = DATASETS[dataset](data, lexicon, limit, engine)
    result.metrics = {k: round(v, 4) for k, v in result.metrics.items()}
    return result
