"""Funnel charts: one centred bar per stage, widest first, and the conversion from each stage to the next.

Bar widths follow the stage sizes, or step down evenly when a stage is tiny; stage names sit at the left,
sizes inside the bars (beside a bar too narrow for them), and the conversion notes in a column at the right,
each beside a curved arrow from one stage to the next. Stages are tints of the primary colour, darkest first.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .spec import ChartSpec
from .style import (
    ChartStyle,
    DataLabel,
    Drawn,
    contrast_text,
    fit_lines,
    label_at,
    mix,
    put_label,
    set_categories_barh,
    text_em,
)
from .ticks import format_axis_value

if TYPE_CHECKING:
    from matplotlib.axes import Axes

BAR_HEIGHT = 0.64  # share of a stage's slot taken by its bar
MIN_WIDTH = 0.025  # share of the widest bar below which a stage is drawn as a sliver of this width
STEPPED_BELOW = 0.2  # a stage under this share of the widest switches the funnel to stepped widths
STEPPED_NARROWEST = 0.3  # the last stage's width in a stepped funnel
LIGHTEST = 0.62  # the last stage's tint: share of the way from the primary colour to the background
ARROW_PT = 16  # width of the arrow column, in points
ARROW_INSET = 0.12  # an arrow runs from this far below a stage's middle to this far above the next one's
MAX_BEND = 0.45  # curvature of the arrows (arc3 "rad") when the stages are close
NOTE_GAP_PT = 5  # between an arrow and its note, and between the funnel and the arrows
LAYOUT_SLACK_PT = 14  # figure padding and the error of text width estimates
MAX_FUNNEL_ASPECT = 2.6  # the funnel is at most this many times as wide as it is tall
MAX_NOTE_SHARE = 0.3  # the notes take at most this share of the plot's width
BREAK_INSET = 0.035  # the broken-scale slashes: how far inside a bar's ends, their spacing and slant
BREAK_GAP = 0.018
BREAK_SLANT = 0.012


def draw(ax: Axes, spec: ChartSpec, style: ChartStyle) -> Drawn:
    theme = style.theme
    series = spec.series[0]
    count = len(spec.categories)
    values = [v if v is not None and math.isfinite(v) and v >= 0 else None for v in series.values]
    widest = max((v for v in values if v is not None), default=0.0)
    widths = stage_widths(values, widest)
    colours = [mix(theme.primary, theme.background, LIGHTEST * i / max(count - 1, 1)) for i in range(count)]

    ax.set_facecolor("none")
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xticks([])
    ax.tick_params(axis="y", length=0, pad=6, labelsize=style.tick_pt, labelcolor=theme.text)
    set_categories_barh(ax, spec.categories, style, reserved_in=0.3)

    # horizontal room, in points: stage names at the left, the funnel, then the arrows and notes
    names_pt = max(
        (
            text_em(line) * style.tick_pt
            for tick in ax.get_yticklabels()
            for line in tick.get_text().split("\n")
        ),
        default=0.0,
    )
    axes_pt = max(style.width_in * 72 - names_pt - 6 - LAYOUT_SLACK_PT, 36.0)
    most_em = axes_pt * MAX_NOTE_SHARE / style.label_pt  # a long note wraps (to two lines at most)
    notes = [fit_lines(note, most_em, 2) if i < count - 1 else "" for i, note in enumerate(spec.notes)]
    note_pt = max((text_em(n) * style.label_pt for n in notes if n), default=0.0)
    column_pt = NOTE_GAP_PT + ARROW_PT + NOTE_GAP_PT + note_pt + 2 if note_pt else 0.0
    funnel_pt = max(axes_pt - column_pt, axes_pt * 0.35)
    rows_pt = max(style.height_in * 72 - LAYOUT_SLACK_PT, 36.0)
    funnel_pt = min(funnel_pt, MAX_FUNNEL_ASPECT * rows_pt)
    left = 0.5 + (axes_pt - column_pt - funnel_pt) / funnel_pt  # spare room goes to the left of the funnel
    ax.set_xlim(-left, -left + axes_pt / funnel_pt)

    patches = []
    for stage, (width, colour) in enumerate(zip(widths, colours)):
        if width is None:
            continue
        (patch,) = ax.barh(
            stage, width, left=-width / 2, height=BAR_HEIGHT, color=colour, linewidth=0, zorder=3
        )
        patches.append(patch)
        following = widths[stage + 1] if stage + 1 < count else None
        if following is not None:  # a pale trapezoid joins the stage to the next one
            top, bottom = stage + BAR_HEIGHT / 2, stage + 1 - BAR_HEIGHT / 2
            ax.fill(
                [-width / 2, width / 2, following / 2, -following / 2],
                [top, top, bottom, bottom],
                color=mix(colour, theme.background, 0.8),
                linewidth=0,
                zorder=2,
            )

    labels: list[DataLabel] = []
    if widths != proportional_widths(values, widest):
        labels += _broken_scale(ax, widths, colours, spec, style)
    for stage in range(count - 1):
        note = label_at(notes, stage)
        if note:
            labels.append(_conversion(ax, stage, note, note_pt, rows_pt / count, style))
    for stage, (value, width, colour) in enumerate(zip(values, widths, colours)):
        text = label_at(series.labels, stage)
        if not text and not series.labels and value is not None:
            text = format_axis_value(value, spec.primary_axis)
        if not text:
            continue
        if width is None:  # no figure for this stage: its label (a dash) where the bar would be
            labels.append(
                put_label(ax, 0.0, stage, text, style, ha="center", va="center", colour=theme.muted)
            )
            continue
        text_pt = text_em(text) * style.base_pt * 1.06  # bold
        if text_pt + 10 <= width * funnel_pt:
            labels.append(
                put_label(
                    ax,
                    0.0,
                    stage,
                    text,
                    style,
                    ha="center",
                    va="center",
                    colour=contrast_text(colour, style),
                    size_pt=style.base_pt,
                    weight="bold",
                )
            )
        else:
            labels.append(
                put_label(
                    ax,
                    width / 2,
                    stage,
                    text,
                    style,
                    dx=5,
                    ha="left",
                    va="center",
                    size_pt=style.base_pt,
                    weight="bold",
                )
            )
    return Drawn(labels=labels, bars=patches)


def _conversion(
    ax: Axes, stage: int, note: str, note_pt: float, row_pt: float, style: ChartStyle
) -> DataLabel:
    """A curved arrow from ``stage`` down to the next one, at the right, with the conversion beside it."""
    from matplotlib.transforms import offset_copy

    theme = style.theme
    right = ax.get_yaxis_transform()  # x in axes fractions, y in stages
    # an arc bulges by bend × length / 2: keep it inside the arrow column, whatever the stages' spacing
    length_pt = max(row_pt * (1 - 2 * ARROW_INSET), 1.0)
    bend = min(MAX_BEND, 2 * (ARROW_PT - 3) / length_pt)
    arrow_x = -(2 + note_pt + NOTE_GAP_PT + ARROW_PT)
    ax.annotate(
        "",
        xy=(1.0, stage + 1 - ARROW_INSET),
        xycoords=offset_copy(right, fig=ax.figure, x=arrow_x, units="points"),
        xytext=(1.0, stage + ARROW_INSET),
        textcoords=offset_copy(right, fig=ax.figure, x=arrow_x, units="points"),
        arrowprops={
            "arrowstyle": "-|>,head_length=0.45,head_width=0.22",
            "connectionstyle": f"arc3,rad={-bend:.4f}",
            "color": theme.muted,
            "linewidth": 1.0,
            "shrinkA": 0,
            "shrinkB": 0,
        },
        annotation_clip=False,
        zorder=4,
    ).set_in_layout(False)
    text = ax.annotate(
        note,
        xy=(1.0, stage + 0.5),
        xycoords=right,
        xytext=(-(2 + note_pt), 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=style.label_pt,
        color=theme.text,
        annotation_clip=False,
        zorder=6,
    )
    text.set_in_layout(False)
    return DataLabel(text)


def _broken_scale(ax: Axes, widths: list[float | None], colours: list[str], spec: ChartSpec,
                  style: ChartStyle) -> list[DataLabel]:
    """Stepped widths say so: a double slash cuts both ends of every stage after the first (the sign of a
    broken scale), and a note under the funnel says the widths are not to scale."""
    background = style.theme.background
    for stage, width in enumerate(widths):
        if stage == 0 or width is None:
            continue
        for side in (-1, 1):
            for gap in (0.0, BREAK_GAP):
                x = side * (width / 2 - BREAK_INSET - gap)
                ax.plot([x - BREAK_SLANT, x + BREAK_SLANT], [stage + BAR_HEIGHT / 2 + 0.06, stage - BAR_HEIGHT / 2 - 0.06],
                        color=background, linewidth=2.2, solid_capstyle="butt", zorder=3.5)
    note = spec.key[0] if spec.key else ""
    if not note:
        return []
    text = ax.annotate(note, xy=(1.0, 0.0), xycoords="axes fraction", xytext=(-2, 2), textcoords="offset points",
                       ha="right", va="bottom", fontsize=style.label_pt, color=style.theme.muted, annotation_clip=False)
    text.set_in_layout(False)
    return [DataLabel(text)]


def proportional_widths(values: list[float | None], widest: float) -> list[float | None]:
    """Each stage's width in proportion to the widest, never thinner than a visible sliver."""
    return [None if v is None else max(v / widest if widest > 0 else 0.0, MIN_WIDTH) for v in values]


def stage_widths(values: list[float | None], widest: float) -> list[float | None]:
    """Widths in proportion to the stages when no stage is tiny; otherwise evenly stepped widths, as
    business funnels are drawn (1.29M visitors against 116K buyers would leave slivers), the sizes
    being written on the bars, the scale shown as broken (:func:`_broken_scale`)."""
    proportional = proportional_widths(values, widest)
    known = [w for w in proportional if w is not None]
    if not known or min(known) >= STEPPED_BELOW:
        return proportional
    count = len(values)
    step = (1.0 - STEPPED_NARROWEST) / max(count - 1, 1)
    return [None if v is None else 1.0 - i * step for i, v in enumerate(values)]
