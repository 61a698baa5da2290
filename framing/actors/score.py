"""The framing score: a sum of component contributions, with weights learned from human labels.

Each evidence item i of component k has a value v_i in [-1, 1] (how those words cast the actor). With
n_k the number of component k's items and `prior` pseudo-items at 0, component k's evidence is

    x_k = sum(v_i for i in k) / (n_k + prior)            (|x_k| < 1)

so more evidence of one kind moves x_k further but never past 1 (the fitted model chooses `prior` by
cross-validation; PRIOR is the default), and adding an item to one component
never changes another's (adding negative evidence never raises a score). The actor's stance on the
log-odds scale is the linear predictor of an ordinal (proportional-odds) logistic regression,

    s = sum(w_k * x_k)       P(negative) = sigma(c_1 - s),  P(negative or neutral) = sigma(c_2 - s)

whose weights w_k and cut-points c_1 < c_2 are fitted on human labels (framing/learn/actor_score.py:
NewsMTSC and PerSenT, cross-validated; `framing train actors`). The reported score is tanh(s / 2), the
stance mapped into (-1, 1) (0 without evidence, the sign of s, monotone in every component), and
component k contributes its share of it, w_k * x_k * tanh(s / 2) / s: the contributions add up to the
score, each has the sign of its own evidence's pull, and each points to its evidence. The class
probabilities are reported beside it (calibrated: the fit is an unweighted likelihood;
docs/EVALUATION.md gives the cross-validated Brier score). Confidence, N / (N + prior) with N all
items, says how much evidence there is.

Being quoted or reported is voice: each instance is an item of value 1 (0.5 through unnamed sources), so
the voice component counts only with the weight the data give it. Without a shipped model file the
hand-set WEIGHTS below are used (the project's judgement before the learned model).
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple

from framing.errors import InputError
from framing.model import Component, Connotation, Evidence

COMPONENTS = ("labels", "descriptors", "attributes", "roles", "allegations", "voice", "sentiment")
CLASSES = ("negative", "neutral", "positive")
# Fallback weights (no model file): labels, roles and allegations are the framing devices the literature
# names first (Entman 1993); descriptors and sentiment are weaker or noisier; voice is not a judgement.
WEIGHTS = {
    "labels": 1.0,
    "descriptors": 0.5,
    "attributes": 0.5,
    "roles": 1.0,
    "allegations": 1.0,
    "voice": 0.0,
    "sentiment": 0.5,
}
PRIOR = 2.0  # pseudo-evidence at 0: thin evidence moves the score only part of the way

# Values of single items.
ALLEGATION_UNATTRIBUTED = -0.7  # accused, and the text names no accuser: the reader cannot weigh it
ALLEGATION_ATTRIBUTED = -0.5  # accused by someone the text names
VOICE_DIRECT = 1.0  # quoted in its own words: voice, weighed by the learned weight only
VOICE_REPORTED = 1.0  # its statement reported with a neutral verb
VOICE_VIA_SOURCE = 0.5  # cited only through unnamed "sources close to" it
# A verb of carrying out (lexicons/actors/nouns.toml: perpetration_verbs) whose object is an atrocity
# term ("committed crimes against X") counts as harm.
HARM_BY_OBJECT = (-0.7, 0.4)  # (agent, patient)

FORMAT = "framing-actor-score"
SCHEMA = 1
MODEL_FILE = "actor_score.json"


def label_value(connotation: Connotation, strength: int) -> float:
    """A lexicon entry's pull: its direction times strength / 3 (euphemisms and neutral labels: 0)."""
    sign = {Connotation.NEGATIVE: -1.0, Connotation.POSITIVE: 1.0}.get(connotation, 0.0)
    return round(sign * strength / 3, 3)


def component_features(evidence: dict[str, list[Evidence]], prior: float = PRIOR) -> dict[str, float]:
    """x_k for every component: its evidence values' sum over (its items + prior)."""
    return {
        name: sum(e.value for e in evidence.get(name, ())) / (len(evidence.get(name, ())) + prior)
        for name in COMPONENTS
    }


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


@dataclass(frozen=True)
class ScoreModel:
    """Weights per component and two cut-points of an ordinal logistic regression, with what they were
    fitted on (`metadata`: engine, lexicon digest, data, command, cross-validated and test figures)."""

    weights: dict[str, float]
    cutpoints: tuple[float, float]
    metadata: dict[str, Any] = field(default_factory=dict, hash=False)
    prior: float = PRIOR  # pseudo-items at 0 per component

    def __post_init__(self) -> None:
        if set(self.weights) != set(COMPONENTS):
            raise ValueError(f"weights must name exactly: {', '.join(COMPONENTS)}")
        if not self.cutpoints[0] < self.cutpoints[1]:
            raise ValueError("cut-points must increase")
        if not (math.isfinite(self.prior) and self.prior > 0):
            raise ValueError("the prior must be a positive number")

    @property
    def scale(self) -> float:
        return sum(abs(w) for w in self.weights.values()) or 1.0

    @staticmethod
    def shown(s: float) -> float:
        """The reported score for stance s: tanh(s / 2)."""
        return math.tanh(s / 2)

    def linear(self, x: dict[str, float]) -> float:
        return sum(self.weights[k] * x.get(k, 0.0) for k in COMPONENTS)

    def probabilities(self, s: float) -> tuple[float, float, float]:
        """(negative, neutral, positive) at stance s."""
        low, high = _sigmoid(self.cutpoints[0] - s), _sigmoid(self.cutpoints[1] - s)
        return low, high - low, 1 - high

    def features(self, evidence: dict[str, list[Evidence]]) -> dict[str, float]:
        return component_features(evidence, self.prior)

    def predict(self, x: dict[str, float]) -> str:
        p = self.probabilities(self.linear(x))
        return CLASSES[p.index(max(p))]

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "format": FORMAT,
                    "schema": SCHEMA,
                    "components": list(COMPONENTS),
                    "weights": self.weights,
                    "cutpoints": list(self.cutpoints),
                    "prior": self.prior,
                    "metadata": self.metadata,
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n"
        )

    @classmethod
    def from_json(cls, text: str, source: str = "actor-score model") -> ScoreModel:
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT or raw.get("schema") != SCHEMA:
                raise ValueError(f"expected format '{FORMAT}' schema {SCHEMA}")
            prior = raw.get("prior", PRIOR)
            if isinstance(prior, bool) or not isinstance(prior, int | float):
                raise ValueError("the prior must be a number")
            weights = {k: float(raw["weights"][k]) for k in COMPONENTS}
            low, high = (float(v) for v in raw["cutpoints"])
            if not all(math.isfinite(v) for v in (*weights.values(), low, high)):
                raise ValueError("weights and cut-points must be finite numbers")
            return cls(weights, (low, high), dict(raw.get("metadata") or {}), float(prior))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InputError(
                f"{source}: not a valid actor-score model: {str(error).splitlines()[0]}"
            ) from None

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")


FALLBACK = ScoreModel(dict(WEIGHTS), (-0.1, 0.1), {"note": "hand-set weights: no fitted model shipped"})


@cache
def default_model() -> ScoreModel:
    """The fitted model shipped in framing/models/actor_score.json (else FALLBACK); warns when it was
    fitted with a lexicon other than the one installed."""
    return load_shipped(MODEL_FILE, ScoreModel.from_json) or FALLBACK


def load_shipped(name: str, parse: Callable[[str, str], Any]) -> Any:
    """A model file shipped in framing/models (None when absent), parsed by `parse(text, source)`, with
    its lexicon digest checked."""
    resource = files("framing") / "models" / name
    if not resource.is_file():
        return None
    model = parse(resource.read_text(encoding="utf-8"), f"framing/models/{name}")
    check_digest(model.metadata, f"framing/models/{name}")
    return model


class StaleModelWarning(UserWarning):
    """A shipped or given model was trained with another lexicon than the one installed."""


def check_digest(metadata: dict[str, Any], source: str) -> bool:
    """Warn (and return False) when a model records a lexicon digest that differs from the current one."""
    from framing.resources import lexicon_digest

    recorded = metadata.get("lexicon_digest")
    if recorded is not None and recorded != lexicon_digest():
        warnings.warn(
            f"{source} was trained with another lexicon (digest {str(recorded)[:12]}, now "
            f"{lexicon_digest()[:12]}); its weights may be stale: retrain with 'framing train actors'",
            StaleModelWarning,
            stacklevel=3,
        )
        return False
    return True


class Score(NamedTuple):
    score: float
    confidence: float
    components: tuple[Component, ...]
    probabilities: tuple[float, float, float]


def combine(evidence: dict[str, list[Evidence]], model: ScoreModel | None = None) -> Score:
    """Score, confidence, components and class probabilities from evidence grouped by component."""
    model = model or default_model()
    x = model.features(evidence)
    n = sum(len(evidence.get(name, ())) for name in COMPONENTS)
    s = model.linear(x)
    share = model.shown(s) / s if abs(s) > 1e-12 else 0.5  # d tanh(s/2) / ds at 0
    components = []
    for name in COMPONENTS:
        items = evidence.get(name, [])
        mean = sum(e.value for e in items) / len(items) if items else 0.0
        components.append(
            Component(
                name,
                round(model.weights[name] / model.scale, 3),
                round(mean, 3),
                round(model.weights[name] * x[name] * share, 3),
                tuple(sorted(items, key=lambda e: (e.start, e.end))),
            )
        )
    probabilities = tuple(round(p, 3) for p in model.probabilities(s))
    return Score(round(model.shown(s), 3), round(n / (n + model.prior), 3), tuple(components), probabilities)  # type: ignore[arg-type]
