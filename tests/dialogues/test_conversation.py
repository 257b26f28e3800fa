"""The party's lines rebuilt from a stored session: opening, replies, injected events."""

from __future__ import annotations

from dialogues.conversation import party_lines
from dialogues.ports import EventRecord, TurnRecord


def turn(index: int, reply: str) -> TurnRecord:
    return TurnRecord("s", index, "t", f"message {index}", {}, reply, "hostile", {})


def inject(reply: str, after_turn: int) -> EventRecord:
    return EventRecord("s", "inject", "f", {"event": "e", "reply": reply, "after_turn": after_turn})


def test_lines_are_grouped_by_the_turn_that_answered_them() -> None:
    turns = [turn(0, "R0"), turn(1, ""), turn(2, "R2")]  # turn 1 came while paused
    events = [
        inject("E0", 0),
        EventRecord("s", "pause", "f", {}),
        inject("E2", 2),
        EventRecord("s", "hint", "f", {"hint": "not a party line"}),
        inject("E3", 3),
    ]
    lines = party_lines("Opening", turns, events)
    assert lines.before == (("Opening", "E0"), ("R0",), ("E2",), ("R2", "E3"))
    assert lines.all == ["Opening", "E0", "R0", "E2", "R2", "E3"]


def test_without_events_only_the_opening_and_replies_count() -> None:
    assert party_lines("Opening", [turn(0, "R0")]).before == (("Opening",), ("R0",))
