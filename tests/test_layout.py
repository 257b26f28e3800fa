"""DESIGN.md's import rule: bot -> dialogues, state; state -> dialogues; dialogues -> nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "dialogues": {"discord", "sqlite3", "sqlite_utils", "bot", "state"},
    "state": {"discord", "bot"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_respect_the_layering(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_only_bot_imports_discord() -> None:
    outside = [
        path
        for path in ROOT.rglob("*.py")
        if ".venv" not in path.parts
        and path.parts[len(ROOT.parts)] not in {"bot", "tests"}
        and "discord" in imported_roots(path)
    ]
    assert outside == []


def test_cli_does_not_import_discord_at_start(tmp_path: Path) -> None:
    """`parley practice` must work (and start fast) without loading discord.py."""
    import subprocess
    import sys

    code = "import sys, bot.cli; print('discord' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr
