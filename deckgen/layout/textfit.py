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


@cache  # called for every character of every text measured, at every size tried
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
    tokens: list[list[str]] = []
    for token in _TOKEN.findall(text):
        if tokens and (token[0] in NO_LINE_START or tokens[-1][-1][-1] in NO_LINE_END):
            tokens[-1].append(token)
        else:
            tokens.append([token])
    return ["".join(parts) for parts in tokens]


def wrap(text: str, width_em: float, latin_scale: float = 1.0) -> list[str]:
    """Greedy line breaking of one paragraph at ``width_em`` (in font-size units), in time linear in the
    length of the text: each line's width is kept as it grows, and a word wider than the line (a long
    string without spaces) is broken anywhere."""
    lines: list[str] = []
    line: list[str] = []
    length, used = 0, 0.0  # characters and width of the current line, summed from its start
    for token in _tokens(text):
        if length and _widen(used, token.rstrip(), latin_scale) * SAFETY > width_em:
            lines.append("".join(line).rstrip())
            line, length, used, token = [], 0, 0.0, token.lstrip()
        if not length:
            broken, token, used = _break(token, width_em, latin_scale)
            lines.extend(broken)
            line, length = [token], len(token)
        else:
            line.append(token)
            length, used = length + len(token), _widen(used, token, latin_scale)
    current = "".join(line)
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _widen(width: float, text: str, latin_scale: float) -> float:
    for char in text:
        width += char_width_em(char, latin_scale)
    return width


def _break(text: str, width_em: float, latin_scale: float) -> tuple[list[str], str, float]:
    """Full lines cut from the start of ``text`` (each the longest prefix that fits), the rest, and its width."""
    lines: list[str] = []
    start, end = 0, len(text.rstrip())  # trailing spaces may hang past the edge
    while True:
        used, index = 0.0, start
        while index < len(text):
            wider = used + char_width_em(text[index], latin_scale)
            if wider * SAFETY > width_em:
                break
            used, index = wider, index + 1
        if index >= end or len(text) - start <= 1:
            return lines, text[start:], _widen(used, text[index:], latin_scale)
        cut = max(index, start + 1)
        lines.append(text[start:cut].rstrip())
        start = cut


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
