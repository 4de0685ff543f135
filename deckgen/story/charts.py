"""Chart specs from chart blocks: which numbers, in which order, with which labels."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from ..charts.spec import AxisFormat, ChartSpec, Series
from ..data.metrics import GRAIN_NAMES, Grouping
from ..data.periods import parse_period, period_before, year_before
from ..grammar.refs import MetricRefParts, parse_ref
from ..outline.schema import ChartBlock
from .facts import Facts

MAX_LABELLED_POINTS = 24


def as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class ChartBuilder:
    def __init__(self, facts: Facts):
        self.facts = facts
        self.fmt = facts.fmt
        self.periods = facts.periods

    # ------------------------------------------------------------------ entry

    def build(self, block: ChartBlock) -> ChartSpec:
        """The chart for a block; a block with its own ``period`` is computed over that period."""
        if block.period:
            own = parse_period(block.period)
            self.periods = replace(self.facts.periods, current=own, previous=year_before(own),
                                   prior=period_before(own))
        try:
            return self._build(block)
        finally:
            self.periods = self.facts.periods

    def _build(self, block: ChartBlock) -> ChartSpec:
        if block.type == "waterfall":
            return self._waterfall(block)
        if block.type == "donut":
            return self._donut(block)
        if block.type == "combo":
            return self._combo(block)
        return self._plain(block)

    # ------------------------------------------------------------------ series over x

    def grouping(self, x: str | None) -> Grouping:
        if x in GRAIN_NAMES:
            return Grouping(grain=x)
        return Grouping(column=x)

    def values(self, ref: MetricRefParts, grouping: Grouping) -> pd.Series:
        """One metric (or comparison) per group key, aligned to the current period's keys."""
        engine, periods = self.facts.engine, self.periods
        now = engine.series(ref.name, periods.current, grouping)
        if ref.comparison in (None, "share", "vs"):
            if ref.comparison == "share":
                total = now.sum(min_count=1)
                return now / total if total else now * math.nan
            if ref.comparison == "vs":
                other = engine.series(ref.other, periods.current, grouping)
                return now / other.reindex(now.index).replace(0, math.nan)
            return now
        base_period = periods.prior if ref.comparison in ("mom", "prior") else periods.previous
        base = self._aligned(engine.series(ref.name, base_period, grouping), now.index, grouping)
        if ref.comparison in ("previous", "prior"):
            return base
        if ref.comparison == "change":
            return now - base
        if self.facts.differs(ref.name):
            return now - base
        return (now - base) / base.abs().replace(0, math.nan)

    @staticmethod
    def _aligned(base: pd.Series, keys: pd.Index, grouping: Grouping) -> pd.Series:
        if grouping.grain:  # bucket i of the base period pairs with bucket i of this period
            values = list(base.values[: len(keys)]) + [math.nan] * max(0, len(keys) - len(base))
            return pd.Series(values, index=keys, dtype="float64")
        return base.reindex(keys)

    def categories(self, index: pd.Index, grouping: Grouping) -> tuple[str, ...]:
        if grouping.grain:
            return tuple(self.fmt.bucket_label(key, grouping.grain) for key in index)  # a Timestamp: hours too
        return tuple(self.facts.locale.value_name(key) for key in index)

    def series_name(self, ref: MetricRefParts) -> str:
        """A legend entry: "Ventas del año anterior", "GMV 上年同期" (the locale's ``series_names``)."""
        label = self.facts.label(ref.name)
        pattern = self.facts.locale.words["series_names"].get(ref.comparison or "")
        if not pattern:
            return label
        inline = label if self.facts.locale.is_cjk or label[1:2].isupper() else label[:1].lower() + label[1:]
        return pattern.format(label=label, inline=inline)

    def series_format(self, ref: MetricRefParts) -> tuple[str, int | None]:
        """The format of a series' values: comparisons are percentages."""
        spec = self.facts.spec(ref.name)
        if ref.comparison in ("yoy", "mom", "share", "vs"):
            return "percent", 1
        return spec.format, spec.decimals

    def labels(self, values: Sequence[float | None], fmt: str, decimals: int | None, show: bool) -> tuple[str, ...]:
        if not show or len(values) > MAX_LABELLED_POINTS:
            return ()
        texts = self.fmt.column([None if _missing(v) else v for v in values], fmt, decimals, chart=True)
        return tuple("" if _missing(v) else text for v, text in zip(values, texts))

    def axis(self, refs: Sequence[MetricRefParts], frames: Sequence[pd.Series]) -> AxisFormat:
        fmt, _ = self.series_format(refs[0])
        largest = max((abs(v) for f in frames for v in f.values if not _missing(v)), default=0.0)
        return self.fmt.axis("percent" if fmt == "percent" else "number", largest)

    # ------------------------------------------------------------------ kinds

    def _plain(self, block: ChartBlock) -> ChartSpec:
        grouping = self.grouping(block.x)
        refs = [parse_ref(r) for r in as_list(block.y)]
        if block.by:
            return self._split(block, refs[0], grouping)
        frames = [self.values(ref, grouping) for ref in refs]
        index = frames[0].index
        if grouping.column:
            index = self._ranked(frames[0], block.top, self.facts.engine.is_banded(grouping.column))
            frames = [f.reindex(index) for f in frames]
        few = len(refs) <= 2 and not block.stacked
        series = tuple(
            Series(self.series_name(ref), _tuple(frame), role="line" if block.type == "line" else "bar",
                   labels=self.labels(_tuple(frame), *self.series_format(ref), show=block.labels and few))
            for ref, frame in zip(refs, frames)
        )
        kind = block.type
        return ChartSpec(kind=kind, categories=self.categories(index, grouping), series=self.peak(series, frames, block),
                         stacked=block.stacked or block.percent, percent_stacked=block.percent,
                         primary_axis=self.axis(refs, frames), show_legend=len(series) > 1,
                         bands=self.bands(block, refs[0], index, grouping))

    def _split(self, block: ChartBlock, ref: MetricRefParts, grouping: Grouping) -> ChartSpec:
        """One series per value of ``by`` (grouped or stacked), over the x categories."""
        engine, period = self.facts.engine, self.periods.current
        by_values = engine.series(ref.name, period, Grouping(column=block.by))
        members = self._ranked(by_values, block.top)
        frames = []
        for member in members:
            frames.append(engine.series_where(ref.name, period, grouping, {block.by: member}))
        index = frames[0].index if frames else pd.Index([])
        series = tuple(
            Series(self.facts.locale.value_name(member), _tuple(frame.reindex(index)),
                   role="line" if block.type == "line" else "bar")
            for member, frame in zip(members, frames)
        )
        if block.percent:
            totals = pd.concat(frames, axis=1).sum(axis=1).replace(0, math.nan)
            series = tuple(Series(s.name, _tuple(pd.Series(s.values, index=index) / totals), role=s.role) for s in series)
        axis = self.fmt.axis("percent", 1.0) if block.percent else self.axis([ref], frames)
        return ChartSpec(kind=block.type, categories=self.categories(index, grouping), series=series,
                         stacked=block.stacked or block.percent, percent_stacked=block.percent,
                         primary_axis=axis, show_legend=True)

    def _combo(self, block: ChartBlock) -> ChartSpec:
        """Columns and lines; a line in another unit (a rate over amounts) gets the right axis. Labels go
        on the right-axis line when there is one (two sets of labels would collide), else on a lone bar."""
        grouping = self.grouping(block.x)
        bar_refs = [parse_ref(r) for r in as_list(block.bars)]
        line_refs = [parse_ref(r) for r in as_list(block.line)]
        bar_frames = [self.values(r, grouping) for r in bar_refs]
        line_frames = [self.values(r, grouping) for r in line_refs]
        bar_unit = self.series_format(bar_refs[0])[0]
        on_right = [self.series_format(r)[0] != bar_unit for r in line_refs]
        label_bars = block.labels and len(bar_refs) == 1 and not any(on_right)
        series = [
            Series(self.series_name(r), _tuple(f), role="bar",
                   labels=self.labels(_tuple(f), *self.series_format(r), show=label_bars))
            for r, f in zip(bar_refs, bar_frames)
        ]
        series += [
            Series(self.series_name(r), _tuple(f), role="line", axis="secondary" if right else "primary",
                   labels=self.labels(_tuple(f), *self.series_format(r), show=block.labels and right))
            for r, f, right in zip(line_refs, line_frames, on_right)
        ]
        right_refs = [r for r, right in zip(line_refs, on_right) if right]
        right_frames = [f for f, right in zip(line_frames, on_right) if right]
        left_frames = bar_frames + [f for f, right in zip(line_frames, on_right) if not right]
        series = list(self.peak(tuple(series), bar_frames, block))
        return ChartSpec(kind="combo", categories=self.categories(bar_frames[0].index, grouping), series=tuple(series),
                         bands=self.bands(block, bar_refs[0], bar_frames[0].index, grouping),
                         primary_axis=self.axis(bar_refs, left_frames),
                         secondary_axis=self.axis(right_refs, right_frames) if right_refs else None,
                         stacked=block.stacked, ordered=_ordered(bar_frames[0].index, grouping))

    def peak(self, series: tuple[Series, ...], frames: Sequence[pd.Series], block: ChartBlock) -> tuple[Series, ...]:
        """A time series too long (or asked) to carry data labels still names its peak: the first series'
        highest point gets the only label."""
        first = series[0]
        if first.labels or block.stacked or block.percent or not len(frames[0]):
            return series
        if not _ordered(frames[0].index, self.grouping(block.x)):
            return series
        values = _tuple(frames[0])
        known = [(v, i) for i, v in enumerate(values) if not _missing(v)]
        if len(known) < 3:
            return series
        top = max(known, key=lambda pair: (pair[0], -pair[1]))[1]
        text = self.labels(values, *self.series_format(parse_ref(as_list(block.y or block.bars)[0])), show=True)
        if not text:  # too many points for labels: format the peak alone
            fmt, decimals = self.series_format(parse_ref(as_list(block.y or block.bars)[0]))
            text = tuple(self.fmt.format(v, "number" if fmt == "money" else fmt, decimals) if i == top else ""
                         for i, v in enumerate(values))
        only = tuple(t if i == top else "" for i, t in enumerate(text))
        return (replace(first, labels=only), *series[1:])

    def bands(self, block: ChartBlock, ref: MetricRefParts, index: pd.Index,
              grouping: Grouping) -> tuple[tuple[int, int, str], ...]:
        """Runs of consecutive time buckets in one phase (``phases:``): each bucket takes the phase with the
        largest value of the chart's first metric in it."""
        if not block.phases or not grouping.grain or not len(index):
            return ()
        from ..data.checks import tables_of

        engine, period = self.facts.engine, self.periods.current
        tables = tables_of(engine.specs, ref.name)
        if not tables:
            return ()
        column = engine.tables[tables[0]].frame[block.phases]
        phases = sorted(str(v) for v in column.dropna().unique())
        values = {p: engine.series_where(ref.name, period, grouping, {block.phases: p}).reindex(index) for p in phases}
        per_bucket = []
        for key in index:
            found = [(float(values[p][key]), p) for p in phases if not _missing(values[p][key]) and values[p][key] > 0]
            per_bucket.append(max(found)[1] if found else None)
        runs: list[tuple[int, int, str]] = []
        for i, phase in enumerate(per_bucket):
            if phase is None:
                continue
            if runs and runs[-1][2] == phase and runs[-1][1] == i - 1:
                runs[-1] = (runs[-1][0], i, phase)
            else:
                runs.append((i, i, phase))
        return tuple(runs)

    def _donut(self, block: ChartBlock) -> ChartSpec:
        ref = parse_ref(as_list(block.y)[0])
        values = self.facts.engine.series(ref.name, self.periods.current, Grouping(column=block.by))
        index = self._ranked(values, block.top)
        kept = values.reindex(index)
        other = values.drop(index).sum()
        categories = [self.facts.locale.value_name(k) for k in index]
        numbers = list(_tuple(kept))
        if other > 0:
            categories.append(self.facts.locale.words.get("other", "其他" if self.facts.locale.is_cjk else "Other"))
            numbers.append(float(other))
        total = self.facts.value_text(ref.name, float(values.sum()))
        shares = replace(self.fmt.axis("percent", 1.0), decimals=1)
        return ChartSpec(kind="donut", categories=tuple(categories),
                         series=(Series(self.series_name(ref), tuple(numbers)),), primary_axis=shares,
                         center_label=f"{self.facts.locale.words['total']}\n{total}")

    def _waterfall(self, block: ChartBlock) -> ChartSpec:
        engine, period = self.facts.engine, self.periods.current
        categories: list[str] = []
        steps: list[float] = []
        totals: list[bool] = []
        if block.start:
            start = parse_ref(block.start)
            categories.append(self.series_name(start))
            steps.append(self._single(start))
            totals.append(True)
        for text in block.steps or []:
            ref = parse_ref(text)
            sign = -1.0 if ref.negate else 1.0
            categories.append(self.series_name(ref))
            steps.append(sign * self._single(ref))
            totals.append(not categories[:-1])
        if block.subtract:
            parts = engine.series(block.subtract, period, Grouping(column=block.by)).sort_values(ascending=False)
            for key, value in parts.items():
                categories.append(self.facts.locale.value_name(key))
                steps.append(-float(value))
                totals.append(False)
        categories.append(block.end or self.facts.locale.words["total"])
        steps.append(sum(steps))
        totals.append(True)
        first = parse_ref(block.start or (block.steps or [block.subtract])[0])
        fmt = self.facts.spec(first.name)
        labels = self.fmt.signed_column(steps, [False] * len(steps), fmt.format, fmt.decimals)
        return ChartSpec(kind="waterfall", categories=tuple(categories),
                         series=(Series(self.series_name(first), tuple(steps), labels=labels),),
                         totals=tuple(totals), primary_axis=self.fmt.axis("number", max(abs(v) for v in steps)),
                         show_legend=False, key=tuple(self.facts.locale.words["waterfall_key"]))

    def _single(self, ref: MetricRefParts) -> float:
        value = self.facts.current(ref.name) if ref.comparison is None else self.facts.base(ref.name)
        return 0.0 if value is None else value

    @staticmethod
    def _ranked(values: pd.Series, top: int | None, banded: bool = False) -> pd.Index:
        """Largest first; bands (order-value bands …) keep their own order."""
        ordered = values.dropna() if banded else values.dropna().sort_values(ascending=False, kind="mergesort")
        return ordered.index[:top] if top else ordered.index


TIME_LIKE = re.compile(r"\d{1,2}:\d{2}(:\d{2})?|\d{4}[-/]\d{1,2}([-/]\d{1,2})?|\d{1,2}[-/]\d{1,2}|\d+[hH时点]?")


def _ordered(index: pd.Index, grouping: Grouping) -> bool:
    """Whether the categories have a natural order a line may join: time buckets, numbers (hours), dates."""
    if grouping.grain:
        return True
    kind = getattr(index, "inferred_type", "")
    if kind in ("integer", "floating", "mixed-integer-float", "datetime", "datetime64", "date", "period"):
        return True
    return len(index) > 0 and all(TIME_LIKE.fullmatch(str(key).strip()) for key in index)


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _tuple(frame: pd.Series | Sequence[float]) -> tuple[float | None, ...]:
    return tuple(None if _missing(float(v)) else float(v) for v in frame)
