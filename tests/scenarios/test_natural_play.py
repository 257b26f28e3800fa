"""Whole sessions in plain language through SessionService and the real scorer.

The skilled trainee listens, reflects the party's own words and proposes a qualified
interim step when the party can close; the hostile one threatens, blames and dismisses.
"""

from __future__ import annotations

from collections import Counter

import pytest

from dialogues.catalogue import ScenarioCatalogue
from dialogues.memory_store import MemoryStore
from dialogues.service import SessionService
from tests.scenarios.conftest import LEVELS, SHIPPED
from tests.scenarios.players import HOSTILE_LINES, SkilledTrainee, closing_states

CATALOGUE = ScenarioCatalogue()


@pytest.fixture
def service() -> SessionService:
    return SessionService(MemoryStore(), CATALOGUE)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_skilled_plain_language_reaches_agreement(service, scenario_id, level) -> None:
    start = service.start(scenario_id, trainee="skilled", level=level, seed=3)
    closing = closing_states(service.engine(scenario_id))
    terms = start.scenario.terms
    trainee = SkilledTrainee(tuple(i.examples[0] for i in terms.issues) if terms else ())
    party, state, outcome = [start.opening], start.scenario.initial, "ongoing"
    while outcome == "ongoing":
        result = service.handle_turn(
            start.session.id, trainee.say(party[-1], party, state in closing)
        )
        party.append(result.reply)
        state, outcome = result.state, result.outcome
    assert outcome == "agreement", f"ended in {outcome} after {len(party) - 1} turns"
    record = service.session(start.session.id)
    assert record.outcome == "agreement"
    assert record.scenario_version == start.scenario.version
    # The party never repeated itself on the way there.
    repeated = [line for line, n in Counter(party).items() if n > 1]
    assert repeated == []


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_hostile_plain_language_ends_in_walkout(service, scenario_id, level) -> None:
    start = service.start(scenario_id, trainee="hostile", level=level, seed=3)
    outcome, turns = "ongoing", 0
    while outcome == "ongoing":
        result = service.handle_turn(start.session.id, HOSTILE_LINES[turns % len(HOSTILE_LINES)])
        outcome, turns = result.outcome, turns + 1
    assert outcome == "walkout"
    assert turns <= 10


def test_language_barrier_misreads_idioms_and_understands_plain_words(service) -> None:
    start = service.start("language-barrier", trainee="t", level="normal", seed=1)
    session = start.session.id
    idiom = service.handle_turn(session, "Let me put an offer on the table for you.")
    assert "table" in idiom.reply.lower()
    plain = service.handle_turn(session, "What do you need from us today?")
    assert "table" not in plain.reply.lower()
    # Misreading costs something: tension up relative to a plain message.
    engine = service.engine("language-barrier")
    a, b = engine.new(5, "normal"), engine.new(5, "normal")
    from tests.scenarios.players import turn_score

    engine.advance(a, turn_score(), text="We should touch base about the deadline.")
    engine.advance(b, turn_score(), text="We should talk again about the time limit.")
    assert a.tension > b.tension


def test_misreading_needs_whole_words_and_never_repeats_a_line() -> None:
    from dialogues.engine import Engine
    from tests.scenarios.players import turn_score

    engine = Engine(CATALOGUE.get("language-barrier"))
    party = engine.new(2, "easy")
    unrelated = engine.advance(
        party, turn_score(), text="We brought a tablet and a shooter-proof vest."
    )
    assert "table?" not in unrelated.reply.lower() and "shoot?" not in unrelated.reply.lower()
    first = engine.advance(party, turn_score(), text="Let us put it ON THE   table.")
    second = engine.advance(party, turn_score(), text="Is that on the table?")
    assert "table" in first.reply.lower() and "table" in second.reply.lower()
    assert first.reply != second.reply
    # A restored session remembers which misreadings it has used.
    restored = engine.restore(party.snapshot())
    assert restored.used_replies["misread:0"] == party.used_replies["misread:0"]
