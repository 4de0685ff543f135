"""Funnel, Pareto, timeline and progress charts: they draw at box size, deterministically, without warnings,
keep every label visible at slide sizes, and refuse specs they cannot draw."""

from __future__ import annotations

import io
import warnings
from dataclasses import replace

import pytest
from PIL import Image

from deckgen.charts.finish import finish
from deckgen.charts.fonts import chart_font_families
from deckgen.charts.pareto import vital_few
from deckgen.charts.render import DRAWERS, LAYOUT_PAD_IN, check_spec, render_chart
from deckgen.charts.spec import AxisFormat, ChartSpec, Series
from deckgen.charts.style import ChartStyle, mix
from deckgen.theme import load_theme

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FULL_WIDTH = (12.1, 5.0)
MAIN_COLUMN = (8.2, 5.3)
PERCENT = AxisFormat(kind="percent", decimals=0)
PERCENT_ES = AxisFormat(kind="percent", decimals=0, decimal_sep=",", group_sep=".", suffix=" %")
WAN = AxisFormat(divisor=1e4, suffix="万")

PRODUCTS = (
    "2024新款夏季女装连衣裙收腰显瘦气质长裙",
    "男士商务休闲皮鞋真皮",
    "儿童保温杯316不锈钢",
    "无线蓝牙耳机降噪入耳式",
    "智能手表运动心率监测",
    "家用空气净化器除甲醛",
    "纯棉四件套床上用品",
    "电动牙刷成人款",
    "瑜伽垫加厚防滑",
    "保温饭盒上班族",
)
SALES = (381.2e4, 295e4, 241e4, 178e4, 125e4, 98e4, 75e4, 60e4, 44e4, 30e4)
CUMULATIVE = tuple(sum(SALES[: i + 1]) / (sum(SALES) * 1.1) for i in range(len(SALES)))

SPECS = {
    "funnel_zh": ChartSpec(
        "funnel",
        ("访客数", "询单人数", "下单人数", "支付买家数"),
        (
            Series(
                "访客数", (1_256_300, 226_134, 48_210, 41_080), labels=("125.6万", "22.6万", "4.8万", "4.1万")
            ),
        ),
        notes=("询单率 18.0%", "下单转化率 21.3%", "支付率 85.2%"),
        show_legend=False,
    ),
    "funnel_es": ChartSpec(
        "funnel",
        ("Visitantes", "Añadieron al carrito", "Iniciaron el pago", "Compradores"),
        (
            Series(
                "Visitantes", (98_500, 21_300, 6_900, 5_420), labels=("98.500", "21.300", "6.900", "5.420")
            ),
        ),
        notes=("Conversión 21,6 %", "Conversión 32,4 %", "Conversión 78,6 %"),
        show_legend=False,
    ),
    "pareto_zh": ChartSpec(
        "pareto",
        PRODUCTS,
        (
            Series("支付金额", SALES, labels=tuple(f"{v / 1e4:.1f}万" for v in SALES)),
            Series("累计占比", CUMULATIVE, role="line", axis="secondary"),
        ),
        primary_axis=WAN,
        secondary_axis=PERCENT,
        reference=0.8,
    ),
    "pareto_en": ChartSpec(
        "pareto",
        (
            "Running shoes",
            "Yoga mats",
            "Water bottles",
            "Backpacks",
            "Headbands",
            "Socks (3-pack)",
            "Gift cards",
        ),
        (
            Series(
                "Revenue",
                (52000, 31000, 18000, 9000, 6000, 4000, 2500),
                labels=("$52K", "$31K", "$18K", "$9K", "$6K", "$4K", "$2.5K"),
            ),
            Series(
                "Cumulative share",
                (0.42, 0.67, 0.815, 0.887, 0.935, 0.968, 0.988),
                role="line",
                axis="secondary",
            ),
        ),
        primary_axis=AxisFormat(divisor=1e3, suffix="K"),
        secondary_axis=PERCENT,
        reference=0.8,
    ),
    "timeline_zh": ChartSpec(
        "timeline",
        ("年货节", "38女王节", "618预售", "618", "99划算节", "双十一", "双十二"),
        (
            Series(
                "支付金额",
                (320e4, 210e4, 180e4, 520e4, 150e4, 706.8e4, 260e4),
                labels=(
                    "320.0万 · 96.5%",
                    "210.0万 · 101.2%",
                    "180.0万 · 88.0%",
                    "520.0万 · 104.0%",
                    "150.0万 · 92.1%",
                    "706.8万 · 109.9%",
                    "260.0万 · 95.0%",
                ),
            ),
        ),
        dates=(
            "2024-01-15",
            "2024-03-08",
            "2024-05-20",
            "2024-06-18",
            "2024-09-09",
            "2024-11-11",
            "2024-12-12",
        ),
        tones=("bad", "good", "bad", "good", "bad", "good", "bad"),
        show_legend=False,
    ),
    "timeline_en": ChartSpec(
        "timeline",
        ("Valentine's Day", "Spring Sale", "Prime Day", "Back to School", "Black Friday", "Christmas"),
        (Series("Target", (None,) * 6, labels=("$120K", "$200K", "$450K", "$180K", "$900K", "$350K")),),
        dates=("2025-02-14", "2025-03-20", "2025-07-15", "2025-08-20", "2025-11-28", "2025-12-20"),
        show_legend=False,
    ),
    "progress_zh": ChartSpec(
        "progress",
        ("支付金额", "访客数", "客单价", "转化率", "复购率"),
        (
            Series(
                "达成率", (1.099, 0.965, 1.02, 0.88, None), labels=("109.9%", "96.5%", "102.0%", "88.0%", "—")
            ),
        ),
        primary_axis=PERCENT,
        tones=("good", "bad", "good", "bad", "neutral"),
        reference=1.0,
        show_legend=False,
    ),
    "progress_es": ChartSpec(
        "progress",
        ("Ventas", "Visitantes", "Ticket medio", "Tasa de conversión"),
        (
            Series(
                "Cumplimiento", (1.031, 0.942, 0.99, 0.781), labels=("103,1 %", "94,2 %", "99,0 %", "78,1 %")
            ),
        ),
        primary_axis=PERCENT_ES,
        tones=("good", "bad", "bad", "bad"),
        reference=1.0,
        show_legend=False,
    ),
}


@pytest.fixture(scope="module")
def theme():
    return load_theme(
        "default",
        {"latin": "Arial", "east_asian": "Microsoft YaHei", "chart": ["Noto Sans CJK SC"]},
        red_is_good=True,
    )


def render_strictly(spec, theme, width_in, height_in, dpi=100):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return render_chart(spec, theme, width_in, height_in, dpi)


def drawn_figure(spec, theme, width_in, height_in, dpi=100):
    """The figure, axes and drawn labels of a render, to look at what was placed where."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    check_spec(spec)
    families = tuple(chart_font_families(theme.fonts.chart_families))
    style = ChartStyle(theme=theme, families=families, width_in=width_in, height_in=height_in)
    with warnings.catch_warnings(), rc_context(style.rc()):
        warnings.simplefilter("error")
        figure = Figure(figsize=(width_in, height_in), dpi=dpi)
        FigureCanvasAgg(figure)
        figure.set_layout_engine("constrained", w_pad=LAYOUT_PAD_IN, h_pad=LAYOUT_PAD_IN, wspace=0, hspace=0)
        axes = figure.add_subplot()
        drawn = DRAWERS[spec.kind](axes, spec, style)
        finish(figure, drawn)
    return figure, axes, drawn


@pytest.mark.parametrize("name", sorted(SPECS))
def test_new_kinds_render_at_box_size_deterministically(name, theme):
    width_in, height_in, dpi = 6.3, 3.45, 200
    first = render_strictly(SPECS[name], theme, width_in, height_in, dpi)
    assert first.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (round(width_in * dpi), round(height_in * dpi))
    assert render_strictly(SPECS[name], theme, width_in, height_in, dpi) == first


@pytest.mark.parametrize("size", [FULL_WIDTH, MAIN_COLUMN])
@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_label_stays_visible_at_slide_sizes(name, size, theme):
    figure, _, drawn = drawn_figure(SPECS[name], theme, *size)
    hidden = [label.text.get_text() for label in drawn.labels if not label.text.get_visible()]
    assert not hidden
    renderer = figure.canvas.get_renderer()
    box = figure.bbox
    for label in drawn.labels:
        extent = label.text.get_window_extent(renderer)
        assert box.x0 - 0.5 <= extent.x0 and extent.x1 <= box.x1 + 0.5
        assert box.y0 - 0.5 <= extent.y0 and extent.y1 <= box.y1 + 0.5


@pytest.mark.parametrize("size", [(3.2, 2.0, 150), (9.17, 4.83, 96)])
@pytest.mark.parametrize("name", sorted(SPECS))
def test_small_and_odd_boxes(name, size, theme):
    width_in, height_in, dpi = size
    png = render_strictly(SPECS[name], theme, width_in, height_in, dpi)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (round(width_in * dpi), round(height_in * dpi))


@pytest.mark.parametrize(
    "spec",
    [
        ChartSpec(
            "funnel", ("访客", "加购", "支付"), (Series("x", (1000, None, 0), labels=("1,000", "—", "0")),)
        ),
        ChartSpec("funnel", ("Visitors",), (Series("x", (10,)),)),
        ChartSpec("funnel", ("a", "b"), (Series("x", (0, 0)),), notes=("Conversion —",)),
        ChartSpec(
            "pareto", ("only",), (Series("v", (5,), labels=("5",)), Series("c", (1.0,))), reference=0.8
        ),
        ChartSpec("pareto", ("a", "b", "c"), (Series("v", (5, None, 2)), Series("c", (0.5, None, 1.0)))),
        ChartSpec(
            "timeline", ("双十一",), (Series("GMV", (5e6,), labels=("500万",)),), dates=("2024-11-11",)
        ),
        ChartSpec("timeline", ("A", "B", "C"), (Series("x", (1, 1, 1)),), dates=("2024-06-18",) * 3),
        ChartSpec(
            "timeline",
            tuple(f"节点{i}" for i in range(14)),
            (Series("x", tuple(range(14)), labels=tuple(f"{i * 10}万" for i in range(14))),),
            dates=tuple(f"{2023 + i // 6}-{i % 6 * 2 + 1:02d}-15" for i in range(14)),
        ),
        ChartSpec("progress", ("x", "y"), (Series("r", (None, None)),)),
        ChartSpec("progress", ("x", "y", "z"), (Series("r", (2.5, -0.2, 0.999)),), reference=0.9),
    ],
)
def test_edge_cases_render_without_warnings(spec, theme):
    assert render_strictly(spec, theme, 3.2, 2.0).startswith(PNG_SIGNATURE)
    assert render_strictly(spec, theme, *MAIN_COLUMN).startswith(PNG_SIGNATURE)


@pytest.mark.parametrize(
    "spec, message",
    [
        (ChartSpec("timeline", ("a", "b"), (Series("s", (1, 2)),)), "0 dates for 2 categories"),
        (ChartSpec("timeline", ("a",), (Series("s", (1,)),), dates=("11/11/2024",)), "not an ISO date"),
        (ChartSpec("timeline", ("a",), (Series("s", (-1,)),), dates=("2024-11-11",)), "negative value"),
        (ChartSpec("pareto", ("a", "b"), (Series("s", (2, 1)),)), "two series"),
        (ChartSpec("pareto", ("a",), (Series("s", (2,)), Series("c", (80.0,)))), "between 0 and 1"),
        (
            ChartSpec("pareto", ("a",), (Series("s", (2,)), Series("c", (1.0,))), reference=80),
            "between 0 and 1",
        ),
        (ChartSpec("funnel", ("a", "b"), (Series("s", (2, 1)),), notes=("x", "y")), "2 notes for 2 stages"),
        (ChartSpec("funnel", ("a",), (Series("s", (2,)), Series("t", (1,)))), "exactly one series"),
        (ChartSpec("funnel", ("a", "b"), (Series("s", (2, -1)),)), "negative value"),
        (ChartSpec("progress", ("a",), (Series("s", (1,)),), tones=("great",)), "unknown tones"),
        (ChartSpec("progress", ("a", "b"), (Series("s", (1, 2)),), tones=("good",)), "1 tones for 2"),
        (ChartSpec("progress", ("a",), (Series("s", (1,)),), reference=0), "reference must be a positive"),
    ],
)
def test_malformed_specs_are_refused(spec, message, theme):
    with pytest.raises(ValueError, match=message):
        render_chart(spec, theme, 4, 3)


# ------------------------------------------------------------------------------------------ what is drawn


def test_vital_few_reaches_the_reference():
    assert vital_few([0.3, 0.55, 0.72, 0.85, 0.92, 1.0], 0.8) == 4
    assert vital_few([0.3, 0.55, 0.8, 0.9], 0.8) == 3
    assert vital_few([0.3, 0.5], 0.8) == 2
    assert vital_few([0.3, 0.5], None) == 0


def test_pareto_highlights_the_vital_few_and_draws_the_reference(theme):
    figure, axes, _ = drawn_figure(SPECS["pareto_zh"], theme, *MAIN_COLUMN)
    from matplotlib.colors import to_hex

    colours = [to_hex(patch.get_facecolor()).upper() for patch in axes.patches]
    vital = vital_few(list(CUMULATIVE), 0.8)
    assert 0 < vital < len(SALES)
    assert colours[:vital] == [theme.primary.upper()] * vital
    assert set(colours[vital:]) == {mix(theme.muted, theme.background, 0.55)}
    texts = [t.get_text() for t in axes.texts]
    assert "80%" in texts
    right = next(a for a in figure.axes if a is not axes)
    assert right.get_ylim() == (0.0, 100.0)
    assert [t.get_text() for t in right.get_yticklabels()] == ["0%", "25%", "50%", "75%", "100%"]


def test_funnel_shows_every_stage_value_and_conversion(theme):
    spec = SPECS["funnel_zh"]
    _, axes, drawn = drawn_figure(spec, theme, *FULL_WIDTH)
    shown = {label.text.get_text() for label in drawn.labels if label.text.get_visible()}
    assert set(spec.notes) <= shown
    assert set(spec.series[0].labels) <= shown
    widths = [patch.get_width() for patch in drawn.bars]
    assert all(abs(patch.get_x() + patch.get_width() / 2) < 1e-9 for patch in drawn.bars)
    assert widths == sorted(widths, reverse=True)  # widest first, centred on zero
    assert [t.get_text() for t in axes.get_yticklabels()] == list(spec.categories)


def test_timeline_months_follow_the_script_and_close_nodes_get_different_heights(theme):
    _, axes, drawn = drawn_figure(SPECS["timeline_zh"], theme, *MAIN_COLUMN)
    months = [t.get_text() for t in axes.get_xticklabels()]
    assert months[0] == "1月\n2024年" and "12月" in months
    heights = {label.text.get_text(): label.text.xyann[1] for label in drawn.labels}
    assert heights["双十一"] != heights["双十二"]
    assert heights["618预售"] != heights["618"]
    _, axes, _ = drawn_figure(SPECS["timeline_en"], theme, *MAIN_COLUMN)
    months = [t.get_text() for t in axes.get_xticklabels()]
    assert months[0] == "Feb\n2025" and "Dec" in months


def test_timeline_dots_grow_with_the_value(theme):
    _, _, drawn = drawn_figure(SPECS["timeline_zh"], theme, *FULL_WIDTH)
    sizes = [line.get_markersize() for line in drawn.lines]
    values = SPECS["timeline_zh"].series[0].values
    assert sizes[values.index(max(values))] == max(sizes)
    assert sizes[values.index(min(values))] == min(sizes)
    _, _, drawn = drawn_figure(SPECS["timeline_en"], theme, *FULL_WIDTH)
    assert len({line.get_markersize() for line in drawn.lines}) == 1  # no values: all the same size


def test_progress_axis_reference_and_tones(theme):
    spec = SPECS["progress_zh"]
    _, axes, drawn = drawn_figure(spec, theme, *MAIN_COLUMN)
    low, high = axes.get_xlim()
    assert low == 0 and high >= 120
    assert "100%" in [t.get_text() for t in axes.texts]
    from matplotlib.colors import to_hex

    bars = [p for p in axes.patches if to_hex(p.get_facecolor()).upper() != theme.panel.upper()]  # not tracks
    assert [to_hex(p.get_facecolor()).upper() for p in bars] == [
        theme.good.upper(),
        theme.bad.upper(),
        theme.good.upper(),
        theme.bad.upper(),
    ]
    shown = {label.text.get_text() for label in drawn.labels if label.text.get_visible()}
    assert set(spec.series[0].labels) <= shown


def test_progress_reference_defaults_to_one(theme):
    spec = replace(SPECS["progress_es"], reference=None)
    _, axes, _ = drawn_figure(spec, theme, *MAIN_COLUMN)
    assert "100 %" in [t.get_text() for t in axes.texts]


def test_pareto_numbers_the_items_of_a_long_list_by_rank(theme):
    """Names that do not fit their column are neither slanted nor cut: the items are numbered 1..n."""
    names = tuple(f"{i + 1}号 长绒棉加厚浴巾 70×140 纯棉吸水" for i in range(20))
    values = tuple(1000.0 - 40 * i for i in range(20))
    shares = tuple(sum(values[: i + 1]) / (sum(values) * 1.2) for i in range(20))
    wide = tuple(f"{v:,.1f}万" for v in values)
    spec = ChartSpec(
        "pareto", names, (Series("GMV", values, labels=wide), Series("占比", shares)), reference=0.8
    )
    _, axes, drawn = drawn_figure(spec, theme, *MAIN_COLUMN)
    ticks = [t.get_text() for t in axes.get_xticklabels()]
    assert ticks == [str(i) for i in range(1, 21)]
    assert all(t.get_rotation() == 0 for t in axes.get_xticklabels())
    shown = [label.text.get_text() for label in drawn.labels if label.text.get_visible()]
    assert "80%" in shown  # the reference keeps its label, off the line's points
    assert not set(wide) & set(shown)  # labels wider than their bars: none rather than one in two
    narrow = replace(
        spec, series=(replace(spec.series[0], labels=tuple(f"{v:.0f}" for v in values)), spec.series[1])
    )
    _, _, drawn = drawn_figure(narrow, theme, *MAIN_COLUMN)
    assert all(label.text.get_visible() for label in drawn.labels)
