"""What a chart shows, decided before drawing: categories, series and number formats.

The story stage fills these in (already computed, already localised); the chart renderers only draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LABEL = 300  # characters of one label or name: no chart shows more, and measuring more takes long
CHART_KINDS = ("line", "bar", "barh", "combo", "donut", "waterfall", "funnel", "pareto", "timeline", "progress")


@dataclass(frozen=True)
class AxisFormat:
    """How to print numbers on an axis: value / divisor, with decimals and a suffix.

    ``kind`` is ``number`` or ``percent`` (values are fractions, 0.234 -> 23.4%).
    ``decimal_sep`` / ``group_sep`` follow the deck's locale.
    """

    kind: str = "number"
    divisor: float = 1.0
    decimals: int = 0
    suffix: str = ""
    decimal_sep: str = "."
    group_sep: str = ","


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    role: str = "bar"  # "bar" | "line"
    axis: str = "primary"  # "primary" | "secondary"
    labels: tuple[str, ...] = ()  # data labels, already formatted; empty = none
    colour: str | None = None  # a theme colour override, "#RRGGBB"


@dataclass(frozen=True)
class ChartSpec:
    """A chart ready to draw.

    kinds:
      line, bar (vertical columns), barh (horizontal bars): one or more series over ``categories``;
      combo: series with role "bar" drawn as columns, role "line" as lines (a line on axis
        "secondary" gets its own right-hand axis);
      donut: exactly one series, one slice per category;
      waterfall: one series of signed steps; ``totals[i]`` marks bars drawn from zero (start/end).
      funnel: one series of stage sizes (visitors → inquiries → buyers), widest first; ``notes[i]`` is
        the conversion from stage i to stage i+1 (already formatted), drawn between the stages.
      pareto: series[0] bars (largest first), series[1] the cumulative share (0–1) as a line on a
        percent secondary axis; ``reference`` (e.g. 0.8) is drawn as a dashed horizontal line on it.
        The leading bars until the reference is reached are highlighted, or, when ``tones`` is given,
        the leading bars whose tone is not "neutral".
      timeline: one dot per category (a campaign node) placed at ``dates[i]`` (ISO yyyy-mm-dd) on a
        time axis; series[0] values size the dots (None = same size), series[0].labels are the
        texts under each node, ``tones[i]`` ("good"/"bad"/"neutral") colours it.
      progress: one horizontal bar per category for series[0] (attainment ratios, 1.0 = target),
        with a vertical line at ``reference`` (default 1.0), bar colour from ``tones[i]``, labels
        from series[0].labels.
    """

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = False
    percent_stacked: bool = False
    primary_axis: AxisFormat = field(default_factory=AxisFormat)
    secondary_axis: AxisFormat | None = None
    totals: tuple[bool, ...] = ()
    center_label: str = ""  # donut: text in the hole (e.g. the total)
    show_legend: bool = True
    tones: tuple[str, ...] = ()  # per category: "good" | "bad" | "neutral"
    dates: tuple[str, ...] = ()  # timeline: ISO date per category
    reference: float | None = None  # pareto / progress: a reference line
    notes: tuple[str, ...] = ()  # funnel: conversion between stages
    month_names: tuple[str, ...] = ()  # timeline: the locale's twelve month names
    ordered: bool = True  # categories in a natural order (time); False: lines become markers
    bands: tuple[tuple[int, int, str], ...] = ()  # line, bar, combo: (first, last category, name) shaded
    key: tuple[str, ...] = ()  # waterfall: legend names of up, down and total steps; funnel: its "not to scale" note;
    # progress, timeline: what the favourable and unfavourable colours mean (target reached, missed)
