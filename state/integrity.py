"""Is a Parley file intact enough to write into? Checked before the first write of a process.

SQLite's `PRAGMA quick_check` reads every page of the file: about 0.11 s of CPU at 100,000
turns, paid by every bot start and writing command, while a file closed cleanly by SQLite
is seldom damaged. So the whole file is checked only when the last process that wrote it
did not close it cleanly. SQLite's own trace of that is the write-ahead log: the last
connection to close checkpoints it and deletes it, so a non-empty `-wal` file left beside
the database means a process was killed, lost power, or is still running (then the check
is paid once more than needed: safe, not wrong).

Otherwise a bounded check reads, with every cell's bounds verified (`cell_size_check`),
the schema, and each table's root page with its first and last leaves, where new rows
are appended: its cost grows with the number of tables and the depth of their trees, not
with the number of rows. Damage in a page in the middle of a big table is then found by
the reads that reach it (SQLite reports it as "malformed"), not at opening.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def problems(conn: sqlite3.Connection, path: str) -> list[str]:
    """SQLite's findings, `["ok"]` when there are none (see the module docstring)."""
    wal = Path(path + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return [row[0] for row in conn.execute("PRAGMA quick_check")]
    return bounded(conn)


def bounded(conn: sqlite3.Connection) -> list[str]:
    """The schema, and every table's root page with its first and last leaves: a damaged
    page among these raises `sqlite3.DatabaseError` ("malformed") or is listed."""
    conn.execute("PRAGMA cell_size_check = ON")
    found = [row[0] for row in conn.execute("PRAGMA quick_check(sqlite_schema)")]
    if found != ["ok"]:
        return found
    tables = conn.execute(
        "SELECT name, upper(sql) FROM sqlite_schema WHERE type = 'table' AND rootpage > 0"
    ).fetchall()
    for name, sql in tables:
        conn.execute(f"SELECT * FROM [{name}] NOT INDEXED LIMIT 1").fetchall()
        if "WITHOUT ROWID" not in sql:
            conn.execute(f"SELECT max(rowid) FROM [{name}]").fetchall()
    return found
