"""Plays sessions in Discord threads: one lock per session, turn stored before the reply.

`SessionRunner` is the only place that turns Discord messages into `handle_turn` calls, so
live messages, replayed gateway events and the catch-up after a restart all follow one
path: take the session's lock, play (idempotent by message id), and answer only when the
turn is new. Two messages sent together are therefore answered in order, and a message
delivered twice is stored once and answered once.

Catch-up reads a thread's history after the newest stored turn, so no live message of a
session may be stored before that session has caught up: a live message first runs its
session's catch-up (which plays the backlog and the message itself, in order). A session
falls back to "not caught up" when the bot (re)connects and when a message could not be
stored (busy database), so the next message, or a retry a little later, picks up
everything from the last stored turn. Service and store calls run on the store thread.

The same catch-up answers a paused session's messages: while paused they are held in the
thread (not played), and `/session resume` plays the backlog. A message that cannot be
scored is no turn, live or in a backlog: its author is told why, once.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Collection
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import discord

from bot import charts
from bot.charts.attachments import ARC_FILE, arc_chart, attach, debrief_arcs
from bot.exts.sessions._embeds import comparison_embed, debrief_embed
from bot.exts.sessions._views import retry_view, session_of_control
from bot.persona import NO_MENTIONS, PersonaVoice
from bot.text import split_message
from dialogues.catalogue import UnknownScenario
from dialogues.comparison import compare
from dialogues.engine import UnknownState
from dialogues.locks import AsyncKeyedLocks
from dialogues.ports import SessionRecord
from dialogues.service import (
    EmptyMessage,
    SessionClosed,
    SessionNotFound,
    SessionService,
    TurnResult,
    storable,
    why_unscorable,
)
from state.errors import StoreBusy

if TYPE_CHECKING:
    from bot.bot import Parley

log = logging.getLogger(__name__)
T = TypeVar("T")
# The thread is told how many turns are left once this few remain (the party grows impatient).
TURNS_LEFT_NOTICE = 5
# Sessions whose backlogs are read from Discord at the same time after a restart: enough to
# overlap Discord's round trips, few enough to stay far below its rate limits.
CATCH_UP_CONCURRENCY = 8
# A session whose message could not be stored (busy database, Discord unreachable) catches
# up again after this many seconds, at most RETRY_LIMIT times in a row.
RETRY_SECONDS = 30.0
RETRY_LIMIT = 20
# Unscorable messages already told why, remembered so a message is told once (after a
# restart, the bot's replies in the thread's history tell the same).
EXPLAINED_KEPT = 1_000
BUSY_NOTICE = (
    "⚠️ The training database is busy, so your message is not saved yet. It will be "
    "answered, in order, as soon as it is: no need to send it again."
)


@dataclass(frozen=True)
class DebriefPost:
    """A debrief ready to send: its embeds, its chart (PNG bytes, None without charts) and
    how many turns its "try again from turn N" buttons offer."""

    session_id: str
    embeds: list[discord.Embed]
    chart: bytes | None
    turns: int

    def files(self) -> list[discord.File]:
        """The chart as the first embed's image; call once per message (files are consumed
        when sent)."""
        return attach(self.embeds[0], self.chart, ARC_FILE)

    def retry_view(self) -> discord.ui.View | None:
        return retry_view(self.session_id, self.turns)


class SessionRunner:
    """Maps threads to sessions and plays what happens in them."""

    def __init__(self, bot: Parley):
        self.bot = bot
        self.voice = PersonaVoice(bot)
        self.threads: dict[int, str] = {}  # threads of open sessions: their messages are turns
        self.ended: dict[int, str] = {}  # threads whose session ended in this process
        # One lock per session busy right now (not one per session ever played).
        self._locks = AsyncKeyedLocks()
        self._caught_up: set[str] = set()
        self._unplayable: set[str] = set()
        self._retries: dict[str, asyncio.Task[None]] = {}
        self._failures: defaultdict[str, int] = defaultdict(int)
        self._explained: OrderedDict[int, None] = OrderedDict()

    @property
    def service(self) -> SessionService:
        return self.bot.service

    async def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """A service or store call, on the store thread (never on the event loop)."""
        return await self.bot.off_loop(fn, *args, **kwargs)

    def lock(self, session_id: str) -> AbstractAsyncContextManager[None]:
        """Hold while playing or steering the session: its events run one at a time, in order."""
        return self._locks.hold(session_id)

    # -- which thread is which session -----------------------------------------------------

    def track(self, record: SessionRecord, *, caught_up: bool = True) -> None:
        """Play the messages of `record`'s thread; a session started here has no backlog."""
        if record.channel_id.isdigit():
            self.threads[int(record.channel_id)] = record.id
            if caught_up:
                self._caught_up.add(record.id)

    def forget(self, record: SessionRecord) -> None:
        """The session ended: its messages are no longer turns, but commands still find it."""
        if record.channel_id.isdigit():
            self.threads.pop(int(record.channel_id), None)
            self.ended[int(record.channel_id)] = record.id
        self._caught_up.discard(record.id)
        retry = self._retries.pop(record.id, None)
        if retry is not None and retry is not asyncio.current_task():
            retry.cancel()

    async def load_open_sessions(self) -> list[SessionRecord]:
        """Track every open Discord session in the store (at start-up, before the gateway)."""
        records = await self.call(self.service.resumable)
        records = [r for r in records if r.guild_id and r.channel_id.isdigit()]
        for record in records:
            self.track(record, caught_up=False)
        return records

    def session_in(self, channel: discord.abc.Snowflake | None) -> str | None:
        """The open session played in `channel`, if any (no I/O)."""
        return self.threads.get(getattr(channel, "id", 0))

    async def session_of_thread(self, channel: discord.abc.Snowflake | None) -> str | None:
        """The session of a thread, open or ended, for commands used inside it.

        An ended session's thread is no longer tracked; after a restart it is recognised by
        its control message (the first message, whose buttons carry the session id).
        """
        channel_id = getattr(channel, "id", 0)
        found = self.threads.get(channel_id) or self.ended.get(channel_id)
        if found or channel is None:
            return found
        thread = await self._thread(channel_id)
        me = self.bot.user
        if thread is None or me is None or thread.owner_id != me.id:
            return None
        try:
            start = discord.Object(thread.id)  # a thread's messages have later ids
            async for first in thread.history(limit=None, after=start, oldest_first=True):
                found = session_of_control(first) if first.author.id == me.id else None
                break  # only the first message (one page from Discord) is read
        except discord.HTTPException:
            return None
        if found:
            self.ended[channel_id] = found
        return found

    async def thread_of(self, record: SessionRecord) -> discord.Thread | None:
        """The session's thread; archived threads are not cached, so fetch those."""
        return await self._thread(int(record.channel_id)) if record.channel_id.isdigit() else None

    async def _thread(self, thread_id: int) -> discord.Thread | None:
        channel = self.bot.get_channel(thread_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(thread_id)
            except (discord.NotFound, discord.Forbidden):
                return None
        return channel if isinstance(channel, discord.Thread) else None

    # -- turns -----------------------------------------------------------------------------

    async def is_turn(self, message: discord.Message) -> str | None:
        """The session this message is a turn of, or None (persona, bots, observers, elsewhere).

        A message with nothing left once control characters and spaces are removed is not a
        turn: the same cleaning `handle_turn` applies, so it can never refuse a turn here.
        """
        if message.webhook_id is not None or message.author.bot:
            return None
        session_id = self.session_in(message.channel)
        if session_id is None or not storable(message.content).strip():
            return None
        try:
            record = await self.call(self.service.session, session_id)
        except SessionNotFound:
            return None
        if record.trainee != str(message.author.id) or record.status == "ended":
            return None
        return session_id

    async def on_trainee_message(self, message: discord.Message) -> None:
        try:
            session_id = await self.is_turn(message)
        except (UnknownScenario, UnknownState) as exc:
            await self._cannot_continue(message, exc)
            return
        except StoreBusy as exc:
            session_id = self.session_in(message.channel)
            if session_id is not None:
                await self._busy(session_id, message.channel, exc)
            return
        if session_id is None:
            return
        async with self.lock(session_id):
            if session_id not in self._caught_up:
                # Its backlog comes first, and normally includes this message in its place.
                await self._catch_up_locked(session_id, message.channel)
                if session_id not in self._caught_up:
                    return  # postponed: the retry plays this message with the rest
            try:
                if await self._unscorable(message):
                    return
                if await self._paused(session_id):
                    return  # held in the thread: `/session resume` plays it (`play_held`)
                # Already played if history had it (then nothing is sent twice).
                await self._play(session_id, message)
            except StoreBusy as exc:
                await self._busy(session_id, message.channel, exc)

    async def _paused(self, session_id: str) -> bool:
        """Whether the session is paused now (read under its lock, so a pause that came
        between the message and its turn is seen)."""
        return (await self.call(self.service.session, session_id)).status == "paused"

    async def _unscorable(self, message: discord.Message, told: Collection[int] = ()) -> bool:
        """True when `message` can earn nothing and cost nothing (`why_unscorable`, as the
        terminal asks): it is no turn, and its author is told why in a reply, once (`told`:
        messages the bot's replies in the thread already answered, e.g. before a restart)."""
        reason = why_unscorable(message.content)
        if not reason:
            return False
        if message.id in self._explained or message.id in told:
            return True
        self._explained[message.id] = None  # before sending: a concurrent path sees it
        if len(self._explained) > EXPLAINED_KEPT:
            self._explained.popitem(last=False)
        try:
            await message.reply(
                f"Not played, and no turn used: this message {reason}.",
                mention_author=False,
                allowed_mentions=NO_MENTIONS,
            )
        except discord.HTTPException as exc:  # the message may be gone; nothing was played
            log.info("could not explain unscorable message %s: %s", message.id, exc)
        return True

    async def _busy(
        self, session_id: str, channel: discord.abc.Messageable | None, error: Exception
    ) -> None:
        """A message could not be stored: say so once, and catch up again a little later."""
        log.warning("session %s not caught up (%s); retrying later", session_id, error)
        first = session_id not in self._retries
        self._retry_later(session_id)
        if first and channel is not None and isinstance(error, StoreBusy):
            await self.notice(channel, BUSY_NOTICE)

    def _retry_later(self, session_id: str) -> None:
        """Mark the session as behind, and catch it up after RETRY_SECONDS (once scheduled)."""
        self._caught_up.discard(session_id)
        if session_id in self._retries:
            return
        self._failures[session_id] += 1
        if self._failures[session_id] > RETRY_LIMIT:
            log.error("session %s: giving up retrying; its next message catches it up", session_id)
            return

        async def later() -> None:
            await asyncio.sleep(RETRY_SECONDS)
            self._retries.pop(session_id, None)
            await self.catch_up_session(session_id)

        self._retries[session_id] = asyncio.create_task(later())

    def cancel_retries(self) -> None:
        for task in self._retries.values():
            task.cancel()
        self._retries.clear()

    async def _cannot_continue(self, message: discord.Message, error: Exception) -> None:
        """A session whose scenario changed or vanished: say so once, not a traceback a turn."""
        session_id = self.session_in(message.channel) or "?"
        if session_id in self._unplayable:
            return
        self._unplayable.add(session_id)
        log.warning("session %s cannot be restored: %s", session_id, error)
        await self.notice(
            message.channel,
            "This session cannot continue: its scenario was changed or removed since it "
            "started. Messages here are not played; please ask your facilitator for a new "
            "session.",
        )

    async def _play(
        self, session_id: str, message: discord.Message, *, answer: bool = True
    ) -> bool:
        """Play one message and answer it (unless not `answer`); True if it was a new turn.
        The caller holds the lock."""
        try:
            result = await self.call(
                self.service.handle_turn, session_id, message.content, str(message.id)
            )
        except (SessionClosed, EmptyMessage):
            return False
        if result.replayed:
            log.debug("message %s of session %s already played", message.id, session_id)
            return False
        if not answer:
            return True
        thread: discord.Thread | None
        if isinstance(message.channel, discord.Thread):
            thread = message.channel
        else:
            # A thread that was archived is not cached: its messages carry a partial channel.
            thread = await self.thread_of(await self.call(self.service.session, session_id))
            if thread is None:
                log.warning("session %s: turn stored but its thread is gone", session_id)
                return True
        await self.answer(thread, result)
        return True

    async def answer(self, thread: discord.Thread, result: TurnResult) -> None:
        """Send what a stored turn produced: the party's reply, notices, the coach's hint."""
        scenario = await self.call(self.service.scenario_of, result.session_id)
        if result.reply:
            await self.voice.say(thread, scenario.persona, result.reply)
        if result.notice:
            await self.notice(thread, result.notice)
        if result.turns_left is not None and result.turns_left <= TURNS_LEFT_NOTICE:
            await self.notice(thread, f"⏳ {result.turns_left} turn(s) left before the talks end.")
        if result.hint:
            await self.notice(thread, f"💡 Coach: {result.hint}")
        if result.outcome != "ongoing":
            await self.finish(result.session_id, thread)

    async def notice(self, thread: discord.abc.Messageable, text: str) -> None:
        """A short message from the bot itself (not the persona), never pinging anyone."""
        for chunk in split_message(text):
            await thread.send(chunk, allowed_mentions=NO_MENTIONS)

    # -- the end ---------------------------------------------------------------------------

    def _read_debrief(self, session_id: str) -> tuple[list[discord.Embed], int]:
        """The debrief's embeds (for a branch, followed by the comparison with the session it
        retries) and the number of turns its retry buttons offer. Reads the store: call it
        on the store thread."""
        record = self.service.session(session_id)
        scenario = self.service.scenario_of(session_id)
        store = self.service.store
        turns = store.turns(session_id)
        embeds = [debrief_embed(scenario, record, self.service.debrief(session_id).to_dict())]
        parent = store.get_session(record.parent_id) if record.parent_id else None
        if parent is not None:  # None: the parent was deleted since (retention)
            comparison = compare(parent, store.turns(parent.id), record, turns)
            embeds.append(comparison_embed(comparison))
        return embeds, len(turns)

    async def debrief(self, session_id: str) -> DebriefPost:
        """The debrief with its meter-arc chart (a branch's drawn over its parent's).

        Everything is read on the store thread and the chart drawn in a worker thread:
        neither the store reads nor matplotlib ever run on the event loop.
        """
        embeds, turns = await self.call(self._read_debrief, session_id)
        chart = None
        if charts.available():
            arcs, title = await self.call(debrief_arcs, self.service, session_id)
            chart = await arc_chart(arcs, title)
        return DebriefPost(session_id, embeds, chart, turns)

    async def finish(self, session_id: str, thread: discord.Thread | None = None) -> None:
        """Post the debrief (with its meter-arc chart) in the thread and send it to the
        trainee; stop tracking the thread."""
        record = await self.call(self.service.session, session_id)
        post = await self.debrief(session_id)
        self.forget(record)
        thread = thread or await self.thread_of(record)
        if thread is not None:
            await self.send_debrief(thread, post)
        await self._send_to_trainee(record, post)

    async def send_debrief(self, target: discord.abc.Messageable, post: DebriefPost) -> None:
        """Send the debrief, its chart as the first embed's image, with the retry buttons."""
        view = post.retry_view()
        files = post.files()
        if view is None:
            await target.send(embeds=post.embeds, files=files, allowed_mentions=NO_MENTIONS)
        else:
            await target.send(
                embeds=post.embeds, files=files, view=view, allowed_mentions=NO_MENTIONS
            )

    async def _send_to_trainee(self, record: SessionRecord, post: DebriefPost) -> None:
        if not record.trainee.isdigit():
            return
        try:
            user = self.bot.get_user(int(record.trainee)) or await self.bot.fetch_user(
                int(record.trainee)
            )
            await self.send_debrief(user, post)
        except discord.HTTPException as exc:
            # Closed DMs are common; the debrief is in the thread anyway.
            log.info("could not DM the debrief of %s: %s", record.id, exc)

    # -- restart ---------------------------------------------------------------------------

    def behind(self) -> None:
        """After a (re)connection every session may have missed messages: none is caught up."""
        self._caught_up.clear()

    async def catch_up(self) -> int:
        """Answer, in order, the trainee messages that arrived while the bot was down.

        Runs at every `on_ready` (which can fire more than once), for all open sessions at
        once (at most CATCH_UP_CONCURRENCY reading Discord at a time). Each message goes
        through the idempotent `handle_turn` under the session's lock, so a message seen
        twice (by history and by a replayed or live gateway event) is answered once.
        """
        limit = asyncio.Semaphore(CATCH_UP_CONCURRENCY)

        async def one(session_id: str) -> int:
            async with limit:
                return await self.catch_up_session(session_id)

        counts = await asyncio.gather(*(one(s) for s in list(self.threads.values())))
        played = sum(counts)
        if played:
            log.info("caught up on %d message(s) sent while the bot was away", played)
        return played

    async def catch_up_session(self, session_id: str) -> int:
        """Catch one session up; failures are logged, and retried when they may pass."""
        async with self.lock(session_id):
            return await self._catch_up_locked(session_id)

    async def _catch_up_locked(
        self, session_id: str, channel: discord.abc.Messageable | None = None
    ) -> int:
        """Play the thread's messages after the newest stored turn, in order; the lock is held.

        The lock is held for the whole backlog, so a live message cannot jump ahead of it.
        `channel`, when a live message led here, is told if its message could not be stored.
        """
        try:
            played = await self._play_backlog(session_id)
        except (StoreBusy, discord.HTTPException) as exc:
            # Passing trouble: nothing after the newest stored turn is lost, so try again.
            await self._busy(session_id, channel, exc)
            return 0
        except Exception:
            # One session that cannot be restored (its scenario changed or vanished) must
            # not keep the others from being answered.
            log.exception("catch-up of session %s failed", session_id)
            return 0
        self._caught_up.add(session_id)
        self._failures.pop(session_id, None)
        return played

    async def _play_backlog(
        self, session_id: str, *, held: Literal["keep", "store"] = "keep"
    ) -> int:
        """Play the trainee's messages after the newest stored turn, in order.

        While the session is paused they are held (`held="keep"`: left in the thread, which
        is where `/session resume` finds them); `held="store"` stores them as unanswered
        turns instead (the session ends paused, and its transcript keeps them).
        """
        record, last = await self.call(self._anchor, session_id)
        if record.status == "ended" or (record.status == "paused" and held == "keep"):
            return 0
        thread = await self.thread_of(record)
        if thread is None:
            log.warning("session %s: thread %s is gone", session_id, record.channel_id)
            return 0
        after = discord.Object(int(last)) if last and last.isdigit() else discord.Object(thread.id)
        backlog = [m async for m in thread.history(after=after, limit=None, oldest_first=True)]
        me = self.bot.user
        told = {
            m.reference.message_id
            for m in backlog
            if me is not None and m.author.id == me.id and m.reference and m.reference.message_id
        }
        played = 0
        for message in backlog:
            if self.session_in(thread) != session_id:
                break  # the backlog reached the end of the session
            if await self.is_turn(message) != session_id or await self._unscorable(message, told):
                continue
            played += await self._play(session_id, message, answer=held == "keep")
        return played

    async def play_held(self, session_id: str, channel: discord.abc.Messageable | None) -> int:
        """The session was resumed: answer the messages held during the pause, in order, each
        stored before its answer (as a catch-up: idempotent by message id, retried when the
        database is busy). The caller holds the session's lock. Returns how many were new."""
        return await self._catch_up_locked(session_id, channel)

    async def store_held(self, session_id: str) -> int:
        """The session ends while paused: store the messages held for its resume as
        unanswered turns, so its transcript keeps them. The caller holds the lock."""
        return await self._play_backlog(session_id, held="store")

    def _anchor(self, session_id: str) -> tuple[SessionRecord, str | None]:
        """The session, and the message id of its newest stored turn (where catch-up starts)."""
        record = self.service.session(session_id)
        turns = self.service.store.turns(session_id)
        return record, next((t.message_id for t in reversed(turns) if t.message_id), None)
