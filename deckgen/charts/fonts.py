"""Which fonts matplotlib draws chart text with.

deckgen ships a subset of Noto Sans CJK SC (SIL OFL 1.1, see ``deckgen/fonts/README.md``) so that Chinese
renders on a machine with no CJK fonts installed. The subset's family name is "Noto Sans CJK SC", like the
full font: when both are present matplotlib picks one of them, and either has every character of GB2312 and
Big5. The family list returned here relies on matplotlib's per-glyph fallback (matplotlib >= 3.6): each
character is drawn with the first family in the list that has it.
"""

from __future__ import annotations

import threading

from ..resources import fonts_dir

BUNDLED_FAMILY = "Noto Sans CJK SC"
LAST_RESORT_FAMILY = "DejaVu Sans"  # ships with matplotlib: Latin, Greek, Cyrillic, arrows, U+2212
BUNDLED_FILES = ("NotoSansCJKsc-Regular-subset.otf", "NotoSansCJKsc-Bold-subset.otf")

_lock = threading.Lock()
_registered = False


def register_bundled_fonts() -> None:
    """Make the bundled subset fonts known to matplotlib's font manager (once per process)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from matplotlib import font_manager

        known = {entry.fname for entry in font_manager.fontManager.ttflist}
        for name in BUNDLED_FILES:
            path = fonts_dir() / name
            if path.is_file() and str(path) not in known:
                font_manager.fontManager.addfont(str(path))
        _registered = True


def installed_families() -> set[str]:
    """Lower-cased family names matplotlib can find, without the warnings ``findfont`` logs."""
    from matplotlib import font_manager

    return {entry.name.lower() for entry in font_manager.fontManager.ttflist}


def chart_font_families(preferred: tuple[str, ...]) -> list[str]:
    """The family fallback list for chart text: installed preferred fonts, the bundled CJK font, DejaVu Sans.

    ``preferred`` is the theme's ``fonts.chart_families`` (e.g. Microsoft YaHei, PingFang SC, Noto Sans CJK
    SC); names that are not installed are left out, so matplotlib logs no "font family not found".
    """
    register_bundled_fonts()
    available = installed_families()
    families: list[str] = []
    for name in (*preferred, BUNDLED_FAMILY, LAST_RESORT_FAMILY):
        if name.lower() in available and name.lower() not in {f.lower() for f in families}:
            families.append(name)
    return families


def uncovered_characters(text: str, families: list[str]) -> set[str]:
    """Characters of ``text`` that none of ``families`` can draw (matplotlib would warn about them).

    Callers can check labels before rendering and report the problem as a warning value.
    """
    from matplotlib import font_manager

    register_bundled_fonts()
    wanted = {c for c in text if not c.isspace()}
    for family in families:
        if not wanted:
            break
        prop = font_manager.FontProperties(family=family)
        try:
            path = font_manager.fontManager.findfont(prop, fallback_to_default=False)
        except ValueError:
            continue
        charmap = font_manager.get_font(path).get_charmap()
        wanted = {c for c in wanted if ord(c) not in charmap}
    return wanted
