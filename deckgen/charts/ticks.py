"""Numbers on chart axes: scaling by an :class:`AxisFormat`, printing tick labels, choosing round ticks.

Charts plot values already divided by the axis divisor (and multiplied by 100 for percentages), so the tick
locator works in the units the reader sees ("500万", "23.4%") and picks round numbers there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .spec import AxisFormat

NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
MAX_TICK_DECIMALS = 3


def axis_scale(fmt: AxisFormat) -> float:
    """The factor from a raw value to the number printed: 1/divisor, times 100 for percentages."""
    divisor = fmt.divisor or 1.0
    return (100.0 if fmt.kind == "percent" else 1.0) / divisor


def axis_suffix(fmt: AxisFormat) -> str:
    if fmt.suffix:
        return fmt.suffix
    return "%" if fmt.kind == "percent" else ""


def format_number(number: float, decimals: int, decimal_sep: str = ".", group_sep: str = ",") -> str:
    """``number`` with ``decimals`` places, digit groups of three and the locale's separators."""
    text = f"{abs(number):,.{max(decimals, 0)}f}"
    if set(text) <= set("0.,"):  # -0.0 and values that round to zero print without a sign
        number = 0.0
    text = text.translate(str.maketrans({",": "\x00", ".": decimal_sep})).replace("\x00", group_sep)
    return f"-{text}" if number < 0 else text


def format_scaled(number: float, fmt: AxisFormat, decimals: int | None = None) -> str:
    """A number already in display units (see :func:`axis_scale`) with the axis suffix."""
    places = fmt.decimals if decimals is None else decimals
    text = format_number(number, places, fmt.decimal_sep, fmt.group_sep)
    if text.strip("0") in ("", fmt.decimal_sep) and fmt.kind != "percent":
        return "0"  # the origin reads "0", not "0万" or "0.0 €"
    return text + axis_suffix(fmt)


def format_axis_value(value: float, fmt: AxisFormat, decimals: int | None = None) -> str:
    """A raw value as the axis prints it: 5_000_000 with divisor 1e4 and suffix 万 -> "500万"."""
    return format_scaled(value * axis_scale(fmt), fmt, decimals)


def tick_decimals(ticks: Sequence[float], fmt: AxisFormat) -> int:
    """The fewest decimals that print every tick exactly (ticks are round numbers: 2,000万, not 2,000.0万)."""
    finite = [t for t in ticks if math.isfinite(t)]
    for places in range(MAX_TICK_DECIMALS + 1):
        if all(abs(round(t, places) - t) <= 1e-9 * max(1.0, abs(t)) for t in finite):
            return places
    return max(fmt.decimals, MAX_TICK_DECIMALS)


def nice_step(raw_step: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least ``raw_step``."""
    if raw_step <= 0 or not math.isfinite(raw_step):
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw_step))
    for step in NICE_STEPS:
        if step * power >= raw_step * (1 - 1e-9):
            return step * power
    return 10.0 * power


def nice_ticks(low: float, high: float, max_intervals: int = 5, integer: bool = False) -> list[float]:
    """Round tick values from at or below ``low`` to at or above ``high`` (display units)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    if high - low <= 0:
        high = low + (abs(low) * 0.1 or 1.0)
    best: list[float] = []
    for intervals in range(max_intervals, 1, -1):
        step = nice_step((high - low) / intervals)
        if integer:
            step = max(1.0, math.ceil(step))
        start = math.floor(low / step + 1e-9) * step
        ticks = [start]
        while ticks[-1] < high - 1e-9 * step:
            ticks.append(start + len(ticks) * step)
        if len(ticks) - 1 <= max_intervals:
            best = ticks
            break
    if not best:
        best = [low, high]
    return [_clean(t) for t in best]


def aligned_ticks(low: float, high: float, intervals: int, integer: bool = False) -> list[float]:
    """``intervals + 1`` round ticks covering ``low``..``high``, to line up with another axis's grid."""
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    if high - low <= 0:
        high = low + (abs(low) * 0.1 or 1.0)
    intervals = max(intervals, 1)
    step = nice_step((high - low) / intervals)
    while True:
        if integer:
            step = max(1.0, math.ceil(step))
        start = math.floor(low / step + 1e-9) * step
        if low >= 0 > start:
            start = 0.0
        if start + intervals * step >= high - 1e-9 * step:
            return [_clean(start + i * step) for i in range(intervals + 1)]
        step = nice_step(step * 1.0001)


def zero_aligned_ticks(
    primary: tuple[float, float], secondary: tuple[float, float], max_intervals: int = 6
) -> tuple[list[float], list[float]]:
    """Ticks for two value axes that share grid lines and put zero at the same height: the same number of
    intervals below and above zero on both, each axis with its own round step, as little empty range as
    possible. A secondary axis never runs far below zero just to sit above the columns."""
    best: tuple[float, list[float], list[float]] | None = None
    for total in range(2, max_intervals + 1):
        for below in range(total + 1):
            above = total - below
            steps = [_zero_step(low, high, below, above) for low, high in (primary, secondary)]
            if None in steps:
                continue
            waste = sum(1 - (high - low) / (step * total) for (low, high), step in zip((primary, secondary), steps))
            score = waste + 0.06 * abs(total - 5)  # about five intervals, like a single axis
            if best is None or score < best[0] - 1e-9:
                best = (score, *[[_clean((i - below) * step) for i in range(total + 1)] for step in steps])
    if best is None:
        return nice_ticks(*primary), nice_ticks(*secondary)
    return best[1], best[2]


def _zero_step(low: float, high: float, below: int, above: int) -> float | None:
    """The smallest round step that covers ``low``..``high`` with ``below`` intervals under zero and ``above``
    over it (None when that split cannot hold the data)."""
    low, high = min(low, 0.0), max(high, 0.0)
    if (low < 0 and below == 0) or (high > 0 and above == 0):
        return None
    need = max(-low / below if below else 0.0, high / above if above else 0.0)
    return nice_step(need) if need > 0 else None


def _clean(value: float) -> float:
    """Drop floating-point noise (0.30000000000000004 -> 0.3) so labels and limits are exact."""
    if value == 0:
        return 0.0
    return float(f"{value:.12g}")


def make_tick_formatter(fmt: AxisFormat, floor: float | None = None):
    """A matplotlib tick formatter printing display-unit ticks with ``fmt``'s separators and suffix;
    ticks below ``floor`` (room made under a line, not data) stay unlabelled."""
    from matplotlib.ticker import Formatter

    class AxisFormatFormatter(Formatter):
        def __init__(self) -> None:
            self.decimals = fmt.decimals

        def set_locs(self, locs) -> None:
            super().set_locs(locs)
            self.decimals = tick_decimals(list(locs), fmt)

        def __call__(self, x, pos=None) -> str:
            if floor is not None and x < floor - 1e-9:
                return ""
            return format_scaled(x, fmt, self.decimals)

    return AxisFormatFormatter()
