"""Scores actor roles against the project's hand-written gold file (`tests/gold/roles.toml`).

Each gold case is one to three news-style sentences with judgments of the form
(actor words, role, verb): "agent", "patient", "agentless" (patient of a passive that names no agent),
"speaker" (quoted or reported by that verb) or "none" (the actor must get no role and no voice with
that verb). The scorer runs `framing.analyze(text, engine=...)` on each case and checks each judgment
against the `ActorFrame`s:

- the judged actor is the frame (or frames, on a tie) whose mention best overlaps the first occurrence
  of the `actor` words in the text (largest overlap over union of the character spans);
- "agent"/"patient" need a `RoleUse` with that role and `verb_text` equal to the judged verb
  (case-insensitive), and for "patient" `agentless` false; "agentless" needs a patient use with
  `agentless` true;
- "speaker" needs a direct `Voice` (a quotation in the case; when the judgment names a `quote`, the
  voice's span must overlap that quote's first occurrence) or a reported `Voice` whose verb is the judged
  verb;
- "none" needs no role use and no reported voice with that verb (an actor the tool did not find passes).

Parsing the gold text (`parse_gold`) and scoring (`score`) are pure; reading the file is the caller's.

>>> cases = parse_gold('[[case]]\\nconstruction = "active"\\ntext = "Police arrested Tom Reed."\\n'
...                    'judgments = [{actor = "Police", role = "agent", verb = "arrested"}]\\n')
>>> cases[0].judgments[0].role
'agent'
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from framing.model import ActorFrame, Analysis, Role

ROLES = ("agent", "patient", "agentless", "speaker", "none")
CONSTRUCTIONS = (
    "active",
    "passive-by-agent",
    "agentless-passive",
    "reduced-relative",
    "coordination",
    "relative-clause",
    "infinitive-subject",
    "participle-subject",
    "negation",
    "speaker",
    "against-phrase",
    "possessive",
    "hard",
)
_CASE_KEYS = frozenset(("id", "construction", "text", "judgments", "note"))
_JUDGMENT_KEYS = frozenset(("actor", "role", "verb", "quote", "note"))


class GoldError(ValueError):
    """The gold file breaks its schema; the message lists every problem."""


@dataclass(frozen=True, slots=True)
class Judgment:
    """A reader's judgment: the actor named by `actor` is `role` of the verb written `verb`."""

    actor: str
    role: str
    verb: str
    quote: str | None = None  # for "speaker": the words of the quotation meant, when the case has several


@dataclass(frozen=True, slots=True)
class GoldCase:
    """One to three sentences and the judgments a careful reader makes about them."""

    id: str
    construction: str
    text: str
    judgments: tuple[Judgment, ...]


@dataclass(frozen=True, slots=True)
class RoleError:
    """A judgment the engine got wrong, with what it found for that actor instead."""

    case: str
    construction: str
    text: str
    judgment: Judgment
    found: str


@dataclass(frozen=True, slots=True)
class ConstructionScore:
    construction: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class RoleScore:
    """Accuracy of one engine on the gold file: overall, per construction and per role, and the errors."""

    engine: str
    correct: int
    total: int
    by_construction: tuple[ConstructionScore, ...]
    by_role: tuple[ConstructionScore, ...]
    errors: tuple[RoleError, ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def _words_at(text: str, words: str) -> tuple[int, int] | None:
    """The first occurrence of `words` in `text` as whole words."""
    match = re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text)
    return (match.start(), match.end()) if match else None


def validate(cases: Sequence[GoldCase]) -> list[str]:
    """Every schema problem in the cases (empty when the file is sound)."""
    problems: list[str] = []
    seen: set[str] = set()
    for case in cases:
        where = f"case {case.id!r}"
        if case.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(case.id)
        if case.construction not in CONSTRUCTIONS:
            problems.append(
                f"{where}: construction {case.construction!r} not one of {', '.join(CONSTRUCTIONS)}"
            )
        if not case.judgments:
            problems.append(f"{where}: no judgments")
        for j in case.judgments:
            if j.role not in ROLES:
                problems.append(f"{where}: role {j.role!r} not one of {', '.join(ROLES)}")
            if _words_at(case.text, j.actor) is None:
                problems.append(f"{where}: actor {j.actor!r} does not occur in the text")
            if _words_at(case.text, j.verb) is None:
                problems.append(f"{where}: verb {j.verb!r} does not occur in the text")
            if j.quote is not None and (j.role != "speaker" or j.quote not in case.text):
                problems.append(f"{where}: quote {j.quote!r} must be a speaker's words in the text")
    return problems


def parse_gold(source: str) -> tuple[GoldCase, ...]:
    """The cases of a gold file's TOML text (`[[case]]` tables).

    Raises:
        GoldError: unknown keys, missing fields, or any problem `validate` finds, all listed at once.
    """
    data = tomllib.loads(source)
    problems: list[str] = []
    cases: list[GoldCase] = []
    for n, raw in enumerate(data.get("case", []), 1):
        case_id = str(raw.get("id", n))
        unknown = set(raw) - _CASE_KEYS
        if unknown:
            problems.append(f"case {case_id!r}: unknown keys {sorted(unknown)}")
        judgments = []
        for item in raw.get("judgments", []):
            unknown = set(item) - _JUDGMENT_KEYS
            missing = {"actor", "role", "verb"} - set(item)
            if unknown or missing:
                problems.append(
                    f"case {case_id!r}: judgment {item}: unknown {sorted(unknown)}, missing {sorted(missing)}"
                )
                continue
            judgments.append(Judgment(item["actor"], item["role"], item["verb"], item.get("quote")))
        cases.append(
            GoldCase(case_id, str(raw.get("construction", "")), str(raw.get("text", "")), tuple(judgments))
        )
    problems += validate(cases)
    if problems:
        raise GoldError("\n".join(problems))
    return tuple(cases)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter > 0 else 0.0


def _frames_for(analysis: Analysis, span: tuple[int, int]) -> list[ActorFrame]:
    """The actor(s) whose mention best overlaps the judged words."""
    scored = [
        (max(_overlap(span, (m.start, m.end)) for m in f.mentions), f) for f in analysis.actors if f.mentions
    ]
    best = max((s for s, _ in scored), default=0.0)
    return [f for s, f in scored if s == best and best > 0]


def _uses(frame: ActorFrame, verb: str) -> list[str]:
    """What the frame does with the verb: 'agent', 'patient', 'agentless', 'speaker' per use."""
    verb = verb.lower()
    found = []
    for use in frame.roles:
        if use.verb_text.lower() == verb:
            if use.role is Role.AGENT:
                found.append("agent")
            else:
                found.append("agentless" if use.agentless else "patient")
    found += ["speaker" for v in frame.voice if not v.direct and (v.verb or "").lower() == verb]
    return found


def judge(analysis: Analysis, judgment: Judgment) -> tuple[bool, str]:
    """Whether the analysis agrees with the judgment, and what it found for the actor with that verb."""
    span = _words_at(analysis.text, judgment.actor)
    frames = _frames_for(analysis, span) if span else []
    if not frames:
        return judgment.role == "none", "actor not found"
    found: list[str] = []
    direct = False
    for frame in frames:
        found += _uses(frame, judgment.verb)
        quote = _words_at(analysis.text, judgment.quote) if judgment.quote else None
        direct = direct or any(
            v.direct and (quote is None or _overlap((v.start, v.end), quote) > 0) for v in frame.voice
        )
    names = "/".join(f.name for f in frames)
    summary = f"{names}: {', '.join(sorted(set(found))) or 'no role'} with {judgment.verb!r}"
    if direct:
        summary += "; quoted"
    if judgment.role == "none":
        return not found, summary
    if judgment.role == "speaker":
        return direct or "speaker" in found, summary
    return judgment.role in found, summary


def score(cases: Iterable[GoldCase], engine: str, *,
          analyze: Callable[[str], Analysis] | None = None) -> RoleScore:
    """Accuracy of `engine` ("spacy" or "fast") on the gold cases.

    `analyze` replaces `framing.analyze(text, engine=engine)` (tests pass a stub or a shared lexicon).
    """
    if analyze is None:
        from framing.analysis import analyze as run
        from framing.lexicon import load_lexicon

        lexicon = load_lexicon()

        def analyze(text: str) -> Analysis:
            return run(text, engine=engine, lexicon=lexicon)

    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    role_right: Counter[str] = Counter()
    role_total: Counter[str] = Counter()
    errors: list[RoleError] = []
    for case in cases:
        analysis = analyze(case.text)
        for judgment in case.judgments:
            ok, found = judge(analysis, judgment)
            total[case.construction] += 1
            role_total[judgment.role] += 1
            if ok:
                right[case.construction] += 1
                role_right[judgment.role] += 1
            else:
                errors.append(RoleError(case.id, case.construction, case.text, judgment, found))
    by_construction = tuple(ConstructionScore(c, right[c], total[c]) for c in CONSTRUCTIONS if total[c])
    by_role = tuple(ConstructionScore(r, role_right[r], role_total[r]) for r in ROLES if role_total[r])
    return RoleScore(
        engine, sum(right.values()), sum(total.values()), by_construction, by_role, tuple(errors)
    )


def render_table(result: RoleScore) -> str:
    """A plain-text table: accuracy per construction and per role, then overall."""
    lines = [f"engine: {result.engine}", f"{'construction':<20} {'correct':>7} {'total':>5} {'accuracy':>8}"]
    for row in (*result.by_construction, None, *result.by_role):
        if row is None:
            lines.append(f"{'role':<20}")
            continue
        lines.append(f"{row.construction:<20} {row.correct:>7} {row.total:>5} {row.accuracy:>8.3f}")
    lines.append(f"{'overall':<20} {result.correct:>7} {result.total:>5} {result.accuracy:>8.3f}")
    return "\n".join(lines)


def render_errors(result: RoleScore) -> str:
    """One line per error: case, construction, the judgment and what the engine found."""
    lines = []
    for e in result.errors:
        j = e.judgment
        lines.append(f"[{e.case}] {e.construction}: want {j.actor!r} {j.role} of {j.verb!r}; found {e.found}")
        lines.append(f"    {e.text}")
    return "\n".join(lines)
