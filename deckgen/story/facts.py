"""Metric values and their comparisons, formatted for the deck's locale.

``Facts`` answers "what is gmv, last year's gmv, its YoY change, its uplift over ordinary days …"
for the reporting period (or any other period, such as year to date); ``MetricView`` exposes the
same to conclusion templates (``{{ gmv.yoy }}``, ``{{ gmv.ytd.vs(gmv_target) }}``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field, replace

from ..data.metrics import Grouping, MetricEngine
from ..data.periods import DateRange, period_before, year_before
from ..locale import Locale, NumberFormatter
from ..outline.schema import MetricSpec
from .spec import BAD, GOOD, NEUTRAL

NEGLIGIBLE = 0.0005  # a change that shows as 0.0% (or 0.00 points) is neither good nor bad
GROUPED_FROM = 1000  # KPI cards from here on are amounts compared by their digits (check reads them so too)
CARD_DIGITS = 7  # a KPI card's figure longer than this (in its group's scale) takes the next scale up
TINY_BASE = 0.1  # a base under a tenth of the current value: growth over 900% is flagged


@dataclass(frozen=True)
class Periods:
    current: DateRange
    previous: DateRange  # base of yoy
    prior: DateRange  # base of mom
    baseline: DateRange | None = None  # ordinary days, for uplift

    @property
    def ytd(self) -> DateRange:
        """From the first of January to the end of the reporting period."""
        return DateRange(dt.date(self.current.end.year, 1, 1), self.current.end, "custom")


@dataclass
class Facts:
    """Single numbers per period, their bases, and formatted comparisons."""

    engine: MetricEngine
    periods: Periods
    locale: Locale
    currency: str | None = None
    warnings: dict[tuple[str, str], str] = field(default_factory=dict)  # (metric, comparison) -> why

    def __post_init__(self) -> None:
        self.fmt = NumberFormatter(self.locale, self.currency)

    def spec(self, name: str) -> MetricSpec:
        return self.engine.specs[name]

    def label(self, name: str) -> str:
        """The metric's display name; in Latin scripts it starts with a capital (a caption, a legend)."""
        label = self.spec(name).label or name
        return label if self.locale.is_cjk else label[:1].upper() + label[1:]

    def is_rate(self, name: str) -> bool:
        return self.spec(name).format == "percent"

    def change_kind(self, name: str) -> str:
        """How a change of the metric reads: its ``change`` key, else by format. A rate's is a difference in
        points; a mean without a unit is a score on a fixed scale (DSR 4.80 of 5), its change a difference
        ("+0.01", not "+0.2%"); a ratio of two amounts shown as a plain number (ROI) reads "3.57 → 3.20"."""
        spec = self.spec(name)
        if spec.change:
            return spec.change
        if spec.format == "percent":
            return "difference"
        if spec.format == "decimal" and spec.aggregate == "mean" and not spec.unit:
            return "difference"
        if spec.format == "decimal" and spec.aggregate == "ratio":
            return "before_after"
        return "relative"

    def is_score(self, name: str) -> bool:
        return not self.is_rate(name) and self.change_kind(name) == "difference"

    def is_ratio(self, name: str) -> bool:
        return self.change_kind(name) == "before_after"

    def differs(self, name: str) -> bool:
        """Whether a change is the difference of the two values rather than a relative change."""
        return self.change_kind(name) == "difference"

    def is_additive(self, name: str) -> bool:
        """Sums and counts (and sums of them) grow with the number of days; rates and means do not."""
        spec = self.spec(name)
        if spec.aggregate in ("sum", "count"):
            return True
        if spec.aggregate == "expr":
            return all(self.is_additive(part) for part in self.engine.parts_of(name))
        return False

    # ------------------------------------------------------------------ periods

    def value(self, name: str, period: DateRange | None = None) -> float | None:
        return self.engine.value(name, period or self.periods.current)

    def current(self, name: str) -> float | None:
        return self.value(name)

    def month(self, number: int) -> DateRange:
        """Month ``number`` of the reporting period's year: ``gmv.month(6)``."""
        year = self.periods.current.end.year
        return DateRange(dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1]),
                         "month")

    def segment(self, where: dict[str, object]) -> SegmentFacts:
        """The same numbers for the rows of one segment: ``gmv.where(platform='天猫')``."""
        return SegmentFacts(self.engine, self.periods, self.locale, self.currency, self.warnings,
                            where=tuple(sorted(where.items())), whole=self)

    def share(self, name: str, period: DateRange | None = None) -> float | None:
        """A segment's share of the whole metric; only a segment has one."""
        return None

    def like_for_like(self, name: str) -> DateRange:
        """The current period on the calendar days that both it and the year-on-year base have rows for (the
        metric's filters applied), days matched as the comparability finding matches them; its
        ``year_before`` is the like-for-like base."""
        current = self.periods.current
        now = {(day.month, day.day) for day in self.engine.days_covered(name, current)}
        then = {(day.month, day.day) for day in self.engine.days_covered(name, self.periods.previous)}
        return replace(current, keep=frozenset(now & then))

    def base_period(self, comparison: str, period: DateRange | None = None) -> DateRange:
        if period is None or period == self.periods.current:
            return self.periods.prior if comparison == "mom" else self.periods.previous
        return period_before(period) if comparison == "mom" else year_before(period)

    def base(self, name: str, comparison: str = "yoy", period: DateRange | None = None) -> float | None:
        return self.value(name, self.base_period(comparison, period))

    def daily(self, name: str, period: DateRange | None) -> float | None:
        """Per day for sums and counts (comparable across periods of different length); as is otherwise."""
        period = period or self.periods.current
        value = self.value(name, period)
        if value is None or not self.is_additive(name):
            return value
        return value / period.days

    # ------------------------------------------------------------------ numbers

    def change(self, name: str, comparison: str = "yoy", period: DateRange | None = None) -> float | None:
        """Relative change for amounts, difference in points for rates; None when there is no base."""
        now, then = self.value(name, period), self.base(name, comparison, period)
        if now is None or then is None:
            return None
        if self.differs(name):
            return now - then
        if then == 0:
            return None
        if abs(then) < TINY_BASE * abs(now):
            self.warnings[(name, comparison)] = (f"{self.label(name)}: the {comparison} change is computed on a "
                                                 f"tiny base ({then:g} against {now:g}); say it in words too")
        return (now - then) / abs(then)

    def uplift(self, name: str) -> float | None:
        """Against ordinary days: a multiple of the daily baseline (rates: a difference in points)."""
        if self.periods.baseline is None:
            return None
        now, usual = self.daily(name, None), self.daily(name, self.periods.baseline)
        if now is None or usual is None:
            return None
        if self.is_rate(name):
            return now - usual
        return now / usual if usual else None

    def ratio(self, name: str, other: str, period: DateRange | None = None) -> float | None:
        now, reference = self.value(name, period), self.value(other)
        if now is None or not reference:
            return None
        return now / reference

    # ------------------------------------------------------------------ text

    @property
    def missing(self) -> str:
        return self.fmt.n.get("missing", "—")

    def value_text(self, name: str, value: float | None) -> str:
        spec = self.spec(name)
        return self.fmt.format(value, spec.format, spec.decimals, spec.unit)

    def column_texts(self, values: list[tuple[str, float | None]]) -> list[str]:
        """(metric, value) pairs shown one above the other (a table column): in one scale and one number of
        decimals when they are amounts of one format, else each in its own."""
        specs = [self.spec(name) for name, _ in values]
        if not specs or specs[0].format not in ("money", "number") or any(
                (s.format, s.unit or "") != (specs[0].format, specs[0].unit or "") for s in specs):
            return [self.value_text(name, value) for name, value in values]
        return list(self.fmt.column([v for _, v in values], specs[0].format, specs[0].decimals, specs[0].unit))

    def group_texts(self, shown: list[tuple[str, float | None]]) -> list[str]:
        """Figures side by side (KPI cards): amounts of one format (money, or counts whatever their unit) share
        one scale, as a table column does ("7,343" orders beside "12,046" units, not "1.2万"; "0.30M" orders beside
        "12.91M" visitors): a reader compares cards by their digits. Figures under GROUPED_FROM (a price,
        an average) read as they are and keep their own."""
        figures = [self.value_text(name, value) for name, value in shown]
        groups: dict[str, list[int]] = {}
        for i, (name, value) in enumerate(shown):
            spec = self.spec(name)
            if spec.format in ("money", "number") and value is not None and not math.isnan(value) \
                    and abs(value) >= GROUPED_FROM:
                groups.setdefault(spec.format, []).append(i)
        for members in groups.values():
            if len(members) < 2:
                continue
            scale = self._card_scale([abs(shown[i][1]) for i in members])
            for i in members:  # each card alone drops its zero decimals: cards are not aligned as a column is
                spec = self.spec(shown[i][0])
                figures[i] = self.fmt.column([shown[i][1]], spec.format, spec.decimals, spec.unit, scale=scale)[0]
        return figures

    def _card_scale(self, sizes: list[float]) -> tuple[float, str]:
        """The typical figure's scale, or a larger one where the largest figure would run past CARD_DIGITS
        digits ("12,912,345" does not fit a card beside "304,605")."""
        scale = self.fmt.scale_for(sizes)
        larger = sorted(self.fmt.n["scales"])  # smallest scale first
        while max(sizes) / scale[0] >= 10 ** CARD_DIGITS:
            bigger = [(float(size), word) for size, word in larger if size > scale[0]]
            if not bigger:
                break
            scale = bigger[0]
        return scale

    def change_text(self, name: str, comparison: str = "yoy", period: DateRange | None = None) -> str:
        """'+23.4%' for amounts, '+0.4个百分点' for rates, '+0.01' for scores, '3.57 → 3.20' for ratios."""
        if self.is_ratio(name):
            return self.arrow_text(name, self.base(name, comparison, period), self.value(name, period))
        delta = self.change(name, comparison, period)
        if delta is not None and self.differs(name):  # the difference of the two figures as shown
            delta = self.gap(name, self.value(name, period), self.base(name, comparison, period))
        return self.delta_text(name, delta)

    def delta_text(self, name: str, delta: float | None) -> str:
        """A change as :meth:`change` computes it, in words for the metric's kind (not for ratios' arrows)."""
        if self.is_rate(name):
            return self.fmt.change_points(delta, points_decimals(self.spec(name)))
        if self.is_score(name) and self.spec(name).format == "decimal":
            return self.fmt.change_difference(delta, self.spec(name).decimals or 2)
        if self.is_score(name):
            return self.signed_value_text(name, delta)
        return self.fmt.change_percent(delta)

    def arrow_text(self, name: str, before: float | None, after: float | None) -> str:
        if before is None or after is None:
            return self.missing
        return f"{self.value_text(name, before)} → {self.value_text(name, after)}"

    def gap(self, name: str, after: float, before: float) -> float:
        """``after - before`` as a reader subtracts the two figures shown (points for rates)."""
        spec = self.spec(name)
        if self.is_rate(name):
            return self.fmt.difference(after, before, "percent", points_decimals(spec))
        return self.fmt.difference(after, before, spec.format, spec.decimals)

    def uplift_text(self, name: str) -> str:
        lift = self.uplift(name)
        if self.is_rate(name):
            return self.fmt.change_points(lift, points_decimals(self.spec(name)))
        return self.fmt.format(lift, "multiple", 1)

    def difference_text(self, name: str, comparison: str = "yoy", period: DateRange | None = None) -> str:
        """Now minus the base, signed, in the metric's own units (points for rates)."""
        now, then = self.value(name, period), self.base(name, comparison, period)
        if now is None or then is None:
            return self.missing
        return self.signed_value_text(name, self.gap(name, now, then))

    def signed_value_text(self, name: str, difference: float | None) -> str:
        if difference is None:
            return self.missing
        if self.is_rate(name):
            return self.fmt.change_points(difference, points_decimals(self.spec(name)))
        return self.fmt.signed(self.value_text(name, abs(difference)), difference)

    def ratio_text(self, name: str, other: str, period: DateRange | None = None) -> str:
        return self.fmt.format(self.ratio(name, other, period), "percent", 1)

    def tone(self, name: str, signed: float | None) -> str:
        """Good or bad, by the metric's direction (lower is better for refund rate, CPC …)."""
        if signed is None or math.isnan(signed) or abs(signed) < NEGLIGIBLE:
            return NEUTRAL
        good = signed > 0 if self.spec(name).better == "higher" else signed < 0
        return GOOD if good else BAD

    def phrase(self, name: str, comparison: str = "yoy", period: DateRange | None = None) -> str:
        delta = self.change(name, comparison, period)
        if delta is None:
            return self.missing
        if round(delta, 6) == 0:
            return self.locale.phrases["flat"]
        if self.is_ratio(name):  # "ROI 3.20, 同比 3.57 → 3.20": the before and after, not a percentage
            return self.locale.phrases[f"{comparison}_from"].format(value=self.change_text(name, comparison, period))
        unsigned = self.change_text(name, comparison, period).lstrip("+-")
        direction = "up" if delta > 0 else "down"
        return self.locale.phrases[f"{comparison}_{direction}"].format(value=unsigned)


@dataclass
class SegmentFacts(Facts):
    """Facts about one segment's rows (``where``): every comparison works as for the whole metric."""

    where: tuple[tuple[str, object], ...] = ()
    whole: Facts | None = None

    def value(self, name: str, period: DateRange | None = None) -> float | None:
        if self.spec(name).aggregate == "value":  # a constant (a target) has no segments
            return super().value(name, period)
        period = period or self.periods.current
        series = self.engine.series(name, period, Grouping(column=self.column))
        matches = [key for key in series.index if str(key) == str(self.where[0][1])]
        number = float(series[matches[0]]) if matches else math.nan
        return None if math.isnan(number) else number

    @property
    def column(self) -> str:
        return self.where[0][0]

    def ratio(self, name: str, other: str, period: DateRange | None = None) -> float | None:
        """The segment against the whole's ``other`` (a target, a total)."""
        now, reference = self.value(name, period), (self.whole or self).value(other)
        return now / reference if now is not None and reference else None

    def share(self, name: str, period: DateRange | None = None) -> float | None:
        part, whole = self.value(name, period), self.whole.value(name, period) if self.whole else None
        if part is None or not whole or not self.is_additive(name):
            return None
        return part / whole


def points_decimals(spec: MetricSpec) -> int:
    return 2 if (spec.decimals or 1) >= 2 else 1


class ChangeView:
    """``{{ gmv.yoy }}`` → '+23.4%'; ``.phrase`` → '同比增长23.4%'; ``.abs`` → '23.4%'."""

    def __init__(self, facts: Facts, name: str, comparison: str, period: DateRange | None = None):
        self._facts, self._name, self._comparison, self._period = facts, name, comparison, period

    def __str__(self) -> str:
        return self._facts.change_text(self._name, self._comparison, self._period)

    @property
    def phrase(self) -> str:
        return self._facts.phrase(self._name, self._comparison, self._period)

    @property
    def abs(self) -> str:
        return str(self).lstrip("+-")


class MetricView:
    """A metric in a template: ``{{ gmv }}``, ``{{ gmv.previous }}``, ``{{ gmv.yoy }}``, ``{{ gmv.vs(target) }}``,
    ``{{ gmv.baseline }}``, ``{{ gmv.uplift }}``, ``{{ gmv.ytd }}`` …"""

    def __init__(self, facts: Facts, name: str, period: DateRange | None = None):
        self._facts, self._name, self._period = facts, name, period

    def __str__(self) -> str:
        return self._facts.value_text(self._name, self._facts.value(self._name, self._period))

    @property
    def previous(self) -> str:
        return self._facts.value_text(self._name, self._facts.base(self._name, "yoy", self._period))

    @property
    def prior(self) -> str:
        """The value in the adjacent earlier period (last month in a monthly report)."""
        return self._facts.value_text(self._name, self._facts.base(self._name, "mom", self._period))

    @property
    def yoy(self) -> ChangeView:
        return ChangeView(self._facts, self._name, "yoy", self._period)

    @property
    def mom(self) -> ChangeView:
        return ChangeView(self._facts, self._name, "mom", self._period)

    @property
    def change(self) -> str:
        """The absolute change: '+1,234.5万元', or for a rate '+0.40个百分点'."""
        return self._facts.difference_text(self._name, "yoy", self._period)

    @property
    def label(self) -> str:
        return self._facts.label(self._name)

    @property
    def daily(self) -> str:
        """Per day over the reporting period (sums and counts)."""
        return self._facts.value_text(self._name, self._facts.daily(self._name, self._period))

    @property
    def baseline(self) -> str:
        """Per ordinary day (deck.period.baseline)."""
        baseline = self._facts.periods.baseline
        value = self._facts.daily(self._name, baseline) if baseline else None
        return self._facts.value_text(self._name, value)

    @property
    def uplift(self) -> str:
        """Against ordinary days: '12.3倍' (rates: points)."""
        return self._facts.uplift_text(self._name)

    @property
    def ytd(self) -> MetricView:
        """Year to date: from 1 January to the end of the reporting period."""
        return MetricView(self._facts, self._name, self._facts.periods.ytd)

    @property
    def lfl(self) -> MetricView:
        """Like for like: ``.lfl.yoy`` compares only the days both the period and its base have data for."""
        return MetricView(self._facts, self._name, self._facts.like_for_like(self._name))

    def month(self, number: int) -> MetricView:
        """One month of the reporting year: ``gmv.month(6)``, ``gmv.month(6).yoy``."""
        return MetricView(self._facts, self._name, self._facts.month(number))

    def where(self, **segment) -> MetricView:
        """One segment: ``gmv.where(platform='天猫')``, ``.yoy``, ``.share``."""
        return MetricView(self._facts.segment(segment), self._name, self._period)

    @property
    def share(self) -> str:
        """A segment's share of the whole metric: '70.5%'."""
        return self._facts.fmt.format(self._facts.share(self._name, self._period), "percent", 1)

    def vs(self, other: MetricView) -> str:
        """This metric as a share of another: attainment against a target, or a share of a total."""
        return self._facts.ratio_text(self._name, other._name, self._period)
