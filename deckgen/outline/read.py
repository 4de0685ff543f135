"""Read YAML safely, keeping where every value came from.

The loader follows YAML 1.2's core schema, as editors do: ``NO``, ``yes`` and ``0123`` stay text,
only ``true``/``false`` are booleans, and dates stay text until the schema asks for a date. No
object construction, duplicate keys are errors, and size and alias expansion are bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Diagnostic, OutlineError, SourceSpan

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 40
MAX_TEXT = 10_000  # characters in one value: a slide holds a few hundred

Path_ = tuple[str | int, ...]

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:(?:[0-9][0-9_]*)?\.[0-9_]+|[0-9][0-9_]*\.)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")


class RawInt(int):
    """An int that remembers how it was written, so a text field gets '0042' back, not '42'."""

    raw: str


class RawFloat(float):
    raw: str


@dataclass(frozen=True)
class LoadedYaml:
    """Plain Python data plus the position of every mapping key and value."""

    data: Any
    path: Path
    positions: dict[Path_, tuple[int, int]]  # path -> (line, col), 1-based, of the value
    key_positions: dict[Path_, tuple[int, int]]  # path -> position of the key naming it

    def span(self, where: Path_) -> SourceSpan:
        """The closest known position for ``where`` (walking up to a parent when needed)."""
        for end in range(len(where), -1, -1):
            prefix = tuple(where[:end])
            if prefix in self.positions:
                line, col = self.positions[prefix]
                return SourceSpan(str(self.path), line, col)
        return SourceSpan(str(self.path), 1, 1)

    def key_span(self, where: Path_) -> SourceSpan:
        if where in self.key_positions:
            line, col = self.key_positions[where]
            return SourceSpan(str(self.path), line, col)
        return self.span(where)


def read_yaml(path: Path) -> LoadedYaml:
    """Parse ``path``; raise OutlineError with a position for anything YAML cannot accept."""
    text = _read_text(path)
    _refuse_control_characters(path, text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(path, exc, text) from None
    except RecursionError:
        raise _too_deep(path, text) from None
    builder = _Builder(path)
    data = builder.build(root, ()) if root is not None else {}
    return LoadedYaml(data, path, builder.positions, builder.key_positions)


def _read_text(path: Path) -> str:
    span = SourceSpan(str(path))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise OutlineError([Diagnostic("outline.missing", f"outline not found: {path}", span,
                                       "check the path; samples/annual-review/outline.yaml is a complete "
                                       "example")]) from None
    except IsADirectoryError:
        raise OutlineError([Diagnostic("outline.missing", f"{path} is a folder, not an outline file", span,
                                       f"did you mean {path / 'outline.yaml'}?")]) from None
    if len(raw) > MAX_BYTES:
        raise OutlineError([Diagnostic("outline.too_large", f"outline is {len(raw):,} bytes; the limit is "
                                       f"{MAX_BYTES:,}", span, "keep data in data files, not in the outline")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise OutlineError([Diagnostic("outline.encoding", "outline is not UTF-8 text",
                                       SourceSpan(str(path), line, 1),
                                       "save the file as UTF-8 (most editors: 'Save with encoding')")]) from None


# Characters an outline may not hold: C0 controls but tab, LF and CR; DEL; C1 controls (NEL too: YAML
# counts it as a line break, editors do not, so every later line number would be off); the Unicode line
# and paragraph separators (same reason); non-characters XML cannot carry. Surrogates never get here:
# UTF-8 cannot encode them, and their escapes are checked in each value.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_NAMES = {0: "NUL", 7: "BEL", 8: "backspace", 0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "ESC", 0x7F: "DEL",
          0x85: "NEL, next line", 0x2028: "line separator", 0x2029: "paragraph separator"}


def character_name(char: str) -> str:
    """'U+0007 (BEL)' for a message."""
    code = ord(char)
    name = _NAMES.get(code, "a control character" if code < 0xA0 else
                      "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "not a character")
    return f"U+{code:04X} ({name})"


def forbidden_character(text: str) -> int:
    """The index of the first character an outline value may not hold, or -1."""
    match = _FORBIDDEN.search(text)
    return match.start() if match else -1


def _refuse_control_characters(path: Path, text: str) -> None:
    """Located error for an invisible character typed into the file (lines counted as editors do)."""
    index = forbidden_character(text)
    if index < 0:
        return
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    raise OutlineError([Diagnostic("outline.control_character",
                                   f"the outline contains the invisible character {character_name(text[index])}",
                                   SourceSpan(str(path), line, col),
                                   "delete it; it usually comes from copying text out of another program")])


def _too_deep(path: Path, text: str) -> OutlineError:
    """Nesting too deep for the composer: find where it passes the limit, without recursion."""
    depth, line, col = 0, 1, 1
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line, col = event.start_mark.line + 1, event.start_mark.column + 1
                break
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return OutlineError([Diagnostic("outline.too_deep", f"outline nests deeper than {MAX_DEPTH} levels",
                                    SourceSpan(str(path), line, col), "an outline needs a handful of levels; "
                                    "look for unclosed or repeated brackets")])


class _Loader(yaml.SafeLoader):
    """Remembers which nodes carried an explicit tag (``!!int 5``): the plain composer forgets."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        tag = getattr(event, "tag", None)
        node = super().compose_node(parent, index)
        if tag not in (None, "!") and not isinstance(event, yaml.AliasEvent):
            node.explicit_tag = tag
        return node


_FULLWIDTH_KEY = re.compile(r"^(\s*-?\s*)([^\s:：#'\"{}\[\],]+)：")


def _syntax_error(path: Path, exc: yaml.MarkedYAMLError, text: str) -> OutlineError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    fullwidth = _fullwidth_colon(path, text, line)
    if fullwidth:
        return fullwidth
    problem = exc.problem or "invalid YAML"
    context = f" ({exc.context})" if exc.context else ""
    hint = "check indentation and quoting; text containing ': ' or starting with '{', '[', '*' or '&' needs quotes"
    opened = exc.context_mark
    if exc.context and opened is not None and exc.problem_mark is not None and opened.line != exc.problem_mark.line:
        context = f" ({exc.context} that starts at line {opened.line + 1}, column {opened.column + 1})"
        brackets = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}
        bracket = next((pair for kind, pair in brackets.items() if kind in exc.context), None)
        if bracket:
            hint = f"is the '{bracket[0]}' on line {opened.line + 1} closed with '{bracket[1]}'?"
    if "\t" in (problem + context) or "\\t" in (problem + context) or "tab" in problem:
        hint = "YAML indentation must use spaces, not tabs"
    return OutlineError([Diagnostic("outline.yaml", f"YAML syntax error: {problem}{context}",
                                    SourceSpan(str(path), line, col), hint)])


def _fullwidth_colon(path: Path, text: str, line: int) -> OutlineError | None:
    """Chinese input methods type '：' for ':'; YAML then fails a line later. Name the real culprit."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        match = _FULLWIDTH_KEY.match(lines[number - 1])
        if match:
            column = len(match[1]) + len(match[2]) + 1
            return OutlineError([Diagnostic(
                "outline.yaml", f"YAML syntax error: full-width colon '：' after '{match[2]}'; YAML needs ':' "
                "followed by a space", SourceSpan(str(path), number, column),
                "replace '：' with ': ' (an ASCII colon and a space)")])
    return None


class _Builder:
    """Turn a composed node tree into plain data, recording positions and refusing surprises."""

    def __init__(self, path: Path):
        self.path = path
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.count = 0

    def build(self, node: yaml.Node, where: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._error(node, "outline.too_large", f"outline expands to more than {MAX_NODES:,} values",
                              "an alias (*name) may be repeated too often")
        if len(where) > MAX_DEPTH:
            raise self._error(node, "outline.too_deep", f"outline nests deeper than {MAX_DEPTH} levels",
                              "an alias may refer to itself")
        self.positions[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = getattr(node, "explicit_tag", None)
        if tag is not None or node.tag not in _IMPLICIT_TAGS:
            raise self._error(node, "outline.tag", f"YAML tag '{_shown_tag(tag or node.tag)}' is not allowed",
                              "remove the tag; write the value plainly")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, where: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._error(key_node, "outline.merge_key", "merge keys ('<<') are not supported",
                                  "write the keys out, or use an anchor for a whole value")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._error(key_node, "outline.bad_key", "a key must be plain text")
            key = str(key_node.value)
            if key in result:
                first = self.key_positions[(*where, key)]
                raise self._error(key_node, "outline.duplicate_key",
                                  f"duplicate key '{key}' (first defined at line {first[0]})",
                                  "remove one of them; YAML would silently keep only the last")
            self.key_positions[(*where, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*where, key))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        text = node.value
        if len(text) > MAX_TEXT:
            raise self._error(node, "outline.too_long", f"a value of {len(text):,} characters; the limit is "
                              f"{MAX_TEXT:,}", "a slide holds a few hundred characters: shorten the text")
        index = forbidden_character(text)
        if index >= 0:  # written as an escape in quotes: "\x07", "\ud800"
            raise self._error(node, "outline.control_character", "the text contains the invisible character "
                              f"{character_name(text[index])} (written as an escape)", "remove the escape")
        if node.style is not None:  # quoted or block scalar: always text
            return text
        return _resolve_plain(text)

    def _error(self, node: yaml.Node, code: str, message: str, hint: str = "") -> OutlineError:
        span = SourceSpan(str(self.path), node.start_mark.line + 1, node.start_mark.column + 1)
        return OutlineError([Diagnostic(code, message, span, hint)])


# Tags PyYAML's resolver assigns to plain scalars on its own; we re-resolve those by YAML 1.2 rules.
_IMPLICIT_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:value", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _resolve_plain(text: str) -> Any:
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        number = RawInt(int(text.replace("_", "")))
        number.raw = text
        return number
    if _FLOAT.match(text):
        value = RawFloat(float(text.replace("_", "")))
        value.raw = text
        return value
    return text


def raw_text(value: Any) -> str:
    """A scalar as the user wrote it (for fields that expect text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return getattr(value, "raw", None) or str(value)
