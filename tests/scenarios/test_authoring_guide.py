"""The authoring guide's example is a real scenario: it loads, validates and plays."""

from __future__ import annotations

import re
from pathlib import Path

from dialogues.engine import Engine
from dialogues.scenario import parse_scenario
from dialogues.scenario_checks import check_scenario
from tests.scenarios.players import play_hostile, play_skilled

GUIDE = Path(__file__).parents[2] / "docs" / "authoring.md"


def example() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    return blocks[0]


def test_the_guide_example_validates_with_only_warnings() -> None:
    scenario = parse_scenario(example(), "docs/authoring.md")
    findings = check_scenario(scenario, example())
    assert [f for f in findings if f.severity == "error"] == []
    assert any("no replies in state" in f.message for f in findings)  # as the guide says


def test_the_guide_example_is_winnable_and_losable() -> None:
    engine = Engine(parse_scenario(example()))
    for level in ("easy", "normal", "hard"):
        won = engine.new(seed=1, level=level)
        play_skilled(engine, won)
        assert won.state == "agreement"
        lost = engine.new(seed=1, level=level)
        play_hostile(engine, lost)
        assert lost.state == "walkout"
