"""The framing score: a documented weighted mean of evidence values, shrunk toward 0 when evidence is thin.

    score = sum(w_k * v_i) / (sum(w_k) + PRIOR)      over every evidence item i of component k

Each v_i is in [-1, 1] (how those words cast the actor), so the score is too. PRIOR acts as that much
neutral evidence: one label alone moves the score only part of the way, and confidence,
W / (W + PRIOR) with W the total weight, grows with the evidence. A component's contribution is its
share of the numerator over the same denominator, so the contributions add up to the score.

Every constant is here, with its reason; docs/actor-framing.md explains how to read the numbers.
"""

from __future__ import annotations

from framing.model import Component, Connotation, Evidence

# How much one item of each kind of evidence counts. Labels, roles and allegations are the framing
# devices the literature names first (Entman 1993: naming, causal roles, moral evaluation); descriptors,
# clause sentiment and voice are weaker or noisier signals and count half.
WEIGHTS = {
    "labels": 1.0,
    "descriptors": 0.5,
    "roles": 1.0,
    "allegations": 1.0,
    "voice": 0.5,
    "sentiment": 0.5,
}
# Pseudo-evidence at 0: with one strength-3 label alone (v = -1), score = -1 / (1 + 2) = -0.33.
PRIOR = 2.0

# Values of single items.
ALLEGATION_UNATTRIBUTED = -0.7  # accused, and the text names no accuser: the reader cannot weigh it
ALLEGATION_ATTRIBUTED = -0.5  # accused by someone the text names
VOICE_DIRECT = 0.3  # quoted in its own words
VOICE_REPORTED = 0.2  # its statement reported with a neutral verb
VOICE_VIA_SOURCE = 0.1  # cited only through unnamed "sources close to" it
# A verb of carrying out (lexicons/actors/nouns.toml: perpetration_verbs) whose object is an atrocity
# term ("committed crimes against X") counts as harm.
HARM_BY_OBJECT = (-0.7, 0.4)  # (agent, patient)


def label_value(connotation: Connotation, strength: int) -> float:
    """A lexicon entry's pull: its direction times strength / 3 (euphemisms and neutral labels: 0)."""
    sign = {Connotation.NEGATIVE: -1.0, Connotation.POSITIVE: 1.0}.get(connotation, 0.0)
    return round(sign * strength / 3, 3)


def combine(evidence: dict[str, list[Evidence]]) -> tuple[float, float, tuple[Component, ...]]:
    """Score, confidence and components from evidence grouped by component name."""
    total_weight = sum(WEIGHTS[name] * len(items) for name, items in evidence.items())
    denominator = total_weight + PRIOR
    components = []
    score = 0.0
    for name in WEIGHTS:
        items = evidence.get(name, [])
        weighted = sum(WEIGHTS[name] * e.value for e in items)
        contribution = weighted / denominator
        score += contribution
        mean = sum(e.value for e in items) / len(items) if items else 0.0
        components.append(Component(name, WEIGHTS[name], round(mean, 3), round(contribution, 3),
                                    tuple(sorted(items, key=lambda e: (e.start, e.end)))))
    confidence = total_weight / denominator
    return round(score, 3), round(confidence, 3), tuple(components)
