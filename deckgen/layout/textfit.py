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

JOINER = "\u2060"  # WORD JOINER: no line break on either side, no width (UAX #14 class WJ)
# What must not be split across lines: a sign and its number; a currency sign, a number and its unit (万元,
# 个百分点, %, M, p. p.); the characters of such a unit. Viewers break between any two ideographs, so the
# joiner goes between every pair that must stay together (docs/fitting.md).
_UNIT = r"(?:个百分点|百分点|万元|亿元|万人|万|亿|元|倍|件|个|人|次|秒|天|小时|年|月|日|号|%|％|‰|pts?|pp|p\.\u00a0?p\.|[KMB](?![A-Za-z])|×)"
_BOUND = re.compile(r"(?P<sign>(?<![\w.,])[+\-−±](?=[¥$€£]?\d))?(?P<cur>[¥$€£])?(?P<num>\d(?:[\d,.]*\d)?)"
                    r"(?:(?P<gap>[\u00a0 ]?)(?P<unit>" + _UNIT + r"))?")


def bind(text: str) -> str:
    """``text`` with a word joiner wherever a line must not break: after the sign of a number, between a
    currency sign, its number and its unit, and between the characters of a CJK unit ("-0.14个百分点",
    "5,641万元", "¥2.07M", "23,4 %"). Digits, separators and Latin letters already hold together."""
    if JOINER in text:
        return text
    return _BOUND.sub(_joined, text)


def _joined(match: re.Match) -> str:
    parts = [match.group("sign"), match.group("cur"), match.group("num")]
    if match.group("unit"):
        unit = match.group("unit")
        parts += [match.group("gap"), JOINER.join(unit) if _has_ideograph(unit) else unit]
    return JOINER.join(p for p in parts if p)


def _has_ideograph(text: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in text)


def _no_widow(tokens: list[str]) -> list[str]:
    """Latin text of four words or more never leaves a short last word ("año", "mes") alone on a line: the
    last two words break as one."""
    words = [t for t in tokens if t.strip()]
    text = "".join(tokens)
    if len(words) < 4 or _has_ideograph(text) or len(tokens[-1].strip()) > 6 or len(tokens) < 2:
        return tokens
    return [*tokens[:-2], tokens[-2] + tokens[-1]]


def bind_words(text: str) -> str:
    """A table header: every word kept on one line (a CJK word is a run of ideographs between spaces or
    punctuation), numbers and units as :func:`bind`."""
    return re.sub(r"[\u2e80-\u9fff\uf900-\ufaff]{2,}", lambda m: JOINER.join(m.group(0)), bind(text))


NO_LINE_START = set("，。、；：？！）》」』】〕〉”’%‰,.;:?!)]}…·～-—")
NO_LINE_END = set("（《「『【〔〈“‘([{¥$￥")
_TOKEN = re.compile(r"[A-Za-z0-9\u00C0-\u024F'’\-_/.,%+:\u00a0]+[^\S\u00a0]*|[^\S\u00a0]+|.", re.DOTALL)
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
    if char == JOINER:
        return 0.0
    widths, default = _advances()
    cjk = ord(char) > 0x2E80
    found = widths.get(ord(char))
    width = found if found is not None else (default if cjk else 0.55)
    return width if cjk else width * latin_scale


AUTOSPACE_EM = 0.2  # viewers space an ideograph and a Latin letter or digit that touch ("114.7万元") this much


def _kind(char: str) -> str:
    """"cjk" for ideographs and full-width punctuation, "latin" for letters, digits and ASCII signs ("%", "+",
    ")"), "" for spaces: LibreOffice spaces "51.1%）" and "33.9%（" as it spaces "114.7万元"."""
    code = ord(char)
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x3000 < code <= 0x303F or 0xFF00 < code <= 0xFF60:
        return "cjk"
    return "latin" if char.isalnum() or (char.isascii() and not char.isspace()) else ""


def _autospace(before: str, char: str) -> float:
    kinds = {_kind(before), _kind(char)} if before else set()
    return AUTOSPACE_EM if kinds == {"cjk", "latin"} else 0.0


def text_width_em(text: str, latin_scale: float = 1.0) -> float:
    return _widen(0.0, text, latin_scale) * SAFETY


def _tokens(text: str) -> list[str]:
    """Break opportunities: Latin words keep together, CJK characters stand alone, nothing breaks at a word
    joiner (numbers with their units, see :func:`bind`)."""
    tokens: list[list[str]] = []
    for token in _TOKEN.findall(bind(text)):
        joined = tokens and (token[0] == JOINER or tokens[-1][-1][-1] == JOINER)
        if tokens and (joined or token[0] in NO_LINE_START or tokens[-1][-1][-1] in NO_LINE_END):
            tokens[-1].append(token)
        else:
            tokens.append([token])
    return _no_widow(["".join(parts) for parts in tokens])


def unbreakable(text: str) -> list[str]:
    """The pieces of ``text`` no line break may enter: words, and numbers bound to their signs and units."""
    return [token.strip() for token in _tokens(text) if len(token.strip()) > 1]


def wrap(text: str, width_em: float, latin_scale: float = 1.0) -> list[str]:
    """Greedy line breaking of one paragraph at ``width_em`` (in font-size units), in time linear in the
    length of the text: each line's width is kept as it grows, and a word wider than the line (a long
    string without spaces) is broken anywhere."""
    lines: list[str] = []
    line: list[str] = []
    length, used = 0, 0.0  # characters and width of the current line, summed from its start
    for token in _tokens(text):
        if length and _widen(used, token.rstrip(), latin_scale, _last(line)) * SAFETY > width_em:
            lines.append("".join(line).rstrip())
            line, length, used, token = [], 0, 0.0, token.lstrip()
        if not length:
            broken, token, used = _break(token, width_em, latin_scale)
            lines.extend(broken)
            line, length = [token], len(token)
        else:
            line.append(token)
            length, used = length + len(token), _widen(used, token, latin_scale, _last(line[:-1]))
    current = "".join(line)
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _widen(width: float, text: str, latin_scale: float, before: str = "") -> float:
    """``width`` plus the width of ``text``, with the East Asian autospacing viewers add where an ideograph
    and a Latin letter or digit touch (word joiners between them do not count); ``before`` is the character
    preceding ``text``."""
    for char in text:
        if char == JOINER:
            continue
        width += char_width_em(char, latin_scale) + _autospace(before, char)
        before = char
    return width


def _last(parts: list[str]) -> str:
    """The last visible character of a line in the making."""
    for part in reversed(parts):
        stripped = part.replace(JOINER, "")
        if stripped:
            return stripped[-1]
    return ""


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


LINE_BREAK = "\v"  # a line break inside a paragraph (the writer writes <a:br/>)


def broken(text: str, width_em: float, latin_scale: float = 1.0, lead: str = "") -> str:
    """Text in a Latin script is left to the viewer to wrap, so it reflows when edited: no-break spaces hold
    a number to its unit and the last two words together (:func:`held`), which every viewer honours.

    Text with ideographs gets a line break wherever :func:`wrap` ends a line, so every viewer breaks the lines
    where the layout measured them: LibreOffice breaks between two ideographs whatever joins them (U+2060,
    U+FEFF and U+200D all fail, docs/fitting.md). A space at a break stays at the end of its line,
    where it takes no room. ``lead`` (a bullet) is measured on the first line but not returned."""
    if not text:
        return text
    if not _has_ideograph(lead + text):
        return held(text, width_em, latin_scale)
    lines = wrap(lead + text, width_em, latin_scale)
    if len(lines) == 1:
        return text
    bound = bind(lead + text)
    pieces, at = [], 0
    for line in lines:
        end = _end_of(bound, at, line)
        pieces.append(bound[at:end])
        at = end
    pieces[-1] += bound[at:]
    pieces[0] = pieces[0][len(lead):]
    return LINE_BREAK.join(pieces)


# a short last word after a word (not after a number, whose unit may follow: "32,5 s"); a number may go down alone
_LAST_WORDS = re.compile(r"(\S*[^\s\d]) ([^\s\d]{1,6})$")


def held(text: str, width_em: float, latin_scale: float = 1.0) -> str:
    """Latin text for the viewer to wrap, with a no-break space before its short last word where the
    viewer would otherwise leave that word alone on the last line ("año", "mes"), and after an arrow ("→ 50").
    Numbers hold to their units by themselves: a sign before a digit never breaks, and the locale joins
    units with no-break spaces."""
    text = text.replace(" → ", " →\u00a0")  # "24 →" never ends a line without its "50"
    lines = wrap(text, width_em, latin_scale)  # wraps the last two words as one (_no_widow)
    if len(lines) < 2 or len(lines[-1].split()) != 2 or not _LAST_WORDS.search(text):
        return text
    first_of_last = lines[-1].split()[0]
    if text_width_em(f"{lines[-2]} {first_of_last}", latin_scale) > width_em:
        return text  # the viewer moves both words down anyway
    return _LAST_WORDS.sub("\\1\u00a0\\2", text)


def _end_of(bound: str, start: int, line: str) -> int:
    """Where ``line`` (a wrapped line, trailing spaces dropped) ends in ``bound``, with its trailing spaces."""
    end = start + len(line.lstrip())
    while start < len(bound) and bound[start].isspace() and not line[:1].isspace():
        start, end = start + 1, end + 1
    while end < len(bound) and bound[end] in " \t":
        end += 1
    return end


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


TITLE_MIN_PT = 18.0  # a content slide's title never gets smaller than this


def common_size(texts: Sequence[str], width_in: float, height_in: float, size_pt: float, min_pt: float,
                latin_scale: float = 1.0) -> float:
    """The one size at which every text of a set fits its box (each on its own): the smallest of their
    fitted sizes, so slide titles share one size across a deck."""
    return min((fit([text], width_in, height_in, size_pt, min_pt, 0.0, latin_scale).size_pt for text in texts),
               default=size_pt)
