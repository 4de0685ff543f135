"""The data guards on tables opened in place (Parquet, large CSV, SQL queries), run where the rows live.

A loaded table is checked in pandas (``guards``, ``numbers``); a table opened in place holds only its header
in pandas, so the same checks are SQL queries over its relation: impossible values (warnings) and numbers a
metric cannot add up (errors), with the same messages. Each query numbers the rows in the source's own order
(``row_number() OVER ()``) and brings back only the count and the first few rows found, never the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Diagnostic
from ..outline.read import LoadedYaml
from ..outline.schema import MetricSpec
from .catalogue import header_key
from .guards import PERCENT_SCALE, _rules, _shown, impossible
from .numbers import MAX_VALUE, out_of_range
from .query import INTEGER, NUMBER, quote
from .query_sources import DuckSource, InPlace, SqlSource
from .read.files import resolve
from .tables import MAX_LISTED_ROWS, LoadedTable

_ROW = "row_number__"


def with_in_place_warnings(tables: Mapping[str, LoadedTable]) -> dict[str, LoadedTable]:
    """The tables, each one opened in place with its impossible values among its warnings."""
    return {name: replace(table, warnings=(*table.warnings, *impossible_in_place(table)))
            if _in_place(table) else table for name, table in tables.items()}


def impossible_in_place(table: LoadedTable) -> list[Diagnostic]:
    """``guards.impossible_values`` for a table opened in place: one scan counts every rule's rows; only a
    rule some row breaks asks for its rows' numbers."""
    rows = _Rows.of(table)
    checks = _impossible_checks(rows)
    medians: dict[str, float] = {}
    found: list[Diagnostic] = []
    for check, count in zip(checks, rows.counts([check.condition for check in checks]), strict=True):
        if count and _applies(check, rows, medians):
            first = rows.first(check.column, check.condition, check.other)
            found.append(impossible(rows.table, check.column, check.what, count, [row for row, *_ in first],
                                    first[0][1], first[0][2] if check.other is not None else None))
    return found


@dataclass(frozen=True)
class _Check:
    column: str
    condition: str
    what: str
    other: str | None = None  # the column compared with
    limit: int | None = None  # a rate's limit: 1 (a fraction) or 100 (written in percent)


def _impossible_checks(rows: _Rows) -> list[_Check]:
    """The rules of ``configs/guards.yaml`` on the table's number columns, in the order pandas checks them;
    a rate gets a check for each limit, its median tells which one applies."""
    columns, rules = rows.numeric_columns(), _rules()
    checks: list[_Check] = []
    for key in map(header_key, rules.get("never_negative") or []):
        checks += [_Check(column, f"{rows.value(column)} < 0", "is negative") for column in columns.get(key, [])]
    for key in map(header_key, rules.get("at_most_100_percent") or []):
        checks += [_Check(column, f"{rows.value(column)} > {limit}", "is above 100 %", limit=limit)
                   for column in columns.get(key, []) for limit in (1, 100)]
    for part, whole in rules.get("not_above") or []:
        for small in columns.get(header_key(part), []):
            for big in columns.get(header_key(whole), []):
                condition = f"{rows.value(small)} > {rows.value(big)} AND {rows.value(big)} >= 0"
                checks.append(_Check(small, condition, f"is above column '{_shown(rows.table, big)}'", big))
    return checks


def _applies(check: _Check, rows: _Rows, medians: dict[str, float]) -> bool:
    """Whether the check's limit is the column's (asked only once a value is above 1)."""
    if check.limit is None:
        return True
    if check.column not in medians:
        medians[check.column] = rows.median(check.column) or 0.0
    return check.limit == (100 if medians[check.column] > PERCENT_SCALE else 1)


def out_of_range_in_place(specs: Mapping[str, MetricSpec], tables: Mapping[str, LoadedTable],
                          loaded: LoadedYaml) -> list[Diagnostic]:
    """``numbers.number_problems`` for the tables opened in place: an ``inf`` or a ``1e308`` in a column a
    sum or mean reads is an error naming the table, column and row. One scan per table counts them."""
    read: dict[str, dict[str, str]] = {}  # table -> column -> the first metric reading it
    for name, spec in specs.items():
        column, table = spec.sum or spec.mean, tables.get(spec.table or "")
        if column is not None and table is not None and _in_place(table):
            read.setdefault(table.name, {}).setdefault(column, name)
    problems = []
    for table_name, columns in read.items():
        rows = _Rows.of(tables[table_name])
        numbers = [column for column in columns if rows.types.get(column) in (NUMBER, INTEGER)]  # text: see guards
        conditions = [f"NOT (abs({rows.value(column)}) <= {MAX_VALUE:.0e})" for column in numbers]
        for column, condition, count in zip(numbers, conditions, rows.counts(conditions), strict=True):
            if count:
                row, value = rows.first(column, condition)[0]
                problems.append(out_of_range(columns[column], rows.table, column, count, row, value, loaded))
    return problems


def _in_place(table: LoadedTable) -> bool:
    return isinstance(table.rows, InPlace) and table.frame.empty


@dataclass(frozen=True)
class _Rows:
    """A table opened in place, as the guards query it."""

    table: LoadedTable
    source: DuckSource | SqlSource
    types: Mapping[str, str]
    dialect: str

    @classmethod
    def of(cls, table: LoadedTable) -> _Rows:
        table = replace(table, span=table.rows.table.span)  # type: ignore[union-attr] (opened without it)
        source = table.rows.source_for(table.renamed)  # type: ignore[union-attr]
        if isinstance(source, DuckSource):
            return cls(table, source, source.store.types(source.relation), "duckdb")
        return cls(table, source, source.types, source.db.dialect)

    def numeric_columns(self) -> dict[str, list[str]]:
        """Number columns by their matching key, export headers copied to a column name left out."""
        copies = {header for header, _ in self.table.renamed}
        found: dict[str, list[str]] = {}
        for column in map(str, self.table.frame.columns):
            if column not in copies and self.types.get(column) in (NUMBER, INTEGER):
                found.setdefault(header_key(column), []).append(column)
        return found

    def value(self, column: str) -> str:
        """The column as a number, NaN as missing (as pandas compares it: never above nor below)."""
        if self.dialect == "duckdb":
            return f"nullif(CAST({quote(column)} AS DOUBLE), 'NaN'::DOUBLE)"
        if self.dialect == "postgresql":
            return f"nullif(CAST({quote(column)} AS double precision), 'NaN')"
        return quote(column)

    def median(self, column: str) -> float | None:
        """The median as pandas takes it (the mean of the two middle values), in any dialect."""
        value = self.value(column)
        known = f"SELECT {value} AS v FROM {self.source.relation} WHERE {value} IS NOT NULL"
        count = self._run(f"SELECT count(*) FROM ({known}) AS known")[0][0]
        if not count:
            return None
        middle = self._run(f"SELECT v FROM ({known}) AS known ORDER BY v LIMIT {2 - count % 2} "
                           f"OFFSET {(count - 1) // 2}")
        return sum(float(row[0]) for row in middle) / len(middle)

    def counts(self, conditions: list[str]) -> list[int]:
        """How many rows meet each condition, in one scan."""
        if not conditions:
            return []
        counted = ", ".join(f"count(*) FILTER (WHERE {condition})" for condition in conditions)
        return [int(count) for count in self._run(f"SELECT {counted} FROM {self.source.relation}")[0]]

    def first(self, column: str, condition: str, other: str | None = None) -> list[tuple]:
        """The first rows that meet ``condition``: (row as the file numbers it, value[, other value])."""
        shown = ", ".join(quote(name) for name in (column, other) if name is not None)
        numbered = f"(SELECT *, row_number() OVER () AS {_ROW} FROM {self.source.relation}) AS numbered"
        found = self._run(f"SELECT {_ROW}, {shown} FROM {numbered} WHERE {condition} "
                          f"ORDER BY {_ROW} LIMIT {MAX_LISTED_ROWS + 1}")
        lines = self._file_rows([int(row[0]) for row in found])
        return [(line, *row[1:]) for line, row in zip(lines, found, strict=True)]

    def _run(self, sql: str) -> list[tuple]:
        if isinstance(self.source, DuckSource):
            return self.source.store.execute(sql).fetchall()
        from .sql import fetch

        return fetch(self.source.db, sql)[1]

    def _file_rows(self, numbers: list[int]) -> list[int]:
        """Row numbers as a loaded table gives them: a CSV file's records counted from its header (row 1),
        blank lines included, which DuckDB skips; the rows of a Parquet file or a query from 1."""
        if self.table.encoding is None:
            return numbers
        path = resolve(self.table.rows.table.path or "", self.table.rows.base_dir)  # type: ignore[union-attr]
        return [row + 1 for row in _records_of(path, numbers)]


def _records_of(path: Path, numbers: list[int]) -> list[int]:
    """The record numbers (from 1, blank records counted) of the file's data records ``numbers`` (from 1,
    blank records skipped). The file is read only when it has a blank line."""
    import mmap

    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as content:
        blank = content.find(b"\n\n") >= 0 or content.find(b"\n\r\n") >= 0
    if not blank:
        return numbers
    import csv

    wanted, found, data = set(numbers), {}, 0
    with path.open(encoding="utf-8", newline="") as handle:
        for record, fields in enumerate(csv.reader(handle)):
            if record == 0 or not fields:
                continue
            data += 1
            if data in wanted:
                found[data] = record
                if len(found) == len(wanted):
                    break
    return [found.get(number, number) for number in numbers]
