"""Timelines: campaign nodes as dots on a month axis, each with its name and its figure on a stem above it.

A node sits at its date (``dates[i]``), its dot's area follows series[0] (a missing value gives a medium
dot) and its colour the node's tone. Above the dot a thin stem carries the node's name in bold and, under
the name, its label (series[0].labels). Nodes too close for their texts to sit side by side get stems of
different heights. The axis shows months ("1月" in a Chinese chart, "Jan" otherwise) with the year under the
first one and under each January.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .spec import ChartSpec
from .style import (
    ChartStyle,
    DataLabel,
    Drawn,
    fit_lines,
    has_cjk,
    label_at,
    mix,
    shorten,
    text_em,
    tone_colour,
    tone_key,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_STEPS = (1, 2, 3, 6, 12)  # label every k-th month when there is no room for all
MIN_DOT_PT = 7.0
MEDIUM_DOT_PT = 12.0
MAX_DOT_PT = 24.0
STEM_PT = 14.0  # shortest stem, above the largest dot's top
BLOCK_GAP_PT = 8.0  # least room between two texts on one level
LEVEL_GAP_PT = 6.0  # between a text and the next level's stem top
MAX_LEVELS = 4
NAME_MAX_EM = 9.0
VALUE_MAX_EM = 16.0
LAYOUT_PT = 12.0  # figure padding, in points, that the plot area does not get
FILL = 0.82  # the highest texts reach this share of the plot's height (less with fewer levels)
FILL_ONE, FILL_STEP = 0.6, 0.14
LOWEST = 0.45  # with several levels, the lowest texts start at this share of the highest ones' bottom


@dataclass
class Node:
    index: int
    day: int
    name: str
    value: str
    colour: str
    dot_pt: float
    half_pt: float  # half the width of the node's texts (or dot), in points
    level: int = 0


def draw(ax: Axes, spec: ChartSpec, style: ChartStyle) -> Drawn:
    theme = style.theme
    series = spec.series[0]
    cjk = has_cjk([*spec.categories, *series.labels])
    name_pt, value_pt = style.tick_pt, style.label_pt
    dots = _dot_sizes(series.values, style)
    nodes = []
    for i, category in enumerate(spec.categories):
        name = fit_lines(category, NAME_MAX_EM, 2)
        value = shorten(label_at(series.labels, i), VALUE_MAX_EM)
        tone = spec.tones[i] if i < len(spec.tones) else "neutral"
        half = max(text_em(name) * name_pt * 1.08, text_em(value) * value_pt, dots[i]) / 2
        day = dt.date.fromisoformat(spec.dates[i]).toordinal()
        nodes.append(Node(i, day, name, value, tone_colour(tone, style), dots[i], half))
    nodes.sort(key=lambda n: (n.day, n.index))

    # the plot area, in points: the month labels (and the lower halves of the dots) lie below it
    max_dot = max(dots)
    month_lines = 2
    tick_pad = max_dot / 2 + 3
    width_pt = max(style.width_in * 72 - LAYOUT_PT, 36.0)
    height_pt = max(style.height_in * 72 - LAYOUT_PT - tick_pad - month_lines * style.tick_pt * 1.25, 36.0)

    low, high = _date_range(nodes, width_pt)
    per_day = width_pt / (high - low)
    name_h = max(n.name.count("\n") + 1 for n in nodes) * name_pt * 1.25
    value_h = value_pt * 1.3 if any(n.value for n in nodes) else 0.0
    block_pt = name_h + value_h
    base_pt = max_dot / 2 + STEM_PT
    step_pt = block_pt + LEVEL_GAP_PT
    room = int((height_pt - base_pt - block_pt) // step_pt) + 1
    levels = _assign_levels(nodes, low, per_day, max(1, min(MAX_LEVELS, room)))
    # use the height: the highest texts reach about FILL of the plot, lower levels spread evenly below them
    fill = min(FILL, FILL_ONE + FILL_STEP * (levels - 1))
    top_pt = max(base_pt + (levels - 1) * step_pt + block_pt, min(height_pt * fill, height_pt - 4))
    if levels == 1:
        base_pt = max(base_pt, top_pt - block_pt)
    else:
        base_pt = max(base_pt, min((top_pt - block_pt) * LOWEST, top_pt - block_pt - (levels - 1) * step_pt))
        step_pt = (top_pt - block_pt - base_pt) / (levels - 1)

    ax.set_facecolor("none")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    track = ax.spines["bottom"]
    track.set_color(mix(theme.muted, theme.background, 0.35))
    track.set_linewidth(1.4)
    ax.set_xlim(low, high)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    _month_axis(ax, low, high, per_day, cjk, style, tick_pad, spec.month_names)

    stem_colour = mix(theme.muted, theme.background, 0.45)
    labels: list[DataLabel] = []
    lines = []
    for node in nodes:
        (dot,) = ax.plot(
            [node.day],
            [0.0],
            linestyle="none",
            marker="o",
            markersize=node.dot_pt,
            color=node.colour,
            markeredgecolor=theme.background,
            markeredgewidth=1.4,
            zorder=5,
            clip_on=False,
        )
        lines.append(dot)
        bottom = base_pt + node.level * step_pt
        ax.annotate(  # the stem, from the dot up to the texts
            "",
            xy=(node.day, 0.0),
            xytext=(0, bottom - 2),
            textcoords="offset points",
            arrowprops={
                "arrowstyle": "-",
                "color": stem_colour,
                "linewidth": 0.9,
                "shrinkA": 0,
                "shrinkB": node.dot_pt / 2 + 1.5,
            },
            annotation_clip=False,
            zorder=4,
        ).set_in_layout(False)
        if node.value:
            labels.append(_text(ax, node.day, bottom, node.value, value_pt, theme.text, style))
        text_bottom = bottom + (value_h if node.value else 0.0)
        labels.append(_text(ax, node.day, text_bottom, node.name, name_pt, theme.text, style, bold=True))
    tone_key(ax, spec, style)
    return Drawn(labels=labels, lines=lines)


def _dot_sizes(values, style: ChartStyle) -> list[float]:
    """Dot diameters in points: area proportional to the value, a medium dot where it is missing."""
    largest = min(MAX_DOT_PT, style.height_in * 72 * 0.07)
    found = [v for v in values if v is not None and math.isfinite(v) and v >= 0]
    top = max(found, default=0.0)
    sizes = []
    for value in values:
        if value is None or not math.isfinite(value) or value < 0 or top <= 0:
            sizes.append(min(MEDIUM_DOT_PT, largest))
        else:
            sizes.append(max(MIN_DOT_PT, largest * math.sqrt(value / top)))
    return sizes


def _month_start(day: int) -> int:
    date = dt.date.fromordinal(day)
    return date.replace(day=1).toordinal()


def _next_month(day: int) -> int:
    date = dt.date.fromordinal(day)
    year, month = (date.year + 1, 1) if date.month == 12 else (date.year, date.month + 1)
    return dt.date(year, month, 1).toordinal()


def _date_range(nodes: list[Node], width_pt: float) -> tuple[float, float]:
    """Whole months from the first node's to the last node's, widened so that every text fits."""
    low = float(_month_start(nodes[0].day))
    high = float(_next_month(nodes[-1].day))
    for _ in range(8):
        per_day = width_pt / (high - low)
        need_low = min(n.day - (n.half_pt + 2) / per_day for n in nodes)
        need_high = max(n.day + (n.half_pt + 2) / per_day for n in nodes)
        if need_low >= low - 1e-9 and need_high <= high + 1e-9:
            break
        low, high = min(low, need_low), max(high, need_high)
    return low, high


def _assign_levels(nodes: list[Node], low: float, per_day: float, most: int) -> int:
    """Give each node (in date order) the lowest level where its texts clear the previous node's there;
    returns the number of levels used."""
    rights: list[float] = []
    for node in nodes:
        x = (node.day - low) * per_day
        free = [k for k, right in enumerate(rights) if x - node.half_pt >= right + BLOCK_GAP_PT]
        if free:
            level = free[0]
        elif len(rights) < most:
            level = len(rights)
            rights.append(-math.inf)
        else:
            level = min(range(len(rights)), key=lambda k: (rights[k], k))
        node.level = level
        rights[level] = x + node.half_pt
    return max(len(rights), 1)


def _month_axis(
    ax: Axes, low: float, high: float, per_day: float, cjk: bool, style: ChartStyle, pad: float,
    names: tuple[str, ...] = (),
) -> None:
    """Month boundaries as small ticks across the track, month names under the middle of each month
    (the deck's own names when the spec carries them)."""
    theme = style.theme
    boundaries = []
    day = _month_start(math.ceil(low))
    if day < low:
        day = _next_month(day)
    while day <= high:
        boundaries.append(day)
        day = _next_month(day)
    widest = text_em("12月" if cjk else "May") * style.tick_pt + 6
    step = next((k for k in MONTH_STEPS if 30.44 * k * per_day >= widest), MONTH_STEPS[-1])
    positions, texts = [], []
    first = True
    start = _month_start(math.floor(low))
    while start < high:
        end = _next_month(start)
        seen_from, seen_to = max(start, low), min(end, high)
        date = dt.date.fromordinal(start)
        if (date.month - 1) % step == 0 and seen_to - seen_from >= 0.45 * (end - start):
            text = names[date.month - 1] if len(names) == 12 else (
                f"{date.month}月" if cjk else MONTH_NAMES[date.month - 1])
            if first or date.month == 1:
                text += f"\n{date.year}年" if cjk else f"\n{date.year}"
            first = False
            positions.append((seen_from + seen_to) / 2)
            texts.append(text)
        start = end
    ax.set_xticks(positions, texts)
    ax.set_xticks(boundaries, minor=True)
    ax.tick_params(
        axis="x", which="major", length=0, pad=pad, labelsize=style.tick_pt, labelcolor=theme.muted
    )
    ax.tick_params(
        axis="x",
        which="minor",
        length=6,
        width=0.8,
        direction="inout",
        color=mix(theme.muted, theme.background, 0.35),
    )


def _text(
    ax: Axes,
    x: float,
    above_pt: float,
    text: str,
    size_pt: float,
    colour: str,
    style: ChartStyle,
    *,
    bold: bool = False,
) -> DataLabel:
    """A text centred ``above_pt`` points over the track at ``x``, hiding the lines behind it."""
    annotation = ax.annotate(
        text,
        xy=(x, 0.0),
        xytext=(0, above_pt),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=size_pt,
        fontweight="bold" if bold else "normal",
        color=colour,
        annotation_clip=False,
        zorder=6,
        # on the background colour, so that a neighbour's stem passes behind the text
        bbox={"boxstyle": "square,pad=0.15", "facecolor": style.theme.background, "edgecolor": "none"},
    )
    annotation.set_clip_on(False)
    annotation.set_in_layout(False)
    return DataLabel(annotation)
