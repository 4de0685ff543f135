"""Any mapping either validates or is rejected with positioned diagnostics: never a crash."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.errors import OutlineError
from deckgen.outline.read import read_yaml
from deckgen.outline.references import check_references
from deckgen.outline.validate import parse_outline

keys = st.sampled_from(["deck", "data", "metrics", "review", "plan", "summary", "title", "period", "current",
                        "slides", "section", "kpis", "chart", "type", "conclusion", "table", "sum", "ratio", "x"])
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=5), st.sampled_from(["2025", "gmv"]))
values = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=3),
                                                          st.dictionaries(keys, children, max_size=4)), max_leaves=12)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.dictionaries(keys, values, max_size=6))
def test_any_mapping_validates_or_reports_a_line(tmp_path: Path, mapping):
    path = tmp_path / "outline.yaml"
    path.write_text(yaml.safe_dump(mapping, allow_unicode=True), encoding="utf-8")
    try:
        loaded = read_yaml(path)
        outline = parse_outline(loaded)
        check_references(outline, loaded)
    except OutlineError as error:
        assert error.diagnostics
        assert all(d.span.line >= 1 and d.message for d in error.diagnostics)
