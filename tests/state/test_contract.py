"""The `SessionStore` contract, run against the SQLite store and the test fake alike.

If the fake drifts from the real store, service tests built on it would lie; this module
keeps both honest. SQLite-only guarantees (busy files, migrations) live in other modules.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from dialogues.memory_store import MemoryStore
from dialogues.ports import DuplicateMessage, EventRecord, SessionStore
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn


@pytest.fixture(params=["sqlite-file", "sqlite-memory", "fake"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SessionStore]:
    if request.param == "fake":
        yield MemoryStore()
        return
    path = tmp_path / "c.db" if request.param == "sqlite-file" else ":memory:"
    with SqliteStore(path) as store:
        yield store


def test_a_created_session_reads_back_unchanged(any_store: SessionStore) -> None:
    session = make_session()
    any_store.create_session(session)
    assert any_store.get_session("s1") == session
    assert any_store.get_session("nope") is None


def test_a_session_without_facilitator_or_guild_reads_back_unchanged(
    any_store: SessionStore,
) -> None:
    session = make_session(facilitator="", guild_id="", channel_id="", trainee="")
    any_store.create_session(session)
    assert any_store.get_session("s1") == session


def test_saving_a_session_persists_status_outcome_snapshot_and_end(
    any_store: SessionStore,
) -> None:
    session = make_session()
    any_store.create_session(session)
    changed = dataclasses.replace(
        session,
        status="ended",
        outcome="agreement",
        counterpart={"state": "agreement", "meters": {"trust": 80, "tension": 10, "heard": 90}},
        ended_at="2026-01-01T11:00:00+00:00",
    )
    any_store.save_session(changed)
    assert any_store.get_session("s1") == changed


def test_saving_a_session_persists_what_can_change_after_the_start(
    any_store: SessionStore,
) -> None:
    session = make_session()
    any_store.create_session(session)
    changed = dataclasses.replace(
        session,
        mode="assess",
        level="hard",
        facilitator="discord:9009",
        guild_id="g-200",
        channel_id="thread-999",
        opening="A new opening line.",
    )
    any_store.save_session(changed)
    assert any_store.get_session("s1") == changed


def test_a_turn_and_the_new_snapshot_are_stored_together(any_store: SessionStore) -> None:
    session = make_session()
    any_store.create_session(session)
    after = dataclasses.replace(session, counterpart={"state": "guarded", "meters": {}})
    turn = make_turn(0, message_id="m0")
    any_store.record_turn(turn, after)
    assert any_store.turns("s1") == [turn]
    assert any_store.get_session("s1") == after
    assert any_store.turn_for_message("m0") == turn
    assert any_store.turn_for_message("m-unknown") is None


def test_turns_come_back_in_order(any_store: SessionStore) -> None:
    session = make_session()
    any_store.create_session(session)
    turns = [make_turn(i, message_id=f"m{i}") for i in range(5)]
    for turn in turns:
        any_store.record_turn(turn, session)
    assert [t.index for t in any_store.turns("s1")] == [0, 1, 2, 3, 4]
    assert any_store.turns("s1") == turns
    assert any_store.turns("other") == []


def test_a_duplicate_message_raises_and_stores_nothing(any_store: SessionStore) -> None:
    session = make_session()
    any_store.create_session(session)
    any_store.record_turn(make_turn(0, message_id="m0"), session)
    changed = dataclasses.replace(session, status="ended", outcome="walkout")
    with pytest.raises(DuplicateMessage):
        any_store.record_turn(make_turn(1, message_id="m0", text="again"), changed)
    assert [t.text for t in any_store.turns("s1")] == [make_turn(0).text]
    assert any_store.get_session("s1") == session


def test_turns_without_a_message_id_are_all_kept(any_store: SessionStore) -> None:
    session = make_session()
    any_store.create_session(session)
    any_store.record_turn(make_turn(0), session)
    any_store.record_turn(make_turn(1), session)
    assert len(any_store.turns("s1")) == 2


def test_writes_to_an_unknown_session_are_refused(any_store: SessionStore) -> None:
    ghost = make_session("ghost")
    with pytest.raises(LookupError):
        any_store.record_turn(make_turn(0, sid="ghost"), ghost)
    with pytest.raises(LookupError):
        any_store.save_session(ghost)
    with pytest.raises(LookupError):
        any_store.record_event(EventRecord("ghost", "pause", "x"))
    assert any_store.get_session("ghost") is None


def test_a_session_id_is_created_once(any_store: SessionStore) -> None:
    any_store.create_session(make_session())
    with pytest.raises(ValueError, match="already exists"):
        any_store.create_session(make_session(status="ended"))
    assert any_store.get_session("s1") == make_session()


def test_events_are_kept_in_order_with_the_snapshot(any_store: SessionStore) -> None:
    session = make_session()
    any_store.create_session(session)
    paused = dataclasses.replace(session, status="paused")
    first = EventRecord("s1", "pause", "discord:2002", {}, "2026-01-01T10:05:00+00:00")
    second = EventRecord(
        "s1",
        "inject",
        "discord:2002",
        {"event": "shots", "reply": "Get down!"},
        "2026-01-01T10:06:00+00:00",
    )
    any_store.record_event(first, paused)
    any_store.record_event(second)
    assert any_store.events("s1") == [first, second]
    assert any_store.get_session("s1") == paused


def test_open_sessions_leave_out_ended_ones(any_store: SessionStore) -> None:
    any_store.create_session(make_session("a"))
    any_store.create_session(make_session("b", status="paused"))
    any_store.create_session(make_session("c", status="ended", outcome="walkout"))
    assert sorted(s.id for s in any_store.open_sessions()) == ["a", "b"]


def test_returned_records_are_copies(any_store: SessionStore) -> None:
    session = make_session()
    any_store.create_session(session)
    any_store.record_turn(make_turn(0, message_id="m0"), session)
    got = any_store.get_session("s1")
    assert got is not None
    got.counterpart["state"] = "tampered"
    any_store.turns("s1")[0].meters["trust"] = -1
    assert any_store.get_session("s1") == session
    assert any_store.turns("s1")[0].meters["trust"] == 12


def test_a_branch_reads_back_with_its_lineage_turns_and_events(any_store: SessionStore) -> None:
    parent = make_session()
    any_store.create_session(parent)
    for i in range(3):
        any_store.record_turn(make_turn(i, message_id=f"m{i}"), parent)
    branch = make_session("b1", parent_id="s1", branch_at=2, channel_id="")
    kept = [dataclasses.replace(t, session_id="b1", message_id=None) for t in any_store.turns("s1")]
    event = EventRecord("b1", "branch", "discord:1001", {"parent": "s1", "at": 2}, "2026-01-02")
    any_store.create_branch(branch, kept[:2], [event])
    assert any_store.get_session("b1") == branch
    assert any_store.get_session("s1") == parent  # no lineage: empty parent, 0 kept
    assert any_store.turns("b1") == kept[:2]
    assert any_store.events("b1") == [event]
