"""A deck's look: colours, fonts per script and sizes, read from ``configs/themes/*.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .resources import data_dir


@dataclass(frozen=True)
class Fonts:
    latin: str
    east_asian: str
    chart_families: tuple[str, ...]  # matplotlib preference order, first installed wins


@dataclass(frozen=True)
class Theme:
    name: str
    primary: str
    accent: str
    text: str
    muted: str
    background: str
    panel: str
    callout_fill: str
    callout_border: str
    grid: str
    palette: tuple[str, ...]
    good: str  # colour of a favourable change (red in zh by default, green elsewhere)
    bad: str
    fonts: Fonts
    title_pt: float
    body_pt: float
    min_body_pt: float
    footnote_pt: float
    chart_pt: float


def load_theme(name_or_path: str, locale_fonts: dict, red_is_good: bool) -> Theme:
    """Read a theme by name (``configs/themes/NAME.yaml``) or from a path, for one locale."""
    raw = _read_theme_file(name_or_path)
    colours = raw["colors"]
    fonts = raw.get("fonts", {})
    good, bad = (colours["red"], colours["green"]) if red_is_good else (colours["green"], colours["red"])
    sizes = raw["sizes"]
    return Theme(
        name=raw["name"],
        primary=colours["primary"],
        accent=colours["accent"],
        text=colours["text"],
        muted=colours["muted"],
        background=colours["background"],
        panel=colours["panel"],
        callout_fill=colours["callout_fill"],
        callout_border=colours["callout_border"],
        grid=colours["grid"],
        palette=tuple(colours["palette"]),
        good=good,
        bad=bad,
        fonts=Fonts(
            latin=fonts.get("latin", locale_fonts["latin"]),
            east_asian=fonts.get("east_asian", locale_fonts["east_asian"]),
            chart_families=tuple(fonts.get("chart", locale_fonts["chart"])),
        ),
        title_pt=sizes["title"],
        body_pt=sizes["body"],
        min_body_pt=sizes["min_body"],
        footnote_pt=sizes["footnote"],
        chart_pt=sizes["chart"],
    )


def _read_theme_file(name_or_path: str) -> dict:
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml"):
        path = data_dir("configs") / "themes" / f"{name_or_path}.yaml"
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def available_themes() -> list[str]:
    return sorted(p.stem for p in (data_dir("configs") / "themes").glob("*.yaml"))
