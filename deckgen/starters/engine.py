"""The sample-data engine: every generated data set is a model (a module here) run on its parameters (a YAML
file in ``configs/starters/``), and every caller goes through :func:`generate`.

- ``deckgen init`` writes a starter's data with ``generate(kind, folder, locale)``;
- each sample's ``generate_data.py`` runs ``generate_sample(name)``: ``configs/starters/samples.yaml`` says
  which model, locale and options made the sample's ``data/`` folder;
- the batch sample (and the benchmark's 200 shops) is the ``shops`` model with a shop count.

The parameters are data: magnitudes, calendars, distributions, campaign windows, shop profiles and the
lists of platforms, channels and categories with their labels. The models keep the order in which random
numbers are drawn, so a run writes byte-identical files (``tests/test_starters_data.py`` checks every
sample against its committed files). See docs/dev/starters.md.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

MODELS = {"annual": "annual", "campaign": "campaign", "monthly": "monthly", "shops": "shops", "orders": "orders"}


@cache
def config(kind: str) -> Mapping[str, Any]:
    """The model's parameters from ``configs/starters/<kind>.yaml``, lists read as tuples (hashable, and
    equal to the tuples the models compare with)."""
    from ..resources import load_config

    return frozen(load_config(f"starters/{kind}.yaml"))


def frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: frozen(item) for key, item in value.items()}
    return value


def generate(kind: str, folder: Path, locale: str = "zh-CN", **options: Any) -> None:
    """Write the data files of model ``kind`` into ``folder`` (created if needed)."""
    if kind not in MODELS:
        raise ValueError(f"unknown sample data {kind!r}; expected one of {', '.join(MODELS)}")
    model = importlib.import_module(f"{__package__}.{MODELS[kind]}")
    model.generate(Path(folder), locale, **options)


@cache
def samples() -> Mapping[str, Mapping[str, Any]]:
    """Sample folder name -> its model, locale and options (``configs/starters/samples.yaml``)."""
    from ..resources import load_config

    return load_config("starters/samples.yaml")


def generate_sample(name: str, folder: Path, **options: Any) -> None:
    """Write the data of sample ``name`` (e.g. ``annual-review``) into ``folder``; ``options`` override the
    sample's own (the benchmark asks the batch sample for 200 shops)."""
    entry = dict(samples()[name])
    kind, locale = entry.pop("model"), entry.pop("locale", "zh-CN")
    generate(kind, folder, locale, **{**entry, **options})


def sample_script(script: str, args: list[str]) -> Path:
    """What ``samples/<name>/generate_data.py [COUNT] [FOLDER]`` does: write the sample's data into FOLDER
    (default: ``data/`` next to the script); COUNT sets the number of shops of a sample that has them."""
    here = Path(script).resolve().parent
    options: dict[str, Any] = {}
    if args and args[0].isdigit() and "count" in samples()[here.name]:
        options["count"] = int(args.pop(0))
    folder = Path(args[0]) if args else here / "data"
    generate_sample(here.name, folder, **options)
    return folder
