"""CSV and other delimited text: encoding, delimiter and number dialect detected, then parsed with pandas."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from deckgen.errors import DataError, SourceSpan

from ..tables import RawTable, TableSource, fail, first_line
from .dialect import DELIMITERS, Numbers, detect_delimiter, detect_numbers, head
from .files import read_bytes

if TYPE_CHECKING:
    import pandas as pd

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SAMPLE_ROWS = 5000  # rows whose cells decide the number dialect
EMPTY_MARKS = ["-", "--", "—"]  # what exports write in a cell with no value (besides pandas' NA, N/A, null …)
_RAGGED_HINT = ("every row needs as many fields as the header: put quotes around a value that holds the "
                "delimiter, or set delimiter on the table")


def read_csv(path: Path, source: TableSource) -> RawTable:
    written = source.path or str(path)
    text, encoding = _decode(read_bytes(path, written, source.span), written, source)
    if not text.strip():
        fail("data.unreadable", f"{written} is empty", source.span,
             "export the table again with a header row and data rows")
    delimiter = source.delimiter or detect_delimiter(text, path.suffix.lower())
    numbers = _numbers(text, delimiter, written, source)
    frame = _parse(text, delimiter, numbers, written, source)
    usual = "\t" if path.suffix.lower() == ".tsv" else ","
    notes = [DELIMITERS[delimiter]] if delimiter != usual else []
    return RawTable(frame.dropna(how="all"), written, f"{written} ({encoding})", encoding, first_row=2,
                    notes=(*notes, *numbers.describe()), decimal=numbers.decimal, thousands=numbers.thousands)


def _numbers(text: str, delimiter: str, written: str, source: TableSource) -> Numbers:
    """The number dialect: forced by the table, else detected from the first rows' cells."""
    if source.decimal or source.thousands is not None:
        decimal = source.decimal or ("," if source.thousands == "." else ".")
        default = "." if decimal == "," else ","
        thousands = default if source.thousands is None else (source.thousands or None)
        return Numbers(decimal, thousands, "outline")
    try:
        sample = _parse(head(text), delimiter, None, written, source, rows=SAMPLE_ROWS)
    except DataError:  # the head ends inside a quoted value that spans lines: sniff the whole text
        sample = _parse(text, delimiter, None, written, source, rows=SAMPLE_ROWS)
    cells = [str(cell) for column in sample.columns for cell in sample[column].dropna()]
    return detect_numbers(cells, source.locale_decimal)


def _parse(text: str, delimiter: str, numbers: Numbers | None, written: str, source: TableSource,
           rows: int | None = None) -> pd.DataFrame:
    """The table, numbers read in the dialect; every cell as text when ``numbers`` is None (to sniff)."""
    import pandas as pd

    options = {"dtype": str} if numbers is None else {"decimal": numbers.decimal, "thousands": numbers.thousands}
    if numbers is not None and numbers.thousands and not numbers.thousands.isascii():
        # pandas takes a one-byte separator only: drop a no-break space standing between digit groups
        text = re.sub(rf"(?<=\d){numbers.thousands}(?=\d{{3}}\b)", "", text)
        options["thousands"] = None
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, skip_blank_lines=False, nrows=rows,
                            na_values=EMPTY_MARKS, **options)
    except (pd.errors.ParserError, ValueError) as error:
        _fail_unreadable(error, written, source)
    if not isinstance(frame.index, pd.RangeIndex):  # more fields than the header: pandas made an index
        fields = len(frame.columns) + frame.index.nlevels
        fail("data.ragged", f"{written}, line 2: {fields} fields where the header has {len(frame.columns)}",
             source.span, _RAGGED_HINT)
    return frame


def _fail_unreadable(error: Exception, written: str, source: TableSource) -> NoReturn:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
    if found:
        expected, line, saw = found.groups()
        fail("data.ragged", f"{written}, line {line}: {saw} fields where the header has {expected}",
             source.span, _RAGGED_HINT)
    fail("data.unreadable", f"{written} is not a readable CSV file: {first_line(error)}", source.span,
         "check the quoting and the number of fields on that line")


def _decode(data: bytes, written: str, source: TableSource) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read with."""
    if source.encoding:
        return _decode_as(data, source.encoding, written, source.span), source.encoding
    if data.startswith(UTF8_BOM):
        text = _try_decode(data[len(UTF8_BOM):], "utf-8")
        if text is not None:
            return text, "UTF-8 with BOM"
    if data.startswith(UTF16_BOMS):  # Excel's "Unicode text" export: tab-separated UTF-16
        text = _try_decode(data, "utf-16")
        if text is not None:
            return text, "UTF-16"
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
        fail("data.unreadable", f"{written}: unknown encoding '{codec}'", span,
             "use utf-8, utf-8-sig, gb18030 or leave encoding out to detect it")
    except UnicodeDecodeError as error:
        fail("data.unreadable", f"{written} is not valid {codec}: byte {error.object[error.start]:#04x} "
             f"at offset {error.start}", span, "leave encoding out to detect it")


def _detect_encoding(data: bytes, written: str, span: SourceSpan) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        fail("data.unreadable", f"{written}: cannot tell the text encoding", span,
             "save the file as UTF-8, or set encoding for this table in the outline")
    return str(best), best.encoding
