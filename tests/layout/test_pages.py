"""Pages without holes: the layout follows the shape of the content (docs/fitting.md#pages-without-holes)."""

from __future__ import annotations

import pytest

from deckgen.layout.compare import comparable_pair, figures
from deckgen.layout.inspect import covered
from deckgen.layout.plan import Planner
from deckgen.layout.spec import RectShape, TableShape, TextShape
from deckgen.locale import get_locale
from deckgen.story import spec as story
from deckgen.story.spec import BAD, GOOD, Cell


@pytest.fixture(scope="module")
def planner() -> Planner:
    from deckgen.theme import load_theme

    locale = get_locale("zh-CN")
    planner = Planner(load_theme("default", locale.fonts, locale.red_is_good, locale="zh-CN"))
    planner.share_word = locale.words["share"]  # set by plan() for the deck's locale and its titles
    planner.title_pt = planner.theme.title_pt
    return planner


def _place(planner: Planner, body, kind: str, conclusion: str = ""):
    return planner.place(story.SlideSpec(kind, "标题", body, section="渠道", conclusion=conclusion, page=3))


HEADER = ("终端", "GMV", "占比", "同比", "访客数")
MOBILE = (Cell("无线端"), Cell("5,121.1万元", numeric=True), Cell("90.8%", numeric=True),
          Cell("+20.6%", GOOD, numeric=True), Cell("1,171.7万", numeric=True))
PC = (Cell("PC端"), Cell("519.9万元", numeric=True), Cell("9.2%", numeric=True), Cell("-1.9%", BAD, numeric=True),
      Cell("118.9万", numeric=True))


def test_two_rows_of_figures_are_comparison_cards(planner):
    slide = _place(planner, story.Table(HEADER, (MOBILE, PC)), "table")
    assert not any(isinstance(s, TableShape) for s in slide.shapes)
    names = {s.name: s for s in slide.shapes}
    assert names["Card 1 title"].paras[0].runs[0].text == "无线端"
    assert names["Card 2 headline"].paras[0].runs[0].text.replace("\u2060", "") == "519.9万元"
    change = names["Card 2 figure 3"]  # 同比 follows 占比 in the table, but it is GMV's: shown under the headline
    assert [run.text.strip() for run in change.paras[0].runs] == ["同比", "-1.9%"]
    assert change.paras[0].runs[1].colour == planner.theme.bad  # changes keep their tone
    assert change.box.top_in < names["Card 2 figure 2"].box.top_in
    assert names["Card 1"].box.width_in == pytest.approx(names["Card 2"].box.width_in)
    assert covered(slide) > 0.6


def test_a_change_column_goes_under_the_figure_it_changes():
    header = ("终端", "销售额", "环比", "订单数", "转化率", "环比")
    row = tuple(Cell(t, numeric=i > 0) for i, t in enumerate(("无线端", "105万", "+33.1%", "6,830", "3.22%", "+0.44")))
    shown = figures(header, (row, row), "占比")[0]
    assert [(f.column, f.change.column if f.change else None) for f in shown] == [(1, 2), (3, None), (4, 5)]
    ratio = (Cell("无线端"), Cell("3.57", numeric=True), Cell("3.53 → 3.57", numeric=True))
    assert figures(("终端", "访问深度", "环比"), (ratio, ratio), "占比")[0][0].change.column == 2


def test_the_content_shape_decides_and_the_outline_overrides():
    pair = story.Table(HEADER, (MOBILE, PC))
    assert comparable_pair(pair)
    assert not comparable_pair(story.Table(HEADER, (MOBILE, PC, PC)))  # three rows: a table
    words = tuple(tuple(Cell(c.text) for c in row) for row in (MOBILE, PC))
    assert not comparable_pair(story.Table(HEADER, words))  # an action plan of two rows: text, not figures
    assert not comparable_pair(story.Table(HEADER, (MOBILE, PC), show="table"))
    assert comparable_pair(story.Table(HEADER, (MOBILE, PC, PC), show="cards"))
    assert not comparable_pair(story.Table(HEADER, (MOBILE,) * 5, show="cards"))  # at most 4 cards


def test_short_table_rows_share_the_page_and_a_short_note_goes_below(planner):
    rows = tuple((Cell(name), Cell("4.86", numeric=True), Cell("4.80", numeric=True)) for name in ("描述", "服务", "物流"))
    slide = _place(planner, story.Table(("评分项", "本店", "行业"), rows, ("活动前快照 10/20",)), "table")
    table = next(s for s in slide.shapes if isinstance(s, TableShape))
    panel = next(s for s in slide.shapes if s.name == "Commentary panel")
    assert min(table.row_heights_in) > 0.9
    assert panel.box.top_in > table.box.bottom_in and panel.box.width_in == pytest.approx(table.box.width_in)
    assert covered(slide) > 0.6


def test_a_commentary_panel_is_as_tall_as_its_text(planner):
    from deckgen.charts.spec import ChartSpec

    body = story.Chart(ChartSpec("bar", ("a", "b"), ()), ("一句短评论",))
    slide = _place(planner, body, "chart")
    panel = next(s for s in slide.shapes if s.name == "Commentary panel")
    chart = next(s for s in slide.shapes if s.name == "Chart")
    assert panel.box.height_in < 1.0 < chart.box.height_in
    text = next(s for s in slide.shapes if s.name == "Commentary")
    assert not text.overflow and text.paras[0].size_pt == planner.theme.body_pt


def test_five_kpi_cards_leave_no_hole(planner):
    cards = tuple(story.KpiCard(f"指标{i}", "1.0万") for i in range(5))
    slide = _place(planner, story.Kpis(cards), "kpis")
    boxes = [s.box for s in slide.shapes if isinstance(s, RectShape) and s.name.endswith(" card")]
    top_row = [b for b in boxes if b.top_in == boxes[0].top_in]
    bottom_row = [b for b in boxes if b.top_in != boxes[0].top_in]
    assert (len(top_row), len(bottom_row)) == (3, 2)
    assert bottom_row[0].left_in == pytest.approx(top_row[0].left_in)
    assert bottom_row[-1].right_in == pytest.approx(top_row[-1].right_in)  # the short row spans the full width


def test_a_short_bullet_list_is_rows_sharing_the_page(planner):
    slide = _place(planner, story.Bullets(("第一点", "第二点，稍长一些的一句话", "第三点")), "bullets")
    texts = [s for s in slide.shapes if isinstance(s, TextShape) and s.name.startswith("Bullet ")]
    assert [t.name for t in texts] == ["Bullet 1", "Bullet 2", "Bullet 3"]
    assert len({t.paras[0].size_pt for t in texts}) == 1  # one size for the list
    assert covered(slide) > 0.6


@pytest.mark.parametrize("count", [1, 2])
def test_a_summary_of_few_findings_fills_the_page(planner, count):
    items = tuple((i + 1, "访客", "访客数同比 +19.7%，拉动 GMV +932.6万元") for i in range(count))
    assert covered(_place(planner, story.Executive(items), "executive")) > 0.6


def test_callout_and_target_tree_fill_the_page(planner):
    assert covered(_place(planner, story.Callout("2026 年以 6,770 万元为目标"), "callout")) > 0.6
    nodes = tuple(story.TreeNode(n, "1.0", "1.1", "+10%") for n in ("访客", "转化率", "客单价"))
    tree = story.Tree("GMV 目标", "6,770万元", nodes, "当前", "需达到")
    slide = _place(planner, tree, "tree", conclusion="客单价需要提升")
    goal = next(s for s in slide.shapes if s.name == "Goal")
    factors = [s for s in slide.shapes if s.name.endswith(" card")]
    assert goal.box.left_in == pytest.approx(factors[0].box.left_in)
    assert goal.box.right_in == pytest.approx(factors[-1].box.right_in)
    assert covered(slide) > 0.6
