"""Metric references as written in outlines: ``gmv``, ``gmv.yoy``, ``gmv.vs(gmv_target)``, ``-cogs``."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a conclusion template may ask of a metric ({{ gmv.yoy }}), and of a change ({{ gmv.yoy.phrase }}).
METRIC_ATTRIBUTES = frozenset({"previous", "prior", "yoy", "mom", "change", "vs", "label", "daily", "baseline",
                               "uplift", "ytd", "lfl", "month", "where"})
# Selectors narrow a metric to one month of the reporting year (gmv.month(6)) or one segment
# (gmv.where(platform='天猫')); what may follow them, a segment also having its share of the whole metric.
SELECTORS = frozenset({"month", "where"})
SELECTED_ATTRIBUTES = frozenset({"previous", "prior", "yoy", "mom", "change", "vs", "label"})
# After .lfl (like for like: both periods without the days either lacks): the value and its year-on-year base.
LFL_ATTRIBUTES = frozenset({"yoy", "previous", "change", "label"})
CHANGE_ATTRIBUTES = frozenset({"phrase", "abs"})
_REF = re.compile(
    r"^(?P<neg>-)?(?P<name>[A-Za-z_]\w*)(?:\.(?P<cmp>previous|prior|yoy|mom|change|share|vs\((?P<other>[A-Za-z_]\w*)\)))?$"
)


@dataclass(frozen=True)
class MetricRefParts:
    name: str
    comparison: str | None = None  # previous | yoy | mom | change | share | vs
    other: str | None = None  # the metric in vs(...)
    negate: bool = False


def parse_ref(text: str) -> MetricRefParts | None:
    match = _REF.match(text.strip())
    if not match:
        return None
    comparison = match["cmp"]
    if comparison and comparison.startswith("vs("):
        comparison = "vs"
    return MetricRefParts(match["name"], comparison, match["other"], bool(match["neg"]))
