"""Input dialects on small real-shaped files: delimiters, decimal commas, thousands separators, the day-month
order, Excel serial dates, files told by their content, and workbook parts read with a size limit."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from pydantic import ValidationError

from deckgen.data.load import LoadedTable, TableSource, load_table
from deckgen.data.read import excel
from deckgen.errors import DataError, Diagnostic, SourceSpan
from deckgen.outline.schema import TableSpec

SPAN = SourceSpan("deck.yaml", 7, 3)
FILES = Path(__file__).parent / "files"


def write(base: Path, name: str, data: bytes) -> None:
    (base / name).write_bytes(data)


def load(base: Path, **fields) -> LoadedTable:
    return load_table(TableSource(name="sales", span=SPAN, **fields), base)


def problem(base: Path, **fields) -> Diagnostic:
    with pytest.raises(DataError) as error:
        load(base, **fields)
    assert len(error.value.diagnostics) == 1
    return error.value.diagnostics[0]


def days(table: LoadedTable) -> list[str]:
    return [day.date().isoformat() for day in table.frame["date"]]


# ----------------------------------------------------------------------------- a European export

EUROPEAN = (
    "date;region;sales;profit\n"
    '05/02/2024;Centro;"261,96";"41,91"\n'
    '13/02/2024;Sur;"1.731,40";"-38,50"\n'
    '14/03/2024;Norte;"731,94";"219,58"\n'
)


def test_semicolon_decimal_comma_and_day_first_dates(tmp_path: Path) -> None:
    write(tmp_path, "sales.csv", EUROPEAN.encode("utf-8"))
    table = load(tmp_path, path="sales.csv")
    assert table.frame["sales"].tolist() == [261.96, 1731.40, 731.94]
    assert table.frame["profit"].tolist() == [41.91, -38.50, 219.58]
    assert days(table) == ["2024-02-05", "2024-02-13", "2024-03-14"]
    assert table.described() == "sales.csv (UTF-8, semicolon, decimal comma, thousands dot, dates DD/MM/YYYY)"


def test_month_first_dates_are_settled_by_a_second_number_above_12(tmp_path: Path) -> None:
    write(tmp_path, "us.csv", b"date,sales\n02/05/2024,10.5\n02/13/2024,20\n")
    table = load(tmp_path, path="us.csv")
    assert days(table) == ["2024-02-05", "2024-02-13"]
    assert table.described() == "us.csv (UTF-8, dates MM/DD/YYYY)"


def test_ambiguous_date_order_asks_for_date_format(tmp_path: Path) -> None:
    write(tmp_path, "sales.csv", b"date;sales\n05/02/2024;1\n06/02/2024;2\n07/03/2024;3\n08/03/2024;4\n")
    found = problem(tmp_path, path="sales.csv")
    assert found.code == "data.ambiguous_date"
    assert found.message == ("sales.csv: column 'date': cannot tell whether dates such as '05/02/2024', "
                             "'06/02/2024', '07/03/2024' are day-first or month-first (no day above 12)")
    assert found.hint == ("set date_format on the table: date_format: DD/MM/YYYY or date_format: MM/DD/YYYY")


def test_date_format_settles_the_order(tmp_path: Path) -> None:
    write(tmp_path, "sales.csv", b"date;sales\n05/02/2024;1\n06/02/2024;2\n")
    table = load(tmp_path, path="sales.csv", date_format="MM/DD/YYYY")
    assert days(table) == ["2024-05-02", "2024-06-02"]
    assert table.described() == "sales.csv (UTF-8, semicolon, dates MM/DD/YYYY)"


def test_a_value_against_the_date_format_is_located(tmp_path: Path) -> None:
    write(tmp_path, "sales.csv", b"date,sales\n05/02/2024,1\n2024-02-06,2\n")
    found = problem(tmp_path, path="sales.csv", date_format="DD/MM/YYYY")
    assert found.message == "sales.csv: column 'date', row 3: '2024-02-06' does not match date_format 'DD/MM/YYYY'"


def test_mixed_day_first_and_month_first_dates(tmp_path: Path) -> None:
    write(tmp_path, "sales.csv", b"date,sales\n13/02/2024,1\n02/14/2024,2\n")
    found = problem(tmp_path, path="sales.csv")
    assert found.message == ("sales.csv: column 'date' mixes day-first ('13/02/2024', row 2) and month-first "
                             "('02/14/2024', row 3) dates")


# ------------------------------------------------------------------------------ delimiters, numbers


@pytest.mark.parametrize(("delimiter", "word"), [("\t", "tab"), ("|", "pipe"), (";", "semicolon")])
def test_delimiters_are_detected_and_reported(tmp_path: Path, delimiter: str, word: str) -> None:
    rows = ["date,channel,gmv", "2025-01-01,a,1.5", "2025-01-02,b,2.5"]
    write(tmp_path, "t.csv", "\n".join(row.replace(",", delimiter) for row in rows).encode())
    table = load(tmp_path, path="t.csv")
    assert table.frame["gmv"].tolist() == [1.5, 2.5]
    assert table.described() == f"t.csv (UTF-8, {word})"


def test_a_huge_field_does_not_stop_the_delimiter_detection(tmp_path: Path) -> None:
    name = "x" * 300_000
    write(tmp_path, "t.csv", f"date;name;gmv\n2025-01-01;{name};1,5\n2025-01-02;b;2,5\n".encode())
    table = load(tmp_path, path="t.csv")
    assert table.frame["gmv"].tolist() == [1.5, 2.5]
    assert table.described() == "t.csv (UTF-8, semicolon, decimal comma, thousands dot)"


def test_gbk_with_thousands_separators(tmp_path: Path) -> None:
    text = '日期,店铺,支付金额,访客数\n2025-01-01,旗舰店,"1,234,567.89","12,345"\n2025-01-02,专卖店,"2,000.10",987\n'
    write(tmp_path, "gbk.csv", text.encode("gbk"))
    table = load(tmp_path, path="gbk.csv")
    assert table.encoding == "GB18030"
    assert table.frame["支付金额"].tolist() == [1234567.89, 2000.10]
    assert table.frame["访客数"].tolist() == [12345, 987]
    assert table.described() == "gbk.csv (GB18030)"


def test_excel_unicode_text_export(tmp_path: Path) -> None:
    write(tmp_path, "export.txt", "日期\t支付金额\n2025-01-01\t1,234.5\n".encode("utf-16"))
    table = load(tmp_path, path="export.txt")
    assert table.frame["支付金额"].tolist() == [1234.5]
    assert table.described() == "export.txt (UTF-16, tab)"


def test_no_break_space_thousands(tmp_path: Path) -> None:
    write(tmp_path, "fr.csv", "date;ventes\n2025-01-01;1\u00a0234,5\n2025-01-02;12\u00a0000\n".encode())
    table = load(tmp_path, path="fr.csv")
    assert table.frame["ventes"].tolist() == [1234.5, 12000]
    assert table.described() == "fr.csv (UTF-8, semicolon, decimal comma, thousands space)"


def test_the_locale_settles_numbers_the_data_leaves_open(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", b'date;units\n2025-01-01;"1,250"\n2025-01-02;"2,500"\n')
    assert load(tmp_path, path="t.csv").frame["units"].tolist() == [1250, 2500]
    spanish = load(tmp_path, path="t.csv", locale_decimal=",")
    assert spanish.frame["units"].tolist() == [1.25, 2.5]
    assert spanish.described() == "t.csv (UTF-8, semicolon, decimal comma (from the deck's locale), thousands dot)"
    write(tmp_path, "whole.csv", b"date;units\n2025-01-01;1250\n")
    assert load(tmp_path, path="whole.csv", locale_decimal=",").described() == "whole.csv (UTF-8, semicolon)"


def test_overrides_win_over_detection(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", b"date,units\n2025-01-01,1.250\n2025-01-02,2.500\n")
    assert load(tmp_path, path="t.csv").frame["units"].tolist() == [1.25, 2.5]
    table = load(tmp_path, path="t.csv", decimal=",", thousands=".")
    assert table.frame["units"].tolist() == [1250, 2500]
    forced = load(tmp_path, path="t.csv", delimiter=";")
    assert list(forced.frame.columns) == ["date,units"]


# ------------------------------------------------------------------------------------------- Excel


def workbook(path: Path, rows: list[list]) -> None:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_excel_serial_dates(tmp_path: Path) -> None:
    workbook(tmp_path / "t.xlsx", [["date", "gmv"], [45658, 10.5], [45689, 20.25]])
    table = load(tmp_path, path="t.xlsx")
    assert days(table) == ["2025-01-01", "2025-02-01"]
    assert table.frame["gmv"].tolist() == [10.5, 20.25]
    assert table.described() == "t.xlsx [Sheet] (Excel serial dates)"


def test_text_dates_in_excel(tmp_path: Path) -> None:
    workbook(tmp_path / "t.xlsx", [["date", "gmv"], ["31/01/2025", 1], ["01/02/2025", 2], [dt.datetime(2025, 2, 3), 3]])
    table = load(tmp_path, path="t.xlsx")
    assert days(table) == ["2025-01-31", "2025-02-01", "2025-02-03"]
    assert table.described() == "t.xlsx [Sheet] (dates DD/MM/YYYY)"


def test_excel_97_workbook(tmp_path: Path) -> None:
    write(tmp_path, "sales.xls", (FILES / "sales.xls").read_bytes())
    table = load(tmp_path, path="sales.xls", sheet="ventas")
    assert days(table) == ["2024-02-05", "2024-02-13", "2024-03-14"]
    assert table.frame["sales"].tolist() == [261.96, 1731.40, 731.94]
    write(tmp_path, "old.csv", (FILES / "sales.xls").read_bytes())
    assert problem(tmp_path, path="old.csv").message == (
        "old.csv is an Excel 97-2003 workbook (.xls), not a .csv file as its name says")


def test_workbook_named_csv_is_told_by_its_content(tmp_path: Path) -> None:
    workbook(tmp_path / "sales.csv", [["date", "gmv"], ["2025-01-01", 1]])
    found = problem(tmp_path, path="sales.csv")
    assert found.code == "data.wrong_format"
    assert found.message == "sales.csv is an Excel workbook (.xlsx), not a .csv file as its name says"
    assert found.hint == "rename it to sales.xlsx, or open it in Excel and save it as CSV"


def test_parquet_named_csv_and_sqlite_named_csv(tmp_path: Path) -> None:
    pd.DataFrame({"a": [1]}).to_parquet(tmp_path / "p.csv")
    assert problem(tmp_path, path="p.csv").message == "p.csv is a Parquet file, not a .csv file as its name says"
    import sqlite3

    sqlite3.connect(tmp_path / "shop.csv").execute("create table t (a)").connection.close()
    found = problem(tmp_path, path="shop.csv")
    assert found.message == "shop.csv is a SQLite database, not a .csv file as its name says"
    assert found.hint == 'read it with sql and url: {sql: "select * from …", url: "sqlite:///shop.csv"}'


def test_shared_strings_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workbook(tmp_path / "ok.xlsx", [["date", "name"], ["2025-01-01", "x"]])
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as source, \
            zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info.filename, source.read(info))
        bomb.writestr("xl/sharedStrings.xml", b"<sst><si><t>" + b"x" * (3 * 2**20) + b"</t></si></sst>")
    monkeypatch.setattr(excel, "MAX_PART_BYTES", 2**20)
    found = problem(tmp_path, path="bomb.xlsx")
    assert found.code == "data.too_large"
    assert found.message == ("bomb.xlsx: workbook part xl/sharedStrings.xml unpacks to 3 MB or more, above the "
                             "limit of 1 MB; refused")
    assert load(tmp_path, path="ok.xlsx").frame["name"].tolist() == ["x"]


def test_sheet_null_is_refused_rather_than_reading_the_first_sheet() -> None:
    with pytest.raises(ValidationError) as error:
        TableSpec.model_validate({"path": "ads.xlsx", "sheet": None})
    assert "'sheet' is empty: name the sheet to read, or leave sheet out to read the first sheet" in str(error.value)


@pytest.mark.parametrize(("fields", "message"), [
    ({"decimal": ",", "thousands": ","}, "decimal and thousands are both ','"),
    ({"date_format": "DD/MM"}, "date_format 'DD/MM' needs a year, a month and a day, e.g. DD/MM/YYYY"),
])
def test_dialect_options_are_checked(fields: dict, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        TableSpec.model_validate({"path": "t.csv", **fields})
    assert message in str(error.value)


# ------------------------------------------------------------------------------- from the command line


def test_build_reads_a_european_export_and_says_how(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from pptx import Presentation

    from deckgen.cli import main

    (tmp_path / "data").mkdir()
    write(tmp_path / "data", "sales.csv", EUROPEAN.encode("utf-8"))
    (tmp_path / "outline.yaml").write_text(
        "deck: {title: Ventas, locale: es-ES, currency: EUR, period: {current: 2024-02}}\n"
        "data:\n  sales: data/sales.csv\n"
        "metrics:\n  sales: {table: sales, sum: sales, format: money, decimals: 2, label: Ventas}\n"
        "review:\n  - section: Resumen\n    slides:\n      - {title: Ventas, kpis: [sales]}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "outline.yaml"), "-o", str(tmp_path / "d.pptx")])
    assert result.exit_code == 0, result.output
    assert ("read sales: data/sales.csv (UTF-8, semicolon, decimal comma, thousands dot, dates DD/MM/YYYY)"
            in result.stderr)
    texts = [shape.text_frame.text for slide in Presentation(tmp_path / "d.pptx").slides
             for shape in slide.shapes if shape.has_text_frame]
    assert "1.993,36\u00a0€" in texts  # 261,96 + 1.731,40 in February; not 199.336 €
