"""Templates that stay the company's own: a logo on the master is never covered, a brand that lives only in the
master's art gives the deck its colours (with a warning), and every text reads on what it sits on."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import made_templates
import pytest
from made_templates import BAND_LOGO_43, LOGO_BOX, VIOLET, violet_template
from pptx import Presentation
from pptx.oxml.ns import qn
from test_template import SAMPLE, outline_with

from deckgen.colour import contrast
from deckgen.pipeline import build, lay_out

EMU = 914400


@pytest.fixture(scope="module")
def violet(tmp_path_factory):
    folder = tmp_path_factory.mktemp("violet")
    violet_template(folder / "violet.pptx")
    outline = outline_with(folder, "violet.pptx")
    return outline, build(outline, folder / "deck.pptx")


def boxes(shape) -> tuple[float, float, float, float]:
    return shape.left / EMU, shape.top / EMU, (shape.left + shape.width) / EMU, (shape.top + shape.height) / EMU


def test_nothing_covers_the_logo_inside_the_body_area(violet):
    _, built = violet
    left, top, width, height = LOGO_BOX
    for slide in Presentation(str(built.output)).slides:
        for shape in slide.shapes:
            x0, y0, x1, y1 = boxes(shape)
            assert x1 <= left or x0 >= left + width or y1 <= top or y0 >= top + height, shape.name


def kpi_slide(deck):
    return next(slide for slide in deck.slides if any(shape.name == "KPI 1 value" for shape in slide.shapes))


def test_the_palette_is_taken_from_the_masters_art_with_a_warning(violet):
    outline, built = violet
    [warning] = [w for w in built.warnings if w.code == "template.office_colours"]
    assert "Office's default theme colours" in warning.message and f"#{VIOLET}" in warning.message
    assert (warning.span.line, warning.span.col) == (12, 13)  # deck.template
    theme = lay_out(outline).theme
    assert theme.primary == f"#{VIOLET}" and theme.palette[0] == f"#{VIOLET}"
    assert "#4F81BD" not in theme.palette  # Office's blue is gone
    deck = Presentation(str(built.output))
    fills = {f.get("val") for f in kpi_slide(deck).shapes._spTree.iter(qn("a:srgbClr"))}
    assert VIOLET in fills  # the KPI cards' strips and values


def test_a_theme_named_in_the_outline_overrides_office_colours_without_a_warning(tmp_path: Path):
    violet_template(tmp_path / "violet.pptx")
    outline = outline_with(tmp_path, "violet.pptx", extra="  theme: business\n")
    laid = lay_out(outline)
    assert not [w for w in laid.warnings if w.code == "template.office_colours"]
    assert "business" in laid.theme.name and laid.theme.primary != f"#{VIOLET}"


def test_no_other_warning_on_the_violet_template(violet):
    _, built = violet
    assert [w.code for w in built.warnings] == ["template.office_colours"]


def test_titles_on_the_violet_bar_are_readable(violet):
    _, built = violet
    deck = Presentation(str(built.output))
    for slide in list(deck.slides)[4:8]:
        runs = [r for p in slide.shapes.title.text_frame.paragraphs for r in p.runs]
        assert runs and all(contrast(f"#{r.font.color.rgb}", f"#{VIOLET}") >= 4.5 for r in runs)


def test_every_text_reads_on_its_background(violet):
    outline, built = violet
    assert not [w for w in lay_out(outline).warnings if w.code == "layout.contrast"]
    cells = [cell for slide in Presentation(str(built.output)).slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells]
    assert cells and min(contrast(f"#{run.font.color.rgb}", f"#{cell.fill.fore_color.rgb}")
                         for cell in cells for p in cell.text_frame.paragraphs for run in p.runs) >= 4.5


def test_an_unreadable_colour_of_the_users_own_theme_is_kept_and_warned(tmp_path: Path):
    (tmp_path / "gold.yaml").write_text('name: gold\ncolors: {accent: "#E8C547"}\n', encoding="utf-8")
    outline = outline_with(tmp_path, "company.pptx")
    text = outline.read_text(encoding="utf-8").replace("  template: company.pptx\n", "  theme: gold.yaml\n")
    outline.write_text(text, encoding="utf-8")
    warnings = [w for w in lay_out(outline).warnings if w.code == "layout.contrast"]
    assert warnings and "#E8C547" in warnings[0].message and "below 4.5:1" in warnings[0].message
    assert warnings[0].message.startswith("slide ")


def test_a_macro_enabled_template_is_read_without_its_macros(tmp_path: Path):
    made_templates.macro_enabled(SAMPLE / "company.pptx", tmp_path / "company.potm")
    built = build(outline_with(tmp_path, "company.potm", layouts=True), tmp_path / "deck.pptx")
    assert built.warnings == []
    with zipfile.ZipFile(built.output) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("ppt/_rels/presentation.xml.rels").decode()
    assert not [n for n in names if "vba" in n.lower()] and "vbaProject" not in rels
    assert "presentationml.presentation.main+xml" in types and "macroEnabled" not in types and "vba" not in types
    deck = Presentation(str(built.output))
    assert deck.slides[0].slide_layout.name == "Company Title"


def test_a_macro_enabled_presentation_works_too(tmp_path: Path):
    made_templates.macro_enabled(SAMPLE / "company.pptx", tmp_path / "company.pptm", template=False)
    laid = lay_out(outline_with(tmp_path, "company.pptm", layouts=True))
    assert laid.warnings == [] and laid.checked.template.layout("cover").name == "Company Title"


def test_app_xml_describes_the_deck_written_not_the_template(tmp_path: Path):
    built = build(outline_with(tmp_path, str(SAMPLE / "company.pptx"), layouts=True), tmp_path / "deck.pptx")
    deck = Presentation(str(built.output))
    with zipfile.ZipFile(built.output) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
    assert f"<Slides>{len(deck.slides)}</Slides>" in app
    assert "How to use this template" not in app  # the template's example slide
    assert "<vt:lpstr>2025 年度经营回顾</vt:lpstr>" in app and "<vt:lpstr>目录</vt:lpstr>" in app
    assert "\u2060" not in app and "<vt:lpstr>Spruce Home</vt:lpstr>" in app


def test_app_xml_without_a_template(tmp_path: Path):
    outline = outline_with(tmp_path, "company.pptx")
    outline.write_text(outline.read_text(encoding="utf-8").replace("  template: company.pptx\n", ""), encoding="utf-8")
    built = build(outline, tmp_path / "deck.pptx")
    with zipfile.ZipFile(built.output) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
    assert f"<Slides>{built.slides}</Slides>" in app and "On-screen Show (16:9)" in app


def test_titles_are_real_title_placeholders_without_a_template(tmp_path: Path):
    outline = outline_with(tmp_path, "company.pptx")
    outline.write_text(outline.read_text(encoding="utf-8").replace("  template: company.pptx\n", ""), encoding="utf-8")
    deck = Presentation(str(build(outline, tmp_path / "deck.pptx").output))
    for slide in deck.slides:
        title = slide.shapes.title
        assert title is not None and title.text.strip(), slide.slide_id
        assert [p.placeholder_format.type for p in slide.placeholders] == [title.placeholder_format.type]
        run = title.text_frame.paragraphs[0].runs[0]
        assert run.font.size is not None and run.font.color.rgb is not None  # drawn as before, not as the master's
    assert "同比" in kpi_slide(deck).shapes.title.text  # the KPI slide's automatic title, in its placeholder


@pytest.mark.parametrize("sample", ["monthly-report", "annual-review-en"])
def test_a_4_3_template_lays_out_without_clipping(tmp_path: Path, sample: str):
    """A 4:3 template whose logo sits in the footer row: the samples' KPI cards (five on the monthly report),
    commentary, conclusions, footers and the cover's byline all fit and cover nothing."""
    folder = tmp_path / sample
    shutil.copytree(SAMPLE.parent / sample, folder, ignore=shutil.ignore_patterns("*.pptx"))
    violet_template(folder / "band43.pptx", widescreen=False, logo=BAND_LOGO_43)
    outline = folder / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace("\ndeck:\n", "\ndeck:\n  template: band43.pptx\n", 1), encoding="utf-8")
    laid = lay_out(outline)
    assert laid.placed.width_in == 10.0
    # the samples' own mixed unit scales are the number formatting's (test_samples_argue lists them)
    assert [w.message for w in laid.warnings if w.code not in ("template.office_colours", "numbers.mixed_units")] == []
