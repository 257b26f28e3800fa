"""Rebuilding the party at any turn of a stored session, for a branch ("try again from here").

Only the party's latest state is stored, so the state after turn N is rebuilt by playing the
session again from its seed: the opening, then the first N turns with the scores they were
given when played (never rescored, so a newer scorer cannot change the shared part) and the
facilitator events between them. The engine is deterministic, so the replay must give every
stored reply, state and meter back; if it does not (the scenario changed since), the branch
is refused rather than continuing from a party that never existed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from dialogues.engine import PAUSED_STATE, Counterpart, Engine
from dialogues.ports import EventRecord, SessionRecord, TurnRecord
from dialogues.scoring.model import TurnScore

# Facilitator events that move the party; hints and the end of the original do not.
PARTY_EVENTS = ("inject", "whisper", "pause", "resume")


class BranchRefused(ValueError):
    """The session cannot be branched at that turn; the message says why and what to do."""


@dataclass(frozen=True)
class Replay:
    """The party after the kept turns, and the turns and events the branch keeps."""

    party: Counterpart
    opening: str
    turns: list[TurnRecord]
    events: list[EventRecord]


def event_position(event: EventRecord, turns: Sequence[TurnRecord]) -> int:
    """How many trainee turns came before `event`.

    Events store it (`detail["after_turn"]`); older whispers and pauses did not, so their
    place is read from the timestamps instead.
    """
    if "after_turn" in event.detail:
        return int(event.detail["after_turn"])
    return sum(1 for turn in turns if turn.created_at <= event.created_at)


def replay(
    engine: Engine,
    parent: SessionRecord,
    turns: Sequence[TurnRecord],
    events: Sequence[EventRecord],
    at_turn: int,
) -> Replay:
    """Play the opening and the first `at_turn` turns of `parent` again on a fresh party.

    `turns` are the parent's turns with their scores as played (no corrections): the party
    reacted to those.
    """
    if not 0 <= at_turn <= len(turns):
        raise BranchRefused(
            f"session {parent.id} has {len(turns)} turn{'s' if len(turns) != 1 else ''}: "
            f"keep between 0 and {len(turns)} of them"
        )
    scenario = engine.scenario
    if parent.scenario_version != scenario.version:
        raise BranchRefused(
            f"session {parent.id} was played on {scenario.id} v{parent.scenario_version}, "
            f"which is now v{scenario.version}: it cannot be replayed exactly"
        )
    kept_events = [
        (event_position(e, turns), e)
        for e in events
        if e.kind in PARTY_EVENTS and event_position(e, turns) <= at_turn
    ]
    party = engine.new(parent.seed, parent.level, int(parent.counterpart.get("max_turns", 0)))
    opening = engine.opening(party)
    _check(opening == parent.opening, parent, 0)
    for position in range(at_turn + 1):
        for _, event in (pair for pair in kept_events if pair[0] == position):
            _play_event(engine, party, event)
        if position == at_turn:
            break
        turn = turns[position]
        _check(not party.finished, parent, position + 1)
        if party.state == PAUSED_STATE:
            reply = ""  # a paused party stays silent; the turn was stored unanswered
        else:
            reply = engine.advance(party, TurnScore.from_dict(turn.score), turn.text).reply
        _check(
            (reply, party.state, party.meters) == (turn.reply, turn.state, turn.meters),
            parent,
            position + 1,
        )
    if party.finished:
        raise BranchRefused(
            f"turn {at_turn} of session {parent.id} ended it ({party.state}): "
            f"keep fewer turns (at most {at_turn - 1})"
        )
    return Replay(
        party,
        opening,
        list(turns[:at_turn]),
        [
            dataclasses.replace(e, detail={**e.detail, "after_turn": position})
            for position, e in kept_events
        ],
    )


def _play_event(engine: Engine, party: Counterpart, event: EventRecord) -> None:
    if event.kind == "inject":
        engine.inject(party, str(event.detail["event"]))
    elif event.kind == "whisper":
        engine.whisper(party)
    elif event.kind == "pause":
        engine.pause(party)
    else:
        engine.resume(party)


def _check(same: bool, parent: SessionRecord, turn: int) -> None:
    if not same:
        where = "its opening" if turn == 0 else f"turn {turn}"
        raise BranchRefused(
            f"session {parent.id} does not replay exactly at {where} "
            f"(scenario {parent.scenario_id} changed since it was played): it cannot be branched"
        )
