"""Conclusion templates: ``{{ gmv }}`` placeholders filled with the deck's numbers (the grammar and its
checks are in ``grammar/placeholders.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..grammar.placeholders import has_placeholders
from .claims import fill_claims
from .values import fill_values

if TYPE_CHECKING:
    from .facts import Facts


def render_template(text: str, facts: Facts) -> str:
    """Fill placeholders with formatted values, after claims are judged and wording chosen (``claims.py``);
    text without placeholders is returned as is."""
    if not has_placeholders(text):
        return text
    return fill_values(fill_claims(text, facts), facts)
