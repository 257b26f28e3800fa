"""The numbers each chart plots, built from stored sessions: plain data, no matplotlib.

Kept apart from the drawing so tests (and a report without matplotlib) can check exactly
what a chart shows, and so every chart of a session plots the same series as its debrief.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dialogues.ports import TRAINEE_VISIBLE_EVENTS, EventRecord
from dialogues.scoring.model import skill_profile
from dialogues.scoring.rubric import Area
from dialogues.service import SessionService

METERS = ("trust", "tension", "heard")
# The normalised (0-100 per turn played) skills of `skill_profile`, in the order charts show.
SKILLS = ("active_listening", "trust_building", "interim_proposals", "restraint", "overall")
SKILL_SHORT = {
    "active_listening": "AL",
    "trust_building": "TB",
    "interim_proposals": "IP",
    "restraint": "restraint",
    "overall": "overall",
}
AREAS = tuple(area.value for area in Area)


@dataclass(frozen=True)
class ArcEvent:
    """Something that happened between trainee turns: after turn `after_turn` (0: before any)."""

    after_turn: int
    kind: str
    label: str


@dataclass(frozen=True)
class MeterArc:
    """The party's meters over one session: point 0 is the start, point n after turn n.

    `moved[meter]` lists the turns after which that meter differs from the point before;
    `events` are the facilitator events (injected news, pauses, the end) between turns.
    """

    label: str
    turns: tuple[int, ...]
    meters: Mapping[str, tuple[int, ...]]
    moved: Mapping[str, tuple[int, ...]]
    events: tuple[ArcEvent, ...] = ()


def meter_arc(
    points: Sequence[Mapping[str, Any]],
    events: Iterable[EventRecord] = (),
    *,
    label: str = "",
    turn_times: Sequence[str] = (),
    whispers: bool = False,
) -> MeterArc:
    """The arc of `Debrief.meter_arc` points, with the session's events placed between turns.

    Events carry the number of turns before them (`after_turn`); older stored events do not,
    so they are placed by time among `turn_times` (the turns' `created_at`). Whispers are
    the facilitators' secret: shown only when `whispers` is set (never to a trainee).
    """
    turns = tuple(int(point["turn"]) for point in points)
    meters = {m: tuple(int(point.get(m, 0)) for point in points) for m in METERS}
    moved = {
        m: tuple(turns[i] for i in range(1, len(turns)) if values[i] != values[i - 1])
        for m, values in meters.items()
    }
    placed = tuple(
        ArcEvent(_after_turn(event, turn_times), event.kind, _event_label(event))
        for event in events
        if whispers or event.kind in TRAINEE_VISIBLE_EVENTS
    )
    return MeterArc(label, turns, meters, moved, placed)


def session_arc(
    service: SessionService, session_id: str, *, label: str = "", whispers: bool = False
) -> MeterArc:
    """The meter arc of a stored session, from the same points as its debrief."""
    turns = service.store.turns(session_id)
    return meter_arc(
        service.debrief(session_id).meter_arc,
        service.store.events(session_id),
        label=label or session_id,
        turn_times=[turn.created_at for turn in turns],
        whispers=whispers,
    )


def _after_turn(event: EventRecord, turn_times: Sequence[str]) -> int:
    if "after_turn" in event.detail:
        return int(event.detail["after_turn"])
    # Timestamps are ISO text in UTC, so they compare as strings.
    return sum(1 for created in turn_times if created and created <= event.created_at)


def _event_label(event: EventRecord) -> str:
    name = event.detail.get("event")
    return f"{event.kind}: {name}" if name else event.kind


@dataclass(frozen=True)
class SessionScores:
    """One session as the progress and cohort charts see it: normalised and raw side by side."""

    session_id: str
    scenario_id: str
    date: str
    turns: int
    profile: Mapping[str, float]  # 0-100 per skill (`skill_profile`)
    raw: Mapping[str, float]  # points summed per area, and `total`


def session_scores(rows: Iterable[Mapping[str, Any]]) -> list[SessionScores]:
    """Export rows (`state.export.collect`) as normalised scores with their raw sums.

    Sessions without a played turn are left out: a 0-turn profile is no score at all.
    """
    out = []
    for row in rows:
        turns = int(row.get("turns") or 0)
        if turns <= 0:
            continue
        raw = {area: float(row.get(area) or 0.0) for area in AREAS}
        raw["total"] = float(row.get("total") or round(sum(raw.values()), 2))
        out.append(
            SessionScores(
                session_id=str(row["session_id"]),
                scenario_id=str(row["scenario_id"]),
                date=str(row.get("created_at") or "")[:10],
                turns=turns,
                profile=skill_profile(raw, turns),
                raw=raw,
            )
        )
    return out


def cohort_distribution(
    sessions: Iterable[SessionScores],
) -> dict[str, dict[str, list[float]]]:
    """Per skill, per scenario (sorted), the normalised scores of every session."""
    by_skill: dict[str, dict[str, list[float]]] = {skill: defaultdict(list) for skill in SKILLS}
    for session in sorted(sessions, key=lambda s: s.scenario_id):
        for skill in SKILLS:
            by_skill[skill][session.scenario_id].append(session.profile[skill])
    return {skill: dict(groups) for skill, groups in by_skill.items()}


def skill_name(skill: str) -> str:
    """`active_listening` as `Active listening`, for titles and legends."""
    return skill.replace("_", " ").capitalize()
