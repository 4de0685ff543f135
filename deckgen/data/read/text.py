"""CSV and other delimited text: the encoding detected, then parsed with pandas."""

from __future__ import annotations

import io
from pathlib import Path

from deckgen.errors import SourceSpan

from ..tables import RawTable, TableSource, fail, first_line
from .files import read_bytes

UTF8_BOM = b"\xef\xbb\xbf"


def read_csv(path: Path, source: TableSource) -> RawTable:
    import pandas as pd

    written = source.path or str(path)
    text, encoding = _decode(read_bytes(path, written, source.span), written, source)
    if not text.strip():
        fail("data.unreadable", f"{written} is empty", source.span,
             "export the table again with a header row and data rows")
    try:
        frame = pd.read_csv(io.StringIO(text), sep=_separator(path, text), thousands=",",
                            skip_blank_lines=False)
    except (pd.errors.ParserError, ValueError) as error:
        fail("data.unreadable", f"{written} is not a readable CSV file: {first_line(error)}", source.span,
             "check the quoting and the number of fields on that line")
    return RawTable(frame.dropna(how="all"), written, f"{written} ({encoding})", encoding, first_row=2)


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


def _separator(path: Path, text: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    if path.suffix.lower() == ".txt" and "\t" in header:
        return "\t"
    return ","
