"""Action titles of chart and table slides: a trend, a split by segment, a ranking, a bridge."""

from __future__ import annotations

import math

import pandas as pd

from ..data.metrics import GRAIN_NAMES, Grouping
from ..data.periods import DateRange, parse_period, period_before, year_before
from ..findings.wording import unbroken
from ..grammar.refs import parse_ref
from ..outline.schema import ChartSlide, TableSlide
from ..resources import load_config
from .charts import ChartBuilder, as_list
from .facts import Facts, points_decimals

# References that put a comparison on the slide; a visual without one shows sizes and shares only.
_CHANGES = frozenset({"previous", "prior", "yoy", "mom", "change"})


class ChartTitles:
    def __init__(self, facts: Facts, charts: ChartBuilder, findings, words, comparison: str, answered: str = ""):
        self.facts, self.charts, self.findings, self.words = facts, charts, findings, words
        self.comparison, self.answered = comparison, answered
        self.compare = facts.locale.words[comparison]
        self.said: set[str] = set()  # titles of earlier slides
        rules = load_config("findings.yaml")["titles"]
        self.min_share, self.min_gap, self.coverage = rules["min_share"], rules["min_gap"], rules["coverage"]

    def say(self, key: str, **values) -> str:
        return self.words.say(f"title_{key}", **values)

    def inline(self, name: str) -> str:
        return self.words.inline(self.facts.label(name))

    # ------------------------------------------------------------------ entry

    def chart(self, slide: ChartSlide, body) -> str | None:
        block = slide.chart
        period = parse_period(block.period) if block.period else self.facts.periods.current
        names = list(dict.fromkeys(parse_ref(r).name for r in as_list(block.y) + as_list(block.bars)))
        lines = list(dict.fromkeys(parse_ref(r).name for r in as_list(block.line)))
        if block.type == "waterfall":
            return self.bridge(body.chart)
        if block.type == "donut":  # shares only: the title cannot claim growth the donut does not show
            return self.concentration(names[0], block.by, period)
        if block.x in GRAIN_NAMES:
            if block.by:  # shares over months or quarters; over days they are noise
                coarse = block.x in ("month", "quarter", "year")
                return self.shift(names[0], block.x, block.by, period) if coarse else \
                    self.split(names[0], block.by, period)
            metrics = list(dict.fromkeys(names + lines))
            if len(metrics) >= 2:
                return self.pair(metrics[0], metrics[1], period)
            return self.trend(metrics[0], block.x, period)
        if lines and not self.facts.is_additive(lines[0]):
            return self.ranked(lines[0], block.x, period)
        refs = [parse_ref(r) for r in as_list(block.y) + as_list(block.bars) + as_list(block.line)]
        if not any(r.comparison in _CHANGES for r in refs):  # bars of this period only: their sizes, not their growth
            return self.concentration(names[0], block.by or block.x, period)
        return self.split(names[0], block.by or block.x, period)

    def table(self, slide: TableSlide, body) -> str | None:
        block = slide.table
        if not block.columns:
            return None
        refs = [parse_ref(r) for r in block.columns]
        versus = next((r for r in refs if r.comparison == "vs"), None)
        if versus:
            return self.attainment(versus, block.by)
        first = parse_ref(block.sort.lstrip("-")).name if block.sort else refs[0].name
        keys = dict.fromkeys([first, *(r.name for r in refs if r.comparison is None)])
        changes = any(r.comparison in _CHANGES for r in refs)  # without a change column, a title can only state sizes
        titles = [self._column_title(name, block.by, changes) for name in keys]
        titles = [t for t in titles if t]
        # a table beside a chart of the same metric says something the chart's title did not
        return next((t for t in titles if unbroken(t) not in self.said), titles[0] if titles else None)

    def _column_title(self, name: str, by: str, changes: bool) -> str | None:
        period = self.facts.periods.current
        if by in GRAIN_NAMES:
            return self.trend(name, by, period)
        if not self.facts.is_additive(name):
            return self.ranked(name, by, period)
        return self.split(name, by, period) if changes else self.concentration(name, by, period)

    # ------------------------------------------------------------------ shapes

    def base_period(self, period: DateRange) -> DateRange:
        if period == self.facts.periods.current:
            return self.facts.periods.prior if self.comparison == "mom" else self.facts.periods.previous
        return period_before(period) if self.comparison == "mom" else year_before(period)

    def change_text(self, name: str, now: float | None, then: float | None) -> str:
        fmt = self.facts.fmt
        if now is None or then is None or (math.isnan(now) or math.isnan(then)):
            return fmt.n.get("missing", "—")
        if self.facts.is_rate(name):
            return fmt.change_points(self.facts.gap(name, now, then), points_decimals(self.facts.spec(name)))
        return fmt.change_percent((now - then) / abs(then) if then else None)

    def trend(self, name: str, grain: str, period: DateRange) -> str:
        """Over time: the period's change, and the months that broke the pattern (or the peak)."""
        f = self.facts
        now, then = f.value(name, period), f.value(name, self.base_period(period))
        values = {"metric": f.label(name), "value": f.value_text(name, now), "compare": self.compare,
                      "change": self.change_text(name, now, then)}
        anomaly = next((x for x in self.findings.about(name, "anomaly") if x.comparison == "yoy"), None)
        if anomaly and grain == "month" and period == f.periods.current and self.comparison == "yoy":
            growth = anomaly.numbers
            first, last = int(growth["first"]), int(growth["last"])
            series = f.engine.series(name, period, Grouping(grain="month"))
            months = [f.fmt.bucket_label(k, "month") for k in series.index]
            span = months[first] if first == last else self.words.word("range").format(
                first=months[first], last=months[last])
            key = "trend_below" if growth["growth"] < growth["total"] else "trend_above"
            return self.say(key, **values, months=span,
                            growth=_growths(f, name, period, self.base_period(period), first, last))
        series = f.engine.series(name, period, Grouping(grain=grain)).dropna()
        if series.empty:
            return self.say("kpi_plain", **values)
        peak = series.idxmax()
        values.update(peak=f.fmt.bucket_label(peak, grain), peak_value=f.value_text(name, float(series[peak])))
        if name == self.answered and period == f.periods.current and f.is_additive(name) and series.sum() > 0:
            # slide 2 stated the total and its change: the trend adds where it came from
            return self.say("trend_peak_share", **values, the_metric=self.words.the(f.label(name)),
                            share=f.fmt.format(float(series[peak] / series.sum()), "percent", 1))
        if then is None or not (f.is_additive(name) or f.is_rate(name)):  # a mean has no meaningful change here
            return self.say("trend_peak_plain", **values)
        return self.say("trend_peak", **values)

    def pair(self, first: str, second: str, period: DateRange) -> str:
        """Two metrics over time: one against the other when they share a unit, else both changes."""
        f = self.facts
        a, b = f.value(first, period), f.value(second, period)
        same = f.spec(first).format == f.spec(second).format and f.spec(first).unit == f.spec(second).unit
        base = self.base_period(period)
        if same and not f.is_additive(first) and a is not None and b is not None:
            key = "versus_above" if a > b else ("versus_below" if a < b else "versus_equal")
            return self.say(key, first=f.label(first), first_value=f.value_text(first, a),
                            second=self.inline(second), second_value=f.value_text(second, b))
        return self.say("pair", first=f.label(first), second=self.inline(second), compare=self.compare,
                        first_change=self.change_text(first, a, f.value(first, base)),
                        second_change=self.change_text(second, b, f.value(second, base)))

    def split(self, name: str, column: str, period: DateRange) -> str | None:
        """By segment: the fastest grower against the largest segment, with its share."""
        f = self.facts
        if not f.is_additive(name):  # a ratio has no shares: rank the segments instead
            return self.ranked(name, column, period)
        grouping = Grouping(column=column)
        now = f.engine.series(name, period, grouping).dropna()
        now = now[now > 0]
        if now.empty:
            return None
        then = f.engine.series(name, self.base_period(period), grouping).reindex(now.index)
        total_now, total_then = float(now.sum()), float(then.sum(min_count=1)) if then.notna().any() else None
        share = now / total_now
        top = share.idxmax()
        growth = (now / then.replace(0, math.nan) - 1).dropna()
        growth = growth[share.reindex(growth.index) >= self.min_share]  # not the long tail's fastest grower
        whole = f.value(name, period)
        if not whole or total_now < self.coverage * whole:  # segments that do not add up to the metric
            return self.largest(name, now, then, top)
        values = {"metric": self.inline(name), "the_metric": self.words.the(self.facts.label(name)),
                  "compare": self.compare, "top": self.segment(top), "share": f.fmt.format(float(share[top]), "percent", 1)}
        if growth.empty or not total_then:
            return self.say("split_plain", **values)
        if top not in growth.index:
            return self.say("split_plain", **values)
        fast = growth.idxmax()
        if len(growth) < 2:
            return self.say("split_top", **values, change=f.fmt.change_percent(float(growth[top])))
        if fast == top:
            slow = growth.idxmin()
            return self.say("split_leader", **values, change=f.fmt.change_percent(float(growth[top])),
                            other=self.segment(slow), other_change=f.fmt.change_percent(float(growth[slow])))
        before = float(then[fast]) / total_then
        gap = f.fmt.difference(float(growth[fast]), float(growth[top]), "percent", 1)  # as the two growths read
        if gap < self.min_gap:  # as fast as the leader: not a story of one against the other
            return self.say("split_top", **values, change=f.fmt.change_percent(float(growth[top])))
        return self.say("split_faster", **values, fast=self.segment(fast), change=f.fmt.change_percent(float(growth[fast])),
                        other=self.segment(top), gap=f.fmt.change_points(gap, 1).lstrip("+"),
                        share_before=f.fmt.format(before, "percent", 1),
                        fast_share=f.fmt.format(float(share[fast]), "percent", 1))

    def concentration(self, name: str, column: str, period: DateRange) -> str | None:
        """A visual of this period's shares: the largest segment's share and the next one's."""
        f = self.facts
        if not f.is_additive(name):
            return self.ranked(name, column, period)
        now = f.engine.series(name, period, Grouping(column=column)).dropna()
        now = now[now > 0].sort_values(ascending=False)
        if now.empty:
            return None
        share = now / float(now.sum())
        values = {"metric": self.inline(name), "the_metric": self.words.the(f.label(name)),
                  "top": self.segment(now.index[0]), "share": f.fmt.format(float(share.iloc[0]), "percent", 1)}
        if len(now) < 2:
            return self.say("split_plain", **values)
        return self.say("split_pair", **values, second=self.segment(now.index[1]),
                        second_share=f.fmt.format(float(share.iloc[1]), "percent", 1))

    def segment(self, key) -> str:
        """A segment as the deck shows it elsewhere (无线端, not the data's 'mobile')."""
        return self.facts.locale.value_name(key)

    def largest(self, name: str, now: pd.Series, then: pd.Series, top) -> str:
        """Segments that are not the whole (campaign days of a year): the largest one, and its change."""
        f = self.facts
        before = then.get(top)
        values = {"top": self.segment(top), "metric": self.inline(name), "value": f.value_text(name, float(now[top])),
                  "compare": self.compare}
        if before is None or pd.isna(before) or not before:
            return self.say("split_largest_plain", **values)
        return self.say("split_largest", **values, change=self.change_text(name, float(now[top]), float(before)))

    def shift(self, name: str, grain: str, column: str, period: DateRange) -> str | None:
        """Segments over time: the segment whose share moved most between the first and the last bucket."""
        f = self.facts
        frame = {}
        for key in f.engine.series(name, period, Grouping(column=column)).dropna().index:
            frame[key] = f.engine.series_where(name, period, Grouping(grain=grain), {column: key})
        table = pd.DataFrame(frame).fillna(0.0)
        totals = table.sum(axis=1)
        table = table[totals > 0]
        if len(table) < 2 or table.shape[1] < 2:
            return self.split(name, column, period)
        shares = table.div(table.sum(axis=1), axis=0)
        # Rounded: two segments always move by the same amount, and the last bits of a float (the order of a
        # sum) must not pick the one named. Of equal moves, the segment that gained share is the story.
        change = (shares.iloc[-1] - shares.iloc[0]).round(9)
        moved = max(change.index, key=lambda key: (abs(change[key]), change[key] > 0))
        return self.say("split_shift", segment=self.segment(moved), metric=self.inline(name),
                        first=f.fmt.bucket_label(shares.index[0], grain),
                        last=f.fmt.bucket_label(shares.index[-1], grain),
                        first_share=f.fmt.format(float(shares[moved].iloc[0]), "percent", 1),
                        last_share=f.fmt.format(float(shares[moved].iloc[-1]), "percent", 1))

    def ranked(self, name: str, column: str, period: DateRange) -> str | None:
        """A ratio by segment: the best against the worst."""
        f = self.facts
        values = f.engine.series(name, period, Grouping(column=column)).dropna()
        if len(values) < 2:
            return None
        higher = f.spec(name).better == "higher"
        best, worst = (values.idxmax(), values.idxmin()) if higher else (values.idxmin(), values.idxmax())
        return self.say("ranked" if higher else "ranked_lower", metric=self.inline(name), best=self.segment(best), worst=self.segment(worst),
                        best_value=f.value_text(name, float(values[best])),
                        worst_value=f.value_text(name, float(values[worst])))

    def attainment(self, ref, column: str) -> str | None:
        f = self.facts
        grouping = Grouping(column=column)
        ratios = self.charts.values(ref, grouping).dropna()
        if ratios.empty:
            return None
        missed = ratios[ratios < 1].sort_values()
        if missed.empty:
            return self.say("attainment_all", count=str(len(ratios)))
        worst = missed.index[0]
        return self.say("attainment", count=str(len(ratios)), hit=str(len(ratios) - len(missed)),
                        worst=self.segment(worst),
                        ratio=f.fmt.format(float(missed.iloc[0]), "percent", 1))

    def bridge(self, chart) -> str | None:
        """A waterfall from a total to what is left: the end value and its share of the start."""
        steps = chart.series[0].values
        if not steps or not steps[0]:
            return None
        start, end = steps[0], steps[-1]
        name = chart.series[0].name
        metric = next((n for n, s in self.facts.engine.specs.items() if self.facts.label(n) == name), None)
        value = self.facts.value_text(metric, end) if metric else self.facts.fmt.format(end, "number")
        return self.say("bridge", end=chart.categories[-1], value=value, start=self.words.inline(chart.categories[0]),
                        the_start=self.words.the(chart.categories[0]),
                        share=self.facts.fmt.format(end / start, "percent", 1))


def _growths(f: Facts, name: str, period: DateRange, base: DateRange, first: int, last: int) -> str:
    now = f.engine.series(name, period, Grouping(grain="month"))
    then = f.engine.series(name, base, Grouping(grain="month"))
    parts = []
    for i in range(first, last + 1):
        b = float(then.iloc[i]) if i < len(then) else math.nan
        parts.append(f.fmt.change_percent(float(now.iloc[i]) / b - 1 if b and not pd.isna(b) else None))
    return " / ".join(parts)
