"""Metric values and their comparisons, formatted for the deck's locale.

``Facts`` answers "what is gmv, last year's gmv, its YoY change …" for the reporting period;
``MetricView`` exposes the same to conclusion templates (``{{ gmv.yoy }}``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..data.metrics import MetricEngine
from ..data.periods import DateRange
from ..locale import Locale, NumberFormatter
from ..outline.schema import MetricSpec
from .spec import BAD, GOOD, NEUTRAL


@dataclass(frozen=True)
class Periods:
    current: DateRange
    previous: DateRange  # base of yoy
    prior: DateRange  # base of mom


class Facts:
    """Single numbers for the reporting period, their bases, and formatted comparisons."""

    def __init__(self, engine: MetricEngine, periods: Periods, locale: Locale, currency: str | None = None):
        self.engine = engine
        self.periods = periods
        self.locale = locale
        self.fmt = NumberFormatter(locale, currency)

    def spec(self, name: str) -> MetricSpec:
        return self.engine.specs[name]

    def label(self, name: str) -> str:
        return self.spec(name).label or name

    def current(self, name: str) -> float | None:
        return self.engine.value(name, self.periods.current)

    def base(self, name: str, comparison: str = "yoy") -> float | None:
        period = self.periods.prior if comparison == "mom" else self.periods.previous
        return self.engine.value(name, period)

    def is_rate(self, name: str) -> bool:
        return self.spec(name).format == "percent"

    # ------------------------------------------------------------------ numbers

    def change(self, name: str, comparison: str = "yoy") -> float | None:
        """Relative change for amounts, difference in points for rates; None when there is no base."""
        now, then = self.current(name), self.base(name, comparison)
        if now is None or then is None:
            return None
        if self.is_rate(name):
            return now - then
        if then == 0:
            return None
        return (now - then) / abs(then)

    def ratio(self, name: str, other: str) -> float | None:
        now, reference = self.current(name), self.current(other)
        if now is None or not reference:
            return None
        return now / reference

    # ------------------------------------------------------------------ text

    def value_text(self, name: str, value: float | None) -> str:
        spec = self.spec(name)
        return self.fmt.format(value, spec.format, spec.decimals, spec.unit)

    def change_text(self, name: str, comparison: str = "yoy") -> str:
        delta = self.change(name, comparison)
        if self.is_rate(name):
            return self.fmt.change_points(delta, points_decimals(self.spec(name)))
        return self.fmt.change_percent(delta)

    def difference_text(self, name: str, comparison: str = "yoy") -> str:
        """Now minus the base, signed, in the metric's own units (points for rates)."""
        now, then = self.current(name), self.base(name, comparison)
        if now is None or then is None:
            return self.fmt.n.get("missing", "—")
        return self.signed_value_text(name, now - then)

    def signed_value_text(self, name: str, difference: float | None) -> str:
        if difference is None:
            return self.fmt.n.get("missing", "—")
        if self.is_rate(name):
            return self.fmt.change_points(difference, points_decimals(self.spec(name)))
        return self.fmt.signed(self.value_text(name, abs(difference)), difference)

    def ratio_text(self, name: str, other: str) -> str:
        return self.fmt.format(self.ratio(name, other), "percent", 1)

    def tone(self, name: str, signed: float | None) -> str:
        """Good or bad, by the metric's direction (lower is better for refund rate, CPC …)."""
        if signed is None or signed == 0 or math.isnan(signed):
            return NEUTRAL
        good = signed > 0 if self.spec(name).better == "higher" else signed < 0
        return GOOD if good else BAD

    def phrase(self, name: str, comparison: str = "yoy") -> str:
        delta = self.change(name, comparison)
        if delta is None:
            return self.fmt.n.get("missing", "—")
        if round(delta, 6) == 0:
            return self.locale.phrases["flat"]
        unsigned = self.change_text(name, comparison).lstrip("+-")
        direction = "up" if delta > 0 else "down"
        return self.locale.phrases[f"{comparison}_{direction}"].format(value=unsigned)


def points_decimals(spec: MetricSpec) -> int:
    return 2 if (spec.decimals or 1) >= 2 else 1


class ChangeView:
    """``{{ gmv.yoy }}`` → '+23.4%'; ``.phrase`` → '同比增长23.4%'; ``.abs`` → '23.4%'."""

    def __init__(self, facts: Facts, name: str, comparison: str):
        self._facts, self._name, self._comparison = facts, name, comparison

    def __str__(self) -> str:
        return self._facts.change_text(self._name, self._comparison)

    @property
    def phrase(self) -> str:
        return self._facts.phrase(self._name, self._comparison)

    @property
    def abs(self) -> str:
        return str(self).lstrip("+-")


class MetricView:
    """A metric in a template: ``{{ gmv }}``, ``{{ gmv.previous }}``, ``{{ gmv.yoy }}``, ``{{ gmv.vs(target) }}``."""

    def __init__(self, facts: Facts, name: str):
        self._facts, self._name = facts, name

    def __str__(self) -> str:
        return self._facts.value_text(self._name, self._facts.current(self._name))

    @property
    def previous(self) -> str:
        return self._facts.value_text(self._name, self._facts.base(self._name))

    @property
    def yoy(self) -> ChangeView:
        return ChangeView(self._facts, self._name, "yoy")

    @property
    def mom(self) -> ChangeView:
        return ChangeView(self._facts, self._name, "mom")

    @property
    def change(self) -> str:
        """The absolute change: '+1,234.5万元', or for a rate '+0.40个百分点'."""
        return self._facts.difference_text(self._name)

    @property
    def label(self) -> str:
        return self._facts.label(self._name)

    def vs(self, other: MetricView) -> str:
        """This metric as a share of another: attainment against a target, or a share of a total."""
        return self._facts.ratio_text(self._name, other._name)

