"""The directly written text boxes and rectangles are exactly what python-pptx's API made of them.

The reference below is the writer's former python-pptx code, kept here as the definition of the XML.
"""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from deckgen.layout.spec import Box, Para, RectShape, Run, TextShape
from deckgen.layout.textfit import LINE_BREAK, bind
from deckgen.text import printable
from deckgen.writer import shape_xml

FONTS = ("Arial", "Microsoft YaHei")
LANG = "zh-CN"
_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


def _emu(inches: float) -> Emu:
    return Emu(round(inches * 914400))


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _box(box: Box):
    return _emu(box.left_in), _emu(box.top_in), _emu(box.width_in), _emu(box.height_in)


def reference_text(slide, shape: TextShape):
    box = slide.shapes.add_textbox(*_box(shape.box))
    box.name = shape.name
    if shape.fill:
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(shape.fill)
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = _ANCHOR[shape.anchor]
    inset_y = shape.inset_in if shape.inset_y_in is None else shape.inset_y_in
    frame.margin_left = frame.margin_right = _emu(shape.inset_in)
    frame.margin_top = frame.margin_bottom = _emu(inset_y)
    for index, para in enumerate(shape.paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = _ALIGN[para.align]
        if para.space_after_pt:
            paragraph.space_after = Pt(para.space_after_pt)
        if para.bullet:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.set("marL", str(Inches(0.22)))
            ppr.set("indent", str(-Inches(0.22)))
            etree.SubElement(ppr, qn("a:buChar")).set("char", "•")
        rpr = None
        for piece in para.runs:
            # the layout's line breaks as <a:br/> sized like the run, numbers bound to their units (textfit.bind)
            for number, line in enumerate(piece.text.split(LINE_BREAK)):
                if number and rpr is not None:
                    paragraph.add_line_break()
                    paragraph._p.findall(qn("a:br"))[-1].append(copy.deepcopy(rpr))
                run = paragraph.add_run()
                run.text = printable(bind(line), keep_newlines=True)
                font = run.font
                font.size = Pt(para.size_pt)
                font.bold = piece.bold or para.bold
                colour = piece.colour or para.colour
                if colour:
                    font.color.rgb = _rgb(colour)
                font.name = FONTS[0]
                rpr = font._element
                rpr.set("lang", LANG)
                rpr.set("altLang", "en-US")
                east_asian = etree.SubElement(rpr, qn("a:ea"))
                rpr.find(qn("a:latin")).addnext(east_asian)
                east_asian.set("typeface", FONTS[1])
    return box._element


def reference_rect(slide, shape: RectShape):
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if shape.rounded else MSO_SHAPE.RECTANGLE
    drawn = slide.shapes.add_shape(kind, *_box(shape.box))
    drawn.name = shape.name
    drawn.fill.solid()
    drawn.fill.fore_color.rgb = _rgb(shape.fill)
    if shape.line:
        drawn.line.color.rgb = _rgb(shape.line)
    else:
        drawn.line.fill.background()
    drawn._element.remove(drawn._element.find(qn("p:style")))
    return drawn._element


def _blank_slide():
    prs = Presentation()
    return prs.slides.add_slide(prs.slide_layouts[6])


def _same(reference, written: str) -> None:
    element = shape_xml.parse(written)
    reference.getparent().append(element)  # in the same tree, so namespaces serialise alike
    assert etree.tostring(element) == etree.tostring(reference)


colours = st.sampled_from(["#1B365D", "#e07a1f", "FFFFFF", "#6b7280"])
texts = st.text(alphabet=st.sampled_from(list("销售额 GMV 12.5% <&>\"'\t\n\r\x07\x0b_x000D_ 万元")), max_size=30)
runs = st.builds(Run, texts, st.booleans(), st.none() | colours)
paras = st.builds(Para, st.tuples(runs) | st.lists(runs, max_size=4).map(tuple),
                  st.sampled_from([9, 10.5, 11, 14, 26, 13.333]), st.sampled_from(["", "#1B365D"]),
                  st.sampled_from(["left", "center", "right"]), st.booleans(), st.sampled_from([0.0, 6, 4.5]),
                  st.booleans())
boxes = st.builds(Box, st.floats(0, 12), st.floats(0, 7), st.floats(0.1, 12), st.floats(0.1, 7))
names = st.sampled_from(["Title", "KPI 1 value", 'A & "B" <c>', "销售额"])


@settings(max_examples=150, deadline=None)
@given(names, boxes, st.lists(paras, max_size=4).map(tuple), st.sampled_from(["top", "middle", "bottom"]),
       st.none() | colours, st.sampled_from([0.0, 0.08, 0.1, 0.05]), st.none() | st.sampled_from([0.0, 0.05, 0.1]))
def test_text_boxes_are_written_as_python_pptx_wrote_them(name, box, paragraphs, anchor, fill, inset, inset_y):
    shape = TextShape(name, box, paragraphs, anchor=anchor, fill=fill, inset_in=inset, inset_y_in=inset_y)
    slide = _blank_slide()
    reference = reference_text(slide, shape)
    _same(reference, shape_xml.text_shape(int(reference[0][0].get("id")), shape, FONTS, LANG))


@settings(max_examples=40, deadline=None)
@given(names, boxes, colours, st.none() | colours, st.booleans())
def test_rectangles_are_written_as_python_pptx_wrote_them(name, box, fill, line, rounded):
    shape = RectShape(name, box, fill, line, rounded)
    slide = _blank_slide()
    reference = reference_rect(slide, shape)
    _same(reference, shape_xml.rect_shape(int(reference[0][0].get("id")), shape))
