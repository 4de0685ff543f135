"""Company templates (``deck.template``), read once at the pipeline's edge: a .pptx/.potx/.potm opened
into a :class:`~deckgen.theme.TemplateInfo` (layouts by role, placeholder boxes, theme colours and fonts),
used by ``check`` and by the writer (``writer/template.py`` builds the deck on the template's masters and
layouts).

Which layout serves which slide comes from ``layouts/template-map.yaml`` (names in several languages) and the
outline's optional ``deck.layouts``. A role the template has no layout for gets the content layout and a
warning that lists the template's layouts; a missing or unreadable file is an error in the outline.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from .errors import Diagnostic, OutlineError, SourceSpan
from .resources import load_layout
from .template_art import (
    Colours,
    background,
    brand_colours,
    filled_art,
    is_office_default,
    template_art,
    text_colours,
)
from .template_package import as_presentation
from .theme import ROLES, Fallback, LayoutInfo, Rect, TemplateInfo, theme_problems

SUFFIXES = (".pptx", ".potx", ".potm", ".pptm")
_EMU_PER_INCH = 914400
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
           "hlink", "folHlink")
# placeholder types (the values of python-pptx's PP_PLACEHOLDER), named here to keep pptx imports lazy
TITLE, BODY, CENTER_TITLE, SUBTITLE, OBJECT, SLIDE_NUMBER, FOOTER = 1, 2, 3, 4, 7, 13, 15
TITLES = (TITLE, CENTER_TITLE)
_CONTENT = (BODY, OBJECT)


# ---------------------------------------------------------------------------------------------- reading


def read_template(path: Path, shown: str, span: SourceSpan, locale: str,
                  overrides: Mapping[str, tuple[str, SourceSpan]] | None = None) -> tuple[TemplateInfo, list[Diagnostic]]:
    """The template at ``path`` (``shown`` as the outline writes it), its layouts chosen for our roles.

    Returns the info and warnings (roles the template has no layout for). Raises :class:`OutlineError`
    when the file is missing or not a PowerPoint file, or when ``overrides`` (``deck.layouts``) name a
    layout the template lacks.
    """
    prs = _open(path, shown, span)
    layouts = _layouts(prs)
    if not layouts:
        raise OutlineError([Diagnostic("template.file", f"deck.template: '{shown}' has no slide layouts", span,
                                       "use a template with a slide master and its layouts")])
    names = tuple(name for name, _ in layouts)
    by_name = {layout_key(name): layout for name, layout in reversed(layouts)}  # the first of equal names wins
    problems = []
    chosen: dict[str, object] = {}
    for role, (wanted, where) in (overrides or {}).items():
        layout = by_name.get(layout_key(wanted))
        if layout is None:
            problems.append(Diagnostic("template.layout", f"deck.layouts.{role}: the template '{shown}' has no "
                                       f"layout named '{wanted}'", where, _did_you_mean(wanted, names)))
        else:
            chosen[role] = layout
    if problems:
        raise OutlineError(problems)
    fallbacks, chosen = _choose(chosen, by_name, layouts)
    colours, colour_scheme, fonts, font_scheme = _theme(chosen["content"].slide_master, locale)
    width = (prs.slide_width or 9144000) / _EMU_PER_INCH
    height = (prs.slide_height or 6858000) / _EMU_PER_INCH
    scheme = Colours(dict(colours), chosen["content"].slide_master)
    roles = tuple((role, _drawn(chosen[role], _layout_info(chosen[role], role, width, height), scheme, width, height))
                  for role in ROLES)
    brand = brand_colours(list({id(v): v for v in chosen.values()}.values()), scheme, width, height)
    info = TemplateInfo(str(path), width, height, names, roles, colours, colour_scheme, *fonts, font_scheme,
                        tuple(fallbacks), brand, is_office_default(dict(colours)))
    listed = ", ".join(f"'{n}'" for n in names)
    warnings = [
        Diagnostic("template.missing_layout",
                   f"deck.template: '{shown}' has no layout for the {_ROLE_WORDS[f.role]} (looked for "
                   f"{_names_text(f.wanted)}); used '{f.used}' instead. Its layouts: {listed}",
                   span, f"name the layout to use under deck.layouts, e.g. layouts: {{{f.role}: \"{f.used}\"}}, "
                   f"or add a layout named '{f.wanted[0]}' to the template", severity="warning")
        for f in fallbacks
    ]
    return info, warnings


_ROLE_WORDS = {"cover": "cover", "agenda": "agenda", "section": "section dividers", "content": "content slides",
               "closing": "closing slide"}


def _names_text(names: tuple[str, ...]) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:4])
    return shown + (f" and {len(names) - 4} more names" if len(names) > 4 else "")


def _did_you_mean(wanted: str, names: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.5)
    listed = "its layouts: " + ", ".join(f"'{n}'" for n in names)
    return f"did you mean '{close[0]}'? ({listed})" if close else listed


def layout_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def _open(path: Path, shown: str, span: SourceSpan):
    """A python-pptx Presentation of the template (a .potx, .potm or .pptm is opened as a presentation)."""
    def fail(message: str, hint: str):
        return OutlineError([Diagnostic("template.file", f"deck.template: {message}", span, hint)])

    if path.suffix.lower() not in SUFFIXES:
        raise fail(f"'{shown}' is not a .pptx, .potx, .potm or .pptm file",
                   "open it in PowerPoint (or WPS, Keynote, LibreOffice) and save it as a .pptx or .potx")
    if not path.is_file():
        nearby = sorted(p.name for p in path.parent.glob("*") if p.suffix.lower() in SUFFIXES) \
            if path.parent.is_dir() else []
        where = f"the path is relative to the outline; it was looked for in {path.parent.resolve()}"
        raise fail(f"the template file '{shown}' does not exist",
                   where + (f", which has: {', '.join(nearby)}" if nearby else ""))
    try:
        return open_presentation(path)
    except Exception as exc:  # noqa: BLE001 - python-pptx, zipfile and lxml raise many kinds on a damaged file
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise fail(f"'{shown}' is not a PowerPoint file that can be read ({reason})",
                   "open it in PowerPoint and save it again as a .pptx or .potx") from None


def open_presentation(path: Path):
    from pptx import Presentation

    data = Path(path).read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError("not a zip package")
    return Presentation(io.BytesIO(as_presentation(data)))


def _layouts(prs) -> list[tuple[str, object]]:
    return [(layout.name, layout) for master in prs.slide_masters for layout in master.slide_layouts]


def _choose(chosen: dict, by_name: dict, layouts: list) -> tuple[list[Fallback], dict]:
    """Every role's layout: the outline's choice, the map's first name the template has, else a fallback."""
    the_map = load_layout("template-map.yaml")
    fallbacks: list[Fallback] = []
    chosen = dict(chosen)

    def find(role: str):
        return next((by_name[layout_key(n)] for n in the_map[role]["names"] if layout_key(n) in by_name), None)

    if "content" not in chosen:
        found = find("content")
        if found is None:
            found = _plainest(layouts)
            fallbacks.append(Fallback("content", tuple(the_map["content"]["names"]), found.name))
        chosen["content"] = found
    for role in ("cover", "section", "agenda", "closing"):
        if role in chosen:
            continue
        found = find(role)
        if found is None:
            otherwise = the_map[role].get("otherwise")
            if otherwise:
                found = chosen[otherwise]
            else:
                found = _shaped_like(role, layouts) or chosen["content"]
                fallbacks.append(Fallback(role, tuple(the_map[role]["names"]), found.name))
        chosen[role] = found
    return fallbacks, chosen


def _main_types(layout) -> list[int]:
    return [int(ph.placeholder_format.type) for ph in layout.placeholders
            if int(ph.placeholder_format.type) not in (16, FOOTER, SLIDE_NUMBER)]


def _shaped_like(role: str, layouts: list):
    """A layout whose placeholders look like a cover (a centred title) or a section divider (a title and one
    text placeholder), whatever its name."""
    for _, layout in layouts:
        types = _main_types(layout)
        if role == "cover" and CENTER_TITLE in types:
            return layout
        if role == "section" and sorted(types) == [TITLE, BODY]:
            return layout
    return None


def _plainest(layouts: list):
    """A layout with a title placeholder and as few others as possible; else the first layout."""
    titled = [layout for _, layout in layouts if any(t in TITLES for t in _main_types(layout))]
    if titled:
        return min(titled, key=lambda layout: len(_main_types(layout)))
    return layouts[0][1]


def _rect(shape) -> Rect | None:
    try:
        left, top, width, height = shape.left, shape.top, shape.width, shape.height
    except (AttributeError, KeyError):
        return None
    if None in (left, top, width, height) or width <= 0 or height <= 0:
        return None
    return Rect(*(round(v / _EMU_PER_INCH, 4) for v in (left, top, width, height)))


def _drawn(layout, info: LayoutInfo, scheme: Colours, width: float, height: float) -> LayoutInfo:
    """The layout's info with what the template draws on its slides: art to keep clear, fills, colours."""
    return replace(info, art=template_art(layout, width, height), fills=filled_art(layout, scheme),
                   background=background(layout, scheme), text_colours=text_colours(layout, scheme))


def _union(rects: list[Rect]) -> Rect:
    left, top = min(r.left for r in rects), min(r.top for r in rects)
    right, bottom = max(r.right for r in rects), max(r.bottom for r in rects)
    return Rect(left, top, round(right - left, 4), round(bottom - top, 4))


def _layout_info(layout, role: str, width: float, height: float) -> LayoutInfo:
    """Where the layout's placeholders are, for one role."""
    found: dict[int, list[Rect]] = {}
    for placeholder in layout.placeholders:
        rect = _rect(placeholder)
        if rect is not None:
            found.setdefault(int(placeholder.placeholder_format.type), []).append(rect)
    master: dict[int, Rect] = {}
    for placeholder in layout.slide_master.placeholders:
        rect = _rect(placeholder)
        if rect is not None:
            master.setdefault(int(placeholder.placeholder_format.type), rect)
    title = next((found[t][0] for t in TITLES if t in found), None)
    bodies = sorted(found.get(BODY, []) + found.get(OBJECT, []), key=lambda r: (r.top, r.left))
    subtitle = found[SUBTITLE][0] if SUBTITLE in found else None
    if subtitle is None and role in ("cover", "section", "closing") and bodies:
        subtitle = bodies.pop(0)  # the text placeholder of a title or section layout
    if bodies:
        content = _union(bodies)
    elif BODY in master or OBJECT in master:
        content = master.get(BODY) or master[OBJECT]
    else:  # no body anywhere: below the title, inside the slide's margins
        top = (title.bottom if title else 0.0) + 0.25
        content = Rect(round(width * 0.045, 4), round(top, 4), round(width * 0.91, 4), round(height * 0.92 - top, 4))
    return LayoutInfo(
        name=layout.name, content=content, title=title, subtitle=subtitle,
        footer=found[FOOTER][0] if FOOTER in found else None,
        slide_number=found[SLIDE_NUMBER][0] if SLIDE_NUMBER in found else None,
        master_title=master.get(TITLE) or master.get(CENTER_TITLE),
    )


def _theme(master, locale: str) -> tuple[tuple[tuple[str, str], ...], str, tuple[str, str, str, str], str]:
    """The colour scheme and the heading and body fonts of the master's theme."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        part = master.part.part_related_by(RT.THEME)
        root = etree.fromstring(part.blob)
    except (KeyError, etree.XMLSyntaxError):
        return (), "", ("", "", "", ""), ""
    ns = {"a": A_NS}
    scheme = root.find(".//a:clrScheme", ns)
    colours = []
    if scheme is not None:
        for name in _SCHEME:
            node = scheme.find(f"a:{name}", ns)
            value = _colour_value(node)
            if value:
                colours.append((name, value))
    fonts = root.find(".//a:fontScheme", ns)
    script = "Hant" if locale == "zh-TW" else "Hans"

    def faces(which: str) -> tuple[str, str]:
        node = fonts.find(f"a:{which}", ns) if fonts is not None else None
        if node is None:
            return "", ""
        latin = node.find("a:latin", ns)
        east_asian = node.find("a:ea", ns)
        by_script = {f.get("script"): f.get("typeface") for f in node.findall("a:font", ns)}
        ea = (east_asian.get("typeface") if east_asian is not None else "") or by_script.get(script, "")
        return (latin.get("typeface") if latin is not None else "") or "", ea or ""

    heading, body = faces("majorFont"), faces("minorFont")
    return (tuple(colours), scheme.get("name", "") if scheme is not None else "", (*heading, *body),
            fonts.get("name", "") if fonts is not None else "")


def _colour_value(node) -> str | None:
    if node is None:
        return None
    for child in node:
        tag = etree.QName(child).localname
        if tag == "srgbClr" and child.get("val"):
            return "#" + child.get("val").upper()
        if tag == "sysClr" and child.get("lastClr"):
            return "#" + child.get("lastClr").upper()
    return None


# ---------------------------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Look:
    """What ``deckgen check`` found about the deck's theme and template."""

    problems: tuple[Diagnostic, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    template: TemplateInfo | None = None


def check_look(outline, loaded) -> Look:
    """The theme exists; the template (read here, once) opens and has the layouts the deck needs."""
    deck = outline.deck
    folder = loaded.path.parent
    problems = theme_problems(deck.theme, folder, loaded.span(("deck", "theme")))
    overrides = {role: (name, loaded.span(("deck", "layouts", role)))
                 for role in ROLES if deck.layouts and (name := getattr(deck.layouts, role))}
    if not deck.template:
        if overrides:
            problems.append(Diagnostic("outline.layouts", "deck.layouts names layouts of a company template, but "
                                       "deck.template is not set", loaded.span(("deck", "layouts")),
                                       "add the template, e.g. template: company.pptx, or remove layouts"))
        return Look(tuple(problems))
    try:
        template, warnings = read_template((folder / deck.template).resolve(), deck.template,
                                           loaded.span(("deck", "template")),
                                           deck.locale, overrides)
    except OutlineError as error:
        return Look(tuple(problems + error.diagnostics))
    if template.office_colours and template.brand and not names_theme(deck):
        warnings.append(_office_colours(template, deck.template, loaded.span(("deck", "template"))))
    return Look(tuple(problems), tuple(warnings), template)


def names_theme(deck) -> bool:
    """The outline chooses a theme itself: with a template of Office's default colours, the theme's colours."""
    return "theme" in deck.model_fields_set


def _office_colours(template: TemplateInfo, shown: str, span: SourceSpan) -> Diagnostic:
    accents = ", ".join(colour for name, colour in template.colours if name in ("accent1", "accent2"))
    art = ", ".join(template.brand[:3])
    return Diagnostic(
        "template.office_colours",
        f"deck.template: '{shown}' keeps Office's default theme colours ({accents} …) while its master's art is "
        f"{art}; the deck's colours are taken from the art",
        span, "give the template its own theme colours (PowerPoint: Design › Variants › Colors › Customize "
        "Colors), or name a theme in the outline (theme: …) to use its colours", severity="warning")
