"""Split a metric's change into the contributions of its factors (LMDI: exact, no residual).

For G = x1 · x2 · … · xn, the additive LMDI-I effect of factor i between a base (0) and now (1) is
    L(G1, G0) · ln(xi1 / xi0),   with the logarithmic mean L(a, b) = (a − b) / (ln a − ln b),
and the effects add up to G1 − G0 exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class DriverEffect:
    name: str
    before: float
    after: float
    effect: float  # contribution to the change of the total, in the total's units


@dataclass(frozen=True)
class Decomposition:
    total_before: float
    total_after: float
    effects: tuple[DriverEffect, ...]

    @property
    def change(self) -> float:
        return self.total_after - self.total_before

    def dominant(self) -> DriverEffect:
        """The factor that moved the total most in the direction it actually moved."""
        direction = 1 if self.change >= 0 else -1
        return max(self.effects, key=lambda e: direction * e.effect)


def log_mean(a: float, b: float) -> float:
    if math.isclose(a, b, rel_tol=1e-12):  # the limit of the mean; the formula would divide by 0
        return a
    return (a - b) / (math.log(a) - math.log(b))


def decompose(factors_before: dict[str, float], factors_after: dict[str, float]) -> Decomposition:
    """LMDI decomposition; every factor must be positive in both periods."""
    names = list(factors_before)
    for name in names:
        if not (factors_before[name] > 0 and factors_after[name] > 0):
            raise ValueError(f"factor '{name}' must be positive in both periods to decompose")
    before = math.prod(factors_before[n] for n in names)
    after = math.prod(factors_after[n] for n in names)
    weight = log_mean(after, before)
    effects = tuple(
        DriverEffect(n, factors_before[n], factors_after[n], weight * math.log(factors_after[n] / factors_before[n]))
        for n in names
    )
    return Decomposition(before, after, effects)
