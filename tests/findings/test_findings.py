"""The findings stage on small literal data; every number checked against an independent computation."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from deckgen.data.load import LoadedTable
from deckgen.data.metrics import MetricEngine
from deckgen.data.periods import parse_period, period_before, year_before
from deckgen.findings.anomalies import anomaly_run
from deckgen.findings.attribution import attribute
from deckgen.findings.comparability import comparability
from deckgen.findings.context import Context
from deckgen.findings.mix import mix_finding
from deckgen.findings.scope import Scope
from deckgen.findings.wording import Wording
from deckgen.locale import get_locale
from deckgen.outline.schema import MetricSpec
from deckgen.resources import load_config
from deckgen.story.facts import Facts, Periods

SHOP = {
    "gmv": MetricSpec(table="t", sum="gmv", format="money", label="GMV"),
    "uv": MetricSpec(table="t", sum="uv", label="访客数"),
    "buyers": MetricSpec(table="t", sum="buyers", label="买家数"),
    "cvr": MetricSpec(ratio=["buyers", "uv"], format="percent", decimals=2, label="转化率"),
    "aov": MetricSpec(ratio=["gmv", "buyers"], format="money", label="客单价"),
}


def context(frame: pd.DataFrame, specs: dict, current: str = "2025", locale: str = "zh-CN", **scope) -> Context:
    period = parse_period(current)
    periods = Periods(period, year_before(period), period_before(period))
    engine = MetricEngine(specs, {"t": LoadedTable("t", frame, "test.csv", None, "date")}, period)
    code = get_locale(locale)
    facts = Facts(engine, periods, code)
    defaults = {"headline": "gmv", "targets": {}, "drivers": (), "shown": tuple(specs), "columns": (), "comparison": "yoy",
                    "grain": "month"}
    return Context(facts, Scope(**{**defaults, **scope}), load_config("findings.yaml"),
                   Wording(locale, not code.is_cjk))


def log_mean(a: float, b: float) -> float:
    return (a - b) / (math.log(a) - math.log(b))


# ---------------------------------------------------------------- attribution


def shop_year(locale: str = "zh-CN", labels: dict | None = None) -> Context:
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2024-06-01", "2025-06-01"]),
        "uv": [1000, 1200], "buyers": [50, 48], "gmv": [5000.0, 5280.0],
    })
    specs = {**SHOP, **{n: SHOP[n].model_copy(update={"label": text}) for n, text in (labels or {}).items()},
             "gmv_target": MetricSpec(value=5500.0, format="money", label="目标")}
    return context(frame, specs, locale=locale, targets={"gmv": "gmv_target"}, drivers=(("gmv", ("uv", "cvr", "aov")),))


def test_counterfactual_gap_to_target():
    ctx = shop_year()
    findings = {f.subject: f for f in attribute(ctx, "gmv", ("uv", "cvr", "aov"), "yoy")}
    # independently: LMDI-I effect of conversion between 5% and 4% on GMV 5,000 -> 5,280
    effect = log_mean(5280, 5000) * math.log(0.04 / 0.05)
    counterfactual = 5280 - effect  # had conversion held at last year's 5%
    conversion = findings["转化率"]
    assert conversion.impact == pytest.approx(effect)
    assert conversion.numbers["counterfactual"] == pytest.approx(counterfactual)
    assert counterfactual - 5500 == pytest.approx(926.7, abs=0.05)  # the target missed by 220 is beaten
    assert conversion.sentence == ("转化率从去年同期的 5.00% 降至 4.00%，GMV 因此少 1,147元："
                                   "若保持去年同期水平，将超出目标 926.7元")
    assert conversion.good is False
    # the effects add up to the change exactly
    assert sum(f.impact for f in findings.values()) == pytest.approx(280)
    assert findings["访客数"].sentence.startswith("访客数从 1,000 升至 1,200（+20.0%），为 GMV 增加")


def test_attribution_against_target_sums_to_the_gap():
    ctx = shop_year()
    targets = {"uv": "uv_t", "cvr": "cvr_t", "aov": "aov_t", "gmv": "gmv_target"}
    ctx.scope = Scope("gmv", targets, (), (), (), "yoy", "month")
    specs = ctx.facts.engine.specs
    specs.update(uv_t=MetricSpec(value=1100.0), cvr_t=MetricSpec(value=0.05, format="percent"),
                 aov_t=MetricSpec(value=100.0, format="money"))
    found = list(attribute(ctx, "gmv", ("uv", "cvr", "aov"), "target"))
    assert sum(f.impact for f in found) == pytest.approx(5280 - 1100 * 0.05 * 100)
    assert found[1].sentence == "转化率 4.00%，低于目标 5.00%，使 GMV 比目标少 " + \
        ctx.facts.fmt.format(abs(found[1].impact), "money") and found[1].impact < 0


def test_spanish_counterfactual_agrees_with_a_plural_subject():
    labels = {"gmv": "Ventas", "uv": "Visitantes", "cvr": "Tasa de conversión", "aov": "Ticket medio"}
    found = {f.subject: f.sentence for f in attribute(shop_year("es-ES", labels), "gmv", ("uv", "cvr", "aov"), "yoy")}
    assert found["Tasa de conversión"].startswith("Tasa de conversión: de 5,00\u00a0% (el año anterior) a 4,00\u00a0%")
    assert found["Tasa de conversión"].endswith("sin esa caída, las ventas habrían superado el objetivo en 926,7\u00a0¥")
    assert found["Visitantes"].startswith("Los visitantes subieron de 1.000 a 1.200")  # plural subject, plural verb
    assert found["Ticket medio"].startswith("El ticket medio subió de 100,0\u00a0¥ a 110,0\u00a0¥")
    assert found["Ticket medio"].endswith("a las ventas")


# ---------------------------------------------------------------- mix against rate


def test_every_segment_falls_while_the_total_rises():
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2024-05-01", "2024-05-01", "2025-05-01", "2025-05-01"]),
        "platform": ["A", "B", "A", "B"],
        "gmv": [900.0, 100.0, 500.0, 500.0], "refund": [45.0, 20.0, 24.0, 95.0],
    })
    specs = {"gmv": MetricSpec(table="t", sum="gmv", format="money", label="GMV"),
             "refund": MetricSpec(table="t", sum="refund", format="money", label="退款金额"),
             "refund_rate": MetricSpec(ratio=["refund", "gmv"], format="percent", label="退款率", better="lower")}
    ctx = context(frame, specs, columns=("platform",))
    found = mix_finding(ctx, "refund_rate", "platform")
    # independently: the mix effect as the mean of the two orders of substitution (weights first, rates first)
    w0, w1 = {"A": 0.9, "B": 0.1}, {"A": 0.5, "B": 0.5}
    r0, r1 = {"A": 0.05, "B": 0.20}, {"A": 0.048, "B": 0.19}
    mix_first = sum(w1[s] * r0[s] for s in "AB") - sum(w0[s] * r0[s] for s in "AB")
    mix_second = sum(w1[s] * r1[s] for s in "AB") - sum(w0[s] * r1[s] for s in "AB")
    expected_mix = (mix_first + mix_second) / 2
    assert found.numbers["before"] == pytest.approx(0.065) and found.numbers["after"] == pytest.approx(0.119)
    assert found.numbers["mix"] == pytest.approx(expected_mix)
    assert found.numbers["rate"] == pytest.approx(0.054 - expected_mix)
    assert found.numbers["rate"] < 0 < found.numbers["mix"]
    assert found.sentence == ("退款率 +5.4个百分点，但 A、B 各自均反向变动（合计 -0.4个百分点）："
                              "变化全部来自结构（+5.8个百分点），GMV 向 B 集中")


# ---------------------------------------------------------------- anomalies


def test_a_month_that_breaks_the_pattern():
    months = pd.date_range("2024-01-01", "2025-12-01", freq="MS")
    this_year = {7: 90.0, 8: 95.0}
    gmv = [100.0 if d.year == 2024 else this_year.get(d.month, 130.0) for d in months]
    frame = pd.DataFrame({"date": months, "gmv": gmv})
    ctx = context(frame, {"gmv": SHOP["gmv"]})
    found = anomaly_run(ctx, "gmv")
    total = (10 * 130 + 90 + 95) / 1200 - 1  # independently: the year's growth
    assert found.numbers["total"] == pytest.approx(total)
    assert found.numbers["growth"] == pytest.approx(-0.10)  # July, the furthest below
    assert (found.numbers["first"], found.numbers["last"]) == (6, 7)  # July–August, one run
    assert found.sentence == f"7月–8月 GMV 同比 -10.0% / -5.0%，低于全期的 +{total * 100:.1f}%"


def test_no_anomaly_when_every_month_grows_alike():
    months = pd.date_range("2024-01-01", "2025-12-01", freq="MS")
    frame = pd.DataFrame({"date": months, "gmv": [100.0 if d.year == 2024 else 112.0 for d in months]})
    assert anomaly_run(context(frame, {"gmv": SHOP["gmv"]}), "gmv") is None


# ---------------------------------------------------------------- comparability


def test_a_base_missing_a_month_is_compared_like_for_like():
    days = pd.date_range("2024-01-01", "2025-12-31", freq="D")
    days = days[~((days.year == 2024) & (days.month == 3))]  # last year's March never loaded
    frame = pd.DataFrame({"date": days, "gmv": [100.0 if d.year == 2024 else 110.0 for d in days]})
    ctx = context(frame, {"gmv": SHOP["gmv"]})
    found = comparability(ctx)
    assert found.numbers["missing_days"] == 31
    # independently: on the days both years have (2025's 365 days less March), 110 against 100 a day
    assert found.numbers["now_lfl"] / found.numbers["base_lfl"] - 1 == pytest.approx(0.10)
    all_days = 110 * 365 / (100 * (366 - 31)) - 1
    assert f"(全口径 +{all_days * 100:.1f}%)".replace("(", "（").replace(")", "）") in found.sentence
    assert found.sentence.startswith("去年同期缺少 31 天数据（2024年3月1日至2024年3月31日）")
    assert "GMV +10.0%" in found.sentence


def test_a_complete_base_needs_no_caveat():
    days = pd.date_range("2024-01-01", "2025-12-31", freq="D")
    frame = pd.DataFrame({"date": days, "gmv": 100.0})
    assert comparability(context(frame, {"gmv": SHOP["gmv"]})) is None


def test_the_answer_carries_the_like_for_like_caveat():
    from deckgen.findings.run import answer

    days = pd.date_range("2024-01-01", "2025-12-31", freq="D")
    days = days[~((days.year == 2024) & (days.month == 3))]
    frame = pd.DataFrame({"date": days, "gmv": [100.0 if d.year == 2024 else 110.0 for d in days]})
    specs = {"gmv": SHOP["gmv"], "gmv_target": MetricSpec(value=40_000.0, format="money")}
    ctx = context(frame, specs, targets={"gmv": "gmv_target"})
    said = answer(ctx, comparability(ctx))
    attainment = 110 * 365 / 40_000  # independently: the year's GMV against the target
    assert said.startswith(f"GMV 4万元，同比 +19.9%，目标达成率 {attainment * 100:.1f}%（超出 150.0元）；去年同期缺少 31 天")
    assert said.endswith("GMV +10.0%（全口径 +19.9%）")
