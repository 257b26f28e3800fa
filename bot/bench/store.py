"""Cost of one durable turn write (`SqliteStore.record_turn`) against a bare SQLite INSERT
of the same row into the same file and schema, measured in the same run.

`record_turn` takes the write lock (`BEGIN IMMEDIATE`), checks the message id and index,
maps the author to a pseudonym, inserts the turn (and its full-text entry), updates the
session's snapshot and commits with `synchronous=FULL`. The baselines insert the same row
with plain `sqlite3`: one with the same durability (FULL, a sync per commit), one without
syncing (`synchronous=OFF`), to show what durability itself costs.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.bench import Row
from dialogues.ports import SessionRecord, TurnRecord
from state.store import SqliteStore

OPS = 100
ROUNDS = 5
TEXT = "I hear you: your men have been shot at from this road before. What would make it safe?"
SCORE = {
    "rubric": "2026.1",
    "codes": ["paraphrase", "open_question"],
    "evidence": {
        "paraphrase": [{"start": 0, "end": 60, "text": TEXT[:60]}],
        "open_question": [{"start": 62, "end": len(TEXT), "text": TEXT[62:]}],
    },
    "reasons": {"paraphrase": "restates the party", "open_question": "invites an answer"},
    "points": {"active_listening": 5.0, "trust_building": 0.0, "interim_proposals": 0.0},
    "weight": 1.0,
    "flags": [],
}
METERS = {"trust": 25, "tension": 55, "heard": 30}
SNAPSHOT = {"state": "guarded", "meters": METERS, "used_replies": {"guarded": [0, 2, 3]}}


def bench_session(session_id: str) -> SessionRecord:
    """The one session record every store bench writes (only its id varies)."""
    return SessionRecord(
        id=session_id,
        scenario_id="checkpoint-convoy",
        scenario_version=1,
        rubric="2026.1",
        seed=1,
        mode="coach",
        level="normal",
        trainee="bench",
        counterpart=SNAPSHOT,
    )


def bench_turn(session_id: str, index: int) -> TurnRecord:
    """The same realistic turn every store bench writes, so their figures compare."""
    return TurnRecord(
        session_id=session_id,
        index=index,
        author="bench",
        text=TEXT,
        score=SCORE,
        reply="Safe? Nothing on this road is safe.",
        state="guarded",
        meters=METERS,
        message_id=f"{session_id}-{index}",
    )


def _bare(conn: sqlite3.Connection, session_id: str) -> Callable[[], None]:
    author = conn.execute("SELECT user_id FROM sessions WHERE id = ?", [session_id]).fetchone()[0]
    counter = itertools.count()

    def insert_all() -> None:
        for _ in range(OPS):
            i = next(counter)
            conn.execute(
                "INSERT INTO turns (session_id, idx, author_id, text, codes, evidence, points, "
                "score, state, meters, reply, hint, message_id, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    session_id,
                    i,
                    author,
                    TEXT,
                    json.dumps(SCORE["codes"]),
                    json.dumps(SCORE["evidence"]),
                    json.dumps(SCORE["points"]),
                    json.dumps(SCORE),
                    "guarded",
                    json.dumps(METERS),
                    "Safe? Nothing on this road is safe.",
                    "",
                    f"{session_id}-{i}",
                    "2026-01-01T00:00:00+00:00",
                ],
            )  # autocommit: one transaction (and, with FULL, one sync) per row

    return insert_all


def _durable(store: SqliteStore, session_id: str) -> Callable[[], None]:
    session = bench_session(session_id)
    counter = itertools.count()

    def record_all() -> None:
        for _ in range(OPS):
            store.record_turn(bench_turn(session_id, next(counter)), session)

    return record_all


def _interleaved(cases: dict[str, Callable[[], None]]) -> dict[str, float]:
    """Best time per case over rounds that alternate the cases, so a burst of disk load
    from other processes hits every case alike (fsync times swing a lot on shared disks)."""
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(ROUNDS):
        for name, fn in cases.items():
            best[name] = min(best[name], timed_once(fn))
    return best


def timed_once(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _turn_write() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        with SqliteStore(path) as store:
            for sid in ("durable", "bare-full", "bare-off"):
                store.create_session(bench_session(sid))
            full_conn = sqlite3.connect(path, isolation_level=None)
            full_conn.execute("PRAGMA synchronous = FULL")
            off_conn = sqlite3.connect(path, isolation_level=None)
            off_conn.execute("PRAGMA synchronous = OFF")
            best = _interleaved(
                {
                    "full": _bare(full_conn, "bare-full"),
                    "off": _bare(off_conn, "bare-off"),
                    "durable": _durable(store, "durable"),
                }
            )
            full_conn.close()
            off_conn.close()
    bare_full, bare_off, durable = best["full"], best["off"], best["durable"]
    full = Row("store: bare INSERT, FULL sync (baseline)", OPS, bare_full)
    off = full.versus("store: bare INSERT, no sync", bare_off)
    return [
        full,
        off,
        full.versus("store: record_turn (durable, one txn)", durable),
        off.versus("store: record_turn vs no-sync INSERT", durable),
    ]


CASES = [_turn_write]
