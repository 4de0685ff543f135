"""Which days a table covers, against the outline's periods.

- A table with no rows in the current period is a data error: every number would read "—".
- A comparison base with days or months missing (that the current period has) gives a warning: the growth
  would compare unequal periods.

Like-for-like figures (``{{ gmv.lfl.yoy }}``) are ``Facts.like_for_like``: the days both periods have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..errors import Diagnostic
from .periods import DateRange, shift_years
from .tables import LoadedTable, where_of

if TYPE_CHECKING:
    from ..outline.schema import MetricSpec

MAX_LISTED_DAYS = 3
SHORTEST_MONTH = 28
REGULAR = 0.8  # a table with rows on this share of its days (or months) is a series, not a list of events


def days_with_rows(table: LoadedTable, period: DateRange) -> set[dt.date]:
    """The days of ``period`` on which the table has at least one row."""
    import pandas as pd

    if table.date_column is None:
        return set()
    if table.rows is not None:  # opened in place: the frame holds only the header
        return _days_in_place(table, period)
    dates = table.frame[table.date_column]
    inside = (dates >= pd.Timestamp(period.start)) & (dates < pd.Timestamp(period.end) + pd.Timedelta(days=1))
    return {stamp.date() for stamp in dates[inside].dt.normalize().unique()}  # unique first: millions of rows


def _days_in_place(table: LoadedTable, period: DateRange | None) -> set[dt.date]:
    """The days with rows of a table opened in place, asked of the database that holds its rows."""
    import pandas as pd

    from .query import KEY, Aggregate, GroupedQuery

    query = GroupedQuery((Aggregate("rows", "count", "*"),), date_column=table.date_column,
                         start=period.start if period else None, end=period.end if period else None, grain="day")
    result = table.rows.source_for(table.renamed).grouped(query)  # type: ignore[attr-defined]
    return set(pd.to_datetime(result[KEY][result["n0"].fillna(0) > 0]).dt.date)


def _date_span(table: LoadedTable) -> tuple[dt.date, dt.date] | None:
    """The table's first and last day."""
    if table.rows is not None:
        days = _days_in_place(table, None)
        return (min(days), max(days)) if days else None
    dates = table.frame[table.date_column].dropna()
    return (dates.min().date(), dates.max().date()) if not dates.empty else None


def empty_periods(tables: Mapping[str, LoadedTable], current: DateRange, written: str) -> list[Diagnostic]:
    """A data error for each dated table without a row in the current period."""
    problems = []
    for table in tables.values():
        if table.date_column is None or days_with_rows(table, current):
            continue
        span = _date_span(table)
        runs = f"its dates run from {span[0]} to {span[1]}" if span else "it has no dates"
        problems.append(Diagnostic(
            "data.empty_period", f"table '{table.name}' ({where_of(table)}) has no rows in the outline's period "
            f"{written} ({current.start} to {current.end}); {runs}", table.span,
            "check deck.period.current, or export the table for that period"))
    return problems


def base_gaps(tables: Mapping[str, LoadedTable], current: DateRange, bases: Iterable[tuple[str, DateRange]],
              specs: Mapping[str, MetricSpec]) -> list[Diagnostic]:
    """A warning for each dated table whose comparison base lacks days that the current period has; the hint
    names a metric of the table (the outline's own first) in its like-for-like placeholders."""
    warnings = []
    for table in tables.values():
        if table.date_column is None:
            continue
        now = days_with_rows(table, current)
        if not _regular(now, current):
            continue  # events (a row per campaign) have no days to miss
        for comparison, base in bases:
            then = days_with_rows(table, base)
            if not then:
                continue  # no base at all: comparisons show "—" and say so themselves
            wanted = _counterparts(now, current, base)
            lacking = sorted(day for day in wanted if day not in then)
            if lacking:
                monthly = all(day.day == 1 for day in now)
                months = [f"{day:%Y-%m}" for day in lacking] if monthly else _whole_months(lacking, wanted)
                example = next((name for name, spec in specs.items() if spec.table == table.name and spec.sum), "gmv")
                warnings.append(_gap_warning(table, comparison, base, lacking, months, example))
    return warnings


def _regular(days: set[dt.date], current: DateRange) -> bool:
    """Whether the table is a series by day or by month (dated the 1st) over the current period, mostly
    without holes up to its last day."""
    if not days:
        return False
    last = max(days)
    if all(day.day == 1 for day in days):
        expected = (last.year - current.start.year) * 12 + last.month - current.start.month + 1
    else:
        expected = (last - current.start).days + 1
    return len(days) >= REGULAR * expected


def _counterparts(days: set[dt.date], current: DateRange, base: DateRange) -> set[dt.date]:
    """The base's days that stand for ``days`` of the current period."""
    if base.start == shift_years(current.start, -1):
        return {shift_years(day, -1) for day in days}
    offset = current.start - base.start
    return {day - offset for day in days if base.start <= day - offset <= base.end}


def _gap_warning(table: LoadedTable, comparison: str, base: DateRange, lacking: list[dt.date],
                 months: list[str], metric: str) -> Diagnostic:
    """Whole months by name (2024-02, also for a table by month), else the number of days and the first few."""
    if months:
        what = ", ".join(months)
    else:
        shown = ", ".join(day.isoformat() for day in lacking[:MAX_LISTED_DAYS])
        what = f"{len(lacking)} days ({shown}{', …' if len(lacking) > MAX_LISTED_DAYS else ''})"
    message = (f"table '{table.name}' ({where_of(table)}) has no rows for {what} in the {comparison} base "
               f"{base.start} to {base.end}, which the current period has: {comparison} changes compare "
               "unequal periods")
    if comparison == "yoy":
        hint = (f"like-for-like figures leave out the days either year lacks: {{{{ {metric}.lfl.yoy }}}}, "
                f"{{{{ {metric}.lfl }}}}, {{{{ {metric}.lfl.previous }}}}")
    else:
        hint = "add the missing rows to the table, or compare year on year"
    return Diagnostic("data.base_gap", message, table.span, hint, severity="warning")


def _whole_months(days: list[dt.date], wanted: set[dt.date]) -> list[str]:
    """'2024-02' for each month all of whose wanted days are lacking; [] unless the days are whole months."""
    def per_month(listed: Iterable[dt.date]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for day in listed:
            counts[f"{day:%Y-%m}"] = counts.get(f"{day:%Y-%m}", 0) + 1
        return counts

    lacking, expected = per_month(days), per_month(wanted)
    if any(count != expected[month] or count < SHORTEST_MONTH for month, count in lacking.items()):
        return []
    return sorted(lacking)

