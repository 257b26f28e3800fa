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


@migrations(name="0006_search_party_lines")
def m0006_search_party_lines(db: Database) -> None:
    """Full-text search over the party's replies as well as the trainee's messages: the
    index gets a `reply` column (searched separately, so a hit says who said it)."""
    _run(
        db,
        "DROP TRIGGER turns_ai",
        "DROP TRIGGER turns_ad",
        "DROP TRIGGER turns_au",
        "DROP TABLE turns_fts",
        """CREATE VIRTUAL TABLE turns_fts USING FTS5 (
            text, reply, tokenize='unicode61 remove_diacritics 2', content='turns',
            content_rowid='id'
        )""",
        "INSERT INTO turns_fts (turns_fts) VALUES ('rebuild')",
        """CREATE TRIGGER turns_ai AFTER INSERT ON turns BEGIN
            INSERT INTO turns_fts (rowid, text, reply) VALUES (new.id, new.text, new.reply);
        END""",
        """CREATE TRIGGER turns_ad AFTER DELETE ON turns BEGIN
            INSERT INTO turns_fts (turns_fts, rowid, text, reply)
            VALUES ('delete', old.id, old.text, old.reply);
        END""",
        """CREATE TRIGGER turns_au AFTER UPDATE OF text, reply ON turns BEGIN
            INSERT INTO turns_fts (turns_fts, rowid, text, reply)
            VALUES ('delete', old.id, old.text, old.reply);
            INSERT INTO turns_fts (rowid, text, reply) VALUES (new.id, new.text, new.reply);
        END""",
    )


# Each turn as the review site shows it: numbered from 1, codes and points with the latest
# correction on top (a correction stores the whole corrected value, not a delta), evidence
# quoted for the codes that stand, and no Discord ids (author, message).
_REVIEW_TURNS = """CREATE VIEW review_turns AS
SELECT x.id, x.session_id AS session, x.idx + 1 AS turn, s.user_id AS trainee,
    s.scenario_id AS scenario, x.text AS message,
    (SELECT coalesce(group_concat(c.value, ', '), '') FROM json_each(x.fixed_codes) c) AS codes,
    (SELECT coalesce(group_concat(c.value || ': “' || (
        SELECT group_concat(json_extract(e.value, '$.text'), '” “')
        FROM json_each(x.evidence, '$.' || c.value) e) || '”', '; '), '')
     FROM json_each(x.fixed_codes) c WHERE json_extract(x.evidence, '$.' || c.value) IS NOT NULL
    ) AS evidence,
    coalesce(json_extract(x.fixed_points, '$.active_listening'), 0) AS active_listening,
    coalesce(json_extract(x.fixed_points, '$.trust_building'), 0) AS trust_building,
    coalesce(json_extract(x.fixed_points, '$.interim_proposals'), 0) AS interim_proposals,
    coalesce(json_extract(x.fixed_points, '$.penalties'), 0) AS penalties,
    round(coalesce(json_extract(x.fixed_points, '$.active_listening'), 0)
        + coalesce(json_extract(x.fixed_points, '$.trust_building'), 0)
        + coalesce(json_extract(x.fixed_points, '$.interim_proposals'), 0)
        + coalesce(json_extract(x.fixed_points, '$.penalties'), 0), 2) AS points,
    x.reply, x.state,
    json_extract(x.meters, '$.trust') AS trust,
    json_extract(x.meters, '$.tension') AS tension,
    json_extract(x.meters, '$.heard') AS heard,
    x.fix_id IS NOT NULL AS corrected,
    x.created_at AS at
FROM (
    SELECT t.*, o.id AS fix_id,
        coalesce(json_extract(o.new, '$.codes'), t.codes) AS fixed_codes,
        coalesce(json_extract(o.new, '$.points'), t.points) AS fixed_points
    FROM turns t LEFT JOIN score_overrides o
        ON o.id = (SELECT max(id) FROM score_overrides WHERE turn_id = t.id)
) x JOIN sessions s ON s.id = x.session_id"""


# One row per session: corrected raw sums per area (the session-level correction on top of
# the turns), the 0-100 skill profile per turn played (as `skill_profile` computes it:
# points per turn against a full-marks turn of 4/3/3, restraint from 2 penalty points per
# turn), final meters and dates. No guild, channel or facilitator ids.
_REVIEW_SESSIONS = """CREATE VIEW review_sessions AS
WITH totals AS (
    SELECT s.id, count(t.id) AS turns,
        max(max(coalesce(t.corrected, 0)), fix.id IS NOT NULL) AS corrected,
        coalesce(json_extract(fix.new, '$.totals.active_listening'), total(t.active_listening))
            AS al,
        coalesce(json_extract(fix.new, '$.totals.trust_building'), total(t.trust_building))
            AS tb,
        coalesce(json_extract(fix.new, '$.totals.interim_proposals'), total(t.interim_proposals))
            AS ip,
        coalesce(json_extract(fix.new, '$.totals.penalties'), total(t.penalties)) AS pen
    FROM sessions s LEFT JOIN review_turns t ON t.session = s.id
    LEFT JOIN score_overrides fix ON fix.id = (SELECT max(id) FROM score_overrides
        WHERE session_id = s.id AND target = 'session')
    GROUP BY s.id
), skills AS (
    SELECT *,
        CASE WHEN turns = 0 THEN 0.0 ELSE round(100 * max(0, min(1, al / (turns * 4.0))), 1)
            END AS skill_al,
        CASE WHEN turns = 0 THEN 0.0 ELSE round(100 * max(0, min(1, tb / (turns * 3.0))), 1)
            END AS skill_tb,
        CASE WHEN turns = 0 THEN 0.0 ELSE round(100 * max(0, min(1, ip / (turns * 3.0))), 1)
            END AS skill_ip,
        CASE WHEN turns = 0 THEN 100.0
            ELSE round(100 - round(100 * max(0, min(1, -pen / (turns * 2.0))), 1), 1)
            END AS skill_restraint
    FROM totals
)
SELECT s.id AS session, substr(s.created_at, 1, 10) AS date, s.user_id AS trainee,
    s.scenario_id AS scenario, s.level, s.outcome, k.turns,
    k.skill_al AS skill_active_listening, k.skill_tb AS skill_trust_building,
    k.skill_ip AS skill_interim_proposals, k.skill_restraint,
    round((k.skill_al + k.skill_tb + k.skill_ip + k.skill_restraint) / 4, 1) AS skill_overall,
    round(k.al, 2) AS points_active_listening, round(k.tb, 2) AS points_trust_building,
    round(k.ip, 2) AS points_interim_proposals, round(k.pen, 2) AS points_penalties,
    round(k.al + k.tb + k.ip + k.pen, 2) AS points_total,
    json_extract(s.counterpart, '$.meters.trust') AS trust,
    json_extract(s.counterpart, '$.meters.tension') AS tension,
    json_extract(s.counterpart, '$.meters.heard') AS heard,
    json_extract(s.counterpart, '$.state') AS final_state,
    s.status, s.mode, k.corrected, s.created_at AS started, s.ended_at AS ended
FROM sessions s JOIN skills k ON k.id = s.id"""


@migrations(name="0007_review_views")
def m0007_review_views(db: Database) -> None:
    """What the review site shows (`parley review`): pseudonymous views over sessions and
    turns with corrected scores, so the base tables (which hold Discord ids) stay closed."""
    _run(db, _REVIEW_TURNS, _REVIEW_SESSIONS)


# The same columns as 0007's view, computed only for the rows a page shows: the per-session
# sums are one correlated subquery over that session's turns (read through the
# `(session_id, idx)` index), so "newest first, 100 rows" walks `sessions_created` and stops,
# where 0007 summed every turn of the store first (about 5 s at 100,000 turns).
_REVIEW_SESSIONS_BY_ROW = """CREATE VIEW review_sessions AS
SELECT session, date, trainee, scenario, level, outcome, turns,
    skill_al AS skill_active_listening, skill_tb AS skill_trust_building,
    skill_ip AS skill_interim_proposals, skill_restraint,
    round((skill_al + skill_tb + skill_ip + skill_restraint) / 4, 1) AS skill_overall,
    round(al, 2) AS points_active_listening, round(tb, 2) AS points_trust_building,
    round(ip, 2) AS points_interim_proposals, round(pen, 2) AS points_penalties,
    round(al + tb + ip + pen, 2) AS points_total,
    trust, tension, heard, final_state, status, mode, corrected, started, ended
FROM (
    SELECT *,
        CASE WHEN turns = 0 THEN 0.0 ELSE round(100 * max(0, min(1, al / (turns * 4.0))), 1)
            END AS skill_al,
        CASE WHEN turns = 0 THEN 0.0 ELSE round(100 * max(0, min(1, tb / (turns * 3.0))), 1)
            END AS skill_tb,
        CASE WHEN turns = 0 THEN 0.0 ELSE round(100 * max(0, min(1, ip / (turns * 3.0))), 1)
            END AS skill_ip,
        CASE WHEN turns = 0 THEN 100.0
            ELSE round(100 - round(100 * max(0, min(1, -pen / (turns * 2.0))), 1), 1)
            END AS skill_restraint
    FROM (
        SELECT s.id AS session, substr(s.created_at, 1, 10) AS date, s.user_id AS trainee,
            s.scenario_id AS scenario, s.level, s.outcome,
            json_extract(s.sums, '$.turns') AS turns,
            coalesce(json_extract(s.fix, '$.totals.active_listening'),
                json_extract(s.sums, '$.al')) AS al,
            coalesce(json_extract(s.fix, '$.totals.trust_building'),
                json_extract(s.sums, '$.tb')) AS tb,
            coalesce(json_extract(s.fix, '$.totals.interim_proposals'),
                json_extract(s.sums, '$.ip')) AS ip,
            coalesce(json_extract(s.fix, '$.totals.penalties'),
                json_extract(s.sums, '$.pen')) AS pen,
            json_extract(s.counterpart, '$.meters.trust') AS trust,
            json_extract(s.counterpart, '$.meters.tension') AS tension,
            json_extract(s.counterpart, '$.meters.heard') AS heard,
            json_extract(s.counterpart, '$.state') AS final_state,
            s.status, s.mode,
            (coalesce(json_extract(s.sums, '$.corrected'), 0) OR s.fix IS NOT NULL) AS corrected,
            s.created_at AS started, s.ended_at AS ended
        FROM (
            SELECT s.*,
                (SELECT json_object('turns', count(*),
                    'al', total(json_extract(p, '$.active_listening')),
                    'tb', total(json_extract(p, '$.trust_building')),
                    'ip', total(json_extract(p, '$.interim_proposals')),
                    'pen', total(json_extract(p, '$.penalties')),
                    'corrected', max(fixed))
                 FROM (SELECT coalesce(json_extract(o.new, '$.points'), t.points) AS p,
                        o.id IS NOT NULL AS fixed
                    FROM turns t LEFT JOIN score_overrides o
                        ON o.id = (SELECT max(id) FROM score_overrides WHERE turn_id = t.id)
                    WHERE t.session_id = s.id)) AS sums,
                (SELECT new FROM score_overrides WHERE session_id = s.id AND target = 'session'
                 ORDER BY id DESC LIMIT 1) AS fix
            FROM sessions s
        ) s
    )
)"""


@migrations(name="0008_review_sessions_by_row")
def m0008_review_sessions_by_row(db: Database) -> None:
    """The review site's Sessions page stays fast as the store grows (see above)."""
    _run(db, "DROP VIEW review_sessions", _REVIEW_SESSIONS_BY_ROW)


@migrations(name="0009_session_scores")
def m0009_session_scores(db: Database) -> None:
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


@migrations(name="0010_erasure_jobs")
def m0010_erasure_jobs(db: Database) -> None:
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


@migrations(name="0011_turn_score_once")
def m0011_turn_score_once(db: Database) -> None:
    """A turn's codes, evidence and points live in their own columns only: the `score` JSON
    keeps the rest (reasons, weight, flags, rubric) instead of a second copy of them."""
    _run(db, "UPDATE turns SET score = json_remove(score, '$.codes', '$.evidence', '$.points')")


@migrations(name="0012_session_lineage")
def m0012_session_lineage(db: Database) -> None:
    """A branch (a retry from some turn of another session) names its parent and how many
    of the parent's turns it kept. Deleting a session deletes its branches: they hold
    copies of its words, so forgetting its owner must not leave them behind."""
    _run(
        db,
        "ALTER TABLE sessions ADD COLUMN parent_id TEXT REFERENCES sessions(id) ON DELETE CASCADE",
        "ALTER TABLE sessions ADD COLUMN branch_at INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX sessions_parent ON sessions(parent_id)",
    )


_REVIEW_SESSIONS_STORED = """CREATE VIEW review_sessions AS
SELECT s.id AS session, substr(s.created_at, 1, 10) AS date, s.user_id AS trainee,
    s.scenario_id AS scenario, s.level, s.outcome, s.turn_count AS turns,
    s.skill_active_listening, s.skill_trust_building, s.skill_interim_proposals,
    s.skill_restraint, s.skill_overall,
    round(s.points_active_listening, 2) AS points_active_listening,
    round(s.points_trust_building, 2) AS points_trust_building,
    round(s.points_interim_proposals, 2) AS points_interim_proposals,
    round(s.points_penalties, 2) AS points_penalties, round(s.points_total, 2) AS points_total,
    json_extract(s.counterpart, '$.meters.trust') AS trust,
    json_extract(s.counterpart, '$.meters.tension') AS tension,
    json_extract(s.counterpart, '$.meters.heard') AS heard,
    json_extract(s.counterpart, '$.state') AS final_state,
    s.status, s.mode, s.overridden AS corrected,
    s.parent_id AS retry_of, CASE WHEN s.parent_id IS NULL THEN NULL ELSE s.branch_at END
        AS retry_from_turn,
    s.created_at AS started, s.ended_at AS ended
FROM sessions s"""


@migrations(name="0013_review_sessions_stored")
def m0013_review_sessions_stored(db: Database) -> None:
    """The Sessions page reads the scores each session row keeps (0009) instead of summing
    turns, and shows retries with the session and turn they started from (0012), so a
    coordinator sees a branch in context and counts it as practice, not a new attempt."""
    _run(db, "DROP VIEW review_sessions", _REVIEW_SESSIONS_STORED)


# The first attempt a session belongs to: itself, or for a retry the session at the top of
# its lineage (a retry of a retry belongs to the same attempt). Walked upwards per row, so
# the Sessions page still reads only the rows it shows; a parent that is gone ends the walk.
_ATTEMPT = """(WITH RECURSIVE up(id, parent) AS (
        SELECT s.id, s.parent_id
        UNION ALL SELECT p.id, p.parent_id FROM sessions p JOIN up ON p.id = up.parent)
    SELECT id FROM up WHERE parent IS NULL
        OR NOT EXISTS (SELECT 1 FROM sessions p WHERE p.id = up.parent)) AS attempt"""
_REVIEW_SESSIONS_ATTEMPTS = _REVIEW_SESSIONS_STORED.replace(
    "AS retry_from_turn,", f"AS retry_from_turn, {_ATTEMPT},", 1
)


@migrations(name="0014_review_sessions_attempt")
def m0014_review_sessions_attempt(db: Database) -> None:
    """Each session names the attempt it belongs to (`attempt`), so the progress page can
    list retries under the session they retry and count attempts, not retries."""
    _run(db, "DROP VIEW review_sessions", _REVIEW_SESSIONS_ATTEMPTS)


@migrations(name="0015_sessions_created_id")
def m0015_sessions_created_id(db: Database) -> None:
    """Lists order sessions newest first with the id as tie-breaker (`created_at DESC, id
    DESC`): with the id in the date index too, "50 newest" reads 50 index entries in order
    instead of sorting every session of the same second (`transcripts list` went from 2× to
    about 1.7× a plain query of the same rows at 100,000 turns, `parley bench`)."""
    _run(
        db,
        "DROP INDEX sessions_created",
        "CREATE INDEX sessions_created ON sessions(created_at, id)",
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
