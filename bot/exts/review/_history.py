"""Read-only views of stored sessions for review: a transcript, and session rows with totals.

Transcripts need only the `SessionStore` contract. Lists of sessions with their (corrected)
totals come from the SQLite store's export query (`state.export.collect`), filtered to one
server, so Discord shows the same numbers as `parley export`.
"""

from __future__ import annotations

from typing import Any

from bot.errors import Refusal
from dialogues.ports import (
    TRAINEE_VISIBLE_EVENTS,
    EventRecord,
    SessionRecord,
    SessionStore,
    TurnRecord,
)
from dialogues.scenario import Scenario
from state.export import collect
from state.store import SqliteStore

AREAS = ("active_listening", "trust_building", "interim_proposals", "penalties")


def transcript_text(
    scenario: Scenario,
    record: SessionRecord,
    turns: list[TurnRecord],
    events: list[EventRecord],
    *,
    full: bool,
) -> str:
    """The session as Markdown: opening, each turn with its codes and points, then the reply.

    `full` adds whispers (facilitators' private instructions) to the event list.
    """
    party = scenario.persona.name
    lines = [
        f"# {scenario.title} — session {record.id}",
        "",
        f"- scenario: {record.scenario_id} v{record.scenario_version}, rubric {record.rubric}",
        f"- mode: {record.mode}, level: {record.level}, seed: {record.seed}",
        f"- status: {record.status}, outcome: {record.outcome}",
        f"- started: {record.created_at}"
        + (f", ended: {record.ended_at}" if record.ended_at else ""),
        *(
            [f"- retry of session {record.parent_id}: turns 1-{record.branch_at} kept from it"]
            if record.parent_id and record.branch_at
            else [f"- retry of session {record.parent_id} from its opening line"]
            if record.parent_id
            else []
        ),
        "",
        f"**{party}:** {record.opening}",
        "",
    ]
    for turn in turns:
        score = turn.score or {}
        codes = ", ".join(score.get("codes", [])) or "none"
        points = score.get("points", {})
        total = sum(float(v) for v in points.values()) if points else 0.0
        lines += [
            f"**Trainee (turn {turn.index + 1}):** {turn.text}",
            f"  _codes: {codes}; points: {total:+.1f}; state: {turn.state}_",
        ]
        if turn.reply:
            lines.append(f"**{party}:** {turn.reply}")
        if turn.hint:
            lines.append(f"  _coach: {turn.hint}_")
        lines.append("")
    shown = [e for e in events if full or e.kind in TRAINEE_VISIBLE_EVENTS]
    if shown:
        lines += ["## Facilitator events", ""]
        for event in shown:
            detail = ", ".join(f"{k}: {v}" for k, v in event.detail.items() if v)
            lines.append(f"- {event.created_at} {event.kind}" + (f" ({detail})" if detail else ""))
    return "\n".join(lines).rstrip() + "\n"


def guild_sessions(
    store: SessionStore, guild_id: str, *, trainee: str | None = None
) -> list[dict[str, Any]]:
    """Session rows (with totals per area) of one server, optionally of one trainee."""
    return collect(_sqlite(store, "Reports"), user=trainee, guild_id=guild_id, identified=True)[0]


def export_rows(store: SessionStore, guild_id: str) -> dict[str, list[dict[str, Any]]]:
    """This server's sessions and turns, pseudonymised (no Discord ids, names or channels)."""
    sessions, turns = collect(_sqlite(store, "Exports"), guild_id=guild_id)
    return {"sessions": sessions, "turns": turns}


def _sqlite(store: SessionStore, what: str) -> SqliteStore:
    """The store, if it is the SQLite one: reports and exports query it directly."""
    if not isinstance(store, SqliteStore):
        raise Refusal(f"{what} need Parley's SQLite store.")
    return store
