"""The documentation keeps up with the code: outline keys, the published schema, CLI commands, the README."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest

from deckgen.cli import main
from deckgen.outline.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUTLINE_MD = DOCS / "outline.md"
CLI_MD = DOCS / "cli.md"
SCHEMA_JSON = DOCS / "outline.schema.json"
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"
SAMPLE_DATA = ROOT / "samples" / "annual-review" / "data"


# ------------------------------------------------------------------------------------ schema walking


def schema_keys(schema: dict[str, Any]) -> set[str]:
    """Every property name reachable in a JSON Schema, following $ref into $defs."""
    defs = schema.get("$defs", {})
    found: set[str] = set()
    seen_refs: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref not in seen_refs:
            seen_refs.add(ref)
            walk(defs[ref.rsplit("/", 1)[-1]])
        for name, child in node.get("properties", {}).items():
            found.add(name)
            walk(child)
        for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
            walk(node.get(key, []))
        for key in ("items", "additionalProperties", "not", "if", "then", "else"):
            walk(node.get(key))

    walk(schema)
    for definition in defs.values():  # also models only reachable in ways the walk does not follow
        walk(definition)
    return found


def test_schema_walk_finds_nested_keys() -> None:
    keys = schema_keys(json_schema())
    # one key from each depth: top level, deck, period, data spec, metric, slide, chart, kpi item, action
    assert {"deck", "locale", "current", "sheet", "ratio", "commentary", "subtract", "target", "budget"} <= keys


def test_every_outline_key_is_documented() -> None:
    text = OUTLINE_MD.read_text(encoding="utf-8")
    missing = sorted(key for key in schema_keys(json_schema()) if f"`{key}`" not in text)
    assert not missing, (
        "docs/outline.md does not mention these outline keys (write each as `key`, with its type, default and "
        "meaning, in the section it belongs to): " + ", ".join(missing)
    )


def test_published_schema_is_current() -> None:
    published = json.loads(SCHEMA_JSON.read_text(encoding="utf-8"))
    current = json.loads(json.dumps(json_schema(), ensure_ascii=False))
    assert published == current, (
        "docs/outline.schema.json is out of date with the outline models; regenerate it with:\n"
        "    deckgen schema > docs/outline.schema.json"
    )


# ---------------------------------------------------------------------------------------------- CLI


def _commands() -> Iterator[tuple[str, click.Command]]:
    yield from sorted(main.commands.items())


def _long_options(command: click.Command) -> list[str]:
    return [opt for param in command.params if isinstance(param, click.Option)
            for opt in (*param.opts, *param.secondary_opts) if opt.startswith("--")]


def test_cli_has_commands() -> None:
    assert {"build", "check", "schema", "preview"} <= set(main.commands)


@pytest.mark.parametrize(("name", "command"), list(_commands()), ids=[name for name, _ in _commands()])
def test_every_command_and_option_is_documented(name: str, command: click.Command) -> None:
    text = CLI_MD.read_text(encoding="utf-8")
    assert f"deckgen {name}" in text, f"docs/cli.md does not document the command `deckgen {name}`"
    missing = [opt for opt in _long_options(command) if f"`{opt}" not in text]
    assert not missing, f"docs/cli.md does not document these options of `deckgen {name}`: {', '.join(missing)}"


def test_group_options_are_documented() -> None:
    text = CLI_MD.read_text(encoding="utf-8")
    missing = [opt for opt in _long_options(main) if f"`{opt}" not in text]
    assert not missing, f"docs/cli.md does not document these options of `deckgen`: {', '.join(missing)}"


def test_exit_codes_are_documented() -> None:
    from deckgen import cli

    text = CLI_MD.read_text(encoding="utf-8")
    codes = [cli.EXIT_OK, cli.EXIT_OUTLINE, cli.EXIT_DATA, cli.EXIT_BUG, cli.EXIT_ENVIRONMENT, cli.EXIT_STRICT]
    missing = [code for code in codes if not re.search(rf"^\| {code} \|", text, re.MULTILINE)]
    assert not missing, f"docs/cli.md's exit code table lacks: {missing}"


# ------------------------------------------------------------------------------------------- README


def _readme_commands() -> list[str]:
    blocks = re.findall(r"^```sh\n(.*?)^```", README.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    return [block.strip() for block in blocks]


def test_readme_commands_match_ci() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, f"README.md should have exactly two ```sh blocks (install + build, test); found {commands}"
    install, test = commands
    assert "\n" not in install and "\n" not in test, "each README command should be one line"
    ci_lines = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    assert test in ci_lines, f".ci/run must run the README's test command verbatim:\n    {test}"


def test_readme_sample_build_names_an_existing_outline() -> None:
    install = _readme_commands()[0]
    outlines = re.findall(r"deckgen build (\S+\.ya?ml)", install)
    assert outlines, "the README's first command should build a sample outline"
    for outline in outlines:
        assert (ROOT / outline).is_file(), f"README builds {outline}, which does not exist"


# ---------------------------------------------------------------------------------- the doc's example


def _first_yaml_block(text: str) -> str:
    match = re.search(r"^```yaml\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert match, "docs/outline.md should open with a complete example in a ```yaml block"
    return match.group(1)


def test_outline_example_is_valid(tmp_path: Path) -> None:
    """The complete example at the top of docs/outline.md checks clean against the sample data."""
    from deckgen.pipeline import check_outline, load_data

    outline = tmp_path / "outline.yaml"
    outline.write_text(_first_yaml_block(OUTLINE_MD.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        (tmp_path / "data").symlink_to(SAMPLE_DATA, target_is_directory=True)
    except OSError:
        pytest.skip("cannot create a symlink to the sample data here")
    checked = check_outline(outline)
    load_data(checked)
