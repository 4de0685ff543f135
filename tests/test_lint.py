"""The code base stays lint-clean (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_reports_nothing():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run([ruff, "check", "deckgen", "tests", "bench", "docs/dev"], cwd=ROOT, check=False,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_heavy_libraries_stay_off_the_help_path():
    code = ("import sys, deckgen.cli, deckgen.outline.validate, deckgen.outline.references;"
            "heavy = {'pandas', 'matplotlib', 'pptx', 'numpy'} & set(sys.modules); print(sorted(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def _deckgen_modules(path: Path) -> set[str]:
    """The deckgen modules a module imports (``data.expr``, ``errors``), at the top or inside functions."""
    import ast

    package = path.relative_to(ROOT / "deckgen").parent.parts
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                found.add(".".join([*base, *([node.module] if node.module else [])]))
            elif node.module and node.module.startswith("deckgen."):
                found.add(node.module.removeprefix("deckgen."))
    return found


def _deckgen_imports(path: Path) -> set[str]:
    """The deckgen packages a module imports, at the top or inside functions."""
    return {module.split(".")[0] for module in _deckgen_modules(path)}


def test_the_grammar_sits_below_every_stage():
    """Placeholders and references are parsed by the outline checks and filled by the story: the grammar
    imports no stage, and the outline checks never import the story."""
    stages = {"outline", "data", "story", "layout", "charts", "writer", "preview", "starters"}
    for path in sorted((ROOT / "deckgen" / "grammar").glob("*.py")):
        assert not _deckgen_imports(path) & stages, path
    for path in sorted((ROOT / "deckgen" / "outline").glob("*.py")):
        assert not _deckgen_imports(path) & {"story", "layout", "charts", "writer"}, path


# What each early stage may import: it runs before the stages above it, so it never imports them.
EARLY_STAGES = {
    # read and validate: the period and expression parsers of the data stage import nothing of deckgen
    "outline": ("outline", "grammar", "errors", "resources", "data.expr", "data.periods"),
    "data/read": ("data.read", "data.tables", "data.sql", "outline.fields", "errors"),
    "preview": ("preview", "errors"),
}


def test_early_stages_import_no_later_one():
    for folder, allowed in EARLY_STAGES.items():
        for path in sorted((ROOT / "deckgen" / folder).glob("*.py")):
            later = {module for module in _deckgen_modules(path)
                     if not any(module == name or module.startswith(name + ".") for name in allowed)}
            assert not later, f"{path.relative_to(ROOT)} imports {sorted(later)}"
    for parser in ("expr", "periods"):
        assert not _deckgen_modules(ROOT / "deckgen" / "data" / f"{parser}.py"), parser
