"""Findings: what matters in the metrics the deck shows, ranked, each with its numbers and evidence.

Between the metrics and the story. Deterministic and pure Python over ``Facts`` (the metric engine and its
periods); the story turns the strongest findings into the executive summary and into slide titles.
"""

from .model import Evidence, Finding
from .run import find_all

__all__ = ["Evidence", "Finding", "find_all"]
