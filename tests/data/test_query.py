"""The query engine over files: Parquet scanned in place, large CSV read by DuckDB, the fallbacks to the file
readers, export headers on tables opened in place, one grouped query per grouping, and the time budget."""

from __future__ import annotations

from pathlib import Path

import numpy.testing
import pandas as pd
import pytest

from deckgen.data import query_sources, sql
from deckgen.data.catalogue import catalogue
from deckgen.data.load import TableSource, load_table, load_tables
from deckgen.data.metrics import Grouping, MetricEngine
from deckgen.data.periods import parse_period, year_before
from deckgen.data.query_sources import DuckSource, DuckStore, opener
from deckgen.errors import DataError
from deckgen.outline.schema import MetricSpec

CURRENT = parse_period("2025")
SPECS = {
    "gmv": MetricSpec(table="t", sum="amount"),
    "orders": MetricSpec(table="t", count="*"),
    "buyers": MetricSpec(table="t", distinct="buyer"),
    "web_gmv": MetricSpec(table="t", sum="amount", where={"channel": "web"}),
    "avg": MetricSpec(table="t", mean="amount"),
}
GROUPINGS = [Grouping(), Grouping(grain="month"), Grouping(grain="week"), Grouping(column="channel")]


def rows(count: int = 300) -> pd.DataFrame:
    dates = pd.date_range("2024-01-01", periods=count, freq="61h")
    return pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "buyer": [f"b{i % 37}" for i in range(count)],
                         "channel": [["Web", "app", " web "][i % 3] for i in range(count)],
                         "amount": [round(5 + (i * 17 % 300) / 3, 2) for i in range(count)]})


def opened(tmp_path: Path, name: str) -> tuple:
    source = TableSource("t", path=name)
    store = DuckStore()
    tables = load_tables([source], tmp_path, None, opener=opener(store))
    return tables["t"], load_table(source, tmp_path)


def same_numbers(in_place, read) -> None:
    a, b = MetricEngine(SPECS, {"t": in_place}, CURRENT), MetricEngine(SPECS, {"t": read}, CURRENT)
    for period in (CURRENT, year_before(CURRENT)):
        for name in SPECS:
            for grouping in GROUPINGS:
                x, y = a.series(name, period, grouping), b.series(name, period, grouping)
                assert list(x.index) == list(y.index)
                numpy.testing.assert_allclose(x.to_numpy(), y.to_numpy(), rtol=1e-12, equal_nan=True)


def test_parquet_is_scanned_in_place(tmp_path: Path) -> None:
    rows().to_parquet(tmp_path / "orders.parquet")
    in_place, read = opened(tmp_path, "orders.parquet")
    assert isinstance(in_place.rows.source, DuckSource) and in_place.frame.empty
    assert in_place.date_column == "date" and list(in_place.frame.columns) == list(read.frame.columns)
    same_numbers(in_place, read)


def test_parquet_with_dates_duckdb_cannot_read_goes_to_the_file_reader(tmp_path: Path) -> None:
    frame = rows()
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y年%-m月%-d日")
    frame.to_parquet(tmp_path / "orders.parquet")
    in_place, read = opened(tmp_path, "orders.parquet")
    assert in_place.rows is None and len(in_place.frame) == 300
    same_numbers(in_place, read)


def test_large_csv_is_read_by_duckdb(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(query_sources, "STREAM_BYTES", 0)
    rows().to_csv(tmp_path / "orders.csv", index=False)
    in_place, read = opened(tmp_path, "orders.csv")
    assert isinstance(in_place.rows.source, DuckSource)
    assert in_place.origin == "orders.csv (UTF-8)"
    same_numbers(in_place, read)
    assert len(MetricEngine(SPECS, {"t": in_place}, CURRENT).rows("t")) == 300  # a timeline reads every row


@pytest.mark.parametrize("amount", ['"1,234.50"', '"261,96"'])
def test_csv_with_separators_in_numbers_goes_to_the_file_reader(tmp_path: Path, monkeypatch, amount) -> None:
    monkeypatch.setattr(query_sources, "STREAM_BYTES", 0)
    (tmp_path / "orders.csv").write_text(f"date,buyer,channel,amount\n2025-01-02,b1,web,{amount}\n", encoding="utf-8")
    in_place, _ = opened(tmp_path, "orders.csv")
    assert in_place.rows is None


def test_large_csv_with_dates_not_iso_goes_to_the_file_reader(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(query_sources, "STREAM_BYTES", 0)
    frame = rows()
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%d/%m/%Y")
    frame.to_csv(tmp_path / "orders.csv", index=False)
    in_place, _ = opened(tmp_path, "orders.csv")
    assert in_place.rows is None


def test_small_csv_stays_with_the_file_reader(tmp_path: Path) -> None:
    rows().to_csv(tmp_path / "orders.csv", index=False)
    in_place, _ = opened(tmp_path, "orders.csv")
    assert in_place.rows is None


def test_export_headers_on_a_table_opened_in_place(tmp_path: Path) -> None:
    frame = rows().rename(columns={"amount": "支付金额", "date": "日期"})
    frame.to_parquet(tmp_path / "shop.parquet")
    tables = load_tables([TableSource("t", path="shop.parquet")], tmp_path, catalogue().aliases,
                         opener=opener(DuckStore()))
    table = tables["t"]
    assert ("支付金额", "gmv") in table.renamed and table.date_column == "date"
    specs = {"gmv": MetricSpec(table="t", sum="gmv"), "as_written": MetricSpec(table="t", sum="支付金额")}
    engine = MetricEngine(specs, tables, CURRENT)
    expected = rows()
    expected = expected[expected["date"].str.startswith("2025")]["amount"].sum()
    assert engine.value("gmv", CURRENT) == pytest.approx(expected, rel=1e-12)
    assert engine.value("as_written", CURRENT) == engine.value("gmv", CURRENT)


def _recorded(tmp_path: Path, monkeypatch) -> tuple[object, list]:
    """The orders table, and the list every grouped query on it is added to."""
    rows().to_parquet(tmp_path / "orders.parquet")
    table, _ = opened(tmp_path, "orders.parquet")
    asked: list = []
    real = DuckSource.grouped
    monkeypatch.setattr(DuckSource, "grouped", lambda self, query: asked.append(query) or real(self, query))
    return table, asked


def test_grouped_queries_per_period_grouping_and_filter_set(tmp_path: Path, monkeypatch) -> None:
    table, asked = _recorded(tmp_path, monkeypatch)
    engine = MetricEngine(SPECS, {"t": table}, CURRENT, used=list(SPECS))
    for name in SPECS:
        engine.series(name, CURRENT, Grouping(grain="month"))
        engine.value(name, CURRENT)
        engine.series_where(name, CURRENT, Grouping(grain="month"), {"channel": "app"})
    # per grouping: one query for the sums, counts and means, one for the distinct counts. The months the
    # table has rows in (filters aside: 0 rather than missing) are the unfiltered monthly query's row counts
    assert len(asked) == 6
    assert sorted(len(query.aggregates) for query in asked) == [1, 1, 1, 4, 4, 4]
    assert not [query for query in asked if query.aggregates[0].name == "rows"]


def test_the_months_with_rows_are_asked_for_when_no_query_counts_them(tmp_path: Path, monkeypatch) -> None:
    table, asked = _recorded(tmp_path, monkeypatch)
    engine = MetricEngine(SPECS, {"t": table}, CURRENT, used=list(SPECS))
    filtered = engine.series_where("gmv", CURRENT, Grouping(grain="month"), {"channel": "app"})
    covering = [query for query in asked if query.aggregates[0].name == "rows"]
    assert len(covering) == 1 and covering[0].grain == "month" and not covering[0].extra
    plain = MetricEngine(SPECS, {"t": table}, CURRENT, used=list(SPECS))
    plain.series("gmv", CURRENT, Grouping(grain="month"))
    assert plain.series_where("gmv", CURRENT, Grouping(grain="month"), {"channel": "app"}).equals(filtered)


def test_a_query_over_its_time_is_stopped(monkeypatch) -> None:
    monkeypatch.setattr(sql, "QUERY_SECONDS", 0.2)
    with pytest.raises(DataError) as caught:
        DuckStore().execute("SELECT count(*) FROM range(100000000000) AS a(i) WHERE i % 7 = 3")
    assert caught.value.diagnostics[0].message == "a query ran longer than 0.2 s and was stopped"
