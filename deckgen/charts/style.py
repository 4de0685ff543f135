"""The look every chart shares: fonts and sizes, colours, axes, value axes, category labels, legends and data
labels. Chart modules draw their marks and call these helpers, so all charts of a deck match.

Data labels are placed in two passes: charts create them, then :func:`charts.finish.finish` lays the figure out once,
widens value axes until every label sits inside the plot area, and hides labels that would collide.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..theme import ChartType, Theme
from .label_text import fit_lines, shorten, text_em, wrap_label
from .spec import AxisFormat, ChartSpec
from .ticks import aligned_ticks, axis_scale, make_tick_formatter, nice_ticks, zero_aligned_ticks

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.text import Text

MAX_TICKS = 5


@dataclass(frozen=True)
class ChartStyle(ChartType):
    """A theme applied to one chart box: fonts, point sizes and colours."""

    theme: Theme
    families: tuple[str, ...]
    width_in: float
    height_in: float

    def rc(self) -> dict[str, Any]:
        """matplotlib settings for one render (used inside ``rc_context``, never set globally)."""
        return {
            "font.family": list(self.families),
            "font.size": self.base_pt,
            "axes.unicode_minus": False,  # CJK fonts may lack U+2212; tick labels are formatted here anyway
            "text.parse_math": False,  # "$1,200 - $900" is money, not TeX
            "text.color": self.theme.text,
            "axes.edgecolor": self.theme.muted,
            "axes.labelcolor": self.theme.text,
            "xtick.color": self.theme.muted,
            "ytick.color": self.theme.muted,
            "legend.frameon": False,
            "figure.facecolor": self.theme.background,
            "savefig.facecolor": self.theme.background,
            "svg.hashsalt": "deckgen",
        }


@dataclass
class ValueAxis:
    """A value axis in display units: its data range, its format and the round ticks chosen for it.

    ``align_to`` makes a secondary axis use as many intervals as the primary, so both share grid lines.
    """

    ax: Axes
    fmt: AxisFormat
    low: float
    high: float
    orientation: str = "y"  # "y" (vertical values) or "x" (barh)
    align_to: ValueAxis | None = None
    fixed: bool = False  # limits never change (100% stacked)
    ticks: list[float] = field(default_factory=list)
    labelled_from: float | None = None  # no tick labels below this value (room made under a line, not data)
    zero_with: ValueAxis | None = None  # the other axis of a pair whose zeros sit at the same height

    def apply(self) -> None:
        integer = self.fmt.decimals == 0 and self.high - self.low >= 4
        if self.zero_with is not None:
            self.ticks, self.zero_with.ticks = zero_aligned_ticks(
                (self.low, self.high), (self.zero_with.low, self.zero_with.high))
            self._set_ticks()
            self.zero_with._set_ticks()
            return
        if self.align_to is not None and len(self.align_to.ticks) > 1:
            self.ticks = aligned_ticks(self.low, self.high, len(self.align_to.ticks) - 1, integer)
        else:
            self.ticks = nice_ticks(self.low, self.high, MAX_TICKS, integer)
        self._set_ticks()

    def _set_ticks(self) -> None:
        from matplotlib.ticker import FixedLocator

        axis = self.ax.yaxis if self.orientation == "y" else self.ax.xaxis
        limits = (self.ticks[0], self.ticks[-1])
        if self.orientation == "y":
            self.ax.set_ylim(*limits)
        else:
            self.ax.set_xlim(*limits)
        axis.set_major_locator(FixedLocator(self.ticks))
        axis.set_major_formatter(make_tick_formatter(self.fmt, self.labelled_from))

    def fit(self, labels: Sequence[DataLabel], renderer: Any) -> bool:
        """Widen the range so that every visible label of this axis stays inside the plot area."""
        if self.fixed:
            return False
        box = self.ax.get_window_extent(renderer)
        vertical = self.orientation == "y"
        size_px = box.height if vertical else box.width
        low, high = self.ticks[0], self.ticks[-1]
        need_low, need_high = low, high
        for label in labels:
            if label.value_axis is not self or not label.text.get_visible() or label.inside is not None:
                continue
            extent = label.text.get_window_extent(renderer)
            value = label.text.xy[1] if vertical else label.text.xy[0]
            anchor_px = self.ax.transData.transform(label.text.xy)[1 if vertical else 0]
            after = (extent.y1 if vertical else extent.x1) - anchor_px  # pixels beyond the anchor, upwards
            before = anchor_px - (extent.y0 if vertical else extent.x0)
            margin = 2.0
            if after > 0 and after + margin < size_px:
                need_high = max(need_high, low + (value - low) * size_px / (size_px - after - margin))
            if before > 0 and before + margin < size_px:
                need_low = min(
                    need_low, (value * size_px - (before + margin) * high) / (size_px - before - margin)
                )
        if need_high <= high + 1e-12 and need_low >= low - 1e-12:
            return False
        self.low, self.high = min(self.low, need_low), max(self.high, need_high)
        self.apply()
        return True


@dataclass
class DataLabel:
    """A data label; ``inside`` is the bar it must fit in (hidden when it does not)."""

    text: Text
    value_axis: ValueAxis | None = None
    inside: Any = None
    flip: bool = False  # may move to the other side of its point when a line runs through it


@dataclass
class Drawn:
    """What a chart module hands back: its data labels and value axes, for :func:`finish`."""

    labels: list[DataLabel] = field(default_factory=list)
    value_axes: list[ValueAxis] = field(default_factory=list)
    lines: list[Any] = field(default_factory=list)  # Line2D whose point markers labels must not cover
    bars: list[Any] = field(default_factory=list)  # bar patches a point label should not move onto


# ---------------------------------------------------------------------------------------------- values


def scaled(values: Sequence[float | None], fmt: AxisFormat) -> list[float]:
    """Values in display units; None (a gap) becomes NaN."""
    factor = axis_scale(fmt)
    return [math.nan if v is None or not math.isfinite(v) else v * factor for v in values]


def finite(values: Sequence[float]) -> list[float]:
    return [v for v in values if math.isfinite(v)]


def data_range(values: Sequence[float], include_zero: bool) -> tuple[float, float]:
    """The span of the values; zero is included for bars, and for lines far from their mean."""
    numbers = finite(values)
    if not numbers:
        return 0.0, 1.0
    low, high = min(numbers), max(numbers)
    if include_zero or (low >= 0 and low <= 0.5 * high) or (high <= 0 and high >= 0.5 * low):
        return min(low, 0.0), max(high, 0.0)
    return _widened(low, high)


MIN_SPAN = 0.05  # a line far from zero spans at least this share of its level


def _widened(low: float, high: float) -> tuple[float, float]:
    """A line axis cut far from zero still spans 5 % of the values' level, around their middle: a shop score
    moving between 4.78 and 4.83 must not look like a collapse when the axis would run 4.76–4.84."""
    span = MIN_SPAN * max(abs(low), abs(high))
    if high - low >= span:
        return low, high
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


def label_at(labels: Sequence[str], index: int) -> str:
    if index < len(labels) and labels[index]:
        return labels[index]
    return ""


# ---------------------------------------------------------------------------------------------- axes


def style_axes(ax: Axes, style: ChartStyle, value_axis: str = "y") -> None:
    """No frame but a baseline, a thin grid on the value axis only, quiet tick labels."""
    theme = style.theme
    ax.set_facecolor("none")
    ax.set_axisbelow(True)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    base = ax.spines["bottom" if value_axis == "y" else "left"]
    base.set_visible(True)
    base.set_color(theme.muted)
    base.set_linewidth(0.8)
    values, categories = (ax.yaxis, ax.xaxis) if value_axis == "y" else (ax.xaxis, ax.yaxis)
    values.grid(True, color=theme.grid, linewidth=0.6)
    categories.grid(False)
    ax.tick_params(axis=value_axis, length=0, pad=4, labelsize=style.tick_pt, labelcolor=theme.muted)
    ax.tick_params(
        axis="x" if value_axis == "y" else "y",
        length=0,
        pad=5,
        labelsize=style.tick_pt,
        labelcolor=theme.text,
    )


def style_secondary_axes(ax2: Axes, style: ChartStyle) -> None:
    ax2.set_facecolor("none")
    for side in ("top", "right", "left", "bottom"):
        ax2.spines[side].set_visible(False)
    ax2.grid(False)
    ax2.tick_params(axis="y", length=0, pad=4, labelsize=style.tick_pt, labelcolor=style.theme.muted)


def zero_line(ax: Axes, style: ChartStyle, low: float, high: float, orientation: str = "y") -> None:
    """A baseline at zero when zero lies inside the value axis (bars going both ways)."""
    if low < 0 < high:
        line = ax.axhline if orientation == "y" else ax.axvline
        line(0, color=style.theme.muted, linewidth=0.8, zorder=2)
        ax.spines["bottom" if orientation == "y" else "left"].set_visible(False)


# ---------------------------------------------------------------------------------------------- text

def set_categories(ax: Axes, categories: Sequence[str], style: ChartStyle, reserved_in: float = 0.9) -> None:
    """Category labels under columns: as they are, wrapped, slanted, or every k-th one when space is short.

    ``reserved_in`` is the width taken by value tick labels and margins, to estimate each category's slot.
    """
    count = len(categories)
    positions = list(range(count))
    ax.set_xlim(-0.5, count - 0.5)
    plot_pt = max(style.width_in - reserved_in, 1.0) * 72
    slot_em = plot_pt / max(count, 1) / style.tick_pt * 0.9
    texts = list(categories)
    if all(text_em(t) <= slot_em for t in texts):
        ax.set_xticks(positions, texts)
        return
    max_lines = 3 if style.height_in >= 2.5 else 2
    wrapped = [wrap_label(t, slot_em) for t in texts]
    if all(len(lines) <= max_lines and all(text_em(line) <= slot_em for line in lines) for lines in wrapped):
        ax.set_xticks(positions, ["\n".join(lines) for lines in wrapped])
        return
    # slanted labels need a slot of one line height / sin(angle) to stay apart
    angle = 30 if slot_em >= 2.5 else 45 if slot_em >= 1.8 else 0
    if angle == 0 or count > 16:  # a long ordered axis (days, weeks) or no room: every k-th label, level
        widest = max(text_em(t) for t in texts)
        step = max(2, math.ceil((widest + 1.0) / slot_em))
        shown = positions[::step]
        ax.set_xticks(shown, [texts[i] for i in shown])
        return
    max_em = min(12.0, style.height_in * 72 * 0.3 / style.tick_pt / math.sin(math.radians(angle)))
    ax.set_xticks(positions, [shorten(t, max_em) for t in texts])
    for tick in ax.get_xticklabels():
        tick.set_rotation(angle)
        tick.set_horizontalalignment("right")
        tick.set_rotation_mode("anchor")


def set_categories_barh(
    ax: Axes, categories: Sequence[str], style: ChartStyle, reserved_in: float = 0.8
) -> None:
    """Category labels beside horizontal bars (first category on top), wrapped and shortened to fit."""
    count = len(categories)
    positions = list(range(count))
    ax.set_ylim(count - 0.5, -0.5)
    slot_pt = max(style.height_in - reserved_in, 0.5) * 72 / max(count, 1)
    max_lines = max(1, min(3, int(slot_pt / (style.tick_pt * 1.25))))
    max_em = style.width_in * 72 * 0.32 / style.tick_pt
    ax.set_yticks(positions, [fit_lines(t, max_em, max_lines) for t in categories])


def shade_bands(ax: Axes, bands: Sequence[tuple[int, int, str]], style: ChartStyle) -> None:
    """Campaign phases (presale, main period) as tinted spans behind the marks, each named at the top of
    the plot; a band of one category is still a category wide."""
    theme = style.theme
    for number, (first, last, name) in enumerate(bands):
        tint = mix(theme.accent, theme.background, 0.9 if number % 2 == 0 else 0.95)
        ax.axvspan(first - 0.5, last + 0.5, color=tint, linewidth=0, zorder=0.5)
        text = ax.annotate(name, xy=((first + last) / 2, 1.0), xycoords=("data", "axes fraction"), xytext=(0, -3),
                           textcoords="offset points", ha="center", va="top", fontsize=style.label_pt,
                           color=theme.muted, annotation_clip=False, zorder=1)
        text.set_in_layout(False)


def add_legend(ax: Axes, style: ChartStyle, handles: list, names: list[str], minimum: int = 2) -> None:
    """One row above the plot area, left-aligned, no frame (more rows only if one would not fit); none for
    fewer than ``minimum`` entries (one series needs no legend, one colour with a meaning does)."""
    if len(handles) < minimum or not handles:
        return
    entry_em = [1.2 + 0.4 + text_em(n) + 1.5 for n in names]
    available_em = (style.width_in * 72 - 16) / style.legend_pt
    columns = len(names)
    while (
        columns > 1
        and max(sum(entry_em[i : i + columns]) for i in range(0, len(names), columns)) > available_em
    ):
        columns -= 1
    ax.legend(
        handles,
        names,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.02),
        ncols=columns,
        frameon=False,
        fontsize=style.legend_pt,
        labelcolor=style.theme.text,
        handlelength=1.2,
        handleheight=0.7,
        handletextpad=0.4,
        columnspacing=1.5,
        borderaxespad=0.0,
        borderpad=0.0,
    )


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` moved ``share`` (0–1) of the way towards ``other``, as "#RRGGBB" (tints and shades)."""
    first, second = ([int(c.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)] for c in (colour, other))
    share = min(max(share, 0.0), 1.0)
    return "#" + "".join(f"{round(a + (b - a) * share):02X}" for a, b in zip(first, second))


def tone_colour(tone: str, style: ChartStyle) -> str:
    """The colour of a per-category tone: favourable, unfavourable, else the primary colour."""
    theme = style.theme
    return {"good": theme.good, "bad": theme.bad}.get(tone, theme.primary)


def tone_key(ax: Axes, spec: ChartSpec, style: ChartStyle) -> None:
    """A legend saying what the favourable and unfavourable colours mean (``spec.key``: their two names),
    for the tones the chart uses."""
    if len(spec.key) != 2:
        return
    from matplotlib.patches import Patch

    used = set(spec.tones)
    entries = [(Patch(color=tone_colour(tone, style)), name) for tone, name in zip(("good", "bad"), spec.key)
               if tone in used]
    add_legend(ax, style, [handle for handle, _ in entries], [name for _, name in entries], minimum=1)


def has_cjk(texts: Sequence[str]) -> bool:
    """Whether any of ``texts`` has a full-width (Chinese, Japanese, Korean) character."""
    return any(unicodedata.east_asian_width(c) in ("W", "F") for text in texts for c in text)


def contrast_text(fill: str, style: ChartStyle) -> str:
    """White on dark fills, the theme's text colour on light ones."""
    red, green, blue = (int(fill.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#FFFFFF" if luminance < 0.6 else style.theme.text


def put_label(
    ax: Axes,
    x: float,
    y: float,
    text: str,
    style: ChartStyle,
    *,
    dx: float = 0.0,
    dy: float = 0.0,
    ha: str = "center",
    va: str = "bottom",
    colour: str | None = None,
    halo: bool = False,
    value_axis: ValueAxis | None = None,
    inside: Any = None,
    size_pt: float | None = None,
    weight: str = "normal",
    flip: bool = False,
) -> DataLabel:
    """A data label at data point (x, y), offset by (dx, dy) points; kept out of the layout computation."""
    annotation = ax.annotate(
        text,
        xy=(x, y),
        xytext=(dx, dy),
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=size_pt or style.label_pt,
        color=colour or style.theme.text,
        fontweight=weight,
        annotation_clip=False,
        zorder=6,
    )
    annotation.set_clip_on(False)
    annotation.set_in_layout(False)
    if halo:
        from matplotlib import patheffects

        annotation.set_path_effects(
            [patheffects.withStroke(linewidth=2.4, foreground=style.theme.background)]
        )
    return DataLabel(annotation, value_axis, inside, flip)
