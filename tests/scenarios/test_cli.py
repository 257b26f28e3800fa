"""`parley scenarios list|validate|graph|show`, with shipped and configured folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.cli._context import settings
from dialogues.catalogue import BUILTIN_DIR
from tests.scenarios.conftest import SHIPPED

pytestmark = pytest.mark.usefixtures("fresh_settings")


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["scenarios", *args], env=env, terminal_width=200)


def custom_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "custom"
    folder.mkdir()
    text = (BUILTIN_DIR / "checkpoint-convoy.yaml").read_text(encoding="utf-8")
    text = text.replace("id: checkpoint-convoy", "id: river-ferry", 1)
    text = text.replace("title: The convoy at Kessa bridge", "title: The ferry at Ostrel", 1)
    (folder / "river-ferry.yaml").write_text(text, encoding="utf-8")
    return folder


def test_list_shows_every_shipped_scenario_with_version_and_difficulty() -> None:
    result = run("list")
    assert result.exit_code == 0, result.output
    for scenario_id in SHIPPED:
        assert scenario_id in result.output
    assert "The convoy at Kessa bridge" in result.output
    assert "difficulty" in result.output and "version" in result.output


def test_configured_folder_adds_scenarios(tmp_path) -> None:
    folder = custom_folder(tmp_path)
    result = run("list", env={"PARLEY_SCENARIO_DIRS": str(folder)})
    assert result.exit_code == 0, result.output
    assert "river-ferry" in result.output and "checkpoint-convoy" in result.output


def test_validate_passes_for_everything_shipped_and_configured(tmp_path) -> None:
    folder = custom_folder(tmp_path)
    result = run("validate", env={"PARLEY_SCENARIO_DIRS": str(folder)})
    assert result.exit_code == 0, result.output
    assert "river-ferry" in result.output
    assert f"{len(SHIPPED) + 1} file(s), 0 error(s), 0 warning(s)" in result.output


def test_validate_fails_on_a_broken_file_and_names_the_line(tmp_path) -> None:
    text = (BUILTIN_DIR / "checkpoint-convoy.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        re.sub(r"(?m)^version: \d+$", "version: one", text, count=1), encoding="utf-8"
    )
    result = run("validate", str(broken))
    assert result.exit_code == 1
    assert "broken.yaml" in result.output and "line 5, version" in result.output


def test_validate_strict_fails_on_warnings(tmp_path) -> None:
    text = (BUILTIN_DIR / "checkpoint-convoy.yaml").read_text(encoding="utf-8")
    start = text.index("  walkout:\n    default:")
    end = text.index("  breakdown:\n    default:")
    draft = tmp_path / "draft.yaml"
    draft.write_text(text[:start] + text[end:], encoding="utf-8")
    assert run("validate", str(draft)).exit_code == 0
    strict = run("validate", "--strict", str(draft))
    assert strict.exit_code == 1 and "replies.walkout.default" in strict.output


def test_graph_prints_a_mermaid_state_diagram() -> None:
    result = run("graph", "checkpoint-convoy")
    assert result.exit_code == 0, result.output
    assert "stateDiagram-v2" in result.output
    assert "[*] --> hostile" in result.output
    assert "bargaining --> agreement" in result.output
    assert "interim_proposal, terms accepted" in result.output
    for state in ("hostile", "guarded", "exploring", "bargaining", "walkout", "breakdown"):
        assert f'state "{state}" as {state}' in result.output


def test_graph_of_a_draft_file_and_to_a_file(tmp_path) -> None:
    out = tmp_path / "convoy.mmd"
    result = run("graph", str(BUILTIN_DIR / "checkpoint-convoy.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("-->") > 10


@pytest.mark.parametrize("command", ["graph", "show"])
def test_unknown_id_is_a_clear_error(command) -> None:
    result = run(command, "no-such-scenario")
    assert result.exit_code != 0
    assert "unknown scenario 'no-such-scenario'" in result.output
    assert "checkpoint-convoy" in result.output  # the ones that exist are listed


def test_show_prints_briefs_levels_and_events() -> None:
    result = run("show", "language-barrier")
    assert result.exit_code == 0, result.output
    for expected in (
        "Yaro Benek",
        "Public brief",
        "Confidential brief",
        "BATNA",
        "hard",
        "mortar-near-station",
        "Hidden interests",
        "Misread phrases",
    ):
        assert expected in result.output


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_show_and_graph_work_for_every_shipped_scenario(scenario_id) -> None:
    shown = run("show", scenario_id)
    assert shown.exit_code == 0, shown.output
    drawn = run("graph", scenario_id)
    assert drawn.exit_code == 0 and "--> agreement" in drawn.output


def test_a_scenario_in_a_broken_file_is_not_just_unknown(tmp_path: Path) -> None:
    folder = custom_folder(tmp_path)
    path = folder / "river-ferry.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: [", 1))
    settings.cache_clear()
    result = CliRunner().invoke(
        main,
        ["practice", "--scenario", "river-ferry", "--db", str(tmp_path / "p.db")],
        env={"PARLEY_SCENARIO_DIRS": str(folder)},
    )
    assert result.exit_code == 1
    assert "unknown scenario 'river-ferry'" in result.stderr
    assert "1 scenario file(s) could not be loaded (river-ferry.yaml)" in result.stderr
    assert "parley scenarios validate" in result.stderr


def test_list_warns_about_a_configured_folder_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run("list", env={"PARLEY_SCENARIO_DIRS": str(missing)})
    assert result.exit_code == 0 and "checkpoint-convoy" in result.stdout
    # Rich wraps the long path onto its own line: compare with the wrapping undone.
    assert f"configured folder {missing} does not exist" in " ".join(result.stderr.split())
