"""The scale benchmark runs on a small database and reports every target as a ratio."""

from __future__ import annotations

import pytest

from bot.bench import store_scale as bench


def test_the_scale_table_reports_each_target_as_a_ratio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "SMALL", 200)
    monkeypatch.setattr(bench, "LARGE", 400)
    monkeypatch.setattr(bench, "LIST_ROUNDS", 2)
    monkeypatch.setattr(bench, "THREADS", 4)
    monkeypatch.setattr(bench, "TURNS_PER_THREAD", 3)
    monkeypatch.setattr(bench, "SERIAL_TURNS", 3)
    scale, group = bench.CASES
    rows = scale()
    assert [r.baseline for r in rows] == [
        "",
        "plain SQL, same rows",
        "",
        "store: connect + plain SQL, same rows",
        "",
        "open read-only",
        "",
        "open for writing after a clean close",
        "",
        "export at 200 turns",
        "",
        "forget at 200 turns",
        "",
        "deletion at 200 turns",
        "",
        "merge at 200 turns",
    ]
    assert "transcripts list, 50 rows at 400 turns" in rows[1].case
    assert "whole command" in rows[3].case  # measured, no target of its own
    assert "bounded integrity check" in rows[5].case
    assert "check of the whole file" in rows[7].case
    assert [str(r.target) for r in rows[1::2]] == [
        "≤ 2×",
        "None",
        "None",
        "None",
        "≤ 1.25×",
        "≤ 1.25×",
        "None",
        "None",
    ]
    assert all(r.seconds > 0 for r in rows)
    assert all(r.ratio is not None and r.ratio > 0 for r in rows[1::2])
    assert all(r.judged == r.ratio for r in rows[1::2])  # these targets judge the ratio
    alone, together = group()
    assert alone.ops == 3 and alone.seconds > 0
    assert together.ops == 12 and together.baseline == "one session alone"
    assert str(together.target) == "≥ 1,000 turns/s" and together.ratio is not None
    assert together.judged == together.ops_per_s  # a throughput, not the ratio
