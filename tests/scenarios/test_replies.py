"""How the party picks its lines: fresh lines first, hostile moves always answered in kind."""

from __future__ import annotations

from dialogues.engine import Engine
from dialogues.scenario import parse_scenario
from dialogues.scoring.rubric import Code
from tests.scenarios.players import turn_score

TINY = """
id: tiny
title: Tiny
version: 1
summary: Reply selection.
persona: {name: Guard, role: gate guard}
brief: {public: p, confidential: c, interests: [i], red_lines: [r], batna: b}
opening: ["Halt."]
walkout: {tension: 90, turns: 5}
initial: hostile
states:
  - {name: hostile, mood: hostile}
  - {name: agreement, mood: agreed}
  - {name: walkout, mood: gone}
  - {name: breakdown, mood: stuck}
transitions:
  - source: hostile
    dest: agreement
    when: {trust_min: 100, moves: [interim_proposal], qualifiers: 3}
    say: Deal.
replies:
  hostile:
    default: [d1, d2, d3]
    apology: [a1]
    emotion_label: [e1]
    threat: [t1]
    blame: [b1]
"""


def test_a_used_up_move_gives_way_to_a_fresh_line_of_the_same_tone() -> None:
    engine = Engine(parse_scenario(TINY))
    party = engine.new(seed=1)
    first = engine.advance(party, turn_score(Code.APOLOGY, Code.EMOTION_LABEL)).reply
    second = engine.advance(party, turn_score(Code.APOLOGY, Code.EMOTION_LABEL)).reply
    third = engine.advance(party, turn_score(Code.APOLOGY)).reply
    assert (first, second) == ("a1", "e1")  # priority first, then the other detected move
    assert third in {"d1", "d2", "d3"}  # then a default line rather than "a1" again


def test_hostile_moves_are_answered_in_kind_even_when_used_up() -> None:
    engine = Engine(parse_scenario(TINY))
    party = engine.new(seed=1)
    replies = [engine.advance(party, turn_score(Code.THREAT)).reply for _ in range(2)]
    assert replies == ["t1", "t1"]
    mixed = engine.advance(party, turn_score(Code.THREAT, Code.BLAME)).reply
    assert mixed == "b1"  # another hostile move's fresh line, never a neutral default


def test_a_proposal_flagged_as_gaming_does_not_close_the_deal() -> None:
    from dialogues.catalogue import ScenarioCatalogue
    from tests.scenarios.players import LISTENING_ROUNDS, proposal_text

    engine = Engine(ScenarioCatalogue().get("checkpoint-convoy"))
    party = engine.new(seed=1, level="easy")
    for turn in range(12):  # listen until bargaining, with meters well past the thresholds
        engine.advance(party, turn_score(*LISTENING_ROUNDS[turn % len(LISTENING_ROUNDS)]))
    assert party.state == "bargaining"
    proposal = (Code.INTERIM_PROPOSAL, Code.TIME_BOUND, Code.RECIPROCAL, Code.VERIFIABLE)
    gamed, honest = engine.restore(party.snapshot()), engine.restore(party.snapshot())
    text = proposal_text(engine)
    gamed_turn = engine.advance(gamed, turn_score(*proposal, weight=0.3), text=text)
    assert gamed_turn.state_after == "bargaining"
    assert engine.advance(honest, turn_score(*proposal), text=text).state_after == "agreement"


def test_a_hostile_message_about_a_topic_is_answered_in_kind_and_on_the_topic() -> None:
    from dialogues.catalogue import ScenarioCatalogue

    engine = Engine(ScenarioCatalogue().get("checkpoint-convoy"))
    text = "Open every box on the trucks then, what cargo are you so scared of?"
    hostile = engine.advance(engine.new(seed=1), turn_score(Code.BLAME), text=text)
    cargo = engine.scenario.topics[engine.topics.ids.index("the-cargo")].lines["hostile"]
    assert hostile.answered == "topic:the-cargo"
    assert any(hostile.reply.endswith(line) for line in cargo)
    assert hostile.reply not in cargo  # the edge comes first: the blame is answered too
    gamed = engine.advance(engine.new(seed=1), turn_score(Code.BLAME, weight=0.3), text=text)
    assert gamed.answered.startswith("move:")  # gaming gets no topic


def test_a_proposal_before_bargaining_gets_its_subject_answered_then_not_yet() -> None:
    from dialogues.catalogue import ScenarioCatalogue

    engine = Engine(ScenarioCatalogue().get("checkpoint-convoy"))
    text = "Could your men inspect the cargo of the first truck while we keep talking?"
    turn = engine.advance(engine.new(seed=1), turn_score(Code.INTERIM_PROPOSAL), text=text)
    assert engine.terms is not None
    early = engine.terms.terms.early
    cargo = engine.scenario.topics[engine.topics.ids.index("the-cargo")].lines["hostile"]
    assert turn.answered == "topic:the-cargo"
    assert any(turn.reply.startswith(line) for line in cargo)
    assert any(turn.reply.endswith(line) for line in early)
    vague = "Could we take one small step together while we keep talking?"
    turn = engine.advance(engine.new(seed=1), turn_score(Code.INTERIM_PROPOSAL), text=vague)
    assert (turn.answered, turn.reply in early) == ("terms:early", True)


def test_small_talk_is_a_class_of_its_own_not_the_nearest_topic() -> None:
    from dialogues.topics import Matcher

    items = [
        ("the-cargo", ["What is in the trucks?", "Can your men open the boxes?"], ["cargo"]),
        ("the-deadline", ["How long before the road closes?", "When does it get dark?"], []),
    ]
    greeting = "Good morning, how long have you been up?"
    nearest = Matcher(items).match(greeting, asked=True)
    assert nearest is not None and nearest.id == "the-deadline"  # "how long", nothing more
    chat = ["Good evening, thank you for seeing me.", "How long was your drive here?"]
    assert Matcher(items, reject=chat).match(greeting, asked=True) is None
    asked = Matcher(items, reject=chat).match("what's in those trucks?", asked=True)
    assert asked is not None and asked.id == "the-cargo"
