"""`parley bench --only scale` prints the scale table, each row against its target."""

from __future__ import annotations

from click.testing import CliRunner

from bot.bench import scale
from bot.cli import main


def test_the_scale_benchmark_prints_its_table_against_the_targets(monkeypatch) -> None:
    small = {"MANY": 20, "ROUNDS": 1, "TURNS": 2, "MEMORY_SESSIONS": 8, "MEMORY_TURNS": 3}
    for name, value in small.items():
        monkeypatch.setattr(scale, name, value)
    result = CliRunner().invoke(main, ["bench", "--only", "scale"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "store:" not in result.output  # `--only scale` is that module, not store_scale
    lines = result.output.splitlines()
    for case, target in (
        ("turns, 2", "≤ 1.2×"),  # 20 started + the measured ones, all live
        ("KB per live session", "≤ 20 KB"),
        ("memory, cache of 2 for 8 sessions", ""),
        ("turn, session evicted (reloaded)", ""),
        ("score 4,000 chars of prose", "≤ 10×"),
    ):
        [line] = [line for line in lines if case in line]
        cells = [cell.strip() for cell in line.split("│")]
        assert cells[-3] == target, line  # the target, then whether it was met
        assert cells[-2] in (("yes", "NO") if target else ("",)), line
