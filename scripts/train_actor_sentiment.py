"""Retrain the shipped actor models: the same as `framing train actors --data ../shared/data`.

Kept for the commands in older notes; see framing/learn/actor_score.py for what is fitted on which data
(test splits are read once, after fitting, and only recorded).

Usage: python scripts/train_actor_sentiment.py [--data ../shared/data] [--seed 42] [--engine fast]
"""

from __future__ import annotations

import sys
from pathlib import Path

from framing.cli import app

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--data" not in arguments:
        arguments = ["--data", str(ROOT.parent / "shared" / "data"), *arguments]
    app(["train", "actors", *arguments])
