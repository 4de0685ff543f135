"""What every analysis needs: the facts, what the deck shows, its thresholds and its words."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.periods import DateRange
from ..story.facts import Facts, points_decimals
from .model import Evidence
from .scope import Scope
from .wording import Wording


@dataclass
class Context:
    facts: Facts  # the metrics stage: MetricEngine, periods, formatting
    scope: Scope
    rules: dict  # configs/findings.yaml
    words: Wording

    # ------------------------------------------------------------------ periods

    def base_period(self, comparison: str) -> DateRange:
        periods = self.facts.periods
        if comparison == "baseline" and periods.baseline is not None:
            return periods.baseline
        return periods.prior if comparison == "mom" else periods.previous

    def evidence(self, name: str, comparison: str) -> Evidence:
        current = self.facts.periods.current
        text = f"{current.start} – {current.end}"
        if comparison != "target":
            base = self.base_period(comparison)
            text += f" vs {base.start} – {base.end}"
        return Evidence(name, self.facts.engine.describe(name), text)

    # ------------------------------------------------------------------ text

    def label(self, name: str) -> str:
        return self.words.inline(self.facts.spec(name).label or name)

    def the(self, name: str) -> str:
        return self.words.the(self.facts.spec(name).label or name)

    def plural(self, name: str) -> bool:
        return self.words.plural(self.facts.spec(name).label or name)

    def value(self, name: str, value: float | None) -> str:
        return self.facts.value_text(name, value)

    def amount(self, name: str, value: float) -> str:
        """An unsigned amount in the metric's units (points for rates)."""
        if self.facts.is_rate(name):
            return self.facts.fmt.change_points(abs(value), points_decimals(self.facts.spec(name))).lstrip("+-")
        return self.value(name, abs(value))

    def signed(self, name: str, difference: float) -> str:
        return self.facts.signed_value_text(name, difference)

    def change(self, name: str, before: float, after: float) -> str:
        """'+19.7%' for amounts, '−0.14 个百分点' for rates, '+0.01' for scores, '3.57 → 3.20' for ratios; a
        difference is that of the two figures as shown."""
        if self.facts.is_ratio(name):
            return self.facts.arrow_text(name, before, after)
        if self.facts.differs(name):
            return self.facts.delta_text(name, self.facts.gap(name, after, before))
        return self.facts.fmt.change_percent((after - before) / abs(before) if before else None)

    def base_word(self, comparison: str) -> str:
        return self.words.word(f"base_{comparison}")

    def favourable(self, name: str, signed: float) -> bool:
        return signed >= 0 if self.facts.spec(name).better == "higher" else signed <= 0

    def is_money(self, name: str) -> bool:
        return self.facts.spec(name).format == "money"
