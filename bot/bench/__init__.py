"""`parley bench`: timings printed as a table, compared as ratios within one run.

Each module here contributes `CASES`: callables returning `Row`s. Wall-clock numbers on
shared machines are noisy, so every case also reports a ratio against a baseline measured
in the same run (e.g. a durable turn write against a bare SQLite insert).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    case: str
    ops: int
    seconds: float
    baseline: str = ""
    ratio: float | None = None

    @property
    def per_op_us(self) -> float:
        return self.seconds / self.ops * 1e6

    @property
    def ops_per_s(self) -> float:
        return self.ops / self.seconds if self.seconds else float("inf")


def timed(fn: Callable[[], object], ops: int) -> float:
    """Seconds `fn` takes (it performs `ops` operations); best of three to damp noise."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best
