"""The metric catalogue (configs/metrics.yaml): valid entries, export-header aliases, resolution against the
outline's tables, overrides, errors, an outline with no metrics: section, and the generated docs/metrics.md."""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.data.catalogue import resolve_metrics
from deckgen.data.load import TableSource, load_tables
from deckgen.errors import DataError, OutlineError
from deckgen.outline.catalogue import canonical_column, catalogue, catalogue_problems, header_key
from deckgen.outline.catalogue_listing import render_markdown
from deckgen.outline.schema import LOCALES, MetricSpec
from deckgen.pipeline import build, check_outline, load_data
from deckgen.resources import load_config

ROOT = Path(__file__).resolve().parents[2]
METRICS_MD = ROOT / "docs" / "metrics.md"

# DOMAIN.md §3.2 metrics the standard tables (§6) can feed, by their catalogue names.
DOMAIN_METRICS = {
    "gmv", "orders", "buyers", "units", "uv", "pv", "cvr", "aov", "unit_price", "items_per_buyer",
    "repurchase_rate", "new_buyer_share", "returning_share", "refund_rate", "complaint_rate", "dispute_rate",
    "dsr_desc", "dsr_service", "dsr_ship", "spend", "roi", "ctr", "cpc", "cpm", "cost_ratio", "sell_through",
    "inventory_turnover", "gross_margin", "presale_share", "uplift_vs_baseline", "gmv_attainment",
    "new_product_share", "paid_share", "visit_depth", "uv_value", "callin_rate", "inquiry_cvr", "pay_rate",
}


# ------------------------------------------------------------------------------------------ helpers


def write_outline(folder: Path, body: str) -> Path:
    path = folder / "outline.yaml"
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


def write_csv(folder: Path, name: str, text: str, encoding: str = "utf-8") -> None:
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / name).write_bytes(textwrap.dedent(text).lstrip().encode(encoding))


GBK_DAILY = """\
    日期,平台,访客数,支付金额,支付买家数
    2024-03-01,天猫,1000,8000,40
    2025-03-01,天猫,1500,12000,45
    2025-03-02,京东,500,6000,15
"""


def outline_text(kpis: str, data: str = "daily: data/daily.csv", metrics: str = "", locale: str = "zh-CN") -> str:
    return f"""
        deck:
          title: 2025 年度复盘
          locale: {locale}
          period: {{current: "2025"}}
        data:
          {data}
        {metrics}
        review:
          - section: 总览
            slides:
              - title: 核心指标
                kpis: {kpis}
    """


def specs_for(tmp_path: Path, body: str):
    checked = check_outline(write_outline(tmp_path, body))
    tables = load_data(checked)
    specs, problems = resolve_metrics(checked.outline, tables, checked.loaded)
    assert problems == []
    return checked, tables, specs


def value(specs, tables, name: str) -> float | None:
    from deckgen.data.metrics import MetricEngine
    from deckgen.data.periods import parse_period

    current = parse_period("2025")
    return MetricEngine(specs, tables, current).value(name, current)


# ------------------------------------------------------------------------------------- the catalogue


def test_shipped_catalogue_is_valid() -> None:
    assert catalogue_problems(load_config("metrics.yaml")) == []


def test_every_entry_parses_as_a_metric_with_four_names() -> None:
    cat = catalogue()
    for name, entry in cat.metrics.items():
        for locale in LOCALES:
            assert entry.names.get(locale, "").strip(), f"{name} has no {locale} name"
            spec = entry.spec("some_table", locale)
            assert isinstance(spec, MetricSpec)
            assert spec.label == entry.names[locale]
        for part in entry.parts():
            assert part in cat, f"{name} uses {part}, which is not in the catalogue"
        assert entry.group in cat.groups


def test_catalogue_has_no_loops() -> None:
    cat = catalogue()

    def reaches(start: str, seen: frozenset[str]) -> None:
        for part in cat.metrics[start].parts():
            assert part not in seen, f"loop: {' → '.join([*seen, part])}"
            reaches(part, seen | {part})

    for name in cat.metrics:
        reaches(name, frozenset({name}))


def test_domain_metrics_are_in_the_catalogue() -> None:
    assert DOMAIN_METRICS <= set(catalogue().names())


def test_key_definitions() -> None:
    cat = catalogue().metrics
    assert cat["roi"].formula() == "guided_gmv / spend"  # ROI = GMV / spend (ROAS)
    assert cat["cvr"].formula() == "buyers / uv"
    assert cat["aov"].formula() == "gmv / buyers"
    assert cat["refund_rate"].formula() == "refund_amount / gmv"
    assert cat["cost_ratio"].formula() == "spend / gmv"
    assert cat["cpm"].formula() == "spend / impressions * 1000"
    lower = {name for name, entry in cat.items() if entry.fields.get("better") == "lower"}
    assert {"refund_rate", "complaint_rate", "dispute_rate", "cpc", "cpm", "cost_ratio", "response_seconds"} <= lower
    assert cat["cvr"].names == {"zh-CN": "转化率", "zh-TW": "轉化率", "en-US": "Conversion rate",
                                "es-ES": "tasa de conversión"}
    assert cat["aov"].names["es-ES"] == "ticket medio"


def test_problems_in_a_catalogue_file_are_found() -> None:
    raw = copy.deepcopy(load_config("metrics.yaml"))
    raw["metrics"]["cvr"]["names"].pop("es-ES")
    raw["metrics"]["aov"]["ratio"] = ["gmv", "shoppers"]
    raw["metrics"]["gmv"] = {**raw["metrics"]["gmv"], "sum": None, "expr": "net_gmv + refund_amount"}
    raw["metrics"]["uv"]["mean"] = "uv"
    raw["aliases"]["pv"] = [*raw["aliases"]["pv"], "访客数"]
    problems = "\n".join(catalogue_problems(raw))
    assert "cvr: no name in es-ES" in problems
    assert "aov uses 'shoppers', which is not in the catalogue" in problems
    assert "loop: gmv → net_gmv → gmv" in problems
    assert "uv: a metric needs exactly one of" in problems
    assert "alias '访客数' names both uv and pv" in problems


# ------------------------------------------------------------------------------------------- aliases


def test_header_matching() -> None:
    aliases = catalogue().aliases
    assert canonical_column("访客数", aliases) == "uv"
    assert canonical_column("訪客數", aliases) == "uv"
    assert canonical_column(" UV ", aliases) == "uv"
    assert canonical_column("支付金额（元）", aliases) == "gmv"
    assert canonical_column("成交用户数", aliases) == "buyers"
    assert canonical_column("支付子订单数", aliases) == "orders"
    assert canonical_column("花费", aliases) == "spend"
    assert canonical_column("tasa de conversión", aliases) == "cvr"
    assert canonical_column("店铺", aliases) is None
    assert header_key("支付金额 (元)") == header_key("支付金额")


def test_gbk_chinese_headers_are_renamed_and_feed_cvr_and_aov(tmp_path: Path) -> None:
    write_csv(tmp_path, "daily.csv", GBK_DAILY, encoding="gbk")
    tables = load_tables([TableSource("daily", path="data/daily.csv")], tmp_path, catalogue().aliases)
    table = tables["daily"]
    assert table.encoding == "GB18030"
    assert table.renamed == (("日期", "date"), ("平台", "platform"), ("访客数", "uv"), ("支付金额", "gmv"),
                             ("支付买家数", "buyers"))
    assert list(table.frame.columns)[:5] == ["date", "platform", "uv", "gmv", "buyers"]
    assert table.date_column == "date"
    assert list(table.frame["支付金额"]) == list(table.frame["gmv"])  # the export header still reads

    _, tables, specs = specs_for(tmp_path, outline_text("[gmv, uv, cvr, aov]"))
    assert value(specs, tables, "cvr") == pytest.approx(60 / 2000)  # ratio of sums for 2025
    assert value(specs, tables, "aov") == pytest.approx(18000 / 60)
    assert specs["cvr"].label == "转化率"
    assert specs["gmv"].table == "daily"


def test_existing_column_is_not_overwritten(tmp_path: Path) -> None:
    write_csv(tmp_path, "daily.csv", """\
        date,gmv,支付金额,成交金额
        2025-01-01,100,999,5
    """)
    table = load_tables([TableSource("daily", path="data/daily.csv")], tmp_path, catalogue().aliases)["daily"]
    assert table.renamed == ()
    assert table.frame["gmv"].tolist() == [100]


def test_build_reports_the_renames(tmp_path: Path) -> None:
    write_csv(tmp_path, "daily.csv", GBK_DAILY, encoding="gbk")
    outline = write_outline(tmp_path, outline_text("[gmv, cvr]"))
    result = build(outline, tmp_path / "deck.pptx")
    renamed = "日期→date, 平台→platform, 访客数→uv, 支付金额→gmv, 支付买家数→buyers"
    assert result.notes == [f"daily: data/daily.csv (GB18030) (renamed {renamed})"]


# ---------------------------------------------------------------------------------------- resolution


def test_first_table_with_every_column_is_used(tmp_path: Path) -> None:
    write_csv(tmp_path, "ads.csv", """\
        date,channel,spend,clicks,impressions,guided_gmv
        2025-01-01,直通车,100,50,1000,300
    """)
    write_csv(tmp_path, "shop.csv", """\
        date,device,uv,buyers,gmv,refund_amount
        2025-01-01,mobile,100,5,500,50
        2025-01-01,pc,100,5,1500,0
    """)
    write_csv(tmp_path, "sources.csv", """\
        日期,来源分组,访客数,支付金额
        2025-01-01,付费,60,400
        2025-01-01,自然,140,1600
    """)
    data = "{ads: data/ads.csv, shop: data/shop.csv, sources: data/sources.csv}"
    _, tables, specs = specs_for(tmp_path, outline_text("[roi, cvr, cost_ratio, paid_share, mobile_share]", data))
    assert specs["spend"].table == "ads"
    assert specs["gmv"].table == "shop"  # first table with gmv; ads has only guided_gmv
    assert specs["uv"].table == "shop"  # sources has uv too (renamed from 访客数), but comes later
    assert specs["paid_uv"].table == "sources"  # needs source_group
    assert specs["traffic_uv"].table == "sources"
    assert value(specs, tables, "roi") == pytest.approx(3.0)
    assert value(specs, tables, "cost_ratio") == pytest.approx(100 / 2000)
    assert value(specs, tables, "paid_share") == pytest.approx(0.3)
    assert value(specs, tables, "mobile_share") == pytest.approx(0.25)
    assert value(specs, tables, "refund_rate") == pytest.approx(0.025)
    assert "sell_through" not in specs  # no inventory table: left out, no error while unused


def test_dated_metric_needs_a_dated_table(tmp_path: Path) -> None:
    write_csv(tmp_path, "daily.csv", "date,gmv\n2025-01-01,500\n")
    write_csv(tmp_path, "targets.csv", "metric,target_value\ngmv,1000\n")
    outline = write_outline(tmp_path, outline_text("[gmv, gmv_attainment]",
                                                    "{daily: data/daily.csv, targets: data/targets.csv}"))
    with pytest.raises(DataError) as error:
        load_data(check_outline(outline))
    assert error.value.diagnostics[0].message == (
        "metric 'gmv_attainment' (catalogue: gmv / gmv_target) needs the columns target_value, metric in a table "
        "with a date column; no dated table has them")


def test_user_metric_overrides_the_catalogue(tmp_path: Path) -> None:
    write_csv(tmp_path, "daily.csv", GBK_DAILY, encoding="gbk")
    metrics = """metrics:
          buyers: {table: daily, sum: buyers, where: {platform: 天猫}}
          gmv: {table: daily, sum: gmv, format: money, label: 成交额}"""
    _, tables, specs = specs_for(tmp_path, outline_text("[gmv, buyers, cvr]", metrics=metrics))
    assert specs["buyers"].where == {"platform": "天猫"}
    assert specs["buyers"].label == "支付买家数"  # no label: the catalogue's name in the deck's locale
    assert specs["gmv"].label == "成交额"  # the outline's label wins
    assert value(specs, tables, "cvr") == pytest.approx(45 / 2000)  # the catalogue's cvr uses the user's buyers


def test_labels_follow_the_deck_locale(tmp_path: Path) -> None:
    write_csv(tmp_path, "daily.csv", GBK_DAILY, encoding="gbk")
    _, _, specs = specs_for(tmp_path, outline_text("[aov, cvr]", locale="es-ES"))
    assert (specs["aov"].label, specs["cvr"].label) == ("ticket medio", "tasa de conversión")


def test_missing_column_is_reported_where_the_metric_is_used(tmp_path: Path) -> None:
    write_csv(tmp_path, "daily.csv", GBK_DAILY, encoding="gbk")
    outline = write_outline(tmp_path, outline_text("[gmv, cvr, aov, refund_rate]"))
    with pytest.raises(DataError) as error:
        load_data(check_outline(outline))
    [problem] = error.value.diagnostics
    assert problem.message == ("metric 'refund_rate' (catalogue: refund_amount / gmv) needs a column "
                               "refund_amount; no table has it")
    line = next(number for number, text in enumerate(outline.read_text(encoding="utf-8").splitlines(), 1)
                if "kpis:" in text)
    assert (problem.span.line, problem.span.col) == (line, outline.read_text().splitlines()[line - 1].index(
        "refund_rate") + 1)
    assert "退款金额" in problem.hint and "define refund_rate under metrics:" in problem.hint


def test_missing_column_in_a_placeholder_and_through_a_user_metric(tmp_path: Path) -> None:
    write_csv(tmp_path, "daily.csv", GBK_DAILY, encoding="gbk")
    body = outline_text("[gmv]", metrics="metrics:\n          net: {expr: gmv - refund_amount, format: money}")
    body = body.replace("title: 核心指标", "title: 每次点击 {{ cpc }}")
    outline = write_outline(tmp_path, body)
    with pytest.raises(DataError) as error:
        load_data(check_outline(outline))
    messages = [problem.message for problem in error.value.diagnostics]
    assert messages == [
        "metric 'refund_amount' (catalogue: sum(refund_amount)) needs a column refund_amount; no table has it",
        "metric 'cpc' (catalogue: spend / clicks) needs a column spend; no table has it",
    ]


def test_check_without_data_accepts_catalogue_names(tmp_path: Path) -> None:
    outline = write_outline(tmp_path, outline_text("[gmv, cvr, roi, sell_through]"))
    result = CliRunner().invoke(main, ["check", "--no-data", str(outline)])
    assert result.exit_code == 0, result.output


def test_unknown_name_suggests_a_catalogue_metric(tmp_path: Path) -> None:
    outline = write_outline(tmp_path, outline_text("[gmv, refund_rat]"))
    with pytest.raises(OutlineError) as error:
        check_outline(outline)
    [problem] = error.value.diagnostics
    assert problem.message == "slide uses unknown metric 'refund_rat'"
    assert problem.hint == "did you mean 'refund_rate'?"


def test_loop_through_a_catalogue_metric_is_found(tmp_path: Path) -> None:
    outline = write_outline(tmp_path, outline_text("[gmv]", metrics="metrics:\n          gmv: {expr: aov * buyers}"))
    with pytest.raises(OutlineError) as error:
        check_outline(outline)
    assert [p.message for p in error.value.diagnostics] == ["metrics refer to each other in a loop: gmv → aov → gmv"]


# ---------------------------------------------------------------------------------------- end to end


def test_outline_without_metrics_builds(tmp_path: Path) -> None:
    from pptx import Presentation

    write_csv(tmp_path, "daily.csv", """\
        日期,平台,访客数,支付金额,支付买家数,退款金额
        2024-05-01,天猫,1000,9000,30,500
        2025-05-01,天猫,1200,12000,40,600
        2025-06-01,京东,800,8000,20,400
    """, encoding="gbk")
    body = outline_text("[gmv, uv, cvr, aov, refund_rate]").replace(
        "title: 核心指标", "title: 转化率 {{ cvr }}，客单价 {{ aov }}").rstrip() + "\n"
    body += "              - title: 月度销售额\n                chart: {type: line, x: month, y: gmv}\n"
    outline = write_outline(tmp_path, body)
    result = build(outline, tmp_path / "deck.pptx")
    assert result.output.is_file()
    texts = " ".join(shape.text_frame.text for slide in Presentation(str(result.output)).slides
                     for shape in slide.shapes if shape.has_text_frame)
    for label in ("销售额", "访客数", "转化率", "客单价", "退款率"):
        assert label in texts
    assert "转化率 3.00%，客单价 333.3元" in texts  # 60 / 2000 buyers per visitor; 20000 / 60 per buyer


# ----------------------------------------------------------------------------------------------- docs


def test_docs_metrics_md_matches_the_catalogue() -> None:
    assert METRICS_MD.read_text(encoding="utf-8") == render_markdown(catalogue()), (
        "docs/metrics.md is out of date with configs/metrics.yaml; regenerate it with:\n"
        "    deckgen metrics --markdown > docs/metrics.md")


def test_docs_state_roi_and_the_ratio_of_sums_rule() -> None:
    text = METRICS_MD.read_text(encoding="utf-8")
    assert "**ROI = GMV / spend.**" in text
    assert "**Ratios are ratios of sums.**" in text


def test_metrics_command() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["metrics", "--locale", "es-ES"])
    assert listing.exit_code == 0
    assert "tasa de conversión" in listing.output and "ticket medio" in listing.output
    assert runner.invoke(main, ["metrics", "--markdown"]).output == render_markdown(catalogue())
    english = runner.invoke(main, ["metrics", "--markdown", "--locale", "en-US"]).output
    assert "| metric | formula | format | better | en-US |" in english and "zh-CN |" not in english
