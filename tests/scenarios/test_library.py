"""Every shipped scenario loads, passes the authoring checks, and plays as designed."""

from __future__ import annotations

from collections import Counter

import pytest

from dialogues.catalogue import BUILTIN_DIR
from dialogues.engine import Engine
from dialogues.scenario_checks import check_files
from dialogues.scoring.rubric import Code
from tests.scenarios.conftest import LEVELS, SHIPPED
from tests.scenarios.players import LISTENING_ROUNDS, play_hostile, play_skilled, turn_score

C = Code
# A trainee who is neither skilled nor hostile: mostly listening, some slips, no proposal.
MEANDER = (
    (),
    (C.OPEN_QUESTION,),
    (C.EMOTION_LABEL,),
    (C.CLOSED_QUESTION,),
    (C.BLAME,),
    (C.PARAPHRASE,),
    (C.MINIMAL_ENCOURAGER,),
    (C.ACKNOWLEDGEMENT,),
    (C.PREMATURE_PROPOSAL,),
    (C.SUMMARY,),
    (C.TRANSPARENCY,),
    (C.MIRROR,),
    (C.I_MESSAGE,),
    (C.APOLOGY,),
)


def test_the_library_has_every_scenario_and_no_broken_file(catalogue) -> None:
    assert set(SHIPPED) <= set(catalogue.ids())
    assert catalogue.errors == []


def test_every_shipped_file_passes_validate_without_warnings() -> None:
    reports = check_files([BUILTIN_DIR])
    assert len(reports) >= len(SHIPPED)
    for report in reports:
        assert report.scenario is not None, report.findings
        assert report.findings == (), "\n".join(map(str, report.findings))


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_each_scenario_has_what_facilitators_need(catalogue, scenario_id) -> None:
    s = catalogue.get(scenario_id)
    assert s.version >= 1
    assert set(s.levels) == set(LEVELS)
    assert len(s.interests) >= 2
    assert len(s.events) >= 3
    assert s.brief.public and s.brief.confidential and s.brief.batna
    assert s.persona.name and s.persona.role
    # The levels really differ: harder starts colder and moves thresholds up.
    easy, hard = s.start_meters("easy"), s.start_meters("hard")
    assert easy.trust > hard.trust and easy.tension < hard.tension
    assert s.level("easy").threshold_shift < s.level("hard").threshold_shift


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_a_skilled_trainee_reaches_agreement(catalogue, scenario_id, level) -> None:
    engine = Engine(catalogue.get(scenario_id))
    party = engine.new(seed=7, level=level)
    played = play_skilled(engine, party)
    assert party.state == "agreement", [a.state_after for a in played]
    # Agreement comes through bargaining, never straight from the first state.
    assert len({a.state_after for a in played}) >= 4
    assert played[-1].reply  # the closing line is spoken


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_a_hostile_trainee_causes_a_walkout(catalogue, scenario_id, level) -> None:
    engine = Engine(catalogue.get(scenario_id))
    party = engine.new(seed=7, level=level)
    played = play_hostile(engine, party)
    assert party.state == "walkout"
    assert len(played) <= 6
    assert "agreement" not in {a.state_after for a in played}


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_proposals_alone_never_win(catalogue, scenario_id) -> None:
    """Pushing a perfect interim proposal from the first turn does not buy agreement."""
    engine = Engine(catalogue.get(scenario_id))
    party = engine.new(seed=1, level="easy")
    proposal = (C.INTERIM_PROPOSAL, C.TIME_BOUND, C.RECIPROCAL, C.VERIFIABLE)
    for _ in range(engine.scenario.walkout.max_turns):
        if party.finished:
            break
        engine.advance(party, turn_score(*proposal))
    assert party.state != "agreement"


ONE_MOVE_AT_A_TIME = tuple(
    (code,)
    for code in (
        C.EMOTION_LABEL,
        C.OPEN_QUESTION,
        C.PARAPHRASE,
        C.ACKNOWLEDGEMENT,
        C.SUMMARY,
        C.OPEN_QUESTION,
        C.TRANSPARENCY,
        C.MINIMAL_ENCOURAGER,
        C.APOLOGY,
        C.COMMITMENT,
        C.OPEN_QUESTION,
        C.I_MESSAGE,
    )
)
SCRIPTS = {
    "meander": (MEANDER, ("easy", "normal")),  # at hard, its slips end in a walkout
    "listening": (LISTENING_ROUNDS, LEVELS),
    "one-move": (ONE_MOVE_AT_A_TIME, LEVELS),
}


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_twenty_five_turns_without_a_repeated_line(catalogue, scenario_id, script) -> None:
    engine = Engine(catalogue.get(scenario_id))
    rounds, levels = SCRIPTS[script]
    for level in levels:
        for seed in range(3):
            party = engine.new(seed=seed, level=level)
            replies = [engine.opening(party)]
            for turn in range(25):
                score = turn_score(*rounds[turn % len(rounds)])
                replies.append(engine.advance(party, score).reply)
            assert not party.finished
            repeated = [line for line, n in Counter(replies).items() if n > 1]
            assert repeated == [], f"{level}/seed {seed} repeats {repeated[:2]}"


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_event_moves_the_party_and_is_spoken(catalogue, scenario_id) -> None:
    engine = Engine(catalogue.get(scenario_id))
    for event in engine.scenario.events:
        party = engine.new(seed=3, level="normal")
        before = party.meters
        advance = engine.inject(party, event.id)
        assert advance.reply.startswith(event.line)
        assert party.meters != before


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_tension_rising_sends_the_party_back(catalogue, scenario_id) -> None:
    """Once past the first state, escalation falls back to a harsher state (not only walkout)."""
    engine = Engine(catalogue.get(scenario_id))
    party = engine.new(seed=3, level="easy")
    listening = (C.EMOTION_LABEL, C.ACKNOWLEDGEMENT)
    while party.state == engine.scenario.initial:
        engine.advance(party, turn_score(*listening))
    reached = party.state
    states = [reached]
    while not party.finished and len(states) < 10:
        states.append(engine.advance(party, turn_score(C.BLAME)).state_after)
    harsher = engine.scenario.state_names.index
    assert any(harsher(s) < harsher(reached) for s in states if s not in ("walkout",)), states
