"""Turn schema violations into positioned, friendly diagnostics with "did you mean" hints."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from ..errors import Diagnostic, OutlineError, unique
from .read import LoadedYaml, Path_
from .schema import SLIDE_KINDS, Outline, SlideBase, _schema


def parse_outline(loaded: LoadedYaml) -> Outline:
    """Validate the loaded YAML against the schema; report every problem at once."""
    if not isinstance(loaded.data, dict):
        shape = {list: "a list", str: "a single text"}.get(type(loaded.data), "a single value")
        raise OutlineError([Diagnostic("outline.not_mapping", f"the outline is {shape}, but it must be a mapping "
                                       "with deck, data, metrics, review, plan and summary", loaded.span(()),
                                       "see the complete example in docs/outline.md")])
    try:
        return Outline.model_validate(loaded.data)
    except ValidationError as exc:
        errors = _drop_union_noise(exc.errors(), loaded.data)
        diagnostics = [_diagnostic(error, loaded) for error in errors]
        ordered = sorted(diagnostics, key=lambda d: (d.span.line, d.span.col, d.message))
        raise OutlineError(unique(ordered)) from None


def _drop_union_noise(errors: list[dict[str, Any]], data: Any) -> list[dict[str, Any]]:
    """Keep the useful side of a union: when a mapping fails as a table spec, don't also say
    it is not text; and don't report a missing key when a misspelling of it is reported. When every
    side of a union failed only on its type, say once what the value could have been."""
    paths = [data_path(error["loc"], data) for error in errors]
    kept, type_only = [], []
    for error, path in zip(errors, paths):
        deeper = any(len(other) > len(path) and other[: len(path)] == path for other in paths)
        sibling = sum(1 for other in paths if other == path) > 1  # the other side of a union failed here too
        typed = any(other == path and not e["type"].endswith("_type") for e, other in zip(errors, paths))
        if error["type"].endswith("_type") and (deeper or typed or (sibling and isinstance(error.get("input"), dict))):
            if not deeper:
                type_only.append((error, path))
            continue
        if error["type"] == "missing" and _misspelt_nearby(error, path, errors, paths):
            continue
        kept.append(error)
    kept_paths = [data_path(error["loc"], data) for error in kept]
    for path in dict.fromkeys(path for _, path in type_only):
        if not any(other[: len(path)] == path for other in kept_paths):
            sides = [error for error, at in type_only if at == path]
            kept.append({**sides[0], "type": "union_type", "ctx": {"expected": _either(sides)}})
    return kept


_TYPE_WORDS = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
               "model_attributes_type": "a mapping", "int_type": "a number", "float_type": "a number",
               "bool_type": "true or false"}


def _either(errors: list[dict[str, Any]]) -> str:
    words = list(dict.fromkeys(_TYPE_WORDS.get(error["type"], "another value") for error in errors))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _misspelt_nearby(missing: dict[str, Any], path: Path_, errors: list, paths: list) -> bool:
    wanted = str(missing["loc"][-1])
    for error, other in zip(errors, paths):
        if error["type"] != "extra_forbidden" or not other or other[:-1] != path:
            continue
        if difflib.get_close_matches(str(other[-1]), [wanted], n=1, cutoff=0.6):
            return True
    return False


def data_path(loc: tuple[Any, ...], data: Any) -> Path_:
    """The path into the user's data for a pydantic error location (union tags are skipped)."""
    path: list[str | int] = []
    node = data
    for index, step in enumerate(loc):
        following = loc[index + 1] if index + 1 < len(loc) else None
        if _is_union_tag(node, step, following):
            continue
        if isinstance(node, dict) and isinstance(step, str) and step in node or isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            path.append(step)
            node = node[step]
    return tuple(path)


def _is_union_tag(node: Any, step: Any, following: Any) -> bool:
    """A slide's kind key doubles as its union tag in pydantic's loc: ('kpis', 'title') means the
    slide's 'title', while ('kpis', 'kpis', 0) means the first item of its 'kpis' list."""
    if not (isinstance(node, dict) and step in node and isinstance(following, str) and following in node):
        return False
    child = node[step]
    return not (isinstance(child, dict) and following in child)


def _describe(path: Path_) -> str:
    parts = []
    for step in path:
        parts.append(f"[{step}]" if isinstance(step, int) else (f".{step}" if parts else str(step)))
    return "".join(parts) or "the outline"


def _diagnostic(error: dict[str, Any], loaded: LoadedYaml) -> Diagnostic:
    kind = error["type"]
    path = data_path(error["loc"], loaded.data)
    where = _describe(path)
    if kind == "extra_forbidden":
        return _unknown_key(error, path, loaded)
    if kind == "missing":
        missing = error["loc"][-1]
        return Diagnostic("outline.missing_key", f"{where}: missing required key '{missing}'", loaded.span(path),
                          "see docs/outline.md for what each part needs")
    if kind == "slide_kind":
        misspelt = _misspelt_slide_kind(error.get("input"), path, loaded)
        if misspelt:
            return misspelt
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        allowed = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
        got = str(error["input"])
        hint = _did_you_mean(got, allowed) or f"use one of: {', '.join(allowed)}"
        return Diagnostic("outline.bad_value", f"{where}: '{got}' is not allowed here; expected {expected}",
                          loaded.span(path), hint)
    message = _plain_message(error)
    return Diagnostic(f"outline.{kind}", f"{where}: {message}", loaded.span(path), _hint_for(kind))


def _plain_message(error: dict[str, Any]) -> str:
    kind, got = error["type"], error.get("input")
    shown = _show(got)
    if kind in ("string_type",):
        return f"expected text, got {shown}"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return f"expected a number, got {shown}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {shown}"
    if kind in ("list_type",):
        return f"expected a list, got {shown}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), got {shown}"
    if kind.startswith("date"):
        return f"expected a date like 2026-01-12, got {shown}"
    if kind == "string_pattern_mismatch":
        return f"'{got}' is not a valid name: use letters, digits and _ (not starting with a digit)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "union_type":
        return f"expected {error['ctx']['expected']}, got {shown}"
    if kind in ("too_short", "too_long"):
        ctx = error.get("ctx", {})
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        bound = "at least" if kind == "too_short" else "at most"
        return f"expected {bound} {limit} item(s), got {ctx.get('actual_length')}"
    message = error["msg"]
    return message.removeprefix("Value error, ")


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"


def _hint_for(kind: str) -> str:
    if kind == "slide_kind":
        return "e.g. `- kpis: [gmv, cvr]` or `- chart: {type: line, x: month, y: gmv}`"
    if kind.startswith("date"):
        return "write dates as YYYY-MM-DD"
    if kind == "string_pattern_mismatch":
        return "metric names are used in {{ placeholders }}: e.g. gmv, refund_rate"
    return ""


def _unknown_key(error: dict[str, Any], path: Path_, loaded: LoadedYaml) -> Diagnostic:
    key = str(error["loc"][-1])
    parent = path[:-1] if path and path[-1] == key else path
    allowed = allowed_keys(parent, loaded.data)
    where = _describe(parent)
    suggestion = _did_you_mean(key, allowed)
    hint = suggestion or (f"allowed keys here: {', '.join(allowed)}" if allowed else "")
    return Diagnostic("outline.unknown_key", f"unknown key '{key}' in {where}", loaded.key_span((*parent, key)), hint)


def _misspelt_slide_kind(slide: Any, path: Path_, loaded: LoadedYaml) -> Diagnostic | None:
    """A slide without a kind but with a key close to one (kpi:, tragets:, Cards:): name that key."""
    if not isinstance(slide, dict) or any(key in SLIDE_KINDS for key in slide):
        return None
    common = set(SlideBase.model_fields)
    for key in slide:
        suggestion = _did_you_mean(str(key), list(SLIDE_KINDS)) if key not in common else ""
        if suggestion:
            return Diagnostic("outline.unknown_key", f"unknown key '{key}' in {_describe(path)}",
                              loaded.key_span((*path, key)), suggestion)
    return None


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = [c for c in choices if c.lower() == word.lower()]
    if not close:
        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


# ------------------------------------------------------------- schema walking for suggestions


def allowed_keys(path: Path_, data: Any) -> list[str]:
    """The keys the schema allows at ``path`` (a mapping), for suggestions."""
    schema = _schema()  # read only
    defs = schema.get("$defs", {})
    nodes = [schema]
    value = data
    for step in path:
        value = value[step] if isinstance(value, (dict, list)) else None
        nodes = [child for node in nodes for child in _children(node, step, defs)]
    keys: set[str] = set()
    for node in nodes:
        for alternative in _alternatives(node, defs, value):
            keys.update(alternative.get("properties", {}))
    return sorted(keys)


def _resolve(node: dict, defs: dict) -> dict:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _alternatives(node: dict, defs: dict, value: Any = None) -> list[dict]:
    node = _resolve(node, defs)
    options = node.get("anyOf") or node.get("oneOf")
    if not options:
        return [node]
    flat = [alt for option in options for alt in _alternatives(option, defs, value)]
    if isinstance(value, dict):  # prefer the variant whose distinguishing key is present
        matching = [alt for alt in flat if set(value) & set(alt.get("required", []))]
        if matching:
            return matching
    return flat


def _children(node: dict, step: str | int, defs: dict) -> list[dict]:
    found = []
    for alternative in _alternatives(node, defs):
        if isinstance(step, int) and "items" in alternative:
            found.append(alternative["items"])
        elif isinstance(step, str):
            if step in alternative.get("properties", {}):
                found.append(alternative["properties"][step])
            elif isinstance(alternative.get("additionalProperties"), dict):
                found.append(alternative["additionalProperties"])
    return found
