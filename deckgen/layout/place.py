"""The layout stage's entry: boxes for every slide, on deckgen's own grid (``plan.py``) or inside the layouts
of a company template (``template.py``, which builds on the grid planner). Choosing here keeps the two
planners' dependency one way."""

from __future__ import annotations

from ..story import spec as story
from ..text import capped
from ..theme import TemplateInfo, Theme
from .contrast import readable_deck
from .plan import Planner
from .spec import PlacedDeck
from .template import TemplatePlanner

MAX_SHOWN = 5_000  # characters of one text on a slide: more cannot be read, and is cut with '…'


def plan_layout(deck: story.DeckSpec, theme: Theme, language_tag: str,
                template: TemplateInfo | None = None, continued: str = " (cont.)") -> PlacedDeck:
    """Boxes for every slide: on our grid, or inside the layouts of a company template."""
    planner = TemplatePlanner(theme, template) if template is not None else Planner(theme)
    planner.words_continued = continued
    placed = planner.plan(capped(deck, MAX_SHOWN), language_tag)
    return readable_deck(placed, theme.background, keep=theme.user_colours)
