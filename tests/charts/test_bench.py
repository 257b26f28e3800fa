"""The chart benchmark case runs and reports the meter-arc PNG against the debrief alone."""

from __future__ import annotations

import pytest

from bot.bench import charts as bench_charts


def test_chart_bench_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_charts, "TURNS", 3)
    monkeypatch.setattr(bench_charts, "REPEATS", 1)
    [case] = bench_charts.CASES
    baseline, chart = case()
    assert "3-turn session" in baseline.case and baseline.ratio is None
    assert chart.baseline == "debrief" and chart.ratio is not None and chart.ratio > 0
    assert chart.seconds > 0 and chart.ops == 1
