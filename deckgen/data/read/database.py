"""SQL sources: the user's SELECT run through SQLAlchemy; SQLite files opened read-only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import SourceSpan

from ..tables import RawTable, TableSource, fail, first_line, shorten
from .files import resolve, similar_files_hint

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine


def read_sql(source: TableSource, base_dir: Path) -> RawTable:
    import pandas as pd
    from sqlalchemy import exc, text

    if not source.sql or not source.url:
        fail("data.sql", f"table '{source.name}' needs both sql and url", source.span,
             'for example: {sql: "select * from orders", url: "sqlite:///data/shop.db"}')
    engine, shown = _create_engine(source, base_dir)
    try:
        with engine.connect() as connection:  # never committed: anything the query changes is rolled back
            frame = pd.read_sql(text(source.sql), connection)
    except (exc.SQLAlchemyError, pd.errors.DatabaseError) as error:
        fail("data.sql", f"{shown}: query failed: {_database_message(error)}", source.span,
             f"query: {shorten(source.sql)}")
    finally:
        engine.dispose()
    return RawTable(frame, shown, f"{shown}: {shorten(source.sql)}")


def _create_engine(source: TableSource, base_dir: Path) -> tuple[Engine, str]:
    """Return the engine and the URL as shown in messages (password hidden)."""
    from sqlalchemy import create_engine, exc

    url = _parse_url(source)
    shown = url.render_as_string(hide_password=True)
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url, base_dir, source.span), shown
        return create_engine(url), shown
    except ImportError as error:
        fail("data.sql", f"{shown}: the database driver is not installed ({error})", source.span,
             "install the driver package for this database into the same environment as deckgen")
    except exc.SQLAlchemyError as error:
        fail("data.sql", f"{shown}: cannot connect: {first_line(error)}", source.span)


def _parse_url(source: TableSource) -> URL:
    from sqlalchemy import exc, make_url

    try:
        return make_url(source.url or "")
    except exc.ArgumentError:
        fail("data.sql", f"not a database URL: '{source.url}'", source.span,
             "for example sqlite:///data/shop.db or postgresql://user@host/shop")


def _sqlite_engine(url: URL, base_dir: Path, span: SourceSpan) -> Engine:
    """Open an existing SQLite file read-only, so a typo never creates an empty database."""
    import sqlite3

    from sqlalchemy import create_engine

    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return create_engine(url)
    path = resolve(database, base_dir)
    if not path.is_file():
        fail("data.missing_file", f"database file not found: {database}", span,
             similar_files_hint(path, database))
    uri = path.resolve().as_uri() + "?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))


def _database_message(error: BaseException) -> str:
    """The database's own words: the innermost cause of the error."""
    cause = error
    while cause.__cause__ is not None:
        cause = cause.__cause__
    return first_line(cause)
