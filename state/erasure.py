"""Erasure (`forget`, `purge`) as one recoverable job, so deleted words leave the disk.

Deleting rows is not enough: FTS5 keeps a deleted message's words in its index segments
until they are merged, and in WAL mode the old pages stay in the write-ahead log and, until
a checkpoint, in the main file. So an erasure is recorded in the same transaction as the
deletion (`record`), and `finish_pending` then merges the index, checkpoints the WAL into
the (zeroed: `secure_delete`) main file and truncates it, and only then marks the job
finished. If the process dies after the deletion, the job is still there: every store
opened for writing finishes pending jobs first. A checkpoint cannot pass a transaction
another program still has open (its snapshot still shows the erased rows); then the job
stays pending and the caller is told, instead of reporting success.

A job row says only when an erasure was asked for and finished: never whom it erased.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogues.ports import utc_now as now

if TYPE_CHECKING:
    from sqlite_utils import Database

    from state.store import SqliteStore


@dataclass(frozen=True)
class ErasureStatus:
    """Whether every recorded erasure is finished; if not, why (one line)."""

    complete: bool
    pending: int = 0
    reason: str = ""
    finished: int = 0  # jobs this call finished (an interrupted run's, when a store opens)


def record(db: Database, kind: str) -> None:
    """Record an erasure job inside the transaction that deletes (see the module docstring)."""
    db.execute("INSERT INTO erasures (kind, requested_at) VALUES (?, ?)", [kind, now()])


def finish_pending(store: SqliteStore) -> ErasureStatus:
    """Merge the full-text index, checkpoint and truncate the WAL, then mark the pending
    erasure jobs finished; report when another connection's open transaction prevents it."""
    with store.read() as db:
        ids = [r[0] for r in db.execute("SELECT id FROM erasures WHERE finished_at IS NULL")]
    if not ids:
        return ErasureStatus(True)
    merge_index(store)
    if not store.memory and not checkpoint(store):
        return ErasureStatus(
            False,
            len(ids),
            f"another program still has {store.path} open in a transaction (a reader such "
            "as Datasette or a sqlite3 shell), so the erased words remain in its "
            "write-ahead log; close it, and the erasure finishes the next time Parley "
            "opens the database (or run the command again)",
        )

    def mark(db: Database) -> None:
        marks = ",".join("?" * len(ids))
        db.execute(f"UPDATE erasures SET finished_at = ? WHERE id IN ({marks})", [now(), *ids])

    store.transact(mark)
    return ErasureStatus(True, finished=len(ids))


def merge_index(store: SqliteStore) -> None:
    """Drop the erased words from the full-text index.

    FTS5 keeps a deleted line's words in the segment that first indexed them (only a delete
    marker is added) until that segment is rewritten, and an old line sits in the largest,
    oldest segment. 'optimize' merges every segment into one, leaving the erased entries
    out: it rewrites the whole index, so it costs what the index weighs, not what was
    deleted. Nothing cheaper removes the words on SQLite 3.40: a 'merge' with a page budget
    only merges segments of one level and never reaches the big one (measured: it changes
    nothing after a forget), and the in-place removal that would make it proportional,
    FTS5's 'secure-delete' option, needs SQLite 3.42."""
    store.transact(lambda db: db.execute("INSERT INTO turns_fts (turns_fts) VALUES ('optimize')"))


def checkpoint(store: SqliteStore) -> bool:
    """Copy the WAL into the main file and truncate it, so the pages that held the erased
    rows leave the log; False when another connection's open snapshot still needs them."""
    with store.read() as db:
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy
