"""Exports: documented columns, pseudonymised by default, identified only when asked."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from state.export import collect, columns, render, to_csv, write_files
from state.overrides import override_turn
from state.store import SqliteStore
from tests.state.conftest import IDENTIFYING, make_session, make_turn, populate

DOC = Path(__file__).resolve().parents[2] / "docs" / "export-columns.md"


@pytest.fixture
def filled(store: SqliteStore) -> SqliteStore:
    populate(store)
    return store


def test_json_has_sessions_and_turns_with_the_documented_columns(filled: SqliteStore) -> None:
    sessions, turns = collect(filled)
    data = json.loads(render(sessions, turns, "json", identified=False))
    assert set(data) == {"sessions", "turns"}
    assert [s["session_id"] for s in data["sessions"]] == ["s1", "s2"]
    assert len(data["turns"]) == 5
    assert all(list(s) == columns("sessions", False) for s in data["sessions"])
    assert all(list(t) == columns("turns", False) for t in data["turns"])
    first = data["turns"][0]
    assert first["codes"] == ["emotion_label", "threat"]
    assert first["active_listening"] == 3.0 and first["penalties"] == -5.0
    assert first["total"] == -2.0
    assert data["sessions"][0]["turns"] == 3 and data["sessions"][0]["total"] == -6.0


@pytest.mark.parametrize("identified", [False, True])
def test_every_exported_column_is_documented(filled: SqliteStore, identified: bool) -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text(), re.MULTILINE))
    assert set(columns("sessions", identified)) <= documented
    assert set(columns("turns", identified)) <= documented


def test_pseudonymised_exports_contain_no_identifying_data(filled: SqliteStore) -> None:
    sessions, turns = collect(filled)
    for fmt in ("json", "csv"):
        text = render(sessions, turns, fmt, identified=False)
        for secret in IDENTIFYING:
            assert secret not in text, (fmt, secret)


def test_pseudonyms_are_stable_per_person(filled: SqliteStore) -> None:
    sessions, turns = collect(filled)
    again, _ = collect(filled)
    assert [s["user"] for s in sessions] == [s["user"] for s in again]
    assert sessions[0]["user"] != sessions[1]["user"]
    assert all(re.fullmatch(r"u-[0-9a-f]{12}", s["user"]) for s in sessions)
    assert {t["user"] for t in turns if t["session_id"] == "s1"} == {sessions[0]["user"]}


def test_identified_exports_name_people(filled: SqliteStore) -> None:
    sessions, turns = collect(filled, identified=True)
    assert sessions[0]["user_external_id"] == "discord:1001"
    assert sessions[0]["user_name"] == "Ada Lovelace"
    assert sessions[0]["facilitator_external_id"] == "discord:2002"
    assert sessions[1]["channel_id"] == "thread-777"
    assert turns[0]["message_id"] == "msg-1-0"
    assert turns[3]["user_external_id"] == "discord:3003"


def test_filters_by_date_and_scenario(filled: SqliteStore) -> None:
    assert [s["session_id"] for s in collect(filled, since="2026-02-01")[0]] == ["s2"]
    assert [s["session_id"] for s in collect(filled, scenario="checkpoint-convoy")[0]] == ["s1"]
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        collect(filled, since="last tuesday")


def test_csv_is_one_row_per_turn_with_lists_joined(filled: SqliteStore) -> None:
    sessions, turns = collect(filled)
    rows = list(csv.DictReader(io.StringIO(render(sessions, turns, "csv", identified=False))))
    assert len(rows) == 5
    assert rows[0]["codes"] == "emotion_label;threat"
    assert rows[0]["overridden"] == "false"
    assert rows[3]["text"] == "Bob speaks 0"


def test_files_in_a_folder(filled: SqliteStore, tmp_path: Path) -> None:
    sessions, turns = collect(filled)
    for fmt in ("json", "csv"):
        written = write_files(tmp_path / "out", sessions, turns, fmt, identified=False)
        assert [p.name for p in written] == [f"sessions.{fmt}", f"turns.{fmt}"]
    assert len(json.loads((tmp_path / "out" / "sessions.json").read_text())) == 2
    assert len(list(csv.DictReader((tmp_path / "out" / "turns.csv").open()))) == 5


def test_exports_use_corrected_scores(filled: SqliteStore) -> None:
    override_turn(filled, "s1", 0, who="coord", why="not a threat", codes=["emotion_label"])
    sessions, turns = collect(filled)
    assert turns[0]["codes"] == ["emotion_label"]
    assert turns[0]["penalties"] == 0.0 and turns[0]["overridden"] is True
    assert sessions[0]["overridden"] is True
    assert sessions[0]["total"] == -1.0


def test_csv_defuses_spreadsheet_formulas_in_free_text(store: SqliteStore) -> None:
    from tests.state.conftest import make_session, make_turn

    store.create_session(make_session())
    store.record_turn(make_turn(0, text='=HYPERLINK("http://evil","click")'), make_session())
    sessions, turns = collect(store)
    (row,) = csv.DictReader(io.StringIO(render(sessions, turns, "csv", identified=False)))
    assert row["text"] == '\'=HYPERLINK("http://evil","click")'
    assert row["penalties"] == "-5.0"  # numbers are left alone
    assert turns[0]["text"].startswith("=")  # JSON keeps the text exactly


def test_csv_defuses_formulas_in_names_and_ids_too(store: SqliteStore) -> None:
    from tests.state.conftest import make_session, make_turn

    # A terminal trainee's name is their id; a Discord display name can be anything.
    session = make_session(trainee="=cmd|' /C calc'!A0", facilitator="@SUM(1+1)")
    store.create_session(session)
    store.record_turn(make_turn(0, author="=cmd|' /C calc'!A0"), session)
    store.set_display_name("=cmd|' /C calc'!A0", "+evil()")
    sessions, turns = collect(store, identified=True)
    cells = [
        *csv.DictReader(io.StringIO(to_csv(sessions, columns("sessions", True)))),
        *csv.DictReader(io.StringIO(to_csv(turns, columns("turns", True)))),
    ]
    risky = [
        value
        for row in cells
        for value in row.values()
        if value.startswith(tuple("=+-@\t\r")) and not re.fullmatch(r"-?\d+(\.\d+)?", value)
    ]
    assert risky == [] and cells[0]["user_external_id"] == "'=cmd|' /C calc'!A0"


def test_one_server_or_one_session_gets_only_their_turns(filled: SqliteStore) -> None:
    other = make_session("s9", guild_id="g-999", channel_id="thread-999")
    filled.create_session(other)
    filled.record_turn(make_turn(0, "s9", "msg-9-0"), other)
    sessions, turns = collect(filled, guild_id="g-999")
    assert [s["session_id"] for s in sessions] == ["s9"]
    assert [(t["session_id"], t["turn"]) for t in turns] == [("s9", 1)]
    [only], turns = collect(filled, session_id="s1")
    assert only["session_id"] == "s1" and [t["turn"] for t in turns] == [1, 2, 3]
