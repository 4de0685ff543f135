"""Excel workbooks (.xlsx, .xlsm, .xls): one sheet read into a frame.

python-calamine reads the sheet (fast, the same numbers as openpyxl), openpyxl when calamine is not
installed. A workbook is a ZIP archive of XML parts: every part is unpacked once, counting, before either
reader sees it, so a part that unpacks to gigabytes (a compression bomb) is refused instead of read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from deckgen.errors import SourceSpan

from ..tables import RawTable, TableSource, fail, first_line, suggest

if TYPE_CHECKING:
    import pandas as pd

MAX_PART_BYTES = 256 * 1024 * 1024  # a workbook part (a sheet, the shared strings) unpacked
MAX_WORKBOOK_BYTES = 1024 * 1024 * 1024  # all parts together, unpacked
_CHUNK = 1024 * 1024


def read_excel(path: Path, source: TableSource, kind: str = "xlsx") -> RawTable:
    import pandas as pd

    written = source.path or str(path)
    if kind == "xlsx":
        check_parts(path, written, source.span)
    with _open_workbook(path, written, source.span) as book:
        sheet = _pick_sheet([str(name) for name in book.sheet_names], written, source)
        try:
            frame = pd.read_excel(book, sheet_name=sheet, thousands=",")
        except Exception as error:  # noqa: BLE001 calamine and openpyxl each raise their own errors
            fail("data.unreadable", f"{written} [{sheet}] cannot be read: {first_line(error)}", source.span)
    shown = f"{written} [{sheet}]"
    return RawTable(frame.dropna(how="all"), shown, shown, first_row=2, excel=True)


def check_parts(path: Path, written: str, span: SourceSpan) -> None:
    """Refuse a workbook whose parts unpack beyond the limits; the sizes are counted, not trusted."""
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_PART_BYTES:
                    _too_big(written, info.filename, info.file_size, span)
                size = _unpacked_size(archive, info)
                if size > MAX_PART_BYTES:
                    _too_big(written, info.filename, size, span)
                total += size
                if total > MAX_WORKBOOK_BYTES:
                    _too_big(written, "all parts together", total, span, MAX_WORKBOOK_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        fail("data.unreadable", f"{written} is not a readable Excel workbook: {first_line(error)}", span,
             "open it in Excel and save it again as .xlsx")


def _unpacked_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    size = 0
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            size += len(chunk)
            if size > MAX_PART_BYTES:
                break
    return size


def _too_big(written: str, part: str, size: int, span: SourceSpan, limit: int | None = None) -> NoReturn:
    limit = limit or MAX_PART_BYTES
    fail("data.too_large", f"{written}: workbook part {part} unpacks to {size // 2**20} MB or more, above the "
         f"limit of {limit // 2**20} MB; refused", span,
         "a normal workbook's parts are far smaller; open the file in Excel, check it and save it again")


def _open_workbook(path: Path, written: str, span: SourceSpan) -> pd.ExcelFile:
    import importlib.util

    import pandas as pd

    engine = "calamine" if importlib.util.find_spec("python_calamine") else "openpyxl"
    try:
        return pd.ExcelFile(path, engine=engine)
    except Exception as error:  # noqa: BLE001 each reader has its own errors for a damaged file
        fail("data.unreadable", f"{written} is not a readable Excel workbook: {first_line(error)}", span,
             "open it in Excel and save it again as .xlsx")


def _pick_sheet(names: list[str], written: str, source: TableSource) -> str:
    if source.sheet is None:
        if not names:
            fail("data.unreadable", f"{written} has no sheets", source.span)
        return names[0]
    if source.sheet in names:
        return source.sheet
    guess = suggest(source.sheet, names)
    listed = ", ".join(names)
    hint = f"did you mean '{guess}'? sheets: {listed}" if guess else f"sheets: {listed}"
    fail("data.missing_sheet", f"{written} has no sheet '{source.sheet}'", source.span, hint)
