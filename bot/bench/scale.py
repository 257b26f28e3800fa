"""Scale: what a turn, a start and a live session cost with 10,000 sessions live, in one run.

The service keeps live sessions in a bounded LRU (record, party, conversation windows); a
turn must cost the same whether one session is live or 10,000, and a live session must hold
a bounded amount of memory. Sessions live in a `MemoryStore` here: the store's own cost is
`bot.bench.store`'s subject, and 10,000 durable starts would take minutes. Scoring is
measured too, since a long message must not cost much more than a short one.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from itertools import cycle, islice

from bot.bench import Row, Target
from bot.bench.turn import MESSAGES
from dialogues.catalogue import ScenarioCatalogue
from dialogues.memory_store import MemoryStore
from dialogues.scoring import score
from dialogues.scoring.history import History
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.scorer import clear_caches
from dialogues.service import SessionService

SCENARIO = "checkpoint-convoy"
MANY = 10_000
TURNS = 8  # per measured session: civil messages, so the session is still going
ROUNDS = 5
# Memory is measured on sessions played this far (windows full: 12 messages, 8 scores).
MEMORY_SESSIONS = 200
MEMORY_TURNS = 14
TURN_TARGET = Target(1.2)
MEMORY_TARGET = Target(20, " KB")
LONG_TARGET = Target(10)


def _play(service: SessionService, seed: int, turns: int) -> str:
    session_id = service.start(SCENARIO, trainee="bench", seed=seed).session.id
    for text in islice(cycle(MESSAGES), turns):
        if service.handle_turn(session_id, text).outcome != "ongoing":
            break
    return session_id


def _best(cases: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Best time per case over rounds that alternate the cases (load bursts hit all alike)."""
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(ROUNDS):
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def _turns() -> list[Row]:
    catalogue = ScenarioCatalogue()
    one = SessionService(MemoryStore(), catalogue)
    many = SessionService(MemoryStore(), catalogue, live_sessions=2 * MANY)
    for seed in range(MANY):
        many.start(SCENARIO, trainee="bench", seed=seed)
    seeds = iter(range(MANY, 10 * MANY))
    _play(one, 0, TURNS)  # warm the scorer and the engine

    def start(service: SessionService) -> Callable[[], None]:
        def run() -> None:
            service.start(SCENARIO, trainee="bench", seed=next(seeds))

        return run

    best = _best(
        {
            "one": lambda: _play(one, next(seeds), TURNS),
            "many": lambda: _play(many, next(seeds), TURNS),
            "start one": start(one),
            "start many": start(many),
        }
    )
    live = many.live_count()
    turns = Row(f"scale: start + {TURNS} turns, 1 live (baseline)", TURNS + 1, best["one"])
    start_one = Row("scale: start, 1 live (baseline)", 1, best["start one"])
    return [
        turns,
        turns.versus(
            f"scale: start + {TURNS} turns, {live:,} live", best["many"], target=TURN_TARGET
        ),
        start_one,
        start_one.versus(f"scale: start, {live:,} live", best["start many"]),
    ]


def _reload() -> list[Row]:
    """A turn on a session evicted from the cache (reloaded from the store) against a hot one."""
    catalogue = ScenarioCatalogue()
    store = MemoryStore()
    hot = SessionService(store, catalogue)
    cold = SessionService(store, catalogue, live_sessions=1)
    ids = [_play(hot, seed, TURNS) for seed in range(4)]
    texts = cycle(MESSAGES)

    def turn_each(service: SessionService) -> None:
        for session_id in ids:  # with one slot, every turn evicts the previous session
            service.handle_turn(session_id, next(texts))

    best = _best({"hot": lambda: turn_each(hot), "cold": lambda: turn_each(cold)})
    cached = Row("scale: turn, session cached (baseline)", len(ids), best["hot"])
    return [cached, cached.versus("scale: turn, session evicted (reloaded)", best["cold"])]


def _held(service: SessionService, ids: list[str]) -> int:
    """Bytes the service holds once `ids` are loaded (process-wide caches emptied first)."""
    gc.collect()
    clear_caches()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for session_id in ids:
        service.session(session_id)
    clear_caches()
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return held


def _memory() -> list[Row]:
    catalogue = ScenarioCatalogue()
    store = MemoryStore()
    player = SessionService(store, catalogue)
    ids = [_play(player, seed, MEMORY_TURNS) for seed in range(MEMORY_SESSIONS)]
    full = SessionService(store, catalogue, live_sessions=MEMORY_SESSIONS)
    quarter = SessionService(store, catalogue, live_sessions=MEMORY_SESSIONS // 4)
    for service in (full, quarter):
        service.engine(SCENARIO)  # the scenario's engine is shared, not per session
    start = time.perf_counter()
    per_session = _held(full, ids) / MEMORY_SESSIONS
    seconds = time.perf_counter() - start
    bounded = _held(quarter, ids)
    kb = per_session / 1024
    return [
        Row(
            f"scale: {kb:.1f} KB per live session",
            MEMORY_SESSIONS,
            seconds,  # loading them from the store
            target=MEMORY_TARGET,
            figure=kb,
        ),
        Row(
            f"scale: memory, cache of {MEMORY_SESSIONS // 4} for {MEMORY_SESSIONS} sessions",
            MEMORY_SESSIONS,
            seconds,
            "all cached",
            bounded / (per_session * MEMORY_SESSIONS),
        ),
    ]


def _long_message() -> list[Row]:
    """Scoring a 4,000-character message against a 60-character one, in a live session's
    context (12 earlier messages), caches cleared so nothing is scored from memory."""
    party = "Nobody passes this checkpoint. Your last convoy carried rifles under the flour."
    history = History.of(
        ScoringContext(party, (party,) * 10, tuple(islice(cycle(MESSAGES), 12)), True)
    )
    short = "What would you need to see before the first trucks move?"  # 58 characters
    prose = " ".join(islice(cycle(MESSAGES), 80))[:4000]  # many sentences
    run_on = ("What if we " + "check the trucks together, " * 160)[:4000]  # one sentence

    def scoring_seconds(text: str) -> float:
        """Best of ROUNDS, each 5 cold scorings; clearing the caches is not timed."""
        best = float("inf")
        for _ in range(ROUNDS):
            total = 0.0
            for _ in range(5):
                clear_caches()
                start = time.perf_counter()
                score(text, history)
                total += time.perf_counter() - start
            best = min(best, total)
        return best

    best = {"short": scoring_seconds(short), "prose": scoring_seconds(prose)}
    best["run-on"] = scoring_seconds(run_on)
    sixty = Row("scale: score 60 characters (baseline)", 5, best["short"])
    return [
        sixty,
        sixty.versus("scale: score 4,000 chars of prose", best["prose"], target=LONG_TARGET),
        sixty.versus("scale: score 4,000 chars, one sentence", best["run-on"], target=LONG_TARGET),
    ]


CASES = [_turns, _reload, _memory, _long_message]
