"""A finding: one ranked, traceable statement about the deck's numbers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """Where a number comes from, for the speaker notes: the metric's table and filter, and the periods."""

    metric: str
    source: str  # MetricEngine.describe: 'sum(gmv) of daily [shop_daily.csv] where platform = 京东'
    period: str  # '2025-01-01 – 2025-12-31 vs 2024-01-01 – 2024-12-31'

    def note(self) -> str:
        return f"{self.metric}: {self.source}; {self.period}"


@dataclass(frozen=True)
class Finding:
    kind: str  # variance | attribution | mix | anomaly | against_total | comparability
    metric: str
    comparison: str  # target | yoy | mom | baseline
    sentence: str  # in the deck's locale: a number, a comparison and, where it has one, the money impact
    numbers: dict[str, float] = field(default_factory=dict)  # the raw values behind the sentence
    impact: float | None = None  # in the headline metric's money, signed: what it added (+) or cost (−)
    good: bool | None = None  # favourable for the business, or None when neither
    score: float = 0.0  # for ranking: impact as a share of the headline total, or distance past a threshold
    evidence: tuple[Evidence, ...] = ()
    shows: tuple[str, ...] = ()  # metrics whose slide proves the finding (for "see slide N")
    subject: str = ""  # a short label for the summary row: the driver, segment or month
    by: str = ""  # the column a segment finding splits by: its evidence is a slide split the same way
