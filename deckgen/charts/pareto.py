"""Pareto charts: the items as columns, largest first, and their cumulative share as a line on a 0–100% axis.

The "vital few" (the fewest leading items whose cumulative share reaches ``reference``) are drawn in the
primary colour, the rest in a muted tint (all in the primary colour without a reference). The reference is
a dashed line across the plot, labelled at its right end, and the cumulative share where the line reaches
it is labelled too. Bar labels move off the lines (inside the bar's top, or higher) when they would cross.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .bar import percent_format
from .spec import AxisFormat, ChartSpec
from .style import (
    ChartStyle,
    DataLabel,
    Drawn,
    ValueAxis,
    add_legend,
    contrast_text,
    label_at,
    mix,
    put_label,
    scaled,
    set_categories,
    style_axes,
    style_secondary_axes,
    text_em,
    wrap_label,
)
from .ticks import format_scaled, make_tick_formatter, tick_decimals

if TYPE_CHECKING:
    from matplotlib.axes import Axes

BAR_WIDTH = 0.62
SHARE_TICKS = (0.0, 25.0, 50.0, 75.0, 100.0)  # quarters, so that a reference such as 80% stands apart
MUTED_TINT = 0.55  # the other bars: the muted colour this far towards the background
RESERVED_IN = 1.6  # the width of both value axes' tick labels and the margins
MAX_LIFT_PT = 72  # a bar label may rise this far above its bar to clear the lines


def draw(ax: Axes, spec: ChartSpec, style: ChartStyle) -> Drawn:
    theme = style.theme
    style_axes(ax, style, "y")
    count = len(spec.categories)
    items, cumulative = spec.series[0], spec.series[1]
    heights = scaled(items.values, spec.primary_axis)
    shares = [v if v is not None and math.isfinite(v) else math.nan for v in cumulative.values]
    vital = vital_few(shares, spec.reference)
    if spec.tones:  # the story names the vital few itself (e.g. the top 20% of items)
        vital = next((i for i, tone in enumerate(spec.tones) if tone == "neutral"), len(spec.tones))
    strong = items.colour or theme.primary
    quiet = mix(theme.muted, theme.background, MUTED_TINT)

    # the right axis: the cumulative share, 0–100% in quarters (the grid lines are the left axis's)
    share_fmt = _share_format(spec.secondary_axis, spec.primary_axis)
    ax2 = ax.twinx()
    style_secondary_axes(ax2, style)
    from matplotlib.ticker import FixedLocator

    ax2.set_ylim(SHARE_TICKS[0], SHARE_TICKS[-1])
    ax2.yaxis.set_major_locator(FixedLocator(list(SHARE_TICKS)))
    ax2.yaxis.set_major_formatter(make_tick_formatter(share_fmt))

    kept = [i for i in range(count) if math.isfinite(heights[i])]
    container = ax.bar(
        kept,
        [heights[i] for i in kept],
        width=BAR_WIDTH,
        color=[strong if i < vital or spec.reference is None else quiet for i in kept],
        linewidth=0,
        zorder=3,
    )
    found = [heights[i] for i in kept]
    low, high = min([0.0, *found]), max([0.0, *found])
    left = ValueAxis(ax, spec.primary_axis, low, high if high > low else low + 1.0)
    left.apply()

    # the cumulative share, in axes fractions: its 0–1 runs exactly along the right axis's 0–100%
    line_colour = cumulative.colour or theme.accent
    (line,) = ax.plot(
        range(count),
        shares,
        transform=ax.get_xaxis_transform(),
        color=line_colour,
        linewidth=2.0,
        solid_capstyle="round",
        marker="o",
        markersize=4.5,
        markerfacecolor=theme.background,
        markeredgewidth=1.6,
        markeredgecolor=line_colour,
        zorder=4,
        clip_on=False,
    )

    labels: list[DataLabel] = []
    marks = []  # the share where the line reaches the reference
    obstacles = [line]
    if spec.reference is not None:
        reference_line, reference_label = _reference(ax, spec.reference, share_fmt, style)
        labels.append(reference_label)
        obstacles.append(reference_line)
        last = vital - 1
        if 0 <= last < count and math.isfinite(shares[last]):
            text = label_at(cumulative.labels, last) or format_scaled(shares[last] * 100, share_fmt, 1)
            mark = ax.annotate(
                text,
                xy=(last, shares[last]),
                xycoords=ax.get_xaxis_transform(),
                xytext=(-6, 5),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize=style.label_pt,
                fontweight="bold",
                color=line_colour,
                annotation_clip=False,
                zorder=7,
            )
            mark.set_in_layout(False)
            _halo(mark, style)
            labels.append(DataLabel(mark))
            marks.append(mark)
    bar_labels = []
    slot_pt = _plot_width_pt(style) / max(count, 1)
    side_by_side = all(text_em(t) * style.label_pt <= slot_pt * 0.95 for t in items.labels)
    for patch, i in zip(container.patches, kept):
        text = label_at(items.labels, i)
        if text and side_by_side:  # labels wider than their bars would be hidden one in two: none instead
            label = put_label(ax, i, heights[i], text, style, dy=3, va="bottom", value_axis=left, halo=True)
            bar_labels.append((label, patch))

    _set_items(ax, spec.categories, style)
    if spec.show_legend:
        from matplotlib.patches import Patch

        add_legend(ax, style, [Patch(color=strong), line], [items.name, cumulative.name])
    _off_the_lines(ax, bar_labels, obstacles, left, style)
    _under_the_top(ax, marks)
    if spec.reference is not None:
        others = [label.text for label, _ in bar_labels] + marks
        _place_reference(ax, reference_label.text, line, others, list(container.patches))
        _clear_of(ax, marks, reference_label.text)
    labels += [label for label, _ in bar_labels]
    return Drawn(labels=labels, value_axes=[left], lines=[line], bars=list(container.patches))


def _off_the_lines(
    ax: Axes, labels: list[tuple[DataLabel, Any]], lines: list[Any], value_axis: ValueAxis, style: ChartStyle
) -> None:
    """Move bar labels off the cumulative line (which mostly crosses the first, tallest bars) and the
    reference line: from above the bar to inside its top, inside below the line's point, or above it,
    whichever is clear first. The value axis is widened for the labels first, so that bars keep their size."""
    figure = ax.figure
    for _ in range(3):
        for label, _patch in labels:
            _above(label, style)
        figure.draw_without_rendering()  # lay the figure out to measure labels against the lines
        renderer = figure.canvas.get_renderer()
        if value_axis.fit([label for label, _ in labels], renderer):
            continue
        _place(ax, labels, lines, style, renderer)
        figure.draw_without_rendering()
        if not value_axis.fit([label for label, _ in labels], renderer):
            return


def _place_reference(ax: Axes, text: Any, line: Any, others: list[Any], bars: list[Any]) -> None:
    """The reference's label at the right end of its line, above or below it, else at the left end: the first
    place clear of the cumulative line, its points, the other labels and the bars."""
    renderer = ax.figure.canvas.get_renderer()
    path = line.get_transform().transform_path(line.get_path())
    radius = line.get_markersize() / 2 * ax.figure.dpi / 72 + 1
    points = [p for p in line.get_transform().transform(line.get_xydata()) if all(map(math.isfinite, p))]
    boxes = [o.get_window_extent(renderer) for o in others if o.get_visible() and o.get_text()]
    boxes += [bar.get_window_extent(renderer) for bar in bars]
    reference = text.xy[1]
    places = [((1.0, reference), (-2, 3), "right", "bottom"), ((1.0, reference), (-2, -3), "right", "top")]
    places += [((0.0, reference), (2, 3), "left", "bottom"), ((0.0, reference), (2, -3), "left", "top")]

    def on_points(box) -> bool:
        return any(
            box.x0 - radius <= x <= box.x1 + radius and box.y0 - radius <= y <= box.y1 + radius
            for x, y in points
        )

    def put(place) -> Any:
        text.xy, text.xyann = place[0], place[1]
        text.set_horizontalalignment(place[2])
        text.set_verticalalignment(place[3])
        return text.get_window_extent(renderer).padded(1.5)

    for place in places:
        box = put(place)
        if (
            not on_points(box)
            and not path.intersects_bbox(box, filled=False)
            and not any(box.overlaps(b) for b in boxes)
        ):
            return
    for place in places:  # nowhere clear: at least off the points, which would hide it
        if not on_points(put(place)):
            return
    put(places[0])


def _under_the_top(ax: Axes, marks: list[Any]) -> None:
    """A share label that would rise above the plot (into the legend) goes below its point instead."""
    renderer = ax.figure.canvas.get_renderer()
    top = ax.get_window_extent(renderer).y1
    for mark in marks:
        if mark.get_window_extent(renderer).y1 > top:
            mark.xyann = (-6, -6)
            mark.set_verticalalignment("top")


def _clear_of(ax: Axes, marks: list[Any], other: Any) -> None:
    """A share label that would touch the reference's label goes below its point."""
    renderer = ax.figure.canvas.get_renderer()
    box = other.get_window_extent(renderer).padded(2.0)
    for mark in marks:
        if mark.get_window_extent(renderer).overlaps(box):
            mark.xyann = (-6, -6)
            mark.set_verticalalignment("top")


def _above(label: DataLabel, style: ChartStyle) -> None:
    text = label.text
    text.xyann = (0, 3)
    text.set_verticalalignment("bottom")
    text.set_color(style.theme.text)
    _halo(text, style)
    label.inside = None


def _place(
    ax: Axes, labels: list[tuple[DataLabel, Any]], lines: list[Any], style: ChartStyle, renderer
) -> None:
    from matplotlib.colors import to_hex

    figure = ax.figure
    cumulative = lines[0]
    paths = [line.get_transform().transform_path(line.get_path()) for line in lines]
    radius = cumulative.get_markersize() / 2 * figure.dpi / 72
    points = cumulative.get_transform().transform(cumulative.get_xydata())
    to_pt = 72 / figure.dpi

    def crossed(text) -> bool:
        box = text.get_window_extent(renderer).padded(2.0)
        near_marker = any(
            box.x0 - radius <= x <= box.x1 + radius and box.y0 - radius <= y <= box.y1 + radius
            for x, y in points
            if math.isfinite(x) and math.isfinite(y)
        )
        return near_marker or any(path.intersects_bbox(box, filled=False) for path in paths)

    for label, patch in labels:
        text = label.text
        if not crossed(text):
            continue
        bar = patch.get_window_extent(renderer)
        index = round(text.xy[0])
        line_y = points[index][1] if 0 <= index < len(points) else math.nan
        candidates = [(-4.0, True)]  # (offset from the bar's top in points, inside the bar)
        if math.isfinite(line_y) and line_y < bar.y1:
            candidates.append((-((bar.y1 - line_y + radius) * to_pt + 4), True))
        candidates += [(float(offset), False) for offset in range(5, MAX_LIFT_PT, 2)]  # higher above the bar
        for offset, inside in candidates:
            text.xyann = (0, offset)
            text.set_verticalalignment("top" if inside else "bottom")
            box = text.get_window_extent(renderer)
            fits = not inside or (box.width + 4 <= bar.width and box.y0 >= bar.y0 + 2 and box.y1 <= bar.y1)
            if fits and not crossed(text):
                if inside:
                    text.set_color(contrast_text(to_hex(patch.get_facecolor()), style))
                    text.set_path_effects([])
                    label.inside = patch
                break
        else:
            _above(label, style)


def _plot_width_pt(style: ChartStyle) -> float:
    return max(style.width_in - RESERVED_IN, 1.0) * 72


def _set_items(ax: Axes, categories: tuple[str, ...], style: ChartStyle) -> None:
    """Item names under the columns when every name fits its slot upright (on up to two lines); otherwise
    the items are numbered by rank, 1 to n, never slanted or cut off (the names are in the speaker notes,
    and the leading ones in the slide's sentence)."""
    count = len(categories)
    slot_em = _plot_width_pt(style) / max(count, 1) / style.tick_pt * 0.9
    if all(_fits(name, slot_em) for name in categories):
        set_categories(ax, categories, style, reserved_in=RESERVED_IN)
        return
    ax.set_xlim(-0.5, count - 0.5)
    step = 1 if text_em(str(count)) <= slot_em else 5 if count > 10 else 2
    ax.set_xticks(range(count), [str(i + 1) if i == 0 or (i + 1) % step == 0 else "" for i in range(count)])


def _fits(name: str, slot_em: float) -> bool:
    """Whether a name fits a column's slot on at most two lines."""
    lines = wrap_label(name, slot_em)
    return len(lines) <= 2 and all(text_em(line) <= slot_em for line in lines)


def vital_few(shares: list[float], reference: float | None) -> int:
    """How many leading items it takes for the cumulative share to reach ``reference`` (all when it never
    does, none without a reference)."""
    if reference is None:
        return 0
    before = 0.0
    for index, share in enumerate(shares):
        if before >= reference - 1e-9:
            return index
        if math.isfinite(share):
            before = share
    return len(shares)


def _share_format(secondary: AxisFormat | None, primary: AxisFormat) -> AxisFormat:
    """The right axis: the spec's percent axis when it has one, else 0–100% in the deck's separators."""
    if secondary is not None and secondary.kind == "percent":
        return secondary
    return percent_format(secondary or primary)


def _reference(ax: Axes, reference: float, fmt: AxisFormat, style: ChartStyle) -> tuple[Any, DataLabel]:
    """The dashed reference line across the plot, its value at the right end just above it."""
    theme = style.theme
    (line,) = ax.plot(
        [0.0, 1.0],
        [reference, reference],
        transform=ax.transAxes,
        color=theme.muted,
        linewidth=1.0,
        linestyle=(0, (4, 3)),
        zorder=3.5,
    )
    value = reference * 100
    text = ax.annotate(
        format_scaled(value, fmt, tick_decimals([value], fmt)),
        xy=(1.0, reference),
        xycoords="axes fraction",
        xytext=(-2, 3),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=style.label_pt,
        color=theme.muted,
        annotation_clip=False,
        zorder=7,
    )
    text.set_in_layout(False)
    _halo(text, style)
    return line, DataLabel(text)


def _halo(text, style: ChartStyle) -> None:
    from matplotlib import patheffects

    text.set_path_effects([patheffects.withStroke(linewidth=2.4, foreground=style.theme.background)])
