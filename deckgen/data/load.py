"""Load the outline's data tables: read each source (``read/``), clean the headers, parse the date column and
rename export headers to the catalogue's columns.

Each problem a user can fix becomes a :class:`~deckgen.errors.Diagnostic` placed at the table's entry in
the outline, with the data file, column and row in its message. pandas and the format libraries are
imported inside the functions that use them, so importing this module stays cheap (``deckgen --help``).

Imports run one way: ``tables`` <- ``read`` <- ``load`` -> ``guards`` -> ``catalogue`` -> ``tables``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import DataError, Diagnostic, SourceSpan

from ..outline.catalogue import canonical_column
from .guards import impossible_values
from .read import read_source
from .read.dates import parse_dates
from .tables import LoadedTable, TableSource, fail, missing_column, where_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LoadedTable", "TableSource", "apply_aliases", "load_table", "load_tables", "require_columns"]

# Headers taken as the date column when the outline names none (export tools' names included).
DATE_COLUMN_NAMES = ("date", "日期", "统计日期", "統計日期", "时间", "時間", "fecha", "día", "dia", "day")


def load_tables(sources: Sequence[TableSource], base_dir: Path, aliases: Mapping[str, str] | None = None,
                reader: Callable[[TableSource, Path], LoadedTable] | None = None,
                opener: Callable[[TableSource, Path], LoadedTable | None] | None = None) -> dict[str, LoadedTable]:
    """Load every table; report the problems of all tables together. ``aliases`` (normalised export header
    -> column, from the metric catalogue) renames headers such as 访客数 to uv. ``reader``: how one table
    is read (default ``load_table``; ``data.cache`` keeps them). ``opener`` may open a table where it lives
    instead (None: read it)."""
    tables: dict[str, LoadedTable] = {}
    problems: list[Diagnostic] = []
    for source in sources:
        try:
            table = (opener and opener(source, base_dir)) or (reader or load_table)(source, base_dir)
            table = apply_aliases(table, aliases) if aliases else table
            tables[source.name] = replace(table, warnings=(*table.warnings, *impossible_values(table)))
        except DataError as error:
            problems.extend(error.diagnostics)
    if problems:
        raise DataError(problems)
    return tables


def load_table(source: TableSource, base_dir: Path) -> LoadedTable:
    """Read one table, clean its header names and parse its date column."""
    raw = read_source(source, base_dir)
    frame = _printable_text(_clean_headers(raw.frame))
    if frame.empty:
        fail("data.unreadable", f"{raw.where} has no data rows", source.span,
             "the first row should hold the column names and the rows below it the data")
    date_column = _pick_date_column(source, frame, raw.where)
    notes = raw.notes
    if date_column is not None:
        frame[date_column], note = parse_dates(frame[date_column], date_column, raw, source.span, source.date_format)
        notes = (*notes, note) if note else notes
    elif source.date_format:
        fail("data.no_date", f"table '{source.name}' has date_format but no date column", source.span,
             "name the date column with date: on the table")
    rows = frame.index + raw.first_row
    return LoadedTable(source.name, frame.reset_index(drop=True), raw.origin, raw.encoding, date_column,
                       notes=notes, first_row=raw.first_row, row_numbers=rows, span=source.span,
                       decimal=raw.decimal, thousands=raw.thousands, non_numeric=source.non_numeric)


def apply_aliases(table: LoadedTable, aliases: Mapping[str, str]) -> LoadedTable:
    """Rename export headers to their column names (访客数 -> uv) where the table lacks that column.

    The header stays readable under its own name too (a copy at the end of the frame), so an outline written
    against the export (``sum: 支付金额``) keeps working. The renames are recorded in ``renamed``.
    """
    columns = [str(column) for column in table.frame.columns]
    taken = set(columns)
    renames: dict[str, str] = {}
    for column in columns:
        target = canonical_column(column, aliases)
        if target and target not in taken:
            renames[column] = target
            taken.add(target)
    if not renames:
        return table
    frame = table.frame.rename(columns=renames)
    for header, target in renames.items():
        frame[header] = frame[target]
    date_column = renames.get(table.date_column, table.date_column) if table.date_column else None
    return replace(table, frame=frame, date_column=date_column, renamed=tuple(renames.items()))


def require_columns(table: LoadedTable, columns: Sequence[str], span: SourceSpan) -> None:
    """Raise one diagnostic per column the table lacks."""
    present = [str(column) for column in table.frame.columns]
    where = where_of(table)
    problems = [missing_column(table.name, where, column, present, span)
                for column in columns if column not in present]
    if problems:
        raise DataError(problems)


def _clean_headers(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_axis([str(column).strip() for column in frame.columns], axis=1)


def _printable_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Control characters in text cells (a tab in a product name) shown as a space or '�', never as
    boxes on a chart or invalid XML in the deck."""
    from pandas.api.types import is_object_dtype, is_string_dtype

    from ..text import NEEDS_CLEANING, printable

    frame = frame.set_axis([printable(str(column)) for column in frame.columns], axis=1)
    for column in frame.columns:
        values = frame[column]
        if is_string_dtype(values) and not is_object_dtype(values):  # text only: clean when needed (rare)
            if not values.str.contains(NEEDS_CLEANING, regex=True, na=False).any():
                continue
        elif not is_object_dtype(values):
            continue
        frame[column] = values.map(lambda value: printable(value) if isinstance(value, str) else value)
    return frame


def _pick_date_column(source: TableSource, frame: pd.DataFrame, where: str) -> str | None:
    columns = list(frame.columns)
    if source.date_column is None:
        return next((column for column in columns if str(column).strip().lower() in DATE_COLUMN_NAMES), None)
    if source.date_column not in columns:
        raise DataError([missing_column(source.name, where, source.date_column, columns, source.span)])
    return source.date_column
