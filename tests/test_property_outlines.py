"""Property test (issue 11): outlines generated from the outline's JSON Schema, and mutations of every sample,
each end in a deck or in a located user error; never exit 3, a traceback or a hang.

Every example is built in this process (tests/inprocess.py), with its output in a scratch folder. Tables are
read once per file and reused across examples, so several hundred examples take a minute or two.
``DECKGEN_PROPERTY_EXAMPLES`` changes how many each test runs (default 250 each: 500 in all).
"""

from __future__ import annotations

import math
import os
import re
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inprocess import deckgen

from deckgen.outline.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p.parent.name for p in (ROOT / "samples").glob("*/outline.yaml"))
EXAMPLES = int(os.environ.get("DECKGEN_PROPERTY_EXAMPLES", "250"))
SECONDS = 60  # one example; more is a hang
LOCATED = re.compile(r"^(warning: )?\S[^:]*(:\d+:\d+)?: \S")
COUNT = re.compile(r"^[1-9]\d* problems? found(; nothing was written)?\.$")
# Random text may name a chart's series or categories in characters no font has: a box, not a failure.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph:UserWarning", "ignore:.*missing from:UserWarning")
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))

# Words an outline of the base data uses, so that generated outlines get past the names into the stages.
WORDS = ["daily", "data/daily.csv", "gmv", "uv", "buyers", "cvr", "aov", "platform", "date", "month", "quarter",
         "day", "week", "year", "hour", "2025", "2025-Q3", "2025-11", "2025-10-21..2025-11-11", "2024", "gmv.yoy",
         "gmv.previous", "gmv.share", "-gmv", "gmv.vs(uv)", "{{ gmv }}", "{{ gmv.yoy.phrase }}", "{{ cvr.mom }}",
         "en-US", "zh-CN", "money", "percent", "line", "bar", "donut", "combo", "waterfall", "Tmall", "JD", "*",
         "sum", "2026-03", "GMV ≥ 5", "default", "ink", "uv * 2", "gmv / buyers", ""]
# What each key usually holds with the base data (the rest of the time: any word or any text).
KEY_WORDS = {
    "current": ["2025", "2025-Q3", "2025-11", "2025-10-21..2025-11-11"], "previous": ["2024", "2024-Q3"],
    "baseline": ["2025-09-15..2025-10-14"], "table": ["daily"], "sum": ["gmv", "uv", "buyers"],
    "count": ["*", "platform"], "distinct": ["platform"], "mean": ["gmv"], "x": ["month", "quarter", "platform"],
    "by": ["platform", "month"], "y": ["gmv", "uv", "cvr", "gmv.yoy"], "metric": ["gmv", "uv", "cvr"],
    "target": ["uv", "gmv"], "path": ["data/daily.csv"], "expr": ["gmv / buyers", "uv * 2 - buyers"],
    "date": ["date"], "theme": ["default", "ink"], "currency": ["CNY", "USD"], "name": ["platform"],
    "title": ["{{ gmv }} in {{ gmv.yoy.phrase }}", "GMV"], "data[]": ["data/daily.csv"], "conclusion": ["GMV {{ gmv }}, {{ gmv.yoy.phrase }}"],
}
NAMES = {"data": ["daily"], "metrics": ["gmv", "uv", "buyers", "cvr", "aov", "extra"], "where": ["platform"],
         "given": ["uv", "cvr"]}
HOSTILE = [None, True, 0, -1, 2**70, 1e308, -1e-300, math.inf, "inf", "nan", "", " ", "\x07", "\x00", "\u2028",
           "A" * 20_000, "x" * 300, "{{ gmv", "{{ __class__ }}", "{{ gmv.__class__.__mro__ }}", "9" * 5000, [], {},
           [[]], {"a": {"b": 1}}, "2025-13-45", "/dev/zero", "data", "-" * 500 + "gmv", "1/0", "gmv / 0",
           "0", "data/../../x.csv", ["gmv"] * 12]


# ------------------------------------------------------------------ in-process builds


@pytest.fixture(scope="module", autouse=True)
def _tables_read_once():
    """The data files never change during these tests: read each once (a copy of its frame each time)."""
    from deckgen.data import load

    original, cache = load.load_table, {}

    def cached(source, base_dir):
        key = (replace(source, span=None), str(base_dir))
        if key not in cache:
            try:
                cache[key] = original(source, base_dir)
            except Exception as error:  # noqa: BLE001 - replayed below, as the real reader would raise it
                cache[key] = error
        found = cache[key]
        if isinstance(found, Exception):
            raise found
        return replace(found, frame=found.frame.copy())

    load.load_table = cached
    yield
    load.load_table = original


@pytest.fixture(scope="module")
def mirror(tmp_path_factory) -> Path:
    """samples/ made of links, so an outline written into a sample's folder finds its data there."""
    root = tmp_path_factory.mktemp("samples")
    for sample in (ROOT / "samples").iterdir():
        if sample.is_dir():
            (root / sample.name).mkdir()
            for entry in sample.iterdir():
                if entry.name != "outline.yaml":
                    (root / sample.name / entry.name).symlink_to(entry)
    base = root / "base"
    shutil.copytree(ROOT / "tests" / "bad_outlines" / "_base" / "data", base / "data")
    return root


def _ends_cleanly(folder: Path, outline: Any) -> None:
    """Build ``outline`` in ``folder``: a deck (exit 0) or located problems (exit 1, 2 or 6), quickly."""
    try:
        text = yaml.safe_dump(outline, allow_unicode=True, sort_keys=False, width=1000)
    except (yaml.YAMLError, UnicodeEncodeError):
        return  # not writable as YAML: not an outline anyone can save
    (folder / "mutant.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    out = folder.parent / "out"
    shutil.rmtree(out, ignore_errors=True)
    started = time.monotonic()
    run = deckgen(folder, "build", "mutant.yaml", "-o", str(out / "deck.pptx"))
    assert time.monotonic() - started < SECONDS, "took too long"
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.returncode in (0, 1, 2, 6), run.stderr
    lines = [line for line in run.stderr.rstrip().splitlines()
             if not line.startswith(("deckgen: ", "read ", "  hint: "))]
    if run.returncode == 0:
        assert (out / "deck.pptx").is_file()
        assert all(LOCATED.match(line) for line in lines), lines
        return
    assert lines and COUNT.match(lines[-1]), run.stderr
    assert all(LOCATED.match(line) for line in lines[:-1]), run.stderr
    assert not out.exists() or not any(out.iterdir()), "a failed build wrote something"


# ------------------------------------------------------------------ outlines from the schema


def _strategy(node: dict, defs: dict, depth: int = 0, key: str = "") -> st.SearchStrategy:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    options = node.get("anyOf") or node.get("oneOf")
    if options:
        return st.one_of([_strategy(option, defs, depth, key) for option in options])
    kinds = node.get("type", "object")
    if isinstance(kinds, list):
        return st.one_of([_strategy({**node, "type": kind}, defs, depth, key) for kind in kinds])
    return _typed(kinds, node, defs, depth, key)


def _typed(kind: str, node: dict, defs: dict, depth: int, key: str) -> st.SearchStrategy:
    if kind == "string":
        usual = st.sampled_from(KEY_WORDS.get(key, WORDS))
        printable = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)
        odd = st.one_of(st.sampled_from(WORDS), printable, st.text(max_size=4))  # control characters too
        return st.one_of(usual, usual, usual, usual, usual, usual, usual, usual, odd)
    if kind in ("number", "integer"):
        low = node.get("minimum", node.get("exclusiveMinimum", -5))
        high = node.get("maximum", node.get("exclusiveMaximum", 100))
        numbers = st.integers(math.ceil(low), int(high))
        return numbers if kind == "integer" else st.one_of(numbers, st.floats(low, high, allow_nan=False))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        items = _strategy(node.get("items", {"type": "string"}), defs, depth + 1, key)
        low = node.get("minItems", 0)
        return st.lists(items, min_size=low, max_size=max(low, min(node.get("maxItems", 3), 3)))
    if kind != "object" or depth > 8:
        return st.none()
    return _object(node, defs, depth, key)


def _object(node: dict, defs: dict, depth: int, key: str) -> st.SearchStrategy:
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    fixed = {name: _strategy(value, defs, depth + 1, name) for name, value in properties.items() if name in required}
    optional = {name: _strategy(value, defs, depth + 1, name) for name, value in properties.items()
                if name not in required}
    extra = node.get("additionalProperties")
    names = st.sampled_from(NAMES.get(key, WORDS[:12]))
    free = (st.dictionaries(names, _strategy(extra, defs, depth + 1, f"{key}[]"), min_size=1 if key in NAMES else 0, max_size=4)
            if isinstance(extra, dict) else st.just({}))
    return st.builds(lambda given, more: {**more, **given}, st.fixed_dictionaries(fixed, optional=optional), free)


SCHEMA = json_schema()


@SETTINGS
@given(outline=_strategy(SCHEMA, SCHEMA["$defs"]))
def test_outlines_generated_from_the_schema(mirror, outline):
    _ends_cleanly(mirror / "base", outline)


# ------------------------------------------------------------------ mutations of the samples


def _paths(value: Any, where: tuple = ()) -> list[tuple]:
    found = [where]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*where, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*where, index))
    return found


def _mutate(outline: dict, where: tuple, operation: str, hostile: Any) -> dict:
    if not where:
        return outline
    parent = outline
    for step in where[:-1]:
        parent = parent[step]
    last = where[-1]
    if operation == "delete":
        del parent[last]
    elif operation == "misspell" and isinstance(last, str):
        parent[last[:-1] or "x"] = parent.pop(last)
    elif operation == "duplicate" and isinstance(last, int):
        parent.insert(last, parent[last])
    else:
        parent[last] = hostile
    return outline


def _small(outline: dict, where: tuple) -> dict:
    """The deck, data and metrics, and of the slides only the one the first mutation touched (else the first
    slide): quick to build, and the mutation is still in it."""
    small = {key: value for key, value in outline.items() if key not in ("review", "plan", "summary")}
    part = where[0] if where and where[0] in ("review", "plan", "summary") else "review"
    section = where[1] if part != "summary" and len(where) > 1 and isinstance(where[1], int) else 0
    slide = where[3] if part != "summary" and len(where) > 3 and isinstance(where[3], int) else 0
    for name in ("review", "plan"):
        sections = outline.get(name, [])
        if name not in outline or not isinstance(sections, list) or not sections:
            if name in outline:
                small[name] = sections
            continue
        chosen = sections[min(section if name == part else 0, len(sections) - 1)]
        if isinstance(chosen, dict) and isinstance(chosen.get("slides"), list):
            kept = slide if name == part else 0
            chosen = {**chosen, "slides": chosen["slides"][kept: kept + 1] if name == part else []}
        small[name] = [chosen]
    if part == "summary" and "summary" in outline:
        small["summary"] = outline["summary"]
    return small


@st.composite
def _mutants(draw) -> tuple[str, dict]:
    sample = draw(st.sampled_from(SAMPLES))
    outline = yaml.safe_load((ROOT / "samples" / sample / "outline.yaml").read_text(encoding="utf-8"))
    paths = _paths(outline)
    first = ()
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths))
        first = first or where
        operation = draw(st.sampled_from(["delete", "misspell", "duplicate", "replace", "replace"]))
        try:
            outline = _mutate(outline, where, operation, draw(st.sampled_from(HOSTILE)))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this place
        paths = _paths(outline)
    return sample, _small(outline, first)


@SETTINGS
@given(mutant=_mutants())
def test_mutations_of_every_sample(mirror, mutant):
    sample, outline = mutant
    _ends_cleanly(mirror / sample, outline)
