"""A dict-backed `SessionStore`: the service without SQLite, for evaluation play and tests.

`parley eval` plays hundreds of scripted sessions through the real service; nothing of them
needs to last, so they run in memory. It follows the same contract as `state.store.SqliteStore`
(a test runs the shared contract against both), so what is measured here is what users get.
"""

from __future__ import annotations

import copy

from dialogues.ports import DuplicateMessage, EventRecord, SessionRecord, TurnRecord


class MemoryStore:
    def __init__(self) -> None:
        self.sessions: dict[str, SessionRecord] = {}
        self.turn_rows: dict[str, list[TurnRecord]] = {}
        self.event_rows: dict[str, list[EventRecord]] = {}
        self.by_message: dict[str, TurnRecord] = {}

    def create_session(self, session: SessionRecord) -> None:
        if session.id in self.sessions:
            raise ValueError(f"a session with id {session.id!r} already exists")
        self.sessions[session.id] = copy.deepcopy(session)
        self.turn_rows[session.id] = []
        self.event_rows[session.id] = []

    def get_session(self, session_id: str) -> SessionRecord | None:
        found = self.sessions.get(session_id)
        return copy.deepcopy(found) if found else None

    def save_session(self, session: SessionRecord) -> None:
        if session.id not in self.sessions:
            raise KeyError(session.id)
        self.sessions[session.id] = copy.deepcopy(session)

    def record_turn(self, turn: TurnRecord, session: SessionRecord) -> None:
        if turn.message_id is not None and turn.message_id in self.by_message:
            raise DuplicateMessage(turn.message_id)
        stored = copy.deepcopy(turn)
        self.turn_rows[turn.session_id].append(stored)
        if turn.message_id is not None:
            self.by_message[turn.message_id] = stored
        self.save_session(session)

    def turn_for_message(self, message_id: str) -> TurnRecord | None:
        found = self.by_message.get(message_id)
        return copy.deepcopy(found) if found else None

    def turns(self, session_id: str, *, corrected: bool = True) -> list[TurnRecord]:
        # No corrections are ever made here: played and corrected scores are the same.
        return copy.deepcopy(self.turn_rows.get(session_id, []))

    def record_event(self, event: EventRecord, session: SessionRecord | None = None) -> None:
        if event.session_id not in self.sessions:
            raise KeyError(event.session_id)
        self.event_rows[event.session_id].append(copy.deepcopy(event))
        if session is not None:
            self.save_session(session)

    def events(self, session_id: str) -> list[EventRecord]:
        return copy.deepcopy(self.event_rows.get(session_id, []))

    def open_sessions(self) -> list[SessionRecord]:
        return [copy.deepcopy(s) for s in self.sessions.values() if s.status != "ended"]

    def create_branch(
        self, session: SessionRecord, turns: list[TurnRecord], events: list[EventRecord]
    ) -> None:
        if session.parent_id not in self.sessions:
            raise KeyError(session.parent_id)
        self.create_session(session)
        self.turn_rows[session.id] = copy.deepcopy(turns)
        self.event_rows[session.id] = copy.deepcopy(events)
