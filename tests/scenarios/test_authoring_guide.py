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


def with_topics_and_terms() -> str:
    """The skeleton plus the guide's section 9: feelings, topics, terms, the new agreement."""
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    skeleton = blocks[0]
    additions = next(b for b in blocks if b.startswith("feelings:"))
    deal = next(b for b in blocks if b.startswith("  - source: bargaining"))
    old_deal = skeleton[skeleton.index("  - source: bargaining\n    dest: agreement") :]
    old_deal = old_deal[: old_deal.index("\nreplies:")]
    return skeleton.replace(old_deal, deal.rstrip("\n")) + additions


def test_the_guide_topics_and_terms_play_as_described() -> None:
    from dialogues.scoring.model import CodeHit, Evidence, TurnScore, empty_points
    from dialogues.scoring.rubric import Code
    from tests.scenarios.players import turn_score

    text = with_topics_and_terms()
    scenario = parse_scenario(text, "docs/authoring.md")
    assert [f for f in check_scenario(scenario, text) if f.severity == "error"] == []
    engine = Engine(scenario)
    party = engine.new(seed=1, level="normal")
    asked = engine.advance(
        party, turn_score(Code.OPEN_QUESTION), text="How long have the dockers waited for pay?"
    )
    assert asked.answered == "topic:the-wages"
    assert asked.reply == scenario.topics[0].lines["hostile"][0]

    def read_as(text: str, *codes: Code) -> TurnScore:
        """The scorer's verdict, given: the party is under test here, not the model."""
        hits = tuple(CodeHit(c, (Evidence(0, len(text), text),), "test") for c in codes)
        return TurnScore(hits=hits, points=empty_points())

    label = "You sound exhausted by all this."
    mislabel = engine.advance(party, read_as(label, Code.EMOTION_LABEL), text=label)
    assert mislabel.reply == "Exhausted? No. Angry."
    party.state, party.trust, party.heard, party.tension = "bargaining", 70, 70, 20
    party.turn = 10
    proposal = (Code.INTERIM_PROPOSAL, Code.TIME_BOUND)
    offer = "Two days of fuel leave the harbour tonight."
    countered = engine.advance(party, read_as(offer, *proposal), text=offer)
    assert countered.answered == "terms:checker" and countered.state_after == "bargaining"
    completed = engine.advance(
        party, turn_score(Code.TRANSPARENCY), text="The harbour office signs for every litre."
    )
    assert completed.state_after == "agreement"
    assert completed.reply.startswith("Then it is agreed.")
    assert offer in completed.reply and "harbour office signs" in completed.reply
