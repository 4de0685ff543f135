"""Text that fits: shrink within limits, wrap CJK and Latin text properly, continue long tables and
bullet lists on following slides, and warn about overflow, shapes outside the slide and overlaps."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.layout.inspect import inspect_layout
from deckgen.layout.spec import Box, PlacedDeck, PlacedSlide, TextShape
from deckgen.layout.textfit import NO_LINE_END, NO_LINE_START, fit, wrap
from deckgen.pipeline import build

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "samples" / "annual-review" / "data"

LONG = {
    "zh-CN": "双十一期间访客数同比增长，但详情页承接不足导致转化率下滑，客服响应时效在高峰时段明显变慢，"
             "需要在下一次大促前完成主图改版、询单话术更新和备货节奏调整。",
    "en-US": "Visitors grew strongly during Double 11, but product pages did not convert them and customer "
             "service slowed down at the peak, so the next campaign needs new main images, new scripts and "
             "better stock planning.",
    "es-ES": "Los visitantes crecieron con fuerza durante el Doble 11, pero las fichas de producto no los "
             "convirtieron y la atención al cliente se ralentizó en el pico; la próxima campaña necesita "
             "imágenes nuevas, guiones nuevos y mejor planificación de existencias.",
}


def test_cjk_lines_never_start_with_closing_punctuation():
    for line in wrap(LONG["zh-CN"] * 3, 9.0)[1:]:
        assert line[0] not in NO_LINE_START, line
    for line in wrap("（注：“括号”与《书名》不应落在行尾）" * 4, 7.0):
        assert line[-1] not in NO_LINE_END, line


def test_latin_words_are_not_broken():
    words = set(LONG["en-US"].split())
    for line in wrap(LONG["en-US"], 20.0):
        assert all(word in words for word in line.split())


def test_text_shrinks_then_stops_at_the_minimum():
    roomy = fit([LONG["zh-CN"]], 6.0, 3.0, 18, 12)
    assert roomy.fits and roomy.size_pt == 18
    tight = fit([LONG["zh-CN"]] * 3, 4.0, 1.5, 18, 12)
    assert tight.size_pt == 12 and not tight.fits


def _outline(tmp_path: Path, locale: str, rows: int, bullets: int) -> Path:
    long = LONG[locale]
    table_rows = "\n".join(f"            - [\"{i + 1}\", \"{long[: 20 + i % 30]}\", {1000 * (i + 1)}]" for i in range(rows))
    items = "\n".join(f"          - \"{long}\"" for _ in range(bullets))
    text = textwrap.dedent(f"""\
        deck:
          title: "{long[:40]}"
          locale: {locale}
          period: {{current: "2025"}}
        data:
          daily: {DATA / 'shop_daily.csv'}
        metrics:
          gmv: {{table: daily, sum: gmv, format: money}}
        review:
          - section: "{long[:12]}"
            slides:
              - title: "{long[:30]}"
                table:
                  header: ["#", "text", "value"]
                  rows:
        __ROWS__
              - title: "{long[:30]}"
                bullets:
        __ITEMS__
              - title: "{long[:20]}"
                cards:
                  - {{title: "{long[:10]}", text: "{long}"}}
                  - {{title: "{long[:10]}", text: "{long}"}}
                  - {{title: "{long[:10]}", text: "{long}"}}
            conclusion: "{long}"
        """).replace("__ROWS__", table_rows).replace("__ITEMS__", items)
    path = tmp_path / "outline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("locale", ["zh-CN", "en-US", "es-ES"])
def test_long_text_shrinks_wraps_and_continues(tmp_path, locale):
    outline = _outline(tmp_path, locale, rows=40, bullets=14)
    out = tmp_path / "long.pptx"
    result = build(outline, out)
    layout = [w.code for w in result.warnings if not w.code.startswith("claim.")]  # the filler text says "grew"
    assert layout == []
    deck = Presentation(str(out))
    titles = [s.shapes.title.text if s.shapes.title else next((x.text_frame.text for x in s.shapes
              if x.name == "Title"), "") for s in deck.slides]
    continued = {"zh-CN": "（续）", "en-US": " (cont.)", "es-ES": " (cont.)"}[locale]
    assert sum(t.endswith(continued) for t in titles) >= 2  # the table and the bullets both continue
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert len(tables) >= 2 and all(t.cell(0, 1).text == "text" for t in tables)  # header repeated
    assert sum(len(t.rows) - 1 for t in tables) == 40  # every row, once
    sizes = [run.font.size.pt for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for run in p.runs if run.font.size]
    assert min(sizes) >= 9  # footnotes at 9, body never below 12 (checked by the fitter)


def test_inspection_reports_overflow_outside_and_overlap():
    def text(name: str, box: Box, overflow: bool = False) -> TextShape:
        return TextShape(name, box, (), overflow=overflow)

    slide = PlacedSlide("bullets", (
        text("A", Box(1, 1, 3, 1)), text("B", Box(3.5, 1.5, 3, 1)),  # overlap
        text("C", Box(12.5, 6, 2, 1)),  # outside the 13.333 x 7.5 slide
        text("D", Box(1, 5, 2, 1), overflow=True),
    ))
    deck = PlacedDeck((slide,), 13.333, 7.5, "t", "zh-CN", "Arial", "Microsoft YaHei")
    codes = sorted(d.code for d in inspect_layout(deck, "outline.yaml"))
    assert codes == ["layout.outside", "layout.overflow", "layout.overlap"]


@pytest.mark.render
def test_long_text_renders_inside_its_boxes(tmp_path):
    """Render the long-text decks; their PNGs are kept in tmp for a person to look at."""
    from deckgen.preview import preview_deck

    for locale in LONG:
        outline = _outline(tmp_path / locale, locale, rows=40, bullets=14) if (tmp_path / locale).mkdir() is None \
            else None
        deck = tmp_path / f"{locale}.pptx"
        result = build(outline, deck)
        preview = preview_deck(deck, tmp_path / "png")
        assert len(preview.pages) == result.slides


def test_wrapping_is_linear_and_breaks_long_unspaced_text():
    """A megabyte title without a space is broken anywhere, in time proportional to its length."""
    import time

    from deckgen.layout.textfit import text_width_em, wrap

    started = time.monotonic()
    lines = wrap("A" * 1_000_000, 40.0)
    assert time.monotonic() - started < 10
    assert len(lines) > 10_000 and "".join(lines) == "A" * 1_000_000
    assert all(text_width_em(line) <= 40.0 for line in lines)
    assert wrap("see " + "x" * 200, 20.0)[0] == "see"  # a word too long for any line starts its own
    assert all(text_width_em(line) <= 20.0 for line in wrap("see " + "x" * 200, 20.0))


def test_titles_share_the_smallest_fitted_size():
    from deckgen.layout.textfit import common_size, fit

    titles = ["GMV 5,641万元，同比 +18.6%", "访客数 1,290.6万，同比 +19.7%，转化率 2.25%，客单价 193.9元，退款率 6.1%，复购率 28.4%"]
    sizes = [fit([t], 9.0, 0.8, 26, 18).size_pt for t in titles]
    assert sizes[0] > sizes[1]  # fitted alone, the long title would be smaller
    assert common_size(titles, 9.0, 0.8, 26, 18) == min(sizes)
    assert common_size([], 9.0, 0.8, 26, 18) == 26


def test_signs_touching_full_width_brackets_are_spaced_like_digits_touching_ideographs():
    """LibreOffice spaces "33.9%（" and "51.1%）" as it spaces "114.7万": measured, a table cell's first line
    keeps its words instead of pushing one character onto a line of its own."""
    from deckgen.layout.textfit import AUTOSPACE_EM, SAFETY, char_width_em, text_width_em

    plain = sum(char_width_em(c) for c in "51.1%）")
    assert text_width_em("51.1%）") == pytest.approx((plain + AUTOSPACE_EM) * SAFETY)
    assert text_width_em("（去年") == pytest.approx(sum(char_width_em(c) for c in "（去年") * SAFETY)
