"""Themes (configs/themes/*.yaml): every theme works in every locale, the colour of good news follows the
locale unless the theme or the deck says otherwise, an unknown theme is a positioned error with a suggestion,
and every theme builds the annual sample without text that does not fit."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.colour import readable
from deckgen.errors import OutlineError
from deckgen.locale import get_locale
from deckgen.outline.schema import LOCALES
from deckgen.pipeline import build, check_outline
from deckgen.theme import ThemeError, available_themes, load_theme

ROOT = Path(__file__).resolve().parent.parent
ANNUAL = ROOT / "samples" / "annual-review"
BASE = ROOT / "tests" / "bad_outlines" / "_base"  # a small en-US outline with its own data
HEX = re.compile(r"^#[0-9A-F]{6}$", re.IGNORECASE)
THEMES = available_themes()


def theme_for(name: str, code: str, **options):
    locale = get_locale(code)
    return load_theme(name, locale.fonts, locale.red_is_good, locale=code, **options)


def small_outline(tmp_path: Path, deck_lines: str = "") -> Path:
    """The small en-US outline of tests/bad_outlines/_base, with extra lines under deck:."""
    text = (BASE / "outline.yaml").read_text(encoding="utf-8")
    if deck_lines:
        text = text.replace("deck:\n", "deck:\n" + deck_lines, 1)
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "data").symlink_to(BASE / "data", target_is_directory=True)
    outline = tmp_path / "outline.yaml"
    outline.write_text(text, encoding="utf-8")
    return outline


# ------------------------------------------------------------------------------------------ loading


def test_there_are_built_in_themes_besides_the_default():
    assert {"default", "business", "ink"} <= set(THEMES)


@pytest.mark.parametrize("code", LOCALES)
@pytest.mark.parametrize("name", THEMES)
def test_every_theme_loads_for_every_locale(name: str, code: str):
    theme = theme_for(name, code)
    colours = [theme.primary, theme.accent, theme.text, theme.muted, theme.background, theme.panel,
               theme.callout_fill, theme.callout_border, theme.grid, theme.good, theme.bad, *theme.palette]
    assert all(HEX.match(c) for c in colours), colours
    assert len(theme.palette) >= 6 and len(set(theme.palette)) == len(theme.palette)
    assert theme.good != theme.bad
    assert theme.fonts.latin and theme.fonts.east_asian and theme.fonts.chart_families
    assert theme.min_body_pt >= 12 and theme.body_pt >= theme.min_body_pt
    assert theme.footnote_pt >= 9 and theme.chart_pt >= 9
    if code == "zh-TW":  # Traditional Chinese gets a Traditional face, not the Simplified one
        assert theme.fonts.east_asian != theme_for(name, "zh-CN").fonts.east_asian


def test_fonts_are_chosen_per_language():
    assert theme_for("ink", "en-US").fonts.latin == "Palatino Linotype"
    assert theme_for("ink", "es-ES").fonts.latin == "Palatino Linotype"
    assert theme_for("ink", "zh-CN").fonts.east_asian == "DengXian"
    assert theme_for("business", "zh-TW").fonts.east_asian == "Microsoft JhengHei"


def test_a_theme_without_fonts_uses_the_locale_fonts(tmp_path: Path):
    path = tmp_path / "plain.yaml"
    path.write_text("name: plain\ncolors: {primary: '#123456'}\n", encoding="utf-8")
    locale = get_locale("zh-TW")
    theme = load_theme(str(path), locale.fonts, locale.red_is_good, locale="zh-TW")
    assert theme.primary == "#123456"
    assert theme.fonts.east_asian == "Microsoft JhengHei"  # the default theme's zh-TW entry, as in the locale


def test_a_theme_file_in_the_older_layout_still_loads(tmp_path: Path):
    path = tmp_path / "old.yaml"
    path.write_text("name: old\ncolors: {grid: '#ABCDEF', palette: ['#111111', '#222222']}\nsizes: {chart: 12}\n",
                    encoding="utf-8")
    theme = load_theme(str(path), get_locale("en-US").fonts, False)
    assert (theme.grid, theme.palette, theme.chart_pt) == ("#ABCDEF", ("#111111", "#222222"), 12)


def test_a_bad_colour_in_a_theme_file_is_named(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: bad\ncolors: {accent: orange}\n", encoding="utf-8")
    with pytest.raises(ThemeError, match=r"colors.accent must be a colour such as \"#1B365D\", not 'orange'"):
        load_theme(str(path), get_locale("en-US").fonts, False)


# ------------------------------------------------------------------------------------------ good and bad news


@pytest.mark.parametrize("name", THEMES)
def test_favourable_is_red_in_chinese_and_green_in_english_and_spanish(name: str):
    for code in ("zh-CN", "zh-TW"):
        theme = theme_for(name, code)
        assert theme.favourable == "red" and theme.good == theme_for(name, "en-US").bad
    for code in ("en-US", "es-ES"):
        theme = theme_for(name, code)
        assert theme.favourable == "green" and theme.good != theme_for(name, "zh-CN").good


def test_a_theme_can_choose_the_favourable_colour(tmp_path: Path):
    path = tmp_path / "green.yaml"
    path.write_text("name: green\nfavourable: green\ncolors: {red: '#CC0000', green: '#008800'}\n", encoding="utf-8")
    zh = get_locale("zh-CN")
    theme = load_theme(str(path), zh.fonts, zh.red_is_good, locale="zh-CN")
    assert (theme.favourable, theme.good, theme.bad) == ("green", "#008800", "#CC0000")
    # the deck's choice wins over the theme's; "locale" returns to the locale's convention
    assert load_theme(str(path), zh.fonts, zh.red_is_good, favourable="red").good == "#CC0000"
    assert load_theme(str(path), zh.fonts, zh.red_is_good, favourable="locale").good == "#CC0000"


def test_the_deck_can_choose_the_favourable_colour():
    assert theme_for("default", "en-US", favourable="red").good == "#D0312D"
    assert theme_for("default", "zh-CN", favourable="green").good == "#2E8B57"
    assert theme_for("default", "zh-CN", favourable="locale").good == "#D0312D"


def delta_colours(deck_path: Path) -> dict[str, str]:
    """KPI delta text -> its colour, from the deck's first KPI slide."""
    deck = Presentation(str(deck_path))
    found = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.name.endswith(" deltas") and shape.has_text_frame:
                for run in shape._element.iter(qn("a:r")):
                    fill = run.find(qn("a:rPr")).find(qn("a:solidFill"))
                    text = run.find(qn("a:t")).text
                    if fill is not None and text.strip().startswith(("+", "-")):
                        found[text.strip()] = "#" + fill.find(qn("a:srgbClr")).get("val")
        if found:
            return found
    return found


def test_deck_favourable_reaches_the_slides(tmp_path: Path):
    red_deck = build(small_outline(tmp_path / "red", "  favourable: red\n"), tmp_path / "red.pptx").output
    green_deck = build(small_outline(tmp_path / "plain"), tmp_path / "green.pptx").output
    rises = {t: c for t, c in delta_colours(red_deck).items() if t.startswith("+")}
    assert rises and set(rises.values()) == {"#D0312D"}  # growth in red, as asked
    rises = {t: c for t, c in delta_colours(green_deck).items() if t.startswith("+")}
    # en-US default: growth in green, darkened just enough to read on the card's panel (#F2F4F7)
    assert rises and set(rises.values()) == {readable("#2E8B57", "#F2F4F7")}


# ------------------------------------------------------------------------------------------ unknown themes


def test_an_unknown_theme_is_a_positioned_error_with_a_suggestion(tmp_path: Path):
    outline = small_outline(tmp_path, "  theme: buisness\n")
    with pytest.raises(OutlineError) as caught:
        check_outline(outline)
    [problem] = caught.value.diagnostics
    assert problem.message == "deck.theme: unknown theme 'buisness'"
    assert problem.hint == f"did you mean 'business'? (available themes: {', '.join(THEMES)})"
    assert (problem.span.line, problem.span.col) == (3, 10)


def test_check_reports_an_unknown_theme(tmp_path: Path):
    small_outline(tmp_path, "  theme: inc\n")
    result = subprocess.run([sys.executable, "-m", "deckgen.cli", "check", "outline.yaml"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "outline.yaml:3:10: deck.theme: unknown theme 'inc'",
        f"  hint: did you mean 'ink'? (available themes: {', '.join(THEMES)})",
        "1 problem found.",
    ]


def test_a_missing_theme_file_is_an_error(tmp_path: Path):
    outline = small_outline(tmp_path, "  theme: looks/mine.yaml\n")
    with pytest.raises(OutlineError) as caught:
        check_outline(outline)
    [problem] = caught.value.diagnostics
    assert problem.message == "deck.theme: theme file 'looks/mine.yaml' does not exist"
    assert problem.hint.startswith("the path is relative to the outline; or name a built-in theme: ")


def test_a_theme_file_beside_the_outline_is_used(tmp_path: Path):
    outline = small_outline(tmp_path, "  theme: mine.yaml\n")
    (tmp_path / "mine.yaml").write_text("name: mine\ncolors: {primary: '#5A2D82'}\n", encoding="utf-8")
    deck = Presentation(str(build(outline, tmp_path / "mine.pptx").output))
    band = next(s for s in deck.slides[0].shapes if s.name == "Cover band")
    assert str(band.fill.fore_color.rgb) == "5A2D82"


# ------------------------------------------------------------------------------------------ the annual sample


@pytest.mark.parametrize("name", THEMES)
def test_each_theme_builds_the_annual_sample_without_overflow(name: str, tmp_path: Path):
    text = (ANNUAL / "outline.yaml").read_text(encoding="utf-8")
    assert "\n  theme: default\n" in text
    (tmp_path / "outline.yaml").write_text(text.replace("\n  theme: default\n", f"\n  theme: {name}\n"),
                                           encoding="utf-8")
    (tmp_path / "data").symlink_to(ANNUAL / "data", target_is_directory=True)
    result = build(tmp_path / "outline.yaml", tmp_path / f"{name}.pptx")
    assert not [w for w in result.warnings if w.code == "layout.overflow"], [w.message for w in result.warnings]
    theme = theme_for(name, "zh-CN")
    deck = Presentation(str(result.output))
    band = next(s for s in deck.slides[0].shapes if s.name == "Cover band")
    assert str(band.fill.fore_color.rgb) == theme.primary.lstrip("#").upper()
    faces = {e.get("typeface") for e in deck.slides[3].shapes._spTree.iter(qn("a:ea"))}
    assert faces == {theme.fonts.east_asian}
