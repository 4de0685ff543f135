"""Where a table's rows live, and how a grouped query reaches them.

- :class:`DuckSource`: a relation in the build's in-memory DuckDB database (:class:`DuckStore`): a Parquet
  file scanned in place, a large CSV file read by DuckDB's reader, or a table the file readers loaded into
  pandas (registered without a copy).
- :class:`SqlSource`: a SQL table; the outline's query becomes a subquery of each grouped query, run in
  the source database (SQLite, PostgreSQL), so only grouped rows come back.

:func:`open_in_place` opens Parquet files, large CSV files and SQL queries this way, with only their header in
pandas. Anything unusual (text dates DuckDB cannot read, thousands separators, an empty table, a database
without pushdown) returns None, and the table is read by ``load.load_table`` with its detections and messages.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError, Diagnostic, SourceSpan
from .load import _pick_date_column, load_table
from .query import DATE, INTEGER, NUMBER, OTHER, TEXT, Derived, GroupedQuery, Sql, grouped_sql, quote
from .read import SUFFIXES
from .read.files import resolve, similar_files_hint
from .read.sniff import sniff
from .sql import Database, check_statement, fetch, open_database
from .tables import LoadedTable, TableSource, first_line, shorten

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

STREAM_BYTES = 32 * 1024 * 1024  # CSV files this large are read by DuckDB, not pandas
PUSHDOWN_DIALECTS = ("sqlite", "postgresql")
SAMPLE_ROWS = 1000  # rows looked at to tell column types and number formats
_GROUPED_NUMBER = re.compile(r"^\s*-?\d{1,3}([,.]\d{3})+([,.]\d+)?\s*$|^\s*-?\d+,\d+\s*$")


# --------------------------------------------------------------------------------------------- DuckDB


class DuckStore:
    """The build's in-memory DuckDB database; every query runs within :data:`~deckgen.data.sql.QUERY_SECONDS`."""

    def __init__(self) -> None:
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._names = 0
        self._types: dict[str, dict[str, str]] = {}
        self._frames: dict[tuple, pd.DataFrame] = {}

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._connection is None:
            import duckdb

            # no progress bar: DuckDB would draw it on deckgen's standard output during long queries
            self._connection = duckdb.connect(":memory:")
            self._connection.execute("SET enable_progress_bar = false")
        return self._connection

    def name(self) -> str:
        self._names += 1
        return f"t{self._names}"

    def frame_source(self, frame: pd.DataFrame) -> DuckSource:
        name = self.name()
        self.connection.register(name, frame)
        return DuckSource(self, quote(name))

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
        import duckdb

        from .sql import QUERY_SECONDS  # looked up now: the tests shorten it

        timer = threading.Timer(QUERY_SECONDS, self.connection.interrupt)
        timer.start()
        try:
            return self.connection.execute(sql, dict(params or {}))
        except duckdb.InterruptException:
            raise DataError([Diagnostic("data.query", f"a query ran longer than {QUERY_SECONDS:g} s and was "
                                        "stopped", SourceSpan(""), "filter the tables to the rows the deck needs")])
        except duckdb.Error as error:  # e.g. a value DuckDB cannot convert: the user's data, not a bug
            raise DataError([Diagnostic("data.query", f"a query on the data failed: {first_line(error)}",
                                        SourceSpan(""), "check the columns the metrics read")]) from None
        finally:
            timer.cancel()

    def frame(self, sql: str, params: Mapping[str, Any]) -> pd.DataFrame:
        """The result of a read-only query, run once per store: the checks, the story and the metrics ask
        for the same grouped rows (rows per day of a period, say), and each run scans the whole table."""
        key = (sql, tuple(sorted(params.items())))
        if key not in self._frames:
            self._frames[key] = self.execute(sql, params).df()
        return self._frames[key].copy()

    def types(self, relation: str) -> dict[str, str]:
        if relation not in self._types:
            described = self.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
            self._types[relation] = {str(row[0]): _duck_kind(str(row[1])) for row in described}
        return self._types[relation]


@dataclass(frozen=True)
class DuckSource:
    store: DuckStore
    relation: str  # a quoted name, or a parenthesised query with an alias
    derived: Derived | None = None

    def grouped(self, query: GroupedQuery) -> pd.DataFrame:
        sql = Sql("duckdb", self.store.types(self.relation))
        return self.store.frame(grouped_sql(query, self.relation, sql, self.derived), sql.params)

    def renamed(self, pairs: tuple[tuple[str, str], ...]) -> DuckSource:
        return replace(self, relation=_with_copies(self.relation, pairs)) if pairs else self


def _duck_kind(type_name: str) -> str:
    name = type_name.upper()
    if name in ("VARCHAR", "TEXT") or name.startswith("VARCHAR"):
        return TEXT
    if name.endswith("INT") or name in ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT"):
        return INTEGER
    if name in ("DOUBLE", "FLOAT", "REAL") or name.startswith("DECIMAL"):
        return NUMBER
    if name.startswith(("DATE", "TIMESTAMP")):
        return DATE
    return OTHER


def _with_copies(relation: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """The relation with each export header also readable under its column name (访客数 AS uv)."""
    copies = ", ".join(f"{quote(header)} AS {quote(column)}" for header, column in pairs)
    return f"(SELECT *, {copies} FROM {relation} AS inner_rows) AS rows"


# ------------------------------------------------------------------------------------------------ SQL


@dataclass(frozen=True)
class SqlSource:
    db: Database
    relation: str  # "(user query) AS src", maybe wrapped for renames
    types: Mapping[str, str]
    derived: Derived | None = None

    def grouped(self, query: GroupedQuery) -> pd.DataFrame:
        import pandas as pd

        sql = Sql(self.db.dialect, self.types)
        names, rows = fetch(self.db, grouped_sql(query, self.relation, sql, self.derived), sql.params)
        frame = pd.DataFrame.from_records(rows, columns=names)
        for column in names[1 if query.grain or query.by else 0:]:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")  # Decimal from PostgreSQL sums
        return frame

    def renamed(self, pairs: tuple[tuple[str, str], ...]) -> SqlSource:
        if not pairs:
            return self
        types = {**self.types, **{column: self.types.get(header, OTHER) for header, column in pairs}}
        # the relation has its alias already ("(query) AS src"): a second one is a syntax error
        return replace(self, relation=_with_copies(f"(SELECT * FROM {self.relation})", pairs), types=types)


def _value_kind(value: object) -> str:
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, bool):
        return OTHER
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float | Decimal):
        return NUMBER
    if isinstance(value, dt.date):
        return DATE
    return TEXT if isinstance(value, str) else OTHER


# ------------------------------------------------------------------------------------------- opening


@dataclass(frozen=True)
class InPlace:
    """``LoadedTable.rows`` of a table opened in place: the grouped-query source, and how to read every row
    when a slide needs them (a timeline)."""

    source: DuckSource | SqlSource
    table: TableSource
    base_dir: Path

    def frame(self) -> pd.DataFrame:
        return load_table(self.table, self.base_dir).frame

    def source_for(self, renamed: tuple[tuple[str, str], ...]) -> DuckSource | SqlSource:
        """The source with export headers also readable under their column names."""
        return self.source.renamed(renamed)


@dataclass(frozen=True)
class FrameRows:
    """``LoadedTable.rows`` of a table read into pandas whose frame also lists derived columns."""

    source: DuckSource
    rows: pd.DataFrame

    def frame(self) -> pd.DataFrame:
        return self.rows

    def source_for(self, renamed: tuple[tuple[str, str], ...]) -> DuckSource:
        return self.source  # the frame has its renamed columns already


def opener(store: DuckStore):
    """``load_tables(opener=…)``: open Parquet, large CSV and SQL tables in place."""
    return lambda source, base_dir: open_in_place(source, base_dir, store)


def open_in_place(source: TableSource, base_dir: Path, store: DuckStore) -> LoadedTable | None:
    if source.sql is not None or source.url is not None:
        return _open_sql(source, base_dir) if source.sql and source.url else None
    if not source.path:
        return None
    path = resolve(source.path, base_dir)
    kind = SUFFIXES.get(path.suffix.lower())
    if not path.is_file():
        return None
    if kind == "parquet" and sniff(path) == "parquet":
        return _open_file(source, path, store, f"read_parquet({_literal(path)})", source.path, None, base_dir)
    if kind == "text" and path.stat().st_size >= STREAM_BYTES and _plain_dialect(source, path):
        return _open_csv(source, path, store, base_dir)
    return None


def _plain_dialect(source: TableSource, path: Path) -> bool:
    """Whether DuckDB's CSV reader reads the file as ``read/`` would: UTF-8 text delimited by commas, no
    dialect option set in the outline (numbers with separators and dates other than ISO are caught after
    opening). Anything else goes to ``load_table``, which detects and reports the dialect."""
    from .read.dialect import detect_delimiter

    if source.encoding or source.date_format or source.delimiter not in (None, ",") \
            or source.decimal not in (None, ".") or source.thousands not in (None, ","):
        return False
    if sniff(path) != "text" or not _plain_utf8(path):
        return False
    with path.open("rb") as handle:
        head = handle.read(65536).decode("utf-8", errors="ignore")
    return detect_delimiter(head, path.suffix.lower()) == ","


def _open_csv(source: TableSource, path: Path, store: DuckStore, base_dir: Path) -> LoadedTable | None:
    import duckdb

    name = store.name()
    try:
        # Only ISO dates are taken as dates here: DuckDB would also guess 05/01/2025, month first.
        store.execute(f"CREATE TABLE {quote(name)} AS SELECT * FROM read_csv({_literal(path)}, header = true, "
                      "dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%d %H:%M:%S')")
    except (duckdb.Error, DataError):
        return None
    return _open_file(source, path, store, quote(name), f"{source.path} (UTF-8)", "UTF-8", base_dir)


def _open_file(source: TableSource, path: Path, store: DuckStore, relation: str, origin: str,
               encoding: str | None, base_dir: Path) -> LoadedTable | None:
    import duckdb

    try:
        types = store.types(relation)
        header = store.execute(f"SELECT * FROM {relation} LIMIT 0").df()
        rows = store.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
        sample = store.execute(f"SELECT * FROM {relation} LIMIT {SAMPLE_ROWS}").fetchall()
    except (duckdb.Error, DataError):
        return None  # the file readers word the problem
    if not rows or not _plain_header(list(types)) or _grouped_numbers(list(types), types, sample):
        return None
    date_column = _pick_date_column(source, header, source.path or str(path))
    if date_column is not None and types[date_column] != DATE:
        relation = _parsed_dates(store, relation, date_column)
        if relation is None:
            return None
    name = store.name()
    store.execute(f"CREATE VIEW {quote(name)} AS SELECT * FROM {relation}")
    rows_source = InPlace(DuckSource(store, quote(name)), source, base_dir)  # what source.path is relative to
    return LoadedTable(source.name, header, origin, encoding, date_column, rows=rows_source)


def _parsed_dates(store: DuckStore, relation: str, column: str) -> str | None:
    """The relation with text dates read as timestamps, when every date is ISO 8601; else None."""
    text = f"trim(CAST({quote(column)} AS VARCHAR))"
    unread = store.execute(f"SELECT count(*) FROM {relation} WHERE {text} <> '' AND "
                           f"TRY_CAST({text} AS TIMESTAMP) IS NULL").fetchone()[0]
    if unread:
        return None
    parsed = f"TRY_CAST(NULLIF({text}, '') AS TIMESTAMP)"
    return f"(SELECT * REPLACE ({parsed} AS {quote(column)}) FROM {relation}) AS dated"


def _open_sql(source: TableSource, base_dir: Path) -> LoadedTable | None:
    import pandas as pd

    db = open_database(source.url, base_dir, source.span, similar_files_hint)
    if db.dialect not in PUSHDOWN_DIALECTS:
        return None
    query = source.sql.strip().rstrip(";").strip() if source.sql else ""
    check_statement(query, db.shown, source.span)
    relation = f"({query}) AS src"
    names, sample = fetch(db, f"SELECT * FROM {relation} LIMIT {SAMPLE_ROWS}")
    if not sample or not _plain_header(names):
        return None
    types = {name: next((_value_kind(row[i]) for row in sample if row[i] is not None), OTHER)
             for i, name in enumerate(names)}
    if _grouped_numbers(names, types, sample):
        return None
    header = pd.DataFrame(columns=names)
    date_column = _pick_date_column(source, header, db.shown)
    if date_column is not None and not _sql_dates_read(db, relation, date_column, types[date_column]):
        return None
    rows = InPlace(SqlSource(db, relation, types), source, base_dir)
    return LoadedTable(source.name, header, f"{db.shown}: {shorten(source.sql or '')}", None, date_column,
                       rows=rows)


def _sql_dates_read(db: Database, relation: str, column: str, kind: str) -> bool:
    """Whether the database itself reads every date of the column (else pandas parses them, with messages)."""
    if db.dialect == "postgresql":
        return kind == DATE
    name = quote(column)
    _, unread = fetch(db, f"SELECT count(*) FROM {relation} WHERE {name} IS NOT NULL AND trim({name}) <> '' "
                          f"AND (typeof({name}) <> 'text' OR datetime({name}) IS NULL)")
    return unread[0][0] == 0


# ------------------------------------------------------------------------------------------- helpers


def _plain_header(names: list[str]) -> bool:
    """Headers the file readers would keep as they are (no spaces to strip, no duplicates)."""
    return all(name == name.strip() for name in names) and len(set(names)) == len(names)


def _grouped_numbers(names: list[str], types: Mapping[str, str], sample: list[tuple]) -> bool:
    """Text columns holding numbers written with separators (1,234 or 261,96): the file readers handle them."""
    for index, name in enumerate(names):
        if types.get(name) == TEXT and any(isinstance(row[index], str) and _GROUPED_NUMBER.match(row[index])
                                           for row in sample):
            return True
    return False


def _plain_utf8(path: Path) -> bool:
    """UTF-8 without a byte-order mark (its first 64 KB; a character cut at the end is fine)."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    if head.startswith(b"\xef\xbb\xbf"):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3
    return True


def _literal(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "''") + "'"
