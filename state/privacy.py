"""Forgetting a person and purging old sessions, so deleted data is really gone.

Store connections run with `secure_delete` on (freed pages are zeroed); each deletion is
recorded as an erasure job in its own transaction and finished by `state.erasure` (index
merged, WAL checkpointed and truncated), on the spot or, if the process dies or another
reader is in the way, the next time Parley opens the file. Reports say whether it finished.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from state import erasure
from state.errors import StoreError
from state.store import now

if TYPE_CHECKING:
    from sqlite_utils import Database

    from state.store import SqliteStore

Report = TypeVar("Report", "ForgetReport", "PurgeReport")
ForgetMode = Literal["delete", "pseudonymise"]
FORGET_MODES: tuple[str, ...] = ("delete", "pseudonymise")


class UnknownUser(StoreError, LookupError):
    """Nobody with this Discord id, name or pseudonym is in the store."""


@dataclass(frozen=True)
class ForgetReport:
    user: str
    mode: str
    identity_removed: bool
    sessions_deleted: int = 0
    turns_deleted: int = 0
    events_deleted: int = 0
    overrides_deleted: int = 0
    turns_redacted: int = 0
    sessions_pseudonymised: int = 0
    message_ids_cleared: int = 0
    open_sessions_ended: int = 0
    complete: bool = True  # erased from the file and its WAL, not only from every query
    incomplete_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PurgeReport:
    cutoff: str
    sessions_deleted: int
    turns_deleted: int
    events_deleted: int
    overrides_deleted: int
    users_deleted: int
    dry_run: bool = False
    complete: bool = True
    incomplete_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def resolve_user(db: Database, who: str) -> str:
    """The pseudonym for a Discord id (or other front-end id), or the pseudonym itself."""
    row = db.execute("SELECT user_id FROM user_identities WHERE external_id = ?", [who]).fetchone()
    if row:
        return row[0]
    if db.execute("SELECT 1 FROM users WHERE id = ?", [who]).fetchone():
        return who
    raise UnknownUser(f"no user {who!r} in the store (give a Discord id or a u-… pseudonym)")


# Sessions chosen by `roots` and every branch of them, at any depth: a branch holds copies
# of its parent's words, so it is forgotten or purged with it.
_LINEAGE = """WITH RECURSIVE lineage(id) AS ({roots}
    UNION SELECT s.id FROM sessions s JOIN lineage l ON s.parent_id = l.id)
    SELECT id FROM lineage"""


def _count(db: Database, sql: str, args: list[Any]) -> int:
    return int(db.execute(sql, args).fetchone()[0])


def forget(store: SqliteStore, who: str, mode: str = "delete") -> ForgetReport:
    """Erase a person: `delete` removes their sessions and words; `pseudonymise` keeps the
    transcripts under the pseudonym but erases who they are (ids, name, Discord links)."""
    return _finished(store, delete_person(store, who, mode))


def delete_person(store: SqliteStore, who: str, mode: str = "delete") -> ForgetReport:
    """The first half of `forget`: the deletion and its erasure job, in one transaction.
    Gone from every query once it returns, still in the index and the WAL until the job is
    finished (`erasure.finish_pending`), which costs what the index weighs, not what was
    deleted (see `erasure.merge_index`); `parley bench` times the two halves apart."""
    if mode not in FORGET_MODES:
        raise ValueError(f"unknown forget mode {mode!r}: choose {' or '.join(FORGET_MODES)}")

    def run(db: Database) -> ForgetReport:
        uid = resolve_user(db, who)
        mine = "SELECT id FROM sessions WHERE user_id = ?"
        lineage = _LINEAGE.format(roots=mine)
        had_identity = bool(
            db.execute("SELECT 1 FROM user_identities WHERE user_id = ?", [uid]).fetchone()
        )
        if mode == "pseudonymise":
            # Without its thread and message ids an open session could not be resumed or
            # deduplicated safely, so it is closed first.
            ended = db.execute(
                "UPDATE sessions SET status = 'ended', ended_at = ?, outcome = CASE "
                "WHEN outcome = 'ongoing' THEN 'ended' ELSE outcome END "
                "WHERE user_id = ? AND status != 'ended'",
                [now(), uid],
            ).rowcount
            sessions = db.execute(
                "UPDATE sessions SET channel_id = '' WHERE user_id = ?", [uid]
            ).rowcount
            cleared = db.execute(
                "UPDATE turns SET message_id = NULL WHERE message_id IS NOT NULL AND "
                f"(author_id = ? OR session_id IN ({mine}))",
                [uid, uid],
            ).rowcount
            db.execute("DELETE FROM user_identities WHERE user_id = ?", [uid])
            erasure.record(db, "forget")
            return ForgetReport(
                uid,
                mode,
                had_identity,
                sessions_pseudonymised=sessions,
                message_ids_cleared=cleared,
                open_sessions_ended=ended,
            )
        report = ForgetReport(
            uid,
            mode,
            had_identity,
            sessions_deleted=_count(db, f"SELECT count(*) FROM ({lineage})", [uid]),
            open_sessions_ended=_count(
                db,
                f"SELECT count(*) FROM sessions WHERE id IN ({lineage}) AND status != 'ended'",
                [uid],
            ),
            turns_deleted=_count(
                db, f"SELECT count(*) FROM turns WHERE session_id IN ({lineage})", [uid]
            ),
            events_deleted=_count(
                db, f"SELECT count(*) FROM events WHERE session_id IN ({lineage})", [uid]
            ),
            overrides_deleted=_count(
                db, f"SELECT count(*) FROM score_overrides WHERE session_id IN ({lineage})", [uid]
            ),
            turns_redacted=db.execute(
                "UPDATE turns SET text = '[removed]', message_id = NULL, author_id = NULL "
                f"WHERE author_id = ? AND session_id NOT IN ({lineage})",
                [uid, uid],
            ).rowcount,
        )
        # Branches go with their parent (ON DELETE CASCADE), whoever started them.
        db.execute("DELETE FROM sessions WHERE user_id = ?", [uid])
        # Cascades to the identity; facilitator/actor/author/who references become NULL.
        db.execute("DELETE FROM users WHERE id = ?", [uid])
        erasure.record(db, "forget")
        return report

    report: ForgetReport = store.transact(run)
    return report


def cutoff_for(days: int, now: datetime | None = None) -> str:
    if days < 0:
        raise ValueError("--older-than must be 0 days or more")
    moment = (now or datetime.now(UTC)) - timedelta(days=days)
    return moment.isoformat(timespec="seconds")


# A session's last activity: its last turn, its end or its start, whichever is latest (a
# branch starts after the turns it keeps). A session with a branch active since the cutoff
# is kept: deleting it would delete the branch too.
_STALE = """SELECT s.id FROM sessions s WHERE NOT EXISTS (
    SELECT 1 FROM ({lineage}) l JOIN sessions d ON d.id = l.id WHERE max(
    coalesce((SELECT max(t.created_at) FROM turns t WHERE t.session_id = d.id), ''),
    d.ended_at, d.created_at) >= ?)""".format(lineage=_LINEAGE.format(roots="SELECT s.id"))

_ORPHANS = """SELECT u.id FROM users u WHERE
    NOT EXISTS (SELECT 1 FROM sessions WHERE user_id = u.id OR facilitator_id = u.id)
    AND NOT EXISTS (SELECT 1 FROM turns WHERE author_id = u.id)
    AND NOT EXISTS (SELECT 1 FROM events WHERE actor_id = u.id)
    AND NOT EXISTS (SELECT 1 FROM score_overrides WHERE who_id = u.id)"""


def purge(
    store: SqliteStore, older_than_days: int, *, now: datetime | None = None, dry_run: bool = False
) -> PurgeReport:
    """Delete sessions with no activity for `older_than_days` (retention), their turns,
    events and corrections, then people no longer referenced by anything."""
    cutoff = cutoff_for(older_than_days, now)

    def run(db: Database) -> PurgeReport:
        stale = [row[0] for row in db.execute(_STALE, [cutoff])]
        db.execute("CREATE TEMP TABLE IF NOT EXISTS purge_ids (id TEXT PRIMARY KEY)")
        db.execute("DELETE FROM temp.purge_ids")
        db.conn.executemany("INSERT INTO temp.purge_ids VALUES (?)", [(s,) for s in stale])
        chosen = "SELECT id FROM temp.purge_ids"
        turns = _count(db, f"SELECT count(*) FROM turns WHERE session_id IN ({chosen})", [])
        events = _count(db, f"SELECT count(*) FROM events WHERE session_id IN ({chosen})", [])
        overrides = _count(
            db, f"SELECT count(*) FROM score_overrides WHERE session_id IN ({chosen})", []
        )
        db.execute(f"DELETE FROM sessions WHERE id IN ({chosen})")
        orphans = [row[0] for row in db.execute(_ORPHANS)]
        db.conn.executemany("DELETE FROM users WHERE id = ?", [(u,) for u in orphans])
        db.execute("DELETE FROM temp.purge_ids")
        report = PurgeReport(
            cutoff=cutoff,
            sessions_deleted=len(stale),
            turns_deleted=turns,
            events_deleted=events,
            overrides_deleted=overrides,
            users_deleted=len(orphans),
            dry_run=dry_run,
        )
        if dry_run:
            raise _DryRun(report)
        if stale or orphans:
            erasure.record(db, "purge")
        return report

    try:
        report = store.transact(run)
    except _DryRun as done:
        return done.report
    return _finished(store, report)


class _DryRun(Exception):
    """Rolls the purge transaction back after counting what it would delete."""

    def __init__(self, report: PurgeReport) -> None:
        self.report = report


def _finished(store: SqliteStore, report: Report) -> Report:
    """The report once the erasure job is finished, or saying why it could not be."""
    status = erasure.finish_pending(store)
    return replace(report, complete=status.complete, incomplete_reason=status.reason)
