"""Shared test configuration."""

from __future__ import annotations

import os
from functools import cache

import pytest

# --- render tests (@pytest.mark.render): need LibreOffice and pdftoppm -------------------------------
# Locally they are skipped when a tool is missing; on CI (CI=true) they fail instead, so a broken CI
# image cannot quietly turn the visual checks off.


@cache
def _missing_render_tools() -> tuple[str, ...]:
    from deckgen.preview.tools import find_poppler_tool, find_soffice

    missing = []
    if find_soffice() is None:
        missing.append("LibreOffice (soffice)")
    if find_poppler_tool("pdftoppm") is None:
        missing.append("pdftoppm (poppler-utils)")
    return tuple(missing)


def _running_on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def pytest_runtest_setup(item: pytest.Item) -> None:
    require_render_tools(item)


def require_render_tools(item: pytest.Item) -> None:
    """Skip (locally) or fail (on CI) a ``render`` test when LibreOffice or pdftoppm is missing."""
    if item.get_closest_marker("render") is None:
        return
    missing = _missing_render_tools()
    if not missing:
        return
    what = " and ".join(missing)
    if _running_on_ci():
        pytest.fail(
            f"render test needs {what}, which CI must provide (CI is set, so this is not skipped); "
            "install libreoffice-impress and poppler-utils (see .ci/run)",
            pytrace=False,
        )
    pytest.skip(f"needs {what} (not installed)")


# --- charts: drawn in this process, never from a cache ------------------------------------------------
# Missing-glyph warnings must reach pytest's filter (pyproject.toml makes them errors), which they
# cannot from a worker process or when a cached PNG is reused.
os.environ["DECKGEN_JOBS"] = "1"
os.environ["DECKGEN_CACHE_DIR"] = "off"


# --- parameterised samples (deck.each) -----------------------------------------------------------------


# --- slide text as a viewer shows it -------------------------------------------------------------------
# The layout writes its own line breaks (<a:br/>, read back as "\v") and the writer puts word joiners (U+2060,
# no width) inside numbers with their units and signs ("-0.14⁠个⁠百⁠分⁠点") and table header words
# (deckgen.layout.textfit). Tests compare the words a reader sees, so python-pptx's text getters return text
# without either here; tests/test_no_break.py checks the breaks themselves, in LibreOffice's rendering.
def _without_joiners() -> None:
    from pptx.shapes.autoshape import Shape
    from pptx.table import _Cell
    from pptx.text.text import TextFrame, _Paragraph, _Run

    for owner in (TextFrame, _Paragraph, _Run, _Cell, Shape):
        prop = owner.text
        if getattr(prop.fget, "without_joiners", False):
            continue

        def getter(self, _get=prop.fget):
            return _get(self).replace("\u2060", "").replace("\v", "")

        getter.without_joiners = True
        owner.text = property(getter, prop.fset, prop.fdel, prop.__doc__)


_without_joiners()
