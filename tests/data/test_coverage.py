"""The current period against the data: an empty period is a data error; a comparison base with a month
missing warns, shows "—" for that month and offers like-for-like figures."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from deckgen.errors import DataError
from deckgen.layout.spec import TableShape
from deckgen.pipeline import lay_out


def write_daily(tmp_path: Path, skip=lambda day: (day.year, day.month) == (2024, 2)) -> None:
    """GMV 100 a day in 2024 and 120 a day in 2025 (天猫 110, 京东 10; 京东 only in 2025), but on the days
    ``skip`` names."""
    lines = ["date,platform,gmv"]
    day = dt.date(2024, 1, 1)
    while day <= dt.date(2025, 12, 31):
        if not skip(day):
            lines.append(f"{day},天猫,{100 if day.year == 2024 else 110}")
            if day.year == 2025:
                lines.append(f"{day},京东,10")
        day += dt.timedelta(days=1)
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "daily.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_outline(tmp_path: Path, period: str = '"2025"') -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(textwrap.dedent(f"""\
        deck:
          title: 年度复盘
          period: {{current: {period}}}
        data:
          daily: data/daily.csv
        review:
          - section: 总览
            slides:
              - title: GMV 同比 {{{{ gmv.yoy }}}}，可比口径 {{{{ gmv.lfl.yoy }}}}（{{{{ gmv.lfl }}}} 对 {{{{ gmv.lfl.previous }}}}）
                table: {{by: month, columns: [gmv, gmv.previous, gmv.yoy], header: [月份, GMV, 上年, 同比]}}
              - title: 平台
                table: {{by: platform, columns: [gmv, gmv.previous, gmv.yoy], header: [平台, GMV, 上年, 同比], show: table}}
        """), encoding="utf-8")
    return path


def test_base_missing_a_month_warns_shows_a_dash_and_offers_like_for_like(tmp_path: Path) -> None:
    write_daily(tmp_path)
    laid = lay_out(write_outline(tmp_path))
    [warning] = [w for w in laid.warnings if w.code == "data.base_gap"]
    assert warning.severity == "warning"
    assert warning.message == ("table 'daily' (data/daily.csv) has no rows for 2024-02 in the yoy base 2024-01-01 "
                               "to 2024-12-31, which the current period has: yoy changes compare unequal periods")
    assert warning.hint == ("like-for-like figures leave out the days either year lacks: {{ gmv.lfl.yoy }}, "
                            "{{ gmv.lfl }}, {{ gmv.lfl.previous }}")
    assert (warning.span.line, warning.span.col) == (5, 10)
    first, second = (slide for slide in laid.placed.slides if slide.kind == "table")
    # 43,800 against 337 days of 100 (February 2024 is missing); like for like both years lack February
    assert first.title == "GMV 同比 +30.0%，可比口径 +20.0%（4万元 对 3.4万元）"
    months = next(shape for shape in first.shapes if isinstance(shape, TableShape))
    february = [cell.text for cell in months.rows[1]]
    assert february == ["2月", "3,360元", "—", "—"]
    platforms = next(shape for shape in second.shapes if isinstance(shape, TableShape))
    assert [cell.text for cell in platforms.rows[0]] == ["京东", "3,650元", "—", "—"]  # absent last year: never 0


def test_month_on_month_base_missing_days(tmp_path: Path) -> None:
    write_daily(tmp_path, skip=lambda day: dt.date(2025, 10, 5) <= day <= dt.date(2025, 10, 9))
    laid = lay_out(write_outline(tmp_path, period="2025-11"))
    [warning] = [w for w in laid.warnings if w.code == "data.base_gap"]
    assert warning.message == ("table 'daily' (data/daily.csv) has no rows for 5 days (2025-10-05, 2025-10-06, "
                               "2025-10-07, …) in the mom base 2025-10-01 to 2025-10-31, which the current period "
                               "has: mom changes compare unequal periods")
    assert warning.hint == "add the missing rows to the table, or compare year on year"


def test_full_data_gives_no_warning_and_like_for_like_leaves_out_only_29_february(tmp_path: Path) -> None:
    write_daily(tmp_path, skip=lambda day: False)
    laid = lay_out(write_outline(tmp_path))
    assert [w for w in laid.warnings if w.code.startswith("data.")] == []
    title = next(slide.title for slide in laid.placed.slides if slide.kind == "table")
    assert title == "GMV 同比 +19.7%，可比口径 +20.0%（4.4万元 对 3.7万元）"  # 43,800 / 36,600 and / 36,500


def test_a_period_without_rows_is_a_data_error(tmp_path: Path) -> None:
    write_daily(tmp_path)
    with pytest.raises(DataError) as error:
        lay_out(write_outline(tmp_path, period='"2026"'))
    [problem] = error.value.diagnostics
    assert problem.code == "data.empty_period"
    assert problem.message == ("table 'daily' (data/daily.csv) has no rows in the outline's period 2026 "
                               "(2026-01-01 to 2026-12-31); its dates run from 2024-01-01 to 2025-12-31")
    assert problem.hint == "check deck.period.current, or export the table for that period"


def test_lfl_takes_only_its_attributes(tmp_path: Path) -> None:
    from deckgen.errors import OutlineError
    from deckgen.pipeline import check_outline

    write_daily(tmp_path)
    path = write_outline(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("gmv.lfl.previous", "gmv.lfl.daily"), encoding="utf-8")
    with pytest.raises(OutlineError) as error:
        check_outline(path)
    assert "daily" in error.value.diagnostics[0].message

