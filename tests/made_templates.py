"""Company templates made for tests with python-pptx, shaped like the real ones deckgen meets: a brand colour
only in the master's art over Office's default theme colours, a logo inside the body area, a 4:3 slide, a
macro-enabled package.

A module of its own, not conftest.py: several folders of the suite have a conftest.py.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Inches

VIOLET = "5B2C83"
LOGO_BOX = (10.9, 1.5, 1.9, 0.9)  # inches: inside the master's body area, top right


def logo_png() -> bytes:
    """A small violet square with a white bar: the kind of logo picture a master carries."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 60), "#" + VIOLET)
    ImageDraw.Draw(image).rectangle((15, 24, 105, 36), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _scale_placeholders(prs, factor: float) -> None:
    """Office's layouts are drawn for 4:3: stretch them across a wider slide."""
    master = prs.slide_master
    for owner in (master, *master.slide_layouts):
        for placeholder in owner.placeholders:
            if placeholder._element.spPr.find(qn("a:xfrm")) is not None:  # else inherited, scaled once
                placeholder.left = round(placeholder.left * factor)
                placeholder.width = round(placeholder.width * factor)


def _adopt(prs, owner, shape) -> None:
    """Move ``shape`` from a scratch slide onto a master or layout, drawn under its placeholders."""
    element = shape._element
    element.getparent().remove(element)
    tree = owner.shapes._spTree
    used = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    element[0].find(qn("p:cNvPr")).set("id", str(max(used, default=1) + 1))
    first = next(child for child in tree if child.tag in (qn("p:sp"), qn("p:pic"), qn("p:grpSp")))
    first.addprevious(element)


BAND_LOGO_43 = (0.4, 6.95, 1.4, 0.45)  # inches: a 4:3 logo in the footer row, left of the footer


def violet_template(path: Path, *, widescreen: bool = True, logo: tuple[float, ...] | None = None,
                    latin: str = "Calibri") -> Path:
    """Office's default theme colours (blue and orange), while the master's art is violet: a title bar across
    the top and a logo picture inside the body area, at the top right (or at ``logo``). ``latin``: the theme's
    Latin font (Office's Calibri by default)."""
    prs = Presentation()
    if latin != "Calibri":
        theme = prs.slide_master.part.part_related_by(_THEME_RT)
        theme._blob = theme.blob.replace(b'typeface="Calibri"', f'typeface="{latin}"'.encode())
    if widescreen:
        prs.slide_width = Inches(13.333)
        _scale_placeholders(prs, 13.333 / 10)
    width = prs.slide_width
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    bar = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, width, Inches(1.3))
    bar.name = "Brand bar"
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(VIOLET)
    bar.line.fill.background()
    master = prs.slide_master
    _adopt(prs, master, bar)
    left, top, w, h = logo or (LOGO_BOX if widescreen else (7.6, 1.5, 1.9, 0.9))
    logo = scratch.shapes.add_picture(io.BytesIO(logo_png()), Inches(left), Inches(top), Inches(w), Inches(h))
    logo.name = "Logo"
    logo_rel = logo._element.find(".//" + qn("a:blip")).get(qn("r:embed"))
    image_part = scratch.part.related_part(logo_rel)
    logo._element.find(".//" + qn("a:blip")).set(qn("r:embed"), master.part.relate_to(image_part, _IMAGE_RT))
    _adopt(prs, master, logo)
    for placeholder in master.placeholders:  # the title inside the bar
        if int(placeholder.placeholder_format.type) == 1:
            placeholder.top, placeholder.height = Inches(0.15), Inches(1.0)
    for layout in master.slide_layouts:
        for placeholder in layout.placeholders:
            if int(placeholder.placeholder_format.type) == 1:
                placeholder.top, placeholder.height = Inches(0.15), Inches(1.0)
    _drop_slides(prs)
    prs.save(str(path))
    return path


_THEME_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_IMAGE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _drop_slides(prs) -> None:
    ids = prs.slides._sldIdLst
    for entry in list(ids):
        prs.part.drop_rel(entry.rId)
        ids.remove(entry)


def macro_enabled(source: Path, target: Path, *, template: bool = True) -> Path:
    """``source`` as a macro-enabled .potm (or .pptm): the main part's macro content type and a VBA project."""
    main = "template" if template else "presentation"
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for item in package.infolist():
            data = package.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.presentationml.presentation."
                                    b"main+xml", f"application/vnd.ms-powerpoint.{main}.macroEnabled.main+xml".encode())
                data = data.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/'
                                    b'vnd.ms-office.vbaProject"/></Types>')
            if item.filename == "ppt/_rels/presentation.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId999" Type="http://schemas.microsoft'
                                    b'.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
                                    b"</Relationships>")
            out.writestr(item, data)
        out.writestr("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0 a VBA project")
    return target
