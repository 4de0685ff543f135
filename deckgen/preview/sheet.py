"""The contact sheet: a deck's pages as one grid of numbered thumbnails (Pillow, imported only to draw)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Contact sheet geometry, in pixels.
SHEET_MARGIN_PX = 16  # around the sheet and between cells
SHEET_LABEL_HEIGHT_PX = 28  # room for the slide number under each thumbnail
SHEET_BACKGROUND = (236, 236, 236)
SHEET_BORDER = (160, 160, 160)
SHEET_LABEL_COLOUR = (64, 64, 64)


def make_contact_sheet(
    pages: Sequence[Path],
    out: Path,
    columns: int = 5,
    thumb_width_px: int = 384,
    label: bool = True,
) -> Path:
    """Draw the pages as a grid of thumbnails on a light grey sheet, each framed and numbered; save as PNG.

    Cells are ``thumb_width_px`` wide and as tall as the first page scaled to that width; the grid has
    ``min(columns, len(pages))`` columns.
    """
    from PIL import Image, ImageDraw, ImageFont

    if not pages:
        raise ValueError("a contact sheet needs at least one page")
    if columns < 1 or thumb_width_px < 1:
        raise ValueError("columns and thumb_width_px must be positive")

    with Image.open(pages[0]) as first:
        first_w, first_h = first.size
    thumb_w = thumb_width_px
    thumb_h = max(1, round(thumb_w * first_h / first_w))
    label_h = SHEET_LABEL_HEIGHT_PX if label else 0
    margin = SHEET_MARGIN_PX
    cols = min(columns, len(pages))
    rows = -(-len(pages) // cols)
    sheet = Image.new(
        "RGB",
        (margin + cols * (thumb_w + margin), margin + rows * (thumb_h + label_h + margin)),
        SHEET_BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    font = _label_font(ImageFont, SHEET_LABEL_HEIGHT_PX * 2 // 3) if label else None

    for index, page in enumerate(pages):
        cell_x = margin + (index % cols) * (thumb_w + margin)
        cell_y = margin + (index // cols) * (thumb_h + label_h + margin)
        with Image.open(page) as img:
            img = img.convert("RGB")
            scale = min(thumb_w / img.width, thumb_h / img.height)
            size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
            thumb = img.resize(size, Image.Resampling.LANCZOS)
        x = cell_x + (thumb_w - thumb.width) // 2
        y = cell_y + (thumb_h - thumb.height) // 2
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=SHEET_BORDER, width=1)
        if font is not None:
            text = str(index + 1)
            left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
            text_x = cell_x + (thumb_w - (right - left)) / 2 - left
            text_y = cell_y + thumb_h + (label_h - (bottom - top)) / 2 - top
            draw.text((text_x, text_y), text, fill=SHEET_LABEL_COLOUR, font=font)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, format="PNG", optimize=True)
    return out


def _label_font(image_font: Any, size: int) -> Any:
    """Pillow's built-in font at ``size`` px (Pillow >= 10.1 with FreeType), else its small bitmap font."""
    try:
        return image_font.load_default(size=size)
    except (TypeError, OSError, ImportError):
        return image_font.load_default()
