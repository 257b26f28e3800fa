"""`make run` installs what running needs and no more; `make test` what testing needs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
TOOLS = {"pytest", "ruff", "mypy", "hypothesis", "simcord", "datasette", "scikit-learn"}


def _names(requirements: list[str]) -> set[str]:
    return {r.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip() for r in requirements}


def _planned(target: str) -> str:
    """What `make TARGET` would run on a fresh clone (-B: as if nothing were installed)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    return subprocess.run(
        ["make", "-n", "-B", "--no-print-directory", target],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.replace("\\\n", "")


def test_running_needs_no_test_lint_or_training_tool() -> None:
    assert _names(PROJECT["dependencies"]) & TOOLS == set()
    extras = PROJECT["optional-dependencies"]
    assert {"pytest", "simcord", "datasette", "scikit-learn"} <= _names(
        extras["test"] + extras["train"] + extras["review"]
    )


def test_make_run_installs_the_package_alone_and_make_test_its_test_extra() -> None:
    run, test = _planned("run"), _planned("test")
    [run_install] = [line for line in run.splitlines() if "pip install" in line]
    [test_install] = [line for line in test.splitlines() if "pip install" in line]
    assert run_install.endswith("-e '.'")
    assert test_install.endswith("-e '.[test]'")
    assert run.splitlines()[-1] == ".venv/bin/parley run"


def test_practising_imports_no_training_or_review_library(tmp_path: Path) -> None:
    """The lean install is enough: a scored session never reaches for scikit-learn."""
    code = (
        "import sys; from click.testing import CliRunner; from bot.cli import main; "
        f"r = CliRunner().invoke(main, ['practice', '--db', {str(tmp_path / 'p.db')!r}], "
        "input='That sounds exhausting for your men.\\n'); "
        "print(r.exit_code, sorted(m for m in ('sklearn', 'datasette', 'pytest') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.split("\n")[-2:] == ["0 []", ""], out.stdout[-500:] + out.stderr[-2000:]
