"""Loading the outline's tables: formats, encodings, dates, and the messages for bad input."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from deckgen.data.load import LoadedTable, TableSource, load_table, load_tables, require_columns
from deckgen.errors import DataError, Diagnostic, SourceSpan

SPAN = SourceSpan("deck.yaml", 12, 3)


def write(base: Path, relative: str, data: bytes) -> Path:
    path = base / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def only_problem(error: pytest.ExceptionInfo[DataError]) -> Diagnostic:
    assert len(error.value.diagnostics) == 1
    return error.value.diagnostics[0]


def load(tmp_path: Path, **fields: str) -> LoadedTable:
    return load_table(TableSource(name="daily", span=SPAN, **fields), tmp_path)


def load_error(tmp_path: Path, **fields: str) -> Diagnostic:
    with pytest.raises(DataError) as error:
        load(tmp_path, **fields)
    problem = only_problem(error)
    assert problem.span == SPAN
    return problem


# --------------------------------------------------------------------------------------------- CSV

DAILY_CSV = (
    "date , platform,gmv,note\n"
    '2025-01-01,天猫,"1,234",a\n'
    '2025-01-02,京东,"12,345.5","b, c"\n'
    "\n"
    "2025-01-03,天猫,99,d\n"
)


def test_utf8_csv_parses_dates_thousands_and_strips_headers(tmp_path: Path) -> None:
    write(tmp_path, "data/shop_daily.csv", DAILY_CSV.encode("utf-8"))
    table = load(tmp_path, path="data/shop_daily.csv")
    assert list(table.frame.columns) == ["date", "platform", "gmv", "note"]
    assert table.encoding == "UTF-8"
    assert table.origin == "data/shop_daily.csv (UTF-8)"
    assert table.date_column == "date"
    assert pd.api.types.is_datetime64_any_dtype(table.frame["date"])
    assert list(table.frame["date"].dt.day) == [1, 2, 3]
    assert list(table.frame["gmv"]) == [1234, 12345.5, 99]
    assert list(table.frame["note"]) == ["a", "b, c", "d"]
    assert list(table.frame.index) == [0, 1, 2]


def test_column_with_text_and_commas_stays_text(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", b'sku,label\n1,"1,2"\n2,"x,y"\n')
    table = load(tmp_path, path="t.csv")
    assert list(table.frame["label"]) == ["1,2", "x,y"]
    assert table.date_column is None


def test_utf8_bom_is_reported_and_stripped_from_first_header(tmp_path: Path) -> None:
    write(tmp_path, "bom.csv", "date,gmv\n2025-02-01,10\n".encode("utf-8-sig"))
    table = load(tmp_path, path="bom.csv")
    assert table.encoding == "UTF-8 with BOM"
    assert table.origin == "bom.csv (UTF-8 with BOM)"
    assert list(table.frame.columns) == ["date", "gmv"]
    assert table.date_column == "date"


def test_gbk_csv_with_chinese_headers_is_read_as_gb18030(tmp_path: Path) -> None:
    text = "日期,店铺,访客数,支付金额\n2025年1月5日,旗舰店,\"1,200\",\"35,000.50\"\n2025/01/06,专卖店,800,9000\n"
    write(tmp_path, "data/流量.csv", text.encode("gbk"))
    table = load(tmp_path, path="data/流量.csv")
    assert table.encoding == "GB18030"
    assert table.origin == "data/流量.csv (GB18030)"
    assert list(table.frame.columns) == ["日期", "店铺", "访客数", "支付金额"]
    assert list(table.frame["店铺"]) == ["旗舰店", "专卖店"]
    assert list(table.frame["访客数"]) == [1200, 800]
    assert list(table.frame["支付金额"]) == [35000.5, 9000]
    assert table.date_column == "日期"
    assert [d.strftime("%Y-%m-%d") for d in table.frame["日期"]] == ["2025-01-05", "2025-01-06"]


def test_other_encodings_fall_back_to_detection(tmp_path: Path) -> None:
    rows = "café,Málaga,envío rápido en otoño\nté,Córdoba,canción\n" * 5
    write(tmp_path, "ventas.csv", f"producto,ciudad,nota\n{rows}".encode("cp1252"))
    table = load(tmp_path, path="ventas.csv")
    assert table.encoding not in ("UTF-8", "UTF-8 with BOM", "GB18030")
    assert table.origin == f"ventas.csv ({table.encoding})"
    assert list(table.frame.columns) == ["producto", "ciudad", "nota"]
    assert list(table.frame["ciudad"][:2]) == ["Málaga", "Córdoba"]


def test_forced_encoding_is_used_and_reported(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "名称,数量\n苹果,3\n".encode("gbk"))
    table = load(tmp_path, path="t.csv", encoding="gbk")
    assert table.encoding == "gbk"
    assert list(table.frame["名称"]) == ["苹果"]


def test_forced_wrong_encoding_is_a_user_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "名称,数量\n苹果,3\n".encode("gbk"))
    problem = load_error(tmp_path, path="t.csv", encoding="utf-8")
    assert problem.code == "data.unreadable"
    assert problem.message == "t.csv is not valid utf-8: byte 0xc3 at offset 0"


def test_tsv_and_explicit_date_column(tmp_path: Path) -> None:
    write(tmp_path, "t.tsv", b"day\tuv\n2025-03-01\t1,000\n")
    table = load(tmp_path, path="t.tsv", date_column="day")
    assert table.date_column == "day"
    assert table.frame["day"].iloc[0] == pd.Timestamp("2025-03-01")
    assert table.frame["uv"].iloc[0] == 1000


def test_absolute_path_is_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, "elsewhere/t.csv", b"a\n1\n")
    table = load_table(TableSource(name="t", path=str(path)), tmp_path / "outline_dir")
    assert list(table.frame["a"]) == [1]


def test_bad_date_names_file_column_and_spreadsheet_row(tmp_path: Path) -> None:
    rows = "".join(f"2025-01-{day:02d},1\n" for day in range(1, 17))
    write(tmp_path, "data/shop_daily.csv", f"date,gmv\n{rows}2025-13-01,1\nsoon,2\n".encode())
    problem = load_error(tmp_path, path="data/shop_daily.csv")
    assert problem.code == "data.bad_date"
    assert problem.message == "data/shop_daily.csv: column 'date', row 18: '2025-13-01' is not a date"
    assert problem.hint == "write dates as YYYY-MM-DD; 1 more rows are not dates either (rows 19)"


def test_bad_date_row_counts_blank_lines(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", b"date,gmv\n2025-01-01,1\n\n2025-02-30,1\n")
    problem = load_error(tmp_path, path="t.csv")
    assert problem.message == "t.csv: column 'date', row 4: '2025-02-30' is not a date"


def test_named_date_column_that_does_not_exist(tmp_path: Path) -> None:
    write(tmp_path, "data/shop_daily.csv", b"dates,gmv\n2025-01-01,1\n")
    problem = load_error(tmp_path, path="data/shop_daily.csv", date_column="date")
    assert problem.code == "data.missing_column"
    assert problem.message == "table 'daily' (data/shop_daily.csv) has no column 'date'"
    assert problem.hint == "did you mean 'dates'? columns: dates, gmv"


def test_empty_csv(tmp_path: Path) -> None:
    write(tmp_path, "empty.csv", b"")
    problem = load_error(tmp_path, path="empty.csv")
    assert problem.code == "data.unreadable"
    assert problem.message == "empty.csv is empty"


def test_header_without_rows(tmp_path: Path) -> None:
    write(tmp_path, "head.csv", b"date,gmv\n\n")
    problem = load_error(tmp_path, path="head.csv")
    assert problem.code == "data.unreadable"
    assert problem.message == "head.csv has no data rows"


def test_ragged_csv_names_the_line(tmp_path: Path) -> None:
    write(tmp_path, "bad.csv", b"a,b\n1,2\n1,2,3,4\n")
    problem = load_error(tmp_path, path="bad.csv")
    assert problem.code == "data.ragged"
    assert problem.message == "bad.csv, line 3: 4 fields where the header has 2"
    assert problem.hint.startswith("every row needs as many fields as the header")


def test_rows_longer_than_the_header_are_ragged_not_an_index(tmp_path: Path) -> None:
    write(tmp_path, "bad.csv", b"a,b\n1,2,3\n4,5,6\n")
    problem = load_error(tmp_path, path="bad.csv")
    assert (problem.code, problem.message) == ("data.ragged", "bad.csv, line 2: 3 fields where the header has 2")


# ------------------------------------------------------------------------------------- missing files


def test_missing_file_suggests_a_similar_name(tmp_path: Path) -> None:
    write(tmp_path, "data/shop-daily.csv", b"a\n1\n")
    write(tmp_path, "data/orders.csv", b"a\n1\n")
    problem = load_error(tmp_path, path="data/shop_daily.csv")
    assert problem.code == "data.missing_file"
    assert problem.message == "data file not found: data/shop_daily.csv"
    assert problem.hint == "did you mean 'data/shop-daily.csv'?"


def test_missing_folder_is_named(tmp_path: Path) -> None:
    problem = load_error(tmp_path, path="nowhere/t.csv")
    assert problem.code == "data.missing_file"
    assert problem.hint == f"folder not found: {tmp_path / 'nowhere'}"


def test_unknown_extension_lists_supported_formats(tmp_path: Path) -> None:
    write(tmp_path, "data/shop.json", b"{}")
    problem = load_error(tmp_path, path="data/shop.json")
    assert problem.code == "data.unsupported"
    assert problem.message == "data/shop.json: unsupported file type '.json'"
    assert problem.hint == "supported: .csv, .tsv, .txt, .xlsx, .xlsm, .xls, .parquet, or sql with url"


def test_no_path_and_no_query(tmp_path: Path) -> None:
    problem = load_error(tmp_path)
    assert problem.code == "data.unsupported"
    assert problem.message == "table 'daily' names no file and no query"


# ------------------------------------------------------------------------------------------- Excel


@pytest.fixture
def ads_xlsx(tmp_path: Path) -> Path:
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append(["月份", "花费"])
    summary.append(["2025-01", 100])
    channels = book.create_sheet("渠道")
    channels.append([" 日期", "渠道", "花费"])
    channels.append(["2025-01-01", "直通车", "1,500"])
    channels.append(["2025-01-02", "引力魔方", 2000])
    path = tmp_path / "data" / "ads.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def test_excel_named_sheet(tmp_path: Path, ads_xlsx: Path) -> None:
    table = load(tmp_path, path="data/ads.xlsx", sheet="渠道")
    assert table.origin == "data/ads.xlsx [渠道]"
    assert table.encoding is None
    assert list(table.frame.columns) == ["日期", "渠道", "花费"]
    assert table.date_column == "日期"
    assert list(table.frame["日期"].dt.day) == [1, 2]
    assert list(table.frame["花费"]) == [1500, 2000]


def test_excel_first_sheet_by_default(tmp_path: Path, ads_xlsx: Path) -> None:
    table = load(tmp_path, path="data/ads.xlsx")
    assert table.origin == "data/ads.xlsx [汇总]"
    assert list(table.frame["花费"]) == [100]


def test_excel_missing_sheet_lists_sheets(tmp_path: Path, ads_xlsx: Path) -> None:
    problem = load_error(tmp_path, path="data/ads.xlsx", sheet="渠到")
    assert problem.code == "data.missing_sheet"
    assert problem.message == "data/ads.xlsx has no sheet '渠到'"
    assert problem.hint == "did you mean '渠道'? sheets: 汇总, 渠道"


def test_excel_bad_date_uses_spreadsheet_rows(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["date", "gmv"])
    book.active.append(["2025-01-01", 1])
    book.active.append(["later", 2])
    book.save(tmp_path / "t.xlsx")
    problem = load_error(tmp_path, path="t.xlsx")
    assert problem.message == "t.xlsx [Sheet]: column 'date', row 3: 'later' is not a date"


def test_text_named_xlsx_is_told_by_its_content(tmp_path: Path) -> None:
    write(tmp_path, "bad.xlsx", b"not a workbook")
    problem = load_error(tmp_path, path="bad.xlsx")
    assert problem.code == "data.wrong_format"
    assert problem.message == "bad.xlsx is a text file, not a .xlsx file as its name says"
    assert problem.hint == "if it is a CSV export, rename it to bad.csv; otherwise export the file again"


def test_damaged_workbook_is_unreadable(tmp_path: Path) -> None:
    write(tmp_path, "bad.xlsx", b"PK\x03\x04 cut short")
    problem = load_error(tmp_path, path="bad.xlsx")
    assert problem.code == "data.wrong_format"
    assert problem.message == "bad.xlsx is a ZIP archive, not a .xlsx file as its name says"


# ----------------------------------------------------------------------------------------- Parquet


def test_parquet(tmp_path: Path) -> None:
    frame = pd.DataFrame({"sku": ["A1", "B2"], "gmv": [10.5, 20.0], "date": ["2025-01-01", "2025-01-02"]})
    (tmp_path / "data").mkdir()
    frame.to_parquet(tmp_path / "data" / "products.parquet", engine="pyarrow")
    table = load(tmp_path, path="data/products.parquet")
    assert table.origin == "data/products.parquet"
    assert table.encoding is None
    assert list(table.frame["sku"]) == ["A1", "B2"]
    assert list(table.frame["gmv"]) == [10.5, 20.0]
    assert pd.api.types.is_datetime64_any_dtype(table.frame["date"])


def test_corrupt_parquet_is_unreadable(tmp_path: Path) -> None:
    write(tmp_path, "bad.parquet", b"PAR1 nonsense")
    problem = load_error(tmp_path, path="bad.parquet")
    assert problem.code == "data.unreadable"
    assert problem.message.startswith("bad.parquet is not a readable Parquet file: ")


# --------------------------------------------------------------------------------------------- SQL


@pytest.fixture
def shop_db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "shop.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute("create table orders (id integer, date text, amount real)")
        connection.executemany("insert into orders values (?, ?, ?)",
                               [(1, "2025-01-01", 10.0), (2, "2025-01-02", 20.0), (3, "2025-01-32", 5.0)])
    connection.close()
    return path


def test_sqlite_relative_url_resolves_against_outline_folder(tmp_path: Path, shop_db: Path) -> None:
    table = load(tmp_path, sql="select id, amount, date from orders where id < 3",
                 url="sqlite:///data/shop.db")
    assert table.origin == "sqlite:///data/shop.db: select id, amount, date from orders where id < 3"
    assert list(table.frame["id"]) == [1, 2]
    assert list(table.frame["amount"]) == [10.0, 20.0]
    assert list(table.frame["date"].dt.day) == [1, 2]


def test_sql_bad_date_row_is_one_based(tmp_path: Path, shop_db: Path) -> None:
    problem = load_error(tmp_path, sql="select * from orders", url="sqlite:///data/shop.db")
    assert problem.code == "data.bad_date"
    assert problem.message == "sqlite:///data/shop.db: column 'date', row 3: '2025-01-32' is not a date"


def test_sql_syntax_error_carries_the_database_message(tmp_path: Path, shop_db: Path) -> None:
    problem = load_error(tmp_path, sql="select * fro orders", url="sqlite:///data/shop.db")
    assert problem.code == "data.sql"
    assert problem.message == 'sqlite:///data/shop.db: query failed: near "fro": syntax error'
    assert problem.hint == "query: select * fro orders"


def test_sql_cannot_write(tmp_path: Path, shop_db: Path) -> None:
    problem = load_error(tmp_path, sql="delete from orders", url="sqlite:///data/shop.db")
    assert problem.code == "data.sql"
    with sqlite3.connect(shop_db) as connection:
        assert connection.execute("select count(*) from orders").fetchone() == (3,)
    connection.close()


def test_missing_sqlite_file_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    problem = load_error(tmp_path, sql="select 1", url="sqlite:///data/shop.db")
    assert problem.code == "data.missing_file"
    assert problem.message == "database file not found: data/shop.db"
    assert not (tmp_path / "data" / "shop.db").exists()


def test_sql_without_url(tmp_path: Path) -> None:
    problem = load_error(tmp_path, sql="select 1")
    assert problem.code == "data.sql"
    assert problem.message == "table 'daily' needs both sql and url"


def test_database_password_is_never_shown(tmp_path: Path) -> None:
    problem = load_error(tmp_path, sql="select 1", url="nosuchdb://user:secret@localhost/shop")
    assert problem.code == "data.sql"
    assert "secret" not in problem.message
    assert problem.message.startswith("nosuchdb://user:***@localhost/shop: ")


# ------------------------------------------------------------------------------- columns, collecting


def test_require_columns_suggests_and_lists_columns(tmp_path: Path) -> None:
    write(tmp_path, "data/shop_daily.csv", b"date,platform,gmv,uv\n2025-01-01,tmall,1,2\n")
    table = load(tmp_path, path="data/shop_daily.csv")
    require_columns(table, ["gmv", "uv"], SPAN)
    with pytest.raises(DataError) as error:
        require_columns(table, ["gvm"], SPAN)
    assert only_problem(error) == Diagnostic(
        "data.missing_column",
        "table 'daily' (data/shop_daily.csv) has no column 'gvm'",
        SPAN,
        "did you mean 'gmv'? columns: date, platform, gmv, uv",
    )


def test_require_columns_lists_at_most_twelve(tmp_path: Path) -> None:
    header = ",".join(f"c{i}" for i in range(15))
    write(tmp_path, "wide.csv", f"{header}\n{','.join('1' * 15)}\n".encode())
    table = load(tmp_path, path="wide.csv")
    with pytest.raises(DataError) as error:
        require_columns(table, ["zzz"], SPAN)
    assert only_problem(error).hint == "columns: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, …"


def test_load_tables_collects_problems_from_every_table(tmp_path: Path) -> None:
    write(tmp_path, "good.csv", b"a\n1\n")
    write(tmp_path, "dates.csv", b"date\nnope\n")
    sources = [
        TableSource("good", path="good.csv", span=SourceSpan("deck.yaml", 2, 3)),
        TableSource("gone", path="gone.csv", span=SourceSpan("deck.yaml", 3, 3)),
        TableSource("dates", path="dates.csv", span=SourceSpan("deck.yaml", 4, 3)),
        TableSource("odd", path="odd.doc", span=SourceSpan("deck.yaml", 5, 3)),
    ]
    write(tmp_path, "odd.doc", b"x")
    with pytest.raises(DataError) as error:
        load_tables(sources, tmp_path)
    problems = error.value.diagnostics
    assert [(p.code, p.span.line) for p in problems] == [
        ("data.missing_file", 3), ("data.bad_date", 4), ("data.unsupported", 5),
    ]
    assert error.value.exit_code == 2
    assert error.value.render().splitlines()[0] == "deck.yaml:3:3: data file not found: gone.csv"


def test_load_tables_returns_tables_by_name(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", b"x\n1\n")
    write(tmp_path, "b.csv", b"y\n2\n")
    tables = load_tables([TableSource("a", path="a.csv"), TableSource("b", path="b.csv")], tmp_path)
    assert list(tables) == ["a", "b"]
    assert list(tables["b"].frame["y"]) == [2]


def test_importing_the_module_does_not_import_pandas() -> None:
    code = "import deckgen.data.load, sys; assert 'pandas' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
