"""A table of two rows of comparable figures, shown as two comparison cards side by side.

Two rows drawn as a table fill a fifth of the page; as cards, each row gets its name, a headline figure
(its first figure) and the rest of its figures as label-over-value pairs, changes in their favourable or
unfavourable colour. Chosen from the content's shape (``comparable_pair``), or by ``table.show`` in the outline.
"""

from __future__ import annotations

from ..story import spec as story
from .spec import Box, RectShape, Shape

MAX_CARDS = 4  # more rows than this stay a table, whatever the outline asks
NUMERIC_SHARE = 0.75  # at least this share of the figures columns' cells are numbers


def comparable_pair(body: story.Table) -> bool:
    """Two rows, each a name followed by figures: what comparison cards show better than a table."""
    shaped = bool(body.header) and all(len(row) == len(body.header) >= 2 for row in body.rows)
    if body.show != "auto":
        return body.show == "cards" and shaped and 2 <= len(body.rows) <= MAX_CARDS
    if len(body.rows) != 2 or len(body.header) < 3 or not shaped:
        return False
    figures = [cell for row in body.rows for cell in row[1:]]
    names_are_text = not any(row[0].numeric for row in body.rows)
    return names_are_text and sum(cell.numeric for cell in figures) >= NUMERIC_SHARE * len(figures)


class CompareLayout:
    """The comparison-card methods of the grid planner (``plan.Planner``); sizes in ``layouts/slides.yaml``."""

    def _comparison(self, slide: story.SlideSpec) -> list[Shape]:
        body: story.Table = slide.body
        main, side = self._with_side("table", slide, bool(body.commentary))
        gutter = self.grid.raw["gutter"] * 2
        count = len(body.rows)
        width = (main.width_in - gutter * (count - 1)) / count
        shapes: list[Shape] = []
        for i, row in enumerate(body.rows):
            box = Box(main.left_in + i * (width + gutter), main.top_in, width, main.height_in)
            shapes += self._comparison_card(f"Card {i + 1}", box, body.header, row)
        if side:
            shapes += self.commentary(side, body.commentary)
        return shapes

    def _comparison_card(self, name: str, box: Box, header, row) -> list[Shape]:
        c, t = self.kinds["compare"], self.theme
        colour = t.primary  # one colour for both: a second colour would read as a judgement on that row
        inner = box.inset(self.grid.raw["card"]["padding"] + 0.07)
        inner = Box(inner.left_in, inner.top_in + c["strip_height"], inner.width_in, inner.height_in - c["strip_height"])
        title_box, rest = inner.split_top(c["title_height"], 0.05)
        shapes: list[Shape] = [
            RectShape(f"{name}", box, t.panel),
            RectShape(f"{name} strip", Box(box.left_in, box.top_in, box.width_in, c["strip_height"]), colour),
            self.text(f"{name} title", title_box, [row[0].text], c["title_size"], colour, bold=True, anchor="middle",
                      min_size=14, inset=0.0),
        ]
        figures = list(zip(header[1:], row[1:]))
        (label, first), others = figures[0], figures[1:]
        head_label, rest = rest.split_top(c["label_height"])
        head_value, rest = rest.split_top(c["headline_height"], c["headline_gap"])
        shapes += [
            self.text(f"{name} headline label", head_label, [label], c["label_size"], t.muted, anchor="bottom",
                      inset=0.0),
            self.text(f"{name} headline", head_value, [first.text], c["headline_size"], colour, bold=True,
                      anchor="middle", min_size=18, inset=0.0),
        ]
        if others:
            shapes.append(RectShape(f"{name} rule", Box(rest.left_in, rest.top_in - c["headline_gap"] / 2,
                                                        rest.width_in, 0.015), t.muted))
            shapes += self._figure_grid(name, rest, others)
        return shapes

    def _figure_grid(self, name: str, area: Box, figures) -> list[Shape]:
        """Label-over-value pairs in as few columns as let every row keep its preferred height."""
        c, t = self.kinds["compare"], self.theme
        tone = {story.GOOD: t.good, story.BAD: t.bad, story.NEUTRAL: t.text}
        columns = next((n for n in (1, 2, 3) if -(-len(figures) // n) * c["figure_min_height"] <= area.height_in), 3)
        rows = -(-len(figures) // columns)
        height = min(c["figure_max_height"], area.height_in / rows)
        width = area.width_in / columns
        shapes: list[Shape] = []
        for i, (label, cell) in enumerate(figures, start=1):
            row, col = divmod(i - 1, columns)
            cell_box = Box(area.left_in + col * width, area.top_in + row * height, width - 0.1, height)
            label_box, value_box = cell_box.split_top(min(c["label_height"], height * 0.4))
            shapes += [
                self.text(f"{name} figure {i} label", label_box, [label], c["label_size"], t.muted, anchor="bottom",
                          inset=0.0),
                self.text(f"{name} figure {i}", value_box, [cell.text], c["figure_size"], tone[cell.tone], bold=True,
                          anchor="top", min_size=12, inset=0.0),
            ]
        return shapes
