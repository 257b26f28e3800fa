"""Fixtures for storage tests: records shaped like the service's, and fresh stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dialogues.ports import SessionRecord, TurnRecord
from state.store import SqliteStore


def make_session(sid: str = "s1", trainee: str = "discord:1001", **extra: object) -> SessionRecord:
    fields: dict[str, object] = {
        "id": sid,
        "scenario_id": "checkpoint-convoy",
        "scenario_version": 1,
        "rubric": "2026.1",
        "seed": 7,
        "mode": "coach",
        "level": "standard",
        "trainee": trainee,
        "counterpart": {"state": "hostile", "meters": {"trust": 10, "tension": 70, "heard": 0}},
        "facilitator": "discord:2002",
        "guild_id": "g-100",
        "channel_id": "thread-555",
        "opening": "Nobody passes this checkpoint.",
        "created_at": "2026-01-01T10:00:00+00:00",
    }
    fields.update(extra)
    return SessionRecord(**fields)  # type: ignore[arg-type]


def make_turn(
    index: int,
    sid: str = "s1",
    message_id: str | None = None,
    text: str | None = None,
    author: str = "discord:1001",
) -> TurnRecord:
    return TurnRecord(
        session_id=sid,
        index=index,
        author=author,
        text=text if text is not None else f"You sound exhausted, commander ({index}).",
        score={
            "rubric": "2026.1",
            "codes": ["emotion_label", "threat"],
            "evidence": {
                "emotion_label": [{"start": 0, "end": 21, "text": "You sound exhausted"}],
                "threat": [{"start": 22, "end": 30, "text": "or else"}],
            },
            "reasons": {"emotion_label": "names a feeling", "threat": "a threat"},
            "points": {
                "active_listening": 3.0,
                "trust_building": 0.0,
                "interim_proposals": 0.0,
                "penalties": -5.0,
            },
            "weight": 1.0,
            "flags": [],
        },
        reply=f"Exhausted? Try standing here for nine days. ({index})",
        state="guarded",
        meters={"trust": 12 + index, "tension": 65, "heard": 10},
        message_id=message_id,
        hint="Ask what he needs." if index % 2 else "",
        created_at=f"2026-01-01T10:{index:02d}:00+00:00",
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "parley.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore(db_path, busy_timeout=0.5) as opened:
        yield opened


IDENTIFYING = [
    "discord:1001",
    "discord:3003",
    "discord:2002",
    "Ada Lovelace",
    "Bob Builder",
    "thread-555",
    "thread-777",
    "g-100",
    "msg-",
]


def populate(store: SqliteStore) -> None:
    """Two trainees: s1 (discord:1001, 3 turns, January) and s2 (discord:3003, 2 turns,
    March, another scenario); facilitator discord:2002; display names known."""
    store.set_display_name("discord:1001", "Ada Lovelace")
    store.set_display_name("discord:3003", "Bob Builder")
    first = make_session("s1")
    store.create_session(first)
    for i in range(3):
        store.record_turn(make_turn(i, "s1", f"msg-1-{i}"), first)
    second = make_session(
        "s2",
        trainee="discord:3003",
        scenario_id="ceasefire-talks",
        channel_id="thread-777",
        created_at="2026-03-01T09:00:00+00:00",
    )
    store.create_session(second)
    for i in range(2):
        turn = make_turn(i, "s2", f"msg-2-{i}", author="discord:3003", text=f"Bob speaks {i}")
        turn.created_at = f"2026-03-01T09:0{i}:00+00:00"
        store.record_turn(turn, second)
