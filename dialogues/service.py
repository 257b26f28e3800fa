"""SessionService: the one place a turn is played, shared by the Discord bot and the terminal.

Order of a turn (DESIGN.md): idempotency check, score, advance the party, store the turn
in one transaction, then return the reply. Front ends send the reply only after
`handle_turn` returns, so a crash can lose a reply but never a trainee's message; the
stored turn is replayed for a re-delivered message instead of being played twice.
"""

from __future__ import annotations

import dataclasses
import random
import re
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from dialogues.branching import replay
from dialogues.catalogue import ScenarioCatalogue
from dialogues.coach import suggest_hint
from dialogues.conversation import Conversation
from dialogues.debrief import Debrief, build_debrief
from dialogues.engine import PAUSED_STATE, Counterpart, Engine, SessionOver, SessionPaused
from dialogues.locks import KeyedLocks
from dialogues.ports import (
    DuplicateMessage,
    EventRecord,
    SessionConflict,
    SessionRecord,
    SessionStore,
    TurnRecord,
    utc_now,
)
from dialogues.scenario import LEVELS, Scenario
from dialogues.scoring import score as score_message
from dialogues.scoring.language import unscorable
from dialogues.scoring.model import TurnScore
from dialogues.scoring.rubric import RUBRIC_VERSION

MODES = ("coach", "assess")
# Longer messages are scored and stored whole up to this size; beyond it they are cut, and
# the turn says so, because nobody negotiates in 20-page messages and the scorer is linear.
MAX_MESSAGE_CHARS = 4000
# A facilitator's per-session turn limit must leave room to negotiate, and end some time.
MIN_TURN_LIMIT = 5
MAX_TURN_LIMIT = 200
# Live sessions kept in memory (record, party, conversation windows);
# the least recently played beyond this are dropped and reloaded from the store on demand.
# About 20 KB each (`parley bench`), so the default holds memory near 20 MB.
LIVE_SESSIONS = 1_000


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Lone surrogates cannot be stored as UTF-8: they come from undecodable bytes in piped input
# (Python's surrogateescape) or from broken UTF-16 in a client's JSON.
LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` without control characters, each lone surrogate shown as U+FFFD (�)."""
    return LONE_SURROGATES.sub("\ufffd", CONTROL_CHARS.sub("", text))


def why_unscorable(text: str) -> str:
    """Why a trainee message would score nothing once cleaned as `handle_turn` cleans it
    (`scoring.language.unscorable`: no words, or not English), or "" when it can be played.

    Blank input also gives "": front ends skip it silently, as `handle_turn` refuses it. The
    terminal and Discord both ask this before playing a message, so neither spends one of the
    trainee's turns on a message that can earn nothing and cost nothing.
    """
    clean = storable(text).strip()
    return unscorable(clean) if clean else ""


class EmptyMessage(ValueError):
    """Nothing left to play once whitespace and control characters are removed."""


class SessionNotFound(LookupError):
    """No session has this id."""


class SessionClosed(RuntimeError):
    """The session has ended: no more turns, events or pauses."""


class NotYourSession(PermissionError):
    """Only the session's trainee (or a facilitator) may do this."""


@dataclass(frozen=True)
class TurnResult:
    """What a front end shows after a trainee message."""

    session_id: str
    index: int
    reply: str
    state: str
    mood: str
    meters: dict[str, int]
    score: TurnScore
    outcome: str
    hint: str = ""
    revealed: tuple[str, ...] = ()
    replayed: bool = False
    notice: str = ""
    turns_left: int | None = None  # before the turn limit; None once the session has ended
    answered: str = ""  # what the reply answers (see `engine.Advance.answered`)


@dataclass(frozen=True)
class SessionStart:
    """A new session: its id, the party's first line, and the brief the trainee reads."""

    session: SessionRecord
    scenario: Scenario
    opening: str


@dataclass
class _Live:
    """A session in play: its record, the attached party, and the conversation's windows.

    The conversation is the scorer's and coach's context; keeping it here saves reading
    earlier turns back from the store on each message.
    """

    record: SessionRecord
    party: Counterpart
    conversation: Conversation
    last_hint: str = ""  # the coach's last hint, so the next one can say something new
    turn_hint: str = ""  # the hint for the current turn, once computed (never recomputed)


class SessionService:
    """Starts, plays, steers and closes sessions over any `SessionStore`."""

    def __init__(
        self,
        store: SessionStore,
        catalogue: ScenarioCatalogue | None = None,
        *,
        live_sessions: int = LIVE_SESSIONS,
    ):
        if live_sessions < 1:
            raise ValueError(f"live_sessions must be at least 1, not {live_sessions}")
        self.store = store
        self.catalogue = catalogue or ScenarioCatalogue()
        self.live_sessions = live_sessions
        self._engines: dict[str, Engine] = {}
        # Least recently used first. Guarded by `_cache_lock` (front ends may play turns in
        # threads); a session's own calls are serialised by `_session_locks`.
        self._live: OrderedDict[str, _Live] = OrderedDict()
        self._cache_lock = threading.RLock()
        self._session_locks = KeyedLocks()

    # -- lifecycle ------------------------------------------------------------------------

    def engine(self, scenario_id: str) -> Engine:
        """The shared engine (and state machine) of a scenario, built on first use."""
        with self._cache_lock:
            if scenario_id not in self._engines:
                self._engines[scenario_id] = Engine(self.catalogue.get(scenario_id))
            return self._engines[scenario_id]

    def live_count(self) -> int:
        """How many sessions are held in memory now (at most `live_sessions`)."""
        return len(self._live)

    def locks_held(self) -> int:
        """How many per-session locks exist now: only those of sessions busy right now."""
        return len(self._session_locks)

    def _keep(self, session_id: str, live: _Live) -> None:
        """Hold `live` as the most recently used session, dropping the least recent beyond
        the cache size (the store has all a reload needs)."""
        with self._cache_lock:
            self._live[session_id] = live
            self._live.move_to_end(session_id)
            while len(self._live) > self.live_sessions:
                self._live.popitem(last=False)

    def start(
        self,
        scenario_id: str,
        *,
        trainee: str,
        mode: str = "coach",
        level: str | None = None,
        seed: int | None = None,
        facilitator: str = "",
        guild_id: str = "",
        channel_id: str = "",
        max_turns: int | None = None,
    ) -> SessionStart:
        """Create and store a session; the party's opening line is chosen and stored with it.

        `max_turns` overrides the scenario's turn limit for this session (a facilitator's call).
        """
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}: choose coach or assess")
        if max_turns is not None and not MIN_TURN_LIMIT <= max_turns <= MAX_TURN_LIMIT:
            raise ValueError(
                f"turn limit must be between {MIN_TURN_LIMIT} and {MAX_TURN_LIMIT}, not {max_turns}"
            )
        engine = self.engine(scenario_id)
        scenario = engine.scenario
        level = level or scenario.difficulty
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}: choose one of {', '.join(LEVELS)}")
        seed = random.SystemRandom().randrange(1_000_000) if seed is None else seed
        party = engine.new(seed, level, max_turns or 0)
        opening = engine.opening(party)
        record = SessionRecord(
            id=uuid.uuid4().hex[:12],
            scenario_id=scenario.id,
            scenario_version=scenario.version,
            rubric=RUBRIC_VERSION,
            seed=seed,
            mode=mode,
            level=level,
            trainee=trainee,
            counterpart=party.snapshot(),
            facilitator=facilitator,
            guild_id=guild_id,
            channel_id=channel_id,
            opening=opening,
            created_at=utc_now(),
        )
        self.store.create_session(record)
        self._keep(record.id, _Live(record, party, Conversation.opening(opening)))
        return SessionStart(record, scenario, opening)

    def branch(
        self,
        session_id: str,
        at_turn: int,
        actor: str,
        *,
        facilitator: bool = False,
        channel_id: str = "",
    ) -> SessionStart:
        """A new session that keeps the first `at_turn` turns of `session_id` and goes on live.

        The kept turns are replayed, not rescored (`dialogues.branching`), and stored with the
        branch in one transaction, so the branch stands on its own: it resumes after a restart
        like any session, and can itself be branched. Only the trainee whose session it is, or
        a facilitator (`facilitator=True`, checked by the front end), may branch it; the
        branch belongs to the same trainee either way.
        """
        parent = self._load(session_id).record
        if actor != parent.trainee and not facilitator:
            raise NotYourSession(
                f"session {session_id} is another trainee's: only they or a facilitator "
                "can try it again"
            )
        engine = self.engine(parent.scenario_id)
        kept = replay(
            engine,
            parent,
            self.store.turns(session_id, corrected=False),
            self.store.events(session_id),
            at_turn,
        )
        party = kept.party
        branch_id = uuid.uuid4().hex[:12]
        events = [dataclasses.replace(e, session_id=branch_id) for e in kept.events]
        if party.state == PAUSED_STATE:
            # The original was paused at that point; a branch is played now, so it starts live.
            engine.resume(party)
            events.append(EventRecord(branch_id, "resume", actor, {"after_turn": at_turn}))
        events.append(
            EventRecord(
                branch_id,
                "branch",
                actor,
                {"parent": session_id, "at": at_turn, "after_turn": at_turn},
                utc_now(),
            )
        )
        record = SessionRecord(
            id=branch_id,
            scenario_id=parent.scenario_id,
            scenario_version=parent.scenario_version,
            rubric=RUBRIC_VERSION,
            seed=parent.seed,
            mode=parent.mode,
            level=parent.level,
            trainee=parent.trainee,
            counterpart=party.snapshot(),
            facilitator=parent.facilitator,
            guild_id=parent.guild_id,
            channel_id=channel_id,
            opening=kept.opening,
            created_at=utc_now(),
            parent_id=session_id,
            branch_at=at_turn,
        )
        turns = [dataclasses.replace(t, session_id=branch_id, message_id=None) for t in kept.turns]
        self.store.create_branch(record, turns, events)
        return SessionStart(self._load(branch_id).record, engine.scenario, kept.opening)

    def session(self, session_id: str) -> SessionRecord:
        return self._load(session_id).record

    def turns_left(self, session_id: str) -> int | None:
        """Turns before the session's limit; None once it has ended."""
        live = self._load(session_id)
        if live.record.status == "ended":
            return None
        return max(0, self.engine(live.record.scenario_id).limit(live.party) - live.party.turn)

    def scenario_of(self, session_id: str) -> Scenario:
        return self.engine(self._load(session_id).record.scenario_id).scenario

    def _load(self, session_id: str) -> _Live:
        """The live session, restored from the store on first use (after a restart or after
        it was evicted from the cache: the store holds everything a turn needs)."""
        with self._cache_lock:
            live = self._live.get(session_id)
            if live is not None:
                self._live.move_to_end(session_id)
                return live
        record = self.store.get_session(session_id)
        if record is None:
            raise SessionNotFound(f"no session with id {session_id!r}")
        engine = self.engine(record.scenario_id)
        turns = self.store.turns(session_id)
        # Injected events spoke between turns; replay their lines in the same order so a
        # restored session gives the scorer exactly the context the live one had.
        conversation = Conversation.of(record.opening, turns, self.store.events(session_id))
        live = _Live(
            record,
            engine.restore(record.counterpart),
            conversation,
            next((t.hint for t in reversed(turns) if t.hint), ""),
            turns[-1].hint if turns else "",
        )
        if record.status == "ended":
            # Only read from now on (debriefs, transcripts): not kept, so ended sessions do
            # not pile up in a bot that runs for months.
            return live
        with self._cache_lock:
            # Another thread may have restored it meanwhile: one copy only.
            kept = self._live.get(session_id)
            if kept is not None:
                return kept
            self._keep(session_id, live)
            return live

    # -- turns ----------------------------------------------------------------------------

    def handle_turn(self, session_id: str, text: str, message_id: str | None = None) -> TurnResult:
        """Score and play one trainee message; durable before it returns."""
        if message_id is not None:
            stored = self.store.turn_for_message(message_id)
            if stored is not None:
                return self._result_from(stored, replayed=True)
        notice = ""
        clean = storable(text).strip()
        if not clean:
            raise EmptyMessage("empty message: nothing to play")
        if len(clean) > MAX_MESSAGE_CHARS:
            clean = clean[:MAX_MESSAGE_CHARS]
            notice = f"Your message was cut to its first {MAX_MESSAGE_CHARS} characters."
        with self._session_locks.hold(session_id):
            try:
                return self._play(session_id, clean, message_id, notice)
            except SessionConflict:
                # Another process stored a turn of this session first; our cached party was
                # stale and has been dropped, so playing again starts from the stored state.
                return self._play(session_id, clean, message_id, notice)

    def _play(self, session_id: str, clean: str, message_id: str | None, notice: str) -> TurnResult:
        live = self._load(session_id)
        record, party = live.record, live.party
        if record.status == "ended" or party.finished:
            raise SessionClosed(f"session {session_id} has ended ({record.outcome})")
        engine = self.engine(record.scenario_id)
        conversation = live.conversation
        turn_score = score_message(clean, conversation.history())
        try:
            advance = engine.advance(party, turn_score, text=clean)
            reply, revealed = advance.reply, advance.revealed
            turns_left, answered = advance.turns_left, advance.answered
        except SessionPaused:
            reply, revealed, turns_left, answered = "", (), None, ""
            notice = "The session is paused: your message is saved and will not be answered."
        scores_so_far = [*conversation.scores, turn_score]
        hint = (
            suggest_hint(reply, scores_so_far, party.state, live.last_hint)
            if record.mode == "coach" and reply and not party.finished
            else ""
        )
        index = conversation.turns
        turn = TurnRecord(
            session_id=session_id,
            index=index,
            author=record.trainee,
            text=clean,
            score=turn_score.to_dict(),
            reply=reply,
            state=party.state,
            meters=party.meters,
            message_id=message_id,
            hint=hint,
            created_at=utc_now(),
        )
        record.counterpart = party.snapshot()
        if party.finished:
            record.status, record.outcome, record.ended_at = "ended", party.state, utc_now()
        try:
            self.store.record_turn(turn, record)
        except DuplicateMessage:
            # Another delivery of the same message won the race: undo ours, replay theirs.
            self._forget_live(session_id)
            stored = self.store.turn_for_message(message_id or "")
            assert stored is not None
            return self._result_from(stored, replayed=True)
        except BaseException:
            # Nothing was stored, so the party must not remember this turn either.
            self._forget_live(session_id)
            raise
        conversation.trainee_said(clean, turn_score)
        live.last_hint = hint or live.last_hint
        live.turn_hint = hint
        if reply:
            conversation.party_said(reply)
        if party.finished:
            self._forget_live(session_id)
        return TurnResult(
            session_id=session_id,
            index=index,
            reply=reply,
            state=party.state,
            mood=self._mood(record.scenario_id, party.state),
            meters=party.meters,
            score=turn_score,
            outcome=record.outcome,
            hint=hint,
            revealed=revealed,
            notice=notice,
            turns_left=turns_left,
            answered=answered,
        )

    def _forget_live(self, session_id: str) -> None:
        with self._cache_lock:
            self._live.pop(session_id, None)

    def _mood(self, scenario_id: str, state: str) -> str:
        scenario = self.engine(scenario_id).scenario
        return scenario.state(state).mood if state in scenario.state_names else state

    def _result_from(self, turn: TurnRecord, *, replayed: bool) -> TurnResult:
        live = self._load(turn.session_id)
        return TurnResult(
            session_id=turn.session_id,
            index=turn.index,
            reply=turn.reply,
            state=turn.state,
            mood=self._mood(live.record.scenario_id, turn.state),
            meters=dict(turn.meters),
            score=TurnScore.from_dict(turn.score),
            outcome=live.record.outcome,
            hint=turn.hint,
            replayed=replayed,
        )

    # -- facilitator controls -------------------------------------------------------------

    def _event(self, live: _Live, kind: str, actor: str, detail: dict[str, Any]) -> None:
        # Where the event fell in the conversation, so charts and reports can place it
        # without guessing from timestamps (a second's resolution).
        detail = {"after_turn": live.conversation.turns, **detail}
        live.record.counterpart = live.party.snapshot()
        # Where the event fell between turns, so a branch can replay it in its place.
        detail = {**detail, "after_turn": live.conversation.turns}
        try:
            self.store.record_event(
                EventRecord(live.record.id, kind, actor, detail, utc_now()), live.record
            )
        except BaseException:
            # Not stored, so the party must not remember it either: reload on next use.
            self._forget_live(live.record.id)
            raise

    def _open(self, session_id: str) -> _Live:
        live = self._load(session_id)
        if live.record.status == "ended":
            raise SessionClosed(f"session {session_id} has ended ({live.record.outcome})")
        return live

    def inject(self, session_id: str, event_id: str, actor: str) -> TurnResult:
        """Play a scenario event (e.g. shots near the checkpoint); the party reacts at once.

        Refused while paused: a pause means the party is silent, and an event spoken into
        a paused thread would break that promise to the trainee.
        """
        with self._session_locks.hold(session_id):
            return self._inject(session_id, event_id, actor)

    def _inject(self, session_id: str, event_id: str, actor: str) -> TurnResult:
        live = self._open(session_id)
        if live.record.status == "paused":
            raise SessionPaused("the session is paused: resume it before injecting an event")
        engine = self.engine(live.record.scenario_id)
        try:
            advance = engine.inject(live.party, event_id)
        except SessionOver as exc:
            raise SessionClosed(str(exc)) from None
        if live.party.finished:
            live.record.status, live.record.outcome = "ended", live.party.state
            live.record.ended_at = utc_now()
        detail = {"event": event_id, "reply": advance.reply}
        self._event(live, "inject", actor, detail)
        if advance.reply:
            live.conversation.party_said(advance.reply)
        if live.party.finished:
            self._forget_live(session_id)
        return TurnResult(
            session_id=session_id,
            index=live.conversation.turns,
            reply=advance.reply,
            state=live.party.state,
            mood=self._mood(live.record.scenario_id, live.party.state),
            meters=live.party.meters,
            score=TurnScore(hits=(), points={}),
            outcome=live.record.outcome,
        )

    def whisper(self, session_id: str, text: str, actor: str) -> dict[str, int]:
        """A facilitator's private note to the party: shifts the meters as the scenario allows."""
        with self._session_locks.hold(session_id):
            live = self._open(session_id)
            meters = self.engine(live.record.scenario_id).whisper(live.party)
            self._event(live, "whisper", actor, {"text": storable(text)[:MAX_MESSAGE_CHARS]})
            return meters

    def pause(self, session_id: str, actor: str) -> bool:
        return self._set_paused(session_id, actor, paused=True)

    def resume(self, session_id: str, actor: str) -> bool:
        return self._set_paused(session_id, actor, paused=False)

    def _set_paused(self, session_id: str, actor: str, paused: bool) -> bool:
        """Pause or resume; False (and no event) when the session was already so."""
        with self._session_locks.hold(session_id):
            live = self._open(session_id)
            engine = self.engine(live.record.scenario_id)
            changed = engine.pause(live.party) if paused else engine.resume(live.party)
            if changed:
                live.record.status = "paused" if paused else "active"
                self._event(live, "pause" if paused else "resume", actor, {})
            return changed

    def hint(self, session_id: str, actor: str) -> str:
        """The coaching hint for the trainee's next message.

        Computed once per turn: when the turn already produced one (coach mode), `/hint`
        returns that same hint, so the button and the automatic hint never disagree.
        """
        with self._session_locks.hold(session_id):
            live = self._open(session_id)
            if live.turn_hint:
                self._event(live, "hint", actor, {"hint": live.turn_hint})
                return live.turn_hint
            text = suggest_hint(
                live.conversation.party_last.text,
                live.conversation.scores,
                live.party.state,
                live.last_hint,
            )
            self._event(live, "hint", actor, {"hint": text})
            live.last_hint = live.turn_hint = text
            return text

    def end(self, session_id: str, actor: str, reason: str = "") -> Debrief:
        """Close the session (idempotent) and return its debrief."""
        with self._session_locks.hold(session_id):
            live = self._load(session_id)
            if live.record.status != "ended":
                live.record.status, live.record.ended_at = "ended", utc_now()
                if live.record.outcome == "ongoing":
                    live.record.outcome = "ended"
                self._event(live, "end", actor, {"reason": reason})
                self._forget_live(session_id)
            return self.debrief(session_id)

    def debrief(self, session_id: str) -> Debrief:
        live = self._load(session_id)
        scenario = self.engine(live.record.scenario_id).scenario
        return build_debrief(
            scenario,
            live.record,
            self.store.turns(session_id),
            events=self.store.events(session_id),
        )

    def resumable(self) -> list[SessionRecord]:
        """Open sessions in the store, e.g. for a restarted bot to pick up."""
        return self.store.open_sessions()
