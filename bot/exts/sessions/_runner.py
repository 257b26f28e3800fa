"""Plays sessions in Discord threads: one lock per session, turn stored before the reply.

`SessionRunner` is the only place that turns Discord messages into `handle_turn` calls, so
live messages, replayed gateway events and the catch-up after a restart all follow one
path: take the session's lock, play (idempotent by message id), and answer only when the
turn is new. Two messages sent together are therefore answered in order, and a message
delivered twice is stored once and answered once.
"""

from __future__ import annotations

import logging
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING

import discord

from bot.charts.attachments import ARC_FILE, attach, debrief_chart
from bot.exts.sessions._embeds import debrief_embed
from bot.persona import NO_MENTIONS, PersonaVoice
from bot.text import split_message
from dialogues.catalogue import UnknownScenario
from dialogues.engine import UnknownState
from dialogues.locks import AsyncKeyedLocks
from dialogues.ports import SessionRecord
from dialogues.service import SessionClosed, SessionNotFound, SessionService, TurnResult

if TYPE_CHECKING:
    from bot.bot import Parley

log = logging.getLogger(__name__)
# The thread is told how many turns are left once this few remain (the party grows impatient).
TURNS_LEFT_NOTICE = 5


class SessionRunner:
    """Maps threads to sessions and plays what happens in them."""

    def __init__(self, bot: Parley):
        self.bot = bot
        self.voice = PersonaVoice(bot)
        self.threads: dict[int, str] = {}
        # One lock per session busy right now (not one per session ever played).
        self._locks = AsyncKeyedLocks()
        self._unplayable: set[str] = set()

    @property
    def service(self) -> SessionService:
        return self.bot.service

    def lock(self, session_id: str) -> AbstractAsyncContextManager[None]:
        """Hold while playing or steering the session: its events run one at a time, in order."""
        return self._locks.hold(session_id)

    # -- which thread is which session -----------------------------------------------------

    def track(self, record: SessionRecord) -> None:
        if record.channel_id.isdigit():
            self.threads[int(record.channel_id)] = record.id

    def forget(self, record: SessionRecord) -> None:
        if record.channel_id.isdigit():
            self.threads.pop(int(record.channel_id), None)

    def load_open_sessions(self) -> list[SessionRecord]:
        """Track every open Discord session in the store (at start-up, before the gateway)."""
        records = [r for r in self.service.resumable() if r.guild_id and r.channel_id.isdigit()]
        for record in records:
            self.track(record)
        return records

    def session_in(self, channel: discord.abc.Snowflake | None) -> str | None:
        return self.threads.get(getattr(channel, "id", 0))

    async def thread_of(self, record: SessionRecord) -> discord.Thread | None:
        """The session's thread; archived threads are not cached, so fetch those."""
        if not record.channel_id.isdigit():
            return None
        thread_id = int(record.channel_id)
        channel = self.bot.get_channel(thread_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(thread_id)
            except (discord.NotFound, discord.Forbidden):
                return None
        return channel if isinstance(channel, discord.Thread) else None

    # -- turns -----------------------------------------------------------------------------

    def is_turn(self, message: discord.Message) -> str | None:
        """The session this message is a turn of, or None (persona, bots, observers, elsewhere)."""
        if message.webhook_id is not None or message.author.bot:
            return None
        session_id = self.session_in(message.channel)
        if session_id is None or not message.content.strip():
            return None
        try:
            record = self.service.session(session_id)
        except SessionNotFound:
            return None
        if record.trainee != str(message.author.id) or record.status == "ended":
            return None
        return session_id

    async def on_trainee_message(self, message: discord.Message) -> None:
        try:
            session_id = self.is_turn(message)
        except (UnknownScenario, UnknownState) as exc:
            await self._cannot_continue(message, exc)
            return
        if session_id is None:
            return
        async with self.lock(session_id):
            await self._play(session_id, message)

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

    async def _play(self, session_id: str, message: discord.Message) -> None:
        """Play one message; the caller holds the session's lock."""
        try:
            result = self.service.handle_turn(session_id, message.content, str(message.id))
        except SessionClosed:
            return
        if result.replayed:
            log.debug("message %s of session %s already played", message.id, session_id)
            return
        thread: discord.Thread | None
        if isinstance(message.channel, discord.Thread):
            thread = message.channel
        else:
            # A thread that was archived is not cached: its messages carry a partial channel.
            thread = await self.thread_of(self.service.session(session_id))
            if thread is None:
                log.warning("session %s: turn stored but its thread is gone", session_id)
                return
        await self.answer(thread, result)

    async def answer(self, thread: discord.Thread, result: TurnResult) -> None:
        """Send what a stored turn produced: the party's reply, notices, the coach's hint."""
        scenario = self.service.scenario_of(result.session_id)
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

    async def finish(self, session_id: str, thread: discord.Thread | None = None) -> discord.Embed:
        """Post the debrief (with its meter-arc chart) in the thread and send it to the trainee;
        stop tracking the thread."""
        record = self.service.session(session_id)
        scenario = self.service.scenario_of(session_id)
        embed = debrief_embed(scenario, record, self.service.debrief(session_id).to_dict())
        chart = await debrief_chart(self.service, session_id)
        self.forget(record)
        thread = thread or await self.thread_of(record)
        if thread is not None:
            await thread.send(
                embed=embed, files=attach(embed, chart, ARC_FILE), allowed_mentions=NO_MENTIONS
            )
        await self._send_to_trainee(record, embed, chart)
        return embed

    async def _send_to_trainee(
        self, record: SessionRecord, embed: discord.Embed, chart: bytes | None
    ) -> None:
        if not record.trainee.isdigit():
            return
        try:
            user = self.bot.get_user(int(record.trainee)) or await self.bot.fetch_user(
                int(record.trainee)
            )
            await user.send(
                embed=embed, files=attach(embed, chart, ARC_FILE), allowed_mentions=NO_MENTIONS
            )
        except discord.HTTPException as exc:
            # Closed DMs are common; the debrief is in the thread anyway.
            log.info("could not DM the debrief of %s: %s", record.id, exc)

    # -- restart ---------------------------------------------------------------------------

    async def catch_up(self) -> int:
        """Answer, in order, the trainee messages that arrived while the bot was down.

        Runs at every `on_ready` (which can fire more than once): each message goes through
        the idempotent `handle_turn` under the session's lock, so a message seen twice (by
        history and by a replayed gateway event) is answered once.
        """
        played = 0
        for session_id in list(self.threads.values()):
            try:
                played += await self._catch_up_session(session_id)
            except Exception:
                # One session that cannot be restored (its scenario changed or vanished, its
                # thread is unreadable) must not keep the others from being answered.
                log.exception("catch-up of session %s failed", session_id)
        if played:
            log.info("caught up on %d message(s) sent while the bot was away", played)
        return played

    async def _catch_up_session(self, session_id: str) -> int:
        record = self.service.session(session_id)
        thread = await self.thread_of(record)
        if thread is None:
            log.warning("session %s: thread %s is gone", session_id, record.channel_id)
            return 0
        turns = self.service.store.turns(session_id)
        last = next((t.message_id for t in reversed(turns) if t.message_id), None)
        after = discord.Object(int(last)) if last and last.isdigit() else discord.Object(thread.id)
        played = 0
        # Hold the lock for the whole backlog, so a live message cannot jump ahead of it.
        async with self.lock(session_id):
            async for message in thread.history(after=after, limit=None, oldest_first=True):
                if self.is_turn(message) != session_id:
                    continue
                before = len(turns)
                await self._play(session_id, message)
                turns = self.service.store.turns(session_id)
                played += len(turns) - before
        return played
