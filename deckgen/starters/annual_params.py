"""The annual model's parameters (``configs/starters/annual.yaml``) and words (``annual.labels.yaml``), as the
model uses them: campaigns as records, the catalogue by (SKU prefix, category), one :class:`Words` per locale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .engine import config

P = SimpleNamespace(**config("annual"))
_WORDS = config("annual.labels")
LABELS = _WORDS["labels"]  # Chinese label -> (en-US, es-ES)
PRODUCT_NAMES = _WORDS["product_names"]
LOCALES = ("zh-CN", "en-US", "es-ES")


@dataclass(frozen=True)
class Campaign:
    """One platform campaign node; ``kind`` selects the shape of its daily lift."""

    campaign_id: str
    name: str
    kind: str
    purpose: str
    presale_start: date | None
    presale_end: date | None
    main_start: date
    main_end: date
    intensity: float  # scales every lift: 1 + (lift - 1) * intensity
    target_attainment: float  # actual GMV / target GMV, used to set the target
    budget_usage: float  # ads spend in the window / budget


@dataclass(frozen=True)
class Words:
    """What differs between the locales' files: labels, one export's headers and encoding, the notes."""

    locale: str
    shop_name: str
    #: traffic_sources.csv: encoding and the header of each column (keys are the model's names)
    traffic_encoding: str
    traffic_headers: dict[str, str]
    notes_sheet: str
    data_sheet: str
    ads_notes: tuple[tuple[str, str, str], ...]

    def label(self, value: str) -> str:
        """A data label (platform, campaign, source, channel, category, cost type, device) in this locale."""
        if self.locale == "zh-CN" or value == "":
            return value
        return LABELS[value][LOCALES.index(self.locale) - 1]

    def labels(self, values: pd.Series | np.ndarray) -> pd.Series | np.ndarray:
        if self.locale == "zh-CN":
            return values
        if isinstance(values, pd.Series):
            return values.map(self.label)
        return np.array([self.label(v) for v in values], dtype=object)

    def product(self, name: str) -> str:
        return name if self.locale == "zh-CN" else PRODUCT_NAMES[name][LOCALES.index(self.locale) - 1]

    def campaign_name(self, name: str) -> str:
        """'双十一 2025' -> 'Double 11 2025'."""
        node, year = name.rsplit(" ", 1)
        return f"{self.label(node)} {year}"


CAMPAIGNS = tuple(Campaign(*row) for row in P.campaigns)
#: (SKU prefix, category) -> (name, list price, role, season, launch month in 2025 or None) per product
CATALOG = {(entry["code"], entry["category"]): entry["products"] for entry in P.catalog}
WORDS = {locale: Words(locale, **fields) for locale, fields in _WORDS["words"].items()}


def interp_path(t: np.ndarray, path: tuple[float, float]) -> np.ndarray:
    """Linear drift from path[0] on day 0 to path[1] on the last day."""
    span = (P.end - P.start).days
    return path[0] + (path[1] - path[0]) * t / span


def campaign_for(campaign_id: str) -> Campaign:
    return next(c for c in CAMPAIGNS if c.campaign_id == campaign_id)


def node_name(campaign_id: str) -> str:
    """The campaign node without its year ("双十一"), so the same node can be compared across years."""
    return campaign_for(campaign_id).name.rsplit(" ", 1)[0] if campaign_id else ""
