"""Writing a deck on a company template: its masters, layouts and theme without its own slides, the
layout for each slide, and the template's placeholders filled (the template itself is read by
``deckgen/template_file.py``)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..template_file import (
    A_NS,
    BODY,
    FOOTER,
    OBJECT,
    SLIDE_NUMBER,
    SUBTITLE,
    TITLES,
    layout_key,
    open_presentation,
)
from ..theme import TemplateInfo

# ---------------------------------------------------------------------------------------------- writing


def start_deck(info: TemplateInfo):
    """The template opened for writing: its masters, layouts and theme, without its own slides."""
    prs = open_presentation(Path(info.path))
    _remove_slides(prs)
    return prs


def _remove_slides(prs) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        rid = slide_id.rId
        id_list.remove(slide_id)
        prs.part.drop_rel(rid)
    root = prs.part._element
    # sections and custom shows list slides by id; they would point at slides that are gone
    for tag in ("sectionLst", "custShowLst"):
        for node in root.iter(f"{{*}}{tag}"):
            parent = node.getparent()
            holder = parent if etree.QName(parent).localname == "ext" else None
            if holder is not None and holder.getparent() is not None:
                holder.getparent().remove(holder)
            else:
                parent.remove(node)
    package_rels = prs.part.package._rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)


def layout_named(prs, name: str):
    key = layout_key(name)
    return next(layout for master in prs.slide_masters for layout in master.slide_layouts if layout_key(layout.name) == key)


_ROLE_PLACEHOLDERS = {
    "Title": TITLES,
    "Subtitle": (SUBTITLE, BODY, OBJECT),
    "Section number": (SUBTITLE, BODY, OBJECT),
    "Footer": (FOOTER,),
    "Page number": (SLIDE_NUMBER,),
}


def placeholder_for(slide, layout, shape, used: set[int]):
    """The slide's placeholder that should hold ``shape`` (a title, subtitle, footer, page number), or None.

    Title and text placeholders were copied from the layout when the slide was added; footer and slide
    number placeholders are copied here, when the deck has something to put in them."""
    wanted = TITLES if shape.title else _ROLE_PLACEHOLDERS.get(shape.name, ())
    if not wanted:
        return None
    for placeholder in slide.placeholders:
        kind = int(placeholder.placeholder_format.type)
        if kind in wanted and placeholder.shape_id not in used:
            return placeholder
    for placeholder in layout.placeholders:
        if int(placeholder.placeholder_format.type) in (FOOTER, SLIDE_NUMBER) and \
                int(placeholder.placeholder_format.type) in wanted:
            slide.shapes.clone_placeholder(placeholder)
            return slide.placeholders[placeholder.placeholder_format.idx]
    return None


def slide_number_field(paragraph, number: str):
    """A slide-number field (PowerPoint keeps it current when slides move); ``number`` is its shown text."""
    field = etree.SubElement(paragraph._p, f"{{{A_NS}}}fld")
    field.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    field.set("type", "slidenum")
    run_properties = etree.SubElement(field, f"{{{A_NS}}}rPr")
    text = etree.SubElement(field, f"{{{A_NS}}}t")
    text.text = number
    return run_properties


def remove_empty_placeholders(slide, used: set[int]) -> None:
    """Placeholders of the layout that the deck left empty would show "Click to add text"."""
    for placeholder in list(slide.placeholders):
        if placeholder.shape_id not in used:
            element = placeholder._element
            element.getparent().remove(element)


def plain_paragraph(paragraph) -> None:
    """No bullet and no indent, whatever the placeholder's list style says."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", "0")
    properties.set("indent", "0")
    for tag in ("buNone", "buChar", "buAutoNum"):
        for old in properties.findall(f"{{{A_NS}}}{tag}"):
            properties.remove(old)
    etree.SubElement(properties, f"{{{A_NS}}}buNone")
