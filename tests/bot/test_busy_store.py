"""Another program holds the database's write lock: every interaction is still acknowledged.

A `parley forget` or `export` may hold SQLite's write lock for seconds. The bot acknowledges
each interaction before it touches the store, waits for the lock off the event loop, and
says clearly when the store stays busy. The lock is held here by a second connection, as
another process would, for only as long as each test needs.
"""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.errors import STORE_BUSY
from bot.exts.sessions._runner import BUSY_NOTICE, RETRY_SECONDS
from state.store import SqliteStore
from tests.bot.helpers import persona_messages, start_session


@pytest.fixture
def store(tmp_path, request):
    """The bot's SQLite store; `busy_timeout` (seconds per try, 2 tries) may be parametrised."""
    store = SqliteStore(
        tmp_path / "parley.db", busy_timeout=getattr(request, "param", 2.0), retries=2
    )
    yield store
    store.close()


GIVES_UP_QUICKLY = pytest.mark.parametrize("store", [0.05], indirect=True)


class WriteLock:
    """SQLite's write lock, taken by another connection (as another process would)."""

    def __init__(self, path: str):
        self.conn = sqlite3.connect(path, isolation_level=None)

    def __enter__(self) -> WriteLock:
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


async def _acknowledged_while_locked(env, lock: WriteLock, action):
    """Run `action` while `lock` is held; the lock is released once the interaction it
    started is acknowledged (or after a bound, so a broken bot fails instead of hanging).
    Returns whether it was acknowledged under the lock, and the action's result."""
    known = set(env.backend.interactions)
    task = asyncio.create_task(action)
    acknowledged = False
    for _ in range(300):
        new = [i for key, i in env.backend.interactions.items() if key not in known]
        if new and new[-1].responded:
            acknowledged = True
            break
        await asyncio.sleep(0.01)
    lock.release()
    return acknowledged, await task


async def test_interactions_are_acknowledged_while_another_program_writes(world, store):
    thread, session_id = await start_session(world)
    control = thread.history()[0]
    actions = [
        lambda: world.facilitator.slash(thread, "session pause"),
        lambda: world.facilitator.slash(thread, "session resume"),
        lambda: world.trainee.click(control, custom_id=f"parley:hint:{session_id}"),
        lambda: world.facilitator.slash(thread, "session end"),
    ]
    answers = []
    for action in actions:
        with WriteLock(store.path) as lock:
            acknowledged, result = await _acknowledged_while_locked(world.env, lock, action())
        assert acknowledged
        answers.append(result.response.content)
    assert answers[0] == "Paused."
    assert answers[1] == "Resumed."
    assert answers[2].startswith("💡")
    assert "ended" in answers[3]
    assert store.get_session(session_id).status == "ended"
    assert [e.kind for e in store.events(session_id)] == ["pause", "resume", "hint", "end"]


@GIVES_UP_QUICKLY
async def test_a_store_that_stays_busy_gets_a_clear_answer(world, store):
    thread, session_id = await start_session(world)
    with WriteLock(store.path):
        result = await world.facilitator.slash(thread, "session pause")
    assert result.ephemeral and result.response.content == STORE_BUSY
    assert store.get_session(session_id).status == "active"
    world.env.errors  # noqa: B018 - the refusal was logged


@GIVES_UP_QUICKLY
async def test_a_message_the_busy_store_could_not_keep_is_answered_later(world, store):
    thread, session_id = await start_session(world)
    with WriteLock(store.path):
        await world.trainee.send(thread, "I hear you are worried.")
        await world.trainee.send(thread, "What matters most to you?")
        assert store.turns(session_id) == []
        assert [m.content for m in thread.history()].count(BUSY_NOTICE) == 1
    await world.env.advance_time(RETRY_SECONDS)
    turns = store.turns(session_id)
    assert [t.text for t in turns] == ["I hear you are worried.", "What matters most to you?"]
    assert [m.content for m in persona_messages(thread)][1:] == [t.reply for t in turns]
