"""Tables kept by content: read once while the file is unchanged, again when it changes; SQLite files too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from deckgen.data import cache
from deckgen.data.load import TableSource


def _parsed(source: TableSource, folder: Path) -> int:
    before = cache.stats["parsed"]
    cache.load_tables_cached([source], folder)
    return cache.stats["parsed"] - before


def test_a_csv_is_parsed_once_until_its_content_changes(tmp_path: Path) -> None:
    cache.clear()
    (tmp_path / "daily.csv").write_text("date,gmv\n2025-01-01,1\n", encoding="utf-8")
    source = TableSource("daily", path="daily.csv")
    assert _parsed(source, tmp_path) == 1
    assert _parsed(source, tmp_path) == 0
    assert _parsed(TableSource("other_name", path="daily.csv"), tmp_path) == 0  # same file, same table
    (tmp_path / "daily.csv").write_text("date,gmv\n2025-01-01,2\n", encoding="utf-8")
    assert _parsed(source, tmp_path) == 1
    assert cache.load_tables_cached([source], tmp_path)["daily"].frame["gmv"].tolist() == [2]


def test_a_sqlite_query_is_kept_by_the_database_file(tmp_path: Path) -> None:
    cache.clear()
    with sqlite3.connect(tmp_path / "shop.db") as connection:
        connection.execute("create table t (month text, value int)")
        connection.execute("insert into t values ('2025-01', 1)")
    source = TableSource("t", sql="select * from t", url="sqlite:///shop.db")
    assert _parsed(source, tmp_path) == 1
    assert _parsed(source, tmp_path) == 0
    assert _parsed(TableSource("t", sql="select value from t", url="sqlite:///shop.db"), tmp_path) == 1
    with sqlite3.connect(tmp_path / "shop.db") as connection:
        connection.execute("insert into t values ('2025-02', 2)")
    assert _parsed(source, tmp_path) == 1
    assert len(cache.load_tables_cached([source], tmp_path)["t"].frame) == 2


def test_the_rows_of_a_where_filter_are_kept_and_an_empty_filter_is_an_error(tmp_path: Path) -> None:
    import pytest

    from deckgen.errors import DataError, SourceSpan

    cache.clear()
    (tmp_path / "daily.csv").write_text("shop,gmv\nA,1\nB,2\n", encoding="utf-8")
    table = cache.load_tables_cached([TableSource("daily", path="daily.csv")], tmp_path)["daily"]
    span = SourceSpan("outline.yaml", 3, 5)
    first = cache.filtered(table, {"shop": "b"}, span)
    assert first.frame["gmv"].tolist() == [2] and cache.filtered(table, {"shop": "B"}, span) is not first
    assert cache.filtered(table, {"shop": "b"}, span) is first
    with pytest.raises(DataError, match="no rows where shop = C"):
        cache.filtered(table, {"shop": "C"}, span)
