"""Check the project's verb connotations (lexicons/actors/verbs.toml) against two crowd-sourced lexicons.

- Connotation Frames (Rashkin, Singh and Choi, ACL 2016): the writer's perspective toward the agent,
  `writer_perspective(a)`, and toward the theme, `writer_perspective(t)`, each the mean of 15 ratings in
  [-1, 1]; the authors' cut-offs: below -0.25 negative, above 0.25 positive, neutral between.
- Connotation Frames of Power and Agency (Sap et al., EMNLP 2017): whether a verb gives its subject
  positive or negative agency.

Both are read where they are (../shared/data); nothing of them is copied into the project. Their host
repository (riveter-nlp) is GPL-3.0 and the lexicon folders carry no licence of their own, so the project
uses them only as a check at development time, with citation: this script reports agreement and lists
disagreements and frequent news verbs the project lacks; any change to verbs.toml stays the project's own
judgement, written by a person who read the list (see docs/actor-framing.md).

Usage: python scripts/check_verb_connotations.py [--data ../shared/data] [--show 25]
"""

from __future__ import annotations

import argparse
import csv
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CUT = 0.25  # Rashkin et al.'s cut-off between neutral and a polarity


def sign(value: float, cut: float) -> int:
    return -1 if value < -cut else 1 if value > cut else 0


def read_rashkin(path: Path) -> dict[str, tuple[float, float]]:
    """verb -> (writer's perspective on the agent, on the theme)."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {
            r["verb"]: (float(r["writer_perspective(a)"]), float(r["writer_perspective(t)"])) for r in rows
        }


def read_sap(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        return {r["verb"]: r["agency"] for r in csv.DictReader(handle)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--show", type=int, default=25, help="how many disagreements and candidates to list")
    args = parser.parse_args()
    verbs = tomllib.loads((ROOT / "lexicons" / "actors" / "verbs.toml").read_text(encoding="utf-8"))["verb"]
    rashkin = read_rashkin(args.data / "connotation_frames_rashkin2016" / "full_frame_info.txt")
    sap = read_sap(args.data / "agency_power_sap2017" / "agency_power.csv")
    ours = {v["lemma"]: v for v in verbs}
    print(f"project verbs: {len(ours)}; Rashkin et al. verbs: {len(rashkin)}; Sap et al. verbs: {len(sap)}")
    for side, column in (("agent", 0), ("patient", 1)):
        shared = [lemma for lemma in ours if lemma in rashkin]
        pairs = [(sign(ours[lemma][side], 0.0), sign(rashkin[lemma][column], CUT)) for lemma in shared]
        polar = [(a, b) for a, b in pairs if a and b]
        agree = sum(1 for a, b in polar if a == b)
        print(
            f"{side}: {len(shared)} verbs in both; both polar {len(polar)}, same sign {agree} "
            f"({agree / len(polar):.0%})"
            if polar
            else f"{side}: no polar overlap"
        )
        wrong = sorted(
            (
                (lemma, ours[lemma][side], rashkin[lemma][column])
                for lemma in shared
                if sign(ours[lemma][side], 0.0) * sign(rashkin[lemma][column], CUT) < 0
            ),
            key=lambda t: -abs(t[1] - t[2]),
        )
        for lemma, value, theirs in wrong[: args.show]:
            print(f"  disagree {side:7} {lemma:14} project {value:+.2f}  writer perspective {theirs:+.2f}")
    covered = [lemma for lemma in ours if lemma in sap]
    negative_agency = sorted(lemma for lemma in covered if sap[lemma] == "agency_neg")
    print(
        f"Sap et al.: {len(covered)} project verbs rated; negative agency for the subject: "
        f"{', '.join(negative_agency) or 'none'}"
    )
    candidates = sorted(
        (
            (lemma, a, t)
            for lemma, (a, t) in rashkin.items()
            if lemma not in ours and (abs(a) > 0.5 or abs(t) > 0.5)
        ),
        key=lambda x: -max(abs(x[1]), abs(x[2])),
    )
    print(f"strongly polar verbs the project lacks: {len(candidates)}; the first {args.show}:")
    for lemma, a, t in candidates[: args.show]:
        print(f"  {lemma:14} writer on agent {a:+.2f}  on theme {t:+.2f}")


if __name__ == "__main__":
    main()
