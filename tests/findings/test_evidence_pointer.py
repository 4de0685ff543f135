"""The executive summary points a segment finding at a slide split the same way, not at any slide of the metric."""

from deckgen.findings.model import Finding
from deckgen.story.executive import Shown, evidence_for

CHANNELS = Shown("channel table", "table", frozenset({"repeat_rate", "gmv"}), "channel")
BUYERS = Shown("buyer table", "table", frozenset({"repeat_rate", "buyers"}), "buyer_type")
KPIS = Shown("kpi cards", "kpis", frozenset({"repeat_rate", "gmv"}))


def mix(by: str) -> Finding:
    return Finding("mix", "repeat_rate", "yoy", "…", shows=("repeat_rate",), by=by)


def test_a_mix_finding_points_at_the_slide_split_its_way():
    assert evidence_for(mix("buyer_type"), [KPIS, CHANNELS, BUYERS]) == "buyer table"


def test_no_pointer_rather_than_a_slide_split_another_way():
    assert evidence_for(mix("buyer_type"), [KPIS, CHANNELS]) is None


def test_a_total_finding_takes_any_slide_of_its_metric():
    variance = Finding("variance", "gmv", "yoy", "…", shows=("gmv",))
    assert evidence_for(variance, [CHANNELS, KPIS]) == "kpi cards"
