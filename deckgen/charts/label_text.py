"""How wide a label's text is, in ems, and how it is wrapped, shortened or fitted to lines: measured without
drawing, for the chart pictures and the native charts alike."""

from __future__ import annotations

import unicodedata
from functools import cache

CLOSING_PUNCTUATION = set("，。、；：？！）》」』】〕”’%％,.;:?!)]}")
OPENING_PUNCTUATION = set("（《「『【〔“‘([{")


@cache  # called for every character of every label measured
def char_em(char: str) -> float:
    """Approximate advance of a character in ems (CJK full width = 1)."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char == " ":
        return 0.28
    if char in ".,:;'!|il":
        return 0.3
    if char.isupper() or char in "mwMW%@":
        return 0.66
    return 0.55


def text_em(text: str) -> float:
    """Width of the widest line of ``text`` in ems."""
    return max((sum(char_em(c) for c in line) for line in text.split("\n")), default=0.0)


def _tokens(text: str) -> list[str]:
    """Break opportunities: each CJK character alone, Latin words with their trailing space."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F") and char not in CLOSING_PUNCTUATION:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    merged: list[str] = []
    for token in tokens:  # keep closing punctuation with what precedes it, opening with what follows
        if merged and (token[0] in CLOSING_PUNCTUATION or merged[-1][-1] in OPENING_PUNCTUATION):
            merged[-1] += token
        else:
            merged.append(token)
    return merged


def wrap_label(text: str, max_em: float) -> list[str]:
    """Lines of at most ``max_em`` where possible: CJK breaks between characters, Latin between words."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        if current and text_em((current + token).rstrip()) > max_em:
            lines.append(current.rstrip())
            current = token
        else:
            current += token
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def shorten(line: str, max_em: float) -> str:
    """``line`` cut to ``max_em`` with an ellipsis."""
    if text_em(line) <= max_em:
        return line
    while line and text_em(line + "…") > max_em:
        line = line[:-1]
    return line.rstrip() + "…"


def fit_lines(text: str, max_em: float, max_lines: int) -> str:
    """Wrapped to ``max_lines`` lines of ``max_em``; an ellipsis ends the last line if text is left over."""
    lines = wrap_label(text, max_em)
    if len(lines) > max_lines:
        rest = "".join(lines[max_lines - 1 :])
        lines = lines[: max_lines - 1] + [shorten(rest, max_em)]
    return "\n".join(shorten(line, max_em) for line in lines)
