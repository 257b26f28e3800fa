"""`parley export --out DIR` writes whole files or none, and never writes through a link."""

from __future__ import annotations

import errno
import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.cli._context import settings
from state.store import SqliteStore
from tests.state.conftest import populate

# `bot.cli.export` the attribute is the click command; the module is what is patched.
export_cli = importlib.import_module("bot.cli.export")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with SqliteStore(path) as store:
        populate(store)
    settings.cache_clear()
    return path


def export(db: Path, out: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(out), *extra])


def test_an_export_replaces_a_symlink_instead_of_writing_through_it(
    db: Path, tmp_path: Path
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("do not touch")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sessions.json").symlink_to(precious)
    result = export(db, out)
    assert result.exit_code == 0, result.output
    assert precious.read_text() == "do not touch"
    assert not (out / "sessions.json").is_symlink()
    sessions = json.loads((out / "sessions.json").read_text())
    assert [s["session_id"] for s in sessions] == ["s1", "s2"]
    assert "skill_overall" in sessions[0]
    assert len(json.loads((out / "turns.json").read_text())) == 5


def test_a_failed_export_leaves_no_half_file_and_keeps_the_old_ones(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "sessions.csv").write_text("yesterday's export")
    real = export_cli.turn_rows

    def disk_fills_up(*args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        rows = real(*args, **kwargs)
        yield next(rows)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_cli, "turn_rows", disk_fills_up)
    result = export(db, out, "--format", "csv")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: cannot write to {out}: No space left on device; nothing was written"
    ]
    assert sorted(p.name for p in out.iterdir()) == ["sessions.csv"]
    assert (out / "sessions.csv").read_text() == "yesterday's export"
