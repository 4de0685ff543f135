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
    """``guards.impossible_values`` for a table opened in place."""
    rows = _Rows.of(table)
    columns = rows.numeric_columns()
    rules = _rules()
    found: list[Diagnostic] = []
    for key in map(header_key, rules.get("never_negative") or []):
        for column in columns.get(key, []):
            found += rows.warn(column, f"{rows.value(column)} < 0", "is negative")
    for key in map(header_key, rules.get("at_most_100_percent") or []):
        for column in columns.get(key, []):
            limit = 100 if (rows.median(column) or 0) > PERCENT_SCALE else 1
            found += rows.warn(column, f"{rows.value(column)} > {limit}", "is above 100 %")
    for part, whole in rules.get("not_above") or []:
        for small in columns.get(header_key(part), []):
            for big in columns.get(header_key(whole), []):
                condition = f"{rows.value(small)} > {rows.value(big)} AND {rows.value(big)} >= 0"
                found += rows.warn(small, condition, f"is above column '{_shown(table, big)}'", big)
    return found


def out_of_range_in_place(specs: Mapping[str, MetricSpec], tables: Mapping[str, LoadedTable],
                          loaded: LoadedYaml) -> list[Diagnostic]:
    """``numbers.number_problems`` for the tables opened in place: an ``inf`` or a ``1e308`` in a column a
    sum or mean reads is an error naming the table, column and row."""
    problems, seen = [], set()
    for name, spec in specs.items():
        column = spec.sum or spec.mean
        table = tables.get(spec.table or "")
        if column is None or table is None or not _in_place(table) or (table.name, column) in seen:
            continue
        seen.add((table.name, column))
        rows = _Rows.of(table)
        if rows.types.get(column) not in (NUMBER, INTEGER):
            continue  # text: the text-in-numbers guard speaks for it
        value = rows.value(column)
        count, first = rows.find(column, f"NOT (abs({value}) <= {MAX_VALUE:.0e})")
        if count:
            problems.append(out_of_range(name, table, column, count, first[0][0], first[0][1], loaded))
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

    def warn(self, column: str, condition: str, what: str, other: str | None = None) -> list[Diagnostic]:
        count, first = self.find(column, condition, other)
        if not count:
            return []
        rows = [row for row, *_ in first]
        return [impossible(self.table, column, what, count, rows, first[0][1],
                           first[0][2] if other is not None else None)]

    def find(self, column: str, condition: str, other: str | None = None) -> tuple[int, list[tuple]]:
        """How many rows meet ``condition``, and the first few as (row as the file numbers it, value[, other])."""
        shown = ", ".join(quote(name) for name in (column, other) if name is not None)
        numbered = f"(SELECT *, row_number() OVER () AS {_ROW} FROM {self.source.relation}) AS numbered"
        found = self._run(f"SELECT {_ROW}, {shown}, count(*) OVER () FROM {numbered} WHERE {condition} "
                          f"ORDER BY {_ROW} LIMIT {MAX_LISTED_ROWS + 1}")
        if not found:
            return 0, []
        lines = self._file_rows([int(row[0]) for row in found])
        return int(found[0][-1]), [(line, *row[1:-1]) for line, row in zip(lines, found, strict=True)]

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
