"""Measuring the toolkit against human annotations: `framing eval DATASET --data DIR`."""

from framing.evaluation.tasks import DATASETS, Result, evaluate

__all__ = ["DATASETS", "Result", "evaluate"]
