"""Parquet files, read with pyarrow."""

from __future__ import annotations

from pathlib import Path

from ..tables import RawTable, TableSource, fail, first_line


def read_parquet(path: Path, source: TableSource) -> RawTable:
    import pandas as pd
    import pyarrow

    written = source.path or str(path)
    try:
        frame = pd.read_parquet(path, engine="pyarrow")
    except (pyarrow.ArrowException, ValueError, OSError) as error:
        fail("data.unreadable", f"{written} is not a readable Parquet file: {first_line(error)}", source.span)
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    return RawTable(frame.reset_index(drop=True), written, written)
