"""Parts named and slides added without walking the package give the package python-pptx's own API gives."""

from __future__ import annotations

import io
import zipfile

from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from deckgen.writer.package import PartNames, SlideAdder


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _deck(fast: bool) -> dict[str, bytes]:
    prs = Presentation()
    layout = prs.slide_layouts[6]
    adder = SlideAdder(prs) if fast else None
    if fast:
        PartNames(prs.part.package).install()
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    for index in range(12):
        slide = adder.add(layout) if adder else prs.slides.add_slide(layout)
        if index % 3 == 0:  # the same picture again, and a new one
            slide.shapes.add_picture(io.BytesIO(_png("red")), 0, 0, Inches(1), Inches(1))
            slide.shapes.add_picture(io.BytesIO(_png(f"#{index:02d}{index:02d}ff")), 0, 0, Inches(1), Inches(1))
        if index % 4 == 1:
            slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
        if index % 2 == 0:
            slide.notes_slide.notes_text_frame.text = f"note {index}"
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as package:  # a chart's workbook records when it was made: its name only
        return {name: b"" if name.endswith(".xlsx") else package.read(name) for name in package.namelist()}


def test_same_parts_with_the_same_names_and_content() -> None:
    fast, plain = _deck(True), _deck(False)
    assert list(fast) == list(plain)
    assert fast == plain
    assert sum(name.startswith("ppt/media/image") for name in fast) == 5  # equal pictures stored once
