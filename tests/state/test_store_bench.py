"""The storage benchmark runs and compares against baselines measured in the same run."""

from __future__ import annotations

import pytest

from bot.bench import store as bench


def test_the_store_benchmark_reports_ratios(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "OPS", 3)
    monkeypatch.setattr(bench, "ROUNDS", 1)
    (case,) = bench.CASES
    rows = case()
    assert [r.baseline for r in rows] == [
        "",
        "store: bare INSERT, FULL sync",
        "store: bare INSERT, FULL sync",
        "store: bare INSERT, no sync",
    ]
    assert all(r.seconds > 0 and r.ops == 3 for r in rows)
    assert all(r.ratio and r.ratio > 0 for r in rows[1:])
