"""What a company template draws itself, read from its master and layouts: the pictures and logos deck content
must leave uncovered, the filled shapes text may sit on (a title bar), the slide background, the colour its
title style gives titles, and the brand colours of its art. Part of reading a template at the pipeline's edge
(``template_file.py``); plain data goes on.
"""

from __future__ import annotations

import colorsys
from collections import Counter

from lxml import etree

from .colour import saturated
from .theme import Art, Rect

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
EMU_PER_INCH = 914400
BACKDROP_SHARE = 0.4  # art covering this much of the slide is a backdrop, drawn to be written on
_ART_TAGS = ("pic", "grpSp", "graphicFrame", "sp")
# the placeholders the deck fills or removes; footer, date and slide number must stay clear as well
_KEPT_PLACEHOLDERS = {"ftr": "footer", "dt": "date", "sldNum": "slide number"}

# Office's default theme colours (accent1..6) of 2007, 2013 and 2023 on: a template that still has them has no
# colours of its own in its theme
OFFICE_ACCENTS = (
    ("#4F81BD", "#C0504D", "#9BBB59", "#8064A2", "#4BACC6", "#F79646"),
    ("#5B9BD5", "#ED7D31", "#A5A5A5", "#FFC000", "#4472C4", "#70AD47"),
    ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"),
    ("#156082", "#E97132", "#196B24", "#0F9ED5", "#A02B93", "#4EA72E"),
)


def is_office_default(colours: dict[str, str]) -> bool:
    accents = tuple(colours.get(f"accent{i}", "").upper() for i in range(1, 7))
    return accents in OFFICE_ACCENTS


# ---------------------------------------------------------------------------------------------- shapes


def _rect(node) -> Rect | None:
    off = node.find("./*/a:xfrm/a:off", NS)
    ext = node.find("./*/a:xfrm/a:ext", NS)
    if off is None or ext is None:  # a group's own transform
        off, ext = node.find("./p:grpSpPr/a:xfrm/a:off", NS), node.find("./p:grpSpPr/a:xfrm/a:ext", NS)
    if off is None or ext is None:
        off, ext = node.find("./p:xfrm/a:off", NS), node.find("./p:xfrm/a:ext", NS)  # a graphic frame
    if off is None or ext is None:
        return None
    left, top, width, height = (int(v) / EMU_PER_INCH for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))
    return Rect(round(left, 4), round(top, 4), round(width, 4), round(height, 4)) if width > 0 and height > 0 else None


def _name(node) -> str:
    found = node.find("./*/p:cNvPr", NS)
    return found.get("name", "") if found is not None else ""


def _placeholder_type(node) -> str | None:
    found = node.find("./*/p:nvPr/p:ph", NS)
    return None if found is None else found.get("type", "body")


def _master_rect(layout, kind: str) -> Rect | None:
    """Where the master puts a placeholder of ``kind`` (a layout's placeholder without a position of its own)."""
    tree = layout.slide_master._element.find("./p:cSld/p:spTree", NS)
    return next((_rect(node) for node in tree.iterfind("./p:sp", NS) if _placeholder_type(node) == kind), None)


def _has_text(node) -> bool:
    return any((t.text or "").strip() for t in node.iterfind(".//a:t", NS))


def _shown_trees(layout) -> list:
    """The shape trees drawn on a slide of ``layout``: the master's (unless the layout hides them), then its own."""
    trees = []
    if layout._element.get("showMasterSp", "1") not in ("0", "false"):
        trees.append(layout.slide_master._element.find("./p:cSld/p:spTree", NS))
    trees.append(layout._element.find("./p:cSld/p:spTree", NS))
    return trees


def template_art(layout, width: float, height: float) -> tuple[Art, ...]:
    """Pictures, logos (text or grouped shapes) and graphics of the master and layout, and the footer, date and
    slide-number placeholders: what deck content must not cover. Backdrops (large art) are left out."""
    found: list[Art] = []
    trees = _shown_trees(layout)
    for position, tree in enumerate(trees):
        own = position == len(trees) - 1  # placeholders are drawn from the layout's, never the master's
        for node in tree:
            tag = etree.QName(node).localname
            if tag not in _ART_TAGS:
                continue
            kind = _placeholder_type(node)
            rect = _rect(node) if kind is None else _rect(node) or _master_rect(layout, kind)
            if rect is None or rect.width * rect.height >= BACKDROP_SHARE * width * height:
                continue
            if kind is not None:
                if kind in _KEPT_PLACEHOLDERS and own:
                    found.append(Art(_KEPT_PLACEHOLDERS[kind] + " placeholder", rect, placeholder=True))
                continue
            if tag != "sp" or _has_text(node):
                found.append(Art(_name(node) or tag, rect))
    return tuple(found)


# ---------------------------------------------------------------------------------------------- colours


class Colours:
    """Scheme colours of one master (its theme and colour map), resolved to #RRGGBB."""

    def __init__(self, scheme: dict[str, str], master):
        self.scheme = scheme
        clr_map = master._element.find("./p:clrMap", NS)
        defaults = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
        self.mapping = {key: (clr_map.get(key) if clr_map is not None else None) or value
                        for key, value in defaults.items()}

    def of(self, holder) -> str | None:
        """The colour of a fill or run-properties node holding a colour child (srgbClr, schemeClr …)."""
        if holder is None:
            return None
        for child in holder:
            tag = etree.QName(child).localname
            value = None
            if tag == "srgbClr":
                value = "#" + child.get("val", "000000").upper()
            elif tag == "schemeClr":
                name = child.get("val", "")
                value = self.scheme.get(self.mapping.get(name, name))
            elif tag == "sysClr":
                value = "#" + (child.get("lastClr") or "000000").upper()
            elif tag == "prstClr":
                value = {"white": "#FFFFFF", "black": "#000000"}.get(child.get("val", ""))
            if value:
                return _modified(value, child)
        return None

    def fill(self, node) -> str | None:
        """A shape's solid fill: its own, else its style's fill reference."""
        sp_pr = node.find("./p:spPr", NS)
        if sp_pr is not None:
            if sp_pr.find("./a:noFill", NS) is not None:
                return None
            solid = sp_pr.find("./a:solidFill", NS)
            if solid is not None:
                return self.of(solid)
            if sp_pr.find("./a:gradFill", NS) is not None or sp_pr.find("./a:blipFill", NS) is not None:
                return None
        ref = node.find("./p:style/a:fillRef", NS)
        if ref is not None and ref.get("idx", "0") != "0":
            return self.of(ref)
        return None


def _modified(colour: str, node) -> str:
    """lumMod / lumOff (how PowerPoint writes "lighter 40 %" and "darker 25 %") applied in HLS."""
    mod = node.find("./a:lumMod", NS)
    off = node.find("./a:lumOff", NS)
    if mod is None and off is None:
        return colour
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    light = light * (int(mod.get("val")) / 100000 if mod is not None else 1) + \
        (int(off.get("val")) / 100000 if off is not None else 0)
    r, g, b = colorsys.hls_to_rgb(hue, min(1.0, max(0.0, light)), sat)
    return "#" + "".join(f"{round(v * 255):02X}" for v in (r, g, b))


def filled_art(layout, colours: Colours) -> tuple[tuple[Rect, str], ...]:
    """Solid-filled shapes of the master and layout (bars, bands, blocks) in drawing order: what text may
    sit on."""
    found = []
    for tree in _shown_trees(layout):
        for node in tree.iterfind("./p:sp", NS):
            if _placeholder_type(node) is not None:
                continue
            rect, fill = _rect(node), colours.fill(node)
            if rect is not None and fill:
                found.append((rect, fill))
    return tuple(found)


def background(layout, colours: Colours) -> str | None:
    """The slide background of ``layout`` (its own, else its master's) when it is one solid colour."""
    for owner in (layout, layout.slide_master):
        bg = owner._element.find("./p:cSld/p:bg", NS)
        if bg is None:
            continue
        solid = bg.find("./p:bgPr/a:solidFill", NS)
        if solid is not None:
            return colours.of(solid)
        ref = bg.find("./p:bgRef", NS)
        if ref is not None:
            return colours.of(ref)
        return None  # a picture or gradient
    return None


_PLACEHOLDER_TEXT = (  # our text that goes into a placeholder: its types, and the master's style for it
    ("Title", ("title", "ctrTitle"), "titleStyle"),
    ("Subtitle", ("subTitle", "body"), "bodyStyle"),
    ("Section number", ("subTitle", "body"), "bodyStyle"),
    ("Footer", ("ftr",), None),
    ("Page number", ("sldNum",), None),
)


def text_colours(layout, colours: Colours) -> tuple[tuple[str, str], ...]:
    """The colour the template gives the text of each placeholder we fill (title, subtitle, footer, page
    number): the layout's placeholder, else the master's, else the master's text style."""
    found = []
    for name, types, style in _PLACEHOLDER_TEXT:
        candidates = []
        for owner in (layout, layout.slide_master):
            for node in owner._element.find("./p:cSld/p:spTree", NS).iterfind("./p:sp", NS):
                if _placeholder_type(node) in types:
                    candidates.append(node.find("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill", NS))
        if style:
            candidates.append(layout.slide_master._element.find(f"./p:txStyles/p:{style}/a:lvl1pPr/a:defRPr/a:solidFill",
                                                                NS))
        colour = next((colours.of(c) for c in candidates if c is not None and colours.of(c)), None)
        if colour:
            found.append((name, colour))
    return tuple(found)


def brand_colours(layouts, colours: Colours, width: float, height: float) -> tuple[str, ...]:
    """The art's own colours, most area first: saturated fills of master and layout shapes (not white, black
    or greys), pictures' colours left aside."""
    area: Counter[str] = Counter()
    for layout in layouts:
        for rect, fill in filled_art(layout, colours):
            if saturated(fill):
                area[fill] += min(rect.width * rect.height, width * height)
    return tuple(colour for colour, _ in area.most_common())
