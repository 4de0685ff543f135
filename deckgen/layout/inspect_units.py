"""Layout warnings about numbers shown side by side in different unit scales: a table column, a group of KPI
cards or one chart series printing "1.2万" beside "9,137", or "¥945,411" beside "¥2.07M". A reader compares
such numbers by their digits and is misled. Each warning names the slide, the shape and the outline line."""

from __future__ import annotations

import re

from ..errors import Diagnostic
from .slide_warning import slide_warning
from .spec import PictureShape, PlacedDeck, PlacedSlide, TableShape, TextShape

JOINERS = "\u2060\u00a0\u202f\u200b"
# a number, then (after spaces or joiners) an optional scale word: 万/亿 in Chinese, K/M/B/bn in English, mil/M
# in Spanish; currency signs may stand on either side
_NUMBER = re.compile(r"(?P<number>\d[\d.,' ]*\d|\d)[" + JOINERS + r" ]?(?P<scale>万亿|万|亿|千|bn|mil|Mio|Mrd|[KkMB])?"
                     r"(?![A-Za-z])")
_CURRENCY = re.compile(r"[¥$€£元₩]|US\$|円|RMB|CNY|EUR|USD")
_SHOWN = {0x2060: None, 0x200B: None, 0x00A0: " ", 0x202F: " "}  # joiners have no width; no-break spaces are spaces
LARGE = 1000  # an unscaled number from here on reads as a count or an amount in units


def _integer_part(number: str) -> float:
    """The number's integer value, whatever the locale's separators (the last of '.'/',' followed by one or two
    digits, or both present, is the decimal one)."""
    digits = number.replace(" ", "").replace("'", "")
    marks = [i for i, c in enumerate(digits) if c in ".,"]
    if marks:
        last = marks[-1]
        decimal = len({digits[i] for i in marks}) > 1 or len(digits) - last - 1 != 3
        if decimal:
            digits = digits[:last]
    return float(re.sub(r"[.,]", "", digits) or 0)


def scale_of(text: str) -> tuple[bool, str] | None:
    """(money or not, the scale word or "" for units) of a formatted number; None for a percentage, a small
    unscaled number (a ratio, a price) or text without a number."""
    if "%" in text or "百分点" in text or "pp" in text.split():
        return None
    found = _NUMBER.search(text)
    if found is None:
        return None
    scale = found.group("scale") or ""
    if not scale and _integer_part(found.group("number")) < LARGE:
        return None
    return bool(_CURRENCY.search(text)), scale


def mixed(texts: list[str]) -> tuple[str, str] | None:
    """Two texts of one kind (money or not) in different scales, the first of each scale; else None."""
    first: dict[tuple[bool, str], str] = {}
    for text in texts:
        scale = scale_of(text)
        if scale is not None:
            first.setdefault(scale, text)
    for money in (True, False):
        shown = [text for (is_money, _), text in first.items() if is_money == money]
        if len(shown) > 1:
            return shown[0], shown[1]
    return None


def _plain(text: str) -> str:
    """The text as it reads: joiners and no-break spaces shown as plain spaces, none doubled."""
    return " ".join(text.translate(_SHOWN).split())


def _groups(slide: PlacedSlide):
    """(shape name, what, texts) for each group of numbers read together on the slide."""
    kpis = [s for s in slide.shapes if isinstance(s, TextShape) and re.fullmatch(r"KPI \d+ value", s.name)]
    if len(kpis) > 1:
        yield "KPI cards", "the values of the KPI cards", ["".join(r.text for r in s.paras[0].runs) for s in kpis]
    for shape in slide.shapes:
        if isinstance(shape, TableShape):
            for col in range(len(shape.col_widths_in)):
                header = _plain(shape.header[col]) if col < len(shape.header) else str(col + 1)
                cells = [row[col].text for row in shape.rows if col < len(row) and row[col].numeric]
                yield shape.name, f"column '{header}'", cells
        elif isinstance(shape, PictureShape):
            for series in shape.chart.series:
                if series.labels:
                    yield shape.name, f"the data labels of series '{series.name}'", list(series.labels)


def mixed_units(deck: PlacedDeck, outline: str) -> list[Diagnostic]:
    problems = []
    for number, slide in enumerate(deck.slides, start=1):
        for name, what, texts in _groups(slide):
            found = mixed(texts)
            if found:
                a, b = (_plain(text) for text in found)
                problems.append(slide_warning(
                    "numbers.mixed_units", number, slide, outline, f"'{name}' mixes unit scales in {what} ('{a}' "
                    f"beside '{b}')", "one scale per column, axis and card group reads at a glance: give the "
                    "metrics the same format or unit"))
    return problems
