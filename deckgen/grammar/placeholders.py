"""Placeholders in outline text (``{{ gmv.yoy }}``): parsing and checking, in Jinja's sandbox (no code runs).

Filling them with numbers is the story's job (``story/templates.py``)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from jinja2 import TemplateSyntaxError, nodes

from ..errors import Diagnostic, SourceSpan
from .claims import TEXT_ATTRIBUTES, is_choice, is_claim, operands
from .refs import CHANGE_ATTRIBUTES, LFL_ATTRIBUTES, METRIC_ATTRIBUTES, SELECTED_ATTRIBUTES, SELECTORS
from .sandbox import environment


def has_placeholders(text: str) -> bool:
    return "{{" in text or "{%" in text


def check_template(text: str, known: Iterable[str], span: SourceSpan) -> list[Diagnostic]:
    """Problems in one template: syntax, unknown metrics, comparisons in the wrong place, and anything
    that is not a metric placeholder (filters, arithmetic, blocks): placeholders only show metrics."""
    if not has_placeholders(text):
        return []
    known = sorted(known)
    try:
        tree = environment().parse(text)
    except TemplateSyntaxError as exc:
        return [Diagnostic("template.syntax", f"placeholder syntax error: {exc.message}", span,
                           "placeholders look like {{ gmv }} or {{ gmv.yoy }}")]
    except (ValueError, RecursionError, MemoryError):  # a number of 5,000 digits; brackets nested 3,000 deep
        return [Diagnostic("template.syntax", "placeholder is too long or too deeply nested to read", span,
                           "placeholders look like {{ gmv }} or {{ gmv.yoy }}")]
    checker = _TemplateChecker(text, known, span)
    checker.visit(tree)
    return checker.problems


_OPERATORS = (nodes.BinExpr, nodes.UnaryExpr, nodes.Concat, nodes.Compare, nodes.CondExpr)


class _TemplateChecker:
    def __init__(self, text: str, known: list[str], span: SourceSpan):
        self.text, self.known, self.span = text, known, span
        self.problems: list[Diagnostic] = []

    def add(self, code: str, message: str, pattern: str, hint: str) -> None:
        self.problems.append(Diagnostic(code, message, locate(self.span, pattern), hint))

    def visit(self, node: nodes.Node, called: bool = False) -> None:
        if isinstance(node, (nodes.Template, nodes.TemplateData)):
            for child in node.iter_child_nodes():
                self.visit(child)
        elif isinstance(node, nodes.Output):
            for child in node.iter_child_nodes():
                self.claim(child) if is_claim(child) or is_choice(child) else self.visit(child)
        elif isinstance(node, nodes.Name):
            self.name(node)
        elif isinstance(node, nodes.Getattr):
            self.attribute(node, called)
        elif isinstance(node, nodes.Call):
            self.call(node)
        elif isinstance(node, nodes.Filter):
            self.add("template.filter", f"placeholder uses unknown filter '{node.name}'", rf"\|\s*({node.name})\b",
                     "numbers are formatted by the metric's format: (money, number, percent, multiple or decimal)")
        elif isinstance(node, _OPERATORS):
            inner = _calculation(self.text)
            self.add("template.calculation", f"placeholder calculates '{inner}'; placeholders only show metrics",
                     f"({re.escape(inner)})", f"define it under metrics:, e.g. aov: {{expr: {inner}}}, and write "
                     "{{ aov }}" if "/" in inner else "define it under metrics: with expr:, and write its name")
        elif isinstance(node, nodes.Getitem):
            self.item(node)
        else:
            self.add("template.block", "placeholders only show metrics; blocks and other expressions are not allowed",
                     r"(\{[{%])", "write {{ metric }} or {{ metric.yoy }}")

    def claim(self, node: nodes.Node) -> None:
        """A condition compares references and numbers; a choice shows words or a placeholder."""
        if is_choice(node):
            self.claim(node.test)
            for branch in (node.expr1, node.expr2):
                if branch is None:
                    self.add("claim.choice", "a choice needs both wordings: 'A' if condition else 'B'", r"(\bif\b)",
                             "e.g. {{ '快于' if gmv_jd.yoy > gmv_tmall.yoy else '慢于' }}")
                elif not (isinstance(branch, nodes.Const) and isinstance(branch.value, str)):
                    self.visit(branch)
            return
        for operand in operands(node):
            if isinstance(operand, nodes.Neg):
                operand = operand.node
            if isinstance(operand, nodes.Const) and isinstance(operand.value, (int, float)):
                continue
            if isinstance(operand, nodes.Getattr) and operand.attr in TEXT_ATTRIBUTES:
                self.add("claim.text", f"a claim compares numbers, and '.{operand.attr}' gives words",
                         rf"\.\s*({operand.attr})\b", "compare gmv.yoy, not gmv.yoy.phrase")
            elif isinstance(operand, (nodes.Name, nodes.Getattr, nodes.Call)):
                self.visit(operand)
            else:
                self.add("claim.operand", "a claim compares metrics (gmv.yoy, gmv.vs(gmv_target) …) and plain numbers",
                         r"(\{\{)", "define a calculation under metrics: and compare its name, e.g. gmv.yoy > 0.1")

    def name(self, node: nodes.Name) -> None:
        if node.name not in self.known:
            close = difflib.get_close_matches(node.name, self.known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "define it under metrics:, or check the spelling"
            self.add("template.unknown_metric", f"placeholder names unknown metric '{node.name}'",
                     rf"(?<![\w.])({re.escape(node.name)})\b", hint)

    def attribute(self, node: nodes.Getattr, called: bool) -> None:
        self.visit(node.node)
        if node.attr.startswith("_"):  # never suggest Python's internals
            self.add("template.unknown_attribute", f"placeholder uses '.{node.attr}'; placeholders only show "
                     "metrics and their comparisons", rf"\.\s*({re.escape(node.attr)})\b",
                     "use one of: " + ", ".join(sorted(_allowed_after(node.node) or METRIC_ATTRIBUTES)))
            return
        path = _dotted(node)
        allowed = _allowed_after(node.node)
        where = rf"{re.escape(path.rsplit('.', 1)[0])}\s*\.\s*({re.escape(node.attr)})\b"
        if node.attr not in allowed:
            parent = path.rsplit(".", 2)[-2] if path.count(".") >= 2 else None
            if not allowed and parent:
                metric = path.split(".")[0]
                self.add("template.unknown_attribute", f"placeholder uses '.{node.attr}' after '.{parent}'; "
                         f"nothing can follow '.{parent}'", where,
                         f"write {metric}.{node.attr} for the change, or {metric}.{parent} for last year's value"
                         if parent == "previous" else f"write {metric}.{node.attr} or {metric}.{parent}")
                return
            choices = sorted(allowed or METRIC_ATTRIBUTES)
            close = difflib.get_close_matches(node.attr, choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(choices)
            if node.attr in CHANGE_ATTRIBUTES and isinstance(node.node, nodes.Name):
                hint = f"'.{node.attr}' belongs to a change: write {node.node.name}.yoy.{node.attr}"
            self.add("template.unknown_attribute", f"placeholder uses unknown comparison '.{node.attr}'", where, hint)
        elif node.attr == "vs" and not called:
            metric = path.split(".")[0]
            self.add("template.vs", "placeholder uses '.vs' without the metric to compare with", where,
                     f"write {metric}.vs(other), e.g. {{{{ {metric}.vs(gmv_target) }}}}")
        elif node.attr in SELECTORS and not called:
            self.add("template.selector", f"placeholder uses '.{node.attr}' without saying which",
                     where, "write gmv.month(6) for June, or gmv.where(platform='天猫') for one segment")

    def call(self, node: nodes.Call) -> None:
        if _is_vs_call(node):
            self.attribute(node.node, called=True)
            self.visit(node.args[0])
            return
        if is_selector(node):
            self.attribute(node.node, called=True)
            self.selector(node)
            return
        target = _dotted(node.node) if isinstance(node.node, (nodes.Name, nodes.Getattr)) else ""
        self.add("template.bad_call", "only .vs(other_metric) can be called in a placeholder",
                 rf"({re.escape(target)})\s*\(" if target else r"(\()", "e.g. {{ gmv.vs(gmv_target) }}")

    def selector(self, node: nodes.Call) -> None:
        """``.month(6)``: one month number, 1 to 12; ``.where(platform='天猫')``: one column and one value."""
        kind = node.node.attr
        if kind == "month":
            number = node.args[0].value if len(node.args) == 1 and isinstance(node.args[0], nodes.Const) else None
            if node.kwargs or not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 12:
                self.add("template.month", "'.month' takes the month's number, 1 to 12",
                         r"\.\s*month\s*\(\s*([^)]*)", "e.g. {{ gmv.month(6).yoy }} for June of the reporting year")
            return
        values = [k.value for k in node.kwargs]
        if node.args or len(node.kwargs) != 1 or not isinstance(values[0], nodes.Const) or not isinstance(
                values[0].value, (str, int, float, bool)):
            self.add("template.where", "'.where' takes one column and the segment's value, in quotes",
                     r"\.\s*where\s*\(\s*([^)]*)", "e.g. {{ gmv.where(platform='天猫').share }}")

    def item(self, node: nodes.Getitem) -> None:
        key = node.arg.value if isinstance(node.arg, nodes.Const) else None
        if not isinstance(key, str):
            self.add("template.calculation", "placeholders cannot index values", r"(\[)",
                     "write {{ metric }} or {{ metric.yoy }}")
            return
        close = difflib.get_close_matches(key, sorted(METRIC_ATTRIBUTES), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(sorted(METRIC_ATTRIBUTES))
        self.add("template.unknown_attribute", f"placeholder uses unknown comparison '{key}'",
                 rf"\[\s*['\"]({re.escape(key)})", hint)


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    return ""


def _calculation(text: str) -> str:
    """The inside of the first placeholder that calculates (for the message)."""
    for inner in re.findall(r"\{\{(.*?)\}\}", text, flags=re.DOTALL):
        if re.search(r"[-+*/%~<>=]|\bif\b|\band\b|\bor\b|\bnot\b", inner):
            return inner.strip()
    return text.strip()


def _allowed_after(node: nodes.Node) -> frozenset[str]:
    """What may follow: a metric takes .yoy, .previous …; .yoy and .mom take .phrase and .abs."""
    if isinstance(node, nodes.Name):
        return METRIC_ATTRIBUTES
    if isinstance(node, nodes.Call) and is_selector(node):
        return SELECTED_ATTRIBUTES | ({"share"} if node.node.attr == "where" else set())
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.attr in ("yoy", "mom"):
        return CHANGE_ATTRIBUTES
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.attr == "ytd":
        return METRIC_ATTRIBUTES - {"ytd", "baseline", "uplift", "daily", "lfl"}
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.attr == "lfl":
        return LFL_ATTRIBUTES
    if _is_period_change(node):
        return CHANGE_ATTRIBUTES
    return frozenset()


def _is_period_change(node: nodes.Node) -> bool:
    """``gmv.ytd.yoy``, ``gmv.lfl.yoy``, ``gmv.month(6).yoy``: a change of a metric over another period or
    segment."""
    if not (isinstance(node, nodes.Getattr) and node.attr in ("yoy", "mom")):
        return False
    inner = node.node
    return (isinstance(inner, nodes.Getattr) and inner.attr in ("ytd", "lfl") and isinstance(inner.node, nodes.Name)) \
        or (isinstance(inner, nodes.Call) and is_selector(inner))


def is_selector(call: nodes.Call) -> bool:
    """``gmv.month(…)`` or ``gmv.where(…)`` on a metric (its arguments are checked by ``selector``)."""
    target = call.node
    return isinstance(target, nodes.Getattr) and target.attr in SELECTORS and isinstance(target.node, nodes.Name)


def _is_vs_call(call: nodes.Call) -> bool:
    target = call.node
    on_metric = isinstance(target, nodes.Getattr) and (
        isinstance(target.node, nodes.Name)
        or (isinstance(target.node, nodes.Getattr) and target.node.attr == "ytd")
        or (isinstance(target.node, nodes.Call) and is_selector(target.node)))
    return (on_metric and target.attr == "vs" and len(call.args) == 1 and not call.kwargs
            and isinstance(call.args[0], nodes.Name))


def locate(span: SourceSpan, pattern: str) -> SourceSpan:
    """The exact position in the outline of the first match of ``pattern`` (its first group) inside a
    placeholder, searching from the template's first line."""
    try:
        with open(span.path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return span
    regex = re.compile(pattern)
    for offset, line in enumerate(lines[span.line - 1 : span.line + 20]):
        start = span.col - 1 if offset == 0 else 0
        for placeholder in re.finditer(r"\{\{.*?(\}\}|$)|\{%.*?(%\}|$)", line[start:]):
            found = regex.search(placeholder.group(0))
            if found:
                column = start + placeholder.start() + found.start(1 if regex.groups else 0)
                return SourceSpan(span.path, span.line + offset, column + 1)
    return span


def placeholder_names(text: str) -> set[str]:
    """The metrics a template names; empty when it has a syntax error (reported by ``check_template``)."""
    from jinja2 import meta

    if not has_placeholders(text):
        return set()
    try:
        return set(meta.find_undeclared_variables(environment().parse(text)))
    except TemplateSyntaxError:
        return set()
