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
KEY = "group_key__"
BUYER_TYPE, BUYER_ORDERS = "buyer_type", "buyer_orders"  # columns an orders table with a buyer gains
NEW, RETURNING = "New", "Returning"  # filters compare text ignoring case: where: {buyer_type: new} works
_FIRST = "first_order__"


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
    keep: tuple[int, ...] | None = None  # like for like: only these calendar days, as month * 100 + day

    def filters(self) -> list[tuple[tuple[str, tuple], ...]]:
        """The distinct metric filters, in first-use order (index = the row-count column)."""
        return list(dict.fromkeys(aggregate.where for aggregate in self.aggregates))


@dataclass(frozen=True)
class Band:
    """A text column made of bands of a number column: ``< 50``, ``50–100``, ``≥ 100``."""

    name: str
    column: str
    edges: tuple[float, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Derived:
    """Columns computed in the query from a table's rows (see docs/outline.md, "Orders and buyers").

    - ``buyer_type``: ``new`` when the buyer's first order in the whole table falls on or after the start of
      the period (of the time bucket, when grouped by time), else ``returning``;
    - ``buyer_orders``: the buyer's orders in the period (in the time bucket, when grouped by time);
    - one text column per band.
    """

    buyer: str | None = None
    date_column: str | None = None
    bands: tuple[Band, ...] = ()

    def columns(self) -> dict[str, str]:
        found = {BUYER_TYPE: TEXT, BUYER_ORDERS: INTEGER} if self.buyer else {}
        return found | {band.name: TEXT for band in self.bands}


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


def grouped_sql(query: GroupedQuery, source: str, sql: Sql, derived: Derived | None = None) -> str:
    """``SELECT key, n0.., m0.. FROM source WHERE … GROUP BY key ORDER BY key``; ``source`` is a relation
    name or a parenthesised subquery with an alias. ``derived`` adds computed columns (buyers, bands)."""
    filters = query.filters()
    made = derived.columns() if derived is not None else {}
    sql.types = {**sql.types, **made}
    columns: list[str] = []
    grouped = query.grain is not None or query.by is not None
    if grouped:
        columns.append(f"{_key(query, sql)} AS {KEY}")
    for index, where in enumerate(filters):
        columns.append(f"count(*){_filter(where, sql)} AS n{index}")
    for index, aggregate in enumerate(query.aggregates):
        columns.append(f"{_aggregate(aggregate, sql)}{_filter(aggregate.where, sql)} AS m{index}")
    if derived is not None:
        inner = [(column, values) for column, values in query.extra if column not in made]
        source = _derived_rows(query, source, sql, derived, _row_conditions(query, sql, inner))
        conditions = [_match(column, values, sql) for column, values in query.extra if column in made]
    else:
        conditions = _row_conditions(query, sql, query.extra)
    conditions += _group_condition(query, sql)
    text = f"SELECT {', '.join(columns)} FROM {source}"
    if conditions:
        text += " WHERE " + " AND ".join(conditions)
    if grouped:
        text += f" GROUP BY {KEY}" if sql.dialect != "postgresql" else " GROUP BY 1"
        banded = derived is not None and query.by in {band.name for band in derived.bands}
        text += f" ORDER BY min({quote(query.by + '#')})" if banded else " ORDER BY 1"
    return text


# ------------------------------------------------------------------------------------------- pieces


def _row_conditions(query: GroupedQuery, sql: Sql, extra: tuple | list) -> list[str]:
    conditions = [_match(column, values, sql) for column, values in extra]
    if query.date_column and query.start and query.end:
        moment = _moment(query.date_column, sql)
        after = dt.datetime.combine(query.end + dt.timedelta(days=1), dt.time())
        conditions.append(f"{moment} >= {_period_start(query, sql)}")
        conditions.append(f"{moment} < {sql.param(_stamp(after, sql))}")
    if query.date_column and query.keep is not None:
        days = ", ".join(sql.param(day) for day in query.keep) or "NULL"
        conditions.append(f"{_calendar_day(query.date_column, sql)} IN ({days})")
    return conditions


def _calendar_day(column: str, sql: Sql) -> str:
    """The row's calendar day as month * 100 + day (3 January = 103), the same in every year."""
    if sql.dialect == "sqlite":
        return (f"(CAST(strftime('%m', {quote(column)}) AS INTEGER) * 100 "
                f"+ CAST(strftime('%d', {quote(column)}) AS INTEGER))")
    moment = _moment(column, sql)
    return f"(CAST(extract(month FROM {moment}) AS INTEGER) * 100 + CAST(extract(day FROM {moment}) AS INTEGER))"


def _group_condition(query: GroupedQuery, sql: Sql) -> list[str]:
    """Rows without a value in the grouping column belong to no group."""
    if not query.by:
        return []
    return [f"{quote(query.by)} IS NOT NULL AND trim({sql.text_of(query.by)}) <> ''"]


def _period_start(query: GroupedQuery, sql: Sql) -> str:
    assert query.start is not None
    return sql.param(_stamp(dt.datetime.combine(query.start, dt.time()), sql))


def _derived_rows(query: GroupedQuery, source: str, sql: Sql, derived: Derived, conditions: list[str]) -> str:
    """The period's rows with the derived columns: the buyer's first order is looked up in the whole
    table, before the period's filter; the buyer's orders are counted after it."""
    rows, counted = source, ""
    if derived.buyer and derived.date_column:
        buyer = quote(derived.buyer)
        rows = (f"(SELECT *, min({_moment(derived.date_column, sql)}) OVER (PARTITION BY {buyer}) AS {_FIRST} "
                f"FROM {rows}) AS history")
        partition = buyer + (f", {_key(query, sql)}" if query.grain else "")
        counted = f", count(*) OVER (PARTITION BY {partition}) AS {quote(BUYER_ORDERS)}"
    where = " WHERE " + " AND ".join(conditions) if conditions else ""
    rows = f"(SELECT *{counted} FROM {rows}{where}) AS period_rows"
    made: list[str] = []
    if derived.buyer and query.start:
        start = _key(query, sql) if query.grain else _period_start(query, sql)
        made.append(f"CASE WHEN {_FIRST} >= {start} THEN {sql.param(NEW)} ELSE {sql.param(RETURNING)} END "
                    f"AS {quote(BUYER_TYPE)}")
    for band in derived.bands:
        made.append(f"{_band(band, sql, band.labels)} AS {quote(band.name)}")
        made.append(f"{_band(band, sql, range(len(band.labels)))} AS {quote(band.name + '#')}")
    return f"(SELECT *, {', '.join(made)} FROM {rows}) AS derived_rows" if made else rows


def _band(band: Band, sql: Sql, outputs) -> str:
    """CASE over the band's edges: the label (or the index) of the band each value falls in."""
    value = _numeric(band.column, sql)
    outputs = list(outputs)
    steps = " ".join(f"WHEN {value} < {sql.param(edge)} THEN {sql.param(output)}"
                     for edge, output in zip(band.edges, outputs, strict=False))
    return f"CASE WHEN {value} IS NULL THEN NULL {steps} ELSE {sql.param(outputs[-1])} END"


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
    if sql.dialect == "duckdb" and sql.types.get(column) == DATE:
        return quote(column)  # as it is, so that DuckDB skips the Parquet row groups outside the period
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
