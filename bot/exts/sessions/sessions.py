"""`/session start|end|pause|resume|status|inject|whisper|hint`, `/practice`, and trainee turns.

Each session lives in its own thread (private when the server allows it): the brief and the
control buttons open it, the party speaks through the channel's webhook, and every message
of the trainee there is a turn. Facilitators steer with `/session ...` from inside the
thread (or by naming the session). Slow work is deferred at once, inside Discord's
three-second window.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import charts
from bot.access import facilitator_only, is_coordinator, is_facilitator
from bot.charts.attachments import ARC_FILE, attach, debrief_chart
from bot.errors import Refusal
from bot.exts.sessions._embeds import brief_embed, debrief_embed, status_embed
from bot.exts.sessions._runner import SessionRunner
from bot.exts.sessions._views import SessionButton, WhisperModal, control_view
from bot.persona import NO_MENTIONS
from bot.text import clip
from dialogues.catalogue import UnknownScenario
from dialogues.ports import SessionRecord
from dialogues.service import MAX_TURN_LIMIT, MIN_TURN_LIMIT, SessionNotFound

if TYPE_CHECKING:
    from discord.types.threads import ThreadArchiveDuration

    from bot.bot import Parley

log = logging.getLogger(__name__)

Mode = Literal["coach", "assess"]
LevelName = Literal["easy", "normal", "hard"]
THREAD_ARCHIVE_MINUTES: ThreadArchiveDuration = 1440
# What the bot needs in the channel where a session starts, and the name a person sees.
NEEDED_IN_CHANNEL = {
    "view_channel": "View Channel",
    "send_messages_in_threads": "Send Messages in Threads",
    "embed_links": "Embed Links",
    "read_message_history": "Read Message History",
}


def _actor(user: discord.abc.User) -> str:
    return str(user.id)


class Sessions(commands.Cog):
    """Training sessions in threads."""

    session = app_commands.Group(
        name="session", description="Run a training session (facilitators)", guild_only=True
    )

    def __init__(self, bot: Parley):
        self.bot = bot
        self.runner = SessionRunner(bot)

    @property
    def service(self):
        return self.bot.service

    async def cog_load(self) -> None:
        records = self.runner.load_open_sessions()
        log.info("tracking %d open session(s)", len(records))

    # -- gateway ---------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        await self.runner.on_trainee_message(message)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        await self.runner.catch_up()

    # -- resolving the session a command is about ------------------------------------------

    def resolve(self, interaction: discord.Interaction, session: str | None) -> SessionRecord:
        """The session named, or the one whose thread the command was used in."""
        session_id = (session or "").strip() or self.runner.session_in(interaction.channel)
        if not session_id:
            raise Refusal("Use this inside a session thread, or give the `session` option.")
        try:
            record = self.service.session(session_id)
        except SessionNotFound:
            raise Refusal(f"There is no session `{clip(session_id, 40)}`.") from None
        if record.guild_id != str(interaction.guild_id):
            raise Refusal(f"There is no session `{clip(session_id, 40)}` on this server.")
        return record

    # -- autocomplete (no I/O: Discord gives it no extra time) ------------------------------

    async def scenario_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.casefold()
        return [
            app_commands.Choice(name=clip(f"{s.title} ({s.id}, {s.difficulty})", 100), value=s.id)
            for s in self.service.catalogue
            if needle in s.id.casefold() or needle in s.title.casefold()
        ][:25]

    async def session_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        choices = []
        for session_id in list(self.runner.threads.values()):
            try:
                record = self.service.session(session_id)
            except SessionNotFound:
                continue
            if record.guild_id != str(interaction.guild_id) or current not in session_id:
                continue
            name = f"{session_id} · {record.scenario_id} · {record.status}"
            choices.append(app_commands.Choice(name=clip(name, 100), value=session_id))
        return choices[:25]

    async def event_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            record = self.resolve(interaction, getattr(interaction.namespace, "session", None))
        except Refusal:
            return []
        scenario = self.service.scenario_of(record.id)
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
        seed: app_commands.Range[int, 0, 2_147_483_647] | None = None,
        level: LevelName | None = None,
        max_turns: app_commands.Range[int, MIN_TURN_LIMIT, MAX_TURN_LIMIT] | None = None,
    ) -> None:
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
        except UnknownScenario as exc:
            raise Refusal(str(exc)) from None
        if trainee.bot:
            raise Refusal("The trainee must be a person, not a bot.")
        permissions = channel.permissions_for(channel.guild.me)
        missing = [
            label for name, label in NEEDED_IN_CHANNEL.items() if not getattr(permissions, name)
        ]
        if not (permissions.create_private_threads or permissions.create_public_threads):
            missing.append("Create Public Threads or Create Private Threads")
        if missing:
            raise Refusal(f"I need these permissions in {channel.mention}: {', '.join(missing)}.")
        await interaction.response.defer(ephemeral=True, thinking=True)

        name = clip(f"{scenario.title} · {trainee.display_name}", 100)
        thread = await self._open_thread(channel, name, permissions)
        try:
            await thread.add_user(trainee)
            if interaction.user.id != trainee.id:
                # A private thread is visible only to its members (and Manage Threads holders).
                await thread.add_user(interaction.user)
            started = self.service.start(
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
        await interaction.followup.send(
            f"Session `{record.id}` started in {thread.mention}.",
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

    @session.command(name="end", description="End the session and post the debrief")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def end(self, interaction: discord.Interaction, session: str | None = None) -> None:
        record = self.resolve(interaction, session)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self.end_session(record.id, _actor(interaction.user))
        await interaction.followup.send(
            f"Session `{record.id}` ended; the debrief is in its thread.", ephemeral=True
        )

    async def end_session(self, session_id: str, actor: str) -> None:
        async with self.runner.lock(session_id):
            already = self.service.session(session_id).status == "ended"
            self.service.end(session_id, actor)
            if not already:
                await self.runner.finish(session_id)

    @session.command(name="pause", description="Pause the counterpart (messages are kept)")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def pause(self, interaction: discord.Interaction, session: str | None = None) -> None:
        record = self.resolve(interaction, session)
        await interaction.response.defer(ephemeral=True, thinking=True)
        async with self.runner.lock(record.id):
            changed = self.service.pause(record.id, _actor(interaction.user))
            if changed:
                await self._notice(
                    record,
                    "⏸️ The facilitator paused the session. "
                    "Messages are kept but not answered until it resumes.",
                )
        await interaction.followup.send(
            "Paused." if changed else "The session was already paused.", ephemeral=True
        )

    @session.command(name="resume", description="Resume a paused session")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def resume(self, interaction: discord.Interaction, session: str | None = None) -> None:
        record = self.resolve(interaction, session)
        await interaction.response.defer(ephemeral=True, thinking=True)
        async with self.runner.lock(record.id):
            changed = self.service.resume(record.id, _actor(interaction.user))
            if changed:
                await self._notice(record, "▶️ The session continues.")
        await interaction.followup.send(
            "Resumed." if changed else "The session was not paused.", ephemeral=True
        )

    @session.command(name="status", description="Meters and state of a session (only you see it)")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def status(self, interaction: discord.Interaction, session: str | None = None) -> None:
        record = self.resolve(interaction, session)
        scenario = self.service.scenario_of(record.id)
        state = (record.counterpart or {}).get("state", "")
        mood = scenario.state(state).mood if state in scenario.state_names else state
        embed = status_embed(scenario, record, self.service.store.turns(record.id), mood)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @session.command(name="inject", description="Play a scenario event; the counterpart reacts")
    @app_commands.describe(event="The event", session="Session id (default: this thread's)")
    @facilitator_only()
    async def inject(
        self, interaction: discord.Interaction, event: str, session: str | None = None
    ) -> None:
        record = self.resolve(interaction, session)
        scenario = self.service.scenario_of(record.id)
        try:
            spec = scenario.event(event)
        except KeyError as exc:
            raise Refusal(str(exc.args[0])) from None
        await interaction.response.defer(ephemeral=True, thinking=True)
        async with self.runner.lock(record.id):
            result = self.service.inject(record.id, spec.id, _actor(interaction.user))
            thread = await self.runner.thread_of(record)
            if thread is not None:
                await self.runner.notice(thread, f"📣 **{spec.title}**")
                await self.runner.answer(thread, result)
        await interaction.followup.send(f"Event played: {spec.title}.", ephemeral=True)

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
        record = self.resolve(interaction, session)
        if record.status == "ended":
            raise Refusal("This session has ended.")
        if not text:
            # A modal must be the first response: no defer before it.
            await interaction.response.send_modal(WhisperModal(record.id))
            return
        await self.apply_whisper(interaction, record.id, text)

    async def apply_whisper(
        self, interaction: discord.Interaction, session_id: str, text: str
    ) -> None:
        meters = self.service.whisper(session_id, text, _actor(interaction.user))
        shown = ", ".join(f"{k} {v}" for k, v in meters.items())
        await interaction.response.send_message(
            f"Whispered to the counterpart (the trainee does not see it). Meters now: {shown}.",
            ephemeral=True,
        )

    @session.command(name="hint", description="Post a coaching hint for the trainee (coach mode)")
    @app_commands.describe(session="Session id (default: this thread's)")
    @facilitator_only()
    async def hint(self, interaction: discord.Interaction, session: str | None = None) -> None:
        record = self.resolve(interaction, session)
        if record.mode != "coach":
            raise Refusal("Hints are for coach mode; this session is assessed.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        text = self.service.hint(record.id, _actor(interaction.user))
        await self._notice(record, f"💡 Hint from the facilitator: {text}")
        await interaction.followup.send("Hint posted in the thread.", ephemeral=True)

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
        try:
            record = self.service.session(session_id)
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
            text = self.service.hint(session_id, _actor(user))
            await interaction.response.send_message(f"💡 {text}", ephemeral=True)
        elif action == "end":
            self_practice = trainee and record.facilitator == record.trainee
            if not (facilitator or self_practice):
                raise Refusal("Only a facilitator can end this session.")
            if ended:
                raise Refusal("The session has already ended.")
            await interaction.response.defer(ephemeral=True, thinking=True)
            await self.end_session(session_id, _actor(user))
            await interaction.followup.send(
                "Session ended; the debrief is in the thread.", ephemeral=True
            )
        elif action == "debrief":
            if not (trainee or facilitator or is_coordinator(user, settings)):
                raise Refusal("The debrief is for the trainee and the facilitators.")
            if not ended and not facilitator:
                raise Refusal("The debrief is ready when the session ends.")
            await interaction.response.defer(ephemeral=True, thinking=True)
            scenario = self.service.scenario_of(session_id)
            embed = debrief_embed(scenario, record, self.service.debrief(session_id).to_dict())
            chart = await debrief_chart(self.service, session_id)
            await interaction.followup.send(
                embed=embed, files=attach(embed, chart, ARC_FILE), ephemeral=True
            )


async def setup(bot: Parley) -> None:
    """Load the Sessions cog and the persistent session buttons."""
    bot.add_dynamic_items(SessionButton)
    await bot.add_cog(Sessions(bot))
    if not charts.available():
        log.warning("debriefs go out without their meter-arc chart: %s", charts.INSTALL_HINT)
