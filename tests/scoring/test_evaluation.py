"""The agreement metrics, checked against hand-computed values."""

from __future__ import annotations

import pytest

from dialogues.scoring.evaluation import CodeMetrics, context_from_json


def metrics(tp: int, fp: int, fn: int, tn: int) -> CodeMetrics:
    m = CodeMetrics("x")
    for gold, pred, n in ((1, 1, tp), (0, 1, fp), (1, 0, fn), (0, 0, tn)):
        for _ in range(n):
            m.add(bool(gold), bool(pred))
    return m


def test_precision_recall_f1_kappa() -> None:
    m = metrics(tp=20, fp=5, fn=10, tn=15)
    assert m.precision == pytest.approx(0.8)
    assert m.recall == pytest.approx(2 / 3)
    assert m.f1 == pytest.approx(2 * 0.8 * (2 / 3) / (0.8 + 2 / 3))
    # po = 0.7; pe = 0.6*0.5 + 0.4*0.5 = 0.5; κ = 0.4
    assert m.kappa == pytest.approx(0.4)


def test_degenerate_cases() -> None:
    assert metrics(0, 0, 0, 10).kappa == 1.0  # both always say no: perfect agreement
    assert metrics(0, 0, 0, 0).kappa == 0.0
    assert metrics(0, 3, 0, 7).precision == 0.0
    assert metrics(5, 0, 0, 5).kappa == pytest.approx(1.0)


def test_context_from_json() -> None:
    assert context_from_json("They shot at us.").party_last == "They shot at us."
    assert context_from_json(None).listened is True
    ctx = context_from_json({"party_last": "x", "listened": False, "trainee_history": ["I'll go."]})
    assert (ctx.listened, ctx.party_history, ctx.trainee_history) == (False, ("x",), ("I'll go.",))
    # Files labelled under rubric 2026.x give the old "heard" meter instead.
    assert context_from_json({"heard": 12}).listened is False
    assert context_from_json({"heard": 60}).listened is True
    for bad in ({"heard": "high"}, {"listened": "yes"}, {"trainee_history": "I'll go."}):
        with pytest.raises(ValueError):
            context_from_json(bad)
    with pytest.raises(ValueError):
        context_from_json(3)
