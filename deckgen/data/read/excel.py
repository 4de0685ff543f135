"""Excel workbooks (.xlsx, .xlsm): one sheet read into a frame."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import SourceSpan

from ..tables import RawTable, TableSource, fail, first_line, suggest

if TYPE_CHECKING:
    import pandas as pd


def read_excel(path: Path, source: TableSource) -> RawTable:
    import pandas as pd

    written = source.path or str(path)
    with _open_workbook(path, written, source.span) as book:
        sheet = _pick_sheet([str(name) for name in book.sheet_names], written, source)
        try:
            frame = pd.read_excel(book, sheet_name=sheet, thousands=",")
        except (ValueError, KeyError, OSError) as error:
            fail("data.unreadable", f"{written} [{sheet}] cannot be read: {first_line(error)}", source.span)
    return RawTable(frame.dropna(how="all"), f"{written} [{sheet}]", f"{written} [{sheet}]", first_row=2)


def _open_workbook(path: Path, written: str, span: SourceSpan) -> pd.ExcelFile:
    import zipfile

    import pandas as pd
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return pd.ExcelFile(path, engine="openpyxl")
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
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
