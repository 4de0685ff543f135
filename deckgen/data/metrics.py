"""Named numbers from tables: aggregates, ratios of sums, constants and safe expressions.

Everything is computed as a pandas Series indexed by a group key (one row, "total", when not
grouped), so a monthly chart and a yearly KPI use the same code and always agree. Column aggregates are
computed where the rows are, by grouped queries (query.py, query_sources.py; docs/dev/query.md); pandas
holds only their small results.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..outline.schema import MetricSpec
from ..text import printable
from .expr import evaluate, parse_expr
from .load import LoadedTable
from .periods import DateRange
from .query import COLUMN_KINDS, KEY, Aggregate, GroupedQuery
from .query_sources import DuckStore

TIME_GRAINS = {"hour": "h", "day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
GRAIN_NAMES = tuple(TIME_GRAINS)
TOTAL = "total"
KEY_NAME = "__key__"


@dataclass(frozen=True)
class Grouping:
    """How to split a metric: not at all, by a time grain, or by the values of a column."""

    grain: str | None = None  # day | week | month | quarter | year
    column: str | None = None


NO_GROUPING = Grouping()


def _with_rows(result: pd.DataFrame) -> pd.Index:
    """The time buckets of a grouped result that have rows (its ``n0``: rows per bucket)."""
    rows = result[result["n0"].fillna(0) > 0]
    return pd.Index(pd.to_datetime(rows[KEY]).astype("datetime64[ns]"))


def _counts_all_rows(query: GroupedQuery, source: object) -> bool:
    """Whether a time-grouped query's ``n0`` counts every row of each bucket, as :meth:`MetricEngine._covered`
    does: no filter, no grouping column, no derived rows."""
    return (bool(query.grain) and not query.by and not query.extra and not query.filters()[0]
            and getattr(source, "derived", None) is None)


class MetricEngine:
    """Evaluates metrics over a period and grouping, with a cache so each is computed once."""

    def __init__(self, specs: Mapping[str, MetricSpec], tables: Mapping[str, LoadedTable], current: DateRange,
                 used: Collection[str] | None = None, store: DuckStore | None = None):
        """``used``: the metrics the deck shows (their parts included); a grouped query computes these
        together. ``store``: the DuckDB database the tables were opened in."""
        self.specs = dict(specs)
        self.tables = dict(tables)
        self.current = current
        self.used = _with_parts(self.specs, used) if used is not None else None
        self.store = store or DuckStore()
        self._sources: dict[str, object] = {}
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
        query = GroupedQuery((Aggregate(name, "count", "*", _filters(spec.where)),), date_column=table.date_column,
                             start=period.start, end=period.end, grain="day")
        result = self._source(spec.table).grouped(query)
        return set(pd.to_datetime(result[KEY][result["n0"].fillna(0) > 0]).dt.date)

    def is_banded(self, column: str) -> bool:
        """Whether the column is a table's bands, whose groups keep the bands' order."""
        for loaded in self.tables.values():
            derived = getattr(getattr(loaded.rows, "source", None), "derived", None)
            if derived is not None and column in {band.name for band in derived.bands}:
                return True
        return False

    def rows(self, table: str) -> pd.DataFrame:
        """Every row of a table, for slides that list rows (a timeline's milestones)."""
        loaded = self.tables[table]
        return loaded.frame if loaded.rows is None else loaded.rows.frame()

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
        return self._aggregate(name, period, grouping, extra)

    def _aggregate(self, name: str, period: DateRange, grouping: Grouping, extra: tuple) -> pd.Series:
        """One grouped query computes every column metric of the table for this period, grouping and extra
        filter set; the results of the others are kept for when they are asked for."""
        spec = self.specs[name]
        table = self.tables[spec.table]
        dated = table.date_column is not None
        if not dated and period != self.current:
            return pd.Series(math.nan, index=self._keys(period, grouping), dtype="float64")
        if grouping.grain and not dated:
            raise ValueError(f"table '{table.name}' has no date column to group by {grouping.grain}")
        columns = {str(column) for column in table.frame.columns}
        shared = {column: values for column, values in extra if column in columns}
        names = self._batch(spec.table, name)
        query = GroupedQuery(
            aggregates=tuple(_aggregate_of(part, self.specs[part], shared) for part in names),
            date_column=table.date_column, start=period.start if dated else None, end=period.end if dated else None,
            grain=grouping.grain, by=grouping.column, extra=_filters(shared), keep=_keep(period) if dated else None)
        source = self._source(spec.table)
        result = source.grouped(query)
        if _counts_all_rows(query, source):  # its row counts tell the buckets with rows: no query for them
            self._cache.setdefault(("covered", spec.table, period.key(), grouping.grain), _with_rows(result))
        covered = self._covered(spec.table, period, grouping.grain) if grouping.grain else None
        for index, part in enumerate(names):
            series = self._series(result, query, index, period, grouping, covered)
            self._cache[(part, period.key(), grouping, extra)] = series
        return self._cache[(name, period.key(), grouping, extra)]

    def _covered(self, table: str, period: DateRange, grain: str) -> pd.Index:
        """The buckets of the period in which the table has rows, filters aside (one query per table, period
        and grain): a bucket with rows but none counted is 0, a bucket without rows is unknown, not 0."""
        key = ("covered", table, period.key(), grain)
        if key not in self._cache:
            loaded = self.tables[table]
            query = GroupedQuery((Aggregate("rows", "count", "*"),), date_column=loaded.date_column,
                                 start=period.start, end=period.end, grain=grain, keep=_keep(period))
            self._cache[key] = _with_rows(self._source(table).grouped(query))
        return self._cache[key]

    def _batch(self, table: str, name: str) -> list[str]:
        """The column metrics of ``table`` the deck uses (all of them when not told), ``name`` first. Distinct
        counts, by far the dearest, are computed together only when one of them is asked for: a monthly GMV
        chart does not count buyers per month."""
        distinct = self.specs[name].aggregate == "distinct"
        same = [part for part, spec in self.specs.items()
                if spec.table == table and spec.aggregate in COLUMN_KINDS and (spec.aggregate == "distinct") == distinct
                and (self.used is None or part in self.used)]
        return [name, *(part for part in same if part != name)]

    def _source(self, table: str):
        if table not in self._sources:
            loaded = self.tables[table]
            if loaded.rows is None:
                self._sources[table] = self.store.frame_source(loaded.frame)
            else:
                self._sources[table] = loaded.rows.source_for(loaded.renamed)
        return self._sources[table]

    def _series(self, result: pd.DataFrame, query: GroupedQuery, index: int, period: DateRange,
                grouping: Grouping, covered: pd.Index | None) -> pd.Series:
        aggregate = query.aggregates[index]
        counted = result[f"n{query.filters().index(aggregate.where)}"].fillna(0) > 0
        rows = result[counted]
        if rows.empty:  # no row at all: no data, not zero
            return pd.Series(math.nan, index=self._keys(period, grouping), dtype="float64")
        if grouping.grain:
            keys = pd.Index(pd.to_datetime(rows[KEY]).astype("datetime64[ns]"), name=KEY_NAME)
        elif grouping.column:
            # segment names straight from a table read in place: shown without control characters, as loaded ones are
            keys = pd.Index(rows[KEY].astype(str).map(printable), name=KEY_NAME)
        else:
            keys = pd.Index([TOTAL], name=KEY_NAME)
        values = pd.Series(pd.to_numeric(rows[f"m{index}"], errors="coerce").to_numpy(dtype="float64"), index=keys)
        if grouping.grain:
            all_keys = self._keys(period, grouping)
            filled = values.reindex(all_keys)
            if aggregate.kind != "mean" and covered is not None:
                filled[~all_keys.isin(values.index) & all_keys.isin(covered)] = 0.0
            values = filled
        return values.astype("float64")

    def _keys(self, period: DateRange, grouping: Grouping) -> pd.Index:
        if grouping.grain:
            step = "h" if grouping.grain == "hour" else "D"
            end = pd.Timestamp(period.end) + pd.Timedelta(days=1)
            moments = pd.Series(pd.date_range(period.start, end, freq=step, inclusive="left"))
            return pd.Index(bucket_starts(moments, grouping.grain).unique())
        if grouping.column:
            return pd.Index([], dtype="object")
        return pd.Index([TOTAL])


def bucket_starts(dates: pd.Series, grain: str) -> pd.Series:
    """The first day of each date's bucket (weeks start on Monday)."""
    if grain == "hour":
        return dates.dt.floor("h")
    if grain == "day":
        return dates.dt.normalize()
    return dates.dt.to_period(TIME_GRAINS[grain]).dt.start_time


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


def _keep(period: DateRange) -> tuple[int, ...] | None:
    """Like for like: the period's kept calendar days as month * 100 + day (None: every day)."""
    if period.keep is None:
        return None
    return tuple(sorted(month * 100 + day for month, day in period.keep))


def _aggregate_of(name: str, spec: MetricSpec, shared: Mapping[str, object]) -> Aggregate:
    """The metric as one aggregate; a column the extra filters also name is filtered by them alone."""
    where = {column: values for column, values in spec.where.items() if column not in shared}
    return Aggregate(name, spec.aggregate, str(getattr(spec, spec.aggregate)), _filters(where))


def _filters(where: Mapping[str, object]) -> tuple[tuple[str, tuple], ...]:
    return tuple(sorted((column, tuple(wanted) if isinstance(wanted, list) else (wanted,))
                        for column, wanted in where.items()))


def _with_parts(specs: Mapping[str, MetricSpec], used: Collection[str]) -> set[str]:
    """The metrics named and every metric they are computed from."""
    from .expr import names_in

    found: set[str] = set()
    todo = list(used)
    while todo:
        name = todo.pop()
        spec = specs.get(name)
        if name in found or spec is None:
            continue
        found.add(name)
        todo += list(spec.ratio or []) + (names_in(parse_expr(spec.expr)) if spec.expr else [])
    return found
