"""SQL sources: read-only in fact (SQLite and PostgreSQL), one SELECT per table, a budget per query, and
metrics pushed down into the database with the same numbers as DuckDB computes from the same rows."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy.testing
import pandas as pd
import pytest

from deckgen.data import sql
from deckgen.data.load import LoadedTable, TableSource, load_table
from deckgen.data.metrics import Grouping, MetricEngine
from deckgen.data.periods import parse_period, year_before
from deckgen.data.query import Band, Derived
from deckgen.data.query_derived import add_derived
from deckgen.data.query_sources import DuckStore, SqlSource, open_in_place
from deckgen.errors import DataError, SourceSpan
from deckgen.outline.schema import MetricSpec

SPAN = SourceSpan("outline.yaml", 3, 5)
CHANNELS = ["App", " app ", "Web", "小程序", None]


def order_rows(count: int = 400) -> list[tuple]:
    """Deterministic orders over two years: amounts with cents, channels in mixed case, some blanks."""
    rows = []
    start = dt.datetime(2024, 1, 1, 8)
    for index in range(count):
        moment = start + dt.timedelta(hours=index * 43 + index % 7)
        amount = round(10 + (index * 37 % 1000) / 7, 2)
        rows.append((index + 1, moment.strftime("%Y-%m-%d %H:%M:%S"), f"b{index * 13 % 97 + index // 4}",
                     CHANNELS[index % len(CHANNELS)], amount, index % 4 + 1))
    return rows


@pytest.fixture
def shop_db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "shop.db"
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as connection:
        connection.execute("create table orders (id integer, date text, buyer text, channel text, amount real, "
                           "qty integer)")
        connection.executemany("insert into orders values (?, ?, ?, ?, ?, ?)", order_rows())
    connection.close()
    return path


def fetch_error(url: str, query: str, base_dir: Path) -> str:
    db = sql.open_database(url, base_dir, SPAN, lambda path, written: "")
    with pytest.raises(DataError) as caught:
        sql.fetch(db, query)
    return caught.value.diagnostics[0].message


def load_error(tmp_path: Path, query: str, url: str = "sqlite:///data/shop.db") -> str:
    with pytest.raises(DataError) as caught:
        load_table(TableSource("orders", sql=query, url=url, span=SPAN), tmp_path)
    return caught.value.diagnostics[0].message


def row_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("select count(*) from orders").fetchone()[0]


# ------------------------------------------------------------------------------------------ statements


@pytest.mark.parametrize(("query", "message"), [
    ("delete from orders", "only a SELECT statement can read a table, not DELETE"),
    ("vacuum into 'copy.db'", "only a SELECT statement can read a table, not VACUUM"),
    ("attach database 'x.db' as x", "only a SELECT statement can read a table, not ATTACH"),
    ("pragma journal_mode = wal", "only a SELECT statement can read a table, not PRAGMA"),
    ("-- nothing", "only a SELECT statement can read a table, not an empty query"),
    ("select 1; drop table orders", "the query has more than one statement"),
    ("select * into kept from orders", "only a SELECT statement can read a table; the query contains INTO"),
    ("with gone as (select 1) delete from orders", ("only a SELECT statement can read a table; the query "
     "contains DELETE")),
])
def test_only_one_select_statement(tmp_path: Path, shop_db: Path, query: str, message: str) -> None:
    assert load_error(tmp_path, query) == f"sqlite:///data/shop.db: {message}"
    assert row_count(shop_db) == 400


@pytest.mark.parametrize("query", [
    "select 1;", "SELECT 'delete; drop' AS words", "with t as (select 1 as n) select n from t",
    "select \"update\" from (select 1 as \"update\")", "select 1 -- ; delete\n", "(select 1)",
])
def test_selects_pass_the_statement_check(query: str) -> None:
    sql.check_statement(query, "db", SPAN)


def test_a_statement_that_returns_no_rows_is_named(tmp_path: Path, shop_db: Path) -> None:
    assert load_error(tmp_path, "delete from orders") != "This result object does not return rows"


# ------------------------------------------------------------------------------------- SQLite, read-only


def test_attach_and_vacuum_into_create_no_file(tmp_path: Path, shop_db: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for query in (f"ATTACH DATABASE '{elsewhere}/x.db' AS x", f"VACUUM INTO '{elsewhere}/y.db'"):
        assert load_error(tmp_path, query).startswith("sqlite:///data/shop.db: only a SELECT statement")
        message = fetch_error("sqlite:///data/shop.db", query, tmp_path)  # past the statement check
        assert message.startswith("sqlite:///data/shop.db: the query tries to change the database")
    assert list(elsewhere.iterdir()) == []


def test_mode_rw_in_the_url_does_not_win(tmp_path: Path, shop_db: Path) -> None:
    url = "sqlite:///file:data/shop.db?mode=rw&uri=true"
    message = fetch_error(url, "DROP TABLE orders", tmp_path)
    assert message == (f"{url}: the query tries to change the database or read outside it (not authorized)")
    assert row_count(shop_db) == 400
    table = load_table(TableSource("orders", sql="select * from orders", url=url, span=SPAN), tmp_path)
    assert len(table.frame) == 400


def test_writes_inside_a_with_and_extensions_are_denied(tmp_path: Path, shop_db: Path) -> None:
    for query in ("WITH x AS (SELECT 1) DELETE FROM orders", "SELECT load_extension('/tmp/evil')",
                  "PRAGMA query_only = OFF", "SELECT * FROM pragma_table_info('orders')"):
        assert "the query tries to change the database" in fetch_error("sqlite:///data/shop.db", query, tmp_path)
    assert row_count(shop_db) == 400


def test_an_endless_recursive_query_is_stopped(tmp_path: Path, shop_db: Path, monkeypatch) -> None:
    monkeypatch.setattr(sql, "QUERY_SECONDS", 0.5)
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    assert load_error(tmp_path, endless) == ("sqlite:///data/shop.db: the query ran longer than 0.5 s and was "
                                             "stopped")


def test_too_many_rows_is_a_clear_error(tmp_path: Path, shop_db: Path, monkeypatch) -> None:
    monkeypatch.setattr(sql, "MAX_ROWS", 100)
    assert load_error(tmp_path, "select * from orders") == ("sqlite:///data/shop.db: the query returns more "
                                                            "than 100 rows")


# ------------------------------------------------------------------------------------------ pushdown

SPECS = {
    "gmv": MetricSpec(table="orders", sum="amount", format="money"),
    "qty": MetricSpec(table="orders", sum="qty"),
    "orders": MetricSpec(table="orders", count="*"),
    "rated": MetricSpec(table="orders", count="channel"),
    "buyers": MetricSpec(table="orders", distinct="buyer"),
    "avg_order": MetricSpec(table="orders", mean="amount"),
    "app_gmv": MetricSpec(table="orders", sum="amount", where={"channel": "APP"}),
    "big_qty": MetricSpec(table="orders", count="*", where={"qty": ["3", 4]}),
    "aov": MetricSpec(ratio=["gmv", "orders"]),
}
CURRENT = parse_period("2025")
GROUPINGS = [Grouping(), *(Grouping(grain=grain) for grain in ("hour", "day", "week", "month", "quarter", "year")),
             Grouping(column="channel"), Grouping(column="qty")]


def frame_table(rows: list[tuple]) -> LoadedTable:
    frame = pd.DataFrame(rows, columns=["id", "date", "buyer", "channel", "amount", "qty"])
    frame["date"] = pd.to_datetime(frame["date"])
    return LoadedTable("orders", frame, "frame", None, "date")


def assert_same_numbers(pushed: MetricEngine, local: MetricEngine) -> None:
    for period in (CURRENT, year_before(CURRENT), parse_period("2025-03")):
        for name in SPECS:
            for grouping in GROUPINGS:
                same(pushed.series(name, period, grouping), local.series(name, period, grouping))
            # extra filters, as a breakdown slide asks
            same(pushed.series_where(name, period, Grouping(grain="month"), {"channel": "web"}),
                 local.series_where(name, period, Grouping(grain="month"), {"channel": "web"}))


def same(a: pd.Series, b: pd.Series) -> None:
    assert list(a.index) == list(b.index)
    numpy.testing.assert_allclose(a.to_numpy(), b.to_numpy(), rtol=1e-12, equal_nan=True)


def pushed_engine(source: TableSource, base_dir: Path, fetched: list[int], monkeypatch) -> MetricEngine:
    table = open_in_place(source, base_dir, DuckStore())
    assert table is not None and isinstance(table.rows.source, SqlSource)
    assert table.frame.empty and list(table.frame.columns) == ["id", "date", "buyer", "channel", "amount", "qty"]
    real = sql.fetch

    def counting(db, query, params=None):
        names, rows = real(db, query, params)
        fetched.append(len(rows))
        return names, rows

    monkeypatch.setattr("deckgen.data.query_sources.fetch", counting)
    return MetricEngine(SPECS, {"orders": table}, CURRENT, used=list(SPECS))


def test_sqlite_pushdown_gives_the_numbers_duckdb_gives(tmp_path: Path, shop_db: Path, monkeypatch) -> None:
    fetched: list[int] = []
    source = TableSource("orders", sql="select * from orders", url="sqlite:///data/shop.db", span=SPAN)
    pushed = pushed_engine(source, tmp_path, fetched, monkeypatch)
    assert_same_numbers(pushed, MetricEngine(SPECS, {"orders": frame_table(order_rows())}, CURRENT))
    assert fetched and max(fetched) <= 24 * 31  # grouped rows come back, never the 400 orders


def pg_orders(postgres_url: str) -> None:
    """The test orders as a PostgreSQL table, with a real timestamp column."""
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS orders"))
        connection.execute(text("CREATE TABLE orders (id integer, date timestamp, buyer text, channel text, "
                                "amount double precision, qty integer)"))
        connection.execute(text("INSERT INTO orders VALUES (:i, :d, :b, :c, :a, :q)"),
                           [dict(zip("idbcaq", row, strict=True)) for row in order_rows()])
    engine.dispose()


def test_postgresql_pushdown_gives_the_numbers_duckdb_gives(postgres_url: str, tmp_path: Path,
                                                           monkeypatch) -> None:
    pg_orders(postgres_url)
    fetched: list[int] = []
    source = TableSource("orders", sql="select * from orders", url=postgres_url, span=SPAN)
    pushed = pushed_engine(source, tmp_path, fetched, monkeypatch)
    assert_same_numbers(pushed, MetricEngine(SPECS, {"orders": frame_table(order_rows())}, CURRENT))
    assert fetched and max(fetched) <= 24 * 31


def test_postgresql_is_read_only_and_has_a_statement_timeout(postgres_url: str, tmp_path: Path,
                                                             monkeypatch) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS kept (n integer)"))
        connection.execute(text("DELETE FROM kept"))
        connection.execute(text("INSERT INTO kept VALUES (1)"))
    shown = postgres_url
    message = fetch_error(postgres_url, "WITH gone AS (DELETE FROM kept RETURNING n) SELECT count(*) FROM gone",
                          tmp_path)
    assert message.startswith(f"{shown}: the query tries to change the database or read outside it")
    monkeypatch.setattr(sql, "QUERY_SECONDS", 0.5)
    assert fetch_error(postgres_url, "SELECT pg_sleep(5)", tmp_path) == (f"{shown}: the query ran longer than "
                                                                         "0.5 s and was stopped")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM kept")).scalar() == 1
    engine.dispose()


# ------------------------------------------------------------------------------- buyers and bands, pushed

DERIVED = Derived("buyer", "date", (Band("value", "amount", (50.0, 100.0), ("low", "mid", "high")),
                                    Band("loyalty", "buyer_orders", (2.0,), ("one-time", "repeat"))))
BUYER_SPECS = {
    "buyers": MetricSpec(table="orders", distinct="buyer"),
    "new_buyers": MetricSpec(table="orders", distinct="buyer", where={"buyer_type": "new"}),
    "returning": MetricSpec(table="orders", distinct="buyer", where={"buyer_type": "Returning"}),
    "repeat": MetricSpec(table="orders", distinct="buyer", where={"loyalty": "repeat"}),
    "gmv": MetricSpec(table="orders", sum="amount"),
    "high_orders": MetricSpec(table="orders", count="*", where={"value": "high"}),
}
BUYER_GROUPINGS = [Grouping(), Grouping(grain="month"), Grouping(grain="quarter"), Grouping(column="value"),
                   Grouping(column="buyer_type"), Grouping(column="loyalty"), Grouping(column="channel")]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_buyers_and_bands_pushed_down_match_duckdb_and_pandas(database: str, tmp_path: Path, shop_db: Path,
                                                              request) -> None:
    url = "sqlite:///data/shop.db"
    if database == "postgresql":
        url = request.getfixturevalue("postgres_url")
        pg_orders(url)
    store = DuckStore()
    source = TableSource("orders", sql="select * from orders", url=url, span=SPAN)
    pushed_table = add_derived(open_in_place(source, tmp_path, store), DERIVED, store)
    local_table = add_derived(frame_table(order_rows()), DERIVED, store)
    assert {"buyer_type", "buyer_orders", "value", "loyalty"} <= set(pushed_table.frame.columns)
    pushed = MetricEngine(BUYER_SPECS, {"orders": pushed_table}, CURRENT)
    local = MetricEngine(BUYER_SPECS, {"orders": local_table}, CURRENT)
    for period in (CURRENT, year_before(CURRENT)):
        for name in BUYER_SPECS:
            for grouping in BUYER_GROUPINGS:
                same(pushed.series(name, period, grouping), local.series(name, period, grouping))
            same(pushed.series_where(name, period, Grouping(grain="month"), {"buyer_type": "new"}),
                 local.series_where(name, period, Grouping(grain="month"), {"buyer_type": "new"}))
    assert list(local.series("gmv", CURRENT, Grouping(column="value")).index) == ["low", "mid", "high"]
    # the same numbers, the plain way
    frame = frame_table(order_rows()).frame
    frame["first"] = frame.groupby("buyer")["date"].transform("min")
    rows = frame[frame["date"].dt.year == 2025]
    per_buyer = rows.groupby("buyer").size()
    assert local.value("new_buyers", CURRENT) == rows[rows["first"] >= "2025-01-01"]["buyer"].nunique()
    assert local.value("returning", CURRENT) == rows[rows["first"] < "2025-01-01"]["buyer"].nunique()
    assert local.value("repeat", CURRENT) == (per_buyer >= 2).sum()
    assert local.value("high_orders", CURRENT) == (rows["amount"] >= 100).sum()
