"""One month's or one segment's value in placeholders and claims: ``gmv.month(6).yoy``,
``gmv.where(platform='天猫').share``; checked in the grammar, computed from the rows, located when wrong."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from deckgen.data.load import LoadedTable
from deckgen.data.metrics import MetricEngine
from deckgen.data.periods import parse_period, period_before, year_before
from deckgen.errors import SourceSpan
from deckgen.grammar.placeholders import check_template
from deckgen.locale import get_locale
from deckgen.outline.read import read_yaml
from deckgen.outline.schema import MetricSpec
from deckgen.story.claims import judge
from deckgen.story.facts import Facts, Periods
from deckgen.story.selectors import check_selectors
from deckgen.story.templates import render_template

SPAN = SourceSpan("outline.yaml", 1, 1)
DAYS = pd.date_range("2024-01-01", "2025-12-31", freq="D")


def codes(text: str) -> list[str]:
    return [problem.code for problem in check_template(text, ["gmv", "cvr", "target"], SPAN)]


def shop(current: str = "2025") -> Facts:
    """Two platforms; 天猫 sells 100 a day in 2024 and 110 in 2025, 京东 50 then 80, and June 2025 doubles."""
    rows = []
    for day in DAYS:
        june = 2 if (day.year, day.month) == (2025, 6) else 1
        rows.append((day, "天猫", (100.0 if day.year == 2024 else 110.0) * june, 1000, 20))
        rows.append((day, "京东", (50.0 if day.year == 2024 else 80.0) * june, 400, 10))
    frame = pd.DataFrame(rows, columns=["date", "platform", "gmv", "uv", "buyers"])
    specs = {"gmv": MetricSpec(table="t", sum="gmv", format="money"), "uv": MetricSpec(table="t", sum="uv"),
             "buyers": MetricSpec(table="t", sum="buyers"),
             "cvr": MetricSpec(ratio=["buyers", "uv"], format="percent", decimals=2),
             "target": MetricSpec(value=60_000.0, format="money")}
    period = parse_period(current)
    engine = MetricEngine(specs, {"t": LoadedTable("t", frame, "test", None, "date")}, period)
    return Facts(engine, Periods(period, year_before(period), period_before(period)), get_locale("zh-CN"))


def test_months_and_segments_are_valid_references():
    assert codes("{{ gmv.month(6).yoy > gmv.month(5).yoy }}") == []
    assert codes("{{ gmv.where(platform='天猫').share }}，{{ gmv.where(platform='天猫').yoy.phrase }}") == []
    assert codes("{{ gmv.month(6).vs(target) }} {{ '高于' if cvr.where(platform='京东') > cvr else '低于' }}") == []


def test_a_wrong_month_or_segment_is_an_error_in_the_grammar():
    assert codes("{{ gmv.month(13) }}") == ["template.month"]
    assert codes("{{ gmv.month('六月') }}") == ["template.month"]
    assert codes("{{ gmv.month }}") == ["template.selector"]
    assert codes("{{ gmv.where('天猫') }}") == ["template.where"]
    assert codes("{{ gmv.where(platform='天猫', device='pc') }}") == ["template.where"]
    assert codes("{{ gmv.month(6).share }}") == ["template.unknown_attribute"]  # a month is not a share
    assert codes("{{ gmv.month(6).ytd }}") == ["template.unknown_attribute"]


def test_a_month_is_its_own_period_with_its_own_base():
    facts = shop()
    june, may = 30 * 2 * 190.0, 31 * 190.0  # 2025: 天猫 110 + 京东 80 a day, doubled in June
    june_before, may_before = 30 * 150.0, 31 * 150.0
    assert render_template("{{ gmv.month(6) }}", facts) == facts.value_text("gmv", june)
    assert render_template("{{ gmv.month(6).yoy }}", facts) == f"+{(june / june_before - 1) * 100:.1f}%"
    [verdict] = judge("{{ gmv.month(6).yoy > gmv.month(5).yoy }}", facts)
    assert verdict.holds is True
    assert dict(verdict.values) == {"gmv.month(6).yoy": f"+{(june / june_before - 1) * 100:.1f}%",
                                    "gmv.month(5).yoy": f"+{(may / may_before - 1) * 100:.1f}%"}


def test_a_segment_has_its_value_its_change_and_its_share():
    facts = shop()
    tmall, jd = 365 * 110.0 + 30 * 110.0, 365 * 80.0 + 30 * 80.0  # June doubled
    tmall_before = 366 * 100.0
    assert render_template("{{ gmv.where(platform='天猫') }}", facts) == facts.value_text("gmv", tmall)
    assert render_template("{{ gmv.where(platform='天猫').yoy }}", facts) == f"+{(tmall / tmall_before - 1) * 100:.1f}%"
    assert render_template("{{ gmv.where(platform='天猫').share }}", facts) == f"{tmall / (tmall + jd) * 100:.1f}%"
    assert render_template("{{ cvr.where(platform='京东') }}", facts) == "2.50%"  # 10 of 400, not the whole's
    [verdict] = judge("{{ gmv.where(platform='京东').yoy > gmv.where(platform='天猫').yoy }}", facts)
    assert verdict.holds is True and verdict.claim == \
        "gmv.where(platform='京东').yoy > gmv.where(platform='天猫').yoy"


def outline_with(tmp_path: Path, text: str):
    path = tmp_path / "outline.yaml"
    path.write_text(f"review:\n  - section: 总览\n    conclusion: \"{text}\"\n", encoding="utf-8")
    return read_yaml(path)


def test_an_unknown_segment_is_located_with_the_values_that_exist(tmp_path):
    loaded = outline_with(tmp_path, "天猫占 {{ gmv.where(platform='天毛').share }}")
    [problem] = check_selectors(loaded, shop())
    assert problem.code == "template.segment" and problem.severity == "error"
    line = (tmp_path / "outline.yaml").read_text(encoding="utf-8").splitlines()[2]
    assert (problem.span.line, problem.span.col) == (3, line.index("天毛") + 1)
    assert problem.message == "platform '天毛' has no rows for 'gmv' in the reporting period or its base"
    assert problem.hint == "did you mean '天猫'?"


def test_an_unknown_column_and_a_month_after_the_period_are_located(tmp_path):
    [column] = check_selectors(outline_with(tmp_path, "{{ gmv.where(platfrom='天猫') }}"), shop())
    assert column.code == "template.where" and column.hint == "did you mean 'platform'?"
    [month] = check_selectors(outline_with(tmp_path, "{{ gmv.month(12).yoy }}"), shop("2025-11"))
    assert month.message == "month 12 of 2025 is after the reporting period, which ends 2025-11-30"


@pytest.mark.parametrize("text", ["{{ gmv.month(11) }}", "{{ gmv.where(platform='京东').yoy }}"])
def test_a_month_or_segment_that_exists_passes(tmp_path, text):
    assert check_selectors(outline_with(tmp_path, text), shop()) == []
