"""Lay out slide specs on the grid (``layouts/grid.yaml``, ``layouts/slides.yaml``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from ..resources import load_layout
from ..story import spec as story
from ..story.spec import Cell
from ..theme import Theme
from .spec import (
    Box,
    Para,
    PictureShape,
    PlacedDeck,
    PlacedSlide,
    RectShape,
    Run,
    Shape,
    TableShape,
    TextShape,
)
from .textfit import TITLE_MIN_PT, bind_words, broken, common_size, fit, measure, text_width_em, unbreakable

WHITE = "#FFFFFF"
BOLD_WIDTH = 1.08  # bold text is about this much wider than regular


@dataclass(frozen=True)
class Grid:
    raw: dict

    @property
    def width(self) -> float:
        return self.raw["slide"]["width"]

    @property
    def height(self) -> float:
        return self.raw["slide"]["height"]

    @property
    def left(self) -> float:
        return self.raw["margin"]["left"]

    @property
    def content_width(self) -> float:
        return self.width - self.left - self.raw["margin"]["right"]

    @cached_property
    def column_width(self) -> float:
        count, gutter = self.raw["columns"], self.raw["gutter"]
        return (self.content_width - gutter * (count - 1)) / count

    def columns(self, span: Sequence[int], top: float, height: float) -> Box:
        first, last = span
        gutter = self.raw["gutter"]
        left = self.left + (first - 1) * (self.column_width + gutter)
        width = (last - first + 1) * self.column_width + (last - first) * gutter
        return Box(left, top, width, height)

    def body(self, with_callout: bool) -> Box:
        body = self.raw["body"]
        bottom = body["bottom"]
        if with_callout:
            bottom -= self.raw["callout"]["height"] + self.raw["callout"]["gap"]
        return Box(self.left, body["top"], self.content_width, bottom - body["top"])


class Planner:
    words_continued = " (cont.)"  # the title suffix of a continuation slide, set per locale

    def __init__(self, theme: Theme):
        self.theme = theme
        self.grid = Grid(load_layout("grid.yaml"))
        self.kinds = load_layout("slides.yaml")
        self.latin_scale = self.grid.raw.get("latin_widths", {}).get(theme.fonts.latin, 1.0)

    # ------------------------------------------------------------------ entry

    def plan(self, deck: story.DeckSpec, language_tag: str) -> PlacedDeck:
        pages = [page for slide in deck.slides for page in self.paginate(slide)]
        numbered = _with_page_references([replace(page, page=number) for number, page in enumerate(pages, start=1)])
        self.title_pt = self._title_size(numbered)
        slides = tuple(self.place(slide) for slide in numbered)
        return PlacedDeck(slides, self.grid.width, self.grid.height, deck.title, language_tag,
                          self.theme.fonts.latin, self.theme.fonts.east_asian)

    # ------------------------------------------------------------------ continuation

    def paginate(self, slide: story.SlideSpec) -> list[story.SlideSpec]:
        """One slide, or several when its table rows or bullets do not fit even at the smallest size:
        the rest continues on following slides, titled '(续)', tables repeating their header."""
        if isinstance(slide.body, story.Table) and slide.body.rows:
            chunks = self._table_pages(slide)
            bodies = [replace(slide.body, rows=rows, commentary=slide.body.commentary if i == 0 else ())
                      for i, rows in enumerate(chunks)]
        elif isinstance(slide.body, story.Bullets):
            bodies = [replace(slide.body, items=items) for items in self._bullet_pages(slide)]
        else:
            return [slide]
        if len(bodies) == 1:
            return [slide]
        continued = self.words_continued
        last = len(bodies) - 1
        return [
            replace(slide, body=body, title=slide.title + (continued if i else ""),
                    conclusion=slide.conclusion if i == last else "")
            for i, body in enumerate(bodies)
        ]

    def _table_pages(self, slide: story.SlideSpec) -> list[tuple]:
        body: story.Table = slide.body
        main, _ = self._with_side("table", slide, bool(body.commentary))
        heights = self._table_metrics(body, main)[2]
        if sum(heights) <= main.height_in:
            return [body.rows]
        pages, current, used = [], [], heights[0]
        for row, height in zip(body.rows, heights[1:]):
            if current and used + height > main.height_in:
                pages.append(tuple(current))
                current, used = [], heights[0]
            current.append(row)
            used += height
        pages.append(tuple(current))
        rows_height = dict(zip(map(id, body.rows), heights[1:]))
        return _balanced(pages, lambda rows: heights[0] + sum(rows_height[id(r)] for r in rows) <= main.height_in)

    def _bullet_pages(self, slide: story.SlideSpec) -> list[tuple[str, ...]]:
        body: story.Bullets = slide.body
        area = self.grid.body(True)  # leave room for a conclusion on the last page
        size, width = self.kinds["bullets"]["size"], area.width_in - 0.16
        if fit(["• " + i for i in body.items], width, area.height_in - 0.16, size, self.theme.min_body_pt, 10,
               self.latin_scale).fits:
            return [body.items]
        def fits(items) -> bool:
            return measure(["• " + i for i in items], width, size, 10, self.latin_scale)[1] <= area.height_in - 0.16

        pages, current = [], []
        for item in body.items:
            if current and not fits([*current, item]):
                pages.append(tuple(current))
                current = []
            current.append(item)
        pages.append(tuple(current))
        return _balanced(pages, fits)

    def place(self, slide: story.SlideSpec) -> PlacedSlide:
        makers: dict[str, Callable[[story.SlideSpec], list[Shape]]] = {
            "cover": self._cover, "agenda": self._agenda, "divider": self._agenda, "kpis": self._kpis,
            "chart": self._chart, "table": self._table, "cards": self._cards, "bullets": self._bullets,
            "executive": self._executive, "highlights": self._highlights, "callout": self._callout,
            "tree": self._tree, "closing": self._closing,
        }
        shapes = makers[slide.kind](slide)
        if slide.kind not in ("cover", "agenda", "divider", "closing"):
            shapes = self._chrome(slide) + shapes
        if slide.conclusion:
            shapes += self._conclusion(slide)
        return PlacedSlide(slide.kind, tuple(shapes), slide.notes, None, slide.source, slide.title)

    # ------------------------------------------------------------------ text helpers

    def text(self, name: str, box: Box, lines: Sequence[str], size: float, colour: str, *, min_size: float | None = None,
             bold: bool = False, align: str = "left", anchor: str = "top", bullet: bool = False,
             space_after: float = 0.0, fill: str | None = None, title: bool = False, inset: float = 0.08,
             inset_y: float | None = None) -> TextShape:
        """A text box whose size is the largest that fits (down to ``min_size``)."""
        minimum = self.theme.min_body_pt if min_size is None else min_size
        inset_y = inset if inset_y is None else inset_y
        inner_w, inner_h = box.width_in - 2 * inset, box.height_in - 2 * inset_y
        shown = [("• " + line) if bullet else line for line in lines]
        latin = self.latin_scale * (BOLD_WIDTH if bold else 1.0)  # bold Latin letters and digits are wider
        result = fit(shown, inner_w, inner_h, size, min(minimum, size), space_after, latin)
        scale = result.size_pt / size
        width_em = inner_w * 72.0 / result.size_pt
        paras = tuple(
            Para((Run(broken(line, width_em, latin, "• " if bullet else ""), bold=bold),), result.size_pt,
                 colour, align, bullet, space_after * scale, bold)
            for line in lines
        )
        return TextShape(name, box, paras, anchor, fill, None, inset, title, not result.fits, inset_y)

    def rich(self, name: str, box: Box, paras: Sequence[Para], anchor: str = "top", fill: str | None = None,
             inset: float = 0.08) -> TextShape:
        return TextShape(name, box, tuple(paras), anchor, fill, None, inset)

    # ------------------------------------------------------------------ chrome

    def _title_box(self) -> Box:
        g = self.grid.raw
        return Box(self.grid.left, g["title"]["top"], self.grid.content_width * 0.78, g["title"]["height"])

    def _title_size(self, slides: Sequence[story.SlideSpec]) -> float:
        """One size for every content slide's title: the smallest at which each fits its box, so titles do
        not jump between 20.5 and 26 pt from slide to slide (docs/fitting.md)."""
        box = self._title_box()
        titles = [s.title for s in slides if s.kind not in ("cover", "agenda", "divider", "closing") and s.title]
        return common_size(titles, box.width_in, box.height_in, self.theme.title_pt, TITLE_MIN_PT,
                           self.latin_scale * BOLD_WIDTH)

    def _chrome(self, slide: story.SlideSpec) -> list[Shape]:
        g, t = self.grid.raw, self.theme
        title_box = self._title_box()
        rule = g["title"]
        shapes: list[Shape] = [
            self.text("Title", title_box, [slide.title], self.title_pt, t.primary, min_size=TITLE_MIN_PT, bold=True,
                      anchor="bottom", title=True, inset=0.0),
            RectShape("Title rule", Box(self.grid.left, title_box.bottom_in + rule["rule_gap"], rule["rule_width"],
                                        rule["rule_weight"]), t.accent),
        ]
        if slide.section and slide.section != slide.title:
            crumb = Box(title_box.right_in + 0.1, g["title"]["top"] + g["title"]["height"] - g["breadcrumb"]["height"],
                        self.grid.content_width * 0.22 - 0.1, g["breadcrumb"]["height"])
            shapes.append(self.text("Section", crumb, [slide.section], 11, t.muted, min_size=9, align="right",
                                    anchor="bottom", inset=0.0))
        footer = g["footer"]
        page = Box(self.grid.left + self.grid.content_width - 1.0, footer["top"], 1.0, footer["height"])
        shapes.append(self.text("Page number", page, [str(slide.page)], t.footnote_pt, t.muted, min_size=t.footnote_pt,
                                align="right", inset=0.0))
        if slide.footer:
            note = Box(self.grid.left, footer["top"], self.grid.content_width - 1.2, footer["height"])
            shapes.append(self.text("Footer", note, [slide.footer], t.footnote_pt, t.muted, min_size=t.footnote_pt,
                                    inset=0.0))
        return shapes

    def _conclusion(self, slide: story.SlideSpec) -> list[Shape]:
        g, t = self.grid.raw, self.theme
        callout = g["callout"]
        top = g["body"]["bottom"] - callout["height"]
        band = Box(self.grid.left, top, self.grid.content_width, callout["height"])
        bar = Box(band.left_in, band.top_in, callout["bar_width"], band.height_in)
        text_box = Box(band.left_in + callout["bar_width"] + 0.1, band.top_in, band.width_in - callout["bar_width"] - 0.2,
                       band.height_in)
        label = f"{slide.conclusion_label}  " if slide.conclusion_label else ""
        sized = self.text("Conclusion", text_box, [label + slide.conclusion], 16, t.text, bold=True, anchor="middle")
        size = sized.paras[0].size_pt
        text = sized.paras[0].runs[0].text  # the label and the conclusion, with the layout's line breaks
        para = Para((Run(text[: len(label)], bold=True, colour=t.accent), Run(text[len(label):], bold=True)), size,
                    t.text)
        return [
            RectShape("Conclusion band", band, t.callout_fill),
            RectShape("Conclusion bar", bar, t.callout_border),
            TextShape("Conclusion", text_box, (para,), "middle", None, None, 0.08, False, sized.overflow),
        ]

    # ------------------------------------------------------------------ opening and closing

    def _cover(self, slide: story.SlideSpec) -> list[Shape]:
        c, t = self.kinds["cover"], self.theme
        body: story.Cover = slide.body
        band = c["band"]

        def box(key: str) -> Box:
            r = c[key]
            return Box(r["left"], r["top"], r["width"], r["height"])

        shapes: list[Shape] = [
            RectShape("Cover band", Box(0, band["top"], self.grid.width, band["height"]), t.primary),
            self.text("Title", box("title"), [body.title], c["title"]["size"], WHITE, min_size=24, bold=True,
                      anchor="bottom", title=True),
            RectShape("Cover accent", box("accent"), t.accent),
        ]
        if body.subtitle:
            shapes.append(self.text("Subtitle", box("subtitle"), [body.subtitle], c["subtitle"]["size"], t.primary,
                                    min_size=14))
        byline = [line for line in (body.presenter, body.date) if line]
        if byline:
            shapes.append(self.text("Byline", box("byline"), byline, c["byline"]["size"], t.muted, min_size=12,
                                    space_after=4))
        return shapes

    def _closing(self, slide: story.SlideSpec) -> list[Shape]:
        c, t = self.kinds["closing"], self.theme
        body: story.Closing = slide.body
        shapes: list[Shape] = [
            RectShape("Closing background", Box(0, 0, self.grid.width, self.grid.height), t.primary),
            self.text("Title", Box(0.6, c["title"]["top"], self.grid.width - 1.2, c["title"]["height"]), [body.text],
                      c["title"]["size"], WHITE, min_size=24, bold=True, align="center", anchor="middle", title=True),
            RectShape("Closing accent", Box(self.grid.width / 2 - 0.7, c["title"]["top"] + c["title"]["height"] + 0.05,
                                            1.4, 0.06), t.accent),
        ]
        if body.subtitle:
            shapes.append(self.text("Subtitle", Box(0.6, c["subtitle"]["top"] + 0.1, self.grid.width - 1.2,
                                                    c["subtitle"]["height"]), [body.subtitle], c["subtitle"]["size"],
                                    WHITE, align="center"))
        return shapes

    def _agenda(self, slide: story.SlideSpec) -> list[Shape]:
        a, t = self.kinds["agenda"], self.theme
        body: story.Agenda = slide.body
        heading = a["heading"]
        words_box = Box(heading["left"], heading["top"], heading["width"], heading["height"])
        shapes: list[Shape] = [
            RectShape("Agenda panel", Box(0, 0, a["panel"]["width"], self.grid.height), t.primary),
        ]
        if body.current is None:
            shapes.append(self.text("Title", words_box, [slide.title], heading["size"], WHITE, min_size=20, bold=True,
                                    anchor="bottom", title=True))
            if body.subtitle:
                sub = a["subheading"]
                shapes.append(self.text("Agenda subtitle", Box(sub["left"], sub["top"], sub["width"], sub["height"]),
                                        [body.subtitle], sub["size"], "#C9D3E0"))
        else:
            number = Box(heading["left"], heading["top"] - 1.1, heading["width"], 1.0)
            shapes.append(self.text("Section number", number, [f"{body.current + 1:02d}"], 54, t.accent, bold=True,
                                    anchor="bottom", min_size=30))
            shapes.append(self.text("Title", Box(heading["left"], heading["top"], heading["width"], 1.6),
                                    [slide.title], 28, WHITE, min_size=16, bold=True, title=True))
        return shapes + self._agenda_rows(body)

    def _agenda_rows(self, body: story.Agenda) -> list[Shape]:
        a, t = self.kinds["agenda"], self.theme
        area, row = a["list"], a["row"]
        count = len(body.items)
        columns = 2 if count >= row["two_columns_from"] else 1
        per_column = -(-count // columns)
        height = min(row["max_height"], (area["bottom"] - area["top"]) / per_column)
        top0 = area["top"] + (area["bottom"] - area["top"] - height * per_column) / 2
        column_width = (area["width"] - 0.3 * (columns - 1)) / columns
        text_width = column_width - row["number_width"] - 0.2
        preferred = row["size"] if columns == 1 else row["size"] - 2
        # one size for every item (the longest decides), so the agenda reads as one list
        size = min(self.text("probe", Box(0, 0, text_width, height), [item], preferred, t.text, bold=True,
                             anchor="middle", min_size=row["min_size"]).paras[0].size_pt for item in body.items)
        shapes: list[Shape] = []
        for i, item in enumerate(body.items):
            col, line = divmod(i, per_column)
            box = Box(area["left"] + col * (column_width + 0.3), top0 + line * height, column_width, height)
            current = body.current == i
            dim = body.current is not None and not current
            if current:
                shapes.append(RectShape(f"Agenda highlight {i + 1}", box.inset(0, 0.06), t.panel))
                shapes.append(RectShape(f"Agenda marker {i + 1}", Box(box.left_in, box.top_in + 0.06, 0.06,
                                                                     box.height_in - 0.12), t.accent))
            number_box = Box(box.left_in + 0.15, box.top_in, row["number_width"], box.height_in)
            text_box = Box(number_box.right_in, box.top_in, text_width, box.height_in)
            shapes.append(self.text(f"Agenda number {i + 1}", number_box, [f"{i + 1:02d}"], size,
                                    t.muted if dim else t.accent, bold=True, anchor="middle", min_size=row["min_size"]))
            shapes.append(self.text(f"Agenda item {i + 1}", text_box, [item], size, t.muted if dim else t.text,
                                    bold=current, anchor="middle", min_size=row["min_size"]))
        return shapes

    # ------------------------------------------------------------------ content

    def _with_side(self, kind: str, slide: story.SlideSpec, has_side: bool) -> tuple[Box, Box | None]:
        spans = self.kinds[kind]
        body = self.grid.body(bool(slide.conclusion))
        if not has_side:
            return self.grid.columns(spans["alone"], body.top_in, body.height_in), None
        main = self.grid.columns(spans["main"], body.top_in, body.height_in)
        side = self.grid.columns(spans["side"], body.top_in, body.height_in)
        return main, side

    def commentary(self, box: Box, lines: Sequence[str]) -> list[Shape]:
        t = self.theme
        panel = RectShape("Commentary panel", box, t.panel)
        text = self.text("Commentary", box, list(lines), t.body_pt, t.text, bullet=len(lines) > 1, space_after=8,
                         inset=0.18)
        return [panel, text]

    def _chart(self, slide: story.SlideSpec) -> list[Shape]:
        body: story.Chart = slide.body
        main, side = self._with_side("chart", slide, bool(body.commentary))
        shapes: list[Shape] = [PictureShape("Chart", main, body.chart, body.native)]
        if side:
            shapes += self.commentary(side, body.commentary)
        return shapes

    def _table(self, slide: story.SlideSpec) -> list[Shape]:
        body: story.Table = slide.body
        main, side = self._with_side("table", slide, bool(body.commentary))
        size, widths, needed = self._table_metrics(body, main)
        heights = _capped(needed, main.height_in, bool(body.header))
        box = Box(main.left_in, main.top_in, main.width_in, sum(heights))
        header, rows = self._broken_table(body, widths, size)
        shapes: list[Shape] = [TableShape("Table", box, header, rows, widths, heights, size, size,
                                          overflow=heights != needed)]
        if side:
            shapes += self.commentary(side, body.commentary)
        return shapes

    def _broken_table(self, body: story.Table, widths: Sequence[float], size: float):
        """Header and cells with the line breaks the row heights were measured with (cell margins 0.1 in)."""
        def cut(text: str, width: float, scale: float = 1.0) -> str:
            return broken(text, (width - 0.2) * 72.0 / size / scale, self.latin_scale)

        header = tuple(cut(bind_words(text), width, BOLD_WIDTH) for text, width in zip(body.header, widths))
        rows = tuple(tuple(replace(cell, text=cut(cell.text, width)) for cell, width in zip(row, widths))
                     for row in body.rows)
        return header, rows

    def _table_metrics(self, body: story.Table, area: Box) -> tuple[float, tuple[float, ...], tuple[float, ...]]:
        """Font size, column widths and row heights (header first): the preferred size when everything
        fits, smaller down to the minimum when that makes it fit, else the preferred size (and pages)."""
        spec = self.kinds["table"]
        roomy = len(body.rows) + 1 <= spec["roomy_rows"]
        preferred = spec["roomy_size" if roomy else "body_size"]
        base = spec["roomy_row_height" if roomy else "row_height"]
        size = preferred
        while True:
            widths = self._column_widths(body, area.width_in, size)
            heights = self._row_heights(body, widths, size, base * size / preferred)
            if sum(heights) <= area.height_in or size <= spec["min_size"]:
                break
            size -= 0.5
        if sum(heights) > area.height_in:  # continues on the next slide at a readable size
            size = spec["body_size"]
            widths = self._column_widths(body, area.width_in, size)
            heights = self._row_heights(body, widths, size, spec["row_height"])
        return size, widths, heights

    def _width_in(self, text: str, size_pt: float) -> float:
        return text_width_em(text, self.latin_scale) * size_pt / 72.0

    def _row_heights(self, body: story.Table, widths: Sequence[float], size: float, base: float) -> tuple[float, ...]:
        rows = ([Cell(bind_words(text)) for text in body.header],) if body.header else ()
        rows += tuple(body.rows)
        heights = []
        for number, row in enumerate(rows):
            bold = BOLD_WIDTH if body.header and number == 0 else 1.0  # the header row is bold
            lines = max(measure([cell.text], (width - 0.2) / bold, size, 0.0, self.latin_scale)[0]
                        for cell, width in zip(row, widths))
            heights.append(max(base, lines * size * 1.3 / 72 + 0.1))
        return tuple(heights)

    def _column_widths(self, body: story.Table, width_in: float, size: float) -> tuple[float, ...]:
        """Widths in proportion to what each column needs, never narrower than its longest word (so
        "Operations" is not broken), no column wider than half the table when space is short."""
        count = len(body.header) or len(body.rows[0])
        needs, floors = [], []
        for col in range(count):
            header = body.header[col] if col < len(body.header) else ""
            cells = [row[col].text for row in body.rows if col < len(row)]
            bold = BOLD_WIDTH  # the header row is bold
            needs.append(max([self._width_in(header, size) * bold] + [self._width_in(x, size) for x in cells]) + 0.25)
            words = [w for text in cells for w in unbreakable(text)]
            words += header.split()  # a header word is never broken, CJK ones included (writer.parts.header_text)
            floors.append(max([self._width_in(w, size) * bold for w in words], default=0.0) + 0.25)
        total = sum(needs)
        if total <= width_in:
            spare = (width_in - total) / count
            return tuple(n + spare for n in needs)
        floors = [min(f, width_in / count * 2) for f in floors]
        if sum(floors) >= width_in:
            return tuple(width_in * f / sum(floors) for f in floors)
        capped = [max(min(n, width_in / 2), f) for n, f in zip(needs, floors)]
        extra = [c - f for c, f in zip(capped, floors)]
        room = width_in - sum(floors)
        return tuple(f + room * e / sum(extra) if sum(extra) else f for f, e in zip(floors, extra))

    def _kpis(self, slide: story.SlideSpec) -> list[Shape]:
        k, t = self.kinds["kpis"], self.theme
        body: story.Kpis = slide.body
        area = self.grid.body(bool(slide.conclusion))
        count = len(body.cards)
        rows = 1 if count <= k["max_per_row"] else 2
        per_row = -(-count // rows)
        gutter = self.grid.raw["gutter"]
        reserved = k["commentary_height"] if body.commentary else 0.0
        room = (area.height_in - k["cards_top_gap"] - reserved - gutter * (rows - 1)) / rows
        height = min(k["card_height"]["one_row" if rows == 1 else "two_rows"], room)
        width = (area.width_in - gutter * (per_row - 1)) / per_row
        shapes: list[Shape] = []
        top = area.top_in + k["cards_top_gap"]
        for i, card in enumerate(body.cards):
            row, col = divmod(i, per_row)
            box = Box(area.left_in + col * (width + gutter), top + row * (height + gutter), width, height)
            shapes += self._kpi_card(f"KPI {i + 1}", box, card)
        cards_bottom = top + rows * height + (rows - 1) * gutter
        if body.commentary:
            gap = k["commentary_gap"]
            box = Box(area.left_in, cards_bottom + gap, area.width_in, area.bottom_in - cards_bottom - gap)
            shapes.append(self.text("Commentary", box, list(body.commentary), t.body_pt, t.text,
                                    bullet=len(body.commentary) > 1, space_after=6))
        return shapes

    def _kpi_card(self, name: str, box: Box, card: story.KpiCard) -> list[Shape]:
        k, t = self.kinds["kpis"], self.theme
        pad = self.grid.raw["card"]["padding"]
        inner = box.inset(pad)
        label_box, rest = inner.split_top(0.45)
        value_box, deltas_box = rest.split_top(min(0.85, rest.height_in * 0.45))
        tone_colour = {story.GOOD: t.good, story.BAD: t.bad, story.NEUTRAL: t.muted}
        delta_paras = tuple(
            Para((Run(f"{d.label}  ", colour=t.muted), Run(d.text, bold=True, colour=tone_colour[d.tone])),
                 k["delta_size"], t.text, space_after_pt=2)
            for d in card.deltas
        )
        value = self.text(f"{name} value", value_box, [card.value], k["value_size"], t.primary, bold=True,
                          min_size=16, anchor="middle", inset=0.0)
        return [
            RectShape(f"{name} card", box, t.panel),
            RectShape(f"{name} strip", Box(box.left_in, box.top_in, box.width_in, 0.06), t.primary),
            self.text(f"{name} label", label_box, [card.label], k["label_size"], t.muted, anchor="middle", inset=0.0),
            value,
            self.rich(f"{name} deltas", deltas_box, delta_paras, inset=0.0),
        ]

    def _cards(self, slide: story.SlideSpec) -> list[Shape]:
        c, t = self.kinds["cards"], self.theme
        body: story.Cards = slide.body
        area = self.grid.body(bool(slide.conclusion))
        count = len(body.cards)
        gutter = self.grid.raw["gutter"]
        width = (area.width_in - gutter * (count - 1)) / count
        pad = self.grid.raw["card"]["padding"]
        room = area.height_in - (c["commentary_room"] if body.commentary else 0.0)
        height = min(room, max(c["min_height"], self._cards_height(body, width - 2 * pad)))
        shapes: list[Shape] = []
        for i, card in enumerate(body.cards):
            box = Box(area.left_in + i * (width + gutter), area.top_in, width, height)
            inner = box.inset(pad)
            inner = Box(inner.left_in, inner.top_in + c["header_height"], inner.width_in, inner.height_in - c["header_height"])
            title_box, rest = inner.split_top(0.62, 0.08)
            shapes += [
                RectShape(f"Card {i + 1}", box, t.panel),
                RectShape(f"Card {i + 1} strip", Box(box.left_in, box.top_in, box.width_in, c["header_height"]),
                          t.accent if i % 2 else t.primary),
                self.text(f"Card {i + 1} title", title_box, [card.title], c["title_size"], t.primary, bold=True,
                          anchor="middle", min_size=13, inset=0.0),
            ]
            if card.figure:
                figure_box, rest = rest.split_top(0.7, 0.05)
                shapes.append(self.text(f"Card {i + 1} figure", figure_box, [card.figure], c["figure_size"], t.accent,
                                        bold=True, min_size=16, anchor="middle", inset=0.0))
            shapes.append(self.text(f"Card {i + 1} text", rest, list(card.text), c["text_size"], t.text,
                                    bullet=len(card.text) > 1, space_after=6, inset=0.0))
        below = area.bottom_in - (area.top_in + height) - c["commentary_gap"]
        if body.commentary and below > 0.4:
            box = Box(area.left_in, area.top_in + height + c["commentary_gap"], area.width_in, below)
            shapes.append(self.text("Commentary", box, list(body.commentary), t.body_pt, t.text,
                                    bullet=len(body.commentary) > 1, space_after=6))
        return shapes

    def _cards_height(self, body: story.Cards, text_width_in: float) -> float:
        """The height the fullest card needs at the preferred sizes (all cards share it)."""
        c = self.kinds["cards"]
        needs = []
        for card in body.cards:
            lines = ["• " + t for t in card.text] if len(card.text) > 1 else list(card.text)
            text = measure(lines, text_width_in, c["text_size"], 6, self.latin_scale)[1]
            needs.append(c["header_height"] + 0.62 + 0.08 + (0.75 if card.figure else 0.0) + text + 0.6)
        return max(needs)

    def _bullets(self, slide: story.SlideSpec) -> list[Shape]:
        body: story.Bullets = slide.body
        area = self.grid.body(bool(slide.conclusion))
        return [self.text("Bullets", area, list(body.items), self.kinds["bullets"]["size"], self.theme.text,
                          bullet=True, space_after=10)]

    def _executive(self, slide: story.SlideSpec) -> list[Shape]:
        e, t = self.kinds["executive"], self.theme
        body: story.Executive = slide.body
        area = self.grid.body(bool(slide.conclusion))
        count = max(len(body.items), 1)
        gap = 0.14
        row_height = min(e["max_row_height"], (area.height_in - gap * (count - 1)) / count)
        shapes: list[Shape] = []
        for i, (number, section, text) in enumerate(body.items):
            box = Box(area.left_in, area.top_in + i * (row_height + gap), area.width_in, row_height)
            tag = Box(box.left_in, box.top_in, e["tag_width"], box.height_in)
            label = Box(tag.right_in, box.top_in, e["section_width"], box.height_in)
            content = Box(label.right_in, box.top_in, box.right_in - label.right_in, box.height_in)
            shapes += [
                RectShape(f"Summary {number} row", box, t.panel),
                RectShape(f"Summary {number} tag", tag, t.primary),
                self.text(f"Summary {number} number", tag, [f"{number:02d}"], 16, WHITE, bold=True, align="center",
                          anchor="middle", inset=0.0),
                self.text(f"Summary {number} section", label, [section], e["section_size"], t.primary, bold=True,
                          anchor="middle", min_size=11, inset=0.12),
                self.text(f"Summary {number}", content, [text], e["size"], t.text, anchor="middle", inset=0.1),
            ]
        return shapes

    def _highlights(self, slide: story.SlideSpec) -> list[Shape]:
        h, t = self.kinds["highlights"], self.theme
        body: story.Highlights = slide.body
        area = self.grid.body(bool(slide.conclusion))
        groups = [(body.highlights_title, body.highlights, t.good), (body.shortfalls_title, body.shortfalls, t.bad)]
        groups = [group for group in groups if group[1]]
        gutter = self.grid.raw["gutter"]
        width = (area.width_in - gutter * (len(groups) - 1)) / len(groups)
        needed = max(measure(["• " + x for x in items], width - 0.5, h["size"], 10, self.latin_scale)[1]
                     for _, items, _ in groups)
        height = min(area.height_in, max(h["min_height"], needed + h["header_height"] + 0.6))
        shapes: list[Shape] = []
        for i, (title, items, colour) in enumerate(groups):
            panel = Box(area.left_in + i * (width + gutter), area.top_in, width, height)
            head, rest = panel.split_top(h["header_height"])
            shapes += [
                RectShape(f"{title} panel", panel, t.panel),
                RectShape(f"{title} header", head, colour),
                self.text(f"{title} title", head, [title], h["title_size"], WHITE, bold=True, anchor="middle",
                          inset=0.2, inset_y=0.04),
                self.text(f"{title} items", rest.inset(0.1), list(items), h["size"], t.text, bullet=True,
                          space_after=10, inset=0.15),
            ]
        return shapes

    def _tree(self, slide: story.SlideSpec) -> list[Shape]:
        """Goal on top, factors below, joined by thin connectors; the solved factor is outlined."""
        k, t = self.kinds["tree"], self.theme
        body: story.Tree = slide.body
        area = self.grid.body(bool(slide.conclusion))
        root = Box(area.left_in + (area.width_in - k["root_width"]) / 2, area.top_in, k["root_width"],
                   k["root_height"])
        shapes: list[Shape] = [
            RectShape("Goal", root, t.primary),
            self.text("Goal label", root.split_top(root.height_in * 0.4)[0], [body.root_label], 15, WHITE,
                      align="center", anchor="bottom", inset=0.05),
            self.text("Goal value", root.split_top(root.height_in * 0.4)[1], [body.root_value], 28, WHITE,
                      bold=True, align="center", anchor="middle", min_size=16, inset=0.05),
        ]
        count = len(body.children)
        gutter = self.grid.raw["gutter"] * 2
        width = min(k["child_width"], (area.width_in - gutter * (count - 1)) / count)
        row_width = width * count + gutter * (count - 1)
        top = root.bottom_in + k["gap"]
        left0 = area.left_in + (area.width_in - row_width) / 2
        middle = root.top_in + root.height_in + k["gap"] / 2
        weight = k["line_weight"]
        centres = [left0 + i * (width + gutter) + width / 2 for i in range(count)]
        shapes += [
            RectShape("Tree stem", Box(root.left_in + root.width_in / 2 - weight / 2, root.bottom_in, weight,
                                       middle - root.bottom_in), t.muted),
            RectShape("Tree branch", Box(centres[0], middle - weight / 2, centres[-1] - centres[0], weight), t.muted),
        ]
        for i, (centre, node) in enumerate(zip(centres, body.children)):
            box = Box(centre - width / 2, top, width, k["child_height"])
            shapes.append(RectShape(f"Tree drop {i + 1}", Box(centre - weight / 2, middle, weight, top - middle),
                                    t.muted))
            shapes += self._tree_node(f"Factor {i + 1}", box, node, body)
        return shapes

    def _tree_node(self, name: str, box: Box, node: story.TreeNode, body: story.Tree) -> list[Shape]:
        t = self.theme
        tone = {story.GOOD: t.good, story.BAD: t.bad, story.NEUTRAL: t.muted}[node.tone]
        inner = box.inset(0.2, 0.15)
        rows = [0.5, 0.4, 0.65, 0.45]
        boxes, y = [], inner.top_in
        for height in rows:
            boxes.append(Box(inner.left_in, y, inner.width_in, height))
            y += height
        shapes: list[Shape] = [RectShape(f"{name} card", box, t.panel, line=t.accent if node.solved else None)]
        shapes.append(self.text(f"{name} label", boxes[0], [node.label], 18, t.primary, bold=True, anchor="middle",
                                inset=0.0, min_size=12))
        shapes.append(self.text(f"{name} now", boxes[1], [f"{body.current_word} {node.current}"], 14, t.muted,
                                anchor="middle", inset=0.0))
        shapes.append(self.text(f"{name} needed", boxes[2], [f"{body.required_word} {node.required}"], 20,
                                t.accent if node.solved else t.text, bold=True, anchor="middle", inset=0.0,
                                min_size=13))
        shapes.append(self.text(f"{name} change", boxes[3], [node.change], 16, tone, bold=True, anchor="middle",
                                inset=0.0))
        return shapes

    def _callout(self, slide: story.SlideSpec) -> list[Shape]:
        c, t = self.kinds["callout"], self.theme
        body: story.Callout = slide.body
        r = c["box"]
        box = Box(r["left"], r["top"], r["width"], r["height"])
        return [
            RectShape("Callout", box, t.callout_fill),
            RectShape("Callout bar", Box(box.left_in, box.top_in, 0.12, box.height_in), t.callout_border),
            self.text("Callout text", box.inset(0.4, 0.3), [body.text], c["size"], t.text, bold=True, anchor="middle",
                      min_size=16),
        ]


def _with_page_references(slides: list[story.SlideSpec]) -> list[story.SlideSpec]:
    """The executive summary's 'see slide N', once continuation pages have fixed the numbers."""
    first_page: dict = {}
    for slide in slides:
        if slide.source is not None and slide.kind not in ("executive", "divider"):
            first_page.setdefault(slide.source, slide.page)
    resolved = []
    for slide in slides:
        body = slide.body
        if isinstance(body, story.Executive) and body.evidence:
            items = tuple((n, subject, text + (body.see.format(page=first_page[where]) if where in first_page else ""))
                          for (n, subject, text), where in zip(body.items, body.evidence))
            slide = replace(slide, body=replace(body, items=items, evidence=()))
        resolved.append(slide)
    return resolved


def _balanced(pages: list[tuple], fits: Callable[[tuple], bool]) -> list[tuple]:
    """The same number of pages, filled evenly (10 + 10 + 10 rather than 13 + 13 + 4) when that fits."""
    items = [item for page in pages for item in page]
    per = -(-len(items) // len(pages))
    even = [tuple(items[i : i + per]) for i in range(0, len(items), per)]
    return even if len(even) == len(pages) and all(fits(page) for page in even) else pages


def _has_cjk(text: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in text)


def _capped(heights: tuple[float, ...], room_in: float, header: bool) -> tuple[float, ...]:
    """Row heights with no row taller than the page leaves it (a row alone on its page whose text would need
    more, such as a pasted document, is cut to the page rather than running kilometres off the slide)."""
    if sum(heights) <= room_in:
        return heights
    if not header:
        return tuple(min(height, room_in) for height in heights)
    top = min(heights[0], room_in / 2)
    return (top, *(min(height, room_in - top) for height in heights[1:]))
