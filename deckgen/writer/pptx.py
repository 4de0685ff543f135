"""Write a laid-out deck with python-pptx: shapes, fonts (latin + East Asian + lang), notes, a stable zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..colour import readable
from ..layout.spec import PictureShape, PlacedDeck, PlacedSlide, RectShape, TableShape, TextShape
from ..layout.textfit import LINE_BREAK
from ..output import atomic_write
from ..theme import TemplateInfo
from . import shape_xml
from . import template as _template
from .app_props import set_app_properties
from .package import PartNames, SlideAdder
from .parts import clean_text as _clean
from .parts import header_text, picture_key, slide_text

CORE_PROPERTY_LIMIT = 255
FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)
_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_TITLE_LAYOUT = "Title Only"  # a title placeholder and nothing else that shows


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _emu(inches: float) -> Emu:
    return Emu(round(inches * 914400))


class DeckWriter:
    def __init__(self, deck: PlacedDeck, pictures: Mapping[str, bytes], tones: Mapping[str, str], theme=None,
                 template: TemplateInfo | None = None):
        self.deck = deck
        self.pictures = pictures
        self.tones = tones  # tone name -> colour, for table cells
        self.theme = theme  # deckgen.theme.Theme: colours and sizes of native charts (None: the default theme)
        self.template = template  # a company template: its layouts, placeholders and theme
        self.fonts = (deck.latin_font, deck.east_asian_font)
        if template is not None:
            self.prs = _template.start_deck(template)
        else:
            self.prs = Presentation()
            self.prs.slide_width = _emu(deck.width_in)
            self.prs.slide_height = _emu(deck.height_in)
            self.titled = next(layout for layout in self.prs.slide_layouts if layout.name == _TITLE_LAYOUT)
        PartNames(self.prs.part.package).install()
        self.slides = SlideAdder(self.prs)

    # ------------------------------------------------------------------ deck

    def write(self, out: Path, created: dt.datetime | None) -> None:
        for placed in self.deck.slides:
            self._slide(placed)
        self._properties(created or FIXED_TIME)
        t = self.template
        fonts = [*self.fonts, *((t.heading_latin, t.heading_east_asian) if t else ())]
        set_app_properties(self.prs, self.deck, fonts, sum(1 for slide in self.deck.slides if slide.notes))
        buffer = io.BytesIO()
        self.prs.save(buffer)
        atomic_write(out, _stable_zip(buffer.getvalue()))

    def _properties(self, when: dt.datetime) -> None:
        props = self.prs.core_properties
        props.title = _clean(self.deck.title)[:CORE_PROPERTY_LIMIT]  # longer is not a valid package
        props.author = "deckgen"
        props.last_modified_by = "deckgen"
        props.created = when
        props.modified = when
        props.revision = 1
        props.language = self.deck.language_tag

    def _slide(self, placed: PlacedSlide) -> None:
        layout = self.titled if self.template is None else \
            _template.layout_named(self.prs, self.template.layout(placed.kind).name)
        slide = self.slides.add(layout)
        filled: set[int] = set()  # the template's placeholders that got our text
        if self.template is None:
            _template.remove_empty_placeholders(slide, filled)  # the title is written as a placeholder below
        ids = _ShapeIds(slide.shapes._spTree)
        titled = self.template is not None
        for shape in placed.shapes:
            if isinstance(shape, RectShape):
                ids.add(shape_xml.rect_shape(ids.next(), shape))
            elif isinstance(shape, TextShape) and shape.title and not titled:
                ids.add(shape_xml.title_placeholder(ids.next(), shape, self.fonts, self.deck.language_tag))
                titled = True
            elif isinstance(shape, TextShape) and not self._placeholder(slide, layout, shape, filled):
                ids.add(shape_xml.text_shape(ids.next(), shape, self.fonts, self.deck.language_tag))
            else:
                if isinstance(shape, PictureShape):
                    self._picture(slide, shape)
                elif isinstance(shape, TableShape):
                    self._table(slide, shape)
                ids.forget()  # python-pptx added a shape (a placeholder may have been copied): count again
        if self.template is not None:
            _template.remove_empty_placeholders(slide, filled)
        if placed.notes:
            self._notes(slide, placed.notes)

    # ------------------------------------------------------------------ shapes

    def _box(self, box) -> tuple[Emu, Emu, Emu, Emu]:
        return _emu(box.left_in), _emu(box.top_in), _emu(box.width_in), _emu(box.height_in)

    def text_box(self, slide, shape: TextShape) -> None:
        """A text box on ``slide`` outside the slide loop (e.g. a donut's centre label)."""
        ids = _ShapeIds(slide.shapes._spTree)
        ids.add(shape_xml.text_shape(ids.next(), shape, self.fonts, self.deck.language_tag))

    def _placeholder(self, slide, layout, shape: TextShape, filled: set[int]) -> bool:
        """Put a title, subtitle, footer or page number into the template's placeholder for it, in the
        template's colours and styles; the size is ours (fitted to the box). False: there is none."""
        if self.template is None:
            return False
        placeholder = _template.placeholder_for(slide, layout, shape, filled)
        if placeholder is None:
            return False
        filled.add(placeholder.shape_id)
        placeholder.left, placeholder.top, placeholder.width, placeholder.height = self._box(shape.box)
        frame = placeholder.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = _emu(shape.inset_in)
        frame.margin_top = frame.margin_bottom = _emu(shape.inset_in if shape.inset_y_in is None else shape.inset_y_in)
        t = self.template
        faces = (t.heading_latin or self.deck.latin_font, t.heading_east_asian or self.deck.east_asian_font) \
            if shape.title or shape.name == "Section number" else None
        for index, para in enumerate(shape.paras):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            _template.plain_paragraph(paragraph)
            if shape.name == "Page number":
                from pptx.text.text import Font

                rpr = _template.slide_number_field(paragraph, _clean("".join(r.text for r in para.runs)))
                self._font(Font(rpr), para.size_pt, None, None)
                continue
            for piece in para.runs:
                _runs(paragraph, piece.text,
                      lambda font, c=piece.colour, size=para.size_pt: self._font(font, size, None, c, faces))
        return True

    def _font(self, font, size_pt: float, bold: bool | None, colour: str | None,
              faces: tuple[str, str] | None = None) -> None:
        """Size, weight, colour (None: as the placeholder's style says) and fonts: latin, East Asian, lang."""
        latin_face, east_asian_face = faces or (self.deck.latin_font, self.deck.east_asian_font)
        font.size = Pt(size_pt)
        font.bold = bold
        if colour:
            font.color.rgb = _rgb(colour)
        font.name = latin_face
        rpr = font._element  # python-pptx has no API for the East Asian face or lang
        rpr.set("lang", self.deck.language_tag)
        rpr.set("altLang", "en-US")
        latin = rpr.find(qn("a:latin"))
        east_asian = rpr.find(qn("a:ea"))
        if east_asian is None:
            east_asian = etree.SubElement(rpr, qn("a:ea"))
            latin.addnext(east_asian)
        east_asian.set("typeface", east_asian_face)

    def _picture(self, slide, shape: PictureShape) -> None:
        if shape.native:
            from .native import add_native_chart

            add_native_chart(slide, shape, self)
            return
        png = self.pictures[picture_key(shape)]
        picture = slide.shapes.add_picture(io.BytesIO(png), *self._box(shape.box))
        picture.name = shape.name

    def _table(self, slide, shape: TableShape) -> None:
        rows = len(shape.rows) + (1 if shape.header else 0)
        columns = len(shape.col_widths_in)
        graphic = slide.shapes.add_table(rows, columns, *self._box(shape.box))
        graphic.name = shape.name
        table = graphic.table
        table.horz_banding = False
        for index, width in enumerate(shape.col_widths_in):
            table.columns[index].width = _emu(width)
        for index, height in enumerate(shape.row_heights_in):
            table.rows[index].height = _emu(height)
        offset = 0
        if shape.header:
            for col, text in enumerate(shape.header):
                self._cell(table.cell(0, col), header_text(text), shape.header_pt, True, "#FFFFFF", self.tones["header"],
                           "right" if col > 0 and _numeric_column(shape, col) else "left")
            offset = 1
        for r, row in enumerate(shape.rows):
            fill = self.tones["stripe"] if r % 2 else "#FFFFFF"
            for col, cell in enumerate(row):
                colour = self.tones.get(cell.tone, self.tones["text"])
                self._cell(table.cell(r + offset, col), cell.text, shape.body_pt, cell.tone != "neutral", colour, fill,
                           "right" if cell.numeric else "left")

    def _cell(self, cell, text: str, size_pt: float, bold: bool, colour: str, fill: str, align: str) -> None:
        if self.theme is None or not self.theme.user_colours:  # a user's own theme colours are kept as written
            colour = readable(colour, fill)  # 4.5:1 on the cell's fill, as the layout makes every text box
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(fill)
        cell.margin_left = cell.margin_right = _emu(0.08)
        cell.margin_top = cell.margin_bottom = _emu(0.03)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame = cell.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        paragraph.alignment = _ALIGN[align]
        _runs(paragraph, text, lambda font: self._font(font, size_pt, bold, colour))

    def _notes(self, slide, notes: tuple[str, ...]) -> None:
        frame = slide.notes_slide.notes_text_frame
        frame.text = _clean("\n".join(notes))


class _ShapeIds:
    """Shape ids as python-pptx gives them (one more than the largest id on the slide), counted once while
    only our own XML shapes are added."""

    def __init__(self, tree):
        self.tree = tree
        self.last: int | None = None

    def next(self) -> int:
        if self.last is None:
            self.last = max((int(i) for i in self.tree.xpath("//@id") if i.isdigit()), default=0)
        self.last += 1
        return self.last

    def add(self, xml: str) -> None:
        self.tree.insert_element_before(shape_xml.parse(xml), "p:extLst")

    def forget(self) -> None:
        self.last = None


def _runs(paragraph, text: str, style) -> None:
    """Runs for ``text`` at the end of ``paragraph``, each styled by ``style(font)``, with a line break
    (<a:br/>, sized like its run) wherever the layout broke a line (``layout.textfit.LINE_BREAK``), so no
    viewer breaks it elsewhere."""
    import copy

    previous = None
    for line in text.split(LINE_BREAK):
        if previous is not None:
            paragraph.add_line_break()
            paragraph._p.findall(qn("a:br"))[-1].append(copy.deepcopy(previous.font._rPr))
        previous = paragraph.add_run()
        previous.text = slide_text(line)
        style(previous.font)


def _numeric_column(shape: TableShape, col: int) -> bool:
    return any(col < len(row) and row[col].numeric for row in shape.rows)




def _stable_zip(data: bytes) -> bytes:
    """Same content, same bytes: fixed timestamps and attributes for every zip entry."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            already_compressed = info.filename.lower().endswith((".png", ".jpg", ".jpeg"))
            entry.compress_type = zipfile.ZIP_STORED if already_compressed else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_deck(deck: PlacedDeck, pictures: Mapping[str, bytes], tones: Mapping[str, str], out: Path,
               created: dt.datetime | None = None, theme=None, template: TemplateInfo | None = None) -> None:
    DeckWriter(deck, pictures, tones, theme, template).write(out, created)
