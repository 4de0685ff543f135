"""A template's package made one python-pptx opens as a presentation: a .potx differs from a .pptx only in its
main part's content type; a .potm or .pptm also carries a VBA project (and maybe ribbon code calling it), which
is left out with its relationships, so the deck written is a plain .pptx."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def as_presentation(data: bytes) -> bytes:
    """A .potx differs from a .pptx only in its main part's content type; a .potm or .pptm also carries a VBA
    project (and maybe ribbon code calling it): read without them, so the deck written is a plain .pptx."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml")
    if not any(kind.encode() in types for kind in _OTHER_MAINS):
        return data
    dropped: set[str] = set()
    edited: dict[str, bytes] = {}
    for rels in [name for name in source.namelist() if name.endswith(".rels")]:
        kept, gone = _without_macro_relationships(source.read(rels), rels)
        if gone:
            edited[rels] = kept
            dropped |= gone
    for part in list(dropped):  # what the macro parts relate to (a VBA project's data) goes with them
        rels = _rels_of(part)
        if rels in source.namelist():
            dropped |= {rels, *_without_macro_relationships(source.read(rels), rels, every=True)[1]}
    edited["[Content_Types].xml"] = _plain_types(types, dropped)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in dropped:
                target.writestr(info, edited.get(info.filename) or source.read(info.filename))
    return out.getvalue()


_OTHER_MAINS = (_TEMPLATE_MAIN, "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
                "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
                "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml")
_MACRO_RELATIONSHIPS = ("/vbaProject", "/ui/extensibility", "/wordVbaData", "/keyMapCustomizations")
_MACRO_TYPES = ("vbaProject", "vbaData", "customUI")
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def _rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _without_macro_relationships(xml: bytes, rels: str, every: bool = False) -> tuple[bytes, set[str]]:
    """The relationships file without those to macro parts (``every``: without any), and the package names of
    the parts they named."""
    root = etree.fromstring(xml)
    folder = rels.split("_rels/")[0]
    gone = set()
    for rel in list(root.iterfind(f"{{{_RELS}}}Relationship")):
        if every or rel.get("Type", "").endswith(_MACRO_RELATIONSHIPS):
            target = rel.get("Target", "")
            gone.add(target.lstrip("/") if target.startswith("/") else _joined(folder, target))
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), gone


def _joined(folder: str, target: str) -> str:
    parts = [p for p in (folder + target).split("/") if p and p != "."]
    out: list[str] = []
    for part in parts:
        if part == "..":
            out = out[:-1]
        else:
            out.append(part)
    return "/".join(out)


def _plain_types(xml: bytes, dropped: set[str]) -> bytes:
    """Content types with the main part a presentation's and no entries for the macro parts."""
    root = etree.fromstring(xml)
    for node in list(root):
        kind = node.get("ContentType", "")
        if kind in _OTHER_MAINS:
            node.set("ContentType", _PRESENTATION_MAIN)
        elif any(word in kind for word in _MACRO_TYPES) or node.get("PartName", "").lstrip("/") in dropped:
            root.remove(node)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
