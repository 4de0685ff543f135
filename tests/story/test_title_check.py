"""A written title that names a metric its slide does not show is a warning, with the title's line."""

from __future__ import annotations

from pathlib import Path

from deckgen.pipeline import _facts, check_outline, load_data
from deckgen.story.title_check import title_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "annual-review"
VISITORS = "      - chart: {type: combo, x: month, bars: uv, line: cvr}"


def warnings_for(tmp_path: Path, title: str):
    text = (SAMPLE / "outline.yaml").read_text(encoding="utf-8")
    assert VISITORS in text
    outline = tmp_path / "outline.yaml"
    outline.write_text(text.replace(VISITORS, f"      - title: {title}\n  {VISITORS.lstrip()}".replace(
        "  - chart", "        chart")), encoding="utf-8")
    (tmp_path / "data").symlink_to(SAMPLE / "data")
    checked = check_outline(outline)
    facts, _, _ = _facts(checked, load_data(checked))
    line = text[: text.index(VISITORS)].count("\n") + 1
    return title_warnings(checked.outline, facts.engine.specs, checked.loaded), line


def test_a_title_about_gmv_on_a_visitors_chart_is_flagged(tmp_path):
    found, line = warnings_for(tmp_path, "GMV 占比提升 {{ gmv_jd.vs(gmv) }}")
    assert [(w.code, w.severity, w.span.line) for w in found] == [("title.not_shown", "warning", line)] * 2
    assert {w.message for w in found} == {"the title names GMV (gmv), which this slide does not show",
                                          "the title names 京东 GMV (gmv_jd), which this slide does not show"}


def test_a_title_about_what_the_chart_shows_is_not(tmp_path):
    found, _ = warnings_for(tmp_path, "访客数 {{ uv }}，转化率 {{ cvr }}（{{ buyers }} 个买家）")
    assert found == []  # buyers is a part of the conversion rate the chart draws


def test_a_channels_roi_on_the_table_of_roi_by_channel_is_shown(tmp_path):
    """直通车 ROI is the ratio of two cuts of the columns the table shows (引导成交 and 花费 of 直通车)."""
    text = (SAMPLE / "outline.yaml").read_text(encoding="utf-8")
    table = "      - appendix: true\n        table:\n          by: channel\n          columns: [spend, spend.share, spend.yoy"
    assert table in text
    outline = tmp_path / "outline.yaml"
    outline.write_text(text.replace(table, table.replace(
        "        table:", "        title: 直通车 ROI {{ ztc_roi }}（去年 {{ ztc_roi.previous }}）\n        table:")), encoding="utf-8")
    (tmp_path / "data").symlink_to(SAMPLE / "data")
    checked = check_outline(outline)
    facts, _, _ = _facts(checked, load_data(checked))
    assert title_warnings(checked.outline, facts.engine.specs, checked.loaded) == []
