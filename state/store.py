"""SqliteStore: the `SessionStore` contract on one SQLite file (sqlite-utils, WAL).

Guarantees, each covered by a test in `tests/state/`:
- every write is one transaction taken with `BEGIN IMMEDIATE` and committed with
  `synchronous=FULL`, so a turn is on disk before `record_turn` returns (and before the
  front end sends the party's reply);
- a front-end message id is stored at most once (`DuplicateMessage`, nothing written);
- a busy database is waited for (`busy_timeout`, then a bounded retry) and then reported
  as `StoreBusy` with the file's name, never as a raw `sqlite3.OperationalError`;
- people are pseudonyms (`u-…`); their Discord ids live in `user_identities` only.

sqlite3 connections belong to one thread, so each thread gets its own connection to a
file; an in-memory store (tests) has one connection guarded by a lock.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from dialogues.ports import DuplicateMessage, EventRecord, SessionRecord, TurnRecord
from dialogues.ports import utc_now as now
from state import integrity, scores
from state import migrations as schema
from state.erasure import ErasureStatus, finish_pending
from state.errors import (
    DuplicateSession,
    NewerSchema,
    NotParley,
    ReadOnlyStore,
    SessionConflict,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreNotFound,
    UnknownSession,
)
from state.migrations import MIGRATIONS_TABLE
from state.overrides import apply_turn_override
from state.writer import GroupCommit

__all__ = ["DuplicateMessage", "SqliteStore", "StoreBusy", "StoreError"]

MEMORY = ":memory:"
_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _BUSY_CODES
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class SqliteStore:
    """Sessions, turns, events, overrides and people in one SQLite file.

    `busy_timeout` (seconds) is how long one attempt waits for another writer;
    `retries` bounds how many attempts a write makes before raising `StoreBusy`.
    `create=False` refuses a missing file (read-only commands such as exports).
    """

    def __init__(
        self,
        path: str | Path = MEMORY,
        *,
        busy_timeout: float = 5.0,
        retries: int = 3,
        create: bool = True,
        read_only: bool = False,
    ) -> None:
        self.path = str(path)
        self.memory = self.path == MEMORY
        self.read_only = read_only and not self.memory
        self.busy_timeout = busy_timeout
        self.retries = max(1, retries)
        if not self.memory and (self.read_only or not create) and not Path(self.path).exists():
            raise StoreNotFound(
                f"no database at {self.path}: check --db or PARLEY_DB "
                "(it is created by the first session played)"
            )
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.RLock()
        self._lock = threading.RLock() if self.memory else nullcontext()
        self._shared: Database | None = None
        self._commits = GroupCommit(self)
        # Erasure jobs an interrupted run left, finished (or not) when this store opened for
        # writing: `forget` reports them instead of only "no such user".
        self.erasure_on_open = ErasureStatus(True)
        if not self.memory:
            # Before any connection that could write to it (WAL, migrations): is the file
            # SQLite, is it Parley's, and is it intact?
            self._inspect()
        try:
            self._prepare(self.db)
        except BaseException:
            self.close()
            raise

    def _uri(self, read_only: bool) -> str:
        """The file as an SQLite URI: `mode=ro` for reading, and `immutable=1` when its folder
        cannot be written (read-only media: no lock or WAL index file can be made there)."""
        uri = "file:" + urllib.parse.quote(str(Path(self.path).absolute()))
        if not read_only:
            return uri + "?mode=rw" + ("" if Path(self.path).exists() else "c")
        folder = Path(self.path).absolute().parent
        return uri + ("?mode=ro" if os.access(folder, os.W_OK) else "?mode=ro&immutable=1")

    def _inspect(self) -> None:
        """Refuse a file that is not SQLite, holds another program's tables, or is damaged,
        reading it without writing anything (a fresh or empty file is Parley's to fill)."""
        try:
            tables, ours, check = self._survey()
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise self._busy_error() from None
            raise StoreError(f"cannot open the database {self.path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc):
                raise self._damaged(str(exc)) from None
            raise NotParley(
                f"{self.path} is not a usable Parley database ({exc}): check --db or PARLEY_DB"
            ) from None
        if not tables:
            if self.read_only:
                raise NotParley(
                    f"{self.path} is empty, not a Parley database: check --db or PARLEY_DB"
                )
            return
        if not ours:
            raise NotParley(
                f"{self.path} holds another program's tables, not Parley's; Parley will not "
                "add its own: check --db or PARLEY_DB"
            )
        if check and check != ["ok"]:
            raise self._damaged("; ".join(check[:3]))

    def _damaged(self, problem: str) -> StoreDamaged:
        return StoreDamaged(
            f"{self.path} is damaged ({problem}); nothing was written to it. Restore it from "
            "a backup (see docs/storage.md)"
        )

    def _survey(self) -> tuple[list[str], bool, list[str]]:
        """The file's tables, whether Parley's migrations are among them, and (before a
        write) the integrity check's findings (`state.integrity`), all read through a
        read-only connection."""
        if not Path(self.path).exists() or Path(self.path).stat().st_size == 0:
            return [], False, []
        conn = sqlite3.connect(self._uri(read_only=True), uri=True, timeout=self.busy_timeout)
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
            ours = MIGRATIONS_TABLE in tables and bool(
                conn.execute(
                    f"SELECT 1 FROM [{MIGRATIONS_TABLE}] WHERE migration_set = ?",
                    [schema.migrations.name],
                ).fetchone()
            )
            check = [] if self.read_only else integrity.problems(conn, self.path)
        finally:
            conn.close()
        return tables, ours, check

    def _prepare(self, db: Database) -> None:
        """Refuse files from a newer Parley, then bring the schema up to date and finish any
        erasure an earlier run could not complete."""
        try:
            newer = schema.unknown_applied(db)
            if newer:
                raise NewerSchema(
                    f"{self.path} was written by a newer Parley (migrations "
                    f"{', '.join(newer)}): upgrade Parley before using it"
                )
            if self.read_only:
                if schema.pending(db):
                    # An older Parley's file: upgraded once by a writing store, then read.
                    SqliteStore(self.path, busy_timeout=self.busy_timeout).close()
                return
            self._retrying(lambda: schema.migrate(db))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable Parley database: {exc}") from None
        self.erasure_on_open = finish_pending(self)

    # -- connections ------------------------------------------------------------------------

    @property
    def db(self) -> Database:
        """This thread's connection (sqlite3 connections must not cross threads)."""
        if self.memory:
            if self._shared is None:
                self._shared = self._connect()
            return self._shared
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    def _connect(self) -> Database:
        try:
            # Each thread uses only its own connection (thread-local); check_same_thread is
            # off so that `close()` can close them all from whichever thread shuts down.
            target = self.path if self.memory else self._uri(self.read_only)
            conn = sqlite3.connect(
                target, timeout=self.busy_timeout, check_same_thread=False, uri=not self.memory
            )
            db = Database(conn)
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            # Erased people and purged sessions are zeroed on disk, not just unlinked.
            conn.execute("PRAGMA secure_delete = ON")
            if not self.memory and not self.read_only:
                self._retrying(db.enable_wal)
                # FULL in WAL mode syncs every commit: a stored turn survives power loss.
                conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise self._busy_error() from None
            raise StoreError(f"cannot open the database {self.path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable Parley database: {exc}") from None
        with self._guard:
            self._connections.append(conn)
        return db

    def close(self) -> None:
        """Close every connection this store opened (all threads)."""
        with self._guard:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()
        self._shared = None

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------------

    def _busy_error(self) -> StoreBusy:
        waited = self.busy_timeout * self.retries
        return StoreBusy(
            f"the database {self.path} stayed locked by another program or connection for about "
            f"{waited:.1f}s; close whatever holds it (another Parley, a sqlite3 shell, "
            "an open Datasette write) and try again"
        )

    def _retrying(self, fn: Any) -> Any:
        """Run `fn`, retrying a busy database a bounded number of times."""
        for attempt in range(self.retries):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if attempt + 1 == self.retries:
                    raise self._busy_error() from None
                time.sleep(min(0.05 * 2**attempt, 0.5))
        raise AssertionError("unreachable")

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction holding SQLite's write lock from its first statement.

        `BEGIN IMMEDIATE` (not a deferred `BEGIN`) makes a second writer wait at the start
        instead of failing half-way when it upgrades a read lock; a busy start is retried.
        """
        with self._lock:
            db = self.db
            self._retrying(lambda: db.conn.execute("BEGIN IMMEDIATE"))
            try:
                yield db
                db.conn.execute("COMMIT")
            except BaseException:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                raise

    @contextmanager
    def read(self) -> Iterator[Database]:
        """Reads need no lock in WAL mode; a rare busy wait past the timeout is `StoreBusy`."""
        with self._lock:
            try:
                yield self.db
            except sqlite3.OperationalError as exc:
                if _is_busy(exc):
                    raise self._busy_error() from None
                raise

    def transact(self, fn: Any) -> Any:
        """Run `fn(db)` in a write transaction and return its result once it is committed.

        Concurrent calls from several threads share one transaction and one fsync (group
        commit, `state.writer`), each in its own savepoint. A busy database is retried, then
        `StoreBusy`; other SQLite failures become `StoreError`s. Used by the store itself and
        by `state.overrides`, `state.privacy` and `state.erasure`.
        """
        if self.read_only:
            raise ReadOnlyStore(f"{self.path} was opened for reading only")
        return self._commits.run(fn)

    def translate(self, exc: sqlite3.Error) -> Exception:
        """A SQLite failure as the store error a person can act on."""
        if isinstance(exc, sqlite3.OperationalError) and _is_busy(exc):
            return self._busy_error()
        if isinstance(exc, sqlite3.IntegrityError | sqlite3.OperationalError):
            return StoreError(f"database error in {self.path}: {exc}")
        return exc

    # -- people -----------------------------------------------------------------------------

    def user_id(self, db: Database, external: str, display_name: str = "") -> str:
        """The pseudonym of a person, created on first sight.

        A pseudonym is random rather than a hash of the Discord id, so it cannot be
        recomputed from the id, and a user who was forgotten comes back as a new person.
        """
        row = db.execute(
            "SELECT user_id FROM user_identities WHERE external_id = ?", [external]
        ).fetchone()
        if row:
            if display_name:
                db.execute(
                    "UPDATE user_identities SET display_name = ? WHERE user_id = ?",
                    [display_name, row[0]],
                )
            return row[0]
        if db.execute("SELECT 1 FROM users WHERE id = ?", [external]).fetchone():
            return external  # already a pseudonym (e.g. a forgotten user's old records)
        uid = "u-" + secrets.token_hex(6)
        stamp = now()
        db.execute("INSERT INTO users (id, created_at) VALUES (?, ?)", [uid, stamp])
        db.execute(
            "INSERT INTO user_identities (user_id, external_id, display_name, created_at) "
            "VALUES (?, ?, ?, ?)",
            [uid, external, display_name, stamp],
        )
        return uid

    def set_display_name(self, external: str, display_name: str) -> str:
        """Remember a person's display name (identified exports only); returns the pseudonym."""
        return self.transact(lambda db: self.user_id(db, external, display_name))

    def _optional_user(self, db: Database, external: str) -> str | None:
        return self.user_id(db, external) if external else None

    def _guild(self, db: Database, guild_id: str) -> str | None:
        if not guild_id:
            return None
        db.execute("INSERT OR IGNORE INTO guilds (id, created_at) VALUES (?, ?)", [guild_id, now()])
        return guild_id

    # -- the SessionStore contract ----------------------------------------------------------

    def create_session(self, session: SessionRecord) -> None:
        self.transact(lambda db: self._insert_session(db, session))

    def create_branch(
        self, session: SessionRecord, turns: list[TurnRecord], events: list[EventRecord]
    ) -> None:
        """The branch, the turns it keeps and the events between them, in one transaction."""

        def run(db: Database) -> None:
            if not db.execute(
                "SELECT 1 FROM sessions WHERE id = ?", [session.parent_id]
            ).fetchone():
                raise UnknownSession(f"no session with id {session.parent_id!r}")
            self._insert_session(db, session)
            for turn in turns:
                self._insert_turn(db, turn)
            for event in events:
                self._insert_event(db, event)
            scores.refresh(db, session.id)  # the kept turns' points on the session's row

        self.transact(run)

    def _insert_session(self, db: Database, session: SessionRecord) -> None:
        try:
            db.execute(
                """INSERT INTO sessions (id, guild_id, user_id, facilitator_id, scenario_id,
                scenario_version, rubric, seed, mode, level, status, outcome, counterpart,
                opening, channel_id, created_at, ended_at, parent_id, branch_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    session.id,
                    self._guild(db, session.guild_id),
                    self.user_id(db, session.trainee),
                    self._optional_user(db, session.facilitator),
                    session.scenario_id,
                    session.scenario_version,
                    session.rubric,
                    session.seed,
                    session.mode,
                    session.level,
                    session.status,
                    session.outcome,
                    dumps(session.counterpart),
                    session.opening,
                    session.channel_id,
                    session.created_at or now(),
                    session.ended_at,
                    session.parent_id or None,
                    session.branch_at,
                ],
            )
        except sqlite3.IntegrityError:
            raise DuplicateSession(f"a session with id {session.id!r} already exists") from None

    def get_session(self, session_id: str) -> SessionRecord | None:
        with self.read() as db:
            row = db.execute(SESSION_SQL + " WHERE s.id = ?", [session_id]).fetchone()
        return session_from_row(row) if row else None

    def _update_session(self, db: Database, session: SessionRecord) -> None:
        # Everything a session can change after it starts; who, which scenario and which
        # seed are fixed at creation.
        cursor = db.execute(
            """UPDATE sessions SET status = ?, outcome = ?, counterpart = ?, ended_at = ?,
            channel_id = ?, guild_id = ?, facilitator_id = ?, mode = ?, level = ?, opening = ?
            WHERE id = ?""",
            [
                session.status,
                session.outcome,
                dumps(session.counterpart),
                session.ended_at,
                session.channel_id,
                self._guild(db, session.guild_id),
                self._optional_user(db, session.facilitator),
                session.mode,
                session.level,
                session.opening,
                session.id,
            ],
        )
        if cursor.rowcount != 1:
            raise UnknownSession(f"no session with id {session.id!r}")

    def save_session(self, session: SessionRecord) -> None:
        self.transact(lambda db: self._update_session(db, session))

    def record_turn(self, turn: TurnRecord, session: SessionRecord) -> None:
        """Insert the turn and update the session in one transaction, durable on return."""

        def run(db: Database) -> None:
            if (
                turn.message_id is not None
                and db.execute(
                    "SELECT 1 FROM turns WHERE message_id = ?", [turn.message_id]
                ).fetchone()
            ):
                raise DuplicateMessage(turn.message_id)
            if not db.execute("SELECT 1 FROM sessions WHERE id = ?", [turn.session_id]).fetchone():
                raise UnknownSession(f"no session with id {turn.session_id!r}")
            if db.execute(
                "SELECT 1 FROM turns WHERE session_id = ? AND idx = ?",
                [turn.session_id, turn.index],
            ).fetchone():
                raise SessionConflict(
                    f"turn {turn.index} of session {turn.session_id} was already stored by "
                    "another writer; reload the session and send the message again"
                )
            self._insert_turn(db, turn)
            self._update_session(db, session)
            scores.add_turn(db, turn.session_id, turn.score.get("points", {}))

        self.transact(run)

    def _insert_turn(self, db: Database, turn: TurnRecord) -> None:
        db.execute(
            """INSERT INTO turns (session_id, idx, author_id, text, codes, evidence, points,
            score, state, meters, reply, hint, message_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                turn.session_id,
                turn.index,
                self._optional_user(db, turn.author),
                turn.text,
                dumps(turn.score.get("codes", [])),
                dumps(turn.score.get("evidence", {})),
                dumps(turn.score.get("points", {})),
                dumps({k: v for k, v in turn.score.items() if k not in TURN_SCORE_COLUMNS}),
                turn.state,
                dumps(turn.meters),
                turn.reply,
                turn.hint,
                turn.message_id,
                turn.created_at or now(),
            ],
        )

    def turn_for_message(self, message_id: str) -> TurnRecord | None:
        with self.read() as db:
            row = db.execute(TURN_SQL + " WHERE t.message_id = ?", [message_id]).fetchone()
        return turn_from_row(row)[1] if row else None

    def turns(self, session_id: str, *, corrected: bool = True) -> list[TurnRecord]:
        """All turns in order, with coordinators' corrections applied to their scores
        unless `corrected` is False (the scores as played)."""
        with self.read() as db:
            rows = db.execute(
                TURN_SQL + " WHERE t.session_id = ? ORDER BY t.idx", [session_id]
            ).fetchall()
        return [turn_from_row(r, corrected=corrected)[1] for r in rows]

    def record_event(self, event: EventRecord, session: SessionRecord | None = None) -> None:
        def run(db: Database) -> None:
            if not db.execute("SELECT 1 FROM sessions WHERE id = ?", [event.session_id]).fetchone():
                raise UnknownSession(f"no session with id {event.session_id!r}")
            self._insert_event(db, event)
            if session is not None:
                self._update_session(db, session)

        self.transact(run)

    def _insert_event(self, db: Database, event: EventRecord) -> None:
        db.execute(
            "INSERT INTO events (session_id, kind, actor_id, detail, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                event.session_id,
                event.kind,
                self._optional_user(db, event.actor),
                dumps(event.detail),
                event.created_at or now(),
            ],
        )

    def events(self, session_id: str) -> list[EventRecord]:
        with self.read() as db:
            rows = db.execute(
                """SELECT e.session_id, e.kind, coalesce(i.external_id, e.actor_id, ''),
                e.detail, e.created_at FROM events e
                LEFT JOIN user_identities i ON i.user_id = e.actor_id
                WHERE e.session_id = ? ORDER BY e.id""",
                [session_id],
            ).fetchall()
        return [EventRecord(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]

    def open_sessions(self) -> list[SessionRecord]:
        with self.read() as db:
            rows = db.execute(
                SESSION_SQL + " WHERE s.status != 'ended' ORDER BY s.created_at, s.id"
            ).fetchall()
        return [session_from_row(r) for r in rows]


# Columns of a session with the people behind the pseudonyms (forgotten people keep theirs).
SESSION_SQL = """SELECT s.id, s.scenario_id, s.scenario_version, s.rubric, s.seed, s.mode,
    s.level, coalesce(ti.external_id, s.user_id), s.counterpart, s.status, s.outcome,
    coalesce(fi.external_id, s.facilitator_id, ''), coalesce(s.guild_id, ''), s.channel_id,
    s.opening, s.created_at, s.ended_at, coalesce(s.parent_id, ''), s.branch_at
    FROM sessions s
    LEFT JOIN user_identities ti ON ti.user_id = s.user_id
    LEFT JOIN user_identities fi ON fi.user_id = s.facilitator_id"""

# The parts of a turn's score stored as their own columns (not again in the `score` JSON).
TURN_SCORE_COLUMNS = ("codes", "evidence", "points")

# Columns of a turn with its author and its latest correction (coordinators' overrides),
# which `turn_from_row` applies: every reader sees corrected scores.
TURN_SQL = """SELECT t.id, t.session_id, t.idx, coalesce(i.external_id, t.author_id, ''),
    t.text, t.score, t.reply, t.state, t.meters, t.message_id, t.hint, t.created_at,
    o.id, o.new, o.why, o.created_at, coalesce(oi.external_id, o.who_id, ''),
    t.codes, t.evidence, t.points
    FROM turns t LEFT JOIN user_identities i ON i.user_id = t.author_id
    LEFT JOIN score_overrides o
        ON o.id = (SELECT max(id) FROM score_overrides WHERE turn_id = t.id)
    LEFT JOIN user_identities oi ON oi.user_id = o.who_id"""


def session_from_row(row: Any) -> SessionRecord:
    return SessionRecord(
        id=row[0],
        scenario_id=row[1],
        scenario_version=row[2],
        rubric=row[3],
        seed=row[4],
        mode=row[5],
        level=row[6],
        trainee=row[7],
        counterpart=json.loads(row[8]),
        status=row[9],
        outcome=row[10],
        facilitator=row[11],
        guild_id=row[12],
        channel_id=row[13],
        opening=row[14],
        created_at=row[15],
        ended_at=row[16],
        parent_id=row[17],
        branch_at=row[18],
    )


def turn_from_row(row: Any, *, corrected: bool = True) -> tuple[int, TurnRecord]:
    """A `TURN_SQL` row as (turn row id, record), its latest correction applied unless
    `corrected` is False (the score as played, for a branch's replay)."""
    parts = zip(TURN_SCORE_COLUMNS, row[17:20], strict=True)
    score = {**json.loads(row[5]), **{key: json.loads(value) for key, value in parts}}
    if corrected and row[12] is not None:
        score = apply_turn_override(
            score, json.loads(row[13]), override_id=row[12], who=row[16], why=row[14], at=row[15]
        )
    return row[0], TurnRecord(
        session_id=row[1],
        index=row[2],
        author=row[3],
        text=row[4],
        score=score,
        reply=row[6],
        state=row[7],
        meters=json.loads(row[8]),
        message_id=row[9],
        hint=row[10],
        created_at=row[11],
    )
