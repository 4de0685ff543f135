"""Layout warnings about a company template's own drawing: deck shapes that cover a logo, a picture or the
footer, date or slide-number placeholders the template draws on the slide. Each names the slide, the shape,
the art and the outline line that produced the slide."""

from __future__ import annotations

from ..errors import Diagnostic
from .slide_warning import slide_warning
from .spec import PlacedDeck, RectShape, TextShape

TOLERANCE_IN = 0.01
# shapes the writer puts into the template's own placeholders: they sit where the template wants them
IN_PLACEHOLDERS = ("Title", "Subtitle", "Section number", "Footer", "Page number")


def covered_art(deck: PlacedDeck, outline: str) -> list[Diagnostic]:
    problems = []
    for number, slide in enumerate(deck.slides, start=1):
        # text the writer puts into the template's footer or slide-number placeholder is where the template wants it
        held = {box for name, box in slide.art if name.endswith(" placeholder")}
        for art_name, art_box in slide.art:
            placeholder = art_name.endswith(" placeholder")
            for shape in slide.shapes:
                ours = isinstance(shape, TextShape) and (shape.title or shape.name in IN_PLACEHOLDERS)
                if ours and (placeholder or shape.box in held):
                    continue
                if isinstance(shape, RectShape) and shape.box.width_in * shape.box.height_in < 0.01:
                    continue  # a hairline rule
                if shape.box.overlaps(art_box, TOLERANCE_IN):
                    problems.append(slide_warning(
                        "layout.covered_art", number, slide, outline,
                        f"'{shape.name}' covers template art ('{art_name}' of the template's master or layout)",
                        "deckgen lays out around a template's pictures, logos and footer; give the content layout's "
                        "body placeholder the area content may use"))
    return problems
