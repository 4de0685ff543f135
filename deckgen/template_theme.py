"""A theme in a company template's colours and fonts (``deck.template``): the template's colour scheme, or,
when that is Office's default, the brand colours of its master's art."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .colour import contrast, mix, readable
from .theme import Fonts, TemplateInfo, Theme


def apply_template(theme: Theme, template: TemplateInfo, keep_colours: bool = False) -> Theme:
    """The theme in the template's colours and fonts; sizes and the favourable colours stay the theme's.

    A template whose theme colours are Office's defaults gives the colours of its master's art instead (its
    brand), or, with ``keep_colours`` (the outline names a theme), the theme keeps its own."""
    colours = dict(template.colours)
    fonts = Fonts(latin=template.body_latin or theme.fonts.latin,
                  east_asian=template.body_east_asian or theme.fonts.east_asian,
                  chart_families=tuple(dict.fromkeys([*(f for f in (template.body_east_asian, template.body_latin) if f),
                                                      *theme.fonts.chart_families])))
    name = f"{theme.name} + {Path(template.path).name}"
    if keep_colours and template.office_colours:
        return replace(theme, name=name, fonts=fonts)
    if not colours:
        return theme
    text = colours.get("dk1", theme.text)
    background = colours.get("lt1", theme.background)
    accents = [colours[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in colours]
    if template.office_colours and template.brand:
        accents = brand_palette(template.brand, background)
    primary = next((c for c in (*accents[:1], colours.get("dk2"), text) if c and contrast(c, background) >= 4.5),
                   None) or readable(accents[0] if accents else theme.primary, background)
    accent = next((c for c in accents if c != primary), theme.accent)
    palette = tuple(dict.fromkeys([primary, *accents])) or theme.palette
    return replace(
        theme, name=name, primary=primary, accent=accent, text=text,
        muted=mix(text, background, 0.45), background=background, panel=mix(primary, background, 0.93),
        callout_fill=mix(accent, background, 0.88), callout_border=accent, grid=mix(text, background, 0.85),
        palette=palette, fonts=fonts, user_colours=False,
    )


def brand_palette(brand: tuple[str, ...], background: str) -> list[str]:
    """Six series colours from the art's brand colours: the brand's own first, then lighter and darker shades
    of the main one and a neutral grey, so a chart of several series stays in the brand."""
    main = brand[0]
    derived = [mix(main, background, 0.5), mix(main, "#000000", 0.4), "#8C8C8C", mix(main, background, 0.75)]
    return list(dict.fromkeys([*brand[:3], *derived]))[:6]
