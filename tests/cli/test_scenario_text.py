"""Scenario text reaches the terminal as the author wrote it, and only as text (issue 12, F):
brackets are not rich markup, and control characters never load at all."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from dialogues.catalogue import BUILTIN_DIR

CONVOY = (BUILTIN_DIR / "checkpoint-convoy.yaml").read_text(encoding="utf-8")
BRIEF_END = "[see appendix] and [/] and [bold]not bold[/bold]"


pytestmark = pytest.mark.usefixtures("fresh_settings")


def folder_with(tmp_path: Path, scenario_id: str, edit) -> Path:
    folder = tmp_path / "custom"
    folder.mkdir(exist_ok=True)
    text = edit(CONVOY.replace("id: checkpoint-convoy", f"id: {scenario_id}", 1))
    (folder / f"{scenario_id}.yaml").write_text(text, encoding="utf-8")
    return folder


def bracketed(text: str) -> str:
    text = re.sub(r"(?m)^title: .*$", 'title: "Convoy [/] [draft]"', text, count=1)
    return re.sub(r"(?m)^(  public: >-\n(?:    .*\n)+)", rf"\1    {BRIEF_END}\n", text, count=1)


def flat(output: str) -> str:
    """The output with the panel's borders and line wrapping taken out."""
    return re.sub(r"[\s│]+", " ", output)


def play(tmp_path: Path, folder: Path, *args: str, text: str = "") -> Result:
    return CliRunner().invoke(
        main,
        ["practice", "--db", str(tmp_path / "p.db"), "--seed", "3", *args],
        env={"PARLEY_SCENARIO_DIRS": str(folder)},
        input=text,
        terminal_width=300,
    )


def test_brackets_in_the_brief_and_title_are_shown_not_parsed(tmp_path) -> None:
    folder = folder_with(tmp_path, "bracket-convoy", bracketed)
    result = play(tmp_path, folder, "--scenario", "bracket-convoy", text="/brief\n")
    assert result.exit_code == 0, result.output
    assert "Convoy [/] [draft]" in result.output
    assert flat(result.output).count(BRIEF_END) == 2  # at the start and again for /brief


def test_scenarios_show_keeps_the_brackets_too(tmp_path) -> None:
    folder = folder_with(tmp_path, "bracket-convoy", bracketed)
    result = CliRunner().invoke(
        main,
        ["scenarios", "show", "bracket-convoy"],
        env={"PARLEY_SCENARIO_DIRS": str(folder)},
        terminal_width=300,
    )
    assert result.exit_code == 0, result.output
    assert BRIEF_END in flat(result.output) and "Convoy [/] [draft]" in result.output


def with_escape_in_name(text: str) -> str:
    return re.sub(r"(?m)^(persona:\n  name: )(.*)$", r'\1"\\e]0;owned\\a\\e[31m\2"', text, count=1)


def test_an_escape_sequence_in_the_persona_never_reaches_the_terminal(tmp_path) -> None:
    folder = folder_with(tmp_path, "escape-convoy", with_escape_in_name)
    result = play(tmp_path, folder, "--scenario", "escape-convoy", "--json")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "could not be loaded (escape-convoy.yaml)" in result.output
    # Nothing was created for it, and the shipped scenarios still play.
    shipped = play(tmp_path, folder, "--json", text="What happened at the bridge?\n")
    assert shipped.exit_code == 0, shipped.output
    assert json.loads(shipped.stdout)["scenario"] == "checkpoint-convoy"
    assert "\x1b" not in shipped.output


def test_validate_names_the_field_with_the_control_character(tmp_path) -> None:
    folder = folder_with(tmp_path, "escape-convoy", with_escape_in_name)
    result = CliRunner().invoke(main, ["scenarios", "validate", str(folder)])
    assert result.exit_code == 1
    assert "persona.name: contains the control character U+001B" in result.output
    assert "\x1b" not in result.output
