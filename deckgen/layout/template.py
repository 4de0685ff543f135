"""Lay out slides on a company template's layouts (``deck.template``).

The same planner, on a different grid: each slide's content goes inside its layout's content area (the
body/object placeholders, or the master's), and the title, subtitle, footer and slide number go where the
layout's placeholders are, so the writer can put them into those placeholders. The template's own graphics
replace ours: no cover band, title rule or agenda panel.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from ..story import spec as story
from ..theme import Art, Rect, TemplateInfo, Theme, role_of
from .plan import Grid, Planner
from .spec import Box, RectShape, Shape

PLACEHOLDER_INSET = (0.1, 0.05)  # PowerPoint's default text insets, left/right and top/bottom
TREE_MIN = {"gap": 0.35, "root_height": 0.95}  # inches: room for the connectors, the goal's two lines
NARROW_IN = 10.0  # a content area narrower than this (a 4:3 slide) gives commentary more room
NARROW_MAX = 1.4  # at most this much taller a conclusion band on a narrow content area
ART_GAP = 0.12  # inches kept clear around a template's logo or picture


def _area(rect: Rect) -> float:
    return max(rect.width, 0.0) * max(rect.height, 0.0)


def _tall_area(rect: Rect) -> float:
    """Area, counting height twice: cards, tables and charts lose more from a lower area than a narrower one."""
    return max(rect.width, 0.0) * max(rect.height, 0.0) ** 2


def _meets(a: Rect, b: Rect, gap: float = 0.0) -> bool:
    return (a.left < b.right + gap and b.left < a.right + gap and a.top < b.bottom + gap and b.top < a.bottom + gap)


def clear_of(area: Rect, art: tuple[Art, ...], gap: float = ART_GAP, sideways_only: bool = False) -> Rect:
    """The largest part of ``area`` that keeps ``gap`` clear of every piece of art: cut above, below, left or
    right of each piece it meets (only left or right for a title row, which keeps its height)."""
    for piece in sorted(art, key=lambda a: -_area(a.rect)):
        ob = piece.rect
        if not _meets(area, ob, gap):
            continue
        sides = [Rect(area.left, area.top, ob.left - gap - area.left, area.height),
                 Rect(ob.right + gap, area.top, area.right - ob.right - gap, area.height)]
        if not sideways_only:
            sides += [Rect(area.left, ob.bottom + gap, area.width, area.bottom - ob.bottom - gap),
                      Rect(area.left, area.top, area.width, ob.top - gap - area.top)]
        best = max(sides, key=_tall_area)
        if _area(best) > 0:
            area = Rect(*(round(v, 4) for v in (best.left, best.top, best.width, best.height)))
    return area


def _box(rect: Rect) -> Box:
    return Box(rect.left, rect.top, rect.width, rect.height)


class TemplatePlanner(Planner):
    def __init__(self, theme: Theme, template: TemplateInfo):
        super().__init__(theme)
        self.template = template
        self.kinds = copy.deepcopy(self.kinds)  # the loaded layout is shared (cached): adjust a copy
        base = self.grid.raw
        self.grids = {role: Grid(self._raw(base, role)) for role, _ in template.roles}
        self.grid = self.grids["content"]
        self.grid_info = self.layout("content")
        agenda = self._content("agenda")
        self.kinds["agenda"]["list"] = {"left": agenda.left, "top": agenda.top, "width": agenda.width,
                                        "bottom": agenda.bottom}
        if self.grid.content_width < NARROW_IN:
            self._wider_sides()
        widths = self.grid.raw.get("latin_widths", {})
        self.heading_scale = widths.get(template.heading_latin or template.body_latin, 1.0)

    def _wider_sides(self) -> None:
        """On a narrow content area (a 4:3 slide) commentary beside a chart or table gets one more column of
        the twelve: at a third of 9 inches its lines run long."""
        for spans in self.kinds.values():
            if isinstance(spans, dict) and isinstance(spans.get("main"), list) and isinstance(spans.get("side"), list):
                spans["main"] = [spans["main"][0], spans["main"][1] - 1]
                spans["side"] = [spans["side"][0] - 1, spans["side"][1]]

    def text(self, name, box, lines, size, colour, **options):
        """As the grid's; titles (and section numbers) are measured in the template's heading face."""
        if not (options.get("title") or name == "Section number") or self.heading_scale == self.latin_scale:
            return super().text(name, box, lines, size, colour, **options)
        body_scale, self.latin_scale = self.latin_scale, self.heading_scale
        try:
            return super().text(name, box, lines, size, colour, **options)
        finally:
            self.latin_scale = body_scale

    def layout(self, role: str):
        return dict(self.template.roles)[role]

    def _title_rect(self, role: str) -> Rect:
        """The title's place: the template's, narrowed to keep clear of a logo beside it."""
        info = self.layout(role)
        if info.title or info.master_title:
            rect = info.title or info.master_title
        else:
            c = info.content
            rect = Rect(c.left, max(0.2, c.top - 1.05), c.width, 0.8)
        return clear_of(rect, info.art, sideways_only=True)

    def _content(self, role: str) -> Rect:
        """Where our shapes go: the layout's content area without its logos, pictures and footer row."""
        info = self.layout(role)
        return clear_of(info.content, tuple(a for a in info.art if a.name != "date placeholder"))

    def _raw(self, base: dict, role: str) -> dict:
        """grid.yaml, with the slide size, margins, title row, body and footer of this role's layout."""
        info, width, height = self.layout(role), self.template.width_in, self.template.height_in
        title = self._title_rect(role)
        content = self._content(role)
        top = max(content.top, title.bottom + 0.15) if info.title or info.master_title else content.top
        raw = copy.deepcopy(base)
        raw["slide"] = {"width": width, "height": height}
        raw["margin"] = {**raw["margin"], "left": content.left, "right": width - content.right}
        raw["title"] = {**raw["title"], "top": title.top, "height": title.height}
        raw["body"] = {"top": top, "bottom": content.bottom}
        # a narrower content area (a 4:3 slide) wraps a conclusion into more lines: give its band their height
        wider = min(NARROW_MAX, max(1.0, (base["slide"]["width"] - 2 * base["margin"]["left"]) / content.width))
        raw["callout"] = {**raw["callout"], "height": round(raw["callout"]["height"] * wider, 3)}
        row = info.footer or info.slide_number
        footer_top = row.top if row else min(height - 0.4, content.bottom + 0.1)
        raw["footer"] = {"top": footer_top, "height": row.height if row else 0.3}
        return raw

    # ------------------------------------------------------------------ entry

    def place(self, slide: story.SlideSpec):
        self.grid = self.grids[role_of(slide.kind)]
        self.grid_info = self.layout(role_of(slide.kind))
        placed = super().place(slide)
        info = self.layout(role_of(slide.kind))
        backdrop = ((Box(0.0, 0.0, self.template.width_in, self.template.height_in),
                     info.background or self.theme.background),
                    *((_box(rect), colour) for rect, colour in info.fills))
        return replace(placed, art=tuple((piece.name, _box(piece.rect)) for piece in self._shown_art(slide)),
                       backdrop=backdrop)

    def _shown_art(self, slide: story.SlideSpec) -> tuple[Art, ...]:
        """The art a slide shows: the writer removes placeholders it leaves empty (the date always; the footer
        and the slide number on the cover, agenda, dividers and closing; the footer without deck.footer)."""
        chrome = slide.kind not in ("cover", "agenda", "divider", "closing")
        kept = {"slide number placeholder": chrome, "footer placeholder": chrome and bool(slide.footer)}
        return tuple(a for a in self.layout(role_of(slide.kind)).art if not a.placeholder or kept.get(a.name, False))

    def placeholder_text(self, name: str, rect: Rect, lines, size: float, colour: str, **options) -> Shape:
        """Text for a placeholder: sized to fit inside the placeholder's default insets."""
        options = {"inset": PLACEHOLDER_INSET[0], "inset_y": PLACEHOLDER_INSET[1], **options}
        # the placeholder shows its text in the template's colour: say so, so its contrast is measured
        colour = dict(self.grid_info.text_colours).get("Title" if options.get("title") else name, colour)
        return self.text(name, _box(rect), lines, size, colour, **options)

    # ------------------------------------------------------------------ chrome

    def _chrome(self, slide: story.SlideSpec) -> list[Shape]:
        t, info = self.theme, self.layout(role_of(slide.kind))
        title = self._title_rect(role_of(slide.kind))
        crumb = bool(slide.section and slide.section != slide.title)
        width = title.width * 0.78 if crumb else title.width
        shapes: list[Shape] = [
            self.placeholder_text("Title", Rect(title.left, title.top, width, title.height), [slide.title],
                                  t.title_pt, t.primary, min_size=18, bold=True, anchor="bottom", title=True),
        ]
        if crumb:
            height = self.grid.raw["breadcrumb"]["height"]
            box = Rect(title.left + width + 0.1, title.bottom - height - 0.05, title.width - width - 0.1, height)
            shapes.append(self.text("Section", _box(box), [slide.section], 11, t.muted, min_size=9, align="right",
                                    anchor="bottom", inset=0.0))
        content = self._content(role_of(slide.kind))
        footer_row = self.grid.raw["footer"]
        number = info.slide_number or Rect(content.right - 1.0, footer_row["top"], 1.0, footer_row["height"])
        shapes.append(self.placeholder_text("Page number", number, [str(slide.page)], t.footnote_pt, t.muted,
                                            min_size=t.footnote_pt, align="right", inset_y=0.0)
                      if info.slide_number else
                      self.text("Page number", _box(number), [str(slide.page)], t.footnote_pt, t.muted,
                                min_size=t.footnote_pt, align="right", inset=0.0))
        if slide.footer:
            if info.footer:
                shapes.append(self._footer(slide.footer, info, number))
            else:
                right = number.left - 0.2
                box = Box(content.left, footer_row["top"], right - content.left, footer_row["height"])
                shapes.append(self.text("Footer", box, [slide.footer], t.footnote_pt, t.muted,
                                        min_size=t.footnote_pt, inset=0.0))
        return shapes

    def _footer(self, text: str, info, number: Rect) -> Shape:
        """The footer in the template's footer placeholder; a footer longer than the placeholder gets the row
        from the content's left edge to the page number (the date placeholder there is left empty and
        removed), clear of the template's art."""
        t = self.theme
        shape = self.placeholder_text("Footer", info.footer, [text], t.footnote_pt, t.muted, min_size=t.footnote_pt,
                                      inset_y=0.0)
        if not shape.overflow:
            return shape
        row = info.footer
        left = min(row.left, self._content("content").left)
        others = tuple(a for a in info.art if a.name not in ("footer placeholder", "date placeholder"))
        wide = clear_of(Rect(left, row.top, max(row.right, number.left - 0.1) - left, row.height), others,
                        sideways_only=True)
        if _area(wide) < _area(row):
            wide = row
        return self.placeholder_text("Footer", wide, [text], t.footnote_pt, t.muted, min_size=t.footnote_pt,
                                     inset_y=0.0)

    # ------------------------------------------------------------------ opening and closing

    def _cover(self, slide: story.SlideSpec) -> list[Shape]:
        c, t = self.kinds["cover"], self.theme
        body: story.Cover = slide.body
        info = self.layout("cover")
        title = self._title_rect("cover")
        shapes: list[Shape] = [self.placeholder_text("Title", title, [body.title], c["title"]["size"], t.primary,
                                                     min_size=24, bold=True, anchor="bottom", title=True)]
        below = title.bottom + 0.15
        if body.subtitle:
            rect = info.subtitle or Rect(title.left, below, title.width, 0.7)
            shapes.append(self.placeholder_text("Subtitle", rect, [body.subtitle], c["subtitle"]["size"], t.primary,
                                                min_size=14))
            below = rect.bottom + 0.1
        byline = [line for line in (body.presenter, body.date) if line]
        room = self.template.height_in - 0.3 - below
        place = clear_of(Rect(title.left, below, title.width, min(0.9, room)), self._shown_art(slide)) \
            if room > 0 else None
        if byline and place and place.height >= 0.4:
            box = _box(place)
            shapes.append(self.text("Byline", box, byline, c["byline"]["size"], t.muted, min_size=12, space_after=4,
                                    inset=PLACEHOLDER_INSET[0]))
        return shapes

    def _closing(self, slide: story.SlideSpec) -> list[Shape]:
        c, t = self.kinds["closing"], self.theme
        body: story.Closing = slide.body
        info = self.layout("closing")
        title = self._title_rect("closing")
        shapes: list[Shape] = [self.placeholder_text("Title", title, [body.text], c["title"]["size"], t.primary,
                                                     min_size=24, bold=True, anchor="bottom", title=True)]
        if body.subtitle:
            rect = info.subtitle or Rect(title.left, title.bottom + 0.15, title.width, 0.7)
            shapes.append(self.placeholder_text("Subtitle", rect, [body.subtitle], c["subtitle"]["size"], t.primary,
                                                min_size=12))
        return shapes

    def _agenda(self, slide: story.SlideSpec) -> list[Shape]:
        t = self.theme
        body: story.Agenda = slide.body
        role = role_of(slide.kind)
        info = self.layout(role)
        title = self._title_rect(role)
        if body.current is None:  # the agenda: the title, and the list in the content area
            return [self.placeholder_text("Title", title, [slide.title], t.title_pt, t.primary, min_size=18,
                                          bold=True, anchor="bottom", title=True)] + self._agenda_rows(body)
        if info.name == self.layout("content").name:  # no divider layout: the agenda, this section highlighted
            return [self.placeholder_text("Title", title, [slide.title], t.title_pt, t.primary, min_size=18,
                                          bold=True, anchor="bottom", title=True)] + self._agenda_rows(body)
        number = f"{body.current + 1:02d}"
        shapes: list[Shape] = [self.placeholder_text("Title", title, [slide.title], 32, t.primary, min_size=18,
                                                     bold=True, title=True)]
        if info.subtitle:
            shapes.append(self.placeholder_text("Section number", info.subtitle, [number], 54, t.accent, bold=True,
                                                anchor="bottom", min_size=24))
        elif title.top >= 0.7:  # room above the title for the number
            height = min(1.0, title.top - 0.2)
            shapes.append(self.text("Section number", Box(title.left, title.top - height, 2.0, height), [number], 40,
                                    t.accent, bold=True, anchor="bottom", min_size=20, inset=PLACEHOLDER_INSET[0]))
        return shapes

    def _tree(self, slide: story.SlideSpec) -> list[Shape]:
        """The grid's target tree, its gaps and goal made shorter when the layout's content area is lower than
        the tree (the factor cards keep their height: their four lines need it)."""
        k = self.kinds["tree"]
        short = k["root_height"] + k["gap"] + k["child_height"] - self.grid.body(bool(slide.conclusion)).height_in
        if short <= 0:
            return super()._tree(slide)
        saved = dict(k)
        gap = max(TREE_MIN["gap"], k["gap"] - short)
        root = max(TREE_MIN["root_height"], k["root_height"] - (short - (k["gap"] - gap)))
        k.update(gap=gap, root_height=root)
        try:
            return super()._tree(slide)
        finally:
            k.update(saved)

    def _callout(self, slide: story.SlideSpec) -> list[Shape]:
        c, t = self.kinds["callout"], self.theme
        body: story.Callout = slide.body
        area = self.grid.body(False)
        width = min(c["box"]["width"], area.width_in - 0.6)
        height = min(c["box"]["height"], area.height_in - 0.4)
        box = Box(area.left_in + (area.width_in - width) / 2, area.top_in + (area.height_in - height) / 2, width,
                  height)
        return [
            RectShape("Callout", box, t.callout_fill),
            RectShape("Callout bar", Box(box.left_in, box.top_in, 0.12, box.height_in), t.callout_border),
            self.text("Callout text", box.inset(0.4, 0.3), [body.text], c["size"], t.text, bold=True, anchor="middle",
                      min_size=16),
        ]

