"""Lay out slide specs on the grid (``layouts/grid.yaml``, ``layouts/slides.yaml``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from ..locale import get_locale
from ..resources import load_layout
from ..story import spec as story
from ..theme import Theme
from .compare import CompareLayout
from .panels import WHITE, PanelLayout
from .spec import (
    Box,
    Para,
    PictureShape,
    PlacedDeck,
    PlacedSlide,
    RectShape,
    Run,
    Shape,
    TextShape,
)
from .tables import BOLD_WIDTH, TableLayout, balanced
from .textfit import TITLE_MIN_PT, broken, common_size, fit, measure

COMMENTARY_INSET = 0.18


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


class Planner(TableLayout, CompareLayout, PanelLayout):
    words_continued = " (cont.)"  # the title suffix of a continuation slide, set per locale
    share_word = ""  # the locale's header of a share column (占比): a change column never belongs to it

    def __init__(self, theme: Theme):
        self.theme = theme
        self.grid = Grid(load_layout("grid.yaml"))
        self.kinds = load_layout("slides.yaml")
        self.latin_scale = self.grid.raw.get("latin_widths", {}).get(theme.fonts.latin, 1.0)

    # ------------------------------------------------------------------ entry

    def plan(self, deck: story.DeckSpec, language_tag: str) -> PlacedDeck:
        shown = [slide for slide in deck.slides if not _empty_summary(slide)]
        self.share_word = get_locale(deck.locale).words.get("share", "") if deck.locale else ""
        pages = [page for slide in shown for page in self.paginate(slide)]
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
        return balanced(pages, fits)

    def place(self, slide: story.SlideSpec) -> PlacedSlide:
        makers: dict[str, Callable[[story.SlideSpec], list[Shape]]] = {
            "cover": self._cover, "agenda": self._agenda, "divider": self._agenda, "kpis": self._kpis,
            "chart": self._chart, "table": self._table, "cards": self._cards, "bullets": self._bullets,
            "executive": self._executive, "highlights": self._highlights, "callout": self._callout,
            "tree": self._tree, "closing": self._closing,
        }
        shapes = makers[slide.kind](slide)
        content = None
        if slide.kind not in ("cover", "agenda", "divider", "closing"):
            shapes = self._chrome(slide) + shapes
            content = self.grid.body(False)
        if slide.conclusion:
            shapes += self._conclusion(slide)
        return PlacedSlide(slide.kind, tuple(shapes), slide.notes, None, slide.source, slide.title,
                           content=content)

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
            return Box.of(r)

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
        words_box = Box.of(heading)
        shapes: list[Shape] = [
            RectShape("Agenda panel", Box(0, 0, a["panel"]["width"], self.grid.height), t.primary),
        ]
        if body.current is None:
            shapes.append(self.text("Title", words_box, [slide.title], heading["size"], WHITE, min_size=20, bold=True,
                                    anchor="bottom", title=True))
            if body.subtitle:
                sub = a["subheading"]
                shapes.append(self.text("Agenda subtitle", Box.of(sub),
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

    def commentary_height(self, width_in: float, lines: Sequence[str]) -> float:
        """The height a commentary panel needs for its text at the body size."""
        shown = [("• " + line) if len(lines) > 1 else line for line in lines]
        inner = width_in - 2 * COMMENTARY_INSET
        return measure(shown, inner, self.theme.body_pt, 8, self.latin_scale)[1] + 2 * COMMENTARY_INSET + 0.1

    def commentary(self, box: Box, lines: Sequence[str]) -> list[Shape]:
        """A panel beside the content, as tall as its text at the body size (not an empty column below it)."""
        t, inset = self.theme, COMMENTARY_INSET
        box = Box(box.left_in, box.top_in, box.width_in, min(box.height_in, self.commentary_height(box.width_in, lines)))
        panel = RectShape("Commentary panel", box, t.panel)
        text = self.text("Commentary", box, list(lines), t.body_pt, t.text, bullet=len(lines) > 1, space_after=8,
                         inset=inset)
        return [panel, text]

    def _chart(self, slide: story.SlideSpec) -> list[Shape]:
        body: story.Chart = slide.body
        main, side = self._with_side("chart", slide, bool(body.commentary))
        shapes: list[Shape] = [PictureShape("Chart", main, body.chart, body.native)]
        if side:
            shapes += self.commentary(side, body.commentary)
        return shapes


def _empty_summary(slide: story.SlideSpec) -> bool:
    """An executive summary with no finding to show (an outline without data-backed findings): no slide."""
    return isinstance(slide.body, story.Executive) and not slide.body.items


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


def _has_cjk(text: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in text)
