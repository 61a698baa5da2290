"""Comparative framing: the same actors across articles or outlets, side by side."""

from framing.compare.core import ActorCell, ActorRow, Comparison, Difference, SourceSummary, compare
from framing.compare.profile import ActorTally, SourceProfile

__all__ = [
    "ActorCell",
    "ActorRow",
    "ActorTally",
    "Comparison",
    "Difference",
    "SourceProfile",
    "SourceSummary",
    "compare",
]
