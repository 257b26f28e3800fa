"""The schema, as numbered migrations applied in order (sqlite-utils `Migrations`).

Each migration is frozen once released: never edit one, add the next. Migration 1 is the
first schema ever shipped, so a database file created by it upgrades through the rest
(a test builds such a file and upgrades it). Statements are plain SQL run with `execute`
rather than helpers that use `executescript`, because `executescript` commits on its own
and would break the one-transaction-per-migration guarantee.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("parley")

MIGRATIONS_TABLE = Migrations.migrations_table


def _run(db: Database, *statements: str) -> None:
    for sql in statements:
        db.execute(sql)


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    """The first schema: people (pseudonymous), sessions, turns and events."""
    _run(
        db,
        """CREATE TABLE guilds (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL
        )""",
        # A user is only a pseudonym; who they are on Discord lives in user_identities,
        # which `parley forget` can erase without touching the research data.
        """CREATE TABLE users (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE user_identities (
            user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            external_id TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            guild_id TEXT REFERENCES guilds(id) ON DELETE SET NULL,
            user_id TEXT NOT NULL REFERENCES users(id),
            facilitator_id TEXT REFERENCES users(id) ON DELETE SET NULL,
            scenario_id TEXT NOT NULL,
            scenario_version INTEGER NOT NULL,
            rubric TEXT NOT NULL,
            seed INTEGER NOT NULL,
            mode TEXT NOT NULL,
            level TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'active',
            outcome TEXT NOT NULL DEFAULT 'ongoing',
            counterpart TEXT NOT NULL,
            opening TEXT NOT NULL DEFAULT '',
            channel_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            ended_at TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE turns (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            author_id TEXT REFERENCES users(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            codes TEXT NOT NULL DEFAULT '[]',
            points TEXT NOT NULL DEFAULT '{}',
            score TEXT NOT NULL DEFAULT '{}',
            state TEXT NOT NULL,
            meters TEXT NOT NULL DEFAULT '{}',
            reply TEXT NOT NULL DEFAULT '',
            hint TEXT NOT NULL DEFAULT '',
            message_id TEXT UNIQUE,
            created_at TEXT NOT NULL,
            UNIQUE (session_id, idx)
        )""",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            actor_id TEXT REFERENCES users(id) ON DELETE SET NULL,
            detail TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX sessions_user ON sessions(user_id)",
        "CREATE INDEX sessions_status ON sessions(status)",
        "CREATE INDEX events_session ON events(session_id, id)",
    )


@migrations(name="0002_turns_fts")
def m0002_turns_fts(db: Database) -> None:
    """Full-text search over what trainees wrote, kept in step with `turns` by triggers."""
    _run(
        db,
        """CREATE VIRTUAL TABLE turns_fts USING FTS5 (
            text, tokenize='unicode61 remove_diacritics 2', content='turns', content_rowid='id'
        )""",
        "INSERT INTO turns_fts (rowid, text) SELECT id, text FROM turns",
        """CREATE TRIGGER turns_ai AFTER INSERT ON turns BEGIN
            INSERT INTO turns_fts (rowid, text) VALUES (new.id, new.text);
        END""",
        """CREATE TRIGGER turns_ad AFTER DELETE ON turns BEGIN
            INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END""",
        """CREATE TRIGGER turns_au AFTER UPDATE OF text ON turns BEGIN
            INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO turns_fts (rowid, text) VALUES (new.id, new.text);
        END""",
    )


@migrations(name="0003_score_overrides")
def m0003_score_overrides(db: Database) -> None:
    """Coordinators' corrections: the original score stays, every change is audited."""
    _run(
        db,
        """CREATE TABLE score_overrides (
            id INTEGER PRIMARY KEY,
            target TEXT NOT NULL CHECK (target IN ('turn', 'session')),
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            turn_id INTEGER REFERENCES turns(id) ON DELETE CASCADE,
            who_id TEXT REFERENCES users(id) ON DELETE SET NULL,
            old TEXT NOT NULL,
            new TEXT NOT NULL,
            why TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK ((target = 'turn') = (turn_id IS NOT NULL))
        )""",
        "CREATE INDEX score_overrides_session ON score_overrides(session_id, id)",
        "CREATE INDEX score_overrides_turn ON score_overrides(turn_id, id)",
    )


@migrations(name="0004_retention_indexes")
def m0004_retention_indexes(db: Database) -> None:
    """Listing and purging by date and scenario without scanning every session."""
    _run(
        db,
        "CREATE INDEX sessions_created ON sessions(created_at)",
        "CREATE INDEX sessions_scenario ON sessions(scenario_id, created_at)",
        "CREATE INDEX turns_author ON turns(author_id)",
    )


@migrations(name="0005_turn_evidence")
def m0005_turn_evidence(db: Database) -> None:
    """The evidence spans per code as their own column (research queries, Datasette),
    filled in for existing turns from the stored score."""
    _run(
        db,
        "ALTER TABLE turns ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}'",
        "UPDATE turns SET evidence = coalesce(json_extract(score, '$.evidence'), '{}')",
    )


@migrations(name="0006_session_scores")
def m0006_session_scores(db: Database) -> None:
    """Each session's raw points per area and its 0-100 skill profile on its own row, so
    lists and rankings read one row per session (see `state.scores`), filled in for
    existing sessions."""
    from state.scores import POINT_COLUMNS, SKILL_COLUMNS, refresh_all

    _run(
        db,
        "ALTER TABLE sessions ADD COLUMN turn_count INTEGER NOT NULL DEFAULT 0",
        *(f"ALTER TABLE sessions ADD COLUMN {c} REAL NOT NULL DEFAULT 0" for c in POINT_COLUMNS),
        *(f"ALTER TABLE sessions ADD COLUMN {c} REAL NOT NULL DEFAULT 0" for c in SKILL_COLUMNS),
        "ALTER TABLE sessions ADD COLUMN overridden INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX sessions_skill_overall ON sessions(skill_overall)",
    )
    refresh_all(db)


@migrations(name="0007_erasure_jobs")
def m0007_erasure_jobs(db: Database) -> None:
    """Erasures as recoverable jobs (`state.erasure`), and indexes on every column that
    points at a person, so erasing one costs what it deletes, not a scan of every table."""
    _run(
        db,
        """CREATE TABLE erasures (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            finished_at TEXT
        )""",
        "CREATE INDEX sessions_facilitator ON sessions(facilitator_id)",
        "CREATE INDEX events_actor ON events(actor_id)",
        "CREATE INDEX score_overrides_who ON score_overrides(who_id)",
    )


MIGRATION_NAMES: list[str] = [m.name for m in migrations._migrations]
FIRST: str = MIGRATION_NAMES[0]


def known(name: str) -> bool:
    return name in MIGRATION_NAMES


def migrate(db: Database, *, stop_before: str | None = None) -> list[str]:
    """Apply pending migrations under one write lock; returns the names applied.

    `BEGIN IMMEDIATE` takes the write lock first, so two processes opening a fresh file
    at once cannot both run migration 1; each migration runs in its own savepoint.
    """
    if not _pending(db, stop_before):
        return []
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        todo = _pending(db, stop_before)
        migrations.apply(db, stop_before=stop_before)
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    return todo


def _pending(db: Database, stop_before: str | None) -> list[str]:
    names = [m.name for m in migrations.pending(db)]
    if stop_before in names:
        names = names[: names.index(stop_before)]
    return names


def pending(db: Database) -> list[str]:
    """Migrations this code knows that the file has not had yet (an older Parley made it)."""
    return _pending(db, None)


def unknown_applied(db: Database) -> list[str]:
    """Migrations recorded in the file that this code does not know (a newer Parley made it)."""
    return [m.name for m in migrations.applied(db) if not known(m.name)]


__all__ = [
    "FIRST",
    "MIGRATIONS_TABLE",
    "MIGRATION_NAMES",
    "migrate",
    "migrations",
    "pending",
    "unknown_applied",
]
