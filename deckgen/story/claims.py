"""Claims judged against the data: a condition in a sentence (``{{ gmv_jd.yoy > gmv_tmall.yoy }}``) is
checked, shows nothing, and a false one becomes a warning with the outline line and the actual values;
a choice (``{{ '快于' if a > b else '慢于' }}``) shows the wording the data supports."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from jinja2 import nodes

from ..errors import Diagnostic
from ..grammar.claims import is_choice, is_claim, operands, placeholders, source
from ..grammar.placeholders import locate
from ..outline.read import LoadedYaml
from .facts import Facts
from .values import fill_values

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "gt": operator.gt, "gteq": operator.ge, "lt": operator.lt, "lteq": operator.le, "eq": operator.eq,
    "ne": operator.ne}


@dataclass(frozen=True)
class Verdict:
    """A claim as written, whether the data supports it (None: a value is missing), and the values."""

    claim: str
    holds: bool | None
    values: tuple[tuple[str, str], ...]  # (reference, formatted value)
    written: str = ""  # the placeholder as written, to point at it
    choice: bool = False  # the test of a choice: false only picks the other wording


def fill_claims(text: str, facts: Facts) -> str:
    """The text with its conditions removed and each choice replaced by the wording the data supports."""
    pieces, last = [], 0
    for match, node in placeholders(text):
        if node is None or not (is_claim(node) or is_choice(node)):
            continue
        before = text[last : match.start()]
        pieces.append(before if is_choice(node) else before.rstrip(" "))  # "快于天猫 {{ … }}，" → "快于天猫，"
        if is_choice(node):
            chosen = node.expr1 if _holds(node.test, facts) else node.expr2
            is_words = isinstance(chosen, nodes.Const) and isinstance(chosen.value, str)
            pieces.append(chosen.value if is_words else "{{ " + source(chosen) + " }}")
        last = match.end()
    if not pieces:
        return text
    return ("".join(pieces) + text[last:]).strip()


def judge(text: str, facts: Facts) -> list[Verdict]:
    """Every condition of a text (claims and the tests of choices) with the values it compared."""
    verdicts = []
    for match, node in placeholders(text):
        if node is not None and is_claim(node):
            verdicts.append(_verdict(node, facts, match.group(0)))
        elif node is not None and is_choice(node):
            verdicts.append(replace(_verdict(node.test, facts, match.group(0)), choice=True))
    return verdicts


def check_claims(loaded: LoadedYaml, facts: Facts) -> list[Diagnostic]:
    """A warning for each claim the data does not support, at the sentence that makes it."""
    from ..outline.references import outline_texts

    problems = []
    for where, text in outline_texts(loaded):
        for verdict in judge(text, facts):
            if verdict.holds or (verdict.holds is False and verdict.choice):
                continue  # a choice that is false picks its other wording
            values = ", ".join(f"{ref} = {value}" for ref, value in verdict.values)
            status = "cannot be checked (a value is missing)" if verdict.holds is None else "is false"
            problems.append(Diagnostic(
                "claim.false", f"claim '{verdict.claim}' {status}: {values}",
                locate(loaded.span(where), f"({re.escape(verdict.written)})"),
                "rewrite the sentence for the data, or let the data choose the wording: "
                "{{ 'A' if condition else 'B' }}", severity="warning"))
    return problems


def _verdict(node: nodes.Node, facts: Facts, written: str) -> Verdict:
    seen: dict[str, str] = {}
    for operand in operands(node):
        if not isinstance(operand, (nodes.Const, nodes.Neg)):
            reference = source(operand)
            seen.setdefault(reference, fill_values("{{ " + reference + " }}", facts))
    return Verdict(source(node), _holds(node, facts), tuple(seen.items()), written)


def _holds(node: nodes.Node, facts: Facts) -> bool | None:
    """True, False, or None when a value is missing (no data last year …): an unknown claim is not true."""
    if isinstance(node, nodes.Not):
        inner = _holds(node.node, facts)
        return None if inner is None else not inner
    if isinstance(node, (nodes.And, nodes.Or)):
        left, right = _holds(node.left, facts), _holds(node.right, facts)
        if isinstance(node, nodes.And):
            return False if False in (left, right) else (None if None in (left, right) else True)
        return True if True in (left, right) else (None if None in (left, right) else False)
    left = value_of(node.expr, facts)
    for operand in node.ops:
        right = value_of(operand.expr, facts)
        if left is None or right is None:
            return None
        if not _COMPARE[operand.op](left, right):
            return False
        left = right
    return True


def value_of(node: nodes.Node, facts: Facts, period=None) -> float | None:
    """The number behind a reference, in the metric's own terms: rates as fractions, changes of amounts as
    fractions (+18.6% is 0.186), changes of rates in fractions too (-0.14 points is -0.0014)."""
    if isinstance(node, nodes.Const):
        return float(node.value)
    if isinstance(node, nodes.Neg):
        inner = value_of(node.node, facts, period)
        return None if inner is None else -inner
    if isinstance(node, nodes.Name):
        return facts.value(node.name, period)
    if isinstance(node, nodes.Call) and node.node.attr == "vs":  # x.vs(other)
        scoped, name, period = scope(node.node.node, facts)
        return scoped.ratio(name, node.args[0].name, period)
    if isinstance(node, nodes.Call) or node.attr in ("ytd", "lfl"):  # x.month(6), x.where(…), x.ytd
        scoped, name, period = scope(node, facts)
        return scoped.value(name, period)
    return _attribute(node, facts)


def scope(node: nodes.Node, facts: Facts) -> tuple[Facts, str, object]:
    """The facts (all rows, or one segment's), the metric and the period a reference is about:
    ``gmv`` → the reporting period; ``gmv.ytd``, ``gmv.month(6)``, ``gmv.where(platform='天猫')``."""
    if isinstance(node, nodes.Name):
        return facts, node.name, None
    if isinstance(node, nodes.Call):
        scoped, name, period = scope(node.node.node, facts)
        if node.node.attr == "month":
            return scoped, name, scoped.month(node.args[0].value)
        return scoped.segment({k.key: k.value.value for k in node.kwargs}), name, period
    scoped, name, period = scope(node.node, facts)
    if node.attr == "ytd":
        return scoped, name, facts.periods.ytd
    if node.attr == "lfl":
        return scoped, name, facts.like_for_like(name)
    return scoped, name, period


def _attribute(node: nodes.Getattr, facts: Facts) -> float | None:
    if node.attr == "abs":
        inner = _attribute(node.node, facts)
        return None if inner is None else abs(inner)
    f, name, period = scope(node.node, facts)
    if node.attr in ("yoy", "mom"):
        return f.change(name, node.attr, period)
    if node.attr in ("previous", "prior"):
        return f.base(name, "yoy" if node.attr == "previous" else "mom", period)
    if node.attr == "change":
        now, then = f.value(name, period), f.base(name, "yoy", period)
        return None if now is None or then is None else now - then
    if node.attr == "share":
        return f.share(name, period)
    if node.attr == "daily":
        return f.daily(name, period)
    if node.attr == "baseline":
        return f.daily(name, f.periods.baseline) if f.periods.baseline else None
    return f.uplift(name)  # uplift: the only attribute left that the checks let through
