"""`/session start|end|pause|resume|status|inject|whisper|hint`, `/practice`, trainee turns,
and "try again from here" (a branch of a session in a new thread).

Each session lives in its own thread (private when the server allows it): the brief and the
control buttons open it, the party speaks through the channel's webhook, and every message
of the trainee there is a turn. Facilitators steer with `/session ...` from inside the
thread (or by naming the session).

Every interaction is acknowledged first, inside Discord's three-second window, and only then
reads or writes the store, on the store thread: a database held by another program delays
the answer, never the acknowledgement, and the event loop stays free for every server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import charts
from bot.access import STAFF_PERMISSIONS, facilitator_only, is_coordinator, is_facilitator
from bot.errors import Refusal, tell
from bot.exts.sessions._embeds import brief_embed, kept_embed, status_embed
from bot.exts.sessions._runner import SessionRunner
from bot.exts.sessions._views import (
    RetryButton,
    SessionButton,
    control_view,
    reply_ephemeral,
    submitted_whisper,
    whisper_form,
)
from bot.persona import NO_MENTIONS
from bot.text import clip
from dialogues.branching import BranchRefused
from dialogues.catalogue import UnknownScenario
from dialogues.engine import UnknownState
from dialogues.ports import SessionRecord
from dialogues.service import MAX_TURN_LIMIT, MIN_TURN_LIMIT, SessionNotFound, SessionService

if TYPE_CHECKING:
    from discord.types.threads import ThreadArchiveDuration

    from bot.bot import Parley

log = logging.getLogger(__name__)

Mode = Literal["coach", "assess"]
LevelName = Literal["easy", "normal", "hard"]
THREAD_ARCHIVE_MINUTES: ThreadArchiveDuration = 1440
MAX_SEED = 2_147_483_647
# Seconds an autocomplete, or the check before the whisper form, waits for the store: both
# must answer inside Discord's 3-second window, and both can do without the store's answer.
AUTOCOMPLETE_WAIT = 1.5
FORM_CHECK_WAIT = 1.5
PAUSED_NOTICE = (
    "⏸️ The facilitator paused the session: the counterpart is silent until it resumes. "
    "Messages you send now are kept and answered, in order, when it does (if the session "
    "ends instead, they are saved in the transcript unanswered)."
)
RESUMED_NOTICE = (
    "▶️ The session continues: the counterpart answers the messages sent during the pause, "
    "in order, then each new one."
)
# What the bot needs in the channel where a session starts, and the name a person sees.
NEEDED_IN_CHANNEL = {
    "view_channel": "View Channel",
    "send_messages_in_threads": "Send Messages in Threads",
    "embed_links": "Embed Links",
    "read_message_history": "Read Message History",
}


def _actor(user: discord.abc.User) -> str:
    return str(user.id)


def _thread_permissions(channel: discord.TextChannel) -> discord.Permissions:
    """The bot's permissions in `channel`, refused with the missing ones named when it cannot
    run a session thread there."""
    permissions = channel.permissions_for(channel.guild.me)
    missing = [label for name, label in NEEDED_IN_CHANNEL.items() if not getattr(permissions, name)]
    if not (permissions.create_private_threads or permissions.create_public_threads):
        missing.append("Create Public Threads or Create Private Threads")
    if missing:
        raise Refusal(f"I need these permissions in {channel.mention}: {', '.join(missing)}.")
    return permissions


async def _defer(interaction: discord.Interaction) -> None:
    """Acknowledge at once (Discord allows 3 s); the answer follows when the store replies."""
    await interaction.response.defer(ephemeral=True, thinking=True)


class Sessions(commands.Cog):
    """Training sessions in threads."""

    session = app_commands.Group(
        name="session",
        description="Run a training session (facilitators)",
        guild_only=True,
        # Hidden from members without Manage Server until an admin allows the facilitator
        # role (Server Settings > Integrations); the role check below still applies.
        default_permissions=STAFF_PERMISSIONS,
    )

    def __init__(self, bot: Parley):
        self.bot = bot
        self.runner = SessionRunner(bot)

    @property
    def service(self) -> SessionService:
        return self.bot.service

    async def cog_load(self) -> None:
        records = await self.runner.load_open_sessions()
        log.info("tracking %d open session(s)", len(records))

    async def cog_unload(self) -> None:
        self.runner.cancel_retries()

    # -- gateway ---------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        await self.runner.on_trainee_message(message)

    @commands.Cog.listener()
    async def on_connect(self) -> None:
        self.runner.behind()

    @commands.Cog.listener()
    async def on_disconnect(self) -> None:
        # Messages may be missed until the gateway is back: each session catches up again
        # before its next live message is played.
        self.runner.behind()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        await self.runner.catch_up()

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        submitted = submitted_whisper(interaction)
        if submitted is None:
            return
        try:
            await _defer(interaction)
            session_id, text = submitted
            record = await self.resolve(interaction, session_id)
            await self.apply_whisper(interaction, record, text)
        except Exception as exc:  # every failure reaches the user and the log
            await tell(interaction, exc)

    # -- resolving the session a command is about ------------------------------------------

    async def resolve(self, interaction: discord.Interaction, session: str | None) -> SessionRecord:
        """The session named, or the one whose thread (open or ended) the command was used in."""
        session_id = (session or "").strip() or await self.runner.session_of_thread(
            interaction.channel
        )
        if not session_id:
            raise Refusal("Use this inside a session thread, or give the `session` option.")
        try:
            record = await self.runner.call(self.service.session, session_id)
        except SessionNotFound:
            raise Refusal(f"There is no session `{clip(session_id, 40)}`.") from None
        if record.guild_id != str(interaction.guild_id):
            raise Refusal(f"There is no session `{clip(session_id, 40)}` on this server.")
        return record

    # -- autocomplete ------------------------------------------------------------------------
    # Discord gives autocomplete no extra time, so the store is asked with a bounded wait, and
    # people who may not use the command see no choices at all (ids, scenarios, events).

    def _may_steer(self, interaction: discord.Interaction) -> bool:
        return is_facilitator(interaction.user, self.bot.settings)

    async def scenario_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        practising = interaction.command is not None and interaction.command.name == "practice"
        if not (
            self._may_steer(interaction) or (practising and self.bot.settings.allow_self_practice)
        ):
            return []
        needle = current.casefold()
        return [
            app_commands.Choice(name=clip(f"{s.title} ({s.id}, {s.difficulty})", 100), value=s.id)
            for s in self.service.catalogue
            if needle in s.id.casefold() or needle in s.title.casefold()
        ][:25]

    async def session_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not self._may_steer(interaction):
            return []
        wanted = [s for s in self.runner.threads.values() if current in s]
        try:
            records = await self.bot.store_thread.run_within(
                AUTOCOMPLETE_WAIT, self._records, wanted
            )
        except TimeoutError:
            return []
        return [
            app_commands.Choice(
                name=clip(f"{r.id} · {r.scenario_id} · {r.status}", 100), value=r.id
            )
            for r in records
            if r.guild_id == str(interaction.guild_id)
        ][:25]

    def _records(self, session_ids: list[str]) -> list[SessionRecord]:
        found = []
        for session_id in session_ids:
            try:
                found.append(self.service.session(session_id))
            except (SessionNotFound, UnknownScenario, UnknownState):
                continue
        return found

    async def event_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not self._may_steer(interaction):
            return []
        try:
            record = await asyncio.wait_for(
                self.resolve(interaction, getattr(interaction.namespace, "session", None)),
                AUTOCOMPLETE_WAIT,
            )
            scenario = self.service.catalogue.get(record.scenario_id)
        except (Refusal, TimeoutError, UnknownScenario):
            return []
        needle = current.casefold()
        return [
            app_commands.Choice(name=clip(f"{e.title} ({e.id})", 100), value=e.id)
            for e in scenario.events
            if needle in e.id.casefold() or needle in e.title.casefold()
        ][:25]

    # -- starting --------------------------------------------------------------------------

    @session.command(name="start", description="Start a session for a trainee in a new thread")
    @app_commands.describe(
        scenario="The scenario to play",
        trainee="Who negotiates",
        mode="coach: hints after each turn; assess: no hints",
        seed="Replay a session exactly (same scenario, seed and messages)",
        level="Difficulty (default: the scenario's own)",
        max_turns="Turn limit for this session (default: the scenario's own)",
    )
    @facilitator_only()
    async def start(
        self,
        interaction: discord.Interaction,
        scenario: str,
        trainee: discord.Member,
        mode: Mode = "coach",
        seed: app_commands.Range[int, 0, MAX_SEED] | None = None,
        level: LevelName | None = None,
        max_turns: app_commands.Range[int, MIN_TURN_LIMIT, MAX_TURN_LIMIT] | None = None,
    ) -> None:
        # Discord enforces the declared ranges, but a modified client need not: check again.
        if seed is not None and not 0 <= seed <= MAX_SEED:
            raise Refusal(f"The seed must be a whole number from 0 to {MAX_SEED}.")
        if max_turns is not None and not MIN_TURN_LIMIT <= max_turns <= MAX_TURN_LIMIT:
            raise Refusal(
                f"The turn limit must be from {MIN_TURN_LIMIT} to {MAX_TURN_LIMIT} turns."
            )
        await self.open_session(interaction, scenario, trainee, mode, seed, level, max_turns)

    start.autocomplete("scenario")(scenario_autocomplete)

    @app_commands.command(name="practice", description="Practise a scenario on your own")
    @app_commands.describe(
        scenario="The scenario to play", mode="coach: with hints; assess: without"
    )
    @app_commands.guild_only()
    async def practice(
        self, interaction: discord.Interaction, scenario: str, mode: Mode = "coach"
    ) -> None:
        if not self.bot.settings.allow_self_practice:
            raise Refusal("Self-practice is turned off on this server; ask a facilitator.")
        await self.open_session(interaction, scenario, interaction.user, mode, None, None)

    practice.autocomplete("scenario")(scenario_autocomplete)

    async def open_session(
        self,
        interaction: discord.Interaction,
        scenario_id: str,
        trainee: discord.abc.User,
        mode: str,
        seed: int | None,
        level: str | None,
        max_turns: int | None = None,
    ) -> None:
        channel = interaction.channel
        if not isinstance(channel, discord.TextChannel):
            raise Refusal("Start sessions in a text channel (not in a thread, a forum or DMs).")
        try:
            scenario = self.service.catalogue.get(scenario_id)
        except UnknownScenario:
            raise Refusal(
                f"There is no scenario `{clip(scenario_id, 60)}`: pick one from the list "
                "the command offers."
            ) from None
        if trainee.bot:
            raise Refusal("The trainee must be a person, not a bot.")
        permissions = _thread_permissions(channel)
        await _defer(interaction)

        name = clip(f"{scenario.title} · {trainee.display_name}", 100)
        thread = await self._open_thread(channel, name, permissions)
        try:
            await thread.add_user(trainee)
            if interaction.user.id != trainee.id:
                # A private thread is visible only to its members (and Manage Threads holders).
                await thread.add_user(interaction.user)
            started = await self.runner.call(
                self.service.start,
                scenario.id,
                trainee=str(trainee.id),
                mode=mode,
                level=level,
                seed=seed,
                facilitator=_actor(interaction.user),
                guild_id=str(channel.guild.id),
                channel_id=str(thread.id),
                max_turns=max_turns,
            )
        except Exception:
            # No session was stored for this thread: remove it rather than leave an empty one.
            with contextlib.suppress(discord.HTTPException):
                await thread.delete()
            raise
        record = started.session
        self.runner.track(record)
        async with self.runner.lock(record.id):
            await thread.send(
                embed=brief_embed(scenario, record, trainee),
                view=control_view(record.id, record.mode),
                allowed_mentions=NO_MENTIONS,
            )
            await self.runner.voice.say(thread, scenario.persona, started.opening)
        log.info("session %s (%s) started in thread %s", record.id, scenario.id, thread.id)
        await reply_ephemeral(interaction, f"Session `{record.id}` started in {thread.mention}.")

    async def retry_from(
        self, interaction: discord.Interaction, session_id: str, turn: int
    ) -> None:
        """ "Try again from turn N": a branch keeping turns 1..N-1, in a new private thread.

        Only the session's trainee or a facilitator may; the branch is the trainee's, in the
        channel of the original session, and opens with a summary of the kept turns.
        """
        # Acknowledge first: every read below goes through the store thread, which may wait
        # for a busy database longer than Discord's three seconds.
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            record = await self.runner.call(self.service.session, session_id)
        except SessionNotFound:
            raise Refusal("This session no longer exists.") from None
        user = interaction.user
        facilitator = is_facilitator(user, self.bot.settings)
        if str(user.id) != record.trainee and not facilitator:
            raise Refusal("Only the trainee of this session (or a facilitator) can try it again.")
        original = await self.runner.thread_of(record)
        channel = original.parent if original is not None else None
        if not isinstance(channel, discord.TextChannel):
            raise Refusal("The channel of this session is gone, so I cannot open a new thread.")
        permissions = _thread_permissions(channel)
        scenario = await self.runner.call(self.service.scenario_of, session_id)
        thread = await self._open_thread(
            channel, clip(f"{scenario.title} · again from turn {turn}", 100), permissions
        )
        try:
            # The trainee, whoever pressed, and the facilitator who ran the original (so they
            # can steer the retry too): a private thread shows only to its members.
            for member in dict.fromkeys((record.trainee, str(user.id), record.facilitator)):
                if member.isdigit():
                    await thread.add_user(discord.Object(int(member)))
            branched = await self.runner.call(
                self.service.branch,
                session_id,
                turn - 1,
                _actor(user),
                facilitator=facilitator,
                channel_id=str(thread.id),
            )
        except BaseException as exc:
            # No branch was stored for this thread: remove it rather than leave an empty one.
            with contextlib.suppress(discord.HTTPException):
                await thread.delete()
            if isinstance(exc, BranchRefused):
                raise Refusal(str(exc)) from None
            raise
        branch = branched.session
        kept = await self.runner.call(self.service.store.turns, branch.id)
        self.runner.track(branch)
        trainee = channel.guild.get_member(int(branch.trainee)) or user
        async with self.runner.lock(branch.id):
            await thread.send(
                embeds=[brief_embed(scenario, branch, trainee), kept_embed(branch, kept)],
                view=control_view(branch.id, branch.mode),
                allowed_mentions=NO_MENTIONS,
            )
            last = kept[-1].reply if kept and kept[-1].reply else branched.opening
            await self.runner.voice.say(thread, scenario.persona, last)
        log.info("session %s branched from %s at turn %d", branch.id, session_id, turn - 1)
        await interaction.followup.send(
            f"Trying again from turn {turn} in {thread.mention} (session `{branch.id}`).",
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    async def _open_thread(
        self, channel: discord.TextChannel, name: str, permissions: discord.Permissions
    ) -> discord.Thread:
        """A private thread when possible (only invited people see it), else a public one."""
        if permissions.create_private_threads:
            try:
                return await channel.create_thread(
                    name=name,
                    type=discord.ChannelType.private_thread,
                    invitable=False,
                    auto_archive_duration=THREAD_ARCHIVE_MINUTES,
                    reason="Parley training session",
                )
            except discord.HTTPException as exc:
                if not permissions.create_public_threads:
                    raise
                log.info("private thread refused in #%s (%s); using a public one", channel, exc)
        return await channel.create_thread(
            name=name,
            type=discord.ChannelType.public_thread,
            auto_archive_duration=THREAD_ARCHIVE_MINUTES,
            reason="Parley training session",
        )

    # -- steering --------------------------------------------------------------------------
    # Every command defers first, then reads and writes through the store thread.

    @session.command(name="end", description="End the session and post the debrief")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def end(self, interaction: discord.Interaction, session: str | None = None) -> None:
        await _defer(interaction)
        record = await self.resolve(interaction, session)
        await self.end_session(record.id, _actor(interaction.user))
        await reply_ephemeral(
            interaction, f"Session `{record.id}` ended; the debrief is in its thread."
        )

    async def end_session(self, session_id: str, actor: str) -> None:
        async with self.runner.lock(session_id):
            if (await self.runner.call(self.service.session, session_id)).status == "paused":
                # Messages held for a resume that will not come: kept, unanswered.
                await self.runner.store_held(session_id)
            if await self.runner.call(self._end, session_id, actor):
                await self.runner.finish(session_id)

    def _end(self, session_id: str, actor: str) -> bool:
        """End the session (idempotent); True if this call ended it."""
        already = self.service.session(session_id).status == "ended"
        self.service.end(session_id, actor)
        return not already

    @session.command(name="pause", description="Pause the counterpart (messages wait for resume)")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def pause(self, interaction: discord.Interaction, session: str | None = None) -> None:
        await _defer(interaction)
        record = await self.resolve(interaction, session)
        async with self.runner.lock(record.id):
            changed = await self.runner.call(
                self.service.pause, record.id, _actor(interaction.user)
            )
            if changed:
                await self._notice(record, PAUSED_NOTICE)
        await reply_ephemeral(
            interaction, "Paused." if changed else "The session was already paused."
        )

    @session.command(name="resume", description="Resume a paused session")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def resume(self, interaction: discord.Interaction, session: str | None = None) -> None:
        await _defer(interaction)
        record = await self.resolve(interaction, session)
        held = 0
        async with self.runner.lock(record.id):
            changed = await self.runner.call(
                self.service.resume, record.id, _actor(interaction.user)
            )
            if changed:
                thread = await self.runner.thread_of(record)
                if thread is not None:
                    await self.runner.notice(thread, RESUMED_NOTICE)
                held = await self.runner.play_held(record.id, thread)
        if not changed:
            await reply_ephemeral(interaction, "The session was not paused.")
        else:
            await reply_ephemeral(
                interaction,
                f"Resumed; the counterpart answered {held} message(s) sent during the pause."
                if held
                else "Resumed.",
            )

    @session.command(name="status", description="Meters and state of a session (only you see it)")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def status(self, interaction: discord.Interaction, session: str | None = None) -> None:
        await _defer(interaction)
        record = await self.resolve(interaction, session)
        embed = await self.runner.call(self._status, record.id)
        await interaction.followup.send(embed=embed, ephemeral=True)

    def _status(self, session_id: str) -> discord.Embed:
        record = self.service.session(session_id)
        scenario = self.service.scenario_of(session_id)
        state = (record.counterpart or {}).get("state", "")
        mood = scenario.state(state).mood if state in scenario.state_names else state
        return status_embed(scenario, record, self.service.store.turns(session_id), mood)

    @session.command(name="inject", description="Play a scenario event; the counterpart reacts")
    @app_commands.describe(event="The event", session="Session id (default: this thread's)")
    @facilitator_only()
    async def inject(
        self, interaction: discord.Interaction, event: str, session: str | None = None
    ) -> None:
        await _defer(interaction)
        record = await self.resolve(interaction, session)
        scenario = await self.runner.call(self.service.scenario_of, record.id)
        spec = next((e for e in scenario.events if e.id == event), None)
        if spec is None:
            known = ", ".join(e.id for e in scenario.events) or "none"
            raise Refusal(f"This scenario has no event `{clip(event, 60)}` (events: {known}).")
        async with self.runner.lock(record.id):
            result = await self.runner.call(
                self.service.inject, record.id, spec.id, _actor(interaction.user)
            )
            thread = await self.runner.thread_of(record)
            if thread is not None:
                await self.runner.notice(thread, f"📣 **{spec.title}**")
                await self.runner.answer(thread, result)
        await reply_ephemeral(interaction, f"Event played: {spec.title}.")

    inject.autocomplete("event")(event_autocomplete)

    @session.command(name="whisper", description="A private instruction to the counterpart")
    @app_commands.describe(
        text="What to tell the counterpart (leave empty to type it in a form)",
        session="Session id (default: this thread's)",
    )
    @facilitator_only()
    async def whisper(
        self,
        interaction: discord.Interaction,
        text: app_commands.Range[str, 1, 1000] | None = None,
        session: str | None = None,
    ) -> None:
        if text:
            await _defer(interaction)
            await self.apply_whisper(interaction, await self.resolve(interaction, session), text)
            return
        # A form must be the first response (no defer before it): check what can be checked
        # within Discord's window, and leave the rest to the submission, which checks again.
        try:
            record = await asyncio.wait_for(self.resolve(interaction, session), FORM_CHECK_WAIT)
        except TimeoutError:
            session_id = (session or "").strip() or self.runner.session_in(interaction.channel)
            if not session_id:
                raise Refusal("The database is busy; give the `text` option instead.") from None
        else:
            if record.status == "ended":
                raise Refusal("This session has ended.")
            session_id = record.id
        await interaction.response.send_modal(whisper_form(session_id))

    async def apply_whisper(
        self, interaction: discord.Interaction, record: SessionRecord, text: str
    ) -> None:
        """Store the whisper (the interaction is deferred) and tell the facilitator the meters."""
        if record.status == "ended":
            raise Refusal("This session has ended.")
        async with self.runner.lock(record.id):
            meters = await self.runner.call(
                self.service.whisper, record.id, text, _actor(interaction.user)
            )
        shown = ", ".join(f"{k} {v}" for k, v in meters.items())
        await reply_ephemeral(
            interaction,
            f"Whispered to the counterpart (the trainee does not see it). Meters now: {shown}.",
        )

    @session.command(name="hint", description="Post a coaching hint for the trainee (coach mode)")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def hint(self, interaction: discord.Interaction, session: str | None = None) -> None:
        await _defer(interaction)
        record = await self.resolve(interaction, session)
        if record.mode != "coach":
            raise Refusal("Hints are for coach mode; this session is assessed.")
        text = await self.runner.call(self.service.hint, record.id, _actor(interaction.user))
        await self._notice(record, f"💡 Hint from the facilitator: {text}")
        await reply_ephemeral(interaction, "Hint posted in the thread.")

    _command: app_commands.Command[Sessions, ..., None]
    for _command in (end, pause, resume, status, inject, whisper, hint):
        _command.autocomplete("session")(session_autocomplete)
    del _command

    async def _notice(self, record: SessionRecord, text: str) -> None:
        thread = await self.runner.thread_of(record)
        if thread is not None:
            await self.runner.notice(thread, text)

    # -- buttons ---------------------------------------------------------------------------

    async def on_button(
        self, interaction: discord.Interaction, action: str, session_id: str
    ) -> None:
        await _defer(interaction)
        try:
            record = await self.runner.call(self.service.session, session_id)
        except SessionNotFound:
            raise Refusal("This session no longer exists.") from None
        user = interaction.user
        settings = self.bot.settings
        trainee = str(user.id) == record.trainee
        facilitator = is_facilitator(user, settings)
        ended = record.status == "ended"
        if action == "hint":
            if not (trainee or facilitator):
                raise Refusal("Hints are for the trainee of this session.")
            if record.mode != "coach":
                raise Refusal("Hints are for coach mode; this session is assessed.")
            if ended:
                raise Refusal("The session has ended; press Debrief instead.")
            text = await self.runner.call(self.service.hint, session_id, _actor(user))
            await reply_ephemeral(interaction, f"💡 {text}")
        elif action == "end":
            self_practice = trainee and record.facilitator == record.trainee
            if not (facilitator or self_practice):
                raise Refusal("Only a facilitator can end this session.")
            if ended:
                raise Refusal("The session has already ended.")
            await self.end_session(session_id, _actor(user))
            await reply_ephemeral(interaction, "Session ended; the debrief is in the thread.")
        elif action == "debrief":
            if not (trainee or facilitator or is_coordinator(user, settings)):
                raise Refusal("The debrief is for the trainee and the facilitators.")
            if not ended and not facilitator:
                raise Refusal("The debrief is ready when the session ends.")
            post = await self.runner.debrief(session_id)
            view = post.retry_view() if ended else None
            if view is None:
                await interaction.followup.send(
                    embeds=post.embeds, files=post.files(), ephemeral=True
                )
            else:
                await interaction.followup.send(
                    embeds=post.embeds, files=post.files(), view=view, ephemeral=True
                )


async def setup(bot: Parley) -> None:
    """Load the Sessions cog and the persistent session buttons."""
    bot.add_dynamic_items(SessionButton, RetryButton)
    await bot.add_cog(Sessions(bot))
    if not charts.available():
        log.warning("debriefs go out without their meter-arc chart: %s", charts.INSTALL_HINT)
