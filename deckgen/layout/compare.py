"""A table of two rows of comparable figures, shown as two comparison cards side by side.

Two rows drawn as a table fill a fifth of the page; as cards, each row gets its name, a headline figure
(its first figure) and the rest of its figures as label-over-value pairs. A column of signed changes is shown
under the figure it changes (the column before it, or the one before a share column: "GMV | 占比 | 同比"),
in its favourable or unfavourable colour, so that "环比 +3.5%" is never read without its figure. Chosen from
the content's shape (``comparable_pair``), or by ``table.show`` in the outline.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..story import spec as story
from ..story.spec import Cell
from .spec import Box, Para, RectShape, Run, Shape
from .textfit import text_width_em

SIGNS = ("+", "-", "−", "±")

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


@dataclass(frozen=True)
class Figure:
    column: int  # its column in the table, 1 for the first figure
    label: str
    cell: Cell
    change: Figure | None = None  # the change column shown under it


def figures(header: tuple[str, ...], rows, share_word: str) -> list[list[Figure]]:
    """Per row, its figures with each change column attached to the figure it changes."""
    columns = range(1, len(header))
    changes = {col for col in columns if col > 1 and all(_signed(row[col].text) for row in rows)}
    target: dict[int, int] = {}
    for col in changes:
        before = [c for c in range(col - 1, 0, -1) if c not in changes]
        plain = [c for c in before if not (share_word and header[c].endswith(share_word))]
        chosen = next(iter(plain or before), None)
        if chosen is not None and chosen not in target.values():
            target[col] = chosen
    result = []
    for row in rows:
        attached = {target[col]: Figure(col, header[col], row[col]) for col in target}
        result.append([Figure(col, header[col], row[col], attached.get(col)) for col in columns if col not in target])
    return result


def _signed(text: str) -> bool:
    """A change: signed (+3.5%, -0.10 个百分点), or a ratio's change written as "3.53 → 3.57"."""
    text = text.strip()
    return not text or text in ("—", "-") or text.startswith(SIGNS) or "→" in text


class CompareLayout:
    """The comparison-card methods of the grid planner (``plan.Planner``); sizes in ``layouts/slides.yaml``."""

    def _comparison(self, slide: story.SlideSpec) -> list[Shape]:
        body: story.Table = slide.body
        main, side = self._with_side("table", slide, bool(body.commentary))
        gutter = self.grid.raw["gutter"] * 2
        count = len(body.rows)
        width = (main.width_in - gutter * (count - 1)) / count
        shapes: list[Shape] = []
        for i, (row, shown) in enumerate(zip(body.rows, figures(body.header, body.rows, self.share_word))):
            box = Box(main.left_in + i * (width + gutter), main.top_in, width, main.height_in)
            shapes += self._comparison_card(f"Card {i + 1}", box, row[0].text, shown)
        if side:
            shapes += self.commentary(side, body.commentary)
        return shapes

    def _cards_fit(self, slide: story.SlideSpec) -> bool:
        """Whether the cards' figures keep their smallest height (a short content area, a 4:3 template under a
        logo, keeps the table instead: a table's rows need less height than a card's label-over-value pairs)."""
        c, body = self.kinds["compare"], slide.body
        main, _ = self._with_side("table", slide, bool(body.commentary))
        card = main.height_in - 2 * (self.grid.raw["card"]["padding"] + 0.07) - c["strip_height"]
        room = card - c["title_height"] - 0.05 - c["label_height"] - c["headline_height"] - c["headline_gap"]
        shown = [f[1:] for f in figures(body.header, body.rows, self.share_word)]
        least = c["figure_min_height"] + (c["change_height"] if any(g.change for f in shown for g in f) else 0.0)
        return all(-(-len(others) // 3) * least <= room for others in shown)

    def _comparison_card(self, name: str, box: Box, title: str, shown: list[Figure]) -> list[Shape]:
        c, t = self.kinds["compare"], self.theme
        colour = t.primary  # one colour for both: a second colour would read as a judgement on that row
        inner = box.inset(self.grid.raw["card"]["padding"] + 0.07)
        inner = Box(inner.left_in, inner.top_in + c["strip_height"], inner.width_in, inner.height_in - c["strip_height"])
        title_box, rest = inner.split_top(c["title_height"], 0.05)
        shapes: list[Shape] = [
            RectShape(f"{name}", box, t.panel),
            RectShape(f"{name} strip", Box(box.left_in, box.top_in, box.width_in, c["strip_height"]), colour),
            self.text(f"{name} title", title_box, [title], c["title_size"], colour, bold=True, anchor="middle",
                      min_size=14, inset=0.0),
        ]
        first, others = shown[0], shown[1:]
        head_label, rest = rest.split_top(c["label_height"])
        head_value, rest = rest.split_top(c["headline_height"])
        shapes += [
            self.text(f"{name} headline label", head_label, [first.label], c["label_size"], t.muted, anchor="bottom",
                      inset=0.0),
            self.text(f"{name} headline", head_value, [first.cell.text], c["headline_size"], colour, bold=True,
                      anchor="middle", min_size=18, inset=0.0),
        ]
        if first.change:
            change_box, rest = rest.split_top(c["change_height"])
            shapes.append(self._change(f"{name} figure {first.change.column}", change_box, first.change))
        rest = Box(rest.left_in, rest.top_in + c["headline_gap"], rest.width_in, rest.height_in - c["headline_gap"])
        if others:
            shapes.append(RectShape(f"{name} rule", Box(rest.left_in, rest.top_in - c["headline_gap"] / 2,
                                                        rest.width_in, 0.015), t.muted))
            shapes += self._figure_grid(name, rest, others)
        return shapes

    def _figure_grid(self, name: str, area: Box, figures) -> list[Shape]:
        """Label-over-value pairs in as few columns as let every row keep its preferred height."""
        c, t = self.kinds["compare"], self.theme
        tone = {story.GOOD: t.good, story.BAD: t.bad, story.NEUTRAL: t.text}
        least = c["figure_min_height"] + (c["change_height"] if any(f.change for f in figures) else 0.0)
        columns = next((n for n in (1, 2, 3) if -(-len(figures) // n) * least <= area.height_in), 3)
        rows = -(-len(figures) // columns)
        height = min(c["figure_max_height"], area.height_in / rows)
        width = area.width_in / columns
        shapes: list[Shape] = []
        for i, figure in enumerate(figures):
            row, col = divmod(i, columns)
            cell_box = Box(area.left_in + col * width, area.top_in + row * height, width - 0.1, height)
            label_box, value_box = cell_box.split_top(min(c["label_height"], height * 0.4))
            if figure.change:
                value_box, change_box = value_box.split_top(value_box.height_in - c["change_height"])
                shapes.append(self._change(f"{name} figure {figure.change.column}", change_box, figure.change))
            shapes += [
                self.text(f"{name} figure {figure.column} label", label_box, [figure.label], c["label_size"],
                          t.muted, anchor="bottom", inset=0.0),
                self.text(f"{name} figure {figure.column}", value_box, [figure.cell.text], c["figure_size"],
                          tone[figure.cell.tone], bold=True, anchor="top", min_size=12, inset=0.0),
            ]
        return shapes

    def _change(self, name: str, box: Box, change: Figure) -> Shape:
        """'同比 +18.3%' under its figure: the label muted, the change bold in its tone's colour, on one line."""
        c, t = self.kinds["compare"], self.theme
        tone = {story.GOOD: t.good, story.BAD: t.bad, story.NEUTRAL: t.text}[change.cell.tone]
        label = f"{change.label}  "
        width_em = text_width_em(label + change.cell.text, self.latin_scale * 1.04)
        size = max(c["change_min_size"], min(c["change_size"], box.width_in * 72 / max(width_em, 1.0)))
        para = Para((Run(label, colour=t.muted), Run(change.cell.text, bold=True, colour=tone)), size, t.text)
        return self.rich(name, box, [para], anchor="top", inset=0.0)
