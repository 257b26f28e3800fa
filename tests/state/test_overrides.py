"""Coordinators correct scores; the original stays, the audit trail says who, what, why."""

from __future__ import annotations

import json

import pytest

from state.errors import UnknownSession, UnknownTurn
from state.overrides import InvalidOverride, audit, override_session, override_turn, session_totals
from state.store import SqliteStore
from tests.state.conftest import populate


@pytest.fixture
def filled(store: SqliteStore) -> SqliteStore:
    populate(store)
    return store


def test_a_corrected_turn_reads_back_corrected_and_keeps_the_original(
    filled: SqliteStore,
) -> None:
    entry = override_turn(
        filled, "s1", 1, who="discord:2002", why="the threat was a quote", codes=["emotion_label"]
    )
    assert entry["old"] == {
        "codes": ["emotion_label", "threat"],
        "points": {
            "active_listening": 3.0,
            "trust_building": 0.0,
            "interim_proposals": 0.0,
            "penalties": -5.0,
        },
    }
    assert entry["new"]["codes"] == ["emotion_label"]
    assert entry["new"]["points"]["penalties"] == 0.0  # rescored at the rubric's face value
    assert entry["new"]["points"]["active_listening"] == 3.0  # unchanged area kept
    score = filled.turns("s1")[1].score
    assert score["codes"] == ["emotion_label"] and "threat" not in score["evidence"]
    assert score["override"]["by"] == "discord:2002"
    assert score["override"]["original"]["codes"] == ["emotion_label", "threat"]
    with filled.read() as db:
        stored = json.loads(db.execute("SELECT codes FROM turns WHERE idx = 1").fetchone()[0])
    assert stored == ["emotion_label", "threat"]  # the original row is untouched
    assert filled.turn_for_message("msg-1-1") == filled.turns("s1")[1]


def test_points_can_be_set_directly_and_corrections_chain(filled: SqliteStore) -> None:
    override_turn(filled, "s1", 0, who="a", why="first", points={"trust_building": 2})
    override_turn(
        filled,
        "s1",
        0,
        who="b",
        why="second",
        codes=["paraphrase", "apology"],
        points={"penalties": 0},
    )
    score = filled.turns("s1")[0].score
    assert score["points"]["trust_building"] == 2.0  # from the first correction
    assert score["points"]["penalties"] == 0.0
    assert score["codes"] == ["paraphrase", "apology"]
    assert score["reasons"]["apology"] == "set by a coordinator: second"
    assert score["override"]["original"]["codes"] == ["emotion_label", "threat"]
    trail = audit(filled, "s1")
    assert [(e["who"], e["why"], e["turn"]) for e in trail] == [
        ("a", "first", 1),  # turn numbers count from 1, as people read them
        ("b", "second", 1),
    ]
    assert trail[1]["old"]["points"]["trust_building"] == 2.0  # old = what it was before
    assert all(e["at"] for e in trail)


def test_session_totals_use_corrections(filled: SqliteStore) -> None:
    assert session_totals(filled, "s1")["total"] == -6.0
    override_turn(filled, "s1", 0, who="c", why="no threat", codes=["emotion_label"])
    assert session_totals(filled, "s1")["penalties"] == -10.0
    entry = override_session(filled, "s1", who="c", why="recount", totals={"penalties": -2})
    assert entry["old"] == {"totals": {"penalties": -10.0}}
    totals = session_totals(filled, "s1")
    assert totals["penalties"] == -2.0 and totals["active_listening"] == 9.0
    assert totals["total"] == 7.0 and totals["overridden"] is True
    assert session_totals(filled, "s2")["overridden"] is False


def test_debriefs_use_corrected_scores(store: SqliteStore) -> None:
    from dialogues.service import SessionService

    service = SessionService(store)
    session_id = service.start("checkpoint-convoy", trainee="t", seed=1).session.id
    service.handle_turn(session_id, "You sound exhausted. What happened at this bridge?")
    override_turn(
        store, session_id, 0, who="coord", why="missed label", points={"active_listening": 7}
    )
    assert service.debrief(session_id).totals["active_listening"] == 7.0
    assert SessionService(store).debrief(session_id).totals["active_listening"] == 7.0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"codes": ["telepathy"]}, InvalidOverride, "unknown code"),
        ({"points": {"charisma": 1}}, InvalidOverride, "unknown area"),
        ({}, InvalidOverride, "codes and/or points"),
        ({"codes": [], "why": "  "}, InvalidOverride, "why"),
    ],
)
def test_bad_corrections_are_refused(
    filled: SqliteStore, kwargs: dict, error: type, match: str
) -> None:
    kwargs = {"who": "c", "why": "reason", **kwargs}
    with pytest.raises(error, match=match):
        override_turn(filled, "s1", 0, **kwargs)
    assert audit(filled) == []


def test_unknown_targets_are_clear_errors(filled: SqliteStore) -> None:
    with pytest.raises(UnknownTurn, match="no turn 10"):  # index 9: the 10th turn
        override_turn(filled, "s1", 9, who="c", why="x", codes=[])
    with pytest.raises(UnknownSession):
        override_turn(filled, "zz", 0, who="c", why="x", codes=[])
    with pytest.raises(UnknownSession):
        override_session(filled, "zz", who="c", why="x", totals={"penalties": 0})
