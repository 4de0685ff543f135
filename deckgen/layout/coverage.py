"""How much of a slide's content area its content covers: the measure behind ``check``'s empty-area warning.

Covered area is the union of the content's boxes clipped to the content area (two overlapping shapes count
once). A text box without a fill covers only the lines its text takes, where its anchor puts them: a box
sized to the whole area around two lines of text is still an empty page to the reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from .spec import Box, Shape, TextShape
from .textfit import LINE_SPACING, wrap

LINE_BREAKS = ("\n", "\x0b")


def covered_share(boxes: Iterable[Box], area: Box) -> float:
    """The share of ``area`` covered by the union of ``boxes`` (0 to 1)."""
    clipped = [c for c in (_clip(box, area) for box in boxes) if c is not None]
    if not clipped or area.width_in <= 0 or area.height_in <= 0:
        return 0.0
    edges = sorted({x for left, _, right, _ in clipped for x in (left, right)})
    covered = 0.0
    for x0, x1 in pairwise(edges):
        spans = sorted((top, bottom) for left, top, right, bottom in clipped if left <= x0 and right >= x1)
        covered += _length(spans) * (x1 - x0)
    return covered / (area.width_in * area.height_in)


def ink_box(shape: Shape) -> Box:
    """The part of a shape a reader sees as content: the whole box, except for a text box without a fill,
    which covers the height of its lines (placed by its anchor)."""
    if not isinstance(shape, TextShape) or shape.fill:
        return shape.box
    inset_y = shape.inset_in if shape.inset_y_in is None else shape.inset_y_in
    width_in = shape.box.width_in - 2 * shape.inset_in
    height = 2 * inset_y + sum(_lines(para, width_in) * para.size_pt * LINE_SPACING / 72 + para.space_after_pt / 72
                               for para in shape.paras)
    box = shape.box
    height = min(height, box.height_in)
    spare = box.height_in - height
    top = box.top_in + {"top": 0.0, "middle": spare / 2, "bottom": spare}.get(shape.anchor, 0.0)
    return Box(box.left_in, top, box.width_in, height)


def _lines(para, width_in: float) -> int:
    """The lines a paragraph takes: its written line breaks (text with ideographs), and the viewer's own
    wrapping of the pieces between them (Latin text is left to the viewer to wrap)."""
    text = "".join(run.text for run in para.runs)
    for mark in LINE_BREAKS[1:]:
        text = text.replace(mark, LINE_BREAKS[0])
    width_em = max(width_in, 0.1) * 72 / para.size_pt
    return sum(max(1, len(wrap(piece, width_em))) for piece in text.split(LINE_BREAKS[0]))


def _clip(box: Box, area: Box) -> tuple[float, float, float, float] | None:
    left, top = max(box.left_in, area.left_in), max(box.top_in, area.top_in)
    right, bottom = min(box.right_in, area.right_in), min(box.bottom_in, area.bottom_in)
    return (left, top, right, bottom) if right > left and bottom > top else None


def _length(spans: list[tuple[float, float]]) -> float:
    """The total length of sorted intervals, overlaps counted once."""
    total, start, end = 0.0, None, None
    for low, high in spans:
        if start is None or low > end:
            total += (end - start) if start is not None else 0.0
            start, end = low, high
        else:
            end = max(end, high)
    return total + ((end - start) if start is not None else 0.0)
