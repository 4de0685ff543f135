"""Readable text: every text the deck writes has at least 4.5:1 contrast (WCAG) against what it sits on, its
own fill, a card or band under it, a template's title bar or the slide background. Colours the deck chose are
made readable here, keeping their hue; colours a user's theme file sets are kept and ``check`` warns."""

from __future__ import annotations

from dataclasses import replace

from ..colour import READABLE, contrast, readable
from ..errors import Diagnostic
from .slide_warning import slide_warning
from .spec import Box, Para, PlacedDeck, PlacedSlide, RectShape, TextShape


def readable_deck(deck: PlacedDeck, background: str, keep: bool = False) -> PlacedDeck:
    """Every slide with its backdrop recorded and, unless ``keep`` (the user's own colours), its text made
    readable on it."""
    slides = []
    for slide in deck.slides:
        backdrop = slide.backdrop or ((Box(0.0, 0.0, deck.width_in, deck.height_in), background),)
        slide = replace(slide, backdrop=backdrop)
        slides.append(slide if keep else _readable_slide(slide))
    return replace(deck, slides=tuple(slides))


def _readable_slide(slide: PlacedSlide) -> PlacedSlide:
    shapes = list(slide.shapes)
    for index, shape in enumerate(shapes):
        if isinstance(shape, TextShape):
            under = background_of(slide, index)
            paras = tuple(_readable_para(para, under) for para in shape.paras)
            if paras != shape.paras:
                shapes[index] = replace(shape, paras=paras)
    return replace(slide, shapes=tuple(shapes))


def _readable_para(para: Para, under: str) -> Para:
    if all(contrast(run.colour or para.colour, under) >= READABLE for run in para.runs):
        return para
    # every run gets its colour spelled out: a placeholder shows a run without one in the template's colour
    runs = tuple(replace(run, colour=readable(run.colour or para.colour, under)) for run in para.runs)
    return replace(para, runs=runs, colour=readable(para.colour, under))


def background_of(slide: PlacedSlide, index: int) -> str:
    """The colour under the centre of shape ``index``: its own fill, else the topmost filled shape drawn before
    it, else the template's art and the slide background."""
    shape = slide.shapes[index]
    if isinstance(shape, TextShape) and shape.fill:
        return shape.fill
    x = shape.box.left_in + shape.box.width_in / 2
    y = shape.box.top_in + shape.box.height_in / 2
    layers = [*slide.backdrop, *((s.box, s.fill) for s in slide.shapes[:index]
                                 if isinstance(s, (RectShape, TextShape)) and s.fill)]
    for box, colour in reversed(layers):
        if box.left_in <= x <= box.right_in and box.top_in <= y <= box.bottom_in:
            return colour
    return "#FFFFFF"


def contrast_warnings(deck: PlacedDeck, outline: str) -> list[Diagnostic]:
    """Text whose colour does not read on what it sits on (only a user's own theme colours can be left so)."""
    problems = []
    for number, slide in enumerate(deck.slides, start=1):
        for index, shape in enumerate(slide.shapes):
            if not isinstance(shape, TextShape) or not slide.backdrop:
                continue
            under = background_of(slide, index)
            worst = min((run.colour or para.colour for para in shape.paras for run in para.runs),
                        key=lambda colour: contrast(colour, under), default=None)
            if worst and contrast(worst, under) < READABLE:
                problems.append(slide_warning(
                    "layout.contrast", number, slide, outline, f"text in '{shape.name}' ({worst} on {under}) has a "
                    f"contrast of {contrast(worst, under):.1f}:1, below {READABLE}:1",
                    "choose darker (or, on a dark fill, lighter) colours in the theme file"))
    return problems
