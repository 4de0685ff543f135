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


def _deckgen_imports(path: Path) -> set[str]:
    """The deckgen packages a module imports, at the top or inside functions."""
    import ast

    package = path.relative_to(ROOT / "deckgen").parts[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                found.add(package)
            elif node.level == 2 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 0 and node.module and node.module.startswith("deckgen."):
                found.add(node.module.split(".")[1])
    return found


def test_the_grammar_sits_below_every_stage():
    """Placeholders and references are parsed by the outline checks and filled by the story: the grammar
    imports no stage, and the outline checks never import the story."""
    stages = {"outline", "data", "story", "layout", "charts", "writer", "preview", "starters"}
    for path in sorted((ROOT / "deckgen" / "grammar").glob("*.py")):
        assert not _deckgen_imports(path) & stages, path
    for path in sorted((ROOT / "deckgen" / "outline").glob("*.py")):
        assert not _deckgen_imports(path) & {"story", "layout", "charts", "writer"}, path
