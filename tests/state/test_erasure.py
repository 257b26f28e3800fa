"""`forget` erases for real in every interleaving the tests can produce: the words leave the
database file, its write-ahead log and the full-text index, or the command says it could not
finish yet and the next run finishes it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import state.erasure as erasure
from bot.cli import main
from bot.cli._context import settings
from state.privacy import forget
from state.search import search_turns
from state.store import SqliteStore
from tests.state.conftest import make_turn, populate

SECRET = b"commander"  # in every one of discord:1001's messages, in the text and the index


def _on_disk(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _pending(path: Path) -> list[Any]:
    with SqliteStore(path, read_only=True) as store:
        return store.db.execute("SELECT kind FROM erasures WHERE finished_at IS NULL").fetchall()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARLEY_BUSY_TIMEOUT", "0.2")
    settings.cache_clear()
    path = tmp_path / "p.db"
    with SqliteStore(path) as store:
        populate(store)
        session = store.get_session("s2")
        assert session is not None
        # one of Ada's messages in Bob's session: redacted, not deleted
        store.record_turn(make_turn(2, "s2", "m-x", text="commander cut-in"), session)
    yield path
    settings.cache_clear()


def test_a_plain_forget_leaves_no_trace_and_finishes_its_job(db: Path) -> None:
    result = CliRunner().invoke(main, ["forget", "discord:1001", "--yes", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert SECRET not in _on_disk(db)
    assert _pending(db) == []


def test_an_open_reader_is_reported_and_the_next_run_finishes_the_erasure(db: Path) -> None:
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM turns").fetchone() == (6,)  # snapshot held
    result = CliRunner().invoke(
        main, ["forget", "discord:1001", "--yes", "--json", "--db", str(db)]
    )
    assert result.exit_code == 1
    report = json.loads(result.output.splitlines()[0])
    assert report["complete"] is False and report["sessions_deleted"] == 1
    assert "erasure not complete: another program still has" in result.output
    # Gone from every query at once; still on disk only because the reader's snapshot is.
    with SqliteStore(db, read_only=True) as store:
        assert search_turns(store, "commander") == []
    assert _pending(db) == [("forget",)]
    reader.rollback()
    reader.close()
    SqliteStore(db).close()  # any Parley command that opens the file for writing
    assert SECRET not in _on_disk(db)
    assert _pending(db) == []


def test_killed_between_deletion_and_compaction_the_next_open_finishes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(store: SqliteStore) -> erasure.ErasureStatus:
        raise KeyboardInterrupt  # the process stops right after the deletion committed

    store = SqliteStore(db)
    with monkeypatch.context() as patch:
        patch.setattr(erasure, "finish_pending", killed)
        with pytest.raises(KeyboardInterrupt):
            forget(store, "discord:1001")
    store.close()
    assert SECRET in _on_disk(db)  # the interleaving is real: deleted, not yet compacted
    assert _pending(db) == [("forget",)]
    # A read command reads fine but cannot finish it: it never writes.
    assert CliRunner().invoke(main, ["transcripts", "list", "--db", str(db)]).exit_code == 0
    assert _pending(db) == [("forget",)]
    SqliteStore(db).close()
    assert SECRET not in _on_disk(db)
    assert _pending(db) == []
    # A second forget says the person is unknown: their erasure is recorded and done.
    again = CliRunner().invoke(main, ["forget", "discord:1001", "--yes", "--db", str(db)])
    assert again.exit_code == 1 and "no user 'discord:1001'" in again.output


def test_forget_cost_follows_what_it_deletes_not_the_tables_size(db: Path) -> None:
    """Every column that points at a person is indexed: erasing one searches no table."""
    with SqliteStore(db) as store:
        plans = [
            " ".join(r[-1] for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", ["u-x"]))
            for sql in (
                "SELECT 1 FROM sessions WHERE facilitator_id = ?",
                "SELECT 1 FROM events WHERE actor_id = ?",
                "SELECT 1 FROM score_overrides WHERE who_id = ?",
                "SELECT 1 FROM turns WHERE author_id = ?",
                "SELECT 1 FROM sessions WHERE user_id = ?",
            )
        ]
    assert all("USING" in plan and "INDEX" in plan for plan in plans), plans
