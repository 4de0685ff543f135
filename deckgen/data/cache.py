"""Loaded tables kept in the process, keyed by the file's content.

A rebuild after editing the outline (``build --watch``, the Python API) and every deck a batch worker builds
reuse the tables already read: a file is hashed again only when its size or modification time changed, and
parsed again only when its content did. A table's rows filtered by ``where`` are kept as well, so the
metric engine sees the very same frames and its results can be reused too (``pipeline``).

Nothing here writes to disk. SQLite files are kept by their content like any other file; other databases
are read every time: there is no file whose content says whether the query's answer changed.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import DataError, Diagnostic, SourceSpan
from .load import LoadedTable, TableSource, apply_aliases, load_table, load_tables

MAX_TABLES = 256  # a batch of per-shop files fits; a long --watch session does not grow without bound
_lock = threading.RLock()  # Dask workers may run decks on threads of one process
_digests: dict[tuple, str] = {}  # (path, size, mtime) -> content digest
_tables: OrderedDict[tuple, LoadedTable] = OrderedDict()
_filtered: OrderedDict[tuple, tuple] = OrderedDict()  # key -> (source frame, filtered table)
_engines: OrderedDict[tuple, tuple] = OrderedDict()  # key -> (frames it holds, MetricEngine)
MAX_ENGINES = 8
stats = {"parsed": 0, "reused": 0}  # for tests and the benchmark


def load_tables_cached(sources: Sequence[TableSource], base_dir: Path,
                       aliases: Mapping[str, str] | None = None, opener=None) -> dict[str, LoadedTable]:
    """``load.load_tables`` through the cache (which keeps each table with its headers already renamed).
    Tables the ``opener`` opens where they live (Parquet, large CSV, SQL) are not kept: their rows are not
    in memory."""
    renames = tuple(sorted(aliases.items())) if aliases else ()
    return load_tables(sources, base_dir, reader=lambda source, base: load_table_cached(source, base, renames),
                       opener=opener)


def load_table_cached(source: TableSource, base_dir: Path, aliases: tuple[tuple[str, str], ...] = ()) -> LoadedTable:
    """One table, its export headers renamed by ``aliases`` (header, column) pairs."""
    key = _content_key(source, base_dir)
    if key is None:
        return _load(source, base_dir, aliases)
    key = (*key, aliases)
    with _lock:
        table = _tables.get(key)
        if table is not None:
            _tables.move_to_end(key)
            stats["reused"] += 1
            return table if table.name == source.name else replace(table, name=source.name)
        table = _load(source, base_dir, aliases)
        stats["parsed"] += 1
        _remember(_tables, key, table)
        return table


def filtered(table: LoadedTable, where: Mapping[str, object], span: SourceSpan) -> LoadedTable:
    """The table's rows where every column has the wanted value; the same object for the same rows."""
    if not where:
        return table
    if table.rows is not None:  # opened where it lives: its rows are read to be filtered here
        table = _read_in_full(table)
    key = (id(table.frame), table.name, repr(sorted(where.items(), key=lambda item: item[0])))
    with _lock:
        cached = _filtered.get(key)
        if cached is not None and cached[0] is table.frame:  # not a new frame that took a freed id
            return cached[1]
        result = _filter(table, where, span)
        _remember(_filtered, key, (table.frame, result))
        return result


def _load(source: TableSource, base_dir: Path, aliases: tuple[tuple[str, str], ...]) -> LoadedTable:
    table = load_table(source, base_dir)
    return apply_aliases(table, dict(aliases)) if aliases else table


def metric_engine(specs: Mapping[str, object], tables: Mapping[str, LoadedTable], current,
                  used=None) -> object:
    """A MetricEngine for these metrics over these very tables: the one of the last build when nothing
    changed, so a rebuild after editing a sentence computes no metric again. A table read into pandas is
    the same when its frame is the same object (the table cache hands it out again); a table opened where it
    lives (Parquet, SQLite) gets a new header frame every build and is the same when its file's content is."""
    from .metrics import MetricEngine

    held = tuple((name, _held(table)) for name, table in sorted(tables.items()))
    if any(what is None for _, what in held):  # rows on a server: nothing says whether they changed
        return MetricEngine(specs, tables, current, used=used)
    key = (repr(sorted(specs.items())), tuple((name, _identity(what)) for name, what in held), current.key())
    with _lock:
        cached = _engines.get(key)
        if cached is not None and all(_same(a, b) for (_, a), (_, b) in zip(cached[0], held, strict=True)):
            _engines.move_to_end(key)
            return cached[1]
        engine = MetricEngine(specs, tables, current, used=used)
        _engines[key] = (held, engine)
        while len(_engines) > MAX_ENGINES:
            _engines.popitem(last=False)
        return engine


def _held(table: LoadedTable) -> object:
    """What the table's rows are: its frame, or for rows opened in place the content key of their file and
    how its headers were renamed; None when that cannot be told."""
    rows = table.rows
    if rows is None:
        return table.frame
    source, base_dir = getattr(rows, "table", None), getattr(rows, "base_dir", None)
    if source is None or base_dir is None:  # derived rows: a new frame every build
        return None
    content = _content_key(source, base_dir)
    return None if content is None else (content, table.renamed, tuple(table.frame.columns))


def _identity(held: object) -> object:
    return held if isinstance(held, tuple) else id(held)


def _same(a: object, b: object) -> bool:
    """Equal content keys, or the very same frame (not a new frame that took a freed id)."""
    return a == b if isinstance(a, tuple) and isinstance(b, tuple) else a is b


def clear() -> None:
    with _lock:
        _engines.clear()
        _digests.clear()
        _tables.clear()
        _filtered.clear()


def _filter(table: LoadedTable, where: Mapping[str, object], span: SourceSpan) -> LoadedTable:
    from .load import require_columns
    from .metrics import where_mask

    require_columns(table, list(where), span)
    kept = where_mask(table.frame, where)
    frame = table.frame[kept].reset_index(drop=True)
    if frame.empty:
        wanted = ", ".join(f"{column} = {value}" for column, value in where.items())
        raise DataError([Diagnostic("data.no_rows", f"table '{table.name}' ({table.origin}) has no rows where "
                                    f"{wanted}", span, "check the value against the table's column")])
    rows = table.row_numbers[kept.to_numpy()] if table.row_numbers is not None else None  # rows as in the file
    return replace(table, frame=frame, row_numbers=rows)


def _read_in_full(table: LoadedTable) -> LoadedTable:
    """A table opened in place (its frame holds only the header), read into pandas with its export headers
    renamed as before, so that a table-level ``where`` keeps rows in pandas."""
    from .load import load_table

    rows = table.rows
    full = load_table(rows.table, rows.base_dir)  # type: ignore[attr-defined]
    renames = dict(table.renamed)
    frame = full.frame.rename(columns=renames)
    for header, target in renames.items():
        frame[header] = frame[target]
    return replace(full, name=table.name, frame=frame, date_column=table.date_column, renamed=table.renamed,
                   warnings=(*full.warnings, *table.warnings))


def _content_key(source: TableSource, base_dir: Path) -> tuple | None:
    """What the table's content depends on: the file's digest and how it is read; None when unknown."""
    written = _sqlite_file(source) if source.sql is not None or source.url is not None else source.path
    if not written:
        return None
    path = Path(written).expanduser()
    path = path if path.is_absolute() else base_dir / path
    try:
        status = path.stat()
    except OSError:
        return None  # load_table reports it, with a hint
    if source.url and path.with_name(path.name + "-wal").exists():
        return None  # a database being written to: its file alone does not say what it holds
    signature = (str(path.resolve()), status.st_size, status.st_mtime_ns)
    with _lock:
        digest = _digests.get(signature)
        if digest is None:
            with path.open("rb") as stream:
                digest = hashlib.file_digest(stream, "blake2b").hexdigest()
            _digests[signature] = digest
    return (digest, source.path, source.sql, source.url, source.sheet, source.encoding, source.date_column,
            source.delimiter, source.decimal, source.thousands, source.date_format, source.non_numeric,
            source.locale_decimal)  # the dialect read with, and what text in numbers does


def _sqlite_file(source: TableSource) -> str | None:
    """The file of a ``sqlite:///FILE`` table, whose content says what a query returns; None for a server."""
    url = source.url or ""
    if not url.startswith("sqlite:///"):
        return None
    database = url.removeprefix("sqlite:///").split("?", 1)[0]
    return None if database in ("", ":memory:") or database.startswith("file:") else database


def _remember(store: OrderedDict, key: tuple, value: object) -> None:
    store[key] = value
    while len(store) > MAX_TABLES:
        store.popitem(last=False)
