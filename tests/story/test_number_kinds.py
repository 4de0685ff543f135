"""One unit scale per column and card group; a score's change is a difference, a ratio's reads "a → b"; the
drivers sentence agrees with its metric in Spanish."""

from __future__ import annotations

import pandas as pd
import pytest

from deckgen.data.load import LoadedTable
from deckgen.data.metrics import MetricEngine
from deckgen.data.periods import parse_period, period_before, year_before
from deckgen.findings.wording import Wording
from deckgen.locale import NumberFormatter, get_locale
from deckgen.outline.schema import MetricSpec
from deckgen.story.facts import Facts, Periods

NBSP = "\u00a0"
DAYS = pd.date_range("2024-01-01", "2025-12-31", freq="D")


def facts_for(locale: str = "zh-CN") -> Facts:
    later = (DAYS.year == 2025).astype(float)
    frame = pd.DataFrame({"date": DAYS, "gmv": 100.0 + 20 * later, "spend": 40.0, "uv": 1000, "buyers": 20,
                          "dsr": 4.79 + 0.01 * later, "seconds": 20.0 + 2 * later})
    specs = {
        "gmv": MetricSpec(table="t", sum="gmv", format="money"),
        "spend": MetricSpec(table="t", sum="spend", format="money"),
        "roi": MetricSpec(ratio=["gmv", "spend"], format="decimal"),
        "dsr": MetricSpec(table="t", mean="dsr", format="decimal"),
        "response": MetricSpec(table="t", mean="seconds", format="decimal", decimals=1, unit="秒"),
        "roi_pct": MetricSpec(ratio=["gmv", "spend"], format="decimal", change="relative"),
        "buyers": MetricSpec(table="t", sum="buyers"), "uv": MetricSpec(table="t", sum="uv"),
    }
    period = parse_period("2025")
    periods = Periods(period, year_before(period), period_before(period), None)
    engine = MetricEngine(specs, {"t": LoadedTable("t", frame, "test", None, "date")}, period)
    return Facts(engine, periods, get_locale(locale))


@pytest.mark.parametrize("code, values, expected", [
    ("es-ES", [931_029, 1_200_000, 8_800_000], [f"0,93{NBSP}M¥", f"1,20{NBSP}M¥", f"8,80{NBSP}M¥"]),
    ("zh-CN", [12_046, 9_137, 3_400], ["12,046", "9,137", "3,400"]),
    ("zh-CN", [56_410_000, 3_130_000, 305_000], ["5,641.0万元", "313.0万元", "30.5万元"]),
    ("en-US", [945_411, 2_070_000, 1_500_000], ["¥0.95M", "¥2.07M", "¥1.50M"]),
])
def test_one_unit_scale_per_column(code, values, expected):
    fmt = "number" if isinstance(values[0], int) and code == "zh-CN" and values[0] < 20_000 else "money"
    texts = NumberFormatter(get_locale(code)).column(values, fmt)
    assert list(texts) == expected
    assert len({text.rstrip("元¥").lstrip("¥")[-1].isdigit() for text in texts}) == 1


def test_a_column_drops_zero_decimals_only_when_no_value_needs_them():
    fmt = NumberFormatter(get_locale("zh-CN"))
    assert fmt.column([56_410_000, 3_130_000], "money") == ("5,641万元", "313万元")
    assert fmt.column([56_410_000, 3_055_000], "money") == ("5,641.0万元", "305.5万元")


def test_chart_labels_take_the_axis_scale_and_signs_where_asked():
    fmt = NumberFormatter(get_locale("es-ES"))
    assert fmt.signed_column([866_673, 97_668, -34_650, 1_146_991], [False, True, True, False], "money") == (
        f"0,87{NBSP}M", f"+0,10{NBSP}M", f"-0,03{NBSP}M", f"1,15{NBSP}M")
    zh = NumberFormatter(get_locale("zh-CN"))
    assert zh.signed_column([197.9, -5.85, 15.9, 207.9], [False, True, True, False], "money") == (
        "197.9", "-5.9", "+15.9", "207.9")


def test_card_groups_share_a_scale_and_prices_keep_their_own():
    facts = facts_for()
    assert facts.group_texts([("buyers", 7_343.0), ("uv", 12_046.0)]) == ["7,343", "12,046"]
    assert facts.group_texts([("buyers", 35_210.0), ("uv", 1_720_063.0)]) == ["3.5万", "172万"]
    assert facts.group_texts([("gmv", 56_410_000.0), ("spend", 193.9)]) == ["5,641万元", "193.9元"]
    assert facts.group_texts([("gmv", 56_410_000.0), ("spend", 8_000.0)]) == ["5,641万元", "0.8万元"]  # not "56,410,000元"
    en = facts_for("en-US")  # one scale; "12,912,345" would be too long for a card: the next scale up
    assert en.group_texts([("buyers", 304_605.0), ("uv", 12_912_345.0)]) == ["0.30M", "12.91M"]
    assert en.group_texts([("buyers", 4_605.0), ("uv", 12_912.0), ("gmv", 2_070_000.0), ("spend", 9.5)]) == [
        "4,605", "12,912", "¥2.07M", "¥9.5"]  # money and counts are compared apart


def test_a_score_changes_by_a_difference_and_a_ratio_reads_before_and_after():
    facts = facts_for()
    assert facts.change_text("dsr") == "+0.01"
    assert facts.change_text("roi") == "2.50 → 3.00"
    assert facts.phrase("roi") == "同比 2.50 → 3.00"
    assert facts.change_text("response") == "+10.0%"  # a mean with a unit changes relatively
    assert facts.change_text("roi_pct") == "+20.0%"  # the metric's change key decides


@pytest.mark.parametrize("label, expected", [
    ("Ventas", "Las ventas suben un 23,2 %, impulsadas sobre todo por los visitantes únicos (+1)"),
    ("Tasa de conversión", "La tasa de conversión sube un 23,2 %, impulsada sobre todo por los visitantes únicos (+1)"),
    ("Pedidos", "Los pedidos suben un 23,2 %, impulsados sobre todo por los visitantes únicos (+1)"),
    ("Ticket medio", "El ticket medio sube un 23,2 %, impulsado sobre todo por los visitantes únicos (+1)"),
])
def test_spanish_driver_sentences_agree_with_their_metric(label, expected):
    wording = Wording("es-ES", latin=True)
    driver = "Visitantes únicos"
    text = wording.say("drivers_up", label, metric=label, the_metric=wording.the(label), driver=driver,
                       the_driver=wording.the(driver), change="23,2 %", contribution="+1")
    assert text == expected
    down = wording.say("drivers_down", "Ventas", the_metric=wording.the("Ventas"), the_driver=wording.the(driver),
                       change="5 %", contribution="-1")
    assert down.startswith("Las ventas bajan un 5 %")
