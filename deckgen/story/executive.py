"""Answer first: the executive summary after the cover.

It states the result against target and against the comparison in one sentence, then the strongest
findings, each with a number, a comparison and its impact, and the slide that shows the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SourceSpan
from ..findings.model import Finding
from ..findings.wording import unbroken
from .spec import Executive, SlideSpec

# The kind of slide that proves each kind of finding, in order of preference.
PROOF = {
    "attribution": ("drivers-{comparison}", "kpis"),  # the bridge of the same comparison, else the KPI cards
    "attribution-target": ("targets", "kpis"),
    "anomaly": ("trend",),  # KPI cards show no months: better no pointer than a wrong one
    "mix": ("split", "table"),
    "against_total": ("split", "table"),
    "variance": ("targets", "ladder", "kpis"),
    "comparability": ("trend", "kpis"),
}
LOOSE_PROOF = frozenset({"attribution", "variance", "comparability"})


@dataclass(frozen=True)
class Shown:
    """A content slide and what it shows, for pointing a finding at its evidence."""

    source: SourceSpan | None
    kind: str  # drivers-yoy | drivers-mom | trend | split | table | kpis | targets | ladder | other
    metrics: frozenset[str]
    by: str = ""  # the column a split or table groups by


def _proves(slide: Shown, kind: str | None, need: set[str], by: str) -> bool:
    """A slide of that kind showing those metrics; a segment finding also needs the slide split its way (the
    split of new and returning buyers, not the channel table that happens to show the same rate)."""
    if kind not in (None, slide.kind) or not need <= slide.metrics:
        return False
    return not by or slide.kind not in ("split", "table") or slide.by == by


def evidence_for(finding: Finding, shown: list[Shown]) -> SourceSpan | None:
    """The slide of the preferred kind that shows the finding's metrics, else its driver or segment, else its metric."""
    needs = [set(finding.shows), {finding.shows[-1]}, {finding.metric}] if finding.shows else [{finding.metric}]
    preferred = PROOF.get(f"{finding.kind}-{finding.comparison}") or PROOF.get(finding.kind, ())
    # Any slide of the metric proves a total's variance or driver; a month or a segment needs its own visual.
    anywhere = (None,) if finding.kind in LOOSE_PROOF else ()
    for kind in (*(k.format(comparison=finding.comparison) for k in preferred), *anywhere):
        for need in needs:
            match = next((s for s in shown if _proves(s, kind, need, finding.by)), None)
            if match:
                return match.source
    return None


def executive_slide(answer: str, findings: tuple[Finding, ...], shown: list[Shown], words, section: str,
                    source: SourceSpan | None) -> SlideSpec:
    items = tuple((n + 1, f.subject, unbroken(f.sentence)) for n, f in enumerate(findings))
    evidence = tuple(evidence_for(f, shown) for f in findings)
    notes = tuple(e.note() for f in findings for e in f.evidence)
    title = unbroken(answer) if answer else words.word("executive_title")
    body = Executive(items, evidence, words.word("see_slide"))
    return SlideSpec("executive", title, body, section=section, notes=notes, source=source)


def proof_by(slide) -> str:
    """The column a split chart or a table groups by."""
    block = getattr(slide, "chart", None) or getattr(slide, "table", None)
    by = getattr(block, "by", None) or getattr(block, "x", None)
    return by if isinstance(by, str) else ""


def proof_kind(slide) -> str:
    """What a slide can prove: a driver bridge, a trend, a split by segment, a table, KPI cards …"""
    from ..data.metrics import GRAIN_NAMES
    from ..outline.schema import ChartSlide, DriversSlide, KpiSlide, LadderSlide, TableSlide, TargetsSlide

    if isinstance(slide, ChartSlide):
        block = slide.chart
        if block.x in GRAIN_NAMES and not block.by:
            return "trend"
        return "split" if (block.by or block.x) and block.type != "waterfall" else "other"
    if isinstance(slide, DriversSlide):
        return f"drivers-{slide.drivers.compare}"
    return {KpiSlide: "kpis", TableSlide: "table", TargetsSlide: "targets",
            LadderSlide: "ladder"}.get(type(slide), "other")
