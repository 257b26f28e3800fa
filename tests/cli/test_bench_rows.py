"""Bench rows: ratios per operation against a baseline of the same run, and targets."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.bench import Row, Target, search
from bot.cli import main


def test_a_ratio_is_per_operation_and_names_the_baseline_without_its_note() -> None:
    base = Row("store: bare INSERT (baseline, 3 rows)", 10, 2.0)
    more = base.versus("store: durable", 12.0, ops=20, target=Target(2))
    assert (more.baseline, more.ops) == ("store: bare INSERT", 20)
    assert more.ratio == more.judged == pytest.approx(3.0)  # 0.6 s per op against 0.2 s
    assert str(more.target) == "≤ 2×" and not more.target.met(3.0)
    assert base.versus("x", 1.0, baseline="bare").baseline == "bare"


def test_a_floor_target_judges_its_own_figure() -> None:
    floor = Target(1000, " turns/s", at_least=True)
    assert str(floor) == "≥ 1,000 turns/s"
    assert floor.met(1500) and not floor.met(999.5)


def test_the_table_prints_each_row_against_its_target(monkeypatch) -> None:
    monkeypatch.setattr(search, "LINES", 20)
    monkeypatch.setattr(search, "SEARCHES", 1)
    base = Row("search: 1 word (baseline)", 1, 0.001)
    monkeypatch.setattr(
        search,
        "CASES",
        [
            lambda: [
                base,
                base.versus("within its target", 0.001, target=Target(2)),
                base.versus("beyond its target", 0.004, target=Target(2)),
            ]
        ],
    )
    result = CliRunner().invoke(main, ["bench", "--only", "search"], terminal_width=200)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    [within] = [line for line in lines if "within its target" in line]
    [beyond] = [line for line in lines if "beyond its target" in line]
    assert "1.00×" in within and within.rstrip(" │").endswith("≤ 2× │ yes")
    assert "4.00×" in beyond and beyond.rstrip(" │").endswith("≤ 2× │  NO")
