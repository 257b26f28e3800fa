"""`forget` erases for real in every interleaving the tests can produce: the words leave the
database file, its write-ahead log and the full-text index, or the command says it could not
finish yet and the next run finishes it."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.cli._context import settings
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
    # Asked again while the reader is still open: unknown now, and not yet erased.
    again = CliRunner().invoke(main, ["forget", "discord:1001", "--yes", "--db", str(db)])
    assert again.exit_code == 1
    assert "no user 'discord:1001' in the store, but an earlier erasure is not complete: " in (
        again.output
    )
    reader.rollback()
    reader.close()
    SqliteStore(db).close()  # any Parley command that opens the file for writing
    assert SECRET not in _on_disk(db)
    assert _pending(db) == []


# The real command in a child process, paused at one step of the erasure job (the deletion
# is committed by then): it says so on stdout and blocks until the test kills it. The pause
# exists only in this child; Parley itself has no test hook.
_PAUSED_FORGET = """
import sys
import state.erasure as erasure
from bot.cli import main

def pause(store):
    print("paused", flush=True)
    sys.stdin.read()  # killed here

setattr(erasure, sys.argv[1], pause)
main(sys.argv[2:])
"""


@pytest.mark.parametrize(
    "step",
    [
        "merge_index",  # after the deletion, before the index merge
        "checkpoint",  # after the index merge, before the WAL checkpoint
    ],
)
def test_killed_by_sigkill_mid_erasure_the_next_forget_finishes_it(db: Path, step: str) -> None:
    command = [sys.executable, "-c", _PAUSED_FORGET, step]
    args = ["forget", "discord:1001", "--yes", "--db", str(db)]
    with subprocess.Popen(
        command + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        child.kill()  # SIGKILL: no cleanup, no atexit, the WAL left as it is
        _, err = child.communicate(timeout=30)
    assert line == b"paused\n", err.decode()
    assert child.returncode == -signal.SIGKILL
    assert SECRET in _on_disk(db)  # the interleaving is real: deleted, not yet erased
    assert _pending(db) == [("forget",)]
    # A read command reads fine but cannot finish it: it never writes.
    assert CliRunner().invoke(main, ["transcripts", "list", "--db", str(db)]).exit_code == 0
    assert _pending(db) == [("forget",)]

    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    said = " ".join(again.output.split())  # as one line, however the console wrapped it
    assert "Finished 1 erasure(s) an earlier run left unfinished" in said
    assert "no user discord:1001 remains in the store" in said
    assert SECRET not in _on_disk(db)  # not in the file, its WAL or the index's pages
    assert _pending(db) == []
    with SqliteStore(db, read_only=True) as store:
        assert search_turns(store, "commander") == []
        # The index's own segments, read as stored (FTS5 keeps them as blobs).
        blocks = store.db.execute("SELECT block FROM turns_fts_data").fetchall()
        assert blocks and not any(SECRET in bytes(block) for (block,) in blocks)
    # Once finished, the same request is an unknown user again.
    third = CliRunner().invoke(main, args)
    assert third.exit_code == 1 and "no user 'discord:1001'" in third.output


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
