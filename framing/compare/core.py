"""Compares sources: actors aligned across them, tables, distinctive words, and the largest differences
said in plain language, each backed by its numbers.

Pure: profiles in, a frozen `Comparison` out. Comparing A with B gives the same content as B with A
(tables follow the order given; difference sentences list sources in name order), and a source compared
with itself shows no differences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from framing.compare.profile import ActorTally, SourceProfile
from framing.compare.stats import bootstrap_ci, log_odds

SCORE_GAP = 0.15  # a difference in actor score smaller than this is not reported in the summary
# How a score gap ranks against the other differences (a naming difference ranks about 1.1): a gap of
# 0.55 ranks with a naming choice. Since the fitted score (issue 10) spreads wider than the old weighted
# mean, a factor of 4 let score gaps crowd every naming and allegation difference out of the summary.
SCORE_GAP_RANK = 2.0
MIN_EVIDENCE = 2  # a score resting on fewer evidence items is shown in the tables, not compared in sentences
DENSITY_RATIO = 1.5  # loaded-language densities this many times apart are reported
MAX_DIFFERENCES = 12
DISTINCTIVE_Z = 1.96


@dataclass(frozen=True, slots=True)
class ActorCell:
    """One actor in one source."""

    documents: int
    mentions: int
    names: tuple[tuple[str, int], ...]
    labels: tuple[tuple[str, str, str, int], ...]  # (words, entry, first alternative, count)
    score: float | None  # mean over the documents with evidence
    evidence: int  # evidence items behind it
    ci: tuple[float, float] | None  # bootstrap 95% interval of that mean (two or more documents)
    components: tuple[tuple[str, float], ...]  # mean contribution per document
    agent: int
    patient: int
    agentless: int
    quoted: int
    reported: int
    via_source: int
    allegations: int
    unattributed: int


@dataclass(frozen=True, slots=True)
class ActorRow:
    key: str
    name: str
    cells: tuple[ActorCell | None, ...]  # one per source, in source order; None where it is absent


@dataclass(frozen=True, slots=True)
class SourceSummary:
    name: str
    documents: int
    words: int
    loaded: int
    loaded_per_1k_words: float
    categories: tuple[tuple[str, int, float], ...]  # (category, count, per 1,000 words)
    sponsorship: tuple[tuple[str, int], ...]
    identity: tuple[tuple[str, int], ...]
    distinctive: tuple[tuple[str, float, int], ...]  # (word, z, count)


@dataclass(frozen=True, slots=True)
class Difference:
    """One plain-language sentence and the numbers behind it."""

    kind: str  # naming | score | voice | allegation | density | agency
    sentence: str
    actor: str | None
    magnitude: float


@dataclass(frozen=True, slots=True)
class Comparison:
    sources: tuple[str, ...]
    summaries: tuple[SourceSummary, ...]
    actors: tuple[ActorRow, ...]
    differences: tuple[Difference, ...]
    failures: tuple[str, ...] = ()


def _per_1k(count: int, words: int) -> float:
    return round(1000 * count / words, 2) if words else 0.0


def _cell(tally: ActorTally) -> ActorCell:
    documents = max(tally.documents, 1)
    score = round(sum(tally.scores) / len(tally.scores), 3) if tally.scores else None
    return ActorCell(
        documents=tally.documents,
        mentions=tally.mentions,
        names=tuple(sorted(tally.names.items(), key=lambda kv: (-kv[1], kv[0]))),
        labels=tuple(
            (w, e, a, n) for (w, e, a), n in sorted(tally.labels.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        score=score,
        evidence=tally.evidence,
        ci=bootstrap_ci(tally.scores),
        components=tuple(
            (name, round(total / documents, 3)) for name, total in sorted(tally.components.items())
        ),
        agent=tally.agent,
        patient=tally.patient,
        agentless=tally.agentless,
        quoted=tally.quoted,
        reported=tally.reported,
        via_source=tally.via_source,
        allegations=tally.allegations,
        unattributed=tally.unattributed,
    )


def _summary(profile: SourceProfile, pooled: Counter[str], top: int, min_z: float) -> SourceSummary:
    rest = pooled - profile.vocabulary
    return SourceSummary(
        name=profile.name,
        documents=profile.documents,
        words=profile.words,
        loaded=profile.loaded,
        loaded_per_1k_words=_per_1k(profile.loaded, profile.words),
        categories=tuple((c, n, _per_1k(n, profile.words)) for c, n in sorted(profile.categories.items())),
        sponsorship=tuple(sorted(profile.sponsorship.items(), key=lambda kv: (-kv[1], kv[0]))),
        identity=tuple(sorted(profile.identity.items(), key=lambda kv: (-kv[1], kv[0]))),
        distinctive=tuple(w for w in log_odds(profile.vocabulary, rest, pooled, top=top) if w[1] > min_z),
    )


def compare(
    profiles: Sequence[SourceProfile],
    *,
    failures: Sequence[str] = (),
    top_words: int = 15,
    min_z: float = DISTINCTIVE_Z,
) -> Comparison:
    """Compare sources; each profile is one source (its name must be unique). Distinctive words are the
    `top_words` with the highest z above `min_z` (0 lists every word the source uses more than the rest)."""
    names = [p.name for p in profiles]
    if len(set(names)) != len(names):
        raise ValueError(f"source names must be unique (got {names})")
    pooled: Counter[str] = Counter()
    for profile in profiles:
        pooled.update(profile.vocabulary)
    summaries = tuple(_summary(p, pooled, top_words, min_z) for p in profiles)
    # a row's name, whatever the order of the sources: the name its sources call it by most, then the
    # shortest, then the first alphabetically (a gazetteer actor's tallies all carry the gazetteer's name)
    shown: dict[str, Counter[str]] = {}
    for profile in profiles:
        for key, tally in profile.actors.items():
            shown.setdefault(key, Counter())[tally.name] += tally.mentions
    keys = {key: min(counts, key=lambda n: (-counts[n], len(n), n)) for key, counts in shown.items()}
    rows = []
    for key, name in keys.items():
        cells = tuple(_cell(p.actors[key]) if key in p.actors else None for p in profiles)
        rows.append(ActorRow(key, name, cells))
    # most present first: in more sources, then more mentions
    rows.sort(
        key=lambda r: (-sum(c is not None for c in r.cells), -sum(c.mentions for c in r.cells if c), r.name)
    )
    comparison_rows = tuple(rows)
    differences = _differences(names, summaries, comparison_rows)
    return Comparison(tuple(names), summaries, comparison_rows, differences, tuple(failures))


# --- plain-language differences --------------------------------------------------------------------


def _list(names: Sequence[str]) -> str:
    names = sorted(names)
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _be(name: str) -> str:
    """'are' for a group named by a plural common noun ("civilians are framed"), else 'is'."""
    from framing.inflect import is_plural

    words = name.split()
    return "are" if name[:1].islower() and is_plural(words[-1] if words else name) else "is"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _differences(
    sources: Sequence[str], summaries: Sequence[SourceSummary], rows: Sequence[ActorRow]
) -> tuple[Difference, ...]:
    found: list[Difference] = []
    for row in rows:
        present = [(s, c) for s, c in zip(sources, row.cells, strict=True) if c is not None]
        if len(present) < 2:
            continue
        found.extend(_naming(row, present))
        found.extend(_scores(row, present))
        found.extend(_voice(row, present))
        found.extend(_allegations(row, present))
        found.extend(_agency(row, present))
    found.extend(_density(summaries))
    found.sort(key=lambda d: (-d.magnitude, d.kind, d.sentence))
    return tuple(found[:MAX_DIFFERENCES])


def _naming(row: ActorRow, present: list[tuple[str, ActorCell]]) -> list[Difference]:
    by_entry: dict[str, dict[str, int]] = {}
    words: dict[str, str] = {}
    alternative: dict[str, str] = {}
    for source, cell in present:
        for text, entry, alt, count in cell.labels:
            by_entry.setdefault(entry, {})
            by_entry[entry][source] = by_entry[entry].get(source, 0) + count
            words.setdefault(entry, text)
            alternative.setdefault(entry, alt)
    out = []
    for entry, uses in sorted(by_entry.items()):
        never = [s for s, _ in present if s not in uses]
        if not never:
            continue
        users = "; ".join(f"{s} {_times(n)}" for s, n in sorted(uses.items()))
        verb = "does" if len(never) == 1 else "do"
        neutral = f' (a neutral alternative: "{alternative[entry]}")' if alternative[entry] else ""
        sentence = (f'{row.name} {_be(row.name)} called "{words[entry]}" by {users}; '
                    f"{_list(never)} never {verb}{neutral}.")
        out.append(Difference("naming", sentence, row.name, 1.0 + sum(uses.values()) / 10))
    return out


def _scores(row: ActorRow, present: list[tuple[str, ActorCell]]) -> list[Difference]:
    scored = [(s, c) for s, c in present if c.score is not None and c.evidence >= MIN_EVIDENCE]
    if len(scored) < 2:
        return []
    low = min(scored, key=lambda sc: (sc[1].score, sc[0]))
    high = max(scored, key=lambda sc: (sc[1].score, sc[0]))
    gap = (high[1].score or 0) - (low[1].score or 0)
    if gap < SCORE_GAP:
        return []
    low_parts, high_parts = dict(low[1].components), dict(high[1].components)
    biggest = max(low_parts, key=lambda k: abs(low_parts.get(k, 0) - high_parts.get(k, 0)), default=None)
    because = ""
    if biggest:
        because = (
            f"; the largest part of the gap is {biggest} ({low_parts.get(biggest, 0):+.2f} in {low[0]}, "
            f"{high_parts.get(biggest, 0):+.2f} in {high[0]})"
        )
    contrast = _score_contrast(low[0], low[1].score or 0.0, high[0], high[1].score or 0.0)
    sentence = f"{row.name} {_be(row.name)}{contrast.removeprefix('is')}{because}."
    return [Difference("score", sentence, row.name, gap * SCORE_GAP_RANK)]


def _score_contrast(low_name: str, low: float, high_name: str, high: float) -> str:
    """'more negatively' only when both scores are negative, 'less positively' when both are positive."""
    if high <= 0:
        return f"is framed more negatively in {low_name} ({low:+.2f}) than in {high_name} ({high:+.2f})"
    if low >= 0:
        return f"is framed less positively in {low_name} ({low:+.2f}) than in {high_name} ({high:+.2f})"
    return f"is framed negatively in {low_name} ({low:+.2f}) and positively in {high_name} ({high:+.2f})"


def _voice(row: ActorRow, present: list[tuple[str, ActorCell]]) -> list[Difference]:
    heard = {s: c.quoted + c.reported for s, c in present if c.quoted + c.reported}
    silent = [s for s, _ in present if s not in heard]
    if not heard or not silent:
        return []
    speakers = "; ".join(f"{s} {_times(n)}" for s, n in sorted(heard.items()))
    verb = "quotes or cites" if len(silent) == 1 else "quote or cite"
    be = _be(row.name)
    sentence = (
        f"{row.name} {be} quoted or cited by {speakers}; {_list(silent)} never {verb} "
        f"{'them' if be == 'are' else 'it'}."
    )
    return [Difference("voice", sentence, row.name, 0.9 + sum(heard.values()) / 10)]


def _allegations(row: ActorRow, present: list[tuple[str, ActorCell]]) -> list[Difference]:
    bare = {s: c.unattributed for s, c in present if c.unattributed}
    others = [s for s, c in present if s not in bare]
    if not bare or not others:
        return []
    reporters = "; ".join(f"{s} {_times(n)}" for s, n in sorted(bare.items()))
    sentence = (
        f"An allegation against {row.name} with no accuser named appears in {reporters}; "
        f"not in {_list(others)}."
    )
    return [Difference("allegation", sentence, row.name, 0.8 + sum(bare.values()) / 10)]


def _agency(row: ActorRow, present: list[tuple[str, ActorCell]]) -> list[Difference]:
    hidden = {s: c.agentless for s, c in present if c.agentless}
    others = [s for s, c in present if s not in hidden and c.patient]
    if not hidden or not others:
        return []
    where = "; ".join(f"{s} {_times(n)}" for s, n in sorted(hidden.items()))
    sentence = (
        f"Things are done to {row.name} with no doer named (agentless passives) in {where}; "
        f"{_list(others)} {'names' if len(others) == 1 else 'name'} who did them."
    )
    return [Difference("agency", sentence, row.name, 0.7 + sum(hidden.values()) / 10)]


def _density(summaries: Sequence[SourceSummary]) -> list[Difference]:
    with_words = [s for s in summaries if s.words]
    if len(with_words) < 2:
        return []
    low = min(with_words, key=lambda s: (s.loaded_per_1k_words, s.name))
    high = max(with_words, key=lambda s: (s.loaded_per_1k_words, s.name))
    if high.loaded_per_1k_words <= DENSITY_RATIO * max(low.loaded_per_1k_words, 0.5):
        return []
    sentence = (
        f"{high.name} uses {high.loaded_per_1k_words:.1f} loaded words per 1,000 words; "
        f"{low.name} uses {low.loaded_per_1k_words:.1f}."
    )
    return [
        Difference(
            "density", sentence, None, 0.5 + high.loaded_per_1k_words / max(low.loaded_per_1k_words, 1) / 10
        )
    ]
