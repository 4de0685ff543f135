"""Measure text with real font metrics and choose a size that fits a box.

Widths come from the bundled Noto Sans CJK SC (the same font charts use), which is close to the
fonts a viewer substitutes. Line breaking is CJK-aware: every ideograph is a break opportunity,
closing punctuation never starts a line and opening brackets never end one; Latin breaks at spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..resources import fonts_dir

NO_LINE_START = set("，。、；：？！）》」』】〕〉”’%‰,.;:?!)]}…·～-—")
NO_LINE_END = set("（《「『【〔〈“‘([{¥$￥")
_TOKEN = re.compile(r"[A-Za-z0-9\u00C0-\u024F'’\-_/.,%+:]+\s*|\s+|.", re.DOTALL)
LINE_SPACING = 1.3  # single spacing of CJK faces (YaHei, Noto Sans CJK) is about 1.3 em
SAFETY = 1.04  # viewers' fonts differ slightly from ours; keep a little room


@cache
def _advances() -> tuple[dict[int, float], float]:
    from fontTools.ttLib import TTFont

    font = TTFont(str(fonts_dir() / "NotoSansCJKsc-Regular-subset.otf"), lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return widths, 1.0


def char_width_em(char: str, latin_scale: float = 1.0) -> float:
    """Advance width in em. ``latin_scale`` adjusts non-CJK glyphs to the deck's Latin face
    (Calibri is narrower than the Latin of Noto Sans CJK; see layouts/grid.yaml)."""
    widths, default = _advances()
    cjk = ord(char) > 0x2E80
    found = widths.get(ord(char))
    width = found if found is not None else (default if cjk else 0.55)
    return width if cjk else width * latin_scale


def text_width_em(text: str, latin_scale: float = 1.0) -> float:
    return sum(char_width_em(c, latin_scale) for c in text) * SAFETY


def _tokens(text: str) -> list[str]:
    """Break opportunities: Latin words keep together, CJK characters stand alone."""
    raw = _TOKEN.findall(text)
    tokens: list[str] = []
    for token in raw:
        if tokens and (token[0] in NO_LINE_START or tokens[-1][-1] in NO_LINE_END):
            tokens[-1] += token
        else:
            tokens.append(token)
    return tokens


def wrap(text: str, width_em: float, latin_scale: float = 1.0) -> list[str]:
    """Greedy line breaking of one paragraph at ``width_em`` (in font-size units)."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        if text_width_em(current + token.rstrip(), latin_scale) <= width_em or not current:
            current += token
            while text_width_em(current.rstrip(), latin_scale) > width_em and len(current) > 1:
                cut = _longest_prefix(current, width_em, latin_scale)
                lines.append(current[:cut].rstrip())
                current = current[cut:]
        else:
            lines.append(current.rstrip())
            current = token.lstrip()
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _longest_prefix(text: str, width_em: float, latin_scale: float = 1.0) -> int:
    for end in range(len(text), 0, -1):
        if text_width_em(text[:end], latin_scale) <= width_em:
            return max(end, 1)
    return 1


@dataclass(frozen=True)
class Fit:
    size_pt: float
    lines: int
    height_in: float
    fits: bool


def measure(paragraphs: Sequence[str], width_in: float, size_pt: float, space_after_pt: float = 0.0,
            latin_scale: float = 1.0) -> tuple[int, float]:
    """Lines and height (inches) of paragraphs set at ``size_pt`` in a column ``width_in`` wide."""
    width_em = width_in * 72.0 / size_pt
    lines = sum(len(wrap(p, width_em, latin_scale)) for p in paragraphs)
    height_pt = lines * size_pt * LINE_SPACING + space_after_pt * max(len(paragraphs) - 1, 0)
    return lines, height_pt / 72.0


def fit(paragraphs: Sequence[str], width_in: float, height_in: float, size_pt: float, min_pt: float,
        space_after_pt: float = 0.0, latin_scale: float = 1.0) -> Fit:
    """The largest size from ``size_pt`` down to ``min_pt`` (half-point steps) at which the text fits."""
    size = size_pt
    while True:
        lines, height = measure(paragraphs, width_in, size, space_after_pt * size / size_pt, latin_scale)
        if height <= height_in or size <= min_pt:
            return Fit(size, lines, height, height <= height_in)
        size = max(min_pt, size - 0.5)
