"""Forgetting a person and purging old sessions remove the data for real."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from state.export import collect
from state.overrides import override_turn
from state.privacy import UnknownUser, forget, purge
from state.search import search_turns
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn, populate


@pytest.fixture
def filled(store: SqliteStore) -> SqliteStore:
    populate(store)
    return store


def _file_bytes(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_forget_deletes_a_persons_sessions_and_identity(filled: SqliteStore, db_path: Path) -> None:
    pseudonym = collect(filled)[0][0]["user"]
    override_turn(filled, "s1", 0, who="discord:2002", why="check", codes=["paraphrase"])
    report = forget(filled, "discord:1001")
    assert report.user == pseudonym
    assert (report.sessions_deleted, report.turns_deleted, report.overrides_deleted) == (1, 3, 1)
    assert report.identity_removed
    assert filled.get_session("s1") is None and filled.turns("s1") == []
    assert search_turns(filled, "exhausted commander") == []
    assert [s["session_id"] for s in collect(filled)[0]] == ["s2"]  # others untouched
    assert len(filled.turns("s2")) == 2
    data = _file_bytes(db_path)
    for gone in (b"discord:1001", b"Ada Lovelace", b"exhausted, commander", pseudonym.encode()):
        assert gone not in data, gone


def test_forget_by_pseudonym_works_too(filled: SqliteStore) -> None:
    pseudonym = collect(filled)[0][1]["user"]
    assert forget(filled, pseudonym).sessions_deleted == 1
    assert filled.get_session("s2") is None


def test_a_forgotten_persons_messages_in_other_sessions_are_redacted(
    filled: SqliteStore,
) -> None:
    session = filled.get_session("s1")
    assert session is not None
    filled.record_turn(
        make_turn(3, "s1", "msg-x", author="discord:3003", text="Bob cut in"), session
    )
    report = forget(filled, "discord:3003")
    assert report.turns_redacted == 1
    cut_in = filled.turns("s1")[3]
    assert cut_in.text == "[removed]" and cut_in.author == "" and cut_in.message_id is None


def test_pseudonymise_keeps_transcripts_but_not_who(filled: SqliteStore, db_path: Path) -> None:
    pseudonym = collect(filled)[0][0]["user"]
    report = forget(filled, "discord:1001", mode="pseudonymise")
    assert report.sessions_pseudonymised == 1 and report.message_ids_cleared == 3
    assert report.open_sessions_ended == 1  # no ids left to resume or deduplicate it by
    session = filled.get_session("s1")
    assert session is not None and session.trainee == pseudonym and session.channel_id == ""
    assert (session.status, session.outcome) == ("ended", "ended") and session.ended_at
    assert len(filled.turns("s1")) == 3
    assert all(t.author == pseudonym and t.message_id is None for t in filled.turns("s1"))
    data = _file_bytes(db_path)
    assert b"discord:1001" not in data and b"Ada Lovelace" not in data
    # The same Discord account coming back is a new, unlinked person.
    filled.create_session(make_session("s3"))
    assert collect(filled)[0][-1]["user"] != pseudonym


def test_forgetting_nobody_is_a_clear_error(filled: SqliteStore) -> None:
    with pytest.raises(UnknownUser, match="no user 'discord:9'"):
        forget(filled, "discord:9")
    with pytest.raises(ValueError, match="delete or pseudonymise"):
        forget(filled, "discord:1001", mode="shred")


NOW = datetime(2026, 4, 1, tzinfo=UTC)


def test_purge_deletes_sessions_inactive_past_retention(filled: SqliteStore) -> None:
    # s1's last turn: 2026-01-01; s2's: 2026-03-01. 45 days before April 1st: mid-February.
    dry = purge(filled, 45, now=NOW, dry_run=True)
    assert (dry.sessions_deleted, dry.turns_deleted, dry.dry_run) == (1, 3, True)
    assert filled.get_session("s1") is not None
    report = purge(filled, 45, now=NOW)
    assert (report.sessions_deleted, report.turns_deleted, report.users_deleted) == (1, 3, 1)
    assert filled.get_session("s1") is None and filled.get_session("s2") is not None
    # The facilitator is still referenced by s2; Ada, now unreferenced, is gone.
    assert collect(filled, identified=True)[0][0]["facilitator_external_id"] == "discord:2002"
    assert purge(filled, 45, now=NOW).sessions_deleted == 0


def test_purge_counts_recent_activity_not_the_start(filled: SqliteStore) -> None:
    session = filled.get_session("s1")
    assert session is not None
    late = make_turn(3, "s1", "late")
    late.created_at = "2026-03-30T00:00:00+00:00"
    filled.record_turn(late, session)
    assert purge(filled, 45, now=NOW).sessions_deleted == 0


def test_forgetting_a_facilitator_keeps_the_trainees_sessions(filled: SqliteStore) -> None:
    report = forget(filled, "discord:2002")
    assert report.sessions_deleted == 0
    session = filled.get_session("s1")
    assert session is not None and session.facilitator == ""
    assert len(filled.turns("s1")) == 3
