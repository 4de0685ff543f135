"""Layout warnings: text that does not fit, shapes outside the slide, content that overlaps, and a content
area left more than 40 % empty (``coverage.py``).

Panels and bands (``RectShape``) sit behind text on purpose; text boxes, charts and tables must
neither leave the slide nor cover each other. Each warning names the slide, the shape and the
outline line that produced the slide.
"""

from __future__ import annotations

from itertools import combinations

from ..errors import Diagnostic, SourceSpan
from .coverage import covered_share, ink_box
from .spec import Box, PlacedDeck, PlacedSlide, RectShape, TableShape, TextShape

TOLERANCE_IN = 0.01
MIN_COVERED = 0.6  # a content area more than 40 % empty reads as a page with a hole
MAX_COORDINATE_IN = (2**31 - 1) / 914_400  # the largest offset or size in EMU a validator accepts, in inches


def inspect_layout(deck: PlacedDeck, outline: str) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    slide_box = Box(0.0, 0.0, deck.width_in, deck.height_in)
    for number, slide in enumerate(deck.slides, start=1):
        span = slide.source or SourceSpan(outline)

        def warn(code: str, message: str, hint: str, number: int = number, span: SourceSpan = span) -> None:
            problems.append(Diagnostic(code, f"slide {number}: {message}", span, hint, severity="warning"))

        for shape in slide.shapes:
            if isinstance(shape, (TextShape, TableShape)) and shape.overflow:
                warn("layout.overflow", f"text in '{shape.name}' does not fit its box even at the smallest "
                     "allowed size", "shorten the text or split the slide")
            if not _inside(shape.box, slide_box):
                warn("layout.outside", f"'{shape.name}' reaches outside the slide", "this is a layout bug; report it")
        content = [s for s in slide.shapes if not isinstance(s, RectShape)]
        for first, second in combinations(content, 2):
            if first.box.overlaps(second.box, TOLERANCE_IN):
                warn("layout.overlap", f"'{first.name}' overlaps '{second.name}'", "this is a layout bug; report it")
        share = covered(slide)
        if share is not None and share < MIN_COVERED:
            warn("layout.empty", f"the {slide.kind} slide's content area is {1 - share:.0%} empty (at most "
                 f"{1 - MIN_COVERED:.0%})", "add content or commentary, or show this content another way "
                 "(docs/fitting.md)")
    return problems + slide_craft_warnings(deck, outline)


def slide_craft_warnings(deck: PlacedDeck, outline: str) -> list[Diagnostic]:
    """Warnings of their own modules: covered template art, unreadable text, mixed unit scales, colliding chart
    labels."""
    from .contrast import contrast_warnings
    from .inspect_labels import label_collisions
    from .inspect_template import covered_art
    from .inspect_units import mixed_units

    return (covered_art(deck, outline) + contrast_warnings(deck, outline) + mixed_units(deck, outline)
            + label_collisions(deck, outline))


def covered(slide: PlacedSlide) -> float | None:
    """The share of the slide's content area its shapes cover; None for a slide without one (cover, agenda)."""
    if slide.content is None:
        return None
    return covered_share((ink_box(shape) for shape in slide.shapes), slide.content)


def format_problems(deck: PlacedDeck, outline: str) -> list[Diagnostic]:
    """Sizes a .pptx cannot hold (validators reject coordinates beyond 32 bits of EMU): an error, so such a
    deck is never written."""
    problems = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            box = shape.box
            sizes = (box.left_in, box.top_in, box.width_in, box.height_in,
                     *(shape.row_heights_in if isinstance(shape, TableShape) else ()))
            if any(not abs(size) <= MAX_COORDINATE_IN for size in sizes):
                problems.append(Diagnostic(
                    "layout.too_large", f"slide {number}: '{shape.name}' would be larger than a .pptx can hold",
                    slide.source or SourceSpan(outline), "shorten the text on this slide"))
    return problems


def _inside(box: Box, slide: Box) -> bool:
    return (box.left_in >= -TOLERANCE_IN and box.top_in >= -TOLERANCE_IN
            and box.right_in <= slide.right_in + TOLERANCE_IN and box.bottom_in <= slide.bottom_in + TOLERANCE_IN)

