"""Slide specs: what each slide says, decided before any geometry or drawing."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..charts.spec import ChartSpec
from ..errors import SourceSpan

GOOD, BAD, NEUTRAL = "good", "bad", "neutral"


@dataclass(frozen=True)
class Delta:
    label: str  # 同比 / vs target
    text: str  # +23.4% / 97.1%
    tone: str = NEUTRAL


@dataclass(frozen=True)
class KpiCard:
    label: str
    value: str
    deltas: tuple[Delta, ...] = ()


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str = ""
    presenter: str = ""
    date: str = ""


@dataclass(frozen=True)
class Agenda:
    items: tuple[str, ...]
    current: int | None = None  # highlighted item on a section divider
    subtitle: str = ""


@dataclass(frozen=True)
class Kpis:
    cards: tuple[KpiCard, ...]
    commentary: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chart:
    chart: ChartSpec
    commentary: tuple[str, ...] = ()
    native: bool = False  # an editable PowerPoint chart instead of a picture


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str = NEUTRAL
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    commentary: tuple[str, ...] = ()
    show: str = "auto"  # auto | table | cards: two rows of figures are shown as comparison cards


@dataclass(frozen=True)
class CardItem:
    title: str
    text: tuple[str, ...]
    figure: str = ""  # an optional headline number


@dataclass(frozen=True)
class Cards:
    cards: tuple[CardItem, ...]
    commentary: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Executive:
    """The executive summary after the cover: the deck's strongest findings, each pointing to its evidence."""

    items: tuple[tuple[int, str, str], ...]  # (number, subject, finding)
    evidence: tuple[SourceSpan | None, ...] = ()  # per item: the slide that shows it, by its outline position
    see: str = ""  # how a page reference reads, with {page}; filled in once slides are numbered


@dataclass(frozen=True)
class Highlights:
    """亮点与不足: what beat and what missed expectations, side by side."""

    highlights: tuple[str, ...]
    shortfalls: tuple[str, ...]
    highlights_title: str
    shortfalls_title: str


@dataclass(frozen=True)
class TreeNode:
    label: str
    current: str
    required: str
    change: str
    tone: str = NEUTRAL
    solved: bool = False  # the factor derived from the goal and the others


@dataclass(frozen=True)
class Tree:
    """A target tree: the goal on top, the factors that multiply to it below."""

    root_label: str
    root_value: str
    children: tuple[TreeNode, ...]
    current_word: str
    required_word: str
    commentary: tuple[str, ...] = ()


@dataclass(frozen=True)
class Callout:
    """A section with no slides of its own: its conclusion as the slide."""

    text: str


@dataclass(frozen=True)
class Closing:
    text: str
    subtitle: str = ""


Body = Cover | Agenda | Kpis | Chart | Table | Cards | Bullets | Executive | Highlights | Tree | Callout | Closing


@dataclass(frozen=True)
class SlideSpec:
    kind: str  # the layout name in layouts/
    title: str
    body: Body
    section: str = ""
    conclusion: str = ""  # the highlighted section conclusion shown at the bottom
    conclusion_label: str = ""
    notes: tuple[str, ...] = ()
    source: SourceSpan | None = None  # the outline line that produced this slide
    footer: str = ""
    page: int = 0


@dataclass(frozen=True)
class DeckSpec:
    title: str
    locale: str
    slides: tuple[SlideSpec, ...]
    warnings: tuple[str, ...] = field(default=())
