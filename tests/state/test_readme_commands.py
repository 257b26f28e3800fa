"""Every review/export/privacy command the README shows exists, with the options shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SHOWN = [
    line.split("#")[0].strip()
    for line in README.splitlines()
    if re.match(r"parley (transcripts|export|forget|purge|override|report)\b", line)
]


def test_the_readme_shows_the_commands() -> None:
    assert len(SHOWN) >= 9


@pytest.mark.parametrize("line", SHOWN)
def test_each_shown_command_and_option_exists(line: str) -> None:
    words = line.split()[1:]
    path = [w for w in re.split(r"\s+", " ".join(words)) if re.fullmatch(r"[a-z]+", w)][:2]
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    for option in re.findall(r"--[a-z-]+", line):
        assert option in result.output, (line, option)
