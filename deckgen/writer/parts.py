"""What the slide writer and the native charts share, so neither imports the other: the key a rendered chart
is found by (the pipeline draws each picture once per content and size; the writer places it), and text
made safe for XML."""

from __future__ import annotations

import hashlib

from ..layout.spec import PictureShape
from ..text import printable


def picture_key(shape: PictureShape) -> str:
    """Charts are rendered once per content and size; this names the result."""
    return chart_key(shape.chart, shape.box.width_in, shape.box.height_in)


def chart_key(chart, width_in: float, height_in: float) -> str:
    digest = hashlib.sha256(repr((chart, round(width_in, 4), round(height_in, 4))).encode("utf-8"))
    return digest.hexdigest()[:20]


def clean_text(text: str) -> str:
    """Text from data may hold characters XML cannot carry: shown as a space or '�' (deckgen/text.py)."""
    return printable(text, keep_newlines=True)


def slide_text(text: str) -> str:
    """Text as a slide shows it: XML-safe, with word joiners inside numbers with their units and signs
    (``layout.textfit.bind``; the layout's own line breaks, already in the text, do the rest)."""
    from ..layout.textfit import bind

    return bind(clean_text(text))


def header_text(text: str) -> str:
    """A table header cell: as :func:`slide_text`, and no word broken across lines."""
    from ..layout.textfit import bind_words

    return bind_words(clean_text(text))
