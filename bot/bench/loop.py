"""How long the bot's event loop stalls while turns are played, on the store thread or not.

Discord drops an interaction that is not acknowledged within 3 s, and every server the bot
is in shares one event loop, so what matters is the loop's longest stall. Two cases: a
4,000-character message (scoring is linear in its length), and a turn written while another
connection holds SQLite's write lock for LOCK_SECONDS (as a CLI `forget` or `export` would).
Each is measured through `StoreThread` (what the bot does) against the same call made on the
loop; the ratio is the stall the bot shows as a fraction of the blocking one. The lock is
held for the issue's full 10 s here (the test suite proves the same with a short hold, see
tests/bot/test_busy_store.py), and the store thread's stall is held against Discord's 3 s.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bot.bench import Row, Target
from bot.bench.turn import MESSAGES
from bot.store_thread import StoreThread
from dialogues.catalogue import ScenarioCatalogue
from dialogues.service import MAX_MESSAGE_CHARS, SessionService
from state.store import SqliteStore

# The target: no interaction misses Discord's window while another process holds the
# write lock this long (the bot's longest loop stall must stay under DISCORD_WINDOW).
LOCK_SECONDS = 10.0
DISCORD_WINDOW = Target(3, " s")
LONG_MESSAGE = (" ".join(MESSAGES) * 20)[:MAX_MESSAGE_CHARS]


async def _longest_stall(work: Callable[[], object], *, off_loop: bool) -> float:
    """Seconds of the longest gap between ticks of a 1 ms heartbeat while `work` runs."""
    stalls = [0.0]
    done = asyncio.Event()

    async def heartbeat() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            stalls.append(now - last)
            last = now

    beating = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.01)
    thread = StoreThread()
    try:
        if off_loop:
            await thread.run(work)
        else:
            work()
    finally:
        thread.close()
        done.set()
        await beating
    return max(stalls)


@functools.cache
def _scenarios() -> ScenarioCatalogue:
    return ScenarioCatalogue()


def _turn(store: SqliteStore, text: str) -> Callable[[], object]:
    """One turn of a new session over `store`, ready to be played."""
    service = SessionService(store, _scenarios())
    scenario = next(iter(service.catalogue)).id
    session = service.start(scenario, trainee="bench", mode="assess", seed=1).session
    service.handle_turn(session.id, MESSAGES[1])  # the scorer's model loads on first use
    return functools.partial(service.handle_turn, session.id, text)


def _hold_lock(path: str, ready: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(LOCK_SECONDS)
    conn.execute("ROLLBACK")
    conn.close()


def _rows(case: str, play: Callable[[bool], float], window: Target | None = None) -> list[Row]:
    """The stall on the loop and through the store thread; `window`, when given, is held
    against the store thread's stall in seconds (what the bot shows)."""
    blocking = play(False)
    threaded = play(True)
    on_loop = Row(f"{case}, on the loop", 1, blocking)
    off_loop = on_loop.versus(f"{case}, store thread", threaded, baseline="on the loop")
    if window is not None:
        off_loop = replace(off_loop, target=window, figure=threaded)
    return [on_loop, off_loop]


def long_message() -> list[Row]:
    """Longest loop stall while a 4,000-character message is scored and stored."""

    def play(off_loop: bool) -> float:
        with tempfile.TemporaryDirectory() as folder, SqliteStore(Path(folder) / "b.db") as store:
            return asyncio.run(_longest_stall(_turn(store, LONG_MESSAGE), off_loop=off_loop))

    return _rows(f"loop stall: {len(LONG_MESSAGE):,}-char turn", play)


def locked_store() -> list[Row]:
    """Longest loop stall while a turn waits for another connection's write lock."""

    def play(off_loop: bool) -> float:
        with (
            tempfile.TemporaryDirectory() as folder,
            SqliteStore(Path(folder) / "b.db", busy_timeout=LOCK_SECONDS * 2) as store,
        ):
            turn = _turn(store, MESSAGES[0])
            ready = threading.Event()
            holder = threading.Thread(target=_hold_lock, args=(store.path, ready))
            holder.start()
            ready.wait()
            try:
                return asyncio.run(_longest_stall(turn, off_loop=off_loop))
            finally:
                holder.join()

    return _rows(f"loop stall: turn under a {LOCK_SECONDS:g}s write lock", play, DISCORD_WINDOW)


CASES = [long_message, locked_store]
