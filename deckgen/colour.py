"""Colour arithmetic on "#RRGGBB" strings: mixing, WCAG relative luminance and contrast, and the nearest
readable colour for text on a background."""

from __future__ import annotations

import colorsys

READABLE = 4.5  # WCAG 2 AA contrast for body text


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix(colour: str, other: str, amount: float) -> str:
    """``amount`` of the way from ``colour`` to ``other``."""
    a, b = rgb(colour), rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02X}" for x, y in zip(a, b))


def luminance(colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(colour: str, background: str, ratio: float = READABLE) -> str:
    """``colour`` itself when it reads on ``background``; else the same hue made darker (on a light background)
    or lighter (on a dark one), just enough to reach ``ratio``."""
    if contrast(colour, background) >= ratio:
        return colour
    target = "#000000" if contrast("#000000", background) >= contrast("#FFFFFF", background) else "#FFFFFF"
    if (luminance(colour) < luminance(background)) == (target == "#FFFFFF"):
        return target  # dark text on a dark fill (or light on light): a shade of it would be grey; white or black
    for step in range(1, 21):
        candidate = mix(colour, target, step / 20)
        if contrast(candidate, background) >= ratio:
            return candidate
    return target


def saturated(colour: str) -> bool:
    """A colour of its own: neither white, black nor a grey."""
    r, g, b = (v / 255 for v in rgb(colour))
    _, light, sat = colorsys.rgb_to_hls(r, g, b)
    return sat >= 0.25 and 0.12 <= light <= 0.88
