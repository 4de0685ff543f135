"""Claims in outline text: ``京东增速快于天猫 {{ gmv_jd.yoy > gmv_tmall.yoy }}`` states a condition the build
checks, and ``{{ '快于' if gmv_jd.yoy > gmv_tmall.yoy else '慢于' }}`` chooses its wording from the data.

A claim compares metric references (``gmv``, ``gmv.yoy``, ``gmv.vs(gmv_target)`` …) with each other or with
plain numbers, joined by ``and``, ``or`` and ``not``. It shows nothing in the deck.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jinja2 import TemplateSyntaxError, nodes

from .sandbox import environment

# Jinja's names for the comparison operators, and how a message writes them.
OPERATORS = {"gt": ">", "gteq": ">=", "lt": "<", "lteq": "<=", "eq": "==", "ne": "!="}
# Attributes that give words, not numbers: a claim cannot compare them.
TEXT_ATTRIBUTES = frozenset({"phrase", "label"})
_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


def is_claim(node: nodes.Node) -> bool:
    """A condition: a comparison, or conditions joined by and / or / not."""
    if isinstance(node, nodes.Compare):
        return True
    if isinstance(node, (nodes.And, nodes.Or)):
        return is_claim(node.left) and is_claim(node.right)
    if isinstance(node, nodes.Not):
        return is_claim(node.node)
    return False


def is_choice(node: nodes.Node) -> bool:
    """Wording chosen by a condition: ``'快于' if a > b else '慢于'``."""
    return isinstance(node, nodes.CondExpr) and is_claim(node.test)


def operands(node: nodes.Node) -> Iterator[nodes.Node]:
    """The references and numbers a condition compares, in the order written."""
    if isinstance(node, nodes.Compare):
        yield node.expr
        for operand in node.ops:
            yield operand.expr
    elif isinstance(node, (nodes.And, nodes.Or)):
        yield from operands(node.left)
        yield from operands(node.right)
    elif isinstance(node, nodes.Not):
        yield from operands(node.node)


def source(node: nodes.Node) -> str:
    """A condition or reference written back as text, for messages."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{source(node.node)}.{node.attr}"
    if isinstance(node, nodes.Call):
        arguments = [source(a) for a in node.args] + [f"{k.key}={source(k.value)}" for k in node.kwargs]
        return f"{source(node.node)}({', '.join(arguments)})"
    if isinstance(node, nodes.Const):
        return repr(node.value) if isinstance(node.value, str) else f"{node.value:g}"
    if isinstance(node, nodes.Neg):
        return f"-{source(node.node)}"
    if isinstance(node, nodes.Compare):
        parts = [source(node.expr)]
        for operand in node.ops:
            parts += [OPERATORS.get(operand.op, operand.op), source(operand.expr)]
        return " ".join(parts)
    if isinstance(node, (nodes.And, nodes.Or)):
        word = "and" if isinstance(node, nodes.And) else "or"
        return f"{source(node.left)} {word} {source(node.right)}"
    if isinstance(node, nodes.Not):
        return f"not {source(node.node)}"
    return "…"


def placeholders(text: str) -> Iterator[tuple[re.Match[str], nodes.Node | None]]:
    """Each ``{{ … }}`` of a text with its parsed expression (None when it does not parse)."""
    for match in _PLACEHOLDER.finditer(text):
        try:
            expression = environment().parse("{{" + match.group(1) + "}}").body[0].nodes[0]
        except (TemplateSyntaxError, IndexError, AttributeError):
            expression = None
        yield match, expression


def has_claim(text: str) -> bool:
    """Whether a text states a checked condition or chooses its wording from one."""
    return any(node is not None and (is_claim(node) or is_choice(node)) for _, node in placeholders(text))

