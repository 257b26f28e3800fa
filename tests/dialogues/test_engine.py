"""The party yields only when earned, walks out when pushed, and replays deterministically."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogues.engine import Engine, SessionOver, SessionPaused, UnknownState
from dialogues.scenario import load_scenario
from dialogues.scoring.model import CodeHit, Evidence, TurnScore, empty_points
from dialogues.scoring.rubric import Code

MINI = Path(__file__).with_name("mini.yaml")


def turn(*codes: Code, weight: float = 1.0) -> TurnScore:
    hits = tuple(CodeHit(code, (Evidence(0, 1, "x"),), "test") for code in codes)
    return TurnScore(hits=hits, points=empty_points(), weight=weight)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_scenario(MINI))


def test_listening_moves_earn_the_next_state(engine: Engine) -> None:
    party = engine.new(seed=1)
    assert party.state == "hostile"
    engine.advance(party, turn(Code.EMOTION_LABEL, Code.OPEN_QUESTION))
    advance = engine.advance(party, turn(Code.PARAPHRASE, Code.ACKNOWLEDGEMENT, Code.TRANSPARENCY))
    assert advance.state_after == "open"
    assert advance.reply.startswith("Fine, I am listening.")


def test_agreement_needs_a_qualified_proposal(engine: Engine) -> None:
    party = engine.new(seed=1)
    earning = [
        (Code.EMOTION_LABEL, Code.APOLOGY),
        (Code.PARAPHRASE, Code.TRANSPARENCY),
        (Code.SUMMARY, Code.COMMITMENT),
    ]
    for codes in earning:
        engine.advance(party, turn(*codes))
    assert party.state == "open"
    unqualified = turn(Code.INTERIM_PROPOSAL, Code.ACKNOWLEDGEMENT, Code.OPEN_QUESTION)
    assert engine.advance(party, unqualified).state_after == "open"
    done = engine.advance(party, turn(Code.INTERIM_PROPOSAL, Code.TIME_BOUND))
    assert done.outcome == "agreement" and done.reply == "Deal."
    with pytest.raises(SessionOver):
        engine.advance(party, turn(Code.PARAPHRASE))


def test_threats_lead_to_walkout(engine: Engine) -> None:
    party = engine.new(seed=1)
    outcomes = [engine.advance(party, turn(Code.THREAT)).outcome for _ in range(3)]
    assert outcomes[-1] == "walkout"
    assert party.tension >= 90


def test_repeating_one_move_has_diminishing_returns(engine: Engine) -> None:
    varied, repeated = engine.new(seed=1), engine.new(seed=1)
    for code in (Code.EMOTION_LABEL, Code.PARAPHRASE, Code.SUMMARY):
        engine.advance(varied, turn(code))
    for _ in range(3):
        engine.advance(repeated, turn(Code.EMOTION_LABEL))
    assert repeated.heard < varied.heard


def test_gaming_weight_annoys_instead_of_helping(engine: Engine) -> None:
    party = engine.new(seed=1)
    before = party.meters
    advance = engine.advance(party, turn(Code.EMOTION_LABEL, weight=0.2))
    assert party.trust <= before["trust"]
    assert advance.reply == "You are repeating yourself."


def test_one_message_cannot_pack_every_technique(engine: Engine) -> None:
    party = engine.new(seed=1)
    engine.advance(party, turn(*[c for c in Code if c.value not in {"threat", "ultimatum"}]))
    assert party.heard <= 14 and party.trust <= 10 + 14


def test_hidden_interest_revealed_once_when_earned(engine: Engine) -> None:
    party = engine.new(seed=1, level="easy")
    replies = [engine.advance(party, turn(Code.EMOTION_LABEL)).reply for _ in range(3)]
    assert sum("blame me" in r for r in replies) == 1
    assert party.revealed == ["blame"]


def test_levels_change_start_and_pace(engine: Engine) -> None:
    easy, hard = engine.new(seed=1, level="easy"), engine.new(seed=1, level="hard")
    assert easy.trust > hard.trust
    engine.advance(hard, turn(Code.BLAME))
    assert hard.tension == 50 + 20  # blame's +10 tension doubled by tension_factor


def test_same_seed_same_replies_and_no_early_repeats(engine: Engine) -> None:
    def play(seed: int) -> list[str]:
        party = engine.new(seed=seed)
        return [engine.advance(party, turn()).reply for _ in range(3)]

    assert play(7) == play(7)
    assert len(set(play(7))) == 3  # three default variants, none repeated


def test_snapshot_restores_exactly(engine: Engine) -> None:
    original = engine.new(seed=5)
    engine.advance(original, turn(Code.EMOTION_LABEL))
    copy = engine.restore(original.snapshot())
    assert copy.snapshot() == original.snapshot()
    moves = [turn(Code.PARAPHRASE), turn(), turn(Code.SUMMARY)]
    assert [engine.advance(copy, m).reply for m in moves] == [
        engine.advance(original, m).reply for m in moves
    ]


def test_restore_unknown_state_is_a_clear_error(engine: Engine) -> None:
    snapshot = engine.new(seed=1).snapshot() | {"state": "vanished"}
    with pytest.raises(UnknownState, match="vanished"):
        engine.restore(snapshot)


def test_pause_blocks_turns_and_resume_returns_to_the_same_state(engine: Engine) -> None:
    party = engine.new(seed=1)
    assert engine.pause(party)
    with pytest.raises(SessionPaused):
        engine.advance(party, turn())
    assert engine.resume(party) and party.state == "hostile"
    assert not engine.resume(party)


def test_injected_event_moves_meters_and_can_trigger_walkout(engine: Engine) -> None:
    party = engine.new(seed=1)
    first = engine.inject(party, "shots")
    assert first.reply.startswith("Did you hear that?") and party.tension == 75
    engine.inject(party, "shots")
    assert engine.inject(party, "shots").outcome == "walkout"
    with pytest.raises(KeyError, match="no event 'fire'"):
        engine.inject(engine.new(seed=1), "fire")


def test_breakdown_when_turns_run_out(engine: Engine) -> None:
    party = engine.new(seed=1)
    outcome = "ongoing"
    for _ in range(12):
        outcome = engine.advance(party, turn()).outcome
    assert outcome == "breakdown"


def test_one_machine_drives_every_party_and_keeps_none(engine: Engine) -> None:
    """Parties are not attached to the shared machine (attaching scanned every live party,
    and an evicted session must leave nothing behind): events are fired on them directly."""
    machine = engine.machine
    parties = [engine.new(seed=i) for i in range(3)]
    restored = engine.restore(parties[0].snapshot())
    assert engine.pause(parties[0]) and parties[0].state == "paused"
    assert [p.state for p in (*parties[1:], restored)] == ["hostile"] * 3
    assert engine.resume(parties[0]) and parties[0].state == "hostile"
    assert engine.machine is machine and len(machine.models) == 0
