"""Every store read of an interaction or message handler runs on the store thread.

The store is SQLite: a read waits whenever another program holds the write lock, and on the
event loop that wait would freeze every server. So the test store records the thread of
each use of a connection, and a whole round of use (turns, the end and its debrief, the
Debrief button, a retry and its comparison, /transcript, /progress, /report, /session
status) must leave only the store thread in that record.
"""

from __future__ import annotations

import threading

import pytest
from sqlite_utils import Database

from state.store import SqliteStore
from tests.bot.helpers import say, start_session

AGREEMENT = ("I hear you are worried.", "What matters most to you?", "Let's try one truck.")


class ThreadRecordingStore(SqliteStore):
    """The SQLite store, noting which threads use its connections."""

    def __init__(self, *args, **kwargs) -> None:
        self.threads: set[str] = set()  # cleared by the test once the bot has started
        super().__init__(*args, **kwargs)

    @property
    def db(self) -> Database:
        self.threads.add(threading.current_thread().name)
        return super().db


@pytest.fixture
def store(tmp_path):
    store = ThreadRecordingStore(tmp_path / "parley.db")
    yield store
    store.close()


async def test_handlers_read_the_store_only_on_the_store_thread(world, store):
    store.threads.clear()
    thread, session_id = await start_session(world)
    await say(world, thread, *AGREEMENT)
    debrief = thread.history()[-1]
    assert debrief.embeds[0].title.startswith("Debrief")

    pressed = await world.trainee.click(
        thread.history()[0], custom_id=f"parley:debrief:{session_id}"
    )
    assert pressed.response.embeds[0].title.startswith("Debrief")
    transcript = await world.trainee.slash(world.channel, "transcript", session=session_id)
    assert transcript.response.attachments
    retried = await world.trainee.click(debrief, custom_id=f"parley:retry:{session_id}:2")
    assert "Trying again" in retried.response.content
    branch_thread = world.channel.threads[-1]
    await world.trainee.send(branch_thread, "Open it now or else.")
    await world.facilitator.slash(branch_thread, "session status")
    await world.facilitator.slash(branch_thread, "session end")
    compared = branch_thread.history()[-1].embeds
    assert [e.title.split(" ·")[0] for e in compared] == [
        "Debrief",
        "Compared with the earlier try",
    ]
    progress = await world.trainee.slash(world.channel, "progress")
    report = await world.coordinator.slash(world.channel, "report")
    assert progress.response.embeds and report.response.embeds

    assert store.threads, "the store was never used"
    assert {name.split("_")[0] for name in store.threads} == {"parley-store"}, store.threads
