"""STUB — replaced by the real debrief (issue 4)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dialogues.ports import SessionRecord, TurnRecord
from dialogues.scenario import Scenario


@dataclass(frozen=True)
class Debrief:
    outcome: str
    totals: dict[str, float]
    best_moments: list[dict[str, Any]] = field(default_factory=list)
    missed_openings: list[str] = field(default_factory=list)
    meter_arc: list[dict[str, int]] = field(default_factory=list)
    next_time: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def build_debrief(
    scenario: Scenario, session: SessionRecord, turns: Sequence[TurnRecord]
) -> Debrief:
    totals = {
        "active_listening": 0.0,
        "trust_building": 0.0,
        "interim_proposals": 0.0,
        "penalties": 0.0,
    }
    for t in turns:
        for k, v in t.score.get("points", {}).items():
            totals[k] += v
    return Debrief(session.outcome, totals, meter_arc=[t.meters for t in turns])
