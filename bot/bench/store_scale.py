"""The store at scale, as ratios measured in one run, each row against the issue's target.

- `transcripts list` (50 rows) at `LARGE` turns against a plain SQL query of the same rows:
  the list reads each session's stored scores with `LIMIT`, walking the `(created_at, id)`
  index newest first, so it should stay within 2×.
- Export peak memory (tracemalloc) at `LARGE` turns against `SMALL` turns: rows are
  streamed, so the ratio should stay near 1 (flat in the database's size).
- `forget` of one trainee (the same number of turns) at `LARGE` against `SMALL` turns:
  proportional to what it deletes would be near 1. Its two halves are timed apart: the
  deletion (and its job record), which is (every column pointing at a person is indexed),
  and the job's finish, which is not: merging the full-text index to drop the erased words
  (FTS5 `optimize`) rewrites the whole index, and the WAL checkpoint then copies it. SQLite
  3.42's FTS5 `secure-delete`, which removes the words in place, is newer than ours (3.40).
- Opening the store for writing at `LARGE` turns: the bot's start and every writing command
  first check the file's integrity (`state.integrity`). After a clean close that check is
  bounded (schema, each table's root and edge pages), so it should stay near a read-only
  open; after an unclean one (a write-ahead log left behind) it reads the whole file, so
  that row grows with the database.
- Group commit: `THREADS` sessions each playing turns at once (one thread each, every turn
  durable before its call returns) against one session playing alone; the target is
  ≥ 1,000 turns/s on 2 cores.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from click.testing import CliRunner

from bot.bench import Row, Target
from bot.bench.store import METERS, SCORE, SNAPSHOT, TEXT, bench_session, bench_turn
from bot.cli import main
from state import erasure, scores
from state.export import Filters, session_rows, snapshot, turn_rows, write_json
from state.privacy import delete_person
from state.store import SqliteStore

if TYPE_CHECKING:
    from sqlite_utils import Database

SMALL, LARGE = 25_000, 100_000
TURNS_PER_SESSION = 20
SESSIONS_PER_TRAINEE = 5
THREADS, TURNS_PER_THREAD, SERIAL_TURNS = 100, 20, 100
LIST_ROUNDS = 20
LIST_TARGET = Target(2)  # `transcripts list` against a plain query of the same rows
# "Flat in the database's size": 4× the data may cost at most a quarter more.
FLAT_TARGET = Target(1.25)
THROUGHPUT_TARGET = Target(1000, " turns/s", at_least=True)
START = datetime(2026, 1, 1, tzinfo=UTC)


def _fill(store: SqliteStore, first_turn: int, last_turn: int) -> None:
    """Sessions of `TURNS_PER_SESSION` turns, `SESSIONS_PER_TRAINEE` per trainee, written
    in bulk (one transaction) with the store's own schema, triggers and score columns."""
    session_ids = range(first_turn // TURNS_PER_SESSION, last_turn // TURNS_PER_SESSION)

    def run(db: Database) -> None:
        for n in session_ids:
            session_id, created = f"b{n}", (START + timedelta(minutes=n)).isoformat()
            trainee = store.user_id(db, f"bench:{n // SESSIONS_PER_TRAINEE}")
            db.execute(
                "INSERT INTO sessions (id, user_id, scenario_id, scenario_version, rubric, seed, "
                "mode, level, counterpart, created_at) VALUES (?, ?, 'checkpoint-convoy', 1, "
                "'2026.1', 1, 'coach', 'normal', ?, ?)",
                [session_id, trainee, json.dumps(SNAPSHOT), created],
            )
            db.conn.executemany(
                "INSERT INTO turns (session_id, idx, author_id, text, codes, evidence, points, "
                "score, state, meters, reply, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'guarded', ?, 'Nothing on this road is safe.', ?)",
                [
                    (
                        session_id,
                        i,
                        trainee,
                        f"{TEXT} ({n}.{i})",
                        json.dumps(SCORE["codes"]),
                        json.dumps(SCORE["evidence"]),
                        json.dumps(SCORE["points"]),
                        json.dumps(SCORE),
                        json.dumps(METERS),
                        created,
                    )
                    for i in range(TURNS_PER_SESSION)
                ],
            )
            scores.refresh(db, session_id)

    store.transact(run)


def _best(fn: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _list_vs_sql(store: SqliteStore) -> list[Row]:
    def listed() -> None:
        with snapshot(store) as db:
            list(session_rows(db, Filters(), order="recent", limit=50))

    def plain() -> None:
        with store.read() as db:
            db.execute("SELECT * FROM sessions ORDER BY created_at DESC LIMIT 50").fetchall()

    def command() -> None:
        result = CliRunner().invoke(main, ["transcripts", "list", "--json", "--db", store.path])
        if result.exit_code:
            raise RuntimeError(f"transcripts list failed: {result.output}")

    def opened() -> None:
        with closing(sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)) as conn:
            conn.execute("SELECT * FROM sessions ORDER BY created_at DESC LIMIT 50").fetchall()

    ours, bare = _best(listed, LIST_ROUNDS), _best(plain, LIST_ROUNDS)
    whole, opening = _best(command, LIST_ROUNDS), _best(opened, LIST_ROUNDS)
    base = Row(f"store: plain SQL, 50 sessions at {LARGE:,} turns", 50, bare)
    connect = Row("store: connect + plain SQL, same rows", 50, opening)
    return [
        base,
        base.versus(
            f"store: transcripts list, 50 rows at {LARGE:,} turns",
            ours,
            baseline="plain SQL, same rows",
            target=LIST_TARGET,
        ),
        connect,
        # The whole command adds a fixed cost whatever the size: opening the store read-only
        # with its checks (Parley's file, schema version, pending erasures) and printing JSON.
        connect.versus("store: transcripts list --json, whole command in-process", whole),
    ]


def _export_peak(store: SqliteStore) -> tuple[float, float]:
    """(seconds, peak bytes) of a whole JSON export streamed to a sink."""
    tracemalloc.start()
    start = time.perf_counter()
    with snapshot(store) as db, open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(sink, session_rows(db, Filters()), turn_rows(db, Filters()))
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, float(peak)


def _forget(store: SqliteStore, trainees: list[str]) -> tuple[float, float]:
    """Best seconds of `forget`'s two halves, one trainee at a time: the deletion, then
    finishing its erasure job (a few milliseconds each: one sample would be noise)."""
    deletion = finish = float("inf")
    for trainee in trainees:
        start = time.perf_counter()
        delete_person(store, trainee)
        deleted = time.perf_counter()
        if not erasure.finish_pending(store).complete:
            raise RuntimeError("the bench's forget could not finish its erasure")
        deletion = min(deletion, deleted - start)
        finish = min(finish, time.perf_counter() - deleted)
    return deletion, finish


def _opening(store: SqliteStore) -> list[Row]:
    """Opening the store for writing (what the bot's start and every writing command do)
    at `LARGE` turns: after a clean close (no write-ahead log left: the bounded integrity
    check) against opening it read-only, and after an unclean one (a log left, as by a
    killed process: the check of the whole file) against a clean one."""
    path = store.path
    read_only = _best(lambda: SqliteStore(path, read_only=True).close(), 3)
    erasure.checkpoint(store)  # the log emptied, as the last connection's clean close leaves it
    clean = _best(lambda: SqliteStore(path).close(), 3)
    store.set_display_name("bench:open", "Open")  # a write left in the log, not checkpointed
    unclean = _best(lambda: SqliteStore(path).close(), 3)
    base = Row(f"store: open read-only at {LARGE:,} turns", 1, read_only)
    clean_row = base.versus(
        f"store: open for writing at {LARGE:,} turns, clean close before (bounded integrity check)",
        clean,
        baseline="open read-only",
    )
    return [
        base,
        clean_row,
        replace(clean_row, baseline="", ratio=None),
        clean_row.versus(
            f"store: open for writing at {LARGE:,} turns after an unclean close (integrity "
            "check of the whole file)",
            unclean,
            baseline="open for writing after a clean close",
        ),
    ]


def _scale() -> list[Row]:
    # Up to 3 trainees forgotten at each size, all with their turns in the first `SMALL`.
    each = min(3, SMALL // (TURNS_PER_SESSION * SESSIONS_PER_TRAINEE) // 2)
    small_trainees = [f"bench:{n}" for n in range(each)]
    large_trainees = [f"bench:{n}" for n in range(each, 2 * each)]
    with tempfile.TemporaryDirectory() as folder, SqliteStore(Path(folder) / "s.db") as store:
        _fill(store, 0, SMALL)
        # A first export fills Python's free lists and caches (about 0.4 MiB, whatever the
        # size): done once untimed, so both measured exports start alike and the ratio
        # says whether memory grows with the database, not which export came first.
        _export_peak(store)
        small_export = _export_peak(store)
        small_forget = _forget(store, small_trainees)
        _fill(store, SMALL, LARGE)
        large_export = _export_peak(store)
        large_forget = _forget(store, large_trainees)
        rows = [*_list_vs_sql(store), *_opening(store)]
    deleted = SESSIONS_PER_TRAINEE * TURNS_PER_SESSION
    small_kib, large_kib = small_export[1] / 1024, large_export[1] / 1024
    forget_small = Row(
        f"store: forget {deleted} turns at {SMALL:,} turns", deleted, sum(small_forget)
    )
    delete_small = Row(
        f"store: forget's deletion, {deleted} turns at {SMALL:,} turns", deleted, small_forget[0]
    )
    finish_small = Row(
        f"store: forget's index merge + WAL checkpoint at {SMALL:,} turns",
        deleted,
        small_forget[1],
    )
    return [
        *rows,
        Row(f"store: export at {SMALL:,} turns, peak {small_kib:,.0f} KiB", SMALL, small_export[0]),
        Row(
            f"store: export at {LARGE:,} turns, peak {large_kib:,.0f} KiB (ratio: peak memory)",
            LARGE,
            large_export[0],
            f"export at {SMALL:,} turns",
            large_kib / small_kib,
            FLAT_TARGET,
        ),
        forget_small,
        forget_small.versus(
            f"store: forget {deleted} turns at {LARGE:,} turns (the FTS merge rewrites the index)",
            sum(large_forget),
            baseline=f"forget at {SMALL:,} turns",
            target=FLAT_TARGET,
        ),
        delete_small,
        delete_small.versus(
            f"store: forget's deletion, {deleted} turns at {LARGE:,} turns",
            large_forget[0],
            baseline=f"deletion at {SMALL:,} turns",
        ),
        finish_small,
        finish_small.versus(
            f"store: forget's index merge + WAL checkpoint at {LARGE:,} turns (whole index)",
            large_forget[1],
            baseline=f"merge at {SMALL:,} turns",
        ),
    ]


def _play(store: SqliteStore, session_id: str, turns: int) -> None:
    session = bench_session(session_id)
    for i in range(turns):
        store.record_turn(bench_turn(session_id, i), session)


def _group_commit() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder, SqliteStore(Path(folder) / "g.db") as store:
        for n in range(THREADS):
            store.create_session(bench_session(f"g{n}"))
        store.create_session(bench_session("alone"))
        start = time.perf_counter()
        _play(store, "alone", SERIAL_TURNS)
        serial = time.perf_counter() - start
        commits = store._commits.commits
        threads = [
            threading.Thread(target=_play, args=(store, f"g{n}", TURNS_PER_THREAD))
            for n in range(THREADS)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        together = time.perf_counter() - start
        shared = store._commits.commits - commits
    total = THREADS * TURNS_PER_THREAD
    alone = Row("store: one session alone, a commit per turn", SERIAL_TURNS, serial)
    at_once = alone.versus(
        f"store: {THREADS} sessions at once, group commit ({total / shared:.1f} turns per commit)",
        together,
        ops=total,
        baseline="one session alone",
    )
    # Its target is a throughput (turns per second), not the ratio.
    return [alone, replace(at_once, target=THROUGHPUT_TARGET, figure=at_once.ops_per_s)]


CASES = [_scale, _group_commit]
