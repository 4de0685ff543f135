"""Laid-out shapes: boxes in inches, text already sized to fit. The writer only draws these."""

from __future__ import annotations

from dataclasses import dataclass

from ..charts.spec import ChartSpec
from ..errors import SourceSpan
from ..story.spec import Cell


@dataclass(frozen=True)
class Box:
    left_in: float
    top_in: float
    width_in: float
    height_in: float

    @classmethod
    def of(cls, rect: dict) -> Box:
        """A box written in layouts/*.yaml as ``{left, top, width, height}`` (inches)."""
        return cls(rect["left"], rect["top"], rect["width"], rect["height"])

    @property
    def right_in(self) -> float:
        return self.left_in + self.width_in

    @property
    def bottom_in(self) -> float:
        return self.top_in + self.height_in

    def inset(self, dx: float, dy: float | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.left_in + dx, self.top_in + dy, self.width_in - 2 * dx, self.height_in - 2 * dy)

    def split_top(self, height_in: float, gap_in: float = 0.0) -> tuple[Box, Box]:
        top = Box(self.left_in, self.top_in, self.width_in, height_in)
        rest = Box(self.left_in, self.top_in + height_in + gap_in, self.width_in, self.height_in - height_in - gap_in)
        return top, rest

    def overlaps(self, other: Box, tolerance_in: float = 0.005) -> bool:
        return (self.left_in < other.right_in - tolerance_in and other.left_in < self.right_in - tolerance_in
                and self.top_in < other.bottom_in - tolerance_in and other.top_in < self.bottom_in - tolerance_in)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    colour: str | None = None


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    size_pt: float
    colour: str
    align: str = "left"  # left | center | right
    bullet: bool = False
    space_after_pt: float = 0.0
    bold: bool = False


@dataclass(frozen=True)
class TextShape:
    name: str
    box: Box
    paras: tuple[Para, ...]
    anchor: str = "top"  # top | middle | bottom
    fill: str | None = None
    line: str | None = None
    inset_in: float = 0.08  # left and right
    title: bool = False  # the slide's title placeholder role
    overflow: bool = False  # text did not fit even at the smallest allowed size
    inset_y_in: float | None = None  # top and bottom; None = same as inset_in


@dataclass(frozen=True)
class RectShape:
    name: str
    box: Box
    fill: str
    line: str | None = None
    rounded: bool = False


@dataclass(frozen=True)
class PictureShape:
    """A chart: a picture drawn at the box's size, or (``native``) an editable PowerPoint chart."""

    name: str
    box: Box
    chart: ChartSpec
    native: bool = False


@dataclass(frozen=True)
class TableShape:
    name: str
    box: Box
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    col_widths_in: tuple[float, ...]
    row_heights_in: tuple[float, ...]  # the header row first, when there is one
    header_pt: float
    body_pt: float
    overflow: bool = False  # a row's text needs more than the whole page (its row is cut to the page)


Shape = TextShape | RectShape | PictureShape | TableShape


@dataclass(frozen=True)
class PlacedSlide:
    kind: str
    shapes: tuple[Shape, ...]
    notes: tuple[str, ...] = ()
    background: str | None = None
    source: SourceSpan | None = None
    title: str = ""
    art: tuple[tuple[str, Box], ...] = ()  # what the template draws on this slide and content must leave clear
    backdrop: tuple[tuple[Box, str], ...] = ()  # what text sits on: the slide background, then template fills
    content: Box | None = None  # the content area between title and footer; None on cover, agenda and closing


@dataclass(frozen=True)
class PlacedDeck:
    slides: tuple[PlacedSlide, ...]
    width_in: float
    height_in: float
    title: str
    language_tag: str
    latin_font: str
    east_asian_font: str
