"""One lock per key (a session, a channel) that exists only while someone holds or awaits it.

A `defaultdict(Lock)` keyed by session id keeps a lock for every session ever played: a bot
that runs for months piles them up. Here each key's lock is counted by its users and dropped
when the last one leaves, so the number of locks is the number of sessions busy right now.
`KeyedLocks` serves threads (the service, when front ends play turns off their event loop),
`AsyncKeyedLocks` coroutines (the Discord runner's per-session order).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Generic, TypeVar

L = TypeVar("L")


class _Registry(Generic[L]):
    """Locks by key with a count of users each; the count guards the lock's removal."""

    def __init__(self, factory: Callable[[], L]) -> None:
        self._factory = factory
        self._guard = threading.Lock()
        self._locks: dict[str, tuple[L, int]] = {}

    def _enter(self, key: str) -> L:
        with self._guard:
            lock, users = self._locks.get(key) or (self._factory(), 0)
            self._locks[key] = (lock, users + 1)
            return lock

    def _leave(self, key: str) -> None:
        with self._guard:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        """How many keys have a lock now (held, or awaited)."""
        return len(self._locks)


class KeyedLocks(_Registry[threading.RLock]):
    """Re-entrant thread locks by key: a service call may call another for the same session."""

    def __init__(self) -> None:
        super().__init__(threading.RLock)

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        lock = self._enter(key)
        try:
            with lock:
                yield
        finally:
            self._leave(key)


class AsyncKeyedLocks(_Registry[asyncio.Lock]):
    """asyncio locks by key: coroutines of one key run one at a time, in arrival order."""

    def __init__(self) -> None:
        super().__init__(asyncio.Lock)

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock = self._enter(key)
        try:
            async with lock:
                yield
        finally:
            self._leave(key)
