"""SessionService: durable before reply, idempotent per message, resumable, steerable."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogues import service as service_module
from dialogues.catalogue import ScenarioCatalogue
from dialogues.engine import SessionPaused
from dialogues.memory_store import MemoryStore
from dialogues.ports import SessionRecord, TurnRecord
from dialogues.scoring.history import History
from dialogues.scoring.model import CodeHit, Evidence, TurnScore, empty_points
from dialogues.scoring.rubric import Code
from dialogues.service import (
    MAX_MESSAGE_CHARS,
    EmptyMessage,
    SessionClosed,
    SessionNotFound,
    SessionService,
)

HERE = Path(__file__).parent


def keyword_score(text: str, context: object) -> TurnScore:
    """A predictable stand-in scorer: a word per code ("emotion_label", "threat", ...)."""
    hits = tuple(
        CodeHit(code, (Evidence(0, len(text), text),), "keyword")
        for code in Code
        if code.value in text
    )
    return TurnScore(hits=hits, points=empty_points())


@pytest.fixture(autouse=True)
def _keyword_scorer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_module, "score_message", keyword_score)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def service(store: MemoryStore) -> SessionService:
    return SessionService(store, ScenarioCatalogue([HERE]))


def start(service: SessionService, mode: str = "coach") -> str:
    return service.start("mini", trainee="u1", seed=3, mode=mode).session.id


def test_start_stores_session_with_versions_and_opening(service, store) -> None:
    started = service.start("mini", trainee="u1", seed=3)
    stored = store.get_session(started.session.id)
    assert stored is not None
    assert (stored.scenario_version, stored.seed, stored.opening) == (3, 3, started.opening)
    assert started.opening in ("Nobody passes.", "Turn around.")


def test_turn_is_stored_with_its_reply(service, store) -> None:
    session_id = start(service)
    result = service.handle_turn(session_id, "emotion_label please", message_id="m1")
    [turn] = store.turns(session_id)
    assert (turn.text, turn.reply, turn.message_id) == ("emotion_label please", result.reply, "m1")
    assert turn.score["codes"] == ["emotion_label"]
    assert result.hint  # coach mode


def test_same_message_twice_is_played_once(service, store) -> None:
    session_id = start(service)
    first = service.handle_turn(session_id, "paraphrase", message_id="m1")
    again = service.handle_turn(session_id, "paraphrase", message_id="m1")
    assert len(store.turns(session_id)) == 1
    assert again.replayed and again.reply == first.reply and again.index == first.index


class FailingStore(MemoryStore):
    fail = True

    def record_turn(self, turn: TurnRecord, session: SessionRecord) -> None:
        if self.fail:
            raise OSError("disk full")
        super().record_turn(turn, session)


def test_failed_write_leaves_no_trace_in_the_party() -> None:
    store = FailingStore()
    service = SessionService(store, ScenarioCatalogue([HERE]))
    session_id = start(service)
    with pytest.raises(OSError):
        service.handle_turn(session_id, "emotion_label")
    store.fail = False
    result = service.handle_turn(session_id, "emotion_label")
    assert result.index == 0
    assert store.get_session(session_id).counterpart["turn"] == 1


def test_restarted_service_continues_exactly(store) -> None:
    messages = ["emotion_label", "paraphrase acknowledgement transparency", "summary", "hello"]
    straight = SessionService(store, ScenarioCatalogue([HERE]))
    a = start(straight)
    expected = [straight.handle_turn(a, m).reply for m in messages]

    first = SessionService(store, ScenarioCatalogue([HERE]))
    b = start(first)
    replies = [first.handle_turn(b, m).reply for m in messages[:2]]
    restarted = SessionService(store, ScenarioCatalogue([HERE]))  # a new process, same store
    replies += [restarted.handle_turn(b, m).reply for m in messages[2:]]
    assert replies == expected


@pytest.mark.parametrize("text", ["", "   ", "\x00\x07\x1b", "\n\t"])
def test_empty_or_control_only_messages_are_refused(service, text) -> None:
    with pytest.raises(EmptyMessage):
        service.handle_turn(start(service), text)


def test_control_characters_are_removed_and_huge_messages_cut(service, store) -> None:
    session_id = start(service)
    service.handle_turn(session_id, "hel\x00lo\x1b there")
    huge = service.handle_turn(session_id, "é" * 20_000)
    turns = store.turns(session_id)
    assert turns[0].text == "hello there"
    assert len(turns[1].text) == MAX_MESSAGE_CHARS and "cut" in huge.notice


def test_pause_stores_turns_without_reply_then_resume(service, store) -> None:
    session_id = start(service)
    assert service.pause(session_id, "facilitator")
    paused = service.handle_turn(session_id, "emotion_label")
    assert paused.reply == "" and "paused" in paused.notice
    assert store.turns(session_id)[0].text == "emotion_label"
    assert service.resume(session_id, "facilitator")
    assert service.handle_turn(session_id, "summary").reply
    kinds = [e.kind for e in store.events(session_id)]
    assert kinds == ["pause", "resume"]


def test_end_closes_and_refuses_more_turns(service, store) -> None:
    session_id = start(service)
    service.handle_turn(session_id, "emotion_label")
    debrief = service.end(session_id, "facilitator")
    assert debrief.outcome == "ended"
    with pytest.raises(SessionClosed):
        service.handle_turn(session_id, "paraphrase")
    assert store.open_sessions() == []


def test_inject_event_is_recorded_and_answered(service, store) -> None:
    session_id = start(service)
    result = service.inject(session_id, "shots", "facilitator")
    assert result.reply.startswith("Did you hear that?")
    [event] = store.events(session_id)
    assert (event.kind, event.detail["event"]) == ("inject", "shots")
    with pytest.raises(KeyError):
        service.inject(session_id, "nope", "facilitator")


def test_events_wait_while_the_session_is_paused(service, store) -> None:
    session_id = start(service)
    service.pause(session_id, "facilitator")
    with pytest.raises(SessionPaused, match="resume it"):
        service.inject(session_id, "shots", "facilitator")
    assert [e.kind for e in store.events(session_id)] == ["pause"]
    service.resume(session_id, "facilitator")
    assert service.inject(session_id, "shots", "facilitator").reply.startswith("Did you hear")


def test_walkout_ends_the_session(service, store) -> None:
    session_id = start(service)
    outcomes = [service.handle_turn(session_id, "threat").outcome for _ in range(3)]
    assert outcomes[-1] == "walkout"
    assert store.get_session(session_id).status == "ended"
    with pytest.raises(SessionClosed):
        service.handle_turn(session_id, "sorry")


def test_assess_mode_gives_no_hints(service) -> None:
    session_id = start(service, mode="assess")
    assert service.handle_turn(session_id, "emotion_label").hint == ""


def test_unknown_session_and_bad_options(service) -> None:
    with pytest.raises(SessionNotFound):
        service.handle_turn("nope", "hello")
    with pytest.raises(ValueError, match="mode"):
        service.start("mini", trainee="u", mode="lecture")
    with pytest.raises(ValueError, match="level"):
        service.start("mini", trainee="u", level="brutal")


def test_stale_process_replays_its_turn_on_the_stored_state(tmp_path) -> None:
    """Two processes on one store: the one whose cached party is stale reloads and plays again."""
    from state.store import SqliteStore

    store_a, store_b = SqliteStore(tmp_path / "s.db"), SqliteStore(tmp_path / "s.db")
    a = SessionService(store_a, ScenarioCatalogue([HERE]))
    b = SessionService(store_b, ScenarioCatalogue([HERE]))
    session_id = start(a)
    b.handle_turn(session_id, "emotion_label")  # b caches the party at turn 1
    a.handle_turn(session_id, "paraphrase")  # a loads turn 1 and stores turn 2
    late = b.handle_turn(session_id, "summary")  # b's cache is stale: conflict, reload, retry
    assert late.index == 2
    assert [t.text for t in store_a.turns(session_id)] == ["emotion_label", "paraphrase", "summary"]
    assert store_a.get_session(session_id).counterpart["turn"] == 3


def test_a_restart_after_an_injected_event_scores_against_the_same_party_lines(
    store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[History] = []

    def recording(text: str, context: History) -> TurnScore:
        seen.append(context)
        return keyword_score(text, context)

    monkeypatch.setattr(service_module, "score_message", recording)

    def play(restart: bool) -> History:
        service = SessionService(store, ScenarioCatalogue([HERE]))
        session_id = start(service)
        service.handle_turn(session_id, "emotion_label")
        service.inject(session_id, "shots", "facilitator")
        service.handle_turn(session_id, "summary")
        service.inject(session_id, "shots", "facilitator")
        if restart:  # a new process over the same store
            service = SessionService(store, ScenarioCatalogue([HERE]))
        service.handle_turn(session_id, "paraphrase")
        return seen[-1]

    straight, restarted = play(restart=False), play(restart=True)
    assert straight.party_last.text.startswith("Did you hear that?")
    assert restarted.party_last.text == straight.party_last.text
    assert [line.text for line in restarted.party_recent] == [
        line.text for line in straight.party_recent
    ]
    assert restarted.party_contents == straight.party_contents
    assert (restarted.turn, restarted.listened) == (straight.turn, straight.listened) == (2, True)


def test_restored_session_keeps_event_lines_in_the_conversation(store) -> None:
    """The scorer's context after a restart includes injected lines, in their place."""
    live = SessionService(store, ScenarioCatalogue([HERE]))
    session_id = start(live)
    live.handle_turn(session_id, "emotion_label")
    live.inject(session_id, "shots", "facilitator")
    live.handle_turn(session_id, "paraphrase")
    restarted = SessionService(store, ScenarioCatalogue([HERE]))
    restored = restarted._load(session_id).conversation
    kept = live._live[session_id].conversation
    texts = [line.text for line in restored.party_recent]
    assert texts == [line.text for line in kept.party_recent]
    assert texts[1].startswith("Did you hear that?")
    assert restored.party_contents == kept.party_contents
    assert [s.codes for s in restored.scores] == [s.codes for s in kept.scores]


def test_undecodable_text_is_stored_with_replacement_characters(service, store) -> None:
    session_id = start(service)
    # "\udcff" is how Python reads the byte 0xff from a pipe; "\ud83d" is half an emoji.
    service.handle_turn(session_id, "hello \udcff there \ud83d")
    service.whisper(session_id, "soften \udcff", "facilitator")
    [turn] = store.turns(session_id)
    assert turn.text == "hello \ufffd there \ufffd"
    assert store.events(session_id)[-1].detail["text"] == "soften \ufffd"
    turn.text.encode("utf-8")  # storable as UTF-8 by any store


def test_ended_sessions_do_not_stay_in_memory(service, store) -> None:
    """A bot runs for months: sessions that ended must not pile up in the service or in
    the scenario's shared state machine, even when their debriefs are read again later."""
    machine = service.engine("mini").machine
    ended = []
    for _ in range(5):
        session_id = start(service)
        service.handle_turn(session_id, "emotion_label")
        service.end(session_id, "facilitator")
        ended.append(session_id)
    walked_out = start(service)
    while service.session(walked_out).status != "ended":
        service.handle_turn(walked_out, "threat ultimatum blame")
    for session_id in [*ended, walked_out]:  # read again, as a debrief button would
        assert service.session(session_id).status == "ended"
        service.debrief(session_id)
    assert service._live == {}
    open_one = start(service)
    assert list(service._live) == [open_one] and len(machine.models) == 0


def test_a_failed_event_write_leaves_no_trace_in_the_party(service, store, monkeypatch) -> None:
    session_id = start(service)
    before = service.session(session_id).counterpart["meters"]
    working = store.record_event

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "record_event", broken)
    with pytest.raises(OSError):
        service.inject(session_id, "shots", "facilitator")
    with pytest.raises(OSError):
        service.whisper(session_id, "soften", "facilitator")
    monkeypatch.setattr(store, "record_event", working)
    # the shots were never stored, so the party's meters are as they were
    assert service.session(session_id).counterpart["meters"] == before
    assert store.events(session_id) == []
