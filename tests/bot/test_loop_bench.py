"""The event-loop bench runs both cases and compares the store thread with the loop."""

from __future__ import annotations

import pytest

from bot.bench import loop as bench_loop


def test_loop_bench_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_loop, "LOCK_SECONDS", 0.2)  # long enough to be waited for
    long, locked = bench_loop.CASES
    long_rows, locked_rows = long(), locked()
    for blocking, threaded in (long_rows, locked_rows):
        assert blocking.case.endswith("on the loop") and threaded.case.endswith("store thread")
        assert threaded.baseline == "on the loop" and threaded.ratio is not None
        assert blocking.seconds > 0 and threaded.seconds > 0
    assert "4,000-char turn" in long_rows[0].case
    assert "0.2s write lock" in locked_rows[0].case
    # The lock's row is judged against Discord's window, on the store thread's stall.
    assert str(locked_rows[1].target) == "≤ 3 s"
    assert locked_rows[1].judged == locked_rows[1].seconds
    assert long_rows[1].target is None
