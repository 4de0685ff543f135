"""The XML of text boxes and rectangles, written directly.

Most of a deck is text boxes and plain rectangles. Through python-pptx's object API each attribute set walks
the element's children to keep the schema's order, which dominated the writing of large decks
(docs/dev/performance.md). Here each shape is one string, parsed once. It is exactly the XML that the
python-pptx calls it replaces produced: the same elements, attributes in the same order, attributes left out
where python-pptx leaves out a default. ``tests/writer/test_shape_xml.py`` compares the two shape by shape.
"""

from __future__ import annotations

import re

from ..layout.spec import Para, RectShape, TextShape
from ..text import printable

NAMESPACES = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
EMU_PER_INCH = 914400
EMU_PER_PT = 12700
EMU_PER_CENTIPOINT = 127
DEFAULT_INSET_X, DEFAULT_INSET_Y = 91440, 45720  # python-pptx drops lIns/rIns and tIns/bIns at these values
BULLET_INDENT = int(0.22 * EMU_PER_INCH)
ALIGN = {"left": "l", "center": "ctr", "right": "r"}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")  # what python-pptx writes as _xHHHH_ in a run's text


def emu(inches: float) -> int:
    return round(inches * EMU_PER_INCH)


def centipoints(points: float) -> int:
    """A size in points as python-pptx stores it: whole EMUs first, then whole hundredths of a point."""
    return int(points * EMU_PER_PT) // EMU_PER_CENTIPOINT


def text_shape(shape_id: int, shape: TextShape, fonts: tuple[str, str], lang: str) -> str:
    """A text box: its fill, frame (wrap, anchor, insets, no autofit) and paragraphs."""
    box = shape.box
    fill = _solid(shape.fill) if shape.fill else "<a:noFill/>"
    inset_x = emu(shape.inset_in)
    inset_y = emu(shape.inset_in if shape.inset_y_in is None else shape.inset_y_in)
    insets = ""
    if inset_x != DEFAULT_INSET_X:
        insets += f' lIns="{inset_x}" rIns="{inset_x}"'
    if inset_y != DEFAULT_INSET_Y:
        insets += f' tIns="{inset_y}" bIns="{inset_y}"'
    paragraphs = "".join(_paragraph(para, fonts, lang) for para in shape.paras) or "<a:p/>"
    return (f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(shape.name)}"/>'
            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(box)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}</p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square" anchor="{ANCHOR[shape.anchor]}"{insets}><a:noAutofit/></a:bodyPr>'
            f"<a:lstStyle/>{paragraphs}</p:txBody></p:sp>")


def title_placeholder(shape_id: int, shape: TextShape, fonts: tuple[str, str], lang: str) -> str:
    """The slide's title as its layout's title placeholder (what outline view, search and screen readers read
    as the title), drawn exactly like :func:`text_shape`: every property that shows is set on the shape."""
    box = text_shape(shape_id, shape, fonts, lang)
    return box.replace('<p:cNvSpPr txBox="1"/><p:nvPr/>',
                       '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr>', 1)


def rect_shape(shape_id: int, shape: RectShape) -> str:
    """A filled rectangle (rounded or not), outlined or not, without the theme's style reference."""
    line = f"<a:ln>{_solid(shape.line)}</a:ln>" if shape.line else "<a:ln><a:noFill/></a:ln>"
    geometry = "roundRect" if shape.rounded else "rect"
    return (f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(shape.name)}"/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(shape.box)}<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'
            f'{_solid(shape.fill)}{line}</p:spPr><p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/>'
            '<a:p><a:pPr algn="ctr"/></a:p></p:txBody></p:sp>')


def parse(xml: str):
    """The shape as an element of python-pptx's classes. An empty run keeps its empty text, as python-pptx
    writes it (<a:t></a:t>, where parsing alone would give <a:t/>)."""
    from pptx.oxml import parse_xml

    element = parse_xml(xml)
    if "<a:t></a:t>" in xml:
        for text in element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}t"):
            if text.text is None:
                text.text = ""
    return element


def _paragraph(para: Para, fonts: tuple[str, str], lang: str) -> str:
    spacing = f'<a:spcAft><a:spcPts val="{centipoints(para.space_after_pt)}"/></a:spcAft>' \
        if para.space_after_pt else ""
    if para.bullet:
        ppr = (f'<a:pPr algn="{ALIGN[para.align]}" marL="{BULLET_INDENT}" indent="{-BULLET_INDENT}">{spacing}'
               '<a:buChar char="•"/></a:pPr>')
    elif spacing:
        ppr = f'<a:pPr algn="{ALIGN[para.align]}">{spacing}</a:pPr>'
    else:
        ppr = f'<a:pPr algn="{ALIGN[para.align]}"/>'
    size = centipoints(para.size_pt)
    runs = "".join(_run(piece.text, size, piece.bold or para.bold, piece.colour or para.colour, fonts, lang)
                   for piece in para.runs)
    return f"<a:p>{ppr}{runs}</a:p>"


def _run(text: str, size: int, bold: bool | None, colour: str | None, fonts: tuple[str, str], lang: str) -> str:
    """Runs of one text: a line break (<a:br/>, sized like its run) wherever the layout broke a line
    (``layout.textfit.LINE_BREAK``), word joiners inside numbers with their units (``layout.textfit.bind``)."""
    from ..layout.textfit import LINE_BREAK, bind

    weight = "" if bold is None else f' b="{1 if bold else 0}"'
    fill = _solid(colour) if colour else ""
    latin, east_asian = fonts
    rpr = (f'<a:rPr sz="{size}"{weight} lang="{_attr(lang)}" altLang="en-US">{fill}'
           f'<a:latin typeface="{_attr(latin)}"/><a:ea typeface="{_attr(east_asian)}"/></a:rPr>')
    return f"<a:br>{rpr}</a:br>".join(f"<a:r>{rpr}<a:t>{_text(bind(line))}</a:t></a:r>"
                                       for line in text.split(LINE_BREAK))


def _xfrm(box) -> str:
    return (f'<a:xfrm><a:off x="{emu(box.left_in)}" y="{emu(box.top_in)}"/>'
            f'<a:ext cx="{emu(box.width_in)}" cy="{emu(box.height_in)}"/></a:xfrm>')


def _solid(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:solidFill>'


def _text(text: str) -> str:
    """A run's text: made printable as every run is (deckgen/text.py), any control character left written
    as python-pptx writes it (_xHHHH_), then escaped for XML."""
    text = _CONTROL.sub(lambda match: f"_x{ord(match[0]):04X}_", printable(text, keep_newlines=True))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))
