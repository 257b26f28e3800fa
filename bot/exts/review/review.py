"""`/transcript`, `/progress`, `/report`, `/export`: reviewing stored sessions.

Coordinators see everything on their server; a trainee sees only their own sessions.
Answers are ephemeral: scores and transcripts are nobody else's business. Each command is
acknowledged first and reads the store on the store thread (see `bot.store_thread`).
"""

from __future__ import annotations

import io
import json
import logging
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.access import STAFF_PERMISSIONS, coordinator_only, is_coordinator
from bot.errors import Refusal
from bot.exts.review._history import AREAS, export_rows, guild_sessions, transcript_text
from bot.text import clip, fit_embed
from dialogues.ports import SessionRecord
from dialogues.scenario import Scenario

if TYPE_CHECKING:
    from bot.bot import Parley

log = logging.getLogger(__name__)


def _label(area: str) -> str:
    return area.replace("_", " ").capitalize()


class Review(commands.Cog):
    """Transcripts, progress, reports and exports."""

    def __init__(self, bot: Parley):
        self.bot = bot

    @property
    def service(self):
        return self.bot.service

    @app_commands.command(name="transcript", description="A session's transcript as a file")
    @app_commands.describe(session="Session id (shown under the brief and the debrief)")
    @app_commands.guild_only()
    async def transcript(self, interaction: discord.Interaction, session: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        coordinator = is_coordinator(interaction.user, self.bot.settings)
        text, record, scenario = await self.bot.off_loop(
            self._transcript, session.strip(), interaction, coordinator
        )
        file = discord.File(io.BytesIO(text.encode("utf-8")), filename=f"transcript-{record.id}.md")
        await interaction.followup.send(
            f"Transcript of `{record.id}` ({scenario.title}, {record.outcome}).",
            file=file,
            ephemeral=True,
        )

    def _transcript(
        self, session_id: str, interaction: discord.Interaction, coordinator: bool
    ) -> tuple[str, SessionRecord, Scenario]:
        """The transcript, if this person may read it (a blocking call for the store thread)."""
        store = self.service.store
        record = store.get_session(session_id)
        if record is None or record.guild_id != str(interaction.guild_id):
            raise Refusal(f"There is no session `{clip(session_id, 40)}` on this server.")
        if not coordinator and record.trainee != str(interaction.user.id):
            raise Refusal("You can only read the transcripts of your own sessions.")
        scenario = self.service.catalogue.get(record.scenario_id)
        text = transcript_text(
            scenario, record, store.turns(record.id), store.events(record.id), full=coordinator
        )
        return text, record, scenario

    @app_commands.command(name="progress", description="A trainee's sessions and scores")
    @app_commands.describe(trainee="Whose progress (coordinators); default: yours")
    @app_commands.guild_only()
    async def progress(
        self, interaction: discord.Interaction, trainee: discord.Member | None = None
    ) -> None:
        who = trainee or interaction.user
        if who.id != interaction.user.id and not is_coordinator(
            interaction.user, self.bot.settings
        ):
            raise Refusal("You can only see your own progress.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        rows = await self.bot.off_loop(
            guild_sessions, self.service.store, str(interaction.guild_id), trainee=str(who.id)
        )
        await interaction.followup.send(embed=progress_embed(who, rows), ephemeral=True)

    @app_commands.command(name="report", description="Sessions and scores on this server")
    @app_commands.guild_only()
    @app_commands.default_permissions(STAFF_PERMISSIONS)
    @coordinator_only()
    async def report(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        rows = await self.bot.off_loop(
            guild_sessions, self.service.store, str(interaction.guild_id)
        )
        await interaction.followup.send(embed=report_embed(rows), ephemeral=True)

    @app_commands.command(name="export", description="Sessions and turns as a JSON file")
    @app_commands.guild_only()
    @app_commands.default_permissions(STAFF_PERMISSIONS)
    @coordinator_only()
    async def export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await self.bot.off_loop(export_rows, self.service.store, str(interaction.guild_id))
        payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        file = discord.File(
            io.BytesIO(payload), filename=f"parley-export-{interaction.guild_id}.json"
        )
        await interaction.followup.send(
            f"{len(data['sessions'])} session(s), {len(data['turns'])} turn(s); people appear "
            "only as pseudonyms.",
            file=file,
            ephemeral=True,
        )


def progress_embed(who: discord.abc.User, rows: list[dict[str, Any]]) -> discord.Embed:
    embed = discord.Embed(title=f"Progress · {who.display_name}", colour=discord.Colour.green())
    if not rows:
        embed.description = "No sessions yet."
        return embed
    lines = [
        f"`{row['session_id']}` {str(row.get('created_at', ''))[:10]} · {row['scenario_id']} · "
        f"{row['outcome']} · {float(row.get('total', 0)):+.1f}"
        for row in rows[-15:]
    ]
    embed.description = "\n".join(lines)
    for area in AREAS:
        values = [float(row.get(area, 0) or 0) for row in rows]
        embed.add_field(name=_label(area), value=f"{sum(values) / len(values):.1f} avg")
    embed.set_footer(text=f"{len(rows)} session(s)")
    return fit_embed(embed)


def report_embed(rows: list[dict[str, Any]]) -> discord.Embed:
    embed = discord.Embed(title="Report · this server", colour=discord.Colour.blurple())
    if not rows:
        embed.description = "No sessions yet."
        return embed
    by_scenario: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_scenario[row["scenario_id"]].append(row)
    for scenario_id, group in sorted(by_scenario.items()):
        outcomes = Counter(row["outcome"] for row in group)
        average = sum(float(row.get("total", 0) or 0) for row in group) / len(group)
        trainees = len({row.get("user") for row in group})
        embed.add_field(
            name=scenario_id,
            value=f"{len(group)} session(s), {trainees} trainee(s), avg total {average:+.1f}\n"
            + ", ".join(f"{k} {v}" for k, v in outcomes.most_common()),
            inline=False,
        )
    embed.set_footer(text=f"{len(rows)} session(s) in all")
    return fit_embed(embed)


async def setup(bot: Parley) -> None:
    """Load the Review cog."""
    await bot.add_cog(Review(bot))
