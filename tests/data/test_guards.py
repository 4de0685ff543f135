"""Guards on loaded values: impossible values are warnings naming file, column and rows; text in a column a
metric adds up is a data error, or with non_numeric: drop a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.data.catalogue import catalogue
from deckgen.data.guards import number_columns
from deckgen.data.load import TableSource, load_tables
from deckgen.errors import SourceSpan
from deckgen.outline.schema import MetricSpec

SPAN = SourceSpan("deck.yaml", 9, 3)


def tables(tmp_path: Path, text: str, **fields):
    (tmp_path / "shop.csv").write_text(text, encoding="utf-8")
    source = TableSource(name="daily", path="shop.csv", span=SPAN, **fields)
    return load_tables([source], tmp_path, catalogue().aliases)


def test_impossible_values_are_warned_with_file_column_and_rows(tmp_path: Path) -> None:
    text = ("日期,访客数,支付买家数,转化率\n"
            "2025-01-01,100,3,0.03\n"
            "2025-01-02,-5,2,0.02\n"
            "2025-01-03,80,90,1.125\n"
            "2025-01-04,-1,1,0.01\n")
    warnings = tables(tmp_path, text)["daily"].warnings
    assert [(w.code, w.severity, w.span) for w in warnings] == [("data.impossible", "warning", SPAN)] * 3
    assert [w.message for w in warnings] == [
        "shop.csv: column '访客数' is negative in 2 rows (rows 3, 5; row 3: -5)",
        "shop.csv: column '转化率' is above 100 % in 1 row (row 4; row 4: 1.125)",
        "shop.csv: column '支付买家数' is above column '访客数' in 1 row (row 4; row 4: 90 against 80)",
    ]


def test_a_rate_written_in_percent_is_judged_against_100(tmp_path: Path) -> None:
    warnings = tables(tmp_path, "date,cvr\n2025-01-01,2.5\n2025-01-02,3.1\n2025-01-03,140\n")["daily"].warnings
    assert [w.message for w in warnings] == ["shop.csv: column 'cvr' is above 100 % in 1 row (row 4; row 4: 140)"]


def test_plausible_data_gives_no_warning(tmp_path: Path) -> None:
    assert tables(tmp_path, "date,uv,buyers\n2025-01-01,100,3\n2025-01-02,0,0\n")["daily"].warnings == ()


GMV = {"gmv": MetricSpec(table="daily", sum="gmv")}
STRAY = "date,gmv,note\n2025-01-01,100.5,a\n\n2025-01-02,n/a,b\n2025-01-03,oops,c\n2025-01-04,200,d\n2025-01-05,x,e\n"


def test_text_in_a_summed_column_is_an_error_naming_file_row_and_column(tmp_path: Path) -> None:
    _, problems = number_columns(tables(tmp_path, STRAY), GMV)
    assert [(p.code, p.severity, p.span) for p in problems] == [("data.not_a_number", "error", SPAN)]
    assert problems[0].message == "shop.csv: column 'gmv', row 5: 'oops' is not a number (1 more: rows 7)"
    assert problems[0].hint == ("correct the cells, or set non_numeric: drop on the table to leave them out "
                                "with a warning")


def test_non_numeric_drop_leaves_the_cells_out_with_a_warning(tmp_path: Path) -> None:
    loaded, problems = number_columns(tables(tmp_path, STRAY, non_numeric="drop"), GMV)
    assert problems == []
    table = loaded["daily"]
    assert table.frame["gmv"].sum() == pytest.approx(300.5)
    assert [w.message for w in table.warnings] == [
        "shop.csv: column 'gmv', row 5: 'oops' is not a number; 2 such cells left out (1 more: rows 7)"]


def test_text_in_a_decimal_comma_column_keeps_the_dialect(tmp_path: Path) -> None:
    text = 'date;gmv\n2025-01-01;"1.234,5"\n2025-01-02;"261,96"\n2025-01-03;abc\n'
    loaded, _ = number_columns(tables(tmp_path, text, non_numeric="drop"), GMV)
    assert loaded["daily"].frame["gmv"].tolist()[:2] == [1234.5, 261.96]


def test_a_column_no_metric_adds_up_may_hold_text(tmp_path: Path) -> None:
    loaded, problems = number_columns(tables(tmp_path, STRAY), {"rows": MetricSpec(table="daily", count="*")})
    assert problems == []
    assert loaded["daily"].warnings == ()


def test_rows_are_named_as_in_the_file_after_a_table_filter(tmp_path: Path) -> None:
    from deckgen.data.cache import filtered

    text = "date,shop,gmv\n2025-01-01,a,1\n2025-01-01,b,2\n2025-01-02,b,oops\n"
    table = filtered(tables(tmp_path, text)["daily"], {"shop": "b"}, SPAN)
    _, problems = number_columns({"daily": table}, GMV)
    assert problems[0].message == "shop.csv: column 'gmv', row 4: 'oops' is not a number"


def test_a_changed_dialect_option_reads_the_file_again(tmp_path: Path) -> None:
    from deckgen.data.cache import load_table_cached

    (tmp_path / "t.csv").write_text("date;units\n2025-01-01;1.250\n", encoding="utf-8")
    plain = load_table_cached(TableSource(name="t", path="t.csv", span=SPAN), tmp_path)
    forced = load_table_cached(TableSource(name="t", path="t.csv", span=SPAN, decimal=","), tmp_path)
    assert (plain.frame["units"].tolist(), forced.frame["units"].tolist()) == ([1.25], [1250])
