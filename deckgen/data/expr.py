"""Safe arithmetic over metric names: parsed with ``ast``, evaluated without ``eval``."""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable
from typing import Any

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
}
_UNARY: dict[type, Callable[[Any], Any]] = {ast.USub: operator.neg, ast.UAdd: operator.pos}


MAX_LENGTH = 1_000  # characters: a real formula is a few dozen
MAX_DEPTH = 50  # operators inside operators
MAX_DIGITS = 30  # in one number constant


class ExprError(ValueError):
    pass


def parse_expr(text: str) -> ast.expr:
    """Parse and check: only numbers, metric names, + - * / and parentheses, within size limits."""
    shown = text if len(text) <= 60 else text[:57] + "…"
    if not text.strip():
        raise ExprError("the expression is empty")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"'{shown}' is {len(text):,} characters long; the limit is {MAX_LENGTH:,}")
    if any(len(number) > MAX_DIGITS for number in re.findall(r"\d+", text)):
        raise ExprError(f"'{shown}' holds a number of more than {MAX_DIGITS} digits")
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise ExprError(f"'{text}' is not a valid expression ({exc.msg})") from None
    except (RecursionError, MemoryError):
        raise ExprError(f"'{shown}' nests deeper than {MAX_DEPTH} levels") from None
    if _depth(tree) > MAX_DEPTH:
        raise ExprError(f"'{shown}' nests deeper than {MAX_DEPTH} levels")
    for node in ast.walk(tree):
        if not isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load,
                                 *_BINARY, *_UNARY)):
            raise ExprError(f"'{text}': only metric names, numbers, + - * / and ( ) are allowed")
        if isinstance(node, ast.BinOp) and type(node.op) not in _BINARY:
            raise ExprError(f"'{text}': only + - * / are allowed")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise ExprError(f"'{text}': only numbers may appear as constants")
    return tree


def _depth(tree: ast.expr) -> int:
    """How deeply operators nest, counted without recursion."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def names_in(tree: ast.expr) -> list[str]:
    return sorted({node.id for node in ast.walk(tree) if isinstance(node, ast.Name)})


def evaluate(tree: ast.expr, lookup: Callable[[str], Any]) -> Any:
    """Evaluate with ``lookup(name)`` supplying values (floats or pandas Series)."""
    if isinstance(tree, ast.Constant):
        return float(tree.value)
    if isinstance(tree, ast.Name):
        return lookup(tree.id)
    if isinstance(tree, ast.UnaryOp):
        return _UNARY[type(tree.op)](evaluate(tree.operand, lookup))
    if isinstance(tree, ast.BinOp):
        left, right = evaluate(tree.left, lookup), evaluate(tree.right, lookup)
        if isinstance(tree.op, ast.Div):
            return _divide(left, right)
        return _BINARY[type(tree.op)](left, right)
    raise ExprError("unsupported expression")  # parse_expr rejects everything else


def _divide(left: Any, right: Any) -> Any:
    if hasattr(right, "replace"):  # a pandas Series: x/0 is missing, not inf
        return left / right.replace(0, float("nan"))
    return left / right if right else float("nan")
