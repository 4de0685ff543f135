"""A deck's look: colours, fonts per script and sizes, read from ``configs/themes/*.yaml``; and, when the
outline names a company template, what the writer and the planner need to know about it (``TemplateInfo``,
read by ``template_file.py`` at the pipeline's edge and handed on as plain data)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, SourceSpan
from .resources import data_dir

FAVOURABLE = ("red", "green", "locale")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_COLOURS = ("primary", "accent", "text", "muted", "background", "panel", "callout_fill", "callout_border",
            "red", "green")
_SIZES = ("title", "body", "min_body", "footnote")


@dataclass(frozen=True)
class Fonts:
    latin: str
    east_asian: str
    chart_families: tuple[str, ...]  # matplotlib preference order, first installed wins


CHART_TEXT_FLOOR_PT = 12.0  # legends, titles and notes in a chart
CHART_LABEL_FLOOR_PT = 10.0  # axis tick labels and data labels


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
    favourable: str = "green"  # "red" or "green": which of the two ``good`` is
    user_colours: bool = False  # colours from the user's own theme file: kept as written, warned if unreadable



class ChartType:
    """Type sizes of one chart at its shown size, the same in pictures and native charts: text, legends and
    notes at the body floor (12 pt), tick and data labels never below 10 pt, so a chart reads beside 14 pt
    body text. Mixed into the classes that draw a chart with a ``theme``."""

    theme: Theme

    @property
    def base_pt(self) -> float:
        return max(CHART_TEXT_FLOOR_PT, self.theme.chart_pt)

    @property
    def legend_pt(self) -> float:
        return self.base_pt

    @property
    def tick_pt(self) -> float:
        return max(CHART_LABEL_FLOOR_PT, self.theme.chart_pt - 2)

    @property
    def label_pt(self) -> float:
        return self.tick_pt

    def colour(self, series, index: int) -> str:
        """The series' own colour, else the theme palette in order."""
        return series.colour or self.theme.palette[index % len(self.theme.palette)]


class ThemeError(ValueError):
    """A theme name that does not exist, or a theme file that cannot be used."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


def load_theme(name_or_path: str, locale_fonts: dict, red_is_good: bool, *, locale: str | None = None,
               favourable: str | None = None) -> Theme:
    """Read a theme by name (``configs/themes/NAME.yaml``) or from a path, for one locale.

    Fonts: the theme's entry for the locale (``zh-CN``, or its language ``en``), else the theme's own
    ``latin``/``east_asian``/``chart``, else the locale's. The favourable colour: ``favourable`` (the deck's
    choice), else the theme's ``favourable``, else the locale's convention (``red_is_good``); ``locale``
    as a choice means the locale's convention.
    """
    raw = _read_theme_file(name_or_path)
    colours = raw["colors"]
    chart = raw["chart"]
    sizes = raw["sizes"]
    choice = favourable or raw.get("favourable") or "locale"
    if choice not in FAVOURABLE:
        raise ThemeError(f"theme '{raw.get('name', name_or_path)}': favourable must be red, green or locale, "
                         f"not '{choice}'")
    red_good = red_is_good if choice == "locale" else choice == "red"
    good, bad = (colours["red"], colours["green"]) if red_good else (colours["green"], colours["red"])
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
        grid=chart["grid"],
        palette=tuple(chart["palette"]),
        good=good,
        bad=bad,
        fonts=_fonts(raw.get("fonts") or {}, locale, locale_fonts),
        title_pt=sizes["title"],
        body_pt=sizes["body"],
        min_body_pt=sizes["min_body"],
        footnote_pt=sizes["footnote"],
        chart_pt=chart["size"],
        favourable="red" if red_good else "green",
        user_colours=Path(name_or_path).suffix in (".yaml", ".yml"),
    )


def _fonts(raw: dict, locale: str | None, locale_fonts: dict) -> Fonts:
    """Fonts for one locale: an exact entry (zh-TW), the language's (en), the theme's own, the locale's."""
    generic = {key: raw[key] for key in ("latin", "east_asian", "chart") if key in raw}
    entry: dict = {}
    if locale:
        entry = raw.get(locale) or raw.get(locale.split("-")[0]) or {}
    merged = {**locale_fonts, **generic, **entry}
    return Fonts(latin=merged["latin"], east_asian=merged["east_asian"], chart_families=tuple(merged["chart"]))


def theme_path(name_or_path: str, outline_dir: Path | None = None) -> Path:
    """The file a theme name or path stands for (a path ends in .yaml or .yml, relative to the outline)."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml"):
        return path if path.is_absolute() or outline_dir is None else outline_dir / path
    return data_dir("configs") / "themes" / f"{name_or_path}.yaml"


def _read_theme_file(name_or_path: str) -> dict:
    """The theme's settings laid over the default theme's, so a theme file names only what it changes."""
    path = theme_path(name_or_path)
    is_file = Path(name_or_path).suffix in (".yaml", ".yml")
    if not path.is_file():
        if is_file:
            raise ThemeError(f"theme file '{name_or_path}' does not exist",
                             "the path is relative to the outline; or name a built-in theme: "
                             + ", ".join(available_themes()))
        raise ThemeError(f"unknown theme '{name_or_path}'", _suggest(name_or_path, available_themes()))
    raw = _legacy(_load_yaml(path, name_or_path))
    if path.stem != "default" or is_file:
        raw = _merge(_load_yaml(theme_path("default"), "default"), raw)
    _validate(raw, name_or_path)
    return raw


def _load_yaml(path: Path, shown: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ThemeError(f"theme file '{shown}' cannot be read: {_first_line(exc)}",
                         "a theme is a UTF-8 YAML file like configs/themes/default.yaml") from None
    except RecursionError:
        raise _too_deep(shown) from None
    if _deeper_than(raw, THEME_DEPTH):
        raise _too_deep(shown)
    if not isinstance(raw, dict):
        raise ThemeError(f"theme file '{shown}' is not a mapping of settings",
                         "a theme is a YAML mapping like configs/themes/default.yaml")
    return raw


THEME_DEPTH = 10
THEME_VALUES = 10_000


def _too_deep(shown: str) -> ThemeError:
    return ThemeError(f"theme file '{shown}' nests deeper than {THEME_DEPTH} levels or holds more than "
                      f"{THEME_VALUES:,} values", "a theme has a few levels and a few dozen values, like "
                      "configs/themes/default.yaml; an alias may refer to itself")


def _deeper_than(value, limit: int) -> bool:
    """Nesting beyond ``limit`` (an alias that contains itself nests forever) or more values than a theme
    ever needs (aliases repeated), counted without recursion."""
    stack, seen = [(value, 0)], 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if depth > limit or seen > THEME_VALUES:
            return True
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return False


def _legacy(raw: dict) -> dict:
    """Older theme files kept the chart's grid, palette and size under colors and sizes."""
    moves = (("colors", "grid", "grid"), ("colors", "palette", "palette"), ("sizes", "chart", "size"))
    chart = dict(raw.get("chart") or {})
    for section, old, new in moves:
        if isinstance(raw.get(section), dict) and old in raw[section]:
            chart.setdefault(new, raw[section][old])
    return {**raw, "chart": chart} if chart else raw


def _merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


def _validate(raw: dict, shown: str) -> None:
    colours = raw.get("colors") or {}
    chart = raw.get("chart") or {}
    for key in _COLOURS:
        _colour(colours.get(key), f"colors.{key}", shown)
    _colour(chart.get("grid"), "chart.grid", shown)
    palette = chart.get("palette")
    if not isinstance(palette, list) or not palette:
        raise ThemeError(f"theme '{shown}': chart.palette must be a list of colours such as \"#1B365D\"")
    for index, colour in enumerate(palette):
        _colour(colour, f"chart.palette[{index}]", shown)
    sizes = raw.get("sizes") or {}
    for key in _SIZES:
        if not isinstance(sizes.get(key), (int, float)) or sizes[key] <= 0:
            raise ThemeError(f"theme '{shown}': sizes.{key} must be a size in points, e.g. 16")
    if not isinstance(chart.get("size"), (int, float)) or chart["size"] < 9:
        raise ThemeError(f"theme '{shown}': chart.size must be a size in points, at least 9, e.g. 11")
    if raw.get("favourable", "locale") not in FAVOURABLE:
        raise ThemeError(f"theme '{shown}': favourable must be red, green or locale, not '{raw['favourable']}'")


def _colour(value: Any, key: str, shown: str) -> None:
    if not isinstance(value, str) or not _HEX.match(value):
        raise ThemeError(f"theme '{shown}': {key} must be a colour such as \"#1B365D\", not {value!r}")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _suggest(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.5)
    known = "available themes: " + ", ".join(choices)
    return f"did you mean '{close[0]}'? ({known})" if close else known


def available_themes() -> list[str]:
    return sorted(p.stem for p in (data_dir("configs") / "themes").glob("*.yaml"))


def theme_problems(name_or_path: str, outline_dir: Path, span: SourceSpan) -> list[Diagnostic]:
    """``deckgen check``: the theme exists and can be used (an unknown name gets a "did you mean")."""
    shown = name_or_path
    if Path(name_or_path).suffix in (".yaml", ".yml"):
        name_or_path = str(theme_path(name_or_path, outline_dir))
    try:
        _read_theme_file(name_or_path)
    except ThemeError as error:
        message = error.message.replace(f"'{name_or_path}'", f"'{shown}'")
        return [Diagnostic("outline.theme", f"deck.theme: {message}", span, error.hint)]
    return []


# ---------------------------------------------------------------------------------------- company templates

# Our slide kinds and the template role whose layout they use.
ROLES = ("cover", "agenda", "section", "content", "closing")
_ROLE_OF_KIND = {"cover": "cover", "agenda": "agenda", "divider": "section", "closing": "closing"}


def role_of(kind: str) -> str:
    """The template role of a slide kind: cover, agenda, section (dividers), closing, else content."""
    return _ROLE_OF_KIND.get(kind, "content")


@dataclass(frozen=True)
class Rect:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class Art:
    """Something the template draws that deck content must leave uncovered: a picture, a logo, a graphic, or a
    footer, date or slide-number placeholder."""

    name: str
    rect: Rect
    placeholder: bool = False


@dataclass(frozen=True)
class LayoutInfo:
    """One layout of the template, as the planner sees it: where its placeholders are."""

    name: str
    content: Rect  # where our own shapes go: the body/object placeholders, else the master's body
    title: Rect | None = None  # the title placeholder (filled with the slide title)
    subtitle: Rect | None = None  # subtitle, or the text placeholder of a title or section layout
    footer: Rect | None = None
    slide_number: Rect | None = None
    master_title: Rect | None = None  # where the master puts titles (for a layout without a title placeholder)
    art: tuple[Art, ...] = ()  # pictures, logos and kept placeholders of the master and layout
    fills: tuple[tuple[Rect, str], ...] = ()  # solid-filled art (title bars, bands), in drawing order
    background: str | None = None  # the slide background, when one solid colour
    text_colours: tuple[tuple[str, str], ...] = ()  # our text name -> the colour its placeholder gives it


@dataclass(frozen=True)
class Fallback:
    """A role whose layout the template lacks: what was looked for and what was used instead."""

    role: str
    wanted: tuple[str, ...]
    used: str


@dataclass(frozen=True)
class TemplateInfo:
    """What a company template gives the deck: slide size, layouts, theme colours and fonts."""

    path: str
    width_in: float
    height_in: float
    layout_names: tuple[str, ...]  # every layout of the template, master by master
    roles: tuple[tuple[str, LayoutInfo], ...]  # role -> the layout chosen for it
    colours: tuple[tuple[str, str], ...] = ()  # theme colour scheme: dk1, lt1, dk2, lt2, accent1..6 -> #RRGGBB
    colour_scheme: str = ""
    heading_latin: str = ""  # the theme's major (heading) and minor (body) fonts
    heading_east_asian: str = ""
    body_latin: str = ""
    body_east_asian: str = ""
    font_scheme: str = ""
    fallbacks: tuple[Fallback, ...] = field(default=())
    brand: tuple[str, ...] = ()  # the master's and layouts' art colours, most area first
    office_colours: bool = False  # the theme's accents are Office's defaults: no colours of its own

    def layout(self, kind: str) -> LayoutInfo:
        return dict(self.roles)[role_of(kind)]

    def colour(self, name: str) -> str | None:
        return dict(self.colours).get(name)
