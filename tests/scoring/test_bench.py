"""The scoring benchmark case runs and reports the scorer against the keyword baseline."""

from __future__ import annotations

import pytest

from bot.bench import scoring as bench_scoring
from dialogues.scoring.model import ScoringContext


def test_scoring_bench_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    few = [("What happened at the bridge?", ScoringContext(party_last="They shot.", listened=True))]
    monkeypatch.setattr(bench_scoring, "_messages", lambda: few * 5)
    per_message, model = bench_scoring.CASES
    rows = per_message()
    assert [r.baseline for r in rows] == ["", "keyword baseline", "keyword baseline"]
    assert all(r.ops == 5 and r.seconds > 0 for r in rows)
    assert rows[1].ratio is not None and rows[1].ratio > 0
    p50, load, long = model()
    assert "p50" in p50.case and "MB shipped" in load.case and "4,000" in long.case
    assert load.ratio is not None and long.ratio is not None and p50.seconds > 0
