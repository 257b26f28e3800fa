"""Storage errors a person can act on: each message says which file and what to do."""

from __future__ import annotations

from dialogues.ports import SessionConflict as TurnConflict


class StoreError(Exception):
    """Something is wrong with the database file (missing, unreadable, newer, busy)."""


class StoreNotFound(StoreError):
    """The database file does not exist (and the caller did not ask to create it)."""


class StoreBusy(StoreError):
    """Another connection held the write lock for longer than the bounded wait."""


class NotParley(StoreError):
    """The file is not SQLite, or holds another program's tables: never written to."""


class StoreDamaged(StoreError):
    """The file failed SQLite's integrity check: refused before anything is written."""


class ReadOnlyStore(StoreError):
    """A write was attempted through a store opened for reading."""


class NewerSchema(StoreError):
    """The file was written by a newer Parley: refuse rather than corrupt it."""


class DuplicateSession(StoreError, ValueError):
    """A session with this id already exists."""


class UnknownSession(StoreError, LookupError):
    """No session has this id."""


class UnknownTurn(StoreError, LookupError):
    """No turn has this session id and index."""


class SessionConflict(StoreError, TurnConflict):
    """Another writer already stored this turn index: reload the session and play again.

    Turns of one session are serialised by the front end; this is the safety net when two
    processes play the same session at once, so a turn computed from a stale snapshot is
    refused instead of silently overwriting the newer one.
    """
