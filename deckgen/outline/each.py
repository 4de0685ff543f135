"""``{{ each.COLUMN }}``: one outline, many decks.

A parameterised outline is bound to one row of its ``deck.each`` list before it is validated: every
``{{ each.NAME }}`` in a text, title, filter, file path or output name becomes that row's value. Binding works
on the read YAML, so every later message still points at the outline's own lines and columns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..errors import Diagnostic, OutlineError
from .read import LoadedYaml, Path_, raw_text

Binding = Mapping[str, str]  # column -> value, one row of the each table
PLACEHOLDER = re.compile(r"\{\{\s*each\s*\.\s*([^\s{}|.()\[\]]+)\s*\}\}")
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def each_spec(loaded: LoadedYaml) -> dict[str, Any] | None:
    """The raw ``deck.each`` mapping, or None when the outline makes one deck."""
    deck = loaded.data.get("deck") if isinstance(loaded.data, dict) else None
    each = deck.get("each") if isinstance(deck, dict) else None
    return each if isinstance(each, dict) else None


def bind(loaded: LoadedYaml, binding: Binding | None) -> LoadedYaml:
    """The outline with every ``{{ each.NAME }}`` replaced by ``binding[NAME]``. Without a binding, a
    placeholder is an error that says how to give one; so is a name the binding lacks."""
    problems: list[Diagnostic] = []
    data = _substitute(loaded.data, (), loaded, binding, problems)
    if problems:
        raise OutlineError(problems)
    return replace(loaded, data=data)


def output_name(template: str, binding: Binding) -> str:
    """The deck's file name: values made safe for a file name (a '/' in a shop's name is no folder)."""
    return PLACEHOLDER.sub(lambda m: _UNSAFE_IN_NAMES.sub("_", binding.get(m[1], m[0])).strip() or "_", template)


def default_output(column: str) -> str:
    return f"decks/{{{{ each.{column} }}}}.pptx"


def _substitute(value: Any, where: Path_, loaded: LoadedYaml, binding: Binding | None,
                problems: list[Diagnostic]) -> Any:
    if isinstance(value, dict):
        if where == ("deck", "each"):  # kept as written: the batch reads its output pattern from here
            return value
        return {key: _substitute(item, (*where, key), loaded, binding, problems) for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, (*where, index), loaded, binding, problems) for index, item in enumerate(value)]
    if isinstance(value, str) and "each" in value and PLACEHOLDER.search(value):
        return PLACEHOLDER.sub(lambda match: _value(match[1], where, loaded, binding, problems), value)
    return value


def _value(name: str, where: Path_, loaded: LoadedYaml, binding: Binding | None,
           problems: list[Diagnostic]) -> str:
    if binding is None:
        problems.append(Diagnostic(
            "outline.each_unbound", f"'{{{{ each.{name} }}}}' has no value: this outline makes one deck per "
            f"{name}", loaded.span(where),
            f"build every deck with 'deckgen batch OUTLINE', or one with 'deckgen build OUTLINE --each {name}=VALUE'"))
        return ""
    if name not in binding:
        known = ", ".join(f"each.{column}" for column in binding) or "none"
        problems.append(Diagnostic("outline.each_unknown", f"'each.{name}' is not a column of the deck list",
                                   loaded.span(where), f"available: {known}"))
        return ""
    return binding[name]


def as_value(cell: Any) -> str:
    """A table cell as the text a placeholder stands for: 101, not 101.0; 2025-11-01, not a timestamp."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "date") and hasattr(cell, "hour") and not (cell.hour or cell.minute or cell.second):
        return cell.date().isoformat()
    return raw_text(cell) if not isinstance(cell, str) else cell
