"""One thread for every session-service and store call the bot makes, off the event loop.

SQLite calls block: while another program (a CLI `forget` or `export`) holds the write lock,
a write waits up to the store's busy timeout. On the event loop that wait would freeze every
server the bot is in, and every interaction would miss Discord's 3-second window. So handlers
acknowledge (defer) first and send the blocking work here.

One thread, not a pool: `SessionService` keeps live sessions in plain dicts and every party of
a scenario shares one `transitions` machine, neither of which is safe to touch from two
threads. A single thread also runs the calls in the order they were submitted, which the
per-session locks of the runner rely on. The wait is bounded by the store itself (its busy
timeout and retries end in `StoreBusy`), so a call here always returns or raises.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class StoreThread:
    """Runs blocking service and store calls one at a time on a dedicated thread."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-store")

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`fn(*args, **kwargs)` on the store thread, awaited without blocking the loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    async def run_within(self, seconds: float, fn: Callable[..., T], /, *args: Any) -> T:
        """`fn(*args)` on the store thread, or `TimeoutError` after `seconds`.

        A timed-out call still finishes on the thread (its result is dropped), so this is only
        for reads whose answer is useless late, such as autocomplete choices.
        """
        return await asyncio.wait_for(asyncio.shield(self.run(fn, *args)), seconds)

    def close(self) -> None:
        """Finish the calls already submitted, then stop the thread (before the store closes)."""
        self._executor.shutdown(wait=True)
