"""Natural, unscripted-sounding play through SessionService and the real scorer.

A skilled trainee who writes like a person (no scorer-friendly templates) must be able to
reach agreement at normal level within 30 turns, without the scorer penalising or flagging
any of their messages; a mediocre one (some listening, several premature proposals, one
blame) must not. The trainees live in `natural_trainees.py`.
"""

from __future__ import annotations

import pytest

from dialogues.catalogue import ScenarioCatalogue
from dialogues.engine import SURE_NEGATIVE
from dialogues.memory_store import MemoryStore
from dialogues.scoring.rubric import NEGATIVE_CODES, Code
from dialogues.service import SessionService
from tests.scenarios.natural_trainees import (
    MEDIOCRE,
    SCRIPTS,
    MediocreTrainee,
    NaturalTrainee,
    phases,
    play_natural,
)

CATALOGUE = ScenarioCatalogue()
TURN_LIMIT = 30


@pytest.fixture
def service() -> SessionService:
    return SessionService(MemoryStore(), CATALOGUE)


@pytest.mark.parametrize(("level", "seed"), [("easy", 7), ("normal", 7), ("normal", 2)])
@pytest.mark.parametrize("scenario_id", sorted(SCRIPTS))
def test_skilled_natural_trainee_reaches_agreement(service, scenario_id, level, seed) -> None:
    closing, middle = phases(service.engine(scenario_id))
    trainee = NaturalTrainee(SCRIPTS[scenario_id], closing, middle)
    outcome, turns, said = play_natural(service, scenario_id, trainee, level, TURN_LIMIT, seed)
    assert outcome == "agreement", f"{outcome} after {len(turns)} turns"
    # The scorer understood them: at most one penalty it was sure of in the whole session (an
    # unsure one barely moves the party, see engine.SURE_NEGATIVE), nothing flagged as gaming.
    penalised = [
        (text, turn.score.codes)
        for text, turn in zip(said, turns, strict=True)
        if any(turn.score.confidence(c) >= SURE_NEGATIVE for c in NEGATIVE_CODES)
    ]
    assert len(penalised) <= 1, penalised
    for text, turn in zip(said, turns, strict=True):
        assert not turn.score.flags, (text, turn.score.flags)
    # Most of what they said earned a code in context; the proposal that closed was qualified.
    scored = sum(bool(turn.score.codes) for turn in turns)
    assert scored >= 0.6 * len(turns), [
        t for t, r in zip(said, turns, strict=True) if not r.score.codes
    ]
    # The deal rests on terms the party accepted, quoted back in its closing line.
    accepted = service.session(turns[-1].session_id).counterpart["accepted_terms"]
    assert accepted and f'"{accepted[-1]["text"]}"' in turns[-1].reply
    assert len({turn.state for turn in turns}) >= 4


@pytest.mark.parametrize("scenario_id", sorted(MEDIOCRE))
def test_mediocre_trainee_does_not_reach_agreement(service, scenario_id) -> None:
    """Proposals from the start, a blame, little listening: no deal, or a much slower one."""
    trainee = MediocreTrainee(MEDIOCRE[scenario_id])
    outcome, turns, _ = play_natural(service, scenario_id, trainee, "normal", TURN_LIMIT)
    closing, middle = phases(service.engine(scenario_id))
    skilled = NaturalTrainee(SCRIPTS[scenario_id], closing, middle)
    _, skilled_turns, _ = play_natural(service, scenario_id, skilled, "normal", TURN_LIMIT)
    assert outcome != "agreement" or len(turns) >= len(skilled_turns) + 5
    # Some listening is recognised. (Their blame line is not reliably: blame is among the
    # codes the learned scorer reads worst, see `parley eval`.)
    codes = [set(turn.score.codes) for turn in turns]
    listening = {Code.EMOTION_LABEL, Code.PARAPHRASE, Code.OPEN_QUESTION, Code.ACKNOWLEDGEMENT}
    assert sum(bool(c & listening) for c in codes) >= 3
