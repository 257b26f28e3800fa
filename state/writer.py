"""Group commit: writes from many threads share one transaction and one fsync.

With `synchronous=FULL` every commit waits for the disk, so one commit per turn caps a busy
bot at about one fsync's worth of turns per second whatever the number of sessions. Here a
write is queued; the first thread that finds no commit in progress becomes the leader,
takes everything queued so far, runs each write in its own savepoint inside one
`BEGIN IMMEDIATE … COMMIT` on its own connection, then wakes the callers. Writes queued
meanwhile form the next group, led by one of their own threads, so nobody serves others
for longer than one commit.

Each caller still returns only after the commit that holds its write: "durable before the
reply" is kept. A write that raises (a duplicate message, a stale turn index) rolls back
its own savepoint only and the error reaches its own caller; the rest of the group
commits. If the commit itself fails, every write of the group gets that error.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

    from state.store import SqliteStore


class _Write:
    __slots__ = ("error", "finished", "fn", "result")

    def __init__(self, fn: Callable[[Database], Any]) -> None:
        self.fn = fn
        self.finished = False
        self.result: Any = None
        self.error: BaseException | None = None

    def outcome(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.result


class GroupCommit:
    """The store's one writer (per process): see the module docstring."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store
        self._cond = threading.Condition()
        self._queue: list[_Write] = []
        self._leading = False
        self._inside = threading.local()
        self.commits = 0  # how many transactions were committed (the bench reads it)

    def run(self, fn: Callable[[Database], Any]) -> Any:
        """Run `fn(db)` in a shared write transaction; return (or raise) its outcome once the
        transaction holding it is committed."""
        if getattr(self._inside, "db", None) is not None:
            return fn(self._inside.db)  # a write inside a write: already in the transaction
        write = _Write(fn)
        with self._cond:
            self._queue.append(write)
            while not write.finished and self._leading:
                self._cond.wait()
            if write.finished:
                return write.outcome()
            self._leading = True
            group, self._queue = self._queue, []
        try:
            self._commit(group)
        finally:
            with self._cond:
                self._leading = False
                self._cond.notify_all()
        return write.outcome()

    def _commit(self, group: list[_Write]) -> None:
        store = self.store
        try:
            with store.write() as db:
                self._inside.db = db
                try:
                    for write in group:
                        self._one(db, write)
                finally:
                    self._inside.db = None
            self.commits += 1
        except BaseException as exc:
            failed = store.translate(exc) if isinstance(exc, sqlite3.Error) else exc
            for write in group:
                if write.error is None:
                    write.error = failed
            if not isinstance(exc, Exception):
                raise  # KeyboardInterrupt, SystemExit: the leader's own process is stopping
        finally:
            for write in group:
                write.finished = True

    def _one(self, db: Database, write: _Write) -> None:
        db.conn.execute("SAVEPOINT parley_write")
        try:
            write.result = write.fn(db)
        except Exception as exc:
            db.conn.execute("ROLLBACK TO parley_write")
            write.error = self.store.translate(exc) if isinstance(exc, sqlite3.Error) else exc
        finally:
            db.conn.execute("RELEASE parley_write")
