"""Company templates (deck.template): the template-deck sample is built on company.pptx's master, layouts,
theme colours and fonts; layouts are found by name (layouts/template-map.yaml or deck.layouts); a template
lacking a layout gets a warning naming its layouts; a missing or broken template is an outline error and
nothing is written."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from deckgen.errors import OutlineError, SourceSpan
from deckgen.pipeline import build, check_outline
from deckgen.template_file import read_template

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "template-deck"
DATA = ROOT / "samples" / "annual-review" / "data"
EXISTING_DECK = b"PK\x03\x04 an existing deck that a failed build must not touch"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("template") / "deck.pptx"
    return build(SAMPLE / "outline.yaml", out)


@pytest.fixture(scope="module")
def deck(built):
    return Presentation(str(built.output))


def outline_with(tmp_path: Path, template: str, *, layouts: bool = False, extra: str = "") -> Path:
    """The sample's outline in ``tmp_path``, naming ``template``, reading the sample data by absolute path."""
    text = (SAMPLE / "outline.yaml").read_text(encoding="utf-8")
    text = text.replace("../annual-review/data", str(DATA)).replace("template: company.pptx", f"template: {template}")
    if not layouts:
        start = text.index("  layouts:")
        end = text.index("  period:")
        text = text[:start] + text[end:]
    text = text.replace("  period:", extra + "  period:", 1)
    outline = tmp_path / "outline.yaml"
    outline.write_text(text, encoding="utf-8")
    return outline


def office_template(path: Path, renames: dict[str, str] | None = None) -> Path:
    """python-pptx's own template (Office layout names, 4:3), with some layouts renamed."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        layout.name = (renames or {}).get(layout.name, layout.name)
    prs.save(str(path))
    return path


def run_cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deckgen.cli", *args], cwd=folder, capture_output=True, text=True,
                          timeout=180, check=False)


# ------------------------------------------------------------------------------------------ the sample


def test_the_sample_builds_without_warnings(built):
    assert built.warnings == []
    assert built.slides == 13  # one divider per part but the first (the agenda opens it): the summary


def test_slides_use_the_templates_layouts_by_name(deck):
    names = [slide.slide_layout.name for slide in deck.slides]
    assert names[0] == "Company Title" and names[-1] == "Company Title"  # cover, closing
    assert names[1] == "Company Content"  # the agenda
    dividers = [i for i, slide in enumerate(deck.slides) if slide.slide_layout.name == "Company Section"]
    assert len(dividers) == 1  # the summary part (deck.dividers: auto); the agenda opens the review
    assert set(names) == {"Company Title", "Company Section", "Company Content"}


def test_the_templates_own_slides_are_left_out(built, deck):
    assert len(deck.slides) == built.slides
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert not any("How to use this template" in text for text in texts)
    with zipfile.ZipFile(built.output) as package:
        slides = [n for n in package.namelist() if n.startswith("ppt/slides/slide")]
    assert len(slides) == built.slides


def test_the_master_and_theme_are_the_templates(deck):
    master = deck.slide_masters[0]
    assert {"Band", "Logo name"} <= {shape.name for shape in master.shapes}
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    assert theme.find(f".//{A}clrScheme").get("name") == "Spruce Home"
    assert theme.find(f".//{A}fontScheme").get("name") == "Spruce Home"
    assert [layout.name for layout in deck.slide_layouts] == ["Company Title", "Company Content", "Company Section",
                                                              "Title Only", "Blank"]


def test_titles_are_in_the_title_placeholders(deck):
    for slide in deck.slides:
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.strip(), slide.slide_layout.name
    assert deck.slides[0].shapes.title.text_frame.text == "2025 年度经营回顾"
    assert deck.slides[-1].shapes.title.text_frame.text == "谢谢！"
    assert deck.slides[1].shapes.title.text_frame.text.startswith("GMV ")  # the executive summary's answer
    # the KPI slide's automatic title: what moved behind the GMV that slide 2 answers
    assert deck.slides[3].shapes.title.text_frame.text.replace("\u2060", "").startswith("访客数同比 +")
    # no title box of our own besides the placeholder
    assert all(shape.is_placeholder for slide in deck.slides for shape in slide.shapes if shape.name == "Title")


def test_subtitle_section_number_footer_and_page_number_fill_placeholders(deck):
    def text_of(slide, kind):
        return [p.text_frame.text for p in slide.placeholders if p.placeholder_format.type == kind]

    assert text_of(deck.slides[0], PP_PLACEHOLDER.SUBTITLE) == ["云杉家居旗舰店 · 天猫 / 京东"]
    divider = next(slide for slide in deck.slides if slide.slide_layout.name == "Company Section")
    assert text_of(divider, PP_PLACEHOLDER.BODY) == ["02"]  # the summary's: the agenda opens the review
    content = deck.slides[4]
    assert text_of(content, PP_PLACEHOLDER.FOOTER) == ["数据来源：生意参谋 / 京东商智 / 财务月报，2025-01-01 至 2025-12-31"]
    number = next(p for p in content.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
    field = number._element.find(f".//{A}fld")
    assert field.get("type") == "slidenum" and field.find(f"{A}t").text == "5"


def test_no_placeholder_is_left_empty(deck):
    for slide in deck.slides:
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip(), (slide.slide_layout.name, placeholder.name)


def test_runs_carry_the_templates_fonts_and_lang(deck):
    faces = {"title": set(), "other": set()}
    for slide in deck.slides:
        for shape in slide.shapes:
            for props in shape._element.iter(qn("a:rPr")):
                assert props.get("lang") == "zh-CN"
                assert props.find(qn("a:ea")).get("typeface") == "DengXian"
                kind = "title" if shape.is_placeholder and shape.placeholder_format.type in (
                    PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE) else "other"
                faces[kind].add(props.find(qn("a:latin")).get("typeface"))
    assert faces == {"title": {"Palatino Linotype"}, "other": {"Palatino Linotype", "Arial"}}  # and section numbers


def test_our_shapes_use_the_templates_colours(deck):
    kpi = deck.slides[3]
    strip = next(shape for shape in kpi.shapes if shape.name == "KPI 1 strip")
    assert str(strip.fill.fore_color.rgb) == "14505C"  # accent1, petrol
    callout = next(shape for slide in deck.slides for shape in slide.shapes if shape.name == "Conclusion bar")
    assert str(callout.fill.fore_color.rgb) == "C8963E"  # accent2, brass


def test_everything_stays_on_the_slide(deck):
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= width + 1, (number, shape.name)
            assert 0 <= shape.top and shape.top + shape.height <= height + 1, (number, shape.name)


def test_the_same_inputs_give_the_same_bytes(built, tmp_path: Path):
    again = build(SAMPLE / "outline.yaml", tmp_path / "again.pptx")
    assert again.output.read_bytes() == built.output.read_bytes()


def test_the_checked_in_template_is_what_the_script_makes(tmp_path: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_template", SAMPLE / "make_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tmp_path / "company.pptx"
    module.main()
    made, shipped = Presentation(str(module.OUT)), Presentation(str(SAMPLE / "company.pptx"))
    assert [l.name for l in made.slide_layouts] == [l.name for l in shipped.slide_layouts]
    theme = [etree.tostring(etree.fromstring(p.slide_master.part.part_related_by(RT.THEME).blob)) for p in (made, shipped)]
    assert theme[0] == theme[1]


# ------------------------------------------------------------------------------------------ finding layouts


def test_office_layout_names_are_found_without_help(tmp_path: Path):
    info, warnings = read_template(office_template(tmp_path / "t.pptx"), "t.pptx", SourceSpan("o.yaml", 1, 1), "zh-CN")
    chosen = {role: layout.name for role, layout in info.roles}
    assert chosen == {"cover": "Title Slide", "agenda": "Title Only", "section": "Section Header",
                      "content": "Title Only", "closing": "Title Slide"}
    assert warnings == []
    assert (round(info.width_in, 3), round(info.height_in, 3)) == (10.0, 7.5)


def test_chinese_and_spanish_layout_names_are_found(tmp_path: Path):
    chinese = office_template(tmp_path / "zh.pptx", {"Title Slide": "标题幻灯片", "Section Header": "节标题",
                                                     "Title Only": "仅标题"})
    info, _ = read_template(chinese, "zh.pptx", SourceSpan("o.yaml", 1, 1), "zh-CN")
    assert {r: layout.name for r, layout in info.roles} == {"cover": "标题幻灯片", "agenda": "仅标题",
                                                            "section": "节标题", "content": "仅标题", "closing": "标题幻灯片"}
    spanish = office_template(tmp_path / "es.pptx", {"Title Slide": "Diapositiva de título",
                                                     "Section Header": "Encabezado de sección", "Title Only": "Solo el título"})
    info, _ = read_template(spanish, "es.pptx", SourceSpan("o.yaml", 1, 1), "es-ES")
    assert dict(info.roles)["section"].name == "Encabezado de sección"


def test_a_template_lacking_a_layout_gets_a_warning_that_lists_its_layouts(tmp_path: Path):
    office_template(tmp_path / "plain.pptx", {"Title Slide": "Opening", "Section Header": "Chapter"})
    outline = outline_with(tmp_path, "plain.pptx")
    layouts = ("'Opening', 'Title and Content', 'Chapter', 'Two Content', 'Comparison', 'Title Only', 'Blank', "
               "'Content with Caption', 'Picture with Caption', 'Title and Vertical Text', 'Vertical Title and Text'")
    expected = [
        ("warning: outline.yaml:12:13: deck.template: 'plain.pptx' has no layout for the cover (looked for "
         "'Title Slide', '标题幻灯片', '標題投影片', 'Diapositiva de título' and 8 more names); used 'Opening' instead. "
         f"Its layouts: {layouts}"),
        ("  hint: name the layout to use under deck.layouts, e.g. layouts: {cover: \"Opening\"}, or add a layout "
         "named 'Title Slide' to the template"),
        ("warning: outline.yaml:12:13: deck.template: 'plain.pptx' has no layout for the section dividers (looked "
         "for 'Section Header', '节标题', '章節標題', 'Encabezado de sección' and 11 more names); used 'Chapter' "
         f"instead. Its layouts: {layouts}"),
        ("  hint: name the layout to use under deck.layouts, e.g. layouts: {section: \"Chapter\"}, or add a layout "
         "named 'Section Header' to the template"),
    ]
    result = run_cli(tmp_path, "check", "outline.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == expected
    built = build(outline, tmp_path / "deck.pptx")  # the build returns the same warnings and still writes
    assert [w.render().replace(str(outline), "outline.yaml") for w in built.warnings] == [
        "\n".join(expected[0:2]).removeprefix("warning: "), "\n".join(expected[2:4]).removeprefix("warning: ")]
    deck = Presentation(str(built.output))
    assert deck.slides[0].slide_layout.name == "Opening"


def test_a_4_3_office_template_builds_with_everything_on_the_slide(tmp_path: Path):
    office_template(tmp_path / "plain.pptx")
    built = build(outline_with(tmp_path, "plain.pptx"), tmp_path / "deck.pptx")
    assert built.warnings == []
    deck = Presentation(str(built.output))
    assert deck.slide_width == 9144000  # the template's size, not ours
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= deck.slide_width + 1
            assert shape.top >= 0 and shape.top + shape.height <= deck.slide_height + 1


def test_a_potx_template_works_like_a_pptx(tmp_path: Path):
    source = zipfile.ZipFile(SAMPLE / "company.pptx")
    with zipfile.ZipFile(tmp_path / "company.potx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            target.writestr(item, data)
    built = build(outline_with(tmp_path, "company.potx", layouts=True), tmp_path / "deck.pptx")
    assert built.warnings == []
    deck = Presentation(str(built.output))
    assert deck.slides[0].slide_layout.name == "Company Title"


def test_a_layout_named_in_the_outline_must_exist(tmp_path: Path):
    office_template(tmp_path / "plain.pptx")
    outline = outline_with(tmp_path, "plain.pptx", extra="  layouts: {cover: Title Slid}\n")
    with pytest.raises(OutlineError) as caught:
        check_outline(outline)
    [problem] = caught.value.diagnostics
    assert str(problem.span) == f"{outline}:13:20"
    assert problem.message == "deck.layouts.cover: the template 'plain.pptx' has no layout named 'Title Slid'"
    assert problem.hint.startswith("did you mean 'Title Slide'? (its layouts: 'Title Slide', 'Title and Content'")


def test_layouts_need_a_template(tmp_path: Path):
    outline = outline_with(tmp_path, "x.pptx", extra="  layouts: {cover: Title Slide}\n")
    outline.write_text(outline.read_text(encoding="utf-8").replace("  template: x.pptx\n", ""), encoding="utf-8")
    with pytest.raises(OutlineError) as caught:
        check_outline(outline)
    assert [d.message for d in caught.value.diagnostics] == [
        "deck.layouts names layouts of a company template, but deck.template is not set"]


# ------------------------------------------------------------------------------------------ broken templates


def build_fails(folder: Path, expected: list[str]) -> None:
    deck = folder / "out" / "deck.pptx"
    deck.parent.mkdir()
    deck.write_bytes(EXISTING_DECK)
    result = run_cli(folder, "build", "outline.yaml", "-o", str(deck))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("deckgen: ")]
    assert lines == [*expected, "1 problem found; nothing was written."]
    assert deck.read_bytes() == EXISTING_DECK
    assert [p.name for p in deck.parent.iterdir()] == ["deck.pptx"]
    check = run_cli(folder, "check", "outline.yaml")
    assert check.returncode == 1 and check.stderr.splitlines() == [*expected, "1 problem found."]


def test_a_missing_template_is_an_outline_error_and_nothing_is_written(tmp_path: Path):
    outline_with(tmp_path, "brand/company.pptx")
    build_fails(tmp_path, [
        "outline.yaml:12:13: deck.template: the template file 'brand/company.pptx' does not exist",
        f"  hint: the path is relative to the outline; it was looked for in {tmp_path.resolve() / 'brand'}",
    ])


def test_a_corrupt_template_is_an_outline_error_and_nothing_is_written(tmp_path: Path):
    (tmp_path / "company.pptx").write_bytes(b"PK\x03\x04 this is not really a presentation")
    outline_with(tmp_path, "company.pptx")
    build_fails(tmp_path, [
        ("outline.yaml:12:13: deck.template: 'company.pptx' is not a PowerPoint file that can be read "
         "(not a zip package)"),
        "  hint: open it in PowerPoint and save it again as a .pptx or .potx",
    ])


def test_a_zip_that_is_not_a_presentation_is_refused(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    (tmp_path / "company.pptx").write_bytes(buffer.getvalue())
    outline = outline_with(tmp_path, "company.pptx")
    with pytest.raises(OutlineError) as caught:
        check_outline(outline)
    [problem] = caught.value.diagnostics
    assert problem.message.startswith("deck.template: 'company.pptx' is not a PowerPoint file that can be read (")


def test_a_template_of_another_kind_is_refused(tmp_path: Path):
    (tmp_path / "company.key").write_bytes(b"keynote")
    outline_with(tmp_path, "company.key")
    build_fails(tmp_path, [
        "outline.yaml:12:13: deck.template: 'company.key' is not a .pptx, .potx, .potm or .pptm file",
        "  hint: open it in PowerPoint (or WPS, Keynote, LibreOffice) and save it as a .pptx or .potx",
    ])
