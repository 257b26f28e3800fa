"""What the scorer takes and returns: plain, immutable data shared by engine, store and reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dialogues.scoring.rubric import CODE_AREA, RUBRIC_VERSION, Area, Code


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words that earned (or cost) a code: a character span of the trainee's message."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class CodeHit:
    """One detected move, with the spans that show it and a one-line reason a person can check."""

    code: Code
    evidence: tuple[Evidence, ...]
    reason: str
    confidence: float = 1.0  # the head's probability (1.0 for a code a person set)


@dataclass(frozen=True, slots=True)
class ScoringContext:
    """What the scorer needs to judge moves that depend on the conversation.

    `party_last` is the counterpart's previous message (paraphrase, mirror, emotion cues);
    `party_history` all of its messages so far (summary); `trainee_history` the trainee's
    earlier messages (repetition, consistency); `listened` whether the trainee has shown any
    listening move earlier in the session (a proposal before any listening is premature).
    `classify` with no history assumes they have, unless its input says otherwise.
    """

    party_last: str = ""
    party_history: tuple[str, ...] = ()
    trainee_history: tuple[str, ...] = ()
    listened: bool = True


# Most messages raise no gaming flag; they share this one empty set (216 bytes each otherwise,
# and a live session keeps its last scores).
NO_FLAGS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class TurnScore:
    """The scored view of one trainee message.

    `weight` (0-1) is how much the message counts after gaming checks (repetition, echoing
    the party, keyword stuffing, flattery); `flags` names the checks that fired, so the
    engine and the debrief can say why a move earned less than usual.
    """

    hits: tuple[CodeHit, ...]
    points: dict[Area, float]
    weight: float = 1.0
    flags: frozenset[str] = NO_FLAGS
    rubric: str = RUBRIC_VERSION

    @property
    def codes(self) -> list[Code]:
        """The detected codes, in rubric order, without duplicates."""
        found = {hit.code for hit in self.hits}
        return [code for code in Code if code in found]

    def has(self, code: Code) -> bool:
        """Whether the message showed `code`."""
        return any(hit.code is code for hit in self.hits)

    def confidence(self, code: Code) -> float:
        """How sure the scorer was of `code` (0 when the message does not show it)."""
        return max((hit.confidence for hit in self.hits if hit.code is code), default=0.0)

    @property
    def total(self) -> float:
        """Net points of the turn, penalties included."""
        return sum(self.points.values())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: codes, evidence spans with reasons, points per area."""
        return {
            "rubric": self.rubric,
            "codes": [code.value for code in self.codes],
            "evidence": {
                hit.code.value: [
                    {"start": e.start, "end": e.end, "text": e.text} for e in hit.evidence
                ]
                for hit in self.hits
            },
            "reasons": {hit.code.value: hit.reason for hit in self.hits},
            "confidence": {hit.code.value: round(hit.confidence, 3) for hit in self.hits},
            "points": {area.value: round(value, 2) for area, value in self.points.items()},
            "weight": round(self.weight, 3),
            "flags": sorted(self.flags),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnScore:
        """Rebuild a score stored with `to_dict` (resume, reports, overrides)."""
        hits = tuple(
            CodeHit(
                code=Code(code),
                evidence=tuple(Evidence(**span) for span in spans),
                reason=data.get("reasons", {}).get(code, ""),
                confidence=float(data.get("confidence", {}).get(code, 1.0)),
            )
            for code, spans in data.get("evidence", {}).items()
        )
        return cls(
            hits=hits,
            points={Area(k): float(v) for k, v in data.get("points", {}).items()},
            weight=float(data.get("weight", 1.0)),
            flags=frozenset(data["flags"]) if data.get("flags") else NO_FLAGS,
            rubric=data.get("rubric", RUBRIC_VERSION),
        )


def empty_points() -> dict[Area, float]:
    """Zero points in every area, so reports always show all four columns."""
    return {area: 0.0 for area in Area}


def area_of(code: Code) -> Area:
    """The skill area a code counts towards."""
    return CODE_AREA[code]


# Points per turn in an area that make a full-marks session: a strong, varied move every turn.
PROFILE_FULL_TURN: dict[Area, float] = {
    Area.ACTIVE_LISTENING: 4.0,
    Area.TRUST_BUILDING: 3.0,
    Area.INTERIM_PROPOSALS: 3.0,
    Area.PENALTIES: 2.0,  # average penalty per turn that brings "restraint" to 0
}


def skill_profile(totals: dict[str, float], turns: int) -> dict[str, float]:
    """A 0-100 profile per skill, per turn played, so sessions of any length compare fairly.

    Raw sums reward length: forty turns of filler out-score a short session won on substance.
    Each skill here is its points per turn against a full-marks turn; `restraint` is 100
    minus the average penalty per turn; `overall` is their mean. Raw sums stay beside it.
    """
    if turns <= 0:
        return {
            **{area.value: 0.0 for area in Area if area is not Area.PENALTIES},
            "restraint": 100.0,
            "overall": 0.0,
        }

    def share(value: float, full: float) -> float:
        return round(100 * max(0.0, min(1.0, value / (turns * full))), 1)

    profile = {
        area.value: share(totals.get(area.value, 0.0), full)
        for area, full in PROFILE_FULL_TURN.items()
        if area is not Area.PENALTIES
    }
    penalties = -totals.get(Area.PENALTIES.value, 0.0)
    profile["restraint"] = round(100 - share(penalties, PROFILE_FULL_TURN[Area.PENALTIES]), 1)
    profile["overall"] = round(sum(profile.values()) / len(profile), 1)
    return profile


def session_totals(scores: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Points per area summed over stored turn scores (`TurnScore.to_dict()` form).

    Reports, exports and debriefs all total through here, so corrected (overridden)
    scores count the same everywhere.
    """
    totals = {area.value: 0.0 for area in Area}
    for score in scores:
        for area, value in score.get("points", {}).items():
            totals[area] = round(totals.get(area, 0.0) + float(value), 2)
    return totals
