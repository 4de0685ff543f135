"""Grouped queries: what the metric engine asks of a table, written as SQL for the database that holds it.

One :class:`GroupedQuery` computes every column aggregate the outline uses from one table, for one period,
one grouping (a time grain or a column) and one set of extra filters. Each metric's own ``where`` becomes a
``FILTER`` clause on its aggregate, so metrics that filter differently still share the scan. Next to each
distinct filter the query counts the rows it keeps: a metric with no rows at all is "no data" (NaN), not 0.

The SQL is generated for DuckDB (files and frames), SQLite and PostgreSQL (SQL sources, run in the source
database). Values are bound as parameters, never spliced into the text. Nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

GRAINS = ("hour", "day", "week", "month", "quarter", "year")
COLUMN_KINDS = ("sum", "count", "distinct", "mean")
TEXT, NUMBER, INTEGER, DATE, OTHER = "text", "number", "integer", "date", "other"
KEY = "k"


@dataclass(frozen=True)
class Aggregate:
    """One column aggregate: ``sum(gmv) where platform = 天猫``."""

    name: str  # the metric
    kind: str  # sum | count | distinct | mean
    column: str  # "*" for count(*)
    where: tuple[tuple[str, tuple], ...] = ()  # (column, accepted values), sorted


@dataclass(frozen=True)
class GroupedQuery:
    aggregates: tuple[Aggregate, ...]
    date_column: str | None = None  # None: the table is not dated, or the period does not apply
    start: dt.date | None = None  # inclusive
    end: dt.date | None = None  # inclusive
    grain: str | None = None
    by: str | None = None  # group by the values of this column
    extra: tuple[tuple[str, tuple], ...] = ()  # filters every aggregate shares

    def filters(self) -> list[tuple[tuple[str, tuple], ...]]:
        """The distinct metric filters, in first-use order (index = the row-count column)."""
        return list(dict.fromkeys(aggregate.where for aggregate in self.aggregates))


@dataclass
class Sql:
    """Generated SQL with its parameters, for one dialect (duckdb, sqlite, postgresql)."""

    dialect: str
    types: Mapping[str, str]  # column -> TEXT | NUMBER | INTEGER | DATE | OTHER
    params: dict[str, object] = field(default_factory=dict)

    def param(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}" if self.dialect == "duckdb" else f":{name}"

    def text_of(self, column: str) -> str:
        kind = "VARCHAR" if self.dialect == "duckdb" else "TEXT"
        return f"CAST({quote(column)} AS {kind})"


def quote(name: str) -> str:
    """A column or table name as a quoted identifier (the same in all three dialects)."""
    return '"' + name.replace('"', '""') + '"'


def grouped_sql(query: GroupedQuery, source: str, sql: Sql) -> str:
    """``SELECT k, n0.., m0.. FROM source WHERE … GROUP BY k ORDER BY k``; ``source`` is a relation name or
    a parenthesised subquery with an alias."""
    filters = query.filters()
    columns: list[str] = []
    grouped = query.grain is not None or query.by is not None
    if grouped:
        columns.append(f"{_key(query, sql)} AS {KEY}")
    for index, where in enumerate(filters):
        columns.append(f"count(*){_filter(where, sql)} AS n{index}")
    for index, aggregate in enumerate(query.aggregates):
        columns.append(f"{_aggregate(aggregate, sql)}{_filter(aggregate.where, sql)} AS m{index}")
    text = f"SELECT {', '.join(columns)} FROM {source}"
    conditions = _conditions(query, sql)
    if conditions:
        text += " WHERE " + " AND ".join(conditions)
    if grouped:
        text += f" GROUP BY {KEY} ORDER BY {KEY}" if sql.dialect != "postgresql" else " GROUP BY 1 ORDER BY 1"
    return text


# ------------------------------------------------------------------------------------------- pieces


def _conditions(query: GroupedQuery, sql: Sql) -> list[str]:
    conditions = [_match(column, values, sql) for column, values in query.extra]
    if query.date_column and query.start and query.end:
        moment = _moment(query.date_column, sql)
        first = dt.datetime.combine(query.start, dt.time())
        after = dt.datetime.combine(query.end + dt.timedelta(days=1), dt.time())
        conditions.append(f"{moment} >= {sql.param(_stamp(first, sql))}")
        conditions.append(f"{moment} < {sql.param(_stamp(after, sql))}")
    if query.by:  # rows without a value in the grouping column belong to no group
        conditions.append(f"{quote(query.by)} IS NOT NULL AND trim({sql.text_of(query.by)}) <> ''")
    return conditions


def _filter(where: tuple[tuple[str, tuple], ...], sql: Sql) -> str:
    if not where:
        return ""
    return " FILTER (WHERE " + " AND ".join(_match(column, values, sql) for column, values in where) + ")"


def _match(column: str, values: tuple, sql: Sql) -> str:
    """Text compares as written, ignoring case and surrounding spaces; numbers compare as numbers."""
    kind = sql.types.get(column, OTHER)
    if kind == TEXT:
        options = sorted({_as_text(value).strip().casefold() for value in values})
        listed = ", ".join(sql.param(option) for option in options)
        return f"lower(trim({sql.text_of(column)})) IN ({listed})"
    numbers = [number for number in map(_as_number, values) if number is not None]
    if not numbers:
        return "1 = 0"
    return f"{quote(column)} IN ({', '.join(sql.param(number) for number in numbers)})"


def _aggregate(aggregate: Aggregate, sql: Sql) -> str:
    column = aggregate.column
    if aggregate.kind == "count":
        return "count(*)" if column == "*" else f"count({quote(column)})"
    if aggregate.kind == "distinct":
        return f"count(DISTINCT {quote(column)})"
    value = _numeric(column, sql)
    if aggregate.kind == "mean":
        return f"avg({value})"
    if sql.dialect == "duckdb" and sql.types.get(column) != INTEGER:
        return f"fsum({value})"  # compensated, as pandas sums: the same last digits
    return f"sum({value})"


def _numeric(column: str, sql: Sql) -> str:
    """The column as a number; text that is not a number counts as missing."""
    kind = sql.types.get(column, OTHER)
    name = quote(column)
    if kind in (NUMBER, INTEGER):
        return name
    if sql.dialect == "duckdb":
        return f"TRY_CAST({name} AS DOUBLE)"
    if sql.dialect == "sqlite":
        return f"(CASE WHEN typeof({name}) IN ('integer', 'real') THEN {name} END)"
    pattern = r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"
    return f"(CASE WHEN {sql.text_of(column)} ~ {sql.param(pattern)} THEN CAST({sql.text_of(column)} AS double precision) END)"


def _key(query: GroupedQuery, sql: Sql) -> str:
    if query.by:
        return sql.text_of(query.by)
    assert query.grain in GRAINS and query.date_column
    if sql.dialect == "sqlite":
        return _sqlite_bucket(quote(query.date_column), query.grain)
    return f"date_trunc('{query.grain}', {_moment(query.date_column, sql)})"


def _moment(column: str, sql: Sql) -> str:
    if sql.dialect == "sqlite":
        return f"datetime({quote(column)})"
    kind = "TIMESTAMP" if sql.dialect == "duckdb" else "timestamp"
    return f"CAST({quote(column)} AS {kind})"


def _stamp(moment: dt.datetime, sql: Sql) -> object:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if sql.dialect == "sqlite" else moment


def _sqlite_bucket(column: str, grain: str) -> str:
    """The start of each bucket as 'YYYY-MM-DD HH:MM:SS' text (weeks start on Monday)."""
    day = {
        "hour": f"strftime('%Y-%m-%d %H:00:00', {column})",
        "day": f"date({column})",
        "week": f"date({column}, 'weekday 0', '-6 days')",
        "month": f"strftime('%Y-%m-01', {column})",
        "quarter": f"printf('%s-%02d-01', strftime('%Y', {column}), "
                   f"((CAST(strftime('%m', {column}) AS INTEGER) - 1) / 3) * 3 + 1)",
        "year": f"strftime('%Y-01-01', {column})",
    }[grain]
    return f"datetime({day})"


def _as_number(value: object) -> object | None:
    """A filter value for a number column: '2025' (text in the outline) is the number 2025."""
    if isinstance(value, bool | int | float):
        return value
    try:
        return float(str(value))
    except ValueError:
        return None


def _as_text(value: object) -> str:
    from ..outline.read import raw_text

    return raw_text(value)
