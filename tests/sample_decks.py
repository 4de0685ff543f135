"""Helpers for tests that build every sample, a parameterised one included.

A module of its own, not conftest.py: several folders of the suite have a conftest.py, and only one of them can
be imported under that name.
"""

from __future__ import annotations

import re

# after a word or a percentage, before a last word without digits: not a unit's own no-break space ("32,5 s",
# "(diapositiva 6)", "p. p.")
_WIDOW = re.compile(r"(?<=[^\W\d_]|[%)])\u00a0(?=[^\s\u00a0\d]+$)", re.MULTILINE)


def shown(text: str) -> str:
    """A shape's text as the sentence deckgen composed: without the no-break spaces the layout puts before a
    short last word and after an arrow so that a viewer never breaks there (layout.textfit.held)."""
    return _WIDOW.sub(" ", text).replace("→\u00a0", "→ ")


def first_deck(outline):
    """The ``{{ each.… }}`` values of a parameterised sample's first deck; None for a sample of one deck."""
    from deckgen.outline.each import each_spec
    from deckgen.outline.read import read_yaml

    if each_spec(read_yaml(outline)) is None:
        return None
    from deckgen.batch import plan_batch

    return plan_batch(outline)[0].binding


def card_rows(slide) -> list[list[str]]:
    """The rows of a two-row table drawn as comparison cards (deckgen.layout.compare), as a table's rows would
    read: each card's name, then its figures in column order (a change shown under its figure reads as the
    change alone, as in its table cell)."""
    import re

    rows = []
    for number in range(1, 5):
        shapes = {s.name: s for s in slide.shapes if s.name.startswith(f"Card {number} ") and s.has_text_frame}
        if f"Card {number} title" not in shapes:
            break
        columns = {1: shapes[f"Card {number} headline"]}
        for name, shape in shapes.items():
            found = re.fullmatch(rf"Card {number} figure (\d+)", name)
            if found:
                columns[int(found.group(1))] = shape
        cells = [_plain(columns[k].text_frame.paragraphs[0].runs[-1].text) for k in sorted(columns)]
        rows.append([_plain(shapes[f"Card {number} title"].text_frame.text), *cells])
    return rows


def _plain(text: str) -> str:
    """Text as typed: without the word joiners and line breaks the layout adds."""
    return text.replace("\u2060", "").replace("\v", "").replace("\n", "").strip()
