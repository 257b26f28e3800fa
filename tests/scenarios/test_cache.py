"""The scenario cache: unchanged files are not parsed again, edits and damage are not hidden."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from dialogues.catalogue import BUILTIN_DIR
from tests.scenarios.conftest import SHIPPED

pytestmark = pytest.mark.usefixtures("fresh_settings")


def listed(cache: Path, folder: Path | None = None) -> Result:
    env = {"PARLEY_SCENARIO_CACHE": str(cache)}
    if folder is not None:
        env["PARLEY_SCENARIO_DIRS"] = str(folder)
    return CliRunner().invoke(main, ["scenarios", "list"], env=env, terminal_width=200)


def test_a_second_listing_reads_the_cache_and_shows_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = listed(cache)
    assert first.exit_code == 0, first.output
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == len(SHIPPED)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700  # nobody else can plant an entry
    second = listed(cache)
    assert second.exit_code == 0 and second.output == first.output


def test_an_edited_file_is_parsed_anew(tmp_path: Path) -> None:
    cache, folder = tmp_path / "cache", tmp_path / "custom"
    folder.mkdir()
    text = (BUILTIN_DIR / "checkpoint-convoy.yaml").read_text(encoding="utf-8")
    text = text.replace("id: checkpoint-convoy", "id: river-ferry", 1)
    draft = folder / "river-ferry.yaml"
    draft.write_text(text.replace("title: The convoy at Kessa bridge", "title: Old title", 1))
    assert "Old title" in listed(cache, folder).output
    draft.write_text(text.replace("title: The convoy at Kessa bridge", "title: New title", 1))
    result = listed(cache, folder)
    assert "New title" in result.output and "Old title" not in result.output
    # A broken edit is reported as broken, not served from the entry of its last good text.
    draft.write_text(text.replace("initial:", "initial: [", 1))
    result = listed(cache, folder)
    assert "river-ferry.yaml: line 68: not valid YAML" in result.output
    assert not any(line.startswith("river-ferry\t") for line in result.output.splitlines())


def test_a_damaged_or_tampered_entry_is_never_trusted(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = listed(cache).output
    entries = sorted(cache.glob("*.json"))
    entries[0].write_text("{not json")
    entries[1].write_text('{"id": "x"}')  # JSON, but not a scenario: parsed from its file
    entries[2].unlink()
    os.mkfifo(entries[2])  # must not hang the read
    result = listed(cache)
    assert result.exit_code == 0, result.output
    assert result.output == expected


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    result = listed(blocked / "scenarios")
    assert result.exit_code == 0, result.output
    assert all(scenario_id in result.output for scenario_id in SHIPPED)
