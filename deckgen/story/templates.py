"""Conclusion templates: ``{{ gmv }}`` placeholders, rendered in Jinja's sandbox (no code runs)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import Diagnostic, SourceSpan
from ..outline.refs import CHANGE_ATTRIBUTES, METRIC_ATTRIBUTES

if TYPE_CHECKING:
    from .facts import Facts


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def has_placeholders(text: str) -> bool:
    return "{{" in text or "{%" in text


def check_template(text: str, known: Iterable[str], span: SourceSpan) -> list[Diagnostic]:
    """Problems in one template: syntax, unknown metric names, unknown attributes."""
    if not has_placeholders(text):
        return []
    known = sorted(known)
    try:
        tree = _environment().parse(text)
    except TemplateSyntaxError as exc:
        return [Diagnostic("template.syntax", f"placeholder syntax error: {exc.message}", span,
                           "placeholders look like {{ gmv }} or {{ gmv.yoy }}")]
    problems = []
    for name in sorted(meta.find_undeclared_variables(tree)):
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "define it under metrics:, or check the spelling"
            problems.append(Diagnostic("template.unknown_metric", f"placeholder names unknown metric '{name}'",
                                       _locate(span, name), hint))
    for node in tree.find_all(nodes.Getattr):
        allowed = _allowed_after(node.node)
        if node.attr not in allowed:
            choices = sorted(allowed) or sorted(METRIC_ATTRIBUTES)
            close = difflib.get_close_matches(node.attr, choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(choices)
            problems.append(Diagnostic("template.unknown_attribute", f"placeholder uses unknown comparison "
                                       f"'.{node.attr}'", _locate(span, "." + node.attr), hint))
    for call in tree.find_all(nodes.Call):
        if not _is_vs_call(call, known):
            problems.append(Diagnostic("template.bad_call", "only .vs(other_metric) can be called in a placeholder",
                                       _locate(span, "("), "e.g. {{ gmv.vs(gmv_target) }}"))
    return problems


def _allowed_after(node: nodes.Node) -> frozenset[str]:
    """What may follow: a metric takes .yoy, .previous …; .yoy and .mom take .phrase and .abs."""
    if isinstance(node, nodes.Name):
        return METRIC_ATTRIBUTES
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.attr in ("yoy", "mom"):
        return CHANGE_ATTRIBUTES
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.attr == "ytd":
        return METRIC_ATTRIBUTES - {"ytd", "baseline", "uplift", "daily"}
    if _is_ytd_change(node):
        return CHANGE_ATTRIBUTES
    return frozenset()


def _is_ytd_change(node: nodes.Node) -> bool:
    return (isinstance(node, nodes.Getattr) and node.attr in ("yoy", "mom") and isinstance(node.node, nodes.Getattr)
            and node.node.attr == "ytd" and isinstance(node.node.node, nodes.Name))


def _is_vs_call(call: nodes.Call, known: list[str]) -> bool:
    target = call.node
    on_metric = isinstance(target, nodes.Getattr) and (
        isinstance(target.node, nodes.Name)
        or (isinstance(target.node, nodes.Getattr) and target.node.attr == "ytd"))
    return (on_metric and target.attr == "vs" and len(call.args) == 1 and not call.kwargs
            and isinstance(call.args[0], nodes.Name))


def _locate(span: SourceSpan, needle: str) -> SourceSpan:
    """The exact column of ``needle`` in the outline, searching from the template's first line."""
    try:
        with open(span.path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return span
    for offset, line in enumerate(lines[span.line - 1 : span.line + 20]):
        start = span.col - 1 if offset == 0 else 0
        found = line.find(needle, start)
        if found >= 0:
            return SourceSpan(span.path, span.line + offset, found + 1 + (1 if needle.startswith(".") else 0))
    return span


def render_template(text: str, facts: Facts) -> str:
    """Fill placeholders with formatted values; text without placeholders is returned as is."""
    if not has_placeholders(text):
        return text
    from .facts import MetricView

    views = {name: MetricView(facts, name) for name in facts.engine.specs}
    try:
        return _environment().from_string(text).render(**views).strip()
    except (UndefinedError, SecurityError, TypeError) as exc:  # checked earlier; a safety net with a message
        raise ValueError(f"cannot fill placeholders in '{text}': {exc}") from None
