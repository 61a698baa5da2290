#!/usr/bin/env python3
"""Measure actor roles against the hand-written gold file: `python scripts/measure_roles.py [--engine
spacy|fast|both]`.

Prints, per engine, accuracy per construction and per role, then every error (the judgment and what
the engine found). See docs/roles-gold.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.evaluation.roles import parse_gold, render_errors, render_table, score

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "roles.toml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("spacy", "fast", "both"), default="both")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--no-errors", action="store_true", help="print only the tables")
    args = parser.parse_args(argv)
    cases = parse_gold(args.gold.read_text(encoding="utf-8"))
    engines = ("spacy", "fast") if args.engine == "both" else (args.engine,)
    results = [score(cases, engine) for engine in engines]
    for result in results:
        print(render_table(result))
        print()
    if not args.no_errors:
        for result in results:
            print(f"errors ({result.engine}, {len(result.errors)}):")
            print(render_errors(result))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
