"""Claims that stay true: conditions in sentences are judged against the data, wording is chosen from it,
and a false claim is reported at its line with the values it compared."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_facts import facts_for  # same folder: pytest puts it on the path

from deckgen.errors import SourceSpan
from deckgen.grammar.placeholders import check_template
from deckgen.pipeline import lay_out
from deckgen.story.claims import fill_claims, judge

ROOT = Path(__file__).resolve().parents[2]
KNOWN = ["gmv", "cvr", "uv", "buyers", "target"]
SPAN = SourceSpan("outline.yaml", 1, 1)


def codes(text: str) -> list[str]:
    return [problem.code for problem in check_template(text, KNOWN, SPAN)]


def test_conditions_and_choices_are_valid_placeholders():
    assert codes("GMV 增长 {{ gmv.yoy > 0 }}") == []
    assert codes("{{ gmv > target and not cvr.yoy < -0.001 }}") == []
    assert codes("GMV {{ '高于' if gmv > target else '低于' }}目标") == []
    assert codes("{{ gmv.vs(target) >= 1 or gmv.ytd.yoy > 0.1 }}") == []


def test_a_claim_compares_numbers_not_words_or_sums():
    assert codes("{{ gmv.yoy.phrase > 0 }}") == ["claim.text"]
    assert codes("{{ gmv + uv > 0 }}") == ["claim.operand"]
    assert codes("{{ gmvv.yoy > 0 }}") == ["template.unknown_metric"]
    assert codes("{{ '高于' if gmv > target }}") == ["claim.choice"]
    assert codes("{{ gmv + uv }}") == ["template.calculation"]  # outside a claim, still no arithmetic


def test_a_condition_shows_nothing_and_a_choice_shows_the_supported_wording():
    facts = facts_for("2025", gmv=lambda d: 120.0 if d.year == 2025 else 100.0)
    assert fill_claims("GMV 同比增长 {{ gmv.yoy > 0.1 }}，超出预期", facts) == "GMV 同比增长，超出预期"
    assert fill_claims("GMV {{ '高于' if gmv.yoy > 0.25 else '低于' }} 25%", facts) == "GMV 低于 25%"
    assert fill_claims("{{ 'GMV' if gmv > 0 else 'x' }} {{ gmv.yoy if gmv > 0 else gmv }}", facts) == \
        "GMV {{ gmv.yoy }}"


def test_a_verdict_names_every_value_it_compared():
    facts = facts_for("2025", gmv=lambda d: 120.0 if d.year == 2025 else 100.0)
    [verdict] = judge("{{ gmv.yoy > 0.25 and cvr.yoy >= 0 }}", facts)
    assert verdict.claim == "gmv.yoy > 0.25 and cvr.yoy >= 0"
    assert verdict.holds is False
    growth = 120 * 365 / (100 * 366) - 1  # 2024 has 366 days
    assert dict(verdict.values) == {"gmv.yoy": f"{growth:+.1%}", "cvr.yoy": "0.00个百分点"}


def test_a_claim_without_a_base_cannot_hold():
    facts = facts_for("2024-01")  # no data a year earlier
    [verdict] = judge("{{ gmv.yoy > 0 }}", facts)
    assert verdict.holds is None and verdict.values == (("gmv.yoy", "—"),)


@pytest.fixture(scope="module")
def slower_jd(tmp_path_factory) -> tuple[Path, float, float]:
    """The annual sample with 京东's 2025 GMV cut by 30 %, so its growth falls below 天猫's."""
    folder = tmp_path_factory.mktemp("annual") / "annual-review"
    shutil.copytree(ROOT / "samples" / "annual-review", folder, ignore=shutil.ignore_patterns("*.pptx"))
    daily = folder / "data" / "shop_daily.csv"
    frame = pd.read_csv(daily, dtype=str)
    gmv = frame["gmv"].astype(float)
    cut = (frame["platform"] == "京东") & frame["date"].str.startswith("2025")
    frame["gmv"] = gmv.where(~cut, (gmv * 0.7).round(2)).map(lambda v: f"{v:.2f}")
    frame.to_csv(daily, index=False)
    sums = frame.assign(gmv=frame["gmv"].astype(float), year=frame["date"].str[:4])
    by = sums.groupby(["platform", "year"])["gmv"].sum()
    return folder / "outline.yaml", by["京东", "2025"] / by["京东", "2024"] - 1, by["天猫", "2025"] / by["天猫", "2024"] - 1


def test_a_sample_claim_that_the_data_no_longer_supports_is_reported(slower_jd):
    outline, jd, tmall = slower_jd
    lines = outline.read_text(encoding="utf-8").splitlines()
    claim = "{{ gmv_jd.yoy > gmv_tmall.yoy }}"
    line = next(n for n, text in enumerate(lines, 1) if claim in text and "快于天猫" in text)
    column = lines[line - 1].index(claim) + 1
    warnings = [w for w in lay_out(outline).warnings if w.code == "claim.false"]
    assert jd < tmall
    [warning] = [w for w in warnings if w.span.line == line]
    assert warning.span.col == column
    assert warning.message == (f"claim 'gmv_jd.yoy > gmv_tmall.yoy' is false: gmv_jd.yoy = {jd:+.1%}, "
                               f"gmv_tmall.yoy = {tmall:+.1%}")
    # the conclusion lets the data choose its wording, so it takes "慢于" instead of warning
    assert not any("快于" in lines[w.span.line - 1] and "if gmv_jd.yoy" in lines[w.span.line - 1] for w in warnings)


@pytest.mark.parametrize("sample", sorted(p.parent.name for p in (ROOT / "samples").glob("*/outline.yaml")
                                           if "{{ each." not in p.read_text(encoding="utf-8")))  # one deck each
def test_every_claim_in_the_samples_holds(sample):
    outline = ROOT / "samples" / sample / "outline.yaml"
    assert [w.message for w in lay_out(outline).warnings if w.code == "claim.false"] == []
