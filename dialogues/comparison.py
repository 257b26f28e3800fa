"""Two paths through one scenario, side by side from the turn where they part.

A branch keeps its parent's first turns word for word, so the paths share those turns and
differ after them. The comparison finds that point from the turns themselves (the same
message getting the same reply), which also covers a branch that happened to say the same
thing again for a while: the paths only part where something differs. The terminal
(`parley transcripts compare`) and the Discord debrief of a branch both render this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from dialogues.ports import SessionRecord, TurnRecord
from dialogues.scoring.model import session_totals


class NotComparable(ValueError):
    """The two sessions are not paths through the same scenario."""


@dataclass(frozen=True)
class Step:
    """One turn of one path, as the comparison shows it (numbered from 1)."""

    number: int
    text: str
    codes: tuple[str, ...]
    points: float
    state: str
    meters: dict[str, int]
    reply: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.number,
            "text": self.text,
            "codes": list(self.codes),
            "points": self.points,
            "state": self.state,
            "meters": dict(self.meters),
            "reply": self.reply,
        }


@dataclass(frozen=True)
class PathSummary:
    """One session after the shared turns: its own steps, where it ended, what it scored."""

    session_id: str
    outcome: str
    steps: tuple[Step, ...]
    meters: dict[str, int]
    total: float
    arc: tuple[dict[str, int], ...]  # the meters after every turn, shared ones included

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "outcome": self.outcome,
            "meters": dict(self.meters),
            "total": self.total,
            "turns": [step.to_dict() for step in self.steps],
        }


@dataclass(frozen=True)
class Comparison:
    """Paths `a` and `b`, which share their first `shared` turns."""

    shared: int
    a: PathSummary
    b: PathSummary

    def rows(self) -> list[tuple[Step | None, Step | None]]:
        """The steps after the shared turns, pairwise; the shorter path leaves blanks."""
        return list(zip_longest(self.a.steps, self.b.steps))

    def to_dict(self) -> dict[str, Any]:
        return {"shared_turns": self.shared, "a": self.a.to_dict(), "b": self.b.to_dict()}


def outcome_of(record: SessionRecord) -> str:
    """`agreement`, `walkout`, `breakdown`, `ended` (stopped by a person) or `ongoing`."""
    return record.outcome if record.status == "ended" else "ongoing"


def compare(
    a: SessionRecord,
    a_turns: Sequence[TurnRecord],
    b: SessionRecord,
    b_turns: Sequence[TurnRecord],
) -> Comparison:
    """Where paths `a` and `b` part, and each one from there on."""
    if a.scenario_id != b.scenario_id:
        raise NotComparable(
            f"session {a.id} plays {a.scenario_id} and {b.id} plays {b.scenario_id}: "
            "compare two paths through one scenario (a session and its branch)"
        )
    shared = 0
    for left, right in zip(a_turns, b_turns, strict=False):
        if (left.text, left.reply) != (right.text, right.reply):
            break
        shared += 1
    return Comparison(shared, _path(a, a_turns, shared), _path(b, b_turns, shared))


def _path(record: SessionRecord, turns: Sequence[TurnRecord], shared: int) -> PathSummary:
    steps = tuple(
        Step(
            number=t.index + 1,
            text=t.text,
            codes=tuple(t.score.get("codes", ())),
            points=round(sum(float(v) for v in t.score.get("points", {}).values()), 2),
            state=t.state,
            meters=dict(t.meters),
            reply=t.reply,
        )
        for t in turns[shared:]
    )
    totals = session_totals(t.score for t in turns)
    return PathSummary(
        session_id=record.id,
        outcome=outcome_of(record),
        steps=steps,
        meters=dict(record.counterpart.get("meters", {})),
        total=round(sum(totals.values()), 2),
        arc=tuple(dict(t.meters) for t in turns),
    )
