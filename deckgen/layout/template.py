"""Lay out slides on a company template's layouts (``deck.template``).

The same planner, on a different grid: each slide's content goes inside its layout's content area (the
body/object placeholders, or the master's), and the title, subtitle, footer and slide number go where the
layout's placeholders are, so the writer can put them into those placeholders. The template's own graphics
replace ours: no cover band, title rule or agenda panel.
"""

from __future__ import annotations

import copy

from ..story import spec as story
from ..theme import Rect, TemplateInfo, Theme, role_of
from .plan import Grid, Planner
from .spec import Box, RectShape, Shape

PLACEHOLDER_INSET = (0.1, 0.05)  # PowerPoint's default text insets, left/right and top/bottom


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
        agenda = self.layout("agenda")
        self.kinds["agenda"]["list"] = {"left": agenda.content.left, "top": agenda.content.top,
                                        "width": agenda.content.width, "bottom": agenda.content.bottom}
        widths = self.grid.raw.get("latin_widths", {})
        self.heading_scale = widths.get(template.heading_latin or template.body_latin, 1.0)

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
        info = self.layout(role)
        if info.title or info.master_title:
            return info.title or info.master_title
        c = info.content
        return Rect(c.left, max(0.2, c.top - 1.05), c.width, 0.8)

    def _raw(self, base: dict, role: str) -> dict:
        """grid.yaml, with the slide size, margins, title row, body and footer of this role's layout."""
        info, width, height = self.layout(role), self.template.width_in, self.template.height_in
        title = self._title_rect(role)
        content = info.content
        top = max(content.top, title.bottom + 0.15) if info.title or info.master_title else content.top
        raw = copy.deepcopy(base)
        raw["slide"] = {"width": width, "height": height}
        raw["margin"] = {**raw["margin"], "left": content.left, "right": width - content.right}
        raw["title"] = {**raw["title"], "top": title.top, "height": title.height}
        raw["body"] = {"top": top, "bottom": content.bottom}
        row = info.footer or info.slide_number
        footer_top = row.top if row else min(height - 0.4, content.bottom + 0.1)
        raw["footer"] = {"top": footer_top, "height": row.height if row else 0.3}
        return raw

    # ------------------------------------------------------------------ entry

    def place(self, slide: story.SlideSpec):
        self.grid = self.grids[role_of(slide.kind)]
        return super().place(slide)

    def placeholder_text(self, name: str, rect: Rect, lines, size: float, colour: str, **options) -> Shape:
        """Text for a placeholder: sized to fit inside the placeholder's default insets."""
        options = {"inset": PLACEHOLDER_INSET[0], "inset_y": PLACEHOLDER_INSET[1], **options}
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
        content = info.content
        footer_row = self.grid.raw["footer"]
        number = info.slide_number or Rect(content.right - 1.0, footer_row["top"], 1.0, footer_row["height"])
        shapes.append(self.placeholder_text("Page number", number, [str(slide.page)], t.footnote_pt, t.muted,
                                            min_size=t.footnote_pt, align="right", inset_y=0.0)
                      if info.slide_number else
                      self.text("Page number", _box(number), [str(slide.page)], t.footnote_pt, t.muted,
                                min_size=t.footnote_pt, align="right", inset=0.0))
        if slide.footer:
            if info.footer:
                shapes.append(self.placeholder_text("Footer", info.footer, [slide.footer], t.footnote_pt, t.muted,
                                                    min_size=t.footnote_pt, inset_y=0.0))
            else:
                right = number.left - 0.2
                box = Box(content.left, footer_row["top"], right - content.left, footer_row["height"])
                shapes.append(self.text("Footer", box, [slide.footer], t.footnote_pt, t.muted,
                                        min_size=t.footnote_pt, inset=0.0))
        return shapes

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
        if byline and room >= 0.4:
            box = Box(title.left, below, title.width, min(0.9, room))
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

