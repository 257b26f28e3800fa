"""Scripted trainees for scenario tests, driving `Engine.advance` with hand-built scores.

The skilled trainee listens first (labels, paraphrases, questions, summaries, acknowledges,
is open about limits) and proposes a qualified interim step once the party is bargaining;
the hostile trainee threatens, blames and issues ultimatums. Both are what a facilitator
would expect to win and to lose, so a scenario that fails either is mis-tuned.
"""

from __future__ import annotations

from itertools import cycle

from dialogues.engine import Advance, Counterpart, Engine
from dialogues.scoring.model import CodeHit, Evidence, TurnScore, empty_points
from dialogues.scoring.rubric import Code

C = Code
LISTENING_ROUNDS: tuple[tuple[Code, ...], ...] = (
    (C.EMOTION_LABEL, C.ACKNOWLEDGEMENT),
    (C.PARAPHRASE, C.OPEN_QUESTION),
    (C.APOLOGY, C.TRANSPARENCY),
    (C.SUMMARY, C.OPEN_QUESTION),
    (C.EMOTION_LABEL, C.COMMITMENT),
    (C.PARAPHRASE, C.ACKNOWLEDGEMENT),
    (C.CONSISTENCY, C.OPEN_QUESTION),
    (C.SUMMARY, C.TRANSPARENCY),
)
PROPOSAL = (C.INTERIM_PROPOSAL, C.TIME_BOUND, C.RECIPROCAL, C.VERIFIABLE)
HOSTILE_ROUNDS: tuple[tuple[Code, ...], ...] = (
    (C.THREAT,),
    (C.BLAME, C.ULTIMATUM),
    (C.DISMISSAL, C.THREAT),
    (C.ULTIMATUM,),
)


def turn_score(*codes: Code, weight: float = 1.0) -> TurnScore:
    hits = tuple(CodeHit(code, (Evidence(0, 1, "x"),), "scripted") for code in codes)
    return TurnScore(hits=hits, points=empty_points(), weight=weight)


def play(engine: Engine, party: Counterpart, rounds, limit: int = 80) -> list[Advance]:
    """Play score rounds until the session ends (or `limit` turns)."""
    played = []
    for codes in cycle(rounds):
        if party.finished or len(played) >= limit:
            break
        played.append(engine.advance(party, turn_score(*codes)))
    return played


def closing_states(engine: Engine) -> set[str]:
    """States from which some transition leads to agreement: where a proposal can close."""
    return {
        source
        for spec in engine.scenario.transitions
        if spec.dest == "agreement"
        for source in spec.source
    }


def play_skilled(engine: Engine, party: Counterpart, limit: int = 80) -> list[Advance]:
    played = []
    listening = cycle(LISTENING_ROUNDS)
    while not party.finished and len(played) < limit:
        codes = next(listening)
        if party.state in closing_states(engine):
            # Keep listening while proposing: a proposal alone does not make anyone feel heard.
            codes = (*codes, *PROPOSAL)
        played.append(engine.advance(party, turn_score(*codes)))
    return played


def play_hostile(engine: Engine, party: Counterpart, limit: int = 80) -> list[Advance]:
    return play(engine, party, HOSTILE_ROUNDS, limit)
