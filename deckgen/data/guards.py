"""Guards on the values of loaded tables.

- Values that cannot be true (``configs/guards.yaml``): negative visitors, a conversion above 100 %, more
  buyers than visitors on a row. Each is a warning naming the file, the column and the rows; the numbers are
  left as they are, so the deck shows what the data says while the reader is told what to check.
- Text in a column a metric adds up or averages: a data error, or (``non_numeric: drop``) a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import Diagnostic
from ..outline.schema import MetricSpec
from .catalogue import header_key
from .tables import MAX_LISTED_ROWS, LoadedTable, listed_rows, where_of

if TYPE_CHECKING:
    import pandas as pd

CONFIG = "guards.yaml"
PERCENT_SCALE = 1  # a rate column whose median is above this is written in percent (2.3 for 2.3 %)


@cache
def _rules() -> Mapping[str, Any]:
    from ..resources import load_config

    return load_config(CONFIG)


def impossible_values(table: LoadedTable) -> list[Diagnostic]:
    """Warnings for the table's impossible values. A table opened in place (a Parquet file, a large CSV, a
    SQL query: its frame holds only the header) is checked where it lives (``query_guards``)."""
    if table.rows is not None and table.frame.empty:
        return []
    rules = _rules()
    columns = _numeric_columns(table)
    found: list[Diagnostic] = []
    for key in map(header_key, rules.get("never_negative") or []):
        for column in columns.get(key, []):
            values = table.frame[column]
            found += _warn(table, column, values < 0, "is negative", values)
    for key in map(header_key, rules.get("at_most_100_percent") or []):
        for column in columns.get(key, []):
            values = table.frame[column]
            limit = 100 if values.median() > PERCENT_SCALE else 1
            found += _warn(table, column, values > limit, "is above 100 %", values)
    for part, whole in rules.get("not_above") or []:
        for small in columns.get(header_key(part), []):
            for big in columns.get(header_key(whole), []):
                values = table.frame[small]
                above = (values > table.frame[big]) & (table.frame[big] >= 0)  # a negative whole is warned already
                found += _warn(table, small, above, f"is above column '{_shown(table, big)}'", values,
                               table.frame[big])
    return found


def _numeric_columns(table: LoadedTable) -> dict[str, list[str]]:
    """Number columns by their matching key (a column and the export header copied from it are one)."""
    import pandas as pd

    copies = {header for header, _ in table.renamed}
    found: dict[str, list[str]] = {}
    for column in table.frame.columns:
        if column in copies or not pd.api.types.is_numeric_dtype(table.frame[column]):
            continue
        if pd.api.types.is_bool_dtype(table.frame[column]):
            continue
        found.setdefault(header_key(str(column)), []).append(str(column))
    return found


def _warn(table: LoadedTable, column: str, bad: pd.Series, what: str, values: pd.Series,
          other: pd.Series | None = None) -> list[Diagnostic]:
    positions = bad.to_numpy().nonzero()[0].tolist()
    if not positions:
        return []
    rows = [table.row_of(position) for position in positions[:MAX_LISTED_ROWS + 1]]
    first = positions[0]
    return [impossible(table, column, what, len(positions), rows, values.iloc[first],
                       None if other is None else other.iloc[first])]


def impossible(table: LoadedTable, column: str, what: str, count: int, rows: list[int], value: object,
               other: object | None = None) -> Diagnostic:
    """The warning for ``count`` impossible cells of ``column``, the first at ``rows[0]`` holding ``value``
    (``other``: the cell of the column it was compared with)."""
    example = _number(value) + (f" against {_number(other)}" if other is not None else "")
    plural = "rows" if count > 1 else "row"
    message = (f"{where_of(table)}: column '{_shown(table, column)}' {what} in {count} {plural} "
               f"({plural} {listed_rows(rows)}; row {rows[0]}: {example})")
    return Diagnostic("data.impossible", message, table.span, "check the export: such a value cannot be true",
                      severity="warning")


def _shown(table: LoadedTable, column: str) -> str:
    """The column as the file names it: 访客数 for uv when the header was renamed."""
    return next((header for header, target in table.renamed if target == column), column)


def _number(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    return f"{number:g}" if abs(number) < 1e15 else f"{number:.6g}"


# ------------------------------------------------------------------------------------ text in numbers


def number_columns(tables: Mapping[str, LoadedTable], specs: Mapping[str, MetricSpec]
                   ) -> tuple[dict[str, LoadedTable], list[Diagnostic]]:
    """Check the columns that metrics add up or average: text there is a data error naming the file, row and
    column, or, with the table's ``non_numeric: drop``, a warning and the cells left out. Returns the tables
    with such columns read as numbers, and the errors."""
    from dataclasses import replace

    wanted: dict[str, set[str]] = {}
    for spec in specs.values():
        column = spec.sum or spec.mean
        if spec.table in tables and column in tables[spec.table].frame.columns:
            wanted.setdefault(spec.table, set()).add(column)
    result, problems = dict(tables), []
    for name, columns in wanted.items():
        table = result[name]
        for column in sorted(columns):
            converted, diagnostic = _as_numbers(_with_rows(table, column), column)
            if diagnostic is None:
                continue
            if table.rows is not None and table.frame.empty:  # opened in place: its engine skips text cells
                if table.non_numeric != "drop":
                    problems.append(diagnostic)
                else:
                    table = replace(table, warnings=(*table.warnings, diagnostic))
                continue
            if table.non_numeric != "drop":
                problems.append(diagnostic)
                continue
            frame = table.frame.copy()
            frame[column] = converted
            table = replace(table, frame=frame, warnings=(*table.warnings, diagnostic))
        result[name] = table
    return result, problems


def _with_rows(table: LoadedTable, column: str) -> LoadedTable:
    """The table with its rows in the frame when it was opened in place and the engine typed ``column`` as
    text (a number column needs no check): its cells are then read to name the rows that are not numbers."""
    from dataclasses import replace

    import pandas as pd

    if table.rows is None or not table.frame.empty or pd.api.types.is_numeric_dtype(table.frame[column]):
        return table
    return replace(table, frame=table.rows.frame())  # type: ignore[attr-defined]


def _as_numbers(table: LoadedTable, column: str) -> tuple[pd.Series, Diagnostic | None]:
    """The column as numbers in the table's dialect, and a diagnostic for cells that are not numbers."""
    import pandas as pd

    values = table.frame[column]
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
        return values, None
    text = values.astype("string").str.strip()
    plain = text
    if table.thousands:
        plain = plain.str.replace(table.thousands, "", regex=False)
    if table.decimal != ".":
        plain = plain.str.replace(table.decimal, ".", regex=False)
    numbers = pd.to_numeric(plain, errors="coerce")
    bad = numbers.isna() & text.notna() & (text != "")
    if not bad.any():
        return numbers.astype("float64"), None
    positions = bad.to_numpy().nonzero()[0].tolist()
    rows = [table.row_of(position) for position in positions[:MAX_LISTED_ROWS + 2]]
    first = text.iloc[positions[0]]
    message = f"{where_of(table)}: column '{_shown(table, column)}', row {rows[0]}: '{first}' is not a number"
    more = f" ({len(positions) - 1} more: rows {listed_rows(rows[1:])})" if len(positions) > 1 else ""
    if table.non_numeric == "drop":
        return numbers.astype("float64"), Diagnostic(
            "data.not_a_number", f"{message}; {len(positions)} such cells left out{more}", table.span,
            "the metrics add up the other cells", severity="warning")
    return numbers, Diagnostic("data.not_a_number", message + more, table.span,
                               "correct the cells, or set non_numeric: drop on the table to leave them out "
                               "with a warning")
