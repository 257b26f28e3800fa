"""Branching: keep the first N turns of a session, replayed exactly, and play on from there."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogues.branching import BranchRefused
from dialogues.catalogue import ScenarioCatalogue
from dialogues.memory_store import MemoryStore
from dialogues.service import NotYourSession, SessionService
from tests.dialogues.test_service import _keyword_scorer  # noqa: F401  (autouse fixture)

HERE = Path(__file__).parent
LINES = [
    "hello there",
    "you feel angry, open_question what happened?",
    "acknowledgement: that was unfair to you",
    "paraphrase: so the gate is your responsibility",
    "emotion_label open_question what would help?",
    "summary and acknowledgement",
]


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture(scope="module")
def catalogue() -> ScenarioCatalogue:
    return ScenarioCatalogue([HERE])  # validating scenarios takes a while: once per module


@pytest.fixture
def service(store: MemoryStore, catalogue: ScenarioCatalogue) -> SessionService:
    return SessionService(store, catalogue)


def _played(service: SessionService, lines: list[str]) -> str:
    session_id = service.start("mini", trainee="u1", seed=5).session.id
    for line in lines:
        service.handle_turn(session_id, line)
    return session_id


def _path(store: MemoryStore, session_id: str) -> list[tuple]:
    return [(t.text, t.score, t.reply, t.state, t.meters, t.hint) for t in store.turns(session_id)]


@pytest.mark.parametrize("at", range(len(LINES) + 1))
def test_a_branch_given_the_originals_next_messages_reproduces_it(service, store, at) -> None:
    original = _played(service, LINES)
    branch = service.branch(original, at, "u1").session
    assert (branch.parent_id, branch.branch_at, branch.trainee) == (original, at, "u1")
    assert len(store.turns(branch.id)) == at
    for line in LINES[at:]:
        service.handle_turn(branch.id, line)
    assert _path(store, branch.id) == _path(store, original)
    assert store.get_session(branch.id).counterpart == store.get_session(original).counterpart


def test_a_branch_goes_its_own_way_and_leaves_the_original_alone(service, store) -> None:
    original = _played(service, LINES[:3])
    before = _path(store, original)
    branch = service.branch(original, 1, "u1").session
    result = service.handle_turn(branch.id, "threat: open the gate or else")
    assert result.index == 1
    assert _path(store, original) == before
    assert store.turns(branch.id)[1].text == "threat: open the gate or else"
    assert store.turns(branch.id)[0].message_id is None  # copies never clash with Discord ids


def test_a_branch_of_a_branch_keeps_the_whole_lineage(service, store) -> None:
    original = _played(service, LINES)
    first = service.branch(original, 4, "u1").session
    service.handle_turn(first.id, "threat now")
    second = service.branch(first.id, 2, "u1").session
    assert (second.parent_id, second.branch_at) == (first.id, 2)
    for line in LINES[2:]:
        service.handle_turn(second.id, line)
    assert _path(store, second.id) == _path(store, original)


def test_a_restarted_service_continues_a_branch_exactly(store, catalogue) -> None:
    first = SessionService(store, catalogue)
    original = _played(first, LINES)
    branch = first.branch(original, 2, "u1").session
    first.handle_turn(branch.id, LINES[2])
    restarted = SessionService(store, catalogue)
    for line in LINES[3:]:
        restarted.handle_turn(branch.id, line)
    assert _path(store, branch.id) == _path(store, original)
    assert restarted.session(branch.id).parent_id == original


def test_events_before_the_branch_point_are_replayed_in_their_place(service, store) -> None:
    original = service.start("mini", trainee="u1", seed=5).session.id
    service.handle_turn(original, LINES[0])
    service.inject(original, "shots", "facilitator")
    service.whisper(original, "soften a little", "facilitator")
    for line in LINES[1:4]:
        service.handle_turn(original, line)
    branch = service.branch(original, 1, "u1").session
    kinds = [e.kind for e in store.events(branch.id)]
    assert kinds == ["inject", "whisper", "branch"]
    for line in LINES[1:4]:
        service.handle_turn(branch.id, line)
    assert _path(store, branch.id) == _path(store, original)


def test_a_branch_of_a_paused_moment_starts_live(service, store) -> None:
    original = _played(service, LINES[:2])
    service.pause(original, "facilitator")
    branch = service.branch(original, 2, "u1").session
    assert service.handle_turn(branch.id, LINES[2]).reply
    # ... and can itself be branched at that point again.
    assert service.branch(branch.id, 2, "u1").session.status == "active"


def test_only_the_trainee_or_a_facilitator_can_branch(service) -> None:
    original = _played(service, LINES[:2])
    with pytest.raises(NotYourSession, match="another trainee's"):
        service.branch(original, 1, "u2")
    assert service.branch(original, 1, "f9", facilitator=True).session.trainee == "u1"


@pytest.mark.parametrize("at", [-1, 3])
def test_a_turn_outside_the_session_is_refused(service, at) -> None:
    original = _played(service, LINES[:2])
    with pytest.raises(BranchRefused, match="has 2 turns: keep between 0 and 2"):
        service.branch(original, at, "u1")


def test_the_turn_that_ended_a_session_cannot_be_kept(service) -> None:
    original = service.start("mini", trainee="u1", seed=5).session.id
    for _ in range(3):
        if service.handle_turn(original, "threat ultimatum blame").outcome != "ongoing":
            break
    ended = service.session(original)
    assert ended.outcome == "walkout"
    turns = len(service.store.turns(original))
    with pytest.raises(BranchRefused, match=f"turn {turns} .* ended it \\(walkout\\)"):
        service.branch(original, turns, "u1")
    assert service.branch(original, turns - 1, "u1").session.status == "active"


def test_a_changed_scenario_refuses_the_replay(store, catalogue) -> None:
    original = _played(SessionService(store, catalogue), LINES[:2])
    service = SessionService(store, catalogue)  # reads the edits below from the store
    record = store.sessions[original]
    record.scenario_version = 1
    with pytest.raises(BranchRefused, match="v1, which is now v3"):
        service.branch(original, 1, "u1")
    record.scenario_version = 3
    store.turn_rows[original][0].reply = "something else"
    with pytest.raises(BranchRefused, match="does not replay exactly at turn 1"):
        SessionService(store, catalogue).branch(original, 2, "u1")
