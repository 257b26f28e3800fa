"""What a fresh `parley` process imports before it does anything (issue 12, item 11).

Each case needs a fresh interpreter: the test process has long imported everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from bot.bench import Target, startup
from bot.cli import main
from tests.scenarios.conftest import SHIPPED

ROOT = Path(__file__).resolve().parents[2]
# The scorer compiles its lexicon and the sentence encoder needs numpy: costs for scoring only.
SCORING = ("dialogues.scoring.scorer", "dialogues.scoring.lexicon", "numpy")


def imported_after(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "import click\n"
        "from bot.cli import main\n"
        "try:\n"
        f"    main({list(args)!r}, standalone_mode=False)\n"
        "except click.ClickException:\n"  # e.g. no database yet: the imports are what counts
        "    pass\n"
        "print(' '.join(sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert out.returncode == 0, out.stderr
    return set(out.stdout.splitlines()[-1].split())


def test_version_imports_no_command() -> None:
    modules = imported_after("--version")
    assert not {"pydantic", "rich", "state.store", "dialogues.scenario"} & modules


def test_scenarios_list_neither_compiles_the_lexicon_nor_loads_numpy() -> None:
    modules = imported_after("scenarios", "list")
    assert "dialogues.scenario" in modules  # it did list them
    assert not set(SCORING) & modules


def test_transcripts_list_does_not_compile_the_lexicon(tmp_path) -> None:
    modules = imported_after("transcripts", "list", "--db", str(tmp_path / "none.db"))
    assert "bot.cli.transcripts" in modules
    assert not {"dialogues.scoring.scorer", "dialogues.scoring.lexicon"} & modules


def test_the_bot_starts_without_numpy_charts_or_the_review_site(tmp_path) -> None:
    """The bot's start as `parley bench` measures it (store, scenarios, cogs): numpy loads
    with the first scored message, matplotlib with the first chart, Datasette never."""
    code = startup._BOT_START + "import sys\nprint(' '.join(sys.modules))\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "DISCORD_"))}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    starts = []
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env
        )
        assert out.returncode == 0, out.stderr
        starts.append(set(out.stdout.split()))
    first, second = starts
    assert {"bot.exts.sessions.sessions", "dialogues.scoring.scorer", "sqlite_utils"} <= first
    assert not {"numpy", "matplotlib", "datasette"} & (first | second)
    # The first start parses the scenario files and keeps them in its cache; the next does
    # not parse YAML at all.
    assert "yaml" in first and "yaml" not in second
    assert len(list((tmp_path / "cache" / "parley" / "scenarios").glob("*.json"))) == len(SHIPPED)


def test_every_command_is_listed_and_runs_from_its_module() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("practice", "scenarios", "classify", "invite-url", "forget", "eval", "run"):
        assert f"  {name} " in result.output
    assert CliRunner().invoke(main, ["scenarios", "--help"]).exit_code == 0


def test_bench_prints_the_startup_table_against_its_targets(monkeypatch) -> None:
    quick = (
        startup.StartupCase("python -c pass (baseline)", ("-c", "pass"), None),
        startup.StartupCase("a start-up that meets its target", ("-c", "pass"), Target(60, " s")),
        startup.StartupCase("one that cannot", ("-c", "sum(range(10**6))"), Target(0, " s")),
    )
    monkeypatch.setattr(startup, "CASES_STARTUP", quick)
    result = CliRunner().invoke(main, ["bench", "--only", "startup"], terminal_width=160)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    [met] = [line for line in lines if "meets its target" in line]
    [missed] = [line for line in lines if "one that cannot" in line]
    assert "≤ 60 s" in met and met.rstrip(" │").endswith("yes")
    assert missed.rstrip(" │").endswith("NO")


def test_start_up_runs_measure_the_defaults_with_bytecode_as_installed(monkeypatch) -> None:
    monkeypatch.setenv("PARLEY_DB", "/elsewhere/parley.db")
    monkeypatch.setenv("DISCORD_TOKEN", "not-for-the-bench")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("PATH", "/usr/bin")
    env = startup._environment()
    assert not {"PARLEY_DB", "DISCORD_TOKEN", "PYTHONDONTWRITEBYTECODE"} & set(env)
    assert env["PATH"] == "/usr/bin"
