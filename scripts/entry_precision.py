"""Per-entry precision on the training folds only: how often annotators mark what an entry finds.

    python scripts/entry_precision.py --data ../shared/data [--min 3] [--entries KEY,KEY]

For every lexicon entry that counts in the word and span evaluations (kinds loaded, marker, graded):
- BABE training split, sentences labelled biased: the entry's findings, the word tokens inside them, and
  how many of those tokens annotators marked (the word-level evaluation's precision, per entry);
- PTC training articles outside `ptc_split`'s held-out fifth: the entry's loaded or graded findings and
  how many overlap a Loaded_Language or Name_Calling span (the span evaluation's precision, per entry).
Neither held-out split is read (`babe_split`, `ptc_split`), so the figures can justify lexicon choices.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from framing.detect import find_terms
from framing.engine import get_engine
from framing.evaluation.metrics import tokens
from framing.evaluation.tasks import PTC_TECHNIQUES, SPAN_KINDS, WORD_KINDS, babe_split, ptc_split
from framing.lexicon import load_lexicon


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--min", type=int, default=3, help="list entries with at least this many findings")
    parser.add_argument("--entries", default="", help="comma-separated entry keys to show (default: all)")
    args = parser.parse_args()
    lexicon = load_lexicon()
    engine = get_engine("fast")  # as `framing eval` parses, so the figures are the evaluation's
    babe_found: Counter[str] = Counter()
    babe_tokens: Counter[str] = Counter()
    babe_marked: Counter[str] = Counter()
    with (args.data / "babe" / "babe_sg2_final_labels.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = str(row["text"])
            if babe_split(text) == "test" or row.get("label_bias") != "Biased":
                continue
            gold = {w.lower().replace("\u2019", "'").strip() for w in row.get("biased_words") or []}
            words = tokens(text)
            for finding in find_terms(text, lexicon, engine=engine):
                if finding.entry.kind not in WORD_KINDS:
                    continue
                key = finding.entry.key
                babe_found[key] += 1
                for start, end, word in words:
                    if finding.start <= start and end <= finding.end:
                        babe_tokens[key] += 1
                        babe_marked[key] += word in gold
    ptc_found: Counter[str] = Counter()
    ptc_hit: Counter[str] = Counter()
    with (args.data / "semeval2020_task11_ptc" / "train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            if ptc_split(str(article["article_id"])) == "test":
                continue
            text = str(article["text"])
            gold_spans = [
                (int(s["start"]), int(s["end"])) for s in article.get("tc_spans", [])
                if s["technique"] in PTC_TECHNIQUES
            ]
            for finding in find_terms(text, lexicon, engine=engine):
                if finding.entry.kind not in SPAN_KINDS:
                    continue
                ptc_found[finding.entry.key] += 1
                ptc_hit[finding.entry.key] += any(
                    finding.start < e and s < finding.end for s, e in gold_spans
                )
    wanted = {k for k in args.entries.split(",") if k}
    keys = sorted(set(babe_found) | set(ptc_found), key=lambda k: -(babe_found[k] + ptc_found[k]))
    print(f"{'entry':40} BABE-train tokens marked share | PTC-train found hit share")
    for key in keys:
        if wanted and key not in wanted:
            continue
        if not wanted and babe_found[key] + ptc_found[key] < args.min:
            continue
        b = f"{babe_marked[key] / babe_tokens[key]:.2f}" if babe_tokens[key] else "  - "
        p = f"{ptc_hit[key] / ptc_found[key]:.2f}" if ptc_found[key] else "  - "
        print(f"{key:40} {babe_tokens[key]:6} {babe_marked[key]:6} {b:>5} | {ptc_found[key]:6} "
              f"{ptc_hit[key]:4} {p:>5}")


if __name__ == "__main__":
    main()
