"""Reading a table from its source: a file (CSV, Excel, Parquet) or a SQL query, into a :class:`RawTable`.

One module per format; ``files`` finds the file and tells its format. Nothing here knows about metrics or the
catalogue: loading (``data/load.py``) cleans headers, parses dates and renames export headers afterwards.
"""

from __future__ import annotations

from pathlib import Path

from ..tables import RawTable, TableSource, fail
from .files import resolve_file

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PARQUET_SUFFIXES = (".parquet",)
SUPPORTED_HINT = "supported: .csv, .tsv, .txt, .xlsx, .xlsm, .parquet, or sql with url"


def read_source(source: TableSource, base_dir: Path) -> RawTable:
    if source.sql is not None or source.url is not None:
        from .database import read_sql

        return read_sql(source, base_dir)
    if not source.path:
        fail("data.unsupported", f"table '{source.name}' names no file and no query", source.span,
             "give a path, or sql with url")
    path = resolve_file(source.path, base_dir, source.span)
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        from .text import read_csv

        return read_csv(path, source)
    if suffix in EXCEL_SUFFIXES:
        from .excel import read_excel

        return read_excel(path, source)
    if suffix in PARQUET_SUFFIXES:
        from .parquet import read_parquet

        return read_parquet(path, source)
    _fail_unsupported(source.path, suffix, source)


def _fail_unsupported(written: str, suffix: str, source: TableSource):
    if not suffix:
        fail("data.unsupported", f"{written}: no file extension to tell the format by", source.span, SUPPORTED_HINT)
    hint = SUPPORTED_HINT
    if suffix == ".xls":
        hint = f"save it as .xlsx in Excel; {SUPPORTED_HINT}"
    fail("data.unsupported", f"{written}: unsupported file type '{suffix}'", source.span, hint)
