"""The data stage's plain types and its message helpers, shared by reading (``read/``) and loading.

Nothing here imports pandas at run time or any other module of the data stage: every other data module may
import this one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

from deckgen.errors import DataError, Diagnostic, SourceSpan

if TYPE_CHECKING:
    import pandas as pd

MAX_LISTED_COLUMNS = 12
MAX_LISTED_ROWS = 5
SHORT_NAME = 4  # names this long or shorter get a looser did-you-mean


@dataclass(frozen=True)
class TableSource:
    name: str  # the table's name in the outline, e.g. "daily"
    path: str | None = None  # file path as written in the outline, relative to the outline's folder
    sheet: str | None = None  # Excel sheet name
    sql: str | None = None  # a SELECT query (with url)
    url: str | None = None  # SQLAlchemy URL; "sqlite:///data/shop.db" relative paths resolve against the outline folder
    encoding: str | None = None  # force a CSV encoding instead of detecting
    date_column: str | None = None  # column parsed as dates; None = use a column named "date" or "日期" if present
    span: SourceSpan = SourceSpan("")  # noqa: RUF009 (frozen) where this table is declared in the outline
    # dialect overrides; None = detected
    delimiter: str | None = None  # "," ";" "\t" "|"
    decimal: str | None = None  # "." or ","
    thousands: str | None = None  # "," "." " " "'" or "" for none
    date_format: str | None = None  # "DD/MM/YYYY", "MM/DD/YY", "YYYY-MM-DD HH:mm" or a strftime format
    non_numeric: str = "error"  # text in a column summed or averaged: "error" or "drop" (with a warning)
    locale_decimal: str = "."  # the deck locale's decimal mark: settles "1,234" when the data does not


@dataclass(frozen=True)
class LoadedTable:
    name: str
    frame: pd.DataFrame
    origin: str  # human description, e.g. "data/shop_daily.csv (UTF-8)", "data/ads.xlsx [渠道]"
    encoding: str | None  # for CSV: the encoding actually used: "UTF-8", "UTF-8 with BOM", "GB18030"
    date_column: str | None
    renamed: tuple[tuple[str, str], ...] = ()  # (export header, column) pairs, e.g. ("访客数", "uv")
    notes: tuple[str, ...] = ()  # what was detected, for the read line: "semicolon", "dates DD/MM/YYYY"
    first_row: int = 1  # the row number a user sees for the frame's first row
    row_numbers: pd.Index | None = None  # per frame row, its row in the source (blank rows skipped)
    warnings: tuple[Diagnostic, ...] = ()  # found while loading: impossible values, dropped text cells
    span: SourceSpan = SourceSpan("")  # noqa: RUF009 (frozen) where the table is declared in the outline
    decimal: str = "."  # the number dialect the file was read in, for cells read as text
    thousands: str | None = ","
    non_numeric: str = "error"  # the table's non_numeric option
    rows: object | None = None  # where the rows are when ``frame`` holds only the header (data/query_sources.py)

    def described(self) -> str:
        """'data/x.csv (UTF-8, semicolon, decimal comma, dates DD/MM/YYYY)' for the read line."""
        if not self.notes:
            return self.origin
        if self.origin.endswith(")"):
            return f"{self.origin[:-1]}, {', '.join(self.notes)})"
        return f"{self.origin} ({', '.join(self.notes)})"

    def row_of(self, position: int) -> int:
        """The source row of the frame's row at ``position``."""
        if self.row_numbers is None:
            return position + self.first_row
        return int(self.row_numbers[position])


@dataclass(frozen=True)
class RawTable:
    """A table as read from its source, before headers are cleaned and dates parsed."""

    frame: pd.DataFrame  # index labels count data rows in the source, from 0
    where: str  # the file or database as the user wrote it, for messages
    origin: str
    encoding: str | None = None
    first_row: int = 1  # the row number a user sees for index label 0
    notes: tuple[str, ...] = ()  # what was detected: "semicolon", "decimal comma"
    excel: bool = False  # numbers in the date column are Excel serial dates
    decimal: str = "."
    thousands: str | None = ","


def where_of(table: LoadedTable) -> str:
    """The table's origin without the encoding note, e.g. "data/shop_daily.csv"."""
    if table.encoding:
        return table.origin.removesuffix(f" ({table.encoding})")
    return table.origin


def missing_column(name: str, where: str, column: str, columns: list[str], span: SourceSpan) -> Diagnostic:
    listed = ", ".join(columns[:MAX_LISTED_COLUMNS]) + (", …" if len(columns) > MAX_LISTED_COLUMNS else "")
    guess = suggest(column, columns)
    hint = f"did you mean '{guess}'? columns: {listed}" if guess else f"columns: {listed}"
    return Diagnostic("data.missing_column", f"table '{name}' ({where}) has no column '{column}'", span, hint)


def suggest(word: str, options: Sequence[str]) -> str | None:
    """The option the user most likely meant: same letters in another case, or a close spelling."""
    by_case = {option.casefold(): option for option in options}
    if word.casefold() in by_case:
        return by_case[word.casefold()]
    cutoff = 0.5 if len(word) <= SHORT_NAME else 0.6  # so that 渠到 still finds 渠道
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return close[0] if close else None


def listed_rows(rows: Sequence[int]) -> str:
    """'rows 4, 9, 12, …' for a message or a hint."""
    shown = ", ".join(str(row) for row in rows[:MAX_LISTED_ROWS])
    return shown + (", …" if len(rows) > MAX_LISTED_ROWS else "")


def shorten(sql: str, limit: int = 60) -> str:
    flat = re.sub(r"\s+", " ", sql).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def fail(code: str, message: str, span: SourceSpan, hint: str = "") -> NoReturn:
    raise DataError([Diagnostic(code, message, span, hint)])
