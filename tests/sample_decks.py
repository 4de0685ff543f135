"""Helpers for tests that build every sample, a parameterised one included.

A module of its own, not conftest.py: several folders of the suite have a conftest.py, and only one of them can
be imported under that name.
"""

from __future__ import annotations


def first_deck(outline):
    """The ``{{ each.… }}`` values of a parameterised sample's first deck; None for a sample of one deck."""
    from deckgen.outline.each import each_spec
    from deckgen.outline.read import read_yaml

    if each_spec(read_yaml(outline)) is None:
        return None
    from deckgen.batch import plan_batch

    return plan_batch(outline)[0].binding
