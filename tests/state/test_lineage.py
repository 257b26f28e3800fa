"""Branches in the SQLite store: stored whole or not at all, exported with their lineage,
forgotten and purged with their parent."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from state.errors import DuplicateSession, UnknownSession
from state.export import collect
from state.privacy import forget, purge
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn, populate

NOW = datetime(2026, 4, 1, tzinfo=UTC)


def _branch(store: SqliteStore, sid: str, parent: str, at: int, **extra: object) -> None:
    kept = [
        dataclasses.replace(t, session_id=sid, message_id=None) for t in store.turns(parent)[:at]
    ]
    store.create_branch(make_session(sid, parent_id=parent, branch_at=at, **extra), kept, [])


@pytest.fixture
def filled(store: SqliteStore) -> SqliteStore:
    populate(store)
    _branch(store, "b1", "s1", 2, created_at="2026-01-05T00:00:00+00:00")
    _branch(store, "b2", "b1", 1, created_at="2026-01-06T00:00:00+00:00")
    return store


def test_a_branch_is_stored_whole_or_not_at_all(filled: SqliteStore) -> None:
    with pytest.raises(UnknownSession):
        _branch(filled, "b9", "nope", 0)
    with pytest.raises(DuplicateSession):
        filled.create_branch(make_session("b1", parent_id="s1"), [make_turn(0, "b1")], [])
    assert filled.get_session("b9") is None
    assert len(filled.turns("b1")) == 2


def test_exports_name_each_branchs_parent_and_branch_point(filled: SqliteStore) -> None:
    sessions, turns = collect(filled)
    lineage = {s["session_id"]: (s["parent_id"], s["branch_at"]) for s in sessions}
    assert lineage == {"s1": ("", 0), "s2": ("", 0), "b1": ("s1", 2), "b2": ("b1", 1)}
    assert [t["index"] for t in turns if t["session_id"] == "b1"] == [0, 1]


def test_forget_removes_branches_with_their_parents_owner(filled: SqliteStore) -> None:
    # A branch owned by someone else (e.g. a facilitator's demonstration) goes too.
    _branch(filled, "b3", "s1", 1, trainee="discord:2002")
    report = forget(filled, "discord:1001")
    assert (report.sessions_deleted, report.turns_deleted) == (4, 3 + 2 + 1 + 1)
    for gone in ("s1", "b1", "b2", "b3"):
        assert filled.get_session(gone) is None and filled.turns(gone) == []
    assert filled.get_session("s2") is not None


def test_purge_keeps_a_stale_session_while_a_branch_of_it_is_active(
    filled: SqliteStore,
) -> None:
    _branch(filled, "b4", "b1", 2, created_at="2026-03-30T00:00:00+00:00")
    # b2 (a stale sibling of b4) goes; s1 and b1, ancestors of the active b4, stay.
    report = purge(filled, 45, now=NOW)
    assert (report.sessions_deleted, report.turns_deleted) == (1, 1)
    assert filled.get_session("b2") is None
    assert all(filled.get_session(s) is not None for s in ("s1", "b1", "b4"))
    # Once the whole lineage is stale, it goes together (with s2, stale by then too).
    later = datetime(2026, 6, 1, tzinfo=UTC)
    report = purge(filled, 45, now=later)
    assert (report.sessions_deleted, report.turns_deleted) == (4, 3 + 2 + 2 + 2)
    assert all(filled.get_session(s) is None for s in ("s1", "b1", "b4", "s2"))
