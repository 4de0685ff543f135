"""Reading a table from its source: a file (CSV, Excel, Parquet) or a SQL query, into a :class:`RawTable`.

One module per format; ``files`` finds the file and ``sniff`` tells its format by its content, so a workbook
saved under a .csv name gets a message that says so. Nothing here knows about metrics or the catalogue:
loading (``data/load.py``) cleans headers, parses dates and renames export headers afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from ..tables import RawTable, TableSource, fail
from .files import resolve_file
from .sniff import DESCRIPTIONS, sniff

# extension -> the format its content must have
SUFFIXES = {".csv": "text", ".tsv": "text", ".txt": "text", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls",
            ".parquet": "parquet"}
SUPPORTED_HINT = "supported: .csv, .tsv, .txt, .xlsx, .xlsm, .xls, .parquet, or sql with url"
RENAME = {"xlsx": ".xlsx", "xls": ".xls", "parquet": ".parquet"}


def read_source(source: TableSource, base_dir: Path) -> RawTable:
    if source.sql is not None or source.url is not None:
        from .database import read_sql

        return read_sql(source, base_dir)
    if not source.path:
        fail("data.unsupported", f"table '{source.name}' names no file and no query", source.span,
             "give a path, or sql with url")
    path = resolve_file(source.path, base_dir, source.span)
    suffix = path.suffix.lower()
    expected = SUFFIXES.get(suffix)
    if expected is None:
        _fail_unsupported(source.path, suffix, source)
    found = sniff(path)
    if found != expected:
        _fail_mismatch(source, suffix, found)
    if found == "text":
        from .text import read_csv

        return read_csv(path, source)
    if found in ("xlsx", "xls"):
        from .excel import read_excel

        return read_excel(path, source, found)
    from .parquet import read_parquet

    return read_parquet(path, source)


def _fail_mismatch(source: TableSource, suffix: str, found: str) -> NoReturn:
    written = source.path or ""
    message = f"{written} is {DESCRIPTIONS[found]}, not a {suffix} file as its name says"
    if found == "sqlite":
        hint = f'read it with sql and url: {{sql: "select * from …", url: "sqlite:///{written}"}}'
    elif found == "text":
        hint = f"if it is a CSV export, rename it to {Path(written).stem}.csv; otherwise export the file again"
    elif found in RENAME:
        hint = f"rename it to {Path(written).stem}{RENAME[found]}"
        if found in ("xlsx", "xls") and suffix in (".csv", ".txt", ".tsv"):
            hint += ", or open it in Excel and save it as CSV"
    else:
        hint = f"export the data again; {SUPPORTED_HINT}"
    fail("data.wrong_format", message, source.span, hint)


def _fail_unsupported(written: str, suffix: str, source: TableSource) -> NoReturn:
    if not suffix:
        fail("data.unsupported", f"{written}: no file extension to tell the format by", source.span, SUPPORTED_HINT)
    fail("data.unsupported", f"{written}: unsupported file type '{suffix}'", source.span, SUPPORTED_HINT)
