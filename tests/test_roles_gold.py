"""The roles gold file (tests/gold/roles.toml): its schema, the scorer's logic, and accuracy floors per
engine.

The floors are the accuracy measured with `python scripts/measure_roles.py --engine both`, rounded down to
0.05, so an engine change that loses judgments fails here; raise them when the engine improves
(docs/roles-gold.md has the numbers).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from framing import analyze
from framing.evaluation.roles import (
    CONSTRUCTIONS,
    ROLES,
    GoldError,
    Judgment,
    judge,
    parse_gold,
    score,
    validate,
)
from framing.model import ActorFrame, Analysis, Mention, Role, RoleUse, Voice

GOLD = Path(__file__).resolve().parent / "gold" / "roles.toml"
MIN_JUDGMENTS = 320
MIN_PER_CONSTRUCTION = 20
FLOORS = {"spacy": 0.90, "fast": 0.70}  # measured 0.912 and 0.738 (397 judgments)


@pytest.fixture(scope="module")
def cases():  # type: ignore[no-untyped-def]
    return parse_gold(GOLD.read_text(encoding="utf-8"))


def test_gold_schema(cases) -> None:  # type: ignore[no-untyped-def]
    assert validate(cases) == []
    judgments = [(c, j) for c in cases for j in c.judgments]
    assert len(judgments) >= MIN_JUDGMENTS
    per_construction = Counter(c.construction for c, _ in judgments)
    assert {k: v for k, v in per_construction.items() if v < MIN_PER_CONSTRUCTION} == {}
    assert set(per_construction) == set(CONSTRUCTIONS)
    for case, judgment in judgments:
        assert judgment.role in ROLES
        assert judgment.actor in case.text, case.id
        assert judgment.verb in case.text, case.id
    too_long = [c.id for c in cases if not 1 <= len(analyze(c.text, actors=False).sentences) <= 3]
    assert too_long == []  # one to three sentences, as the project's splitter counts them


def test_gold_rejects_broken_cases() -> None:
    broken = (
        '[[case]]\nid = "x"\nconstruction = "active"\ntext = "Police arrested Tom Reed."\n'
        'judgments = [{actor = "Army", role = "agent", verb = "arrested"},'
        ' {actor = "Police", role = "doer", verb = "detained"}]\n'
        '[[case]]\nid = "y"\nconstruction = "sideways"\ntext = "Police left."\nspeed = 3\n'
        'judgments = [{actor = "Police", role = "agent", verb = "left", tense = "past"}]\n'
    )
    with pytest.raises(GoldError) as raised:
        parse_gold(broken)
    message = str(raised.value)
    for part in ("actor 'Army' does not occur", "role 'doer'", "verb 'detained' does not occur",
                 "construction 'sideways'", "unknown keys ['speed']", "unknown ['tense']"):
        assert part in message


TEXT = '"We left," Tom Reed said. Police arrested Ana Cole. Kessel was quiet.'


def _frame(
    name: str, start: int, roles: tuple[RoleUse, ...] = (), voice: tuple[Voice, ...] = ()
) -> ActorFrame:
    end = start + len(name)
    mention = Mention(start, end, name, name, 0, "name")
    return ActorFrame(name, name, "person", (mention,), (), (), (), roles, voice, (), 0.0, 0.0, 0.0, ())


def _use(role: Role, verb: str, *, agentless: bool = False) -> RoleUse:
    start = TEXT.index(verb)
    return RoleUse(role, verb, start, start + len(verb), verb, agentless, agentless, None, None)


@pytest.fixture(scope="module")
def stub() -> Analysis:
    base = analyze(TEXT, actors=False)
    frames = (
        _frame("Tom Reed", TEXT.index("Tom Reed"), voice=(Voice(1, 9, "We left,", True, None, False),)),
        _frame("Police", TEXT.index("Police"), roles=(_use(Role.AGENT, "arrested"),)),
        _frame("Ana Cole", TEXT.index("Ana Cole"), roles=(_use(Role.PATIENT, "arrested", agentless=True),)),
    )
    return dataclasses.replace(base, actors=frames)


@pytest.mark.parametrize(
    ("judgment", "right"),
    [
        (Judgment("Police", "agent", "arrested"), True),
        (Judgment("Police", "patient", "arrested"), False),
        (Judgment("Police", "none", "arrested"), False),
        (Judgment("Ana Cole", "agentless", "arrested"), True),
        (Judgment("Ana Cole", "patient", "arrested"), False),  # agentless is not a patient with a named agent
        (Judgment("Tom Reed", "speaker", "said"), True),
        (Judgment("Tom Reed", "speaker", "said", quote="We left"), True),
        (Judgment("Police", "speaker", "said"), False),
        (Judgment("Reed", "speaker", "said"), True),  # overlapping words find the actor
        (Judgment("Kessel", "none", "was"), True),  # no actor, no role
        (Judgment("Kessel", "agent", "was"), False),
    ],
    ids=lambda v: f"{v.actor}-{v.role}" if isinstance(v, Judgment) else str(v),
)
def test_judge(stub: Analysis, judgment: Judgment, right: bool) -> None:
    assert judge(stub, judgment)[0] is right


def test_speaker_quote_must_be_the_judged_one(stub: Analysis) -> None:
    assert judge(stub, Judgment("Tom Reed", "speaker", "said", quote="Kessel was quiet."))[0] is False


@pytest.mark.parametrize("engine", ["spacy", "fast"])
def test_accuracy_floor(cases, engine: str, lexicon) -> None:  # type: ignore[no-untyped-def]
    result = score(cases, engine, analyze=lambda text: analyze(text, engine=engine, lexicon=lexicon))
    assert result.total == sum(len(c.judgments) for c in cases)
    assert result.correct == result.total - len(result.errors)
    assert result.accuracy >= FLOORS[engine], f"{engine}: {result.accuracy:.3f} < floor {FLOORS[engine]}"
