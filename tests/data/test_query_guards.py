"""The data guards on tables opened in place (a Parquet file, a large CSV file, a SQLite or PostgreSQL query):
impossible values are the same warnings, and an infinite or huge number the same located error, as for a table
read into pandas, with the rows numbered as the file numbers them."""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from inprocess import deckgen

from deckgen.data import query_sources
from deckgen.data.catalogue import catalogue
from deckgen.data.load import TableSource, load_tables
from deckgen.data.query_guards import impossible_in_place
from deckgen.data.query_sources import DuckStore, opener
from deckgen.errors import SourceSpan

SPAN = SourceSpan("deck.yaml", 9, 3)
BASE = Path(__file__).resolve().parents[1] / "bad_outlines" / "_base"
IMPOSSIBLE = ("日期,访客数,支付买家数,转化率\n"
              "2025-01-01,100,3,0.03\n"
              "2025-01-02,-5,2,0.02\n"
              "2025-01-03,80,90,1.125\n"
              "2025-01-04,-1,1,0.01\n"
              "2025-01-05,,1,\n")


def messages(tmp_path: Path, name: str, in_place: bool) -> list[str]:
    source = TableSource(name="daily", path=name, span=SPAN)
    tables = load_tables([source], tmp_path, catalogue().aliases, opener=opener(DuckStore()) if in_place else None)
    table = tables["daily"]
    assert (table.rows is not None and table.frame.empty) == in_place
    found = impossible_in_place(table) if in_place else table.warnings
    assert all((w.code, w.severity, w.span) == ("data.impossible", "warning", SPAN) for w in found)
    return [w.message for w in found]


def test_impossible_values_in_a_parquet_file_are_warned_as_when_loaded(tmp_path: Path) -> None:
    (tmp_path / "shop.csv").write_text(IMPOSSIBLE, encoding="utf-8")
    pd.read_csv(tmp_path / "shop.csv").to_parquet(tmp_path / "shop.parquet", row_group_size=2)
    expected = [
        "shop.parquet: column '访客数' is negative in 2 rows (rows 2, 4; row 2: -5)",
        "shop.parquet: column '转化率' is above 100 % in 1 row (row 3; row 3: 1.125)",
        "shop.parquet: column '支付买家数' is above column '访客数' in 1 row (row 3; row 3: 90 against 80)",
    ]
    assert messages(tmp_path, "shop.parquet", in_place=False) == expected
    assert messages(tmp_path, "shop.parquet", in_place=True) == expected


def test_impossible_values_in_a_large_csv_file_name_the_file_rows_blank_lines_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(query_sources, "STREAM_BYTES", 0)
    text = IMPOSSIBLE.replace("2025-01-02", "\n2025-01-02").replace("2025-01-04", "\n\n2025-01-04")
    (tmp_path / "shop.csv").write_text(text, encoding="utf-8", newline="")
    expected = [
        "shop.csv: column '访客数' is negative in 2 rows (rows 4, 8; row 4: -5)",
        "shop.csv: column '转化率' is above 100 % in 1 row (row 5; row 5: 1.125)",
        "shop.csv: column '支付买家数' is above column '访客数' in 1 row (row 5; row 5: 90 against 80)",
    ]
    assert messages(tmp_path, "shop.csv", in_place=False) == expected
    assert messages(tmp_path, "shop.csv", in_place=True) == expected


def test_rates_in_percent_and_many_rows_in_place(tmp_path: Path) -> None:
    rates = [2.5, 3.1, 140.0, float("nan"), *[2.0] * 10, 101.0, 150.0, 120.0, 130.0, 110.0]
    frame = pd.DataFrame({"date": pd.date_range("2025-01-01", periods=len(rates)), "cvr": rates})
    frame.to_parquet(tmp_path / "rates.parquet", row_group_size=3)
    expected = ["rates.parquet: column 'cvr' is above 100 % in 6 rows (rows 3, 15, 16, 17, 18, …; row 3: 140)"]
    assert messages(tmp_path, "rates.parquet", in_place=False) == expected
    assert messages(tmp_path, "rates.parquet", in_place=True) == expected


def test_impossible_values_of_a_sqlite_query_in_place(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "shop.db") as connection:
        pd.read_csv(io.StringIO(IMPOSSIBLE)).to_sql("daily", connection, index=False)
    source = TableSource(name="daily", sql="select * from daily", url="sqlite:///shop.db", span=SPAN)
    loaded = load_tables([source], tmp_path, catalogue().aliases)["daily"]
    table = load_tables([source], tmp_path, catalogue().aliases, opener=opener(DuckStore()))["daily"]
    assert table.frame.empty and loaded.rows is None
    expected = [
        "sqlite:///shop.db: select * from daily: column '访客数' is negative in 2 rows (rows 2, 4; row 2: -5)",
        "sqlite:///shop.db: select * from daily: column '转化率' is above 100 % in 1 row (row 3; row 3: 1.125)",
        ("sqlite:///shop.db: select * from daily: column '支付买家数' is above column '访客数' in 1 row "
         "(row 3; row 3: 90 against 80)"),
    ]
    assert [w.message for w in loaded.warnings] == expected
    assert [w.message for w in impossible_in_place(table)] == expected


def test_impossible_values_of_a_postgresql_query_in_place(postgres_url: str, tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(postgres_url)
    pd.read_csv(io.StringIO(IMPOSSIBLE), parse_dates=["日期"]).to_sql("guarded", engine, index=False,
                                                                     if_exists="replace")
    engine.dispose()
    source = TableSource(name="daily", sql='select * from guarded order by "日期"', url=postgres_url, span=SPAN)
    loaded = load_tables([source], tmp_path, catalogue().aliases)["daily"]
    table = load_tables([source], tmp_path, catalogue().aliases, opener=opener(DuckStore()))["daily"]
    assert table.frame.empty and loaded.rows is None

    def found(warnings) -> list[str]:
        return [warning.message[warning.message.index("column '"):] for warning in warnings]

    assert found(impossible_in_place(table)) == found(loaded.warnings) == [
        "column '访客数' is negative in 2 rows (rows 2, 4; row 2: -5)",
        "column '转化率' is above 100 % in 1 row (row 3; row 3: 1.125)",
        "column '支付买家数' is above column '访客数' in 1 row (row 3; row 3: 90 against 80)",
    ]


def test_plausible_data_in_place_gives_no_warning(tmp_path: Path) -> None:
    pd.DataFrame({"date": ["2025-01-01", "2025-01-02"], "uv": [100, 0], "buyers": [3, 0]}).to_parquet(
        tmp_path / "ok.parquet")
    assert messages(tmp_path, "ok.parquet", in_place=True) == []


# ------------------------------------------------------------------ numbers a metric cannot add up


def _case(tmp_path: Path, value: float, as_parquet: bool) -> Path:
    folder = tmp_path / ("parquet" if as_parquet else "csv")
    shutil.copytree(BASE, folder)
    daily = pd.read_csv(folder / "data" / "daily.csv")
    daily["gmv"] = daily["gmv"].astype("float64")
    daily.loc[[2, 4], "gmv"] = value
    if as_parquet:
        daily.to_parquet(folder / "data" / "daily.parquet", row_group_size=3)
        outline = folder / "outline.yaml"
        outline.write_text(outline.read_text(encoding="utf-8").replace("daily.csv", "daily.parquet"),
                           encoding="utf-8")
    else:
        daily.to_csv(folder / "data" / "daily.csv", index=False)
    return folder


@pytest.mark.parametrize(("value", "shown"), [(float("inf"), "inf"), (1e308, "1e+308"), (-float("inf"), "-inf")])
def test_an_out_of_range_number_in_place_is_the_located_error_a_loaded_table_gives(tmp_path, value, shown):
    lines = {}
    for as_parquet in (False, True):
        run = deckgen(_case(tmp_path, value, as_parquet), "check", "outline.yaml")
        assert run.returncode == 2, run.stderr
        lines[as_parquet] = [line for line in run.stderr.splitlines() if "out_of_range" in line or "row" in line]
    file_row = f"row 4: {shown} is not a number deckgen can add up (2 such rows)"
    assert lines[False] == [f"outline.yaml:13:8: table 'daily' (data/daily.csv), column 'gmv', {file_row}"]
    parquet_row = f"row 3: {shown} is not a number deckgen can add up (2 such rows)"
    assert lines[True] == [f"outline.yaml:13:8: table 'daily' (data/daily.parquet), column 'gmv', {parquet_row}"]
