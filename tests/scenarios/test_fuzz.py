"""Random play never crashes the engine or the service and always ends by max_turns."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogues.catalogue import ScenarioCatalogue
from dialogues.engine import Engine
from dialogues.memory_store import MemoryStore
from dialogues.scenario import LEVELS, TERMINAL_STATES
from dialogues.scoring.rubric import Code
from dialogues.service import EmptyMessage, SessionService
from tests.scenarios.conftest import SHIPPED
from tests.scenarios.players import turn_score

CATALOGUE = ScenarioCatalogue()
ENGINES = {scenario_id: Engine(CATALOGUE.get(scenario_id)) for scenario_id in SHIPPED}

moves = st.lists(st.sampled_from(list(Code)), max_size=5, unique=True)
turns = st.lists(
    st.one_of(
        st.tuples(st.just("move"), moves, st.floats(min_value=0.0, max_value=1.0)),
        st.tuples(st.just("event"), st.integers(min_value=0, max_value=10), st.just(1.0)),
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scenario_id=st.sampled_from(SHIPPED),
    level=st.sampled_from(LEVELS),
    seed=st.integers(min_value=0, max_value=10_000),
    script=turns,
)
def test_random_moves_and_events_never_crash_or_stall(scenario_id, level, seed, script) -> None:
    engine = ENGINES[scenario_id]
    party = engine.new(seed, level)
    for kind, payload, weight in script:
        if party.finished:
            break
        if kind == "event":
            events = engine.scenario.events
            advance = engine.inject(party, events[payload % len(events)].id)
        else:
            advance = engine.advance(party, turn_score(*payload, weight=weight))
        assert advance.reply.strip()
        assert all(0 <= v <= 100 for v in party.meters.values())
    # Keep playing silence: the session must end, by breakdown at the latest.
    while not party.finished:
        engine.advance(party, turn_score())
    assert party.state in TERMINAL_STATES
    assert party.turn <= engine.scenario.walkout.max_turns


messages = st.lists(
    st.one_of(
        st.text(max_size=200),
        st.sampled_from(
            [
                "It sounds like you are furious.",
                "What happened last night?",
                "Open the gate or you will regret it.",
                "Let's put it on the table and touch base later.",
                "I propose a first step for 48 hours, verified by observers, if you do the same.",
                "",
                "   ",
                "\x00\x1b[31m",
            ]
        ),
    ),
    min_size=1,
    max_size=45,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_id=st.sampled_from(SHIPPED), seed=st.integers(0, 1000), script=messages)
def test_random_messages_through_the_service_always_end(scenario_id, seed, script) -> None:
    service = SessionService(MemoryStore(), CATALOGUE)
    session = service.start(scenario_id, trainee="fuzz", seed=seed).session.id
    max_turns = CATALOGUE.get(scenario_id).walkout.max_turns
    outcome, played = "ongoing", 0
    for text in [*script, *(["ok"] * max_turns)]:
        if outcome != "ongoing":
            break
        try:
            result = service.handle_turn(session, text)
        except EmptyMessage:
            continue  # refused before scoring: not a turn
        outcome, played = result.outcome, played + 1
        assert result.reply.strip()
    assert outcome in TERMINAL_STATES
    assert played <= max_turns
