"""Live sessions at scale: a bounded cache reloaded from the store, locks that shrink.

Played with the real scorer and a shipped scenario: determinism across eviction must hold
for everything a turn computes (scores, the party's state, replies, hints).
"""

from __future__ import annotations

import asyncio
import threading

import pytest

from dialogues import service as service_module
from dialogues.catalogue import ScenarioCatalogue
from dialogues.locks import AsyncKeyedLocks
from dialogues.memory_store import MemoryStore
from dialogues.scoring.history import History
from dialogues.scoring.model import TurnScore
from dialogues.service import SessionService

SCENARIO = "checkpoint-convoy"
MESSAGES = [
    "It sounds like you're worried the convoy is hiding something.",
    "What would you need to see before the first trucks move?",
    "I hear you: your men have been shot at from this road before.",
    "Let me be open about what's in the trucks: flour, medicine and water.",
    "I promise to bring you the driver list within the hour.",
    "Here is the driver list, as I promised.",
]


@pytest.fixture(scope="module")
def catalogue() -> ScenarioCatalogue:
    return ScenarioCatalogue()


def play_three(service: SessionService) -> list[list[tuple[object, ...]]]:
    """Three sessions played in turn (so a one-slot cache evicts at every message)."""
    ids = [service.start(SCENARIO, trainee=f"t{seed}", seed=seed).session.id for seed in (1, 2, 3)]
    for i, text in enumerate(MESSAGES):
        for session_id in ids:
            if service.session(session_id).status != "ended":
                service.handle_turn(session_id, text)
        if i == 2:
            service.inject(ids[0], "shots-heard", "facilitator")
    return [
        [
            (t.text, t.reply, t.state, t.meters, t.score, t.hint)
            for t in service.store.turns(session_id)
        ]
        for session_id in ids
    ]


def test_evicted_sessions_reload_and_play_exactly_as_if_they_had_stayed(catalogue) -> None:
    stayed = SessionService(MemoryStore(), catalogue)
    evicted_store = MemoryStore()
    evicted = SessionService(evicted_store, catalogue, live_sessions=1)
    reloads = 0
    read_turns = evicted_store.turns

    def counting(session_id: str):
        nonlocal reloads
        reloads += 1
        return read_turns(session_id)

    evicted_store.turns = counting  # type: ignore[method-assign]
    transcripts = play_three(evicted)
    assert reloads >= 2 * len(MESSAGES)  # really reloaded, between nearly every turn
    assert transcripts == play_three(stayed)
    assert [len(t) for t in transcripts] == [len(MESSAGES)] * 3
    assert evicted.live_count() == 1


def test_the_cache_keeps_the_most_recently_played_sessions(catalogue) -> None:
    service = SessionService(MemoryStore(), catalogue, live_sessions=2)
    first, second, third = (
        service.start(SCENARIO, trainee="t", seed=seed).session.id for seed in (1, 2, 3)
    )
    assert service.live_count() == 2
    assert set(service._live) == {second, third}
    assert service.handle_turn(first, MESSAGES[0]).index == 0  # reloaded on demand
    assert set(service._live) == {third, first}
    with pytest.raises(ValueError, match="at least 1"):
        SessionService(MemoryStore(), catalogue, live_sessions=0)


def test_a_session_lock_exists_only_while_its_session_is_busy(catalogue, monkeypatch) -> None:
    service = SessionService(MemoryStore(), catalogue)
    session_id = service.start(SCENARIO, trainee="t", seed=1).session.id
    scoring, go_on = threading.Event(), threading.Event()
    real = service_module.score_message

    def slow(text: str, history: History) -> TurnScore:
        scoring.set()
        assert go_on.wait(10)
        return real(text, history)

    monkeypatch.setattr(service_module, "score_message", slow)
    results = []
    workers = [
        threading.Thread(target=lambda t=text: results.append(service.handle_turn(session_id, t)))
        for text in MESSAGES[:2]
    ]
    for worker in workers:
        worker.start()
    assert scoring.wait(10)
    assert service.locks_held() == 1  # one lock, held by one turn and awaited by the other
    go_on.set()
    for worker in workers:
        worker.join(10)
    assert sorted(r.index for r in results) == [0, 1]  # played one after the other
    assert service.locks_held() == 0


def test_async_locks_keep_each_key_in_order_and_leave_nothing_behind() -> None:
    locks = AsyncKeyedLocks()
    order: list[tuple[str, int, str]] = []

    async def work(key: str, n: int) -> None:
        async with locks.hold(key):
            order.append((key, n, "in"))
            await asyncio.sleep(0)
            order.append((key, n, "out"))

    async def main() -> int:
        tasks = [asyncio.create_task(work("a", n)) for n in range(3)]
        tasks.append(asyncio.create_task(work("b", 0)))
        await asyncio.sleep(0)
        busy = len(locks)
        await asyncio.gather(*tasks)
        return busy

    assert asyncio.run(main()) == 2
    assert [e for e in order if e[0] == "a"] == [
        ("a", n, step) for n in range(3) for step in ("in", "out")
    ]
    assert len(locks) == 0
