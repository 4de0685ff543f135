"""Numbers a metric adds up must be finite and within a shop's range: an ``inf`` or a ``1e308`` in a summed
column is reported with its table, column and row instead of turning a year's total into ∞."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import Diagnostic
from ..outline.read import LoadedYaml
from ..outline.schema import MetricSpec
from .load import LoadedTable

MAX_VALUE = 1e18  # larger than any amount in any currency a deck reports


def number_problems(specs: Mapping[str, MetricSpec], tables: Mapping[str, LoadedTable],
                    loaded: LoadedYaml) -> list[Diagnostic]:
    """One problem per (table, column) that a sum or mean reads and that holds an out-of-range number."""
    import numpy as np
    from pandas.api.types import is_numeric_dtype

    problems, seen = [], set()
    for name, spec in specs.items():
        column = spec.sum or spec.mean
        table = tables.get(spec.table or "")
        if column is None or table is None or (table.name, column) in seen or column not in table.frame:
            continue
        seen.add((table.name, column))
        values = table.frame[column]
        if not is_numeric_dtype(values):
            continue
        bad = np.flatnonzero(~(values.astype("float64").abs() <= MAX_VALUE) & values.notna().to_numpy())
        if len(bad):
            row = table.row_of(int(bad[0]))  # the file's row, as an editor shows it (header = row 1)
            problems.append(out_of_range(name, table, column, len(bad), row, values.iloc[bad[0]], loaded))
    return problems


def out_of_range(metric: str, table: LoadedTable, column: str, count: int, row: int, value: object,
                 loaded: LoadedYaml) -> Diagnostic:
    """The error for ``count`` out-of-range cells of the column a metric reads, the first at ``row``."""
    where = ("metrics", metric) if metric in (loaded.data.get("metrics") or {}) else ("data", table.name)
    origin = table.origin.removesuffix(f" ({table.encoding})") if table.encoding else table.origin
    more = f" ({count} such rows)" if count > 1 else ""
    return Diagnostic(
        "data.out_of_range", f"table '{table.name}' ({origin}), column '{column}', row {row}: "
        f"{float(value):g} is not a number deckgen can add up{more}", loaded.span(where),  # type: ignore[arg-type]
        f"numbers must be finite and at most {MAX_VALUE:.0e} in size; fix the export")
