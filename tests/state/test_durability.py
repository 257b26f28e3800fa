"""A turn is stored once, whole, durably; busy files are waited for, then reported."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dialogues.ports import DuplicateMessage
from state.errors import SessionConflict, StoreBusy, UnknownSession
from state.migrations import MIGRATION_NAMES, MIGRATIONS_TABLE
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn

ROOT = Path(__file__).resolve().parents[2]


def test_a_duplicate_message_id_stores_nothing_even_from_another_connection(
    db_path: Path,
) -> None:
    with SqliteStore(db_path) as first, SqliteStore(db_path) as second:
        session = make_session()
        first.create_session(session)
        first.record_turn(make_turn(0, message_id="m0"), session)
        with pytest.raises(DuplicateMessage):
            second.record_turn(
                make_turn(1, message_id="m0"), dataclasses.replace(session, status="ended")
            )
        assert len(second.turns("s1")) == 1
        assert first.get_session("s1") == session


def test_turn_and_session_are_one_transaction(store: SqliteStore) -> None:
    """If the session update fails, the turn is not stored either."""
    store.create_session(make_session())
    with pytest.raises(UnknownSession):
        store.record_turn(make_turn(0, message_id="m0"), make_session("not-this-one"))
    assert store.turns("s1") == []
    assert store.turn_for_message("m0") is None


def test_a_stale_writer_cannot_overwrite_a_stored_turn(store: SqliteStore) -> None:
    session = make_session()
    store.create_session(session)
    store.record_turn(make_turn(0, message_id="a"), session)
    with pytest.raises(SessionConflict, match="reload the session"):
        store.record_turn(make_turn(0, message_id="b"), session)
    assert [t.message_id for t in store.turns("s1")] == ["a"]


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO guilds VALUES ('held', 'now')")
    return holder


def test_a_locked_database_is_reported_clearly_after_a_bounded_wait(db_path: Path) -> None:
    with SqliteStore(db_path, busy_timeout=0.2, retries=2) as store:
        session = make_session()
        store.create_session(session)
        holder = _hold_write_lock(db_path)
        try:
            started = time.monotonic()
            with pytest.raises(StoreBusy, match=r"locked by another program.*try again"):
                store.record_turn(make_turn(0, message_id="m0"), session)
            waited = time.monotonic() - started
            assert 0.35 <= waited < 3.0
            # Reads are not blocked by a writer in WAL mode.
            assert store.get_session("s1") == session
        finally:
            holder.rollback()
            holder.close()
        store.record_turn(make_turn(0, message_id="m0"), session)  # nothing half-written
        assert [t.message_id for t in store.turns("s1")] == ["m0"]


def test_a_write_waits_for_a_lock_that_is_released_in_time(db_path: Path) -> None:
    with SqliteStore(db_path, busy_timeout=3.0) as store:
        session = make_session()
        store.create_session(session)
        holder = _hold_write_lock(db_path)
        release = threading.Timer(0.3, holder.rollback)
        release.start()
        try:
            store.record_turn(make_turn(0, message_id="m0"), session)
        finally:
            release.join()
            holder.close()
        assert len(store.turns("s1")) == 1


def _write_turns(store: SqliteStore, worker: str, count: int) -> None:
    """Append `count` turns to session s1, re-reading the index after a conflict."""
    session = make_session()
    for n in range(count):
        while True:
            index = len(store.turns("s1"))
            try:
                store.record_turn(make_turn(index, message_id=f"{worker}-{n}"), session)
                break
            except SessionConflict:
                continue


def test_threads_writing_one_session_lose_no_turns(db_path: Path) -> None:
    with SqliteStore(db_path, busy_timeout=5.0) as store:
        store.create_session(make_session())
        workers = [
            threading.Thread(target=_write_turns, args=(store, f"t{i}", 15)) for i in range(4)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        turns = store.turns("s1")
    assert [t.index for t in turns] == list(range(60))
    assert {t.message_id for t in turns} == {f"t{i}-{n}" for i in range(4) for n in range(15)}


def _process_writer(path: str, worker: str, count: int) -> None:
    with SqliteStore(path, busy_timeout=5.0) as store:
        _write_turns(store, worker, count)


@pytest.mark.slow
def test_processes_writing_one_session_lose_no_turns(db_path: Path) -> None:
    with SqliteStore(db_path) as store:
        store.create_session(make_session())
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_process_writer, args=(str(db_path), f"p{i}", 15)) for i in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    with SqliteStore(db_path) as store:
        turns = store.turns("s1")
    assert [t.index for t in turns] == list(range(45))
    assert len({t.message_id for t in turns}) == 45


WRITER = """
import sys, dataclasses
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn
store = SqliteStore(sys.argv[1])
session = make_session()
store.create_session(session)
for i in range(100000):
    after = dataclasses.replace(session, counterpart={"state": "guarded", "turns": i + 1})
    store.record_turn(make_turn(i, message_id=f"m{i}", text="word " * 200), after)
    print(f"m{i}", flush=True)  # acknowledged: the front end would now send the reply
"""


@pytest.mark.slow
def test_a_writer_killed_mid_stream_leaves_a_consistent_file(db_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    acknowledged = [child.stdout.readline().strip() for _ in range(40)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        raw.execute("INSERT INTO turns_fts (turns_fts) VALUES ('integrity-check')")
    with SqliteStore(db_path) as store:
        turns = store.turns("s1")
        session = store.get_session("s1")
    stored = {t.message_id for t in turns}
    assert set(acknowledged) <= stored  # every acknowledged turn survived the kill
    assert [t.index for t in turns] == list(range(len(turns)))
    assert session is not None
    assert session.counterpart["turns"] == len(turns)  # turn and snapshot moved together


def _open_and_write(path: str, worker: str) -> None:
    with SqliteStore(path, busy_timeout=5.0) as store:
        store.create_session(make_session(worker))
        store.record_turn(make_turn(0, worker, f"{worker}-m"), make_session(worker))


@pytest.mark.slow
def test_processes_opening_a_fresh_file_at_once_migrate_it_once(db_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_open_and_write, args=(str(db_path), f"w{i}")) for i in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    with SqliteStore(db_path) as store:
        assert sorted(s.id for s in store.open_sessions()) == ["w0", "w1", "w2", "w3"]
        assert store.db[MIGRATIONS_TABLE].count == len(MIGRATION_NAMES)  # each applied once
