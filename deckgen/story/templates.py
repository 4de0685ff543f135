"""Conclusion templates: ``{{ gmv }}`` placeholders filled with the deck's numbers (the grammar and its
checks are in ``grammar/placeholders.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2.exceptions import SecurityError, UndefinedError

from ..grammar.placeholders import environment, has_placeholders

if TYPE_CHECKING:
    from .facts import Facts


def render_template(text: str, facts: Facts) -> str:
    """Fill placeholders with formatted values, after claims are judged and wording chosen (``claims.py``);
    text without placeholders is returned as is."""
    if not has_placeholders(text):
        return text
    from .claims import fill_claims
    from .facts import MetricView

    text = fill_claims(text, facts)

    views = {name: MetricView(facts, name) for name in facts.engine.specs}
    try:
        return environment().from_string(text).render(**views).strip()
    except (UndefinedError, SecurityError, TypeError) as exc:  # checked earlier; a safety net with a message
        raise ValueError(f"cannot fill placeholders in '{text}': {exc}") from None
