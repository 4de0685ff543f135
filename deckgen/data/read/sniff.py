"""What a file is, told by its first bytes rather than its name: a workbook named .csv is not read as text."""

from __future__ import annotations

from pathlib import Path

# (first bytes, format, how a user knows the format)
SIGNATURES = (
    (b"PK\x03\x04", "zip", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls", "an Excel 97-2003 workbook (.xls)"),
    (b"PAR1", "parquet", "a Parquet file"),
    (b"SQLite format 3\x00", "sqlite", "a SQLite database"),
)
DESCRIPTIONS = {
    "xlsx": "an Excel workbook (.xlsx)",
    "xls": "an Excel 97-2003 workbook (.xls)",
    "parquet": "a Parquet file",
    "sqlite": "a SQLite database",
    "zip": "a ZIP archive",
    "text": "a text file",
}


def sniff(path: Path) -> str:
    """The file's format by content: xlsx, xls, parquet, sqlite, zip (another archive) or text."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return "text"  # the reader reports why it cannot open the file
    for magic, kind, _ in SIGNATURES:
        if head.startswith(magic):
            return _zip_kind(path) if kind == "zip" else kind
    return "text"


def _zip_kind(path: Path) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "zip"
    return "xlsx" if "xl/workbook.xml" in names else "zip"
