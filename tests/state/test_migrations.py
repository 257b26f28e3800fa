"""Upgrading works from a database file made by the first schema, and migrations are safe."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from state.errors import NewerSchema, StoreError
from state.migrations import FIRST, MIGRATION_NAMES, MIGRATIONS_TABLE, migrate
from state.overrides import override_turn, session_totals
from state.search import search_turns
from state.store import SqliteStore
from tests.state.conftest import make_turn

V1_SQL = Path(__file__).with_name("schema_v1.sql")


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [(name, " ".join(sql.split())) for name, sql in rows]


@pytest.fixture
def v1_file(tmp_path: Path) -> Path:
    """A database as the first release left it: schema v1 and one session with two turns."""
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL.read_text(encoding="utf-8"))
    stamp = "2026-01-01T10:00:00+00:00"
    conn.executescript(
        f"""
        INSERT INTO users VALUES ('u-old1', '{stamp}');
        INSERT INTO user_identities VALUES ('u-old1', 'discord:42', 'Ada', '{stamp}');
        INSERT INTO guilds VALUES ('g-1', '{stamp}');
        INSERT INTO sessions (id, guild_id, user_id, scenario_id, scenario_version, rubric,
            seed, mode, level, counterpart, opening, channel_id, created_at)
        VALUES ('old-session', 'g-1', 'u-old1', 'checkpoint-convoy', 1, '2026.1', 5, 'coach',
            'normal', '{{"state": "guarded", "meters": {{"trust": 30}}}}', 'Halt.', 't-9',
            '{stamp}');
        """
    )
    for turn in (
        make_turn(0, sid="old-session", message_id="m-old-0"),
        make_turn(1, sid="old-session"),
    ):
        conn.execute(
            "INSERT INTO turns (session_id, idx, author_id, text, codes, points, score, state, "
            "meters, reply, hint, message_id, created_at) "
            "VALUES (?, ?, 'u-old1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                turn.session_id,
                turn.index,
                turn.text + " Checkpoint-café",
                json.dumps(turn.score["codes"]),
                json.dumps(turn.score["points"]),
                json.dumps(turn.score),
                turn.state,
                json.dumps(turn.meters),
                turn.reply,
                turn.hint,
                turn.message_id,
                turn.created_at,
            ],
        )
    conn.commit()
    conn.close()
    return path


def test_the_frozen_v1_schema_is_what_migration_one_creates(v1_file: Path) -> None:
    """Editing migration 1 after release would break every older file: don't."""
    fresh = Database(sqlite3.connect(":memory:"))
    migrate(fresh, stop_before=MIGRATION_NAMES[1])
    with sqlite3.connect(v1_file) as old:
        assert _schema(old) == _schema(fresh.conn)


def test_a_v1_file_upgrades_and_keeps_its_data(v1_file: Path) -> None:
    with SqliteStore(v1_file) as store:
        applied = [r["name"] for r in store.db[MIGRATIONS_TABLE].rows]
        assert applied == MIGRATION_NAMES
        session = store.get_session("old-session")
        assert session is not None
        assert session.trainee == "discord:42"
        assert session.counterpart["state"] == "guarded"
        turns = store.turns("old-session")
        assert [t.index for t in turns] == [0, 1]
        assert store.turn_for_message("m-old-0") == turns[0]
        evidence = store.db.execute("SELECT evidence FROM turns ORDER BY idx").fetchone()[0]
        assert json.loads(evidence) == turns[0].score["evidence"]  # backfilled by 0005
        # 0010: codes, evidence and points are stored once, in their own columns.
        raw = store.db.execute("SELECT score FROM turns ORDER BY idx").fetchone()[0]
        assert not {"codes", "evidence", "points"} & set(json.loads(raw))
        assert turns[0].score["points"]["penalties"] == -5.0
        assert turns[0].score["codes"] == ["emotion_label", "threat"]
        # Filled in by 0008: two turns of +3 listening and -5 penalties each.
        totals = session_totals(store, "old-session")
        assert (totals["turns"], totals["active_listening"], totals["total"]) == (2, 6.0, -4.0)
        # Features added after v1 work on the old rows: search and corrections.
        assert [h.index for h in search_turns(store, "checkpoint cafe")] == [0, 1]
        # The party's old replies were indexed by the upgrade (0006).
        assert [h.index for h in search_turns(store, "standing nine", who="party")] == [0, 1]
        assert search_turns(store, "standing nine") == []  # the trainee never said it
        override_turn(
            store, "old-session", 1, who="coord", why="missed a paraphrase", codes=["paraphrase"]
        )
        assert store.turns("old-session")[1].score["codes"] == ["paraphrase"]


def test_the_upgraded_schema_equals_a_fresh_one(v1_file: Path, tmp_path: Path) -> None:
    SqliteStore(v1_file).close()
    SqliteStore(tmp_path / "fresh.db").close()
    with sqlite3.connect(v1_file) as old, sqlite3.connect(tmp_path / "fresh.db") as new:
        assert _schema(old) == _schema(new)
        assert old.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert old.execute("PRAGMA foreign_key_check").fetchall() == []


def test_opening_again_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    SqliteStore(path).close()
    with SqliteStore(path) as store:
        assert migrate(store.db) == []
        assert store.db[MIGRATIONS_TABLE].count == len(MIGRATION_NAMES)


def test_the_file_is_wal_with_foreign_keys_and_full_sync(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "p.db") as store:
        assert store.db.journal_mode == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_file_from_a_newer_parley_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with SqliteStore(path) as store:
        store.db[MIGRATIONS_TABLE].insert(
            {"migration_set": "parley", "name": "9999_future", "applied_at": "2030"}
        )
    with pytest.raises(NewerSchema, match="newer Parley"):
        SqliteStore(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a usable Parley database"):
        SqliteStore(path)


def test_a_failing_migration_leaves_the_file_as_it_was(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from state import migrations

    broken = migrations.migrations._migrations[-1]

    def explode(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(broken, "fn", explode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        SqliteStore(v1_file)
    with sqlite3.connect(v1_file) as conn:
        names = [r[0] for r in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert names == [FIRST]  # all or nothing: the whole upgrade runs in one transaction
    assert "half_done" not in tables and "turns_fts" not in tables


def test_a_turns_codes_evidence_and_points_are_stored_once(tmp_path: Path) -> None:
    from tests.state.conftest import make_session

    with SqliteStore(tmp_path / "p.db") as store:
        session = make_session()
        store.create_session(session)
        turn = make_turn(0, message_id="m-0")
        store.record_turn(turn, session)
        raw = store.db.execute("SELECT score, codes, evidence, points FROM turns").fetchone()
        assert json.loads(raw[0]) == {
            "rubric": "2026.1",
            "reasons": turn.score["reasons"],
            "weight": 1.0,
            "flags": [],
        }
        assert [json.loads(x) for x in raw[1:]] == [
            turn.score["codes"],
            turn.score["evidence"],
            turn.score["points"],
        ]
        assert store.turns("s1") == [turn]
