"""A finding said again in other words: two sentences that state the same figures in the same order
("全年 GMV 5,641万元，同比增长18.6%" and "GMV 5,641万元，同比 +18.6%"). The deck says a finding at most twice."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Digits that are no finding: dates (11/11, 1–14 日, 2025 年), campaign names (618, Double 11), quarters,
# appendix labels and page pointers.
_NOT_FIGURES = re.compile(
    r"\d+\s*/\s*\d+|\d+\s*[–-]\s*\d+\s*[月日]|\d+\s*[月日号]|\b(?:19|20)\d\d\b|\b(?:Double|Doble) 11\b|\b618\b"
    r"|\bQ\d\b|\bA\d+\b|第\s*\d+\s*页|(?:slides?|diapositivas?|días?|del?|al|a)\s+\d+\b(?![.,]\d)|\b\d+ de [a-z]+")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE = re.compile(r"[。；;\n]")


def figures(sentence: str) -> tuple[str, ...]:
    return tuple(_FIGURE.findall(_NOT_FIGURES.sub(" ", sentence.replace("\u2060", ""))))


def times_said(text: str, said: Iterable[str]) -> int:
    """How many sentences of ``said`` state the same first two figures as ``text``'s first sentence."""
    mine = figures(_SENTENCE.split(text)[0])[:2]
    if len(mine) < 2:
        return 0
    return sum(figures(part)[:2] == mine for other in said for part in _SENTENCE.split(other))
