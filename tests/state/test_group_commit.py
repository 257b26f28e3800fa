"""Group commit: concurrent writes share one transaction (one fsync), each still durable
before its caller returns, and one refused write does not sink the others."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from dialogues.ports import DuplicateMessage
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn


def _wait_for(condition: Any, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the writers to queue"
        time.sleep(0.005)


def _queued_behind_a_held_commit(store: SqliteStore, writers: list[threading.Thread]) -> None:
    """Start `writers` while a leader holds the store's commit open, wait until every one of
    them is queued, then let the leader commit and wait for all of them to finish."""
    release = threading.Event()
    leader = threading.Thread(target=store.transact, args=(lambda db: release.wait(10),))
    leader.start()
    _wait_for(lambda: store._commits._leading)
    for thread in writers:
        thread.start()
    _wait_for(lambda: len(store._commits._queue) == len(writers))
    release.set()
    for thread in [leader, *writers]:
        thread.join(10)


def test_writes_queued_during_a_commit_share_the_next_one(
    store: SqliteStore, db_path: Path
) -> None:
    sessions = [make_session(f"s{i}", trainee=f"discord:{i}") for i in range(11)]
    for session in sessions:
        store.create_session(session)
    before = store._commits.commits
    seen: dict[str, int] = {}
    errors: list[BaseException] = []

    def play(i: int) -> None:
        try:
            store.record_turn(make_turn(0, f"s{i}", f"m-{i}"), sessions[i])
            # durable on return: another connection (another process, say) already sees it
            with sqlite3.connect(db_path) as other:
                seen[f"s{i}"] = other.execute(
                    "SELECT count(*) FROM turns WHERE session_id = ?", [f"s{i}"]
                ).fetchone()[0]
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)

    _queued_behind_a_held_commit(
        store, [threading.Thread(target=play, args=(i,)) for i in range(1, 11)]
    )
    assert errors == []
    assert store._commits.commits - before == 2  # the slow one alone, then all ten together
    assert seen == {f"s{i}": 1 for i in range(1, 11)}


def test_a_refused_write_in_a_group_fails_alone(store: SqliteStore) -> None:
    first, second = make_session("s1"), make_session("s2", trainee="discord:2")
    store.create_session(first)
    store.create_session(second)
    store.record_turn(make_turn(0, "s1", "dup"), first)
    outcomes: dict[str, Any] = {}

    def record(name: str, turn: Any, session: Any) -> None:
        try:
            store.record_turn(turn, session)
            outcomes[name] = "stored"
        except DuplicateMessage as exc:
            outcomes[name] = exc

    _queued_behind_a_held_commit(
        store,
        [
            threading.Thread(target=record, args=("again", make_turn(1, "s1", "dup"), first)),
            threading.Thread(target=record, args=("fresh", make_turn(0, "s2", "new"), second)),
        ],
    )
    assert isinstance(outcomes["again"], DuplicateMessage) and outcomes["fresh"] == "stored"
    assert [t.index for t in store.turns("s1")] == [0] and len(store.turns("s2")) == 1


def test_a_write_inside_a_write_runs_in_the_same_transaction(store: SqliteStore) -> None:
    store.create_session(make_session("s1"))
    pseudonym = store.transact(lambda db: store.set_display_name("discord:1001", "Ada"))
    assert pseudonym.startswith("u-")


@pytest.mark.parametrize("threads", [8])
def test_many_threads_lose_nothing(store: SqliteStore, threads: int) -> None:
    sessions = [make_session(f"s{i}", trainee=f"discord:{i}") for i in range(threads)]
    for session in sessions:
        store.create_session(session)

    def play(i: int) -> None:
        for n in range(5):
            store.record_turn(make_turn(n, f"s{i}", f"m-{i}-{n}"), sessions[i])

    workers = [threading.Thread(target=play, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert [len(store.turns(f"s{i}")) for i in range(threads)] == [5] * threads
    assert [t.index for t in store.turns("s0")] == [0, 1, 2, 3, 4]
