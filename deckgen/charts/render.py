"""Draw a :class:`ChartSpec` as a PNG at the exact size of its box on the slide.

matplotlib is used through ``Figure`` and the Agg canvas only (never pyplot), with its settings changed
inside ``rc_context`` for the duration of one render. Identical inputs give byte-identical PNGs.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..text import capped
from ..theme import Theme
from . import bar, combo, donut, funnel, line, pareto, progress, timeline, waterfall
from .finish import finish
from .fonts import chart_font_families
from .spec import CHART_KINDS, MAX_LABEL, ChartSpec
from .style import ChartStyle, Drawn

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DRAWERS: dict[str, Callable[[Axes, ChartSpec, ChartStyle], Drawn]] = {
    "line": line.draw,
    "bar": bar.draw,
    "barh": bar.draw,
    "combo": combo.draw,
    "donut": donut.draw,
    "waterfall": waterfall.draw,
    "funnel": funnel.draw,
    "pareto": pareto.draw,
    "timeline": timeline.draw,
    "progress": progress.draw,
}
TONES = ("good", "bad", "neutral")
LAYOUT_PAD_IN = 4 / 72


def render_chart(
    spec: ChartSpec,
    theme: Theme,
    width_in: float,
    height_in: float,
    dpi: int = 200,
    *,
    transparent: bool = False,
) -> bytes:
    """PNG bytes of ``spec`` drawn at ``width_in`` x ``height_in`` inches.

    The image is ``round(width_in * dpi)`` x ``round(height_in * dpi)`` pixels, on the theme's background
    (or transparent). Text uses ``theme.chart_pt`` and the theme's chart fonts, falling back to the bundled
    Noto Sans CJK SC subset for Chinese.
    """
    spec = capped(spec, MAX_LABEL)
    check_spec(spec)
    if width_in <= 0 or height_in <= 0 or dpi <= 0:
        raise ValueError(f"chart size must be positive, got {width_in} x {height_in} in at {dpi} dpi")
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    families = tuple(chart_font_families(theme.fonts.chart_families))
    style = ChartStyle(theme=theme, families=families, width_in=width_in, height_in=height_in)
    width_px, height_px = round(width_in * dpi), round(height_in * dpi)
    with rc_context(style.rc()):
        # a hair over the pixel count, because Agg truncates the canvas size to whole pixels
        figure = Figure(
            figsize=((width_px + 1e-3) / dpi, (height_px + 1e-3) / dpi),
            dpi=dpi,
            facecolor="none" if transparent else theme.background,
        )
        FigureCanvasAgg(figure)
        figure.set_layout_engine("constrained", w_pad=LAYOUT_PAD_IN, h_pad=LAYOUT_PAD_IN, wspace=0, hspace=0)
        axes = figure.add_subplot()
        drawn = DRAWERS[spec.kind](axes, spec, style)
        if finish(figure, drawn):  # laid out already: saving only rasterises
            figure.set_layout_engine("none")
        buffer = io.BytesIO()
        figure.savefig(
            buffer,
            format="png",
            dpi=dpi,
            metadata={"Software": None},
            pil_kwargs={"compress_type": 3},  # zlib's run-length strategy: 4 % larger, a third less time
            transparent=transparent,
            facecolor="none" if transparent else theme.background,
        )
    return buffer.getvalue()


def check_spec(spec: ChartSpec) -> None:
    """A spec the renderers can draw: a known kind, one value (and at most one label) per category."""
    if spec.kind not in CHART_KINDS:
        raise ValueError(f"unknown chart kind {spec.kind!r}; expected one of {', '.join(CHART_KINDS)}")
    if not spec.categories:
        raise ValueError(f"{spec.kind} chart has no categories")
    if not spec.series:
        raise ValueError(f"{spec.kind} chart has no series")
    count = len(spec.categories)
    for series in spec.series:
        if len(series.values) != count:
            raise ValueError(f"series {series.name!r} has {len(series.values)} values for {count} categories")
        if series.labels and len(series.labels) != count:
            raise ValueError(f"series {series.name!r} has {len(series.labels)} labels for {count} categories")
        if any(v is not None and not isinstance(v, (int, float)) for v in series.values):
            raise ValueError(f"series {series.name!r} has a value that is not a number")
        if any(v is not None and math.isinf(v) for v in series.values):
            raise ValueError(f"series {series.name!r} has an infinite value")
    if spec.kind == "donut" and len(spec.series) != 1:
        raise ValueError(f"a donut chart draws exactly one series, got {len(spec.series)}")
    if spec.kind in ("waterfall", "funnel", "timeline", "progress") and len(spec.series) != 1:
        raise ValueError(f"a {spec.kind} chart draws exactly one series, got {len(spec.series)}")
    if spec.kind in ("funnel", "pareto", "timeline", "progress"):
        _check_new_kind(spec)


def _check_new_kind(spec: ChartSpec) -> None:
    """The fields funnel, Pareto, timeline and progress charts read besides their series."""
    count = len(spec.categories)
    kind = spec.kind
    if spec.tones:
        if len(spec.tones) != count:
            raise ValueError(f"{kind} chart has {len(spec.tones)} tones for {count} categories")
        unknown = sorted({t for t in spec.tones if t not in TONES})
        if unknown:
            raise ValueError(f"{kind} chart has unknown tones {unknown}; expected {', '.join(TONES)}")
    if spec.reference is not None and not (math.isfinite(spec.reference) and spec.reference > 0):
        raise ValueError(f"{kind} chart reference must be a positive number, got {spec.reference!r}")
    if kind in ("funnel", "pareto", "timeline") and any(
        v is not None and v < 0 for v in spec.series[0].values
    ):
        raise ValueError(f"{kind} chart series {spec.series[0].name!r} has a negative value")
    if kind == "funnel" and spec.notes and len(spec.notes) != count - 1:
        raise ValueError(f"funnel chart has {len(spec.notes)} notes for {count} stages; expected {count - 1}")
    if kind == "pareto":
        if len(spec.series) != 2:
            raise ValueError(
                f"a pareto chart draws two series (values, cumulative share), got {len(spec.series)}"
            )
        shares = spec.series[1]
        if any(v is not None and math.isfinite(v) and not -1e-9 <= v <= 1 + 1e-6 for v in shares.values):
            raise ValueError(f"pareto series {shares.name!r} must be cumulative shares between 0 and 1")
        if spec.reference is not None and spec.reference > 1:
            raise ValueError(f"pareto reference is a share between 0 and 1, got {spec.reference!r}")
    if kind == "timeline":
        if len(spec.dates) != count:
            raise ValueError(f"timeline chart has {len(spec.dates)} dates for {count} categories")
        for text in spec.dates:
            try:
                dt.date.fromisoformat(text)
            except (TypeError, ValueError):
                raise ValueError(f"timeline date {text!r} is not an ISO date (yyyy-mm-dd)") from None
