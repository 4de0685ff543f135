"""Tables on the grid: column widths from what each column needs, row heights from the text, continuation
pages for tables longer than a page, and the commentary panel beside them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..story import spec as story
from ..story.spec import Cell
from .compare import comparable_pair
from .spec import Box, Shape, TableShape
from .textfit import bind_words, broken, measure, text_width_em, unbreakable

BOLD_WIDTH = 1.08  # bold text is about this much wider than regular


class TableLayout:
    """The table methods of the grid planner (``plan.Planner``)."""

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
        return balanced(pages, lambda rows: heights[0] + sum(rows_height[id(r)] for r in rows) <= main.height_in)

    def _table(self, slide: story.SlideSpec) -> list[Shape]:
        body: story.Table = slide.body
        if comparable_pair(body) and (body.show == "cards" or self._cards_fit(slide)):
            return self._comparison(slide)
        main, side = self._with_side("table", slide, bool(body.commentary))
        note = self._note_below(slide)
        if note:  # a short table with a one-line note: the table takes the full width, the note goes below it
            main, side = Box(main.left_in, main.top_in, self.grid.content_width, main.height_in - note), None
        size, widths, needed = self._table_metrics(body, main)
        heights = _capped(needed, main.height_in, bool(body.header))
        box = Box(main.left_in, main.top_in, main.width_in, sum(heights))
        header, rows = self._broken_table(body, widths, size)
        shapes: list[Shape] = [TableShape("Table", box, header, rows, widths, heights, size, size,
                                          overflow=heights != needed)]
        if side:
            shapes += self.commentary(side, body.commentary)
        if note:
            gap = self.kinds["table"]["note_gap"]
            shapes += self.commentary(Box(box.left_in, box.bottom_in + gap, box.width_in, note - gap), body.commentary)
        return shapes

    def _note_below(self, slide: story.SlideSpec) -> float:
        """The room (gap included) commentary takes below a short table when it is short enough to go there;
        0 when it goes beside the table."""
        body: story.Table = slide.body
        spec = self.kinds["table"]
        if not body.commentary or len(body.rows) + 1 > spec["roomy_rows"]:
            return 0.0
        height = self.commentary_height(self.grid.content_width, body.commentary)
        return height + spec["note_gap"] if height <= spec["note_max_height"] else 0.0

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
        if roomy:  # a short table's rows share the page (up to a limit) rather than leave most of it empty
            base = max(base, min(spec["max_row_height"], area.height_in / (len(body.rows) + 1)))
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


def _capped(heights: tuple[float, ...], room_in: float, header: bool) -> tuple[float, ...]:
    """Row heights with no row taller than the page leaves it (a row alone on its page whose text would need
    more, such as a pasted document, is cut to the page rather than running kilometres off the slide)."""
    if sum(heights) <= room_in:
        return heights
    if not header:
        return tuple(min(height, room_in) for height in heights)
    top = min(heights[0], room_in / 2)
    return (top, *(min(height, room_in - top) for height in heights[1:]))


def balanced(pages: list[tuple], fits: Callable[[tuple], bool]) -> list[tuple]:
    """The same number of pages, filled evenly (10 + 10 + 10 rather than 13 + 13 + 4) when that fits."""
    items = [item for page in pages for item in page]
    per = -(-len(items) // len(pages))
    even = [tuple(items[i : i + per]) for i in range(0, len(items), per)]
    return even if len(even) == len(pages) and all(fits(page) for page in even) else pages
