"""``{{ gmv }}`` placeholders filled with the deck's formatted values: what a sentence shows and what a claim
reports it read (claims and wording choices are settled first, in ``claims.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2.exceptions import SecurityError, UndefinedError

from ..grammar.placeholders import environment

if TYPE_CHECKING:
    from .facts import Facts


def fill_values(text: str, facts: Facts) -> str:
    from .facts import MetricView

    views = {name: MetricView(facts, name) for name in facts.engine.specs}
    try:
        return environment().from_string(text).render(**views).strip()
    except (UndefinedError, SecurityError, TypeError) as exc:  # checked earlier; a safety net with a message
        raise ValueError(f"cannot fill placeholders in '{text}': {exc}") from None
