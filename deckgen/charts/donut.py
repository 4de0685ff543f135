"""Donut charts: one series, one slice per category, share labels on the ring, a total in the hole."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .spec import AxisFormat, ChartSpec
from .style import ChartStyle, DataLabel, Drawn, contrast_text, fit_lines, label_at, put_label, text_em
from .ticks import format_scaled

if TYPE_CHECKING:
    from matplotlib.axes import Axes

RING_WIDTH = 0.36
INSIDE_SHARE = 0.05  # slices at least this big carry their label on the ring, smaller ones just outside


def draw(ax: Axes, spec: ChartSpec, style: ChartStyle) -> Drawn:
    theme = style.theme
    ax.set_facecolor("none")
    ax.set_aspect("equal")
    ax.axis("off")
    series = spec.series[0] if spec.series else None
    slices = []
    if series is not None:
        for index, (category, value) in enumerate(zip(spec.categories, series.values)):
            if value is not None and math.isfinite(value) and value > 0:
                slices.append((index, category, value))
    total = sum(value for _, _, value in slices)
    if not slices:
        _centre(ax, spec.center_label, style)
        return Drawn()
    colours = [theme.palette[index % len(theme.palette)] for index, _, _ in slices]
    wedges, _ = ax.pie(
        [value for _, _, value in slices],
        colors=colours,
        startangle=90,
        counterclock=False,
        radius=1.0,
        wedgeprops={"width": RING_WIDTH, "edgecolor": theme.background, "linewidth": 1.5},
    )
    labels: list[DataLabel] = []
    pct_fmt = share_format(spec.primary_axis)
    shares = []
    for wedge, colour, (_, _, value) in zip(wedges, colours, slices):
        share = value / total
        shares.append(format_scaled(share * 100, pct_fmt))
        if share >= INSIDE_SHARE:  # smaller slices show their share in the legend only
            angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
            radius = 1.0 - RING_WIDTH / 2
            labels.append(
                put_label(
                    ax,
                    radius * math.cos(angle),
                    radius * math.sin(angle),
                    shares[-1],
                    style,
                    ha="center",
                    va="center",
                    colour=contrast_text(colour, style),
                    inside=wedge,
                )
            )
    _centre(ax, spec.center_label, style)
    ax.set_xlim(-1.03, 1.03)
    ax.set_ylim(-1.03, 1.03)
    if spec.show_legend:
        names = [
            _legend_name(category, label_at(series.labels, index) if series else "", share)
            for (index, category, _), share in zip(slices, shares)
        ]
        _legend(ax, style, wedges, names)
    return Drawn(labels=labels)


def share_format(fmt: AxisFormat) -> AxisFormat:
    """Shares as "23.4%" in the deck's separators (and its percent suffix when the axis is a percentage)."""
    is_percent = fmt.kind == "percent"
    return AxisFormat(
        kind="percent",
        decimals=fmt.decimals if is_percent and fmt.decimals else 1,
        suffix=fmt.suffix if is_percent else "",
        decimal_sep=fmt.decimal_sep,
        group_sep=fmt.group_sep,
    )


def _legend_name(category: str, value_label: str, share: str) -> str:
    """ "天猫  45.0%", or with the series' value label "天猫  450万 · 45.0%"."""
    return f"{category}  {value_label} · {share}" if value_label else f"{category}  {share}"


def _centre(ax: Axes, label: str, style: ChartStyle) -> None:
    """The hole's text: a caption in muted colour over a bold figure ("总计\\n5,826.3万")."""
    if not label:
        return
    lines = label.split("\n")
    value, caption = lines[-1], "\n".join(lines[:-1])
    hole_em = 2 * (1 - RING_WIDTH) * 0.8
    value_pt = style.base_pt * 1.5
    # shrink a long figure so it stays inside the hole (the axes spans about 2.4 radii of the pie)
    pie_pt = min(style.width_in, style.height_in) * 72 * 0.8 / 2.4 * hole_em
    if text_em(value) * value_pt > pie_pt:
        value_pt = max(style.base_pt, pie_pt / max(text_em(value), 1.0))
    if caption:
        ax.text(
            0,
            0,
            caption,
            ha="center",
            va="bottom",
            fontsize=style.label_pt,
            color=style.theme.muted,
            transform=ax.transData,
        ).set_in_layout(False)
        ax.annotate(
            value,
            xy=(0, 0),
            xytext=(0, -2),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=value_pt,
            fontweight="bold",
            color=style.theme.text,
        ).set_in_layout(False)
    else:
        ax.text(
            0,
            0,
            value,
            ha="center",
            va="center",
            fontsize=value_pt,
            fontweight="bold",
            color=style.theme.text,
        ).set_in_layout(False)


def _legend(ax: Axes, style: ChartStyle, wedges: list, names: list[str]) -> None:
    """Beside the ring in a wide box, below it in a tall one."""
    common = {
        "frameon": False,
        "fontsize": style.legend_pt,
        "labelcolor": style.theme.text,
        "handlelength": 1.0,
        "handleheight": 1.0,
        "handletextpad": 0.5,
        "borderaxespad": 0.0,
        "borderpad": 0.0,
    }
    if style.width_in >= style.height_in * 1.25:
        max_em = (style.width_in - style.height_in) * 72 * 0.9 / style.legend_pt - 2
        names = [fit_lines(n, max(max_em, 6.0), 2) for n in names]
        ax.legend(
            wedges, names, loc="center left", bbox_to_anchor=(1.02, 0.5), ncols=1, labelspacing=0.7, **common
        )
    else:
        for columns in (3, 2, 1):  # as many columns as keep every name whole
            max_em = style.width_in * 72 / columns / style.legend_pt - 3
            if columns == 1 or (columns <= len(names) and all(text_em(n) <= max_em for n in names)):
                break
        names = [fit_lines(n, max(max_em, 4.0), 2) for n in names]
        ax.legend(
            wedges,
            names,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.02),
            ncols=columns,
            columnspacing=1.2,
            **common,
        )
