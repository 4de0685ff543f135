"""Make company.pptx, the company template of this sample: the fictional Spruce Home (云杉家居) brand.

It shows what deckgen takes from a template: its own theme colours (a:clrScheme "Spruce Home": petrol, brass,
sage …), its own fonts (a:fontScheme: Palatino Linotype headings, Arial body text, DengXian for Simplified
Chinese, Microsoft JhengHei for Traditional; LibreOffice shows Palatino as P052), a master with a coloured band and a logo, and layouts named
"Company Title", "Company Section", "Company Content", plus the standard "Title Only" and "Blank". It also has
one example slide of its own, which a deck built on it must not contain.

Run from the repository root (the output is checked in; the script gives the same bytes every time):

    .venv/bin/python samples/template-deck/make_template.py
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

OUT = Path(__file__).resolve().parent / "company.pptx"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"

PETROL, BRASS, SAGE, SAND, INK, PAPER = "14505C", "C8963E", "6D9A94", "D9C7A3", "1E2B2E", "EEF1EE"
COLOURS = {  # the theme's colour scheme
    "dk1": INK, "lt1": "FFFFFF", "dk2": PETROL, "lt2": PAPER,
    "accent1": PETROL, "accent2": BRASS, "accent3": SAGE, "accent4": SAND, "accent5": "4A6FA5",
    "accent6": "8C6D54", "hlink": PETROL, "folHlink": SAGE,
}
FONTS = {  # majorFont (headings) and minorFont (body): latin, East Asian by script
    "majorFont": ("Palatino Linotype", {"Hans": "DengXian", "Hant": "Microsoft JhengHei"}),
    "minorFont": ("Arial", {"Hans": "DengXian", "Hant": "Microsoft JhengHei"}),
}
WIDTH, HEIGHT = 13.333, 7.5
KEEP = {  # default layout -> our name; the others are removed
    "Title Slide": "Company Title",
    "Section Header": "Company Section",
    "Title and Content": "Company Content",
    "Title Only": "Title Only",
    "Blank": "Blank",
}


def main() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH), Inches(HEIGHT)
    _theme(prs)
    master = prs.slide_master
    _master(master)
    for layout in list(master.slide_layouts):
        if layout.name not in KEEP:
            _drop_layout(master, layout)
    for layout in master.slide_layouts:
        layout.name = KEEP[layout.name]
        {"Company Title": _title_layout, "Company Section": _section_layout}.get(layout.name, _content_layout)(layout)
    _example_slide(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    OUT.write_bytes(_stable(buffer.getvalue()))
    print(f"wrote {OUT}")


# ---------------------------------------------------------------------------------------------- theme


def _theme(prs) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    root.set("name", "Spruce Home")
    scheme = root.find(f".//{{{A}}}clrScheme")
    scheme.set("name", "Spruce Home")
    for child in list(scheme):
        scheme.remove(child)
    for name, value in COLOURS.items():
        etree.SubElement(etree.SubElement(scheme, f"{{{A}}}{name}"), f"{{{A}}}srgbClr", val=value)
    fonts = root.find(f".//{{{A}}}fontScheme")
    fonts.set("name", "Spruce Home")
    for which, (latin, scripts) in FONTS.items():
        node = fonts.find(f"{{{A}}}{which}")
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{{{A}}}latin", typeface=latin)
        etree.SubElement(node, f"{{{A}}}ea", typeface="")
        etree.SubElement(node, f"{{{A}}}cs", typeface="")
        for script, face in scripts.items():
            etree.SubElement(node, f"{{{A}}}font", script=script, typeface=face)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------------------------------------- master


def _master(master) -> None:
    boxes = {  # placeholder type -> inches
        1: (0.6, 0.3, 12.13, 0.9),      # title
        2: (0.6, 1.45, 12.13, 5.3),     # body: the content area, clear of the band
        16: (9.0, 0.12, 3.73, 0.25),    # date (not used on the layouts)
        15: (3.55, 7.05, 8.1, 0.4),     # footer, in the band
        13: (11.83, 7.05, 0.9, 0.4),    # slide number, in the band
    }
    for placeholder in master.placeholders:
        _place(placeholder, boxes[int(placeholder.placeholder_format.type)])
        if int(placeholder.placeholder_format.type) in (15, 13):
            _white_small(placeholder, right=int(placeholder.placeholder_format.type) == 13)
    # decorations behind the placeholders: the band, a brass rule, a title mark and the logo
    tree = master.shapes._spTree
    first = len(tree.findall(qn("p:sp")))
    _rect(master.shapes, (0, 7.0, WIDTH, 0.5), PETROL, "Band")
    _rect(master.shapes, (0, 6.97, WIDTH, 0.03), BRASS, "Band rule")
    _rect(master.shapes, (0.32, 0.62, 0.08, 0.5), BRASS, "Title mark")
    _logo(master.shapes, 0.6, 7.08, "FFFFFF", "Logo")
    # move the new shapes before the placeholders so they are drawn underneath
    shapes = tree.findall(qn("p:sp"))
    anchor = shapes[0]
    for element in shapes[first:]:
        anchor.addprevious(element)
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    _run_style(title.find(qn("a:defRPr")), 2800, "tx2")
    body = styles.find(qn("p:bodyStyle"))
    for level, size in (("a:lvl1pPr", 2000), ("a:lvl2pPr", 1800), ("a:lvl3pPr", 1600)):
        _run_style(body.find(qn(level)).find(qn("a:defRPr")), size, "tx1")


def _place(shape, box) -> None:
    shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in box)


def _white_small(placeholder, right: bool) -> None:
    body = placeholder._element.find(qn("p:txBody"))
    body_pr = body.find(qn("a:bodyPr"))
    body_pr.set("anchor", "ctr")
    style = body.find(qn("a:lstStyle"))
    for child in list(style):
        style.remove(child)
    level = etree.SubElement(style, qn("a:lvl1pPr"), algn="r" if right else "l")
    run = etree.SubElement(level, qn("a:defRPr"), sz="1000" if right else "900")
    fill = etree.SubElement(run, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr"), val="bg1")


def _run_style(rpr, size: int, colour: str) -> None:
    rpr.set("sz", str(size))
    for old in rpr.findall(qn("a:solidFill")):
        rpr.remove(old)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr"), val=colour)
    rpr.insert(0, fill)


_SCRATCH = Presentation()  # masters and layouts cannot add shapes: draw them on a scratch slide, then move them
_SCRATCH_SLIDE = _SCRATCH.slides.add_slide(_SCRATCH.slide_layouts[6])


def _adopt(shapes, shape) -> None:
    """Move ``shape`` from the scratch slide into ``shapes`` (a master's or a layout's), with a fresh id."""
    element = shape._element
    element.getparent().remove(element)
    tree = shapes._spTree
    used = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    element.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(max(used, default=1) + 1))
    tree.append(element)


def _rect(shapes, box, colour: str, name: str, kind=MSO_SHAPE.RECTANGLE):
    shape = _SCRATCH_SLIDE.shapes.add_shape(kind, *(Inches(v) for v in box))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour)
    shape.line.fill.background()
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    _adopt(shapes, shape)


def _logo(shapes, left: float, top: float, colour: str, name: str) -> None:
    """The brand mark: a spruce (a triangle over a trunk) and the name."""
    _rect(shapes, (left, top, 0.3, 0.27), colour, f"{name} tree", MSO_SHAPE.ISOSCELES_TRIANGLE)
    _rect(shapes, (left + 0.12, top + 0.27, 0.06, 0.07), colour, f"{name} trunk")
    box = _SCRATCH_SLIDE.shapes.add_textbox(Inches(left + 0.4), Inches(top - 0.05), Inches(2.6), Inches(0.44))
    box.name = f"{name} name"
    frame = box.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    for text, bold in (("云杉家居", True), ("  SPRUCE HOME", False)):
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(11)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(colour)
        rpr = run.font._element
        rpr.set("lang", "zh-CN")
        etree.SubElement(rpr, qn("a:latin"), typeface="+mn-lt")
        etree.SubElement(rpr, qn("a:ea"), typeface="+mn-ea")
    _adopt(shapes, box)


# ---------------------------------------------------------------------------------------------- layouts


def _drop_layout(master, layout) -> None:
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    for entry in id_list:
        if master.part.related_part(entry.get(qn("r:id"))) is layout.part:
            rid = entry.get(qn("r:id"))
            id_list.remove(entry)
            master.part.drop_rel(rid)
            return


def _without_date(layout) -> dict[int, object]:
    found = {}
    for placeholder in list(layout.placeholders):
        kind = int(placeholder.placeholder_format.type)
        if kind == 16:
            placeholder._element.getparent().remove(placeholder._element)
        else:
            found[kind] = placeholder
    return found


def _content_layout(layout) -> None:
    """Company Content, Title Only, Blank: the master's places (title, body, band with footer and number)."""
    found = _without_date(layout)
    boxes = {1: (0.6, 0.3, 12.13, 0.9), 7: (0.6, 1.45, 12.13, 5.3), 15: (3.55, 7.05, 8.1, 0.4),
             13: (11.83, 7.05, 0.9, 0.4)}
    for kind, placeholder in found.items():
        _place(placeholder, boxes[kind])


def _title_layout(layout) -> None:
    """Company Title: a petrol block with the logo, the title in white, a brass rule, the subtitle below."""
    layout._element.set("showMasterSp", "0")
    found = _without_date(layout)
    for kind in (15, 13):  # no footer or number on the cover
        found[kind]._element.getparent().remove(found.pop(kind)._element)
    _backdrop(layout, [((0, 0, WIDTH, 4.9), PETROL, "Cover block"), ((0.9, 5.1, 1.6, 0.06), BRASS, "Cover rule")],
              logo=(0.9, 0.75))
    _place(found[3], (0.9, 1.5, 11.5, 3.0))
    _text_style(found[3], size=4000, colour="bg1", anchor="b", font="+mj-lt")
    _place(found[4], (0.9, 5.3, 11.5, 0.7))
    _text_style(found[4], size=2000, colour="tx2", anchor="t", font="+mn-lt")


def _section_layout(layout) -> None:
    """Company Section: petrol all over, a large brass number, the section title in white."""
    layout._element.set("showMasterSp", "0")
    found = _without_date(layout)
    for kind in (15, 13):
        found[kind]._element.getparent().remove(found.pop(kind)._element)
    _backdrop(layout, [((0, 0, WIDTH, HEIGHT), PETROL, "Section background"),
                       ((0.9, 4.55, 1.2, 0.06), BRASS, "Section rule")], logo=(0.9, 6.6))
    _place(found[2], (0.9, 1.6, 6.0, 1.4))   # the section number
    _text_style(found[2], size=6000, colour="accent2", anchor="b", font="+mj-lt")
    _place(found[1], (0.9, 3.1, 11.5, 1.3))  # the section title
    _text_style(found[1], size=3600, colour="bg1", anchor="t", font="+mj-lt")


def _backdrop(layout, rects, logo) -> None:
    tree = layout.shapes._spTree
    first = len(tree.findall(qn("p:sp")))
    for box, colour, name in rects:
        _rect(layout.shapes, box, colour, name)
    _logo(layout.shapes, *logo, "FFFFFF", "Logo")
    shapes = tree.findall(qn("p:sp"))
    for element in shapes[first:]:
        shapes[0].addprevious(element)


def _text_style(placeholder, size: int, colour: str, anchor: str, font: str) -> None:
    body = placeholder._element.find(qn("p:txBody"))
    body.find(qn("a:bodyPr")).set("anchor", anchor)
    style = body.find(qn("a:lstStyle"))
    for child in list(style):
        style.remove(child)
    level = etree.SubElement(style, qn("a:lvl1pPr"), marL="0", indent="0", algn="l")
    etree.SubElement(level, qn("a:buNone"))
    run = etree.SubElement(level, qn("a:defRPr"), sz=str(size))
    fill = etree.SubElement(run, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr"), val=colour)
    etree.SubElement(run, qn("a:latin"), typeface=font)


# ---------------------------------------------------------------------------------------------- example slide


def _example_slide(prs) -> None:
    """The kind of slide a template often carries; decks built on the template leave it out."""
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Company Content")
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "How to use this template"
    body = next(p for p in slide.placeholders if p.placeholder_format.idx == 1)
    body.text = "Choose a layout from Home › Layout. Keep content inside the grey guides."


def _stable(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = copy.copy(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    main()
