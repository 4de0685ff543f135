"""Selectors checked against the data: ``gmv.month(6)`` must be a month of the reporting year that has begun,
and ``gmv.where(platform='天猫')`` a column of the metric's table and a value that column holds."""

from __future__ import annotations

import difflib
import re

from jinja2 import nodes

from ..data.metrics import Grouping
from ..errors import Diagnostic
from ..grammar.claims import placeholders
from ..grammar.placeholders import is_selector, locate
from ..outline.read import LoadedYaml
from .facts import Facts


def check_selectors(loaded: LoadedYaml, facts: Facts) -> list[Diagnostic]:
    """An error, at the placeholder, for each month after the reporting period and each unknown segment."""
    from ..outline.references import outline_texts

    problems = []
    for where, text in outline_texts(loaded):
        for _, node in placeholders(text):
            calls = [] if node is None else [node, *node.find_all(nodes.Call)]  # find_all skips the root
            for call in calls:
                if isinstance(call, nodes.Call) and is_selector(call) and call.node.node.name in facts.engine.specs:
                    problem = _month(call, facts) if call.node.attr == "month" else _segment(call, facts)
                    if problem:
                        code, message, pattern, hint = problem
                        problems.append(Diagnostic(code, message, locate(loaded.span(where), pattern), hint))
    return problems


def _month(call: nodes.Call, facts: Facts):
    number = call.args[0].value
    end = facts.periods.current.end
    if facts.month(number).start <= end:
        return None
    return ("template.month", f"month {number} of {end.year} is after the reporting period, which ends {end}",
            rf"\.\s*month\s*\(\s*({number})", f"the months with data run to {end.month}")


def _segment(call: nodes.Call, facts: Facts):
    metric = call.node.node.name
    column, value = call.kwargs[0].key, call.kwargs[0].value.value
    columns = sorted(_columns(facts, metric))
    if column not in columns:
        close = difflib.get_close_matches(column, columns, n=1)
        return ("template.where", f"'{metric}' has no column '{column}' to select a segment by",
                rf"where\s*\(\s*({re.escape(column)})", f"did you mean '{close[0]}'?" if close else
                "columns: " + ", ".join(columns))
    known = []
    for period in (facts.periods.current, facts.periods.previous):
        known += [str(key) for key in facts.engine.series(metric, period, Grouping(column=column)).dropna().index]
    known = list(dict.fromkeys(known))
    if str(value) in known:
        return None
    close = difflib.get_close_matches(str(value), known, n=1, cutoff=0.5)  # short names: 天毛 for 天猫
    return ("template.segment", f"{column} '{value}' has no rows for '{metric}' in the reporting period or its base",
            rf"where\s*\(\s*{re.escape(column)}\s*=\s*['\"]?({re.escape(str(value))})",
            f"did you mean '{close[0]}'?" if close else f"{column} values: " + ", ".join(known[:12]))


def _columns(facts: Facts, metric: str) -> set[str]:
    """The columns of every table the metric reads (through its ratio or expression parts)."""
    spec = facts.engine.specs[metric]
    if spec.table:
        return {str(c) for c in facts.engine.tables[spec.table].frame.columns}
    parts = [p for p in facts.engine.parts_of(metric) if p in facts.engine.specs]
    return set().union(*(_columns(facts, part) for part in parts)) if parts else set()
