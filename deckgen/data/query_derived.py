"""Orders and buyers: the columns a table's ``buyer`` and ``bands`` add, computed in each grouped query.

A table declared with ``buyer: buyer_id`` (one row per order) gains ``buyer_type`` (new or returning) and
``buyer_orders`` (the buyer's orders in the period); each entry under ``bands`` adds a text column of bands
of a number column. The columns are listed in the table's header (so checks, filters and groupings see them)
and computed by the query engine (:class:`~deckgen.data.query.Derived`); they never hold values in pandas.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import replace

from ..errors import DataError, Diagnostic
from ..outline.read import LoadedYaml
from ..outline.schema import BandSpec, TableSpec
from .query import Band, Derived
from .query_sources import DuckStore, FrameRows
from .tables import LoadedTable, missing_column


def derive_tables(tables: Mapping[str, LoadedTable], specs: Mapping[str, object], loaded: LoadedYaml,
                  store: DuckStore) -> dict[str, LoadedTable]:
    """The tables, those with ``buyer`` or ``bands`` given their derived columns; problems of all at once."""
    result = dict(tables)
    problems: list[Diagnostic] = []
    for name, spec in specs.items():
        if not isinstance(spec, TableSpec) or not (spec.buyer or spec.bands) or name not in tables:
            continue
        table = tables[name]
        derived = _derived(name, spec, table)
        found = _problems(name, spec, table, derived, loaded)
        if found:
            problems += found
            continue
        result[name] = add_derived(table, derived, store)
    if problems:
        raise DataError(problems)
    return result


def band_labels(spec: BandSpec) -> tuple[str, ...]:
    """'< 50', '50–100', …, '≥ 200' unless the outline gives labels."""
    if spec.labels:
        return tuple(spec.labels)
    edges = [f"{edge:g}" for edge in spec.edges]
    middle = [f"{low}–{high}" for low, high in itertools.pairwise(edges)]
    return (f"< {edges[0]}", *middle, f"≥ {edges[-1]}")


def _derived(name: str, spec: TableSpec, table: LoadedTable) -> Derived:
    bands = tuple(Band(band, str(entry.column), tuple(entry.edges), band_labels(entry))
                  for band, entry in spec.bands.items())
    return Derived(spec.buyer, table.date_column, bands)


def _problems(name: str, spec: TableSpec, table: LoadedTable, derived: Derived,
              loaded: LoadedYaml) -> list[Diagnostic]:
    columns = [str(column) for column in table.frame.columns]
    made = derived.columns()
    problems = []
    where = table.origin
    if spec.buyer and spec.buyer not in columns:
        problems.append(missing_column(name, where, spec.buyer, columns, loaded.span(("data", name, "buyer"))))
    if spec.buyer and table.date_column is None:
        problems.append(Diagnostic("data.no_date", f"table '{name}' ({where}) has no date column to tell new "
                                   "buyers from returning ones", loaded.span(("data", name, "buyer")),
                                   "name it with date: under the table in data:"))
    for band, entry in spec.bands.items():
        place = loaded.span(("data", name, "bands", band))
        if entry.column not in columns and entry.column not in made:
            problems.append(missing_column(name, where, str(entry.column), columns, place))
        if band in columns:
            problems.append(Diagnostic("data.band_name", f"table '{name}' already has a column '{band}'", place,
                                       "give the band another name"))
    clash = [column for column in made if column in columns and column not in spec.bands]
    if spec.buyer and clash:
        problems.append(Diagnostic("data.band_name", f"table '{name}' already has a column "
                                   f"'{clash[0]}', which buyer: adds", loaded.span(("data", name, "buyer")),
                                   f"rename that column in the data; buyer: adds {', '.join(made)}"))
    return problems


def add_derived(table: LoadedTable, derived: Derived, store: DuckStore) -> LoadedTable:
    """The header lists the derived columns; the rows stay where they are, the source computes them."""
    import pandas as pd

    header = table.frame.head(0).assign(**{column: pd.Series(dtype="object") for column in derived.columns()})
    if table.rows is None:
        rows: object = FrameRows(replace(store.frame_source(table.frame), derived=derived), table.frame)
    else:
        rows = replace(table.rows, source=replace(table.rows.source, derived=derived))
    return replace(table, frame=header, rows=rows)
