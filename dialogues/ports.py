"""The storage contract the session service needs, and the records that cross it.

`dialogues/` must not import SQLite, so the service talks to storage through this
`Protocol`; `state.store.SqliteStore` implements it and tests may use a dict-backed fake.
Records are plain dataclasses so every front end and report reads the same shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol


def utc_now() -> str:
    """The timestamp format of every record: UTC ISO text, sortable as a string."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class SessionRecord:
    """One role-play: who, which scenario (and version), how it is configured, where it stands.

    `counterpart` is the engine's snapshot (state, meters, reply memory) after the last turn;
    restoring it resumes the party exactly where it stopped. `channel_id` is the front end's
    place for the session (a Discord thread id; empty in the terminal). A branch (a retry
    from some turn of another session) names that session in `parent_id` and keeps its
    first `branch_at` turns; an original session has no parent and `branch_at` 0.
    """

    id: str
    scenario_id: str
    scenario_version: int
    rubric: str
    seed: int
    mode: str
    level: str
    trainee: str
    counterpart: dict[str, Any]
    status: str = "active"  # active | paused | ended
    outcome: str = "ongoing"  # ongoing | agreement | walkout | breakdown | ended
    facilitator: str = ""
    guild_id: str = ""
    channel_id: str = ""
    opening: str = ""
    created_at: str = ""
    ended_at: str = ""
    parent_id: str = ""
    branch_at: int = 0


@dataclass(slots=True)
class TurnRecord:
    """One trainee message, its score and the party's reply, stored before the reply is sent."""

    session_id: str
    index: int
    author: str
    text: str
    score: dict[str, Any]
    reply: str
    state: str
    meters: dict[str, int]
    message_id: str | None = None
    hint: str = ""
    created_at: str = ""


# Events a trainee may see (transcripts, debrief charts); whispers stay with the facilitators.
TRAINEE_VISIBLE_EVENTS = frozenset({"inject", "pause", "resume", "hint", "end"})


@dataclass(slots=True)
class EventRecord:
    """A facilitator action or system event in a session (inject, pause, whisper, hint, end)."""

    session_id: str
    kind: str
    actor: str
    detail: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""


class SessionStore(Protocol):
    """What the service needs from storage. Each write is one transaction, durable on return."""

    def create_session(self, session: SessionRecord) -> None:
        """Store a new session."""

    def get_session(self, session_id: str) -> SessionRecord | None:
        """The session with this id, or None."""

    def save_session(self, session: SessionRecord) -> None:
        """Persist the session's status, outcome, counterpart snapshot and end time."""

    def record_turn(self, turn: TurnRecord, session: SessionRecord) -> None:
        """Store the turn and the session's new snapshot atomically (one transaction).

        Raises `DuplicateMessage` when `turn.message_id` was already stored.
        """

    def turn_for_message(self, message_id: str) -> TurnRecord | None:
        """The turn already stored for a front-end message id (idempotency), or None."""

    def turns(self, session_id: str, *, corrected: bool = True) -> list[TurnRecord]:
        """All turns of a session in order; `corrected=False` gives the scores as played,
        without coordinators' corrections (what the party reacted to, for a replay)."""

    def record_event(self, event: EventRecord, session: SessionRecord | None = None) -> None:
        """Store an event, and the session's new snapshot with it when given."""

    def events(self, session_id: str) -> list[EventRecord]:
        """All events of a session in order."""

    def open_sessions(self) -> list[SessionRecord]:
        """Sessions not yet ended (for resuming after a restart)."""

    def create_branch(
        self, session: SessionRecord, turns: list[TurnRecord], events: list[EventRecord]
    ) -> None:
        """Store a branch with the turns and events it keeps from its parent, atomically:
        a crash leaves either the whole branch or nothing."""


class DuplicateMessage(Exception):
    """The front-end message was already stored as a turn: the caller returns the stored result."""


class SessionConflict(Exception):
    """Another writer stored this turn index first: the caller's snapshot is stale.

    The service reloads the session from the store and plays the message again once.
    """
