"""The content slides built of panels on the grid: KPI cards, titled cards, bullet rows, the executive
summary, highlights and shortfalls, the target tree and the callout. Each fills its page as the content's
shape allows (docs/fitting.md#pages-without-holes); the sizes are in ``layouts/slides.yaml``."""

from __future__ import annotations

from collections.abc import Sequence

from ..story import spec as story
from .spec import Box, Para, RectShape, Run, Shape
from .textfit import LINE_SPACING, measure

WHITE = "#FFFFFF"


class PanelLayout:
    """The panel methods of the grid planner (``plan.Planner``)."""

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
            in_row = min(per_row, count - row * per_row)
            # a short last row: centred (3 + 2) or its cards widened to the full row, as layouts/ says
            shift = (per_row - in_row) * (width + gutter) / 2 if k["short_row"] == "centre" else 0.0
            card_width = width if k["short_row"] == "centre" else (area.width_in - gutter * (in_row - 1)) / in_row
            left = area.left_in + shift + col * (card_width + gutter)
            box = Box(left, top + row * (height + gutter), card_width, height)
            shapes += self._kpi_card(f"KPI {i + 1}", box, card, max(len(c.deltas) for c in body.cards))
        cards_bottom = top + rows * height + (rows - 1) * gutter
        if body.commentary:
            gap = k["commentary_gap"]
            box = Box(area.left_in, cards_bottom + gap, area.width_in, area.bottom_in - cards_bottom - gap)
            shapes.append(self.text("Commentary", box, list(body.commentary), t.body_pt, t.text,
                                    bullet=len(body.commentary) > 1, space_after=6))
        return shapes

    def _kpi_card(self, name: str, box: Box, card: story.KpiCard, deltas: int) -> list[Shape]:
        """A KPI card; in a card taller than its text (one row of cards) the text sits in the middle, at the
        same height in every card of the row (``deltas``: the most comparison lines of any card)."""
        k, t = self.kinds["kpis"], self.theme
        pad = self.grid.raw["card"]["padding"]
        inner = box.inset(pad)
        needed = 0.45 + 0.85 + deltas * (k["delta_size"] + 2) * LINE_SPACING / 72 + 0.1
        spare = inner.height_in - needed
        if spare > 0.3:
            inner = Box(inner.left_in, inner.top_in + spare / 2, inner.width_in, needed)
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
        needed = self._cards_height(body, width - 2 * pad)
        # a share of the whole content area: above a conclusion the cards reach down to it
        height = min(room, max(c["min_height"], needed, c["fill"] * self.grid.body(False).height_in))
        spare = height - needed if height - needed > 0.3 else 0.0  # cards taller than their text: it goes mid-card
        grow = 0.25 if spare > 0.6 else 0.0  # ... with a larger headline number
        spare -= grow
        shapes: list[Shape] = []
        for i, card in enumerate(body.cards):
            box = Box(area.left_in + i * (width + gutter), area.top_in, width, height)
            inner = box.inset(pad)
            inner = Box(inner.left_in, inner.top_in + c["header_height"] + spare / 2, inner.width_in,
                        inner.height_in - c["header_height"] - spare)
            title_box, rest = inner.split_top(0.62, 0.08)
            shapes += [
                RectShape(f"Card {i + 1}", box, t.panel),
                RectShape(f"Card {i + 1} strip", Box(box.left_in, box.top_in, box.width_in, c["header_height"]),
                          t.accent if i % 2 else t.primary),
                self.text(f"Card {i + 1} title", title_box, [card.title], c["title_size"], t.primary, bold=True,
                          anchor="middle", min_size=13, inset=0.0),
            ]
            if card.figure:
                figure_box, rest = rest.split_top(0.7 + grow, 0.05)
                size = c["figure_size"] * (0.7 + grow) / 0.7
                shapes.append(self.text(f"Card {i + 1} figure", figure_box, [card.figure], size, t.accent,
                                        bold=True, min_size=16, anchor="middle", inset=0.0))
            shapes.append(self.text(f"Card {i + 1} text", rest, list(card.text), c["text_max_size"], t.text,
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
        rows = self._bullet_rows(area, body.items) if len(body.items) <= self.kinds["bullets"]["rows_max"] else None
        return rows or [self.text("Bullets", area, list(body.items), self.kinds["bullets"]["size"], self.theme.text,
                                  bullet=True, space_after=10)]

    def _bullet_rows(self, area: Box, items: Sequence[str]) -> list[Shape] | None:
        """A short list as rows of panels sharing the page (a few lines of text would leave most of it empty),
        all at one size; None when an item does not fit its row."""
        b, t = self.kinds["bullets"], self.theme
        gap, count = b["row_gap"], len(items)
        height = min(b["row_max_height"], (area.height_in - gap * (count - 1)) / count)
        boxes = [Box(area.left_in, area.top_in + i * (height + gap), area.width_in, height) for i in range(count)]
        texts = [Box(box.left_in + b["bar_width"] + 0.15, box.top_in, box.width_in - b["bar_width"] - 0.3, height)
                 for box in boxes]
        probes = [self.text("probe", box, [item], b["row_size"], t.text, anchor="middle") for box, item in zip(texts, items)]
        if any(probe.overflow for probe in probes):
            return None
        size = min(probe.paras[0].size_pt for probe in probes)
        shapes: list[Shape] = []
        for i, (box, text_box, item) in enumerate(zip(boxes, texts, items), start=1):
            shapes += [RectShape(f"Bullet {i} panel", box, t.panel),
                       RectShape(f"Bullet {i} bar", Box(box.left_in, box.top_in, b["bar_width"], height), t.accent),
                       self.text(f"Bullet {i}", text_box, [item], size, t.text, anchor="middle")]
        return shapes

    def _executive(self, slide: story.SlideSpec) -> list[Shape]:
        e, t = self.kinds["executive"], self.theme
        body: story.Executive = slide.body
        area = self.grid.body(bool(slide.conclusion))
        count = max(len(body.items), 1)
        gap = 0.14
        # rows up to their preferred height; a summary of one or two findings still takes most of the page
        row_height = min(max(e["max_row_height"], e["fill"] * area.height_in / count),
                         (area.height_in - gap * (count - 1)) / count)
        size = e["size"] * min(e["max_grow"], row_height / e["max_row_height"])
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
                self.text(f"Summary {number}", content, [text], size, t.text, anchor="middle", inset=0.1),
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
        height = min(area.height_in, max(h["min_height"], needed + h["header_height"] + 0.6, h["fill"] * area.height_in))
        shapes: list[Shape] = []
        for i, (title, items, colour) in enumerate(groups):
            panel = Box(area.left_in + i * (width + gutter), area.top_in, width, height)
            head, rest = panel.split_top(h["header_height"])
            shapes += [
                RectShape(f"{title} panel", panel, t.panel),
                RectShape(f"{title} header", head, colour),
                self.text(f"{title} title", head, [title], h["title_size"], WHITE, bold=True, anchor="middle",
                          inset=0.2, inset_y=0.04),
                self.text(f"{title} items", rest.inset(0.1), list(items), h["max_size"], t.text, bullet=True,
                          space_after=10, inset=0.15),
            ]
        return shapes

    def _tree(self, slide: story.SlideSpec) -> list[Shape]:
        """Goal on top, factors below, joined by thin connectors; the solved factor is outlined."""
        k, t = self.kinds["tree"], self.theme
        body: story.Tree = slide.body
        area = self.grid.body(bool(slide.conclusion))
        count = len(body.children)
        gutter = self.grid.raw["gutter"] * 2
        width = min(k["child_width"], (area.width_in - gutter * (count - 1)) / count)
        row_width = width * count + gutter * (count - 1)
        left0 = area.left_in + (area.width_in - row_width) / 2
        root_width = max(k["root_width"], row_width)  # the goal spans its factors: no empty corners beside it
        root = Box(area.left_in + (area.width_in - root_width) / 2, area.top_in, root_width, k["root_height"])
        shapes: list[Shape] = [
            RectShape("Goal", root, t.primary),
            self.text("Goal label", root.split_top(root.height_in * 0.4)[0], [body.root_label], 15, WHITE,
                      align="center", anchor="bottom", inset=0.05),
            self.text("Goal value", root.split_top(root.height_in * 0.4)[1], [body.root_value], 28, WHITE,
                      bold=True, align="center", anchor="middle", min_size=16, inset=0.05),
        ]
        top = root.bottom_in + k["gap"]
        child_height = max(k["child_height"], min(k["max_child_height"], area.bottom_in - top))
        middle = root.top_in + root.height_in + k["gap"] / 2
        weight = k["line_weight"]
        centres = [left0 + i * (width + gutter) + width / 2 for i in range(count)]
        shapes += [
            RectShape("Tree stem", Box(root.left_in + root.width_in / 2 - weight / 2, root.bottom_in, weight,
                                       middle - root.bottom_in), t.muted),
            RectShape("Tree branch", Box(centres[0], middle - weight / 2, centres[-1] - centres[0], weight), t.muted),
        ]
        for i, (centre, node) in enumerate(zip(centres, body.children)):
            box = Box(centre - width / 2, top, width, child_height)
            shapes.append(RectShape(f"Tree drop {i + 1}", Box(centre - weight / 2, middle, weight, top - middle),
                                    t.muted))
            shapes += self._tree_node(f"Factor {i + 1}", box, node, body)
        return shapes

    def _tree_node(self, name: str, box: Box, node: story.TreeNode, body: story.Tree) -> list[Shape]:
        t = self.theme
        tone = {story.GOOD: t.good, story.BAD: t.bad, story.NEUTRAL: t.muted}[node.tone]
        inner = box.inset(0.2, 0.15)
        rows = [0.5, 0.4, 0.65, 0.45]
        boxes, y = [], inner.top_in + max(0.0, inner.height_in - sum(rows)) / 2  # centred in a taller card
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
        box = Box.of(r)
        return [
            RectShape("Callout", box, t.callout_fill),
            RectShape("Callout bar", Box(box.left_in, box.top_in, 0.12, box.height_in), t.callout_border),
            self.text("Callout text", box.inset(0.4, 0.3), [body.text], c["size"], t.text, bold=True, anchor="middle",
                      min_size=16),
        ]
