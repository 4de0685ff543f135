"""Chart rendering: every kind draws at its box size, deterministically, with CJK glyphs and no warnings."""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from PIL import Image

from deckgen.charts import fonts as chart_fonts
from deckgen.charts.render import render_chart
from deckgen.charts.spec import AxisFormat, ChartSpec, Series
from deckgen.charts.style import fit_lines, text_em, wrap_label
from deckgen.charts.ticks import (
    aligned_ticks,
    format_axis_value,
    format_number,
    make_tick_formatter,
    nice_ticks,
    tick_decimals,
)
from deckgen.resources import fonts_dir
from deckgen.theme import load_theme

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MONTHS = tuple(f"{m}月" for m in range(1, 13))
WAN = AxisFormat(divisor=1e4, suffix="万")
PERCENT = AxisFormat(kind="percent", decimals=1)
ES = AxisFormat(decimals=0, decimal_sep=",", group_sep=".", suffix=" €")


@pytest.fixture(scope="module")
def theme():
    return load_theme(
        "default",
        {"latin": "Arial", "east_asian": "Microsoft YaHei", "chart": ["Noto Sans CJK SC"]},
        red_is_good=True,
    )


def wan_labels(values):
    return tuple("" if v is None else f"{v / 1e4:,.0f}万" for v in values)


TMALL = (5.2e6, 4.8e6, 6.1e6, 5.9e6, None, 7.2e6, 6.8e6, 6.5e6, 7.0e6, 7.8e6, 12.5e6, 9.1e6)
JD = (3.1e6, 2.9e6, 3.5e6, 3.6e6, 3.9e6, 5.2e6, 4.1e6, 4.0e6, 4.3e6, 4.7e6, 8.1e6, 5.6e6)

SPECS = {
    "line": ChartSpec(
        "line",
        MONTHS,
        (
            Series("天猫", TMALL, role="line", labels=wan_labels(TMALL)),
            Series("京东", JD, role="line", labels=wan_labels(JD)),
        ),
        primary_axis=WAN,
    ),
    "bar_grouped": ChartSpec(
        "bar",
        ("天猫旗舰店", "京东自营", "抖音小店", "Tienda oficial en línea", "Online store"),
        (
            Series(
                "2023年",
                (8.2e6, 5.1e6, 2.2e6, 0.6e6, 0.4e6),
                labels=("820万", "510万", "220万", "60万", "40万"),
            ),
            Series(
                "2024年", (9.6e6, 5.6e6, 4.1e6, 0.9e6, None), labels=("960万", "560万", "410万", "90万", "")
            ),
        ),
        primary_axis=WAN,
    ),
    "bar_stacked": ChartSpec(
        "bar",
        ("第一季度", "第二季度", "第三季度", "第四季度"),
        (
            Series("新客", (1.2e6, 1.5e6, 1.1e6, 2.4e6), labels=("120万", "150万", "110万", "240万")),
            Series("老客", (2.3e6, 2.6e6, 2.5e6, 3.9e6), labels=("230万", "260万", "250万", "390万")),
            Series("Socios", (0.4e6, 0.5e6, 0.05e6, 0.9e6), labels=("40万", "50万", "5万", "90万")),
        ),
        stacked=True,
        primary_axis=WAN,
    ),
    "bar_percent": ChartSpec(
        "bar",
        MONTHS[:6],
        (
            Series("PC端", (0.2, 0.18, 0.17, 0.15, 0.14, 0.12)),
            Series("移动端", (0.7, 0.72, 0.73, 0.75, 0.76, 0.8)),
            Series("Mini-programa", (0.1, 0.1, 0.1, 0.1, 0.1, 0.08)),
        ),
        stacked=True,
        percent_stacked=True,
        primary_axis=AxisFormat(kind="percent"),
    ),
    "barh": ChartSpec(
        "barh",
        (
            "2024新款夏季女装连衣裙收腰显瘦气质长裙",
            "男士商务休闲皮鞋",
            "儿童保温杯316不锈钢",
            "Camiseta de algodón orgánico para niños",
            "无线蓝牙耳机降噪",
            "智能手表",
        ),
        (
            Series(
                "支付金额（万元）",
                (3.812e6, 2.95e6, 2.41e6, 1.78e6, 1.25e6, 0.98e6),
                labels=("381.2万", "295.0万", "241.0万", "178.0万", "125.0万", "98.0万"),
            ),
        ),
        primary_axis=WAN,
        show_legend=False,
    ),
    "combo": ChartSpec(
        "combo",
        MONTHS,
        (
            Series("支付金额（万元）", TMALL, labels=wan_labels(TMALL)),
            Series(
                "同比增长",
                (0.12, 0.08, -0.03, 0.15, None, 0.3, 0.05, 0.02, 0.11, 0.18, 0.35, 0.09),
                role="line",
                axis="secondary",
                labels=(
                    "12.0%",
                    "8.0%",
                    "-3.0%",
                    "15.0%",
                    "",
                    "30.0%",
                    "5.0%",
                    "2.0%",
                    "11.0%",
                    "18.0%",
                    "35.0%",
                    "9.0%",
                ),
            ),
        ),
        primary_axis=WAN,
        secondary_axis=PERCENT,
    ),
    "donut": ChartSpec(
        "donut",
        ("天猫", "京东", "抖音", "拼多多", "Tienda propia", "其他"),
        (Series("支付金额", (4.5e6, 2.8e6, 1.6e6, 0.7e6, 0.25e6, 0.15e6)),),
        center_label="总计\n1,000万",
    ),
    "waterfall": ChartSpec(
        "waterfall",
        ("GMV", "退款", "平台佣金", "推广费用", "物流成本", "商品成本", "毛利"),
        (
            Series(
                "金额",
                (10e6, -1.2e6, -0.6e6, -1.5e6, -0.8e6, -3.9e6, 2.0e6),
                labels=("1,000万", "-120万", "-60万", "-150万", "-80万", "-390万", "200万"),
            ),
        ),
        totals=(True, False, False, False, False, False, True),
        primary_axis=WAN,
        show_legend=False,
    ),
    "es_bar": ChartSpec(
        "bar",
        ("Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio"),
        (
            Series("Ventas (€)", (12345.6, 15000, 9800.5, 17250, 21000, 19999)),
            Series("Año anterior", (11000, 13000, 10000, 15000, 16000, 18000)),
        ),
        primary_axis=ES,
    ),
}


def render_strictly(spec, theme, width_in, height_in, dpi=200):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return render_chart(spec, theme, width_in, height_in, dpi)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_kind_renders_at_box_size_deterministically(name, theme):
    width_in, height_in, dpi = 6.3, 3.45, 200
    first = render_strictly(SPECS[name], theme, width_in, height_in, dpi)
    assert first.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (round(width_in * dpi), round(height_in * dpi))
    second = render_strictly(SPECS[name], theme, width_in, height_in, dpi)
    assert first == second


@pytest.mark.parametrize("size", [(3.3, 2.1, 150), (9.17, 4.83, 96), (4.0, 4.0, 300)])
def test_pixel_size_is_rounded_box_size(size, theme):
    width_in, height_in, dpi = size
    png = render_strictly(SPECS["combo"], theme, width_in, height_in, dpi)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (round(width_in * dpi), round(height_in * dpi))


def test_png_has_no_software_or_time_metadata(theme):
    png = render_strictly(SPECS["bar_grouped"], theme, 5, 3)
    with Image.open(io.BytesIO(png)) as image:
        assert "Software" not in image.info
        assert not any("time" in key.lower() for key in image.info)


def test_rendering_leaves_global_rc_params_alone(theme):
    import matplotlib

    before = dict(matplotlib.rcParams)
    render_strictly(SPECS["line"], theme, 5, 3)
    assert dict(matplotlib.rcParams) == before


def test_transparent_background(theme):
    png = render_chart(SPECS["bar_grouped"], theme, 5, 3, transparent=True)
    with Image.open(io.BytesIO(png)) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0


def test_theme_background_fills_the_box(theme):
    png = render_chart(SPECS["donut"], theme, 5, 3)
    with Image.open(io.BytesIO(png)) as image:
        assert image.convert("RGB").getpixel((1, 1)) == (255, 255, 255)


@pytest.mark.parametrize(
    "spec",
    [
        ChartSpec("line", ("a", "b"), (Series("none", (None, None)),)),
        ChartSpec("bar", ("天猫",), (Series("x", (5.0,), labels=("5",)),)),
        ChartSpec(
            "bar",
            ("North", "South", "East", "West"),
            (Series("YoY", (0.12, -0.05, 0.3, -0.18), labels=("+12,0 %", "-5,0 %", "+30,0 %", "-18,0 %")),),
            primary_axis=AxisFormat(kind="percent", decimals=1, decimal_sep=",", suffix=" %"),
        ),
        ChartSpec(
            "barh",
            ("品类一", "品类二"),
            (Series("增", (5, 3), labels=("5", "3")), Series("减", (-2, -4))),
            stacked=True,
        ),
        ChartSpec(
            "line", tuple(f"11-{d:02d}" for d in range(1, 31)), (Series("UV", tuple(range(30)), role="line"),)
        ),
        ChartSpec(
            "waterfall",
            ("Start", "A", "B", "End"),
            (Series("v", (100, 30, None, 130)),),
            totals=(True, False, False, True),
        ),
        ChartSpec("donut", ("A", "B", "C"), (Series("s", (0, None, 3)),), center_label="3"),
        ChartSpec(
            "bar", ("$1 store", "$5 store"), (Series("Sales $", (1200, 900), labels=("$1,200", "$900")),)
        ),
        ChartSpec(
            "combo",
            MONTHS,
            (Series("GMV", tuple(range(12))), Series("Target", tuple(range(12)), role="line")),
        ),
    ],
)
def test_edge_cases_render_without_warnings(spec, theme):
    assert render_strictly(spec, theme, 3.2, 2.0).startswith(PNG_SIGNATURE)


@pytest.mark.parametrize(
    "spec, message",
    [
        (ChartSpec("pie", ("a",), (Series("s", (1,)),)), "unknown chart kind"),
        (ChartSpec("bar", ("a", "b"), (Series("s", (1,)),)), "1 values for 2 categories"),
        (ChartSpec("bar", ("a",), (Series("s", (1,), labels=("1", "2")),)), "2 labels"),
        (ChartSpec("bar", (), ()), "no categories"),
        (ChartSpec("donut", ("a",), (Series("s", (1,)), Series("t", (1,)))), "exactly one series"),
    ],
)
def test_bad_specs_are_refused(spec, message, theme):
    with pytest.raises(ValueError, match=message):
        render_chart(spec, theme, 4, 3)


# ------------------------------------------------------------------------------------------ fonts


def test_font_families_put_installed_preferences_first_then_bundled_then_dejavu():
    families = chart_fonts.chart_font_families(("No Such Font 12345", "DejaVu Sans", "Noto Sans CJK SC"))
    assert families == ["DejaVu Sans", "Noto Sans CJK SC"]
    families = chart_fonts.chart_font_families(("No Such Font 12345",))
    assert families == ["Noto Sans CJK SC", "DejaVu Sans"]
    assert not any("simhei" in f.lower() for f in families)


def test_bundled_fonts_ship_with_their_licence():
    for name in chart_fonts.BUNDLED_FILES:
        assert (fonts_dir() / name).is_file()
    licence = (fonts_dir() / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Adobe" in licence


def test_bundled_subset_covers_business_text():
    from fontTools.ttLib import TTFont

    text = (
        "支付金额万元同比增长退款佣金推广费用物流成本毛利天猫京东抖音拼多多總計營業額"
        "（）：，。、¥€$↑↓→−·×%‰áéíóúñü¿¡"
    )
    for name in chart_fonts.BUNDLED_FILES:
        with TTFont(str(fonts_dir() / name), lazy=True) as font:
            names = font["name"]
            assert "Noto Sans CJK SC" in (names.getDebugName(16), names.getDebugName(1))
            cmap = font["cmap"].getBestCmap()
        assert not [c for c in text if ord(c) not in cmap]


@pytest.fixture
def bundled_fonts_only(monkeypatch):
    """matplotlib sees only the bundled CJK subset and DejaVu, as on a machine without CJK fonts."""
    from matplotlib import font_manager

    chart_fonts.register_bundled_fonts()
    bundled = str(fonts_dir())
    kept = [
        entry
        for entry in font_manager.fontManager.ttflist
        if str(entry.fname).startswith(bundled) or entry.name.startswith("DejaVu")
    ]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", kept)
    font_manager.fontManager._findfont_cached.cache_clear()
    yield
    monkeypatch.undo()
    font_manager.fontManager._findfont_cached.cache_clear()


def test_chinese_renders_with_only_the_bundled_font(bundled_fonts_only, theme):
    from matplotlib import font_manager

    lonely = replace(
        theme, fonts=replace(theme.fonts, chart_families=("Microsoft YaHei Missing", "PingFang Nope"))
    )
    families = chart_fonts.chart_font_families(lonely.fonts.chart_families)
    assert families == ["Noto Sans CJK SC", "DejaVu Sans"]
    found = font_manager.fontManager.findfont(
        font_manager.FontProperties(family="Noto Sans CJK SC"), fallback_to_default=False
    )
    assert Path(found).parent == fonts_dir()
    bold = font_manager.fontManager.findfont(
        font_manager.FontProperties(family="Noto Sans CJK SC", weight="bold"), fallback_to_default=False
    )
    assert Path(bold).name == "NotoSansCJKsc-Bold-subset.otf"
    for name in ("line", "donut", "barh", "combo"):
        assert render_strictly(SPECS[name], lonely, 5, 3).startswith(PNG_SIGNATURE)
    assert chart_fonts.uncovered_characters("天猫支付金额（万元）同比增长 Año −5,0 %", families) == set()


def test_uncovered_characters_names_what_no_font_has():
    families = chart_fonts.chart_font_families(())
    assert chart_fonts.uncovered_characters("天猫\U0010fffd", families) == {"\U0010fffd"}


def test_charts_never_use_pyplot():
    charts = Path(__file__).resolve().parents[2] / "deckgen" / "charts"
    for source in charts.glob("*.py"):
        code = source.read_text(encoding="utf-8")
        assert not re.search(r"matplotlib\.pyplot|from matplotlib import[^\n]*pyplot", code), source.name


# ------------------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    "value, fmt, expected",
    [
        (5_000_000, WAN, "500万"),
        (58_263_000, AxisFormat(divisor=1e4, decimals=1, suffix="万"), "5,826.3万"),
        (127_000_000, AxisFormat(divisor=1e8, decimals=2, suffix="亿"), "1.27亿"),
        (1234.5, AxisFormat(decimals=1, decimal_sep=",", group_sep="."), "1.234,5"),
        (10000, AxisFormat(decimal_sep=",", group_sep="."), "10.000"),
        (1234567.891, AxisFormat(decimals=2), "1,234,567.89"),
        (0.234, AxisFormat(kind="percent", decimals=1), "23.4%"),
        (0.234, AxisFormat(kind="percent", decimals=1, decimal_sep=",", suffix=" %"), "23,4 %"),
        (-0.05, AxisFormat(kind="percent"), "-5%"),
        (-1234, AxisFormat(), "-1,234"),
        (-0.0001, AxisFormat(), "0"),
        (0, WAN, "0"),
        (0, AxisFormat(kind="percent"), "0%"),
    ],
)
def test_format_axis_value(value, fmt, expected):
    assert format_axis_value(value, fmt) == expected


def test_format_number_separators():
    assert format_number(1234567.5, 1, ",", ".") == "1.234.567,5"
    assert format_number(1234567.5, 1, ".", " ") == "1 234 567.5"
    assert format_number(-2.5, 0) == "-2"


def test_ticks_drop_needless_decimals_but_keep_needed_ones():
    assert tick_decimals([0, 2000, 4000], AxisFormat(decimals=1)) == 0
    assert tick_decimals([0, 2.5, 5.0], AxisFormat()) == 1
    formatter = make_tick_formatter(AxisFormat(kind="percent", suffix="%"))
    formatter.set_locs([0.0, 2.5, 5.0])
    assert [formatter(x) for x in (0.0, 2.5, 5.0)] == ["0.0%", "2.5%", "5.0%"]
    formatter = make_tick_formatter(AxisFormat(decimals=1, suffix="万", decimal_sep=",", group_sep="."))
    formatter.set_locs([0.0, 2000.0, 4000.0])
    assert formatter(2000.0) == "2.000万"


def test_nice_ticks_are_round_and_cover_the_data():
    assert nice_ticks(0, 1250) == [0, 250, 500, 750, 1000, 1250]
    ticks = nice_ticks(2.1, 2.63)
    assert ticks[0] <= 2.1 and ticks[-1] >= 2.63 and len(ticks) <= 6
    ticks = nice_ticks(-18, 30)
    assert ticks[0] <= -18 and ticks[-1] >= 30 and 0 in ticks
    assert nice_ticks(5, 5)[0] <= 5 <= nice_ticks(5, 5)[-1]


def test_aligned_ticks_match_the_interval_count():
    ticks = aligned_ticks(-3, 35, 4)
    assert len(ticks) == 5 and ticks[0] <= -3 and ticks[-1] >= 35
    steps = {round(b - a, 9) for a, b in pairwise(ticks)}
    assert len(steps) == 1


# ------------------------------------------------------------------------------------------ text


def test_cjk_wraps_by_character_and_latin_by_word():
    assert wrap_label("2024新款夏季女装连衣裙", 6) == ["2024新款夏", "季女装连衣裙"]
    assert wrap_label("Camiseta de algodón orgánico", 8) == ["Camiseta de", "algodón", "orgánico"]
    assert all(not line.startswith("）") for line in wrap_label("支付金额（万元）", 5))
    shortened = fit_lines("男士商务休闲皮鞋真皮系带正装鞋", 5, 2)
    assert shortened.count("\n") == 1 and shortened.endswith("…")
    assert text_em("天猫") == 2.0
