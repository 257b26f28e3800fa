"""Persistence on one SQLite file (sqlite-utils, WAL): see docs/storage.md.

- `store`: `SqliteStore`, the `SessionStore` contract (sessions, turns, events, people)
- `migrations`: the schema as numbered migrations
- `search`: full-text search over turns, safe for any input
- `export`: research exports (pseudonymised by default)
- `privacy`: forgetting a person, retention purges
- `overrides`: coordinators' score corrections and their audit trail
- `errors`: storage errors a person can act on
"""

import sys


def _import_sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils with numpy hidden from it.

    sqlite-utils imports numpy, when installed, only to map numpy's scalar types to column
    types when it creates a table from Python values; Parley creates its tables in SQL and
    never passes it numpy values. Importing numpy would cost every start of the bot and of
    each command that opens the store as much CPU as the rest of Parley's start (see
    `dialogues.deferred`); the scorer still imports it, as usual, when it first scores.
    """
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


_import_sqlite_utils_without_numpy()
