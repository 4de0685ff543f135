"""SQL sources: the user's SELECT run read-only through ``data/sql.py`` (statement check, time and row limits)."""

from __future__ import annotations

from pathlib import Path

from ..tables import RawTable, TableSource, fail, shorten
from .files import similar_files_hint


def read_sql(source: TableSource, base_dir: Path) -> RawTable:
    from ..sql import check_statement, fetch_frame, open_database

    if not source.sql or not source.url:
        fail("data.sql", f"table '{source.name}' needs both sql and url", source.span,
             'for example: {sql: "select * from orders", url: "sqlite:///data/shop.db"}')
    db = open_database(source.url, base_dir, source.span, similar_files_hint)
    check_statement(source.sql, db.shown, source.span)
    frame = fetch_frame(db, source.sql)
    return RawTable(frame, db.shown, f"{db.shown}: {shorten(source.sql)}")
