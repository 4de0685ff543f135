"""Load the outline's data tables: CSV (encoding detected), Excel, Parquet and SQL.

Each problem a user can fix becomes a :class:`~deckgen.errors.Diagnostic` placed at the table's entry in
the outline, with the data file, column and row in its message. pandas and the format libraries are
imported inside the functions that use them, so importing this module stays cheap (``deckgen --help``).
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from deckgen.errors import DataError, Diagnostic, SourceSpan

from .sql import shorten as _shorten

if TYPE_CHECKING:
    import pandas as pd

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PARQUET_SUFFIXES = (".parquet",)
SUPPORTED_HINT = "supported: .csv, .tsv, .txt, .xlsx, .xlsm, .parquet, or sql with url"
# Headers taken as the date column when the outline names none (export tools' names included).
DATE_COLUMN_NAMES = ("date", "日期", "统计日期", "統計日期", "时间", "時間", "fecha", "día", "dia", "day")
MAX_LISTED_COLUMNS = 12
MAX_LISTED_ROWS = 5
SHORT_NAME = 4  # names this long or shorter get a looser did-you-mean
UTF8_BOM = b"\xef\xbb\xbf"
_CJK_DATE = r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"


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


@dataclass(frozen=True)
class LoadedTable:
    name: str
    frame: pd.DataFrame
    origin: str  # human description, e.g. "data/shop_daily.csv (UTF-8)", "data/ads.xlsx [渠道]"
    encoding: str | None  # for CSV: the encoding actually used: "UTF-8", "UTF-8 with BOM", "GB18030"
    date_column: str | None
    renamed: tuple[tuple[str, str], ...] = ()  # (export header, column) pairs, e.g. ("访客数", "uv")
    rows: object | None = None  # where the rows are when ``frame`` holds only the header (data/query_sources.py)


@dataclass(frozen=True)
class _RawTable:
    """A table as read from its source, before headers are cleaned and dates parsed."""

    frame: pd.DataFrame  # index labels count data rows in the source, from 0
    where: str  # the file or database as the user wrote it, for messages
    origin: str
    encoding: str | None = None
    first_row: int = 1  # the row number a user sees for index label 0


# ---------------------------------------------------------------------------------------------- public


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
            tables[source.name] = apply_aliases(table, aliases) if aliases else table
        except DataError as error:
            problems.extend(error.diagnostics)
    if problems:
        raise DataError(problems)
    return tables


def load_table(source: TableSource, base_dir: Path) -> LoadedTable:
    """Read one table, clean its header names and parse its date column."""
    raw = _read_source(source, base_dir)
    frame = _printable_text(_clean_headers(raw.frame))
    if frame.empty:
        _fail("data.unreadable", f"{raw.where} has no data rows", source.span,
              "the first row should hold the column names and the rows below it the data")
    date_column = _pick_date_column(source, frame, raw.where)
    if date_column is not None:
        frame[date_column] = _parse_dates(frame[date_column], date_column, raw, source.span)
    return LoadedTable(source.name, frame.reset_index(drop=True), raw.origin, raw.encoding, date_column)


def apply_aliases(table: LoadedTable, aliases: Mapping[str, str]) -> LoadedTable:
    """Rename export headers to their column names (访客数 -> uv) where the table lacks that column.

    The header stays readable under its own name too (a copy at the end of the frame), so an outline written
    against the export (``sum: 支付金额``) keeps working. The renames are recorded in ``renamed``.
    """
    from .catalogue import canonical_column

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
    where = _where(table)
    problems = [_missing_column(table.name, where, column, present, span)
                for column in columns if column not in present]
    if problems:
        raise DataError(problems)


# ------------------------------------------------------------------------------------------- sources


def _read_source(source: TableSource, base_dir: Path) -> _RawTable:
    if source.sql is not None or source.url is not None:
        return _read_sql(source, base_dir)
    if not source.path:
        _fail("data.unsupported", f"table '{source.name}' names no file and no query", source.span,
              "give a path, or sql with url")
    path = _resolve_file(source.path, base_dir, source.span)
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _read_csv(path, source)
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, source)
    if suffix in PARQUET_SUFFIXES:
        return _read_parquet(path, source)
    _fail_unsupported(source.path, suffix, source.span)


def _resolve_file(written: str, base_dir: Path, span: SourceSpan) -> Path:
    path = _resolve(written, base_dir)
    try:
        if path.is_file():
            return path
    except OSError as error:  # a name longer than the file system allows
        _fail("data.unreadable", f"data file {_shorten(written)} cannot be opened: {error.strerror}", span,
              "check the path in the outline")
    if path.is_dir():
        _fail("data.unreadable", f"{written} is a folder, not a data file", span)
    _fail("data.missing_file", f"data file not found: {written}", span, _similar_files_hint(path, written))


def _resolve(written: str, base_dir: Path) -> Path:
    path = Path(written).expanduser()
    return path if path.is_absolute() else base_dir / path


def _similar_files_hint(path: Path, written: str | None = None) -> str:
    """Files with a similar name, written the way the outline writes paths (folder included)."""
    if not path.parent.is_dir():
        return f"folder not found: {path.parent}"
    names = sorted(entry.name for entry in path.parent.iterdir() if entry.is_file())
    close = difflib.get_close_matches(path.name, names, n=3, cutoff=0.6)
    folder = str(Path(written or path.name).parent)
    shown = [name if folder in ("", ".") else f"{folder}/{name}" for name in close]
    if shown:
        return "did you mean " + " or ".join(f"'{name}'" for name in shown) + "?"
    return f"looked for {path}"


def _fail_unsupported(written: str, suffix: str, span: SourceSpan) -> NoReturn:
    if not suffix:
        _fail("data.unsupported", f"{written}: no file extension to tell the format by", span, SUPPORTED_HINT)
    hint = SUPPORTED_HINT
    if suffix == ".xls":
        hint = f"save it as .xlsx in Excel; {SUPPORTED_HINT}"
    _fail("data.unsupported", f"{written}: unsupported file type '{suffix}'", span, hint)


# ----------------------------------------------------------------------------------------------- CSV


def _read_csv(path: Path, source: TableSource) -> _RawTable:
    import pandas as pd

    written = source.path or str(path)
    text, encoding = _decode(_read_bytes(path, written, source.span), written, source)
    if not text.strip():
        _fail("data.unreadable", f"{written} is empty", source.span,
              "export the table again with a header row and data rows")
    try:
        frame = pd.read_csv(io.StringIO(text), sep=_separator(path, text), thousands=",",
                            skip_blank_lines=False)
    except (pd.errors.ParserError, ValueError) as error:
        _fail("data.unreadable", f"{written} is not a readable CSV file: {_first_line(error)}", source.span,
              "check the quoting and the number of fields on that line")
    return _RawTable(frame.dropna(how="all"), written, f"{written} ({encoding})", encoding, first_row=2)


def _read_bytes(path: Path, written: str, span: SourceSpan) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        _fail("data.unreadable", f"cannot read {written}: {error.strerror or error}", span)


def _decode(data: bytes, written: str, source: TableSource) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read with."""
    if source.encoding:
        return _decode_as(data, source.encoding, written, source.span), source.encoding
    if data.startswith(UTF8_BOM):
        text = _try_decode(data[len(UTF8_BOM):], "utf-8")
        if text is not None:
            return text, "UTF-8 with BOM"
    for codec, label in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
        text = _try_decode(data, codec)
        if text is not None:
            return text, label
    return _detect_encoding(data, written, source.span)


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _decode_as(data: bytes, codec: str, written: str, span: SourceSpan) -> str:
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except LookupError:
        _fail("data.unreadable", f"{written}: unknown encoding '{codec}'", span,
              "use utf-8, utf-8-sig, gb18030 or leave encoding out to detect it")
    except UnicodeDecodeError as error:
        _fail("data.unreadable", f"{written} is not valid {codec}: byte {error.object[error.start]:#04x} "
              f"at offset {error.start}", span, "leave encoding out to detect it")


def _detect_encoding(data: bytes, written: str, span: SourceSpan) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        _fail("data.unreadable", f"{written}: cannot tell the text encoding", span,
              "save the file as UTF-8, or set encoding for this table in the outline")
    return str(best), best.encoding


def _separator(path: Path, text: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    if path.suffix.lower() == ".txt" and "\t" in header:
        return "\t"
    return ","


# --------------------------------------------------------------------------------------------- Excel


def _read_excel(path: Path, source: TableSource) -> _RawTable:
    import pandas as pd

    written = source.path or str(path)
    with _open_workbook(path, written, source.span) as book:
        sheet = _pick_sheet([str(name) for name in book.sheet_names], written, source)
        try:
            frame = pd.read_excel(book, sheet_name=sheet, thousands=",")
        except (ValueError, KeyError, OSError) as error:
            _fail("data.unreadable", f"{written} [{sheet}] cannot be read: {_first_line(error)}", source.span)
    return _RawTable(frame.dropna(how="all"), f"{written} [{sheet}]", f"{written} [{sheet}]", first_row=2)


def _open_workbook(path: Path, written: str, span: SourceSpan) -> pd.ExcelFile:
    import zipfile

    import pandas as pd
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return pd.ExcelFile(path, engine="openpyxl")
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        _fail("data.unreadable", f"{written} is not a readable Excel workbook: {_first_line(error)}", span,
              "open it in Excel and save it again as .xlsx")


def _pick_sheet(names: list[str], written: str, source: TableSource) -> str:
    if source.sheet is None:
        if not names:
            _fail("data.unreadable", f"{written} has no sheets", source.span)
        return names[0]
    if source.sheet in names:
        return source.sheet
    guess = _suggest(source.sheet, names)
    listed = ", ".join(names)
    hint = f"did you mean '{guess}'? sheets: {listed}" if guess else f"sheets: {listed}"
    _fail("data.missing_sheet", f"{written} has no sheet '{source.sheet}'", source.span, hint)


# ------------------------------------------------------------------------------------------- Parquet


def _read_parquet(path: Path, source: TableSource) -> _RawTable:
    import pandas as pd
    import pyarrow

    written = source.path or str(path)
    try:
        frame = pd.read_parquet(path, engine="pyarrow")
    except (pyarrow.ArrowException, ValueError, OSError) as error:
        _fail("data.unreadable", f"{written} is not a readable Parquet file: {_first_line(error)}", source.span)
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    return _RawTable(frame.reset_index(drop=True), written, written)


# ----------------------------------------------------------------------------------------------- SQL


def _read_sql(source: TableSource, base_dir: Path) -> _RawTable:
    from .sql import check_statement, fetch_frame, open_database, shorten

    if not source.sql or not source.url:
        _fail("data.sql", f"table '{source.name}' needs both sql and url", source.span,
              'for example: {sql: "select * from orders", url: "sqlite:///data/shop.db"}')
    db = open_database(source.url, base_dir, source.span, _similar_files_hint)
    check_statement(source.sql, db.shown, source.span)
    frame = fetch_frame(db, source.sql)
    return _RawTable(frame, db.shown, f"{db.shown}: {shorten(source.sql)}")


# --------------------------------------------------------------------------------- headers and dates


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
        raise DataError([_missing_column(source.name, where, source.date_column, columns, source.span)])
    return source.date_column


def _parse_dates(values: pd.Series, column: str, raw: _RawTable, span: SourceSpan) -> pd.Series:
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    text = _date_text(values)
    parsed = _to_datetime(text, "ISO8601")
    retry = parsed.isna() & text.notna()
    if retry.any():
        parsed[retry] = _to_datetime(_spell_cjk_dates_with_dashes(text[retry]), "mixed")
    bad = parsed.isna() & text.notna()
    if bad.any():
        raise DataError([_bad_date(values, bad, column, raw, span)])
    return parsed


def _date_text(values: pd.Series) -> pd.Series:
    """Dates as stripped text, blanks as missing; 20250105.0 becomes 20250105."""
    import pandas as pd

    if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
        values = values.astype("Int64")
    text = values.astype("string").str.strip()
    return text.replace("", pd.NA)


def _spell_cjk_dates_with_dashes(text: pd.Series) -> pd.Series:
    """2025年1月5日 becomes 2025-1-5 (a regex pass: only for the values ISO 8601 did not parse)."""
    return text.str.replace(_CJK_DATE, r"\1-\2-\3", regex=True)


def _to_datetime(text: pd.Series, date_format: str) -> pd.Series:
    import pandas as pd

    try:
        return pd.to_datetime(text, format=date_format, errors="coerce")
    except (ValueError, TypeError, OverflowError):  # e.g. mixed time zones: every value is reported
        return pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")


def _bad_date(values: pd.Series, bad: pd.Series, column: str, raw: _RawTable, span: SourceSpan) -> Diagnostic:
    rows = [int(label) + raw.first_row for label in bad[bad].index]
    first = values.loc[bad[bad].index[0]]
    message = f"{raw.where}: column '{column}', row {rows[0]}: '{first}' is not a date"
    hint = "write dates as YYYY-MM-DD"
    if len(rows) > 1:
        listed = ", ".join(str(row) for row in rows[1:1 + MAX_LISTED_ROWS])
        more = ", …" if len(rows) > 1 + MAX_LISTED_ROWS else ""
        hint += f"; {len(rows) - 1} more rows are not dates either (rows {listed}{more})"
    return Diagnostic("data.bad_date", message, span, hint)


# ------------------------------------------------------------------------------------------- helpers


def _missing_column(name: str, where: str, column: str, columns: list[str], span: SourceSpan) -> Diagnostic:
    listed = ", ".join(columns[:MAX_LISTED_COLUMNS]) + (", …" if len(columns) > MAX_LISTED_COLUMNS else "")
    guess = _suggest(column, columns)
    hint = f"did you mean '{guess}'? columns: {listed}" if guess else f"columns: {listed}"
    return Diagnostic("data.missing_column", f"table '{name}' ({where}) has no column '{column}'", span, hint)


def _suggest(word: str, options: Sequence[str]) -> str | None:
    """The option the user most likely meant: same letters in another case, or a close spelling."""
    by_case = {option.casefold(): option for option in options}
    if word.casefold() in by_case:
        return by_case[word.casefold()]
    cutoff = 0.5 if len(word) <= SHORT_NAME else 0.6  # so that 渠到 still finds 渠道
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return close[0] if close else None


def _where(table: LoadedTable) -> str:
    """The table's origin without the encoding note, e.g. "data/shop_daily.csv"."""
    if table.encoding:
        return table.origin.removesuffix(f" ({table.encoding})")
    return table.origin


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _fail(code: str, message: str, span: SourceSpan, hint: str = "") -> NoReturn:
    raise DataError([Diagnostic(code, message, span, hint)])
