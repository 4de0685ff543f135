"""SQL sources, read-only in fact: a safe connection, one SELECT per table, and a budget for every query.

- SQLite is opened read-only whatever the URL says (``mode=rw`` in a ``file:`` URL does not win), with
  ``PRAGMA query_only`` and an authorizer that allows reading and nothing else: no ATTACH, no VACUUM, no
  PRAGMA, no ``load_extension``, no writes.
- PostgreSQL runs every query in a ``READ ONLY`` transaction with a ``statement_timeout``; nothing is ever
  committed. Other databases get the never-committed transaction and the statement check.
- The table's ``sql`` must be a single SELECT (or WITH … SELECT) statement.
- Every query has a time limit (:data:`QUERY_SECONDS`) and a row limit (:data:`MAX_ROWS`).

Messages are :class:`~deckgen.errors.DataError` diagnostics at the table's entry in the outline.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import DataError, Diagnostic, SourceSpan
from .tables import first_line, shorten

if TYPE_CHECKING:
    from sqlalchemy import URL, Connection, Engine

QUERY_SECONDS = 60.0  # every query, in the database or in DuckDB
MAX_ROWS = 2_000_000  # rows a query may bring back into deckgen
PROGRESS_STEPS = 20_000  # SQLite virtual-machine steps between two looks at the clock
# Statements that change something; the first keyword decides, these catch them later in a WITH.
_WRITES = ("insert", "update", "delete", "merge", "drop", "create", "alter", "attach", "detach", "vacuum",
           "pragma", "truncate", "grant", "revoke", "copy", "call", "reindex", "into")  # SELECT … INTO writes
_TOKENS = re.compile(r"""--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]"""
                     r"""|(\$[A-Za-z_]*\$).*?\1|[A-Za-z_][A-Za-z0-9_$]*|;|\(|\.|\S""", re.DOTALL)


@dataclass(frozen=True)
class Database:
    engine: Engine
    dialect: str  # sqlite, postgresql, …
    shown: str  # the URL as shown in messages (password hidden)
    span: SourceSpan


# ------------------------------------------------------------------------------------------ statements


def check_statement(sql: str, shown: str, span: SourceSpan) -> None:
    """Allow exactly one SELECT or WITH statement (a trailing semicolon is fine)."""
    words = [match.group(0) for match in _TOKENS.finditer(sql)]
    code = [word for word in words if not word.startswith(("--", "/*", "'", '"', "`", "[", "$"))]
    while code and code[-1] == ";":
        code.pop()
    if ";" in code:
        _fail(f"{shown}: the query has more than one statement", span,
              "a table reads one SELECT statement; remove everything after the first ';'")
    first = next((word.lower() for word in code if word != "("), "")
    if first not in ("select", "with"):
        _fail(f"{shown}: only a SELECT statement can read a table, not {first.upper() or 'an empty query'}",
              span, "write the query as SELECT … FROM … (or WITH … SELECT …); deckgen never changes a database")
    for index, word in enumerate(code):
        after = code[index + 1] if index + 1 < len(code) else ""
        before = code[index - 1] if index else ""
        if word.lower() in _WRITES and after != "(" and before != ".":
            _fail(f"{shown}: only a SELECT statement can read a table; the query contains {word.upper()}",
                  span, "deckgen never changes a database: remove the statement that writes")


# ------------------------------------------------------------------------------------------ connecting


def open_database(url_text: str | None, base_dir: Path, span: SourceSpan,
                  missing_hint: Callable[[Path, str], str]) -> Database:
    """A read-only engine for the URL; ``missing_hint(path, written)`` words the hint for a missing file."""
    from sqlalchemy import create_engine, exc, make_url

    try:
        url = make_url(url_text or "")
    except exc.ArgumentError:
        _fail(f"not a database URL: '{url_text}'", span, "for example sqlite:///data/shop.db or "
              "postgresql://user@host/shop")
    shown = url.render_as_string(hide_password=True) if url.password else str(url_text)
    try:
        if url.get_backend_name() == "sqlite":
            engine = _sqlite_engine(url, base_dir, span, missing_hint)
        else:
            engine = create_engine(url)
        return Database(engine, url.get_backend_name(), shown, span)
    except ImportError as error:
        _fail(f"{shown}: the database driver is not installed ({error})", span,
              "install the driver package for this database into the same environment as deckgen")
    except exc.SQLAlchemyError as error:
        _fail(f"{shown}: cannot connect: {first_line(error)}", span)


def _sqlite_engine(url: URL, base_dir: Path, span: SourceSpan, missing_hint: Callable[[Path, str], str]) -> Engine:
    """An existing SQLite file, read-only, whatever the URL asks for (a typo never creates a database)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    database = _sqlite_file(url.database or "")
    if database in ("", ":memory:"):
        return create_engine("sqlite://", creator=lambda: _harden(sqlite3.connect(":memory:")), poolclass=NullPool)
    path = Path(database).expanduser()
    path = path if path.is_absolute() else base_dir / path
    if not path.is_file():
        _fail(f"database file not found: {database}", span, missing_hint(path, database), "data.missing_file")
    uri = path.resolve().as_uri() + "?mode=ro"
    return create_engine("sqlite://", creator=lambda: _harden(sqlite3.connect(uri, uri=True)), poolclass=NullPool)


def _sqlite_file(database: str) -> str:
    """``file:data/shop.db?mode=rw`` is the file ``data/shop.db``: the URI's options are dropped."""
    if database.startswith("file:"):
        database = database.removeprefix("file:").split("?", 1)[0]
        database = database.removeprefix("//") if database.startswith("///") else database
    return database


_READING = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
_DENIED_FUNCTIONS = {"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"}
_READ_PRAGMAS = {"read_uncommitted"}  # SQLAlchemy reads it when it connects; without a value it changes nothing


def _authorize(action: int, first: str | None, second: str | None, *_: object) -> int:
    """Reading only. SQLITE_FUNCTION's second argument is the function's name; SQLITE_PRAGMA's first is the
    pragma and its second the value being set."""
    if action == sqlite3.SQLITE_PRAGMA:
        return sqlite3.SQLITE_OK if (first or "").lower() in _READ_PRAGMAS and second is None else sqlite3.SQLITE_DENY
    if action not in _READING:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_FUNCTION and (second or "").lower() in _DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _harden(connection: sqlite3.Connection) -> sqlite3.Connection:
    connection.execute("PRAGMA query_only = ON")
    if hasattr(connection, "enable_load_extension"):
        connection.enable_load_extension(False)
    connection.set_authorizer(_authorize)
    return connection


# ------------------------------------------------------------------------------------------- querying


def fetch(db: Database, sql: str, params: Mapping[str, Any] | None = None) -> tuple[list[str], list[tuple]]:
    """Run one query within the budget: (column names, rows). Raises DataError with the database's words."""
    from sqlalchemy import exc, text

    try:
        with db.engine.connect() as connection:  # never committed
            _begin(connection, db.dialect)
            with _deadline(connection, db.dialect):
                result = connection.execute(text(sql), dict(params or {}))
                if not result.returns_rows:
                    _fail(f"{db.shown}: the query returns no rows", db.span,
                          "a table reads one SELECT statement")
                rows = result.fetchmany(MAX_ROWS + 1)
                names = list(result.keys())
    except exc.SQLAlchemyError as error:
        _query_failed(db, sql, error)
    finally:
        db.engine.dispose()
    if len(rows) > MAX_ROWS:
        _fail(f"{db.shown}: the query returns more than {MAX_ROWS:,} rows", db.span,
              "aggregate in the query, or filter it to the rows the deck needs")
    return names, [tuple(row) for row in rows]


def fetch_frame(db: Database, sql: str):
    """The query's rows as a pandas DataFrame."""
    import pandas as pd

    names, rows = fetch(db, sql)
    return pd.DataFrame.from_records(rows, columns=names)


def _begin(connection: Connection, dialect: str) -> None:
    """Open the transaction read-only where the database can say so."""
    if dialect == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {int(QUERY_SECONDS * 1000)}")


class _deadline:
    """SQLite: a progress handler that stops the query once it has run out of time."""

    def __init__(self, connection: Connection, dialect: str):
        self.raw = connection.connection.dbapi_connection if dialect == "sqlite" else None

    def __enter__(self) -> None:
        if self.raw is not None:
            ends = time.monotonic() + QUERY_SECONDS
            self.raw.set_progress_handler(lambda: int(time.monotonic() > ends), PROGRESS_STEPS)

    def __exit__(self, *_: object) -> None:
        if self.raw is not None:
            self.raw.set_progress_handler(None, 0)


def _query_failed(db: Database, sql: str, error: BaseException) -> NoReturn:
    message = database_message(error)
    hint = f"query: {shorten(sql)}"
    if "interrupted" in message or "statement timeout" in message:
        _fail(f"{db.shown}: the query ran longer than {QUERY_SECONDS:g} s and was stopped", db.span,
              "make the query cheaper (a recursive WITH needs a condition that ends it)")
    if any(word in message for word in ("not authorized", "authorization denied", "read-only", "readonly")):
        _fail(f"{db.shown}: the query tries to change the database or read outside it ({message})", db.span,
              "deckgen opens databases read-only: a table reads one SELECT statement")
    _fail(f"{db.shown}: query failed: {message}", db.span, hint)


def database_message(error: BaseException) -> str:
    """The database's own words: the innermost cause of the error."""
    cause = error
    while cause.__cause__ is not None:
        cause = cause.__cause__
    return first_line(cause)


def _fail(message: str, span: SourceSpan, hint: str = "", code: str = "data.sql") -> NoReturn:
    raise DataError([Diagnostic(code, message, span, hint)])
