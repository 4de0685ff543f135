"""``docProps/app.xml``, the extended properties PowerPoint shows in File › Info and search tools index: the
deck's own slide count, fonts, themes and slide titles, never those of the template it was built on."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..layout.spec import PlacedDeck, TextShape
from ..layout.textfit import JOINER, LINE_BREAK
from .parts import clean_text

APP_PART = "/docProps/app.xml"
APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
APP_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_FORMATS = {(16, 9): "On-screen Show (16:9)", (4, 3): "On-screen Show (4:3)", (16, 10): "On-screen Show (16:10)"}


def slide_titles(deck: PlacedDeck) -> list[str]:
    """Each slide's title as the outline view shows it: its title text, else the title the story gave it."""
    titles = []
    for slide in deck.slides:
        shape = next((s for s in slide.shapes if isinstance(s, TextShape) and s.title), None)
        text = " ".join("".join(r.text for r in p.runs) for p in shape.paras) if shape else slide.title
        text = text.replace(JOINER, "").replace(LINE_BREAK, " ")  # layout marks, not characters of the title
        titles.append(clean_text(" ".join(text.split())))
    return titles


def app_xml(deck: PlacedDeck, fonts: list[str], themes: list[str], notes: int) -> bytes:
    titles = slide_titles(deck)
    shape = _FORMATS.get(next(((w, h) for w, h in _FORMATS if abs(deck.width_in / deck.height_in - w / h) < 0.01),
                              None), "Custom")
    pairs = [("Fonts Used", fonts), ("Theme", themes), ("Slide Titles", titles)]
    pairs = [(name, items) for name, items in pairs if items]
    heading = "".join(f"<vt:variant><vt:lpstr>{name}</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(items)}</vt:i4>"
                      "</vt:variant>" for name, items in pairs)
    parts = [item for _, items in pairs for item in items]
    listed = "".join(f"<vt:lpstr>{escape(item[:255])}</vt:lpstr>" for item in parts)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<TotalTime>0</TotalTime><Application>deckgen</Application><PresentationFormat>{shape}</PresentationFormat>"
        f"<Slides>{len(deck.slides)}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
        f'<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="{2 * len(pairs)}" baseType="variant">{heading}'
        f'</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="{len(parts)}" baseType="lpstr">{listed}'
        "</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
    ).encode()


def set_app_properties(prs, deck: PlacedDeck, fonts: list[str], notes: int) -> None:
    """Replace (or add) the package's docProps/app.xml with the deck's own."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    themes = [_theme_name(master) for master in prs.slide_masters]
    blob = app_xml(deck, list(dict.fromkeys(f for f in fonts if f)), [t for t in themes if t], notes)
    part = next((p for p in package.iter_parts() if str(p.partname) == APP_PART), None)
    if part is None:
        package.relate_to(Part(PackURI(APP_PART), APP_TYPE, package, blob), APP_RELATIONSHIP)
    else:
        part._blob = blob


def _theme_name(master) -> str:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return etree.fromstring(master.part.part_related_by(RT.THEME).blob).get("name", "")
    except (KeyError, etree.XMLSyntaxError):
        return ""
