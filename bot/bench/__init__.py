"""`parley bench`: timings printed as a table, compared as ratios within one run.

Each module here contributes `CASES`: callables returning `Row`s. Wall-clock numbers on
shared machines are noisy, so every case also reports a ratio against a baseline measured
in the same run (e.g. a durable turn write against a bare SQLite insert). A row the issue
sets a target for carries it (`Target`), and the table prints the figure against it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """What a row's figure must reach: at most `limit` (a ratio, KB, CPU seconds), or at least
    it (`at_least`, for a throughput). `unit` is printed after the number."""

    limit: float
    unit: str = "×"
    at_least: bool = False

    def met(self, figure: float) -> bool:
        return figure >= self.limit if self.at_least else figure <= self.limit

    def __str__(self) -> str:
        return f"{'≥' if self.at_least else '≤'} {self.limit:,g}{self.unit}"


def target_cells(target: Target | None, figure: float | None) -> list[str]:
    """The table's "target" and "met" cells (blank when the row has no target)."""
    if target is None or figure is None:
        return ["", ""]
    return [str(target), "yes" if target.met(figure) else "NO"]


@dataclass(frozen=True)
class Row:
    case: str
    ops: int
    seconds: float
    baseline: str = ""
    ratio: float | None = None
    target: Target | None = None
    figure: float | None = None  # what `target` judges, when it is not the ratio

    @property
    def per_op_us(self) -> float:
        return self.seconds / self.ops * 1e6

    @property
    def ops_per_s(self) -> float:
        return self.ops / self.seconds if self.seconds else float("inf")

    @property
    def judged(self) -> float | None:
        """The figure held against the target: `figure` if given, else the ratio."""
        return self.ratio if self.figure is None else self.figure

    def versus(
        self,
        case: str,
        seconds: float,
        *,
        ops: int | None = None,
        target: Target | None = None,
        baseline: str | None = None,
    ) -> Row:
        """A row timed against this one (per operation: `ops` defaults to this row's).

        The "vs" column names this row without its "(baseline …)" note unless `baseline`
        gives a shorter name.
        """
        ops = self.ops if ops is None else ops
        ratio = (seconds / ops) / (self.seconds / self.ops)
        name = baseline if baseline is not None else _BASELINE_NOTE.sub("", self.case)
        return Row(case, ops, seconds, name, ratio, target)


_BASELINE_NOTE = re.compile(r" \(baseline[^)]*\)$")


def timed(fn: Callable[[], object], ops: int) -> float:
    """Seconds `fn` takes (it performs `ops` operations); best of three to damp noise."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best
