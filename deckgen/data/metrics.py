"""Named numbers from tables: aggregates, ratios of sums, constants and safe expressions.

Everything is computed as a pandas Series indexed by a group key (one row, "total", when not
grouped), so a monthly chart and a yearly KPI use the same code and always agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..outline.schema import MetricSpec
from .expr import evaluate, parse_expr
from .load import LoadedTable
from .periods import DateRange

TIME_GRAINS = {"hour": "h", "day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
GRAIN_NAMES = tuple(TIME_GRAINS)
TOTAL = "total"


@dataclass(frozen=True)
class Grouping:
    """How to split a metric: not at all, by a time grain, or by the values of a column."""

    grain: str | None = None  # day | week | month | quarter | year
    column: str | None = None


NO_GROUPING = Grouping()


class MetricEngine:
    """Evaluates metrics over a period and grouping, with a cache so each is computed once."""

    def __init__(self, specs: Mapping[str, MetricSpec], tables: Mapping[str, LoadedTable], current: DateRange):
        self.specs = dict(specs)
        self.tables = dict(tables)
        self.current = current
        self._cache: dict[tuple, pd.Series | float | pd.Index] = {}
        self._exprs = {name: parse_expr(spec.expr) for name, spec in self.specs.items() if spec.expr}

    # ------------------------------------------------------------------ public

    def value(self, name: str, period: DateRange) -> float | None:
        result = self._evaluate(name, period, NO_GROUPING, ())
        number = float(result.iloc[0]) if isinstance(result, pd.Series) else float(result)
        return None if math.isnan(number) else number

    def series(self, name: str, period: DateRange, grouping: Grouping) -> pd.Series:
        """Values per group key; time buckets cover the whole period in order."""
        return self.series_where(name, period, grouping, {})

    def series_where(self, name: str, period: DateRange, grouping: Grouping, extra: Mapping[str, object]) -> pd.Series:
        """Like ``series``, restricted to rows where each column in ``extra`` has the given value."""
        result = self._evaluate(name, period, grouping, tuple(sorted(extra.items())))
        if isinstance(result, pd.Series):
            return result
        return pd.Series(result, index=self._keys(period, grouping), dtype="float64")

    def days_covered(self, name: str, period: DateRange) -> set:
        """The days of ``period`` on which the metric's tables have rows (its filters applied): what the
        comparison of two periods can be like for like on."""
        spec = self.specs[name]
        if not spec.table:
            return set().union(*(self.days_covered(p, period) for p in self.parts_of(name) if p in self.specs))
        table = self.tables[spec.table]
        if table.date_column is None:
            return set()
        frame = table.frame
        dates = frame[table.date_column]
        mask = where_mask(frame, spec.where)
        mask &= (dates >= pd.Timestamp(period.start)) & (dates < pd.Timestamp(period.end) + pd.Timedelta(days=1))
        return set(dates[mask].dt.date)

    def parts_of(self, name: str) -> list[str]:
        spec = self.specs[name]
        if spec.ratio:
            return list(spec.ratio)
        if spec.expr:
            from .expr import names_in

            return names_in(self._exprs[name])
        return []

    def describe(self, name: str) -> str:
        """Where a number comes from, for speaker notes."""
        spec = self.specs[name]
        kind = spec.aggregate
        if kind in ("sum", "count", "distinct", "mean"):
            table = self.tables[spec.table]
            text = f"{kind}({getattr(spec, kind)}) of {spec.table} [{table.origin}]"
            if spec.where:
                conditions = ", ".join(f"{k} = {v}" for k, v in spec.where.items())
                text += f" where {conditions}"
            return text
        if kind == "ratio":
            return f"{spec.ratio[0]} / {spec.ratio[1]} (ratio of period totals)"
        if kind == "expr":
            return spec.expr or ""
        return f"constant {spec.value:g}"

    # ------------------------------------------------------------------ evaluation

    def _evaluate(self, name: str, period: DateRange, grouping: Grouping, extra: tuple) -> pd.Series | float:
        key = (name, period.key(), grouping, extra)
        if key not in self._cache:
            with np.errstate(all="ignore"):  # overflow becomes a missing number below, not a terminal warning
                self._cache[key] = _finite(self._compute(name, period, grouping, extra))
        return self._cache[key]

    def _compute(self, name: str, period: DateRange, grouping: Grouping, extra: tuple) -> pd.Series | float:
        spec = self.specs[name]
        kind = spec.aggregate
        if kind == "value":
            return float(spec.value) if period == self.current else math.nan
        if kind == "ratio":
            numerator = self._evaluate(spec.ratio[0], period, grouping, extra)
            denominator = self._evaluate(spec.ratio[1], period, grouping, extra)
            return _safe_divide(numerator, denominator)
        if kind == "expr":
            return evaluate(self._exprs[name], lambda part: self._evaluate(part, period, grouping, extra))
        return self._aggregate(spec, period, grouping, dict(extra))

    def _aggregate(self, spec: MetricSpec, period: DateRange, grouping: Grouping, extra: dict) -> pd.Series:
        table = self.tables[spec.table]
        frame = table.frame
        dated = table.date_column is not None
        if not dated and period != self.current:
            return pd.Series(math.nan, index=self._keys(period, grouping), dtype="float64")
        mask = where_mask(frame, {**spec.where, **{k: v for k, v in extra.items() if k in frame.columns}})
        if dated:
            mask &= _in_period(frame[table.date_column], period)
        if grouping.column:  # rows without a value in the grouping column belong to no group
            keys = frame[grouping.column]
            mask &= keys.notna() & (keys.astype(str).str.strip() != "")
        rows = frame[mask]
        if rows.empty:
            return pd.Series(math.nan, index=self._keys(period, grouping), dtype="float64")
        keys = self._row_keys(rows, table, grouping)
        result = _reduce(rows, keys, spec)
        if grouping.grain:
            result = self._fill_buckets(result, table, period, grouping, spec)
        return result.astype("float64")

    def _fill_buckets(self, result: pd.Series, table: LoadedTable, period: DateRange, grouping: Grouping,
                      spec: MetricSpec) -> pd.Series:
        """Every bucket of the period: 0 where the table has rows but none counted, missing ("—") where the
        table has no row at all (a month absent from the data is unknown, not zero)."""
        keys = self._keys(period, grouping)
        filled = result.reindex(keys)
        if spec.mean:
            return filled
        empty = ~keys.isin(result.index) & keys.isin(self._covered(table, period, grouping.grain))
        filled[empty] = 0.0
        return filled

    def _covered(self, table: LoadedTable, period: DateRange, grain: str) -> pd.Index:
        """The buckets of the period in which the table has rows (computed once per table, period and grain)."""
        key = ("covered", table.name, period.key(), grain)
        if key not in self._cache:
            dates = table.frame[table.date_column]
            self._cache[key] = pd.Index(bucket_starts(dates[_in_period(dates, period)], grain).unique())
        return self._cache[key]

    def _row_keys(self, rows: pd.DataFrame, table: LoadedTable, grouping: Grouping) -> pd.Series:
        if grouping.column:
            return rows[grouping.column].astype(str)
        if grouping.grain:
            if not table.date_column:
                raise ValueError(f"table '{table.name}' has no date column to group by {grouping.grain}")
            return bucket_starts(rows[table.date_column], grouping.grain)
        return pd.Series(TOTAL, index=rows.index)

    def _keys(self, period: DateRange, grouping: Grouping) -> pd.Index:
        if grouping.grain:
            step = "h" if grouping.grain == "hour" else "D"
            end = pd.Timestamp(period.end) + pd.Timedelta(days=1)
            moments = pd.Series(pd.date_range(period.start, end, freq=step, inclusive="left"))
            return pd.Index(bucket_starts(moments, grouping.grain).unique())
        if grouping.column:
            return pd.Index([], dtype="object")
        return pd.Index([TOTAL])


def _in_period(dates: pd.Series, period: DateRange) -> pd.Series:
    inside = (dates >= pd.Timestamp(period.start)) & (dates < pd.Timestamp(period.end) + pd.Timedelta(days=1))
    if period.keep is not None:  # like for like: only the calendar days both periods have
        inside &= (dates.dt.month * 100 + dates.dt.day).isin([month * 100 + day for month, day in period.keep])
    return inside


def bucket_starts(dates: pd.Series, grain: str) -> pd.Series:
    """The first day of each date's bucket (weeks start on Monday)."""
    if grain == "hour":
        return dates.dt.floor("h")
    if grain == "day":
        return dates.dt.normalize()
    return dates.dt.to_period(TIME_GRAINS[grain]).dt.start_time


def _reduce(rows: pd.DataFrame, keys: pd.Series, spec: MetricSpec) -> pd.Series:
    grouped_on = keys.rename("__key__")
    if spec.count is not None:
        if spec.count == "*":
            return rows.groupby(grouped_on, sort=True).size()
        return rows[spec.count].groupby(grouped_on, sort=True).count()
    if spec.distinct is not None:
        return rows[spec.distinct].groupby(grouped_on, sort=True).nunique()
    column = spec.sum if spec.sum is not None else spec.mean
    values = pd.to_numeric(rows[column], errors="coerce")
    grouped = values.groupby(grouped_on, sort=True)
    return grouped.sum(min_count=1) if spec.sum is not None else grouped.mean()


def where_mask(frame: pd.DataFrame, where: Mapping[str, object]) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, wanted in where.items():
        options = wanted if isinstance(wanted, list) else [wanted]
        values = frame[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            # text compares as written, ignoring case and surrounding spaces (Mobile = mobile)
            wanted_text = {_as_text(option).strip().casefold() for option in options}
            mask &= values.astype(str).str.strip().str.casefold().isin(wanted_text)
        else:
            mask &= values.isin([_as_number(option) for option in options])
    return mask


def _as_number(value: object) -> object:
    """A filter value for a number column: '2025' (text in the outline) is the number 2025."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _as_text(value: object) -> str:
    from ..outline.read import raw_text

    return raw_text(value)


MAX_RESULT = 1e21  # beyond any shop's number (a ratio over 1e-300, an overflow): shown as missing


def _finite(result: pd.Series | float) -> pd.Series | float:
    """An infinite or absurdly large result is a missing number: shown as "—", never as ∞ or 300 digits."""
    if isinstance(result, pd.Series):
        return result.where(~(result.astype("float64").abs() > MAX_RESULT), np.nan) if len(result) else result
    return result if abs(result) <= MAX_RESULT else math.nan


def _safe_divide(numerator: pd.Series | float, denominator: pd.Series | float) -> pd.Series | float:
    if isinstance(denominator, pd.Series):
        return numerator / denominator.replace(0, math.nan)
    if not denominator or math.isnan(denominator):
        return numerator * math.nan if isinstance(numerator, pd.Series) else math.nan
    return numerator / denominator
