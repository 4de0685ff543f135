"""Chart XML that python-pptx has no API for: fonts with an East Asian face, per-point labels, a line plot
inside a column chart's plot area, a secondary axis pair, positive axis ids.

Elements are created with python-pptx's own parser (``parse_xml``), so they get its element classes and can
be wrapped by its objects (``ValueAxis``, ``DataLabels`` …). Child order follows the schema
(``dml-chart.xsd``); ``docs/dev/native-combo.md`` and ``docs/dev/native-waterfall.md`` describe the parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

C_A = nsdecls("c", "a")
FIRST_AXIS_ID = 500000001
EMU_PER_PT = 12700

# ---------------------------------------------------------------------------------------------- text


def hex6(colour: str) -> str:
    return colour.lstrip("#").upper()


def run_properties_xml(tag: str, size_pt: float, colour: str, fonts: tuple[str, str], lang: str,
                       bold: bool = False) -> str:
    """``<a:defRPr>`` / ``<a:rPr>`` with size, colour, the latin and the East Asian face, and the language."""
    latin, east_asian = fonts
    return (
        f'<a:{tag} lang={quoteattr(lang)} altLang="en-US" sz="{round(size_pt * 100)}" b="{int(bold)}">'
        f'<a:solidFill><a:srgbClr val="{hex6(colour)}"/></a:solidFill>'
        f"<a:latin typeface={quoteattr(latin)}/><a:ea typeface={quoteattr(east_asian)}/>"
        f"<a:cs typeface={quoteattr(latin)}/></a:{tag}>"
    )


def txpr_xml(size_pt: float, colour: str, fonts: tuple[str, str], lang: str, bold: bool = False,
             rotation: int | None = None) -> str:
    rot = f' rot="{rotation}" vert="horz"' if rotation is not None else ""
    return (
        f"<c:txPr {C_A}><a:bodyPr{rot}/><a:lstStyle/><a:p><a:pPr>"
        + run_properties_xml("defRPr", size_pt, colour, fonts, lang, bold)
        + f"</a:pPr><a:endParaRPr lang={quoteattr(lang)}/></a:p></c:txPr>"
    )


def set_txpr(parent, txpr_xml_text: str, before: Iterable[str]) -> None:
    """Replace ``parent``'s ``c:txPr`` with the given one, inserted before the first of ``before`` present."""
    old = parent.find(qn("c:txPr"))
    new = parse_xml(txpr_xml_text)
    if old is not None:
        old.addprevious(new)
        parent.remove(old)
        return
    insert_before(parent, new, before)


def insert_before(parent, element, before: Iterable[str]) -> None:
    """Insert ``element`` before the first child named in ``before`` (qualified c: names), else append."""
    for tag in before:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(element)
            return
    parent.append(element)


def sppr_xml(fill: str | None = None, line: str | None = None, line_pt: float = 0.75,
             no_fill: bool = False, no_line: bool = False) -> str:
    """``<c:spPr>``: a solid fill or none, a solid line or none."""
    parts = [f"<c:spPr {C_A}>"]
    if fill:
        parts.append(f'<a:solidFill><a:srgbClr val="{hex6(fill)}"/></a:solidFill>')
    elif no_fill:
        parts.append("<a:noFill/>")
    if line:
        parts.append(
            f'<a:ln w="{round(line_pt * EMU_PER_PT)}" cap="flat"><a:solidFill><a:srgbClr val="{hex6(line)}"/>'
            '</a:solidFill><a:round/></a:ln>'
        )
    elif no_line:
        parts.append("<a:ln><a:noFill/></a:ln>")
    parts.append("</c:spPr>")
    return "".join(parts)


def set_sppr(parent, sppr_xml_text: str, before: Iterable[str]) -> None:
    old = parent.find(qn("c:spPr"))
    new = parse_xml(sppr_xml_text)
    if old is not None:
        old.addprevious(new)
        parent.remove(old)
        return
    insert_before(parent, new, before)


# ---------------------------------------------------------------------------------------------- labels

LABEL_FLAGS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize")


def dlbls_xml(*, num_fmt: str | None, txpr: str, position: str | None, value: bool = True,
              percent: bool = False, points: str = "") -> str:
    """A series' ``<c:dLbls>``: per-point ``points`` first, then the shared number format, text and flags."""
    parts = [f"<c:dLbls {C_A}>", points]
    if num_fmt is not None:
        parts.append(f"<c:numFmt formatCode={quoteattr(num_fmt)} sourceLinked=\"0\"/>")
    parts.append('<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
    parts.append(txpr.replace(f"<c:txPr {C_A}>", "<c:txPr>"))
    if position:
        parts.append(f'<c:dLblPos val="{position}"/>')
    flags = {"showVal": value, "showPercent": percent}
    parts.extend(f'<c:{flag} val="{int(flags.get(flag, False))}"/>' for flag in LABEL_FLAGS)
    if percent:
        parts.append('<c:showLeaderLines val="0"/>')
    parts.append("</c:dLbls>")
    return "".join(parts)


def deleted_label_xml(index: int) -> str:
    return f'<c:dLbl><c:idx val="{index}"/><c:delete val="1"/></c:dLbl>'


def text_label_xml(index: int, text: str, size_pt: float, colour: str, fonts: tuple[str, str], lang: str,
                   position: str | None) -> str:
    """A data label showing fixed text (when no number format reproduces the chart's own label)."""
    rpr = run_properties_xml("rPr", size_pt, colour, fonts, lang)
    pos = f'<c:dLblPos val="{position}"/>' if position else ""
    flags = "".join(f'<c:{flag} val="{int(flag == "showVal")}"/>' for flag in LABEL_FLAGS)
    return (
        f'<c:dLbl><c:idx val="{index}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p>'
        f"<a:r>{rpr}<a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f"{pos}{flags}</c:dLbl>"
    )


def coloured_label_xml(index: int, size_pt: float, colour: str, fonts: tuple[str, str], lang: str,
                       num_fmt: str | None, percent: bool) -> str:
    """A data label like the series' others but in another text colour (white on a dark slice)."""
    fmt = f"<c:numFmt formatCode={quoteattr(num_fmt)} sourceLinked=\"0\"/>" if num_fmt else ""
    flags = {"showVal": not percent, "showPercent": percent}
    return (
        f'<c:dLbl><c:idx val="{index}"/>{fmt}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        + txpr_xml(size_pt, colour, fonts, lang).replace(f"<c:txPr {C_A}>", "<c:txPr>")
        + "".join(f'<c:{flag} val="{int(flags.get(flag, False))}"/>' for flag in LABEL_FLAGS)
        + "</c:dLbl>"
    )


def set_series_dlbls(ser, dlbls_xml_text: str) -> None:
    """Replace a series' ``c:dLbls`` (it comes after ``c:dPt`` and before trendlines, error bars, data)."""
    old = ser.find(qn("c:dLbls"))
    new = parse_xml(dlbls_xml_text)
    if old is not None:
        old.addprevious(new)
        ser.remove(old)
        return
    insert_before(ser, new, ("c:trendline", "c:errBars", "c:cat", "c:val", "c:smooth", "c:shape", "c:extLst"))


# ---------------------------------------------------------------------------------------------- plots


def bar_series_to_line(ser, colour: str, width_pt: float, marker: bool, marker_fill: str, joined: bool = True) -> None:
    """Turn a ``c:ser`` of a bar plot into one of a line plot (CT_LineSer): drop the bar-only children, add
    the line (none when not ``joined``: points over unordered categories), its markers and ``c:smooth``."""
    for tag in ("c:invertIfNegative", "c:pictureOptions", "c:shape", "c:marker", "c:smooth"):
        for old in ser.findall(qn(tag)):
            ser.remove(old)
    line = sppr_xml(line=colour, line_pt=width_pt) if joined else sppr_xml(no_line=True)
    set_sppr(ser, line, ("c:marker", "c:dPt", "c:dLbls", "c:trendline", "c:errBars", "c:cat", "c:val", "c:extLst"))
    insert_before(ser, parse_xml(marker_xml(colour, marker, marker_fill, "circle" if joined else "diamond",
                                            5 if joined else 9)),
                  ("c:dPt", "c:dLbls", "c:trendline", "c:errBars", "c:cat", "c:val", "c:extLst"))
    insert_before(ser, parse_xml(f'<c:smooth {C_A} val="0"/>'), ("c:extLst",))


def marker_xml(colour: str, visible: bool, fill: str, symbol: str = "circle", size: int = 5) -> str:
    if not visible:
        return f'<c:marker {C_A}><c:symbol val="none"/></c:marker>'
    return (
        f'<c:marker {C_A}><c:symbol val="{symbol}"/><c:size val="{size}"/>'
        f'<c:spPr><a:solidFill><a:srgbClr val="{hex6(fill)}"/></a:solidFill>'
        f'<a:ln w="{round(1.5 * EMU_PER_PT)}"><a:solidFill><a:srgbClr val="{hex6(colour)}"/></a:solidFill></a:ln>'
        "</c:spPr></c:marker>"
    )


def line_plot_xml(cat_axis_id: int, val_axis_id: int) -> str:
    """An empty ``c:lineChart`` (its series are moved in) on the given axes."""
    return (
        f'<c:lineChart {C_A}><c:grouping val="standard"/><c:varyColors val="0"/>'
        f'<c:marker val="1"/><c:axId val="{cat_axis_id}"/><c:axId val="{val_axis_id}"/></c:lineChart>'
    )


def add_series_to_plot(plot, ser) -> None:
    """Append ``ser`` after the plot's last series (before its dLbls / marker / axis ids)."""
    existing = plot.findall(qn("c:ser"))
    if existing:
        existing[-1].addnext(ser)
        return
    insert_before(plot, ser, ("c:dLbls", "c:dropLines", "c:hiLowLines", "c:upDownBars", "c:marker",
                              "c:smooth", "c:axId"))


def secondary_axes_xml(cat_axis_id: int, val_axis_id: int) -> tuple[str, str]:
    """A hidden category axis and a right-hand value axis crossing it at its maximum (the right edge)."""
    cat = (
        f'<c:catAx {C_A}><c:axId val="{cat_axis_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="1"/><c:axPos val="b"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{val_axis_id}"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    val = (
        f'<c:valAx {C_A}><c:axId val="{val_axis_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="r"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{cat_axis_id}"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>'
    )
    return cat, val


def literal_line_series_xml(index: int, name: str, categories_ref: str, categories: list[str],
                            values: list[float | None]) -> str:
    """A line series whose values live only in the chart (``c:numLit``), not in the workbook."""
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(categories))
    pts = "".join(
        f'<c:pt idx="{i}"><c:v>{v!r}</c:v></c:pt>' for i, v in enumerate(values) if v is not None
    )
    return (
        f'<c:ser {C_A}><c:idx val="{index}"/><c:order val="{index}"/><c:tx><c:v>{escape(name)}</c:v></c:tx>'
        '<c:spPr><a:ln><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>'
        f"<c:cat><c:strRef><c:f>{escape(categories_ref)}</c:f><c:strCache>"
        f'<c:ptCount val="{len(categories)}"/>{cats}</c:strCache></c:strRef></c:cat>'
        f'<c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>{pts}'
        '</c:numLit></c:val><c:smooth val="0"/></c:ser>'
    )


# ---------------------------------------------------------------------------------------------- axis ids


def positive_axis_ids(chart_space) -> None:
    """python-pptx's chart templates carry negative axis ids (``c:axId val="-2068027336"``), which the schema
    (an unsignedInt) forbids; number every axis from a fixed positive base, in document order."""
    mapping: dict[str, str] = {}
    for element in chart_space.iter(qn("c:axId"), qn("c:crossAx")):
        old = element.get("val")
        if old not in mapping:
            mapping[old] = str(FIRST_AXIS_ID + len(mapping))
        element.set("val", mapping[old])
