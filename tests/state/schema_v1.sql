-- The schema of the first Parley release (migration 0001_initial), frozen.
-- tests/state/test_migrations.py builds a database from it and upgrades it.
PRAGMA foreign_keys = ON;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE TABLE guilds (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE user_identities (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    external_id TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE sessions (
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
);
CREATE TABLE turns (
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
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    actor_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    detail TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_status ON sessions(status);
CREATE INDEX events_session ON events(session_id, id);
INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('parley', '0001_initial', '2026-01-01 09:00:00.000000+00:00');
