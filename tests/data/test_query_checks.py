"""The file-reading features on tables the query engine opens in place: like-for-like days and empty time
buckets in the grouped queries, coverage and text-in-number checks asked of the engine, and large CSV files
whose dialect is not plain read by the file readers."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from dataclasses import replace
from pathlib import Path

import numpy.testing
import pandas as pd

from deckgen.data import query_sources
from deckgen.data.cache import filtered
from deckgen.data.catalogue import catalogue
from deckgen.data.coverage import empty_periods
from deckgen.data.guards import number_columns
from deckgen.data.load import TableSource, load_table, load_tables
from deckgen.data.metrics import Grouping, MetricEngine
from deckgen.data.periods import parse_period, year_before
from deckgen.data.query_sources import DuckStore, opener
from deckgen.errors import SourceSpan
from deckgen.outline.schema import MetricSpec

CURRENT = parse_period("2025")
SPECS = {"gmv": MetricSpec(table="t", sum="amount"), "web_gmv": MetricSpec(table="t", sum="amount", where={"channel": "web"}),
         "orders": MetricSpec(table="t", count="*")}
# January to March and May 2025 have rows, April none; only January has web rows
DAYS = [dt.date(2025, month, day) for month in (1, 2, 3, 5) for day in (1, 10, 20)]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"date": [day.isoformat() for day in DAYS],
                         "channel": ["web" if day.month == 1 else "app" for day in DAYS],
                         "amount": [float(index + 1) for index in range(len(DAYS))]})


def opened(source: TableSource, folder: Path):
    tables = load_tables([source], folder, None, opener=opener(DuckStore()))
    return tables["t"]


def sqlite_source(folder: Path) -> TableSource:
    with sqlite3.connect(folder / "shop.db") as connection:
        frame().to_sql("orders", connection, index=False)
    return TableSource("t", sql="select * from orders", url="sqlite:///shop.db")


def test_a_month_without_rows_is_missing_and_a_month_without_counted_rows_is_zero(tmp_path: Path) -> None:
    frame().to_parquet(tmp_path / "orders.parquet")
    for table in (opened(TableSource("t", path="orders.parquet"), tmp_path), opened(sqlite_source(tmp_path), tmp_path),
                  load_table(TableSource("t", path="orders.parquet"), tmp_path)):
        months = MetricEngine(SPECS, {"t": table}, CURRENT).series("web_gmv", CURRENT, Grouping(grain="month"))
        assert months.iloc[0] == 6.0 and list(months.iloc[1:3]) == [0.0, 0.0]
        assert math.isnan(months.iloc[3]) and months.iloc[4] == 0.0 and months.iloc[5:].isna().all()


def test_like_for_like_days_filter_the_grouped_queries(tmp_path: Path) -> None:
    frame().to_parquet(tmp_path / "orders.parquet")
    kept = replace(CURRENT, keep=frozenset({(1, 1), (2, 10), (5, 20)}))
    read = load_table(TableSource("t", path="orders.parquet"), tmp_path)
    expected = MetricEngine(SPECS, {"t": read}, CURRENT)
    for table in (opened(TableSource("t", path="orders.parquet"), tmp_path), opened(sqlite_source(tmp_path), tmp_path)):
        engine = MetricEngine(SPECS, {"t": table}, CURRENT)
        assert engine.value("gmv", kept) == 1.0 + 5.0 + 12.0
        assert engine.value("orders", year_before(kept)) is None
        for grouping in (Grouping(), Grouping(grain="month"), Grouping(column="channel")):
            x, y = engine.series("gmv", kept, grouping), expected.series("gmv", kept, grouping)
            assert list(x.index) == list(y.index)
            numpy.testing.assert_allclose(x.to_numpy(), y.to_numpy(), equal_nan=True)


def test_coverage_of_a_table_opened_in_place_is_asked_of_the_engine(tmp_path: Path) -> None:
    frame().to_parquet(tmp_path / "orders.parquet")
    table = opened(TableSource("t", path="orders.parquet"), tmp_path)
    assert table.frame.empty and table.rows is not None
    assert empty_periods({"t": table}, CURRENT, "2025") == []
    problems = empty_periods({"t": table}, parse_period("2024"), "2024")
    assert "its dates run from 2025-01-01 to 2025-05-20" in problems[0].message


def test_text_in_a_summed_column_of_a_table_opened_in_place_is_reported(tmp_path: Path) -> None:
    data = frame().astype({"amount": str})
    data.loc[4, "amount"] = "n/a"
    data.to_parquet(tmp_path / "orders.parquet")
    table = opened(TableSource("t", path="orders.parquet"), tmp_path)
    _, problems = number_columns({"t": table}, SPECS)
    assert [problem.code for problem in problems] == ["data.not_a_number"]
    assert "'n/a' is not a number" in problems[0].message
    dropping = replace(table, non_numeric="drop")
    tables, problems = number_columns({"t": dropping}, SPECS)
    assert problems == [] and tables["t"].warnings[-1].severity == "warning"
    assert MetricEngine(SPECS, tables, CURRENT).value("gmv", CURRENT) == sum(range(1, 13)) - 5


def test_large_csv_in_another_dialect_goes_to_the_file_readers(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(query_sources, "STREAM_BYTES", 10)
    frame().to_csv(tmp_path / "plain.csv", index=False)
    frame().to_csv(tmp_path / "semicolon.csv", index=False, sep=";", decimal=",")
    assert opened(TableSource("t", path="plain.csv"), tmp_path).rows is not None
    semicolon = opened(TableSource("t", path="semicolon.csv"), tmp_path)
    assert semicolon.rows is None and "semicolon" in semicolon.described()
    for option in ({"date_format": "YYYY-MM-DD"}, {"encoding": "utf-8"}, {"thousands": ""}):
        assert opened(TableSource("t", path="plain.csv", **option), tmp_path).rows is None


def test_a_table_where_on_a_table_opened_in_place_keeps_its_rows_and_renamed_headers(tmp_path: Path) -> None:
    frame().rename(columns={"amount": "支付金额"}).to_parquet(tmp_path / "orders.parquet")
    tables = load_tables([TableSource("t", path="orders.parquet")], tmp_path, catalogue().aliases,
                         opener=opener(DuckStore()))
    assert ("支付金额", "gmv") in tables["t"].renamed
    kept = filtered(tables["t"], {"channel": "web"}, SourceSpan(""))
    assert kept.rows is None and len(kept.frame) == 3 and list(kept.frame["gmv"]) == [1.0, 2.0, 3.0]
    assert list(kept.frame["支付金额"]) == [1.0, 2.0, 3.0]
    specs = {"gmv": MetricSpec(table="t", sum="gmv")}
    assert MetricEngine(specs, {"t": kept}, CURRENT).value("gmv", CURRENT) == 1.0 + 2.0 + 3.0
