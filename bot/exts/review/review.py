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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import charts
from bot.access import STAFF_PERMISSIONS, coordinator_only, is_coordinator, is_facilitator
from bot.charts.attachments import MISSING_NOTE, attach, render
from bot.charts.series import (
    SKILL_SHORT,
    SKILLS,
    SessionScores,
    cohort_distribution,
    session_scores,
    skill_name,
)
from bot.errors import Refusal
from bot.exts.review._history import export_rows, guild_sessions, transcript_text
from bot.exts.sessions._views import retry_view
from bot.text import clip, fit_embed
from dialogues.ports import SessionRecord
from dialogues.scenario import Scenario

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from bot.bot import Parley

log = logging.getLogger(__name__)
PROGRESS_FILE = "progress.png"
COHORT_FILE = "cohort.png"


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
        text, record, scenario, turns = await self.bot.off_loop(
            self._transcript, session.strip(), interaction, coordinator
        )
        file = discord.File(io.BytesIO(text.encode("utf-8")), filename=f"transcript-{record.id}.md")
        message = f"Transcript of `{record.id}` ({scenario.title}, {record.outcome})."
        # "Try again from turn N" for whoever may branch it: the trainee, a facilitator.
        may_retry = record.trainee == str(interaction.user.id) or is_facilitator(
            interaction.user, self.bot.settings
        )
        view = retry_view(record.id, turns) if may_retry else None
        if view is None:
            await interaction.followup.send(message, file=file, ephemeral=True)
        else:
            await interaction.followup.send(
                message + " Try again from a turn:", file=file, view=view, ephemeral=True
            )

    def _transcript(
        self, session_id: str, interaction: discord.Interaction, coordinator: bool
    ) -> tuple[str, SessionRecord, Scenario, int]:
        """The transcript and its number of turns, if this person may read it (a blocking
        call for the store thread)."""
        store = self.service.store
        record = store.get_session(session_id)
        if record is None or record.guild_id != str(interaction.guild_id):
            raise Refusal(f"There is no session `{clip(session_id, 40)}` on this server.")
        if not coordinator and record.trainee != str(interaction.user.id):
            raise Refusal("You can only read the transcripts of your own sessions.")
        scenario = self.service.catalogue.get(record.scenario_id)
        turns = store.turns(record.id)
        text = transcript_text(scenario, record, turns, store.events(record.id), full=coordinator)
        return text, record, scenario, len(turns)

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
        scores = _attempt_scores(rows)
        embed = progress_embed(who, rows)

        def draw() -> Figure:
            from bot.charts.draw import progress_figure  # the optional extra, checked by render

            return progress_figure(scores, title=f"Skill profile · {who.display_name}")

        await _send_with_chart(interaction, embed, scores, draw, "progress", PROGRESS_FILE)

    @app_commands.command(name="report", description="Sessions and scores on this server")
    @app_commands.guild_only()
    @app_commands.default_permissions(STAFF_PERMISSIONS)
    @coordinator_only()
    async def report(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        rows = await self.bot.off_loop(
            guild_sessions, self.service.store, str(interaction.guild_id)
        )
        scores = _attempt_scores(rows)
        embed = report_embed(rows)

        def draw() -> Figure:
            from bot.charts.draw import cohort_figure  # the optional extra, checked by render

            return cohort_figure(cohort_distribution(scores))

        await _send_with_chart(interaction, embed, scores, draw, "cohort", COHORT_FILE)

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


async def _send_with_chart(
    interaction: discord.Interaction,
    embed: discord.Embed,
    scores: list[SessionScores],
    draw: Callable[[], Figure],
    what: str,
    filename: str,
) -> None:
    """The private follow-up with the embed and, when there is something to draw, its chart
    (or a line saying why the chart is missing: the charts extra is not installed)."""
    chart = await render(draw, what) if scores else None
    missing = MISSING_NOTE if scores and not charts.available() else None
    await interaction.followup.send(
        missing or discord.utils.MISSING,
        embed=embed,
        files=attach(embed, chart, filename),
        ephemeral=True,
    )


# What the figures mean, under every embed that shows them (the skill profile of
# `dialogues.scoring.model.skill_profile`): one line, so the footer stays short.
SCORES_NOTE = (
    "0-100: each skill's points per turn played against a full-marks turn "
    "(restraint: 100 minus penalties per turn), so sessions of any length compare; "
    "raw sums in brackets."
)
# Each normalised skill beside the raw sum it comes from (restraint is what penalties left).
RAW_OF = {
    "active_listening": "active_listening",
    "trust_building": "trust_building",
    "interim_proposals": "interim_proposals",
    "restraint": "penalties",
    "overall": "total",
}


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _scored(rows: list[dict[str, Any]]) -> dict[str, SessionScores]:
    return {s.session_id: s for s in session_scores(rows)}


def attempts(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each attempt (a session that retries nothing) with its retries, at any depth.

    A retry ("try again from here") is practice on an attempt, not an attempt of its own:
    progress and report figures count and average attempts, and list retries under them.
    """
    by_id = {row["session_id"]: row for row in rows}

    def root(row: dict[str, Any]) -> str:
        seen = {row["session_id"]}
        while row.get("parent_id") in by_id and row["parent_id"] not in seen:
            row = by_id[row["parent_id"]]
            seen.add(row["session_id"])
        return str(row["session_id"])

    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        key = root(row)
        retries = grouped.setdefault(key, [])
        if key != row["session_id"]:
            retries.append(row)
    return [(by_id[key], retries) for key, retries in grouped.items()]


def _retries_text(count: int) -> str:
    return f", {count} retr{'y' if count == 1 else 'ies'} (practice)" if count else ""


def _attempt_scores(rows: list[dict[str, Any]]) -> list[SessionScores]:
    """The scores charts draw: attempts only, as the figures beside them count (retries are
    practice, see `attempts`)."""
    return session_scores([row for row, _ in attempts(rows)])


def progress_embed(who: discord.abc.User, rows: list[dict[str, Any]]) -> discord.Embed:
    """A trainee's sessions (retries under the attempt they retry), each attempt with its
    normalised overall score and raw total beside it; per skill, the attempts' mean normalised
    score (0-100 per turn played) and mean raw sum."""
    embed = discord.Embed(title=f"Progress · {who.display_name}", colour=discord.Colour.green())
    if not rows:
        embed.description = "No sessions yet."
        return embed
    scored = _scored(rows)
    tried = attempts(rows)
    lines = []
    for row, retries in tried[-10:]:
        score = scored.get(row["session_id"])
        result = (
            f"overall {score.profile['overall']:.0f}/100 (raw {score.raw['total']:+.1f})"
            if score
            else "no turns played"
        )
        lines.append(
            f"`{row['session_id']}` {str(row.get('created_at', ''))[:10]} · {row['scenario_id']}"
            f" · {row['outcome']} · {result}"
        )
        lines += [
            f" ↳ `{r['session_id']}` again from turn {int(r['branch_at']) + 1} · "
            f"{r['outcome']} · {float(r.get('total', 0)):+.1f}"
            for r in retries[-3:]
        ]
    embed.description = "\n".join(lines)
    played = [scored[row["session_id"]] for row, _ in tried if row["session_id"] in scored]
    for skill, area in RAW_OF.items():
        normalised = _mean([s.profile[skill] for s in played])
        raw = _mean([s.raw[area] for s in played])
        embed.add_field(name=skill_name(skill), value=f"{normalised:.0f}/100 (raw {raw:+.1f}) avg")
    practice = sum(len(retries) for _, retries in tried)
    embed.set_footer(text=f"{len(tried)} session(s){_retries_text(practice)}\n{SCORES_NOTE}")
    return fit_embed(embed)


def report_embed(rows: list[dict[str, Any]]) -> discord.Embed:
    """Per scenario: attempts (retries counted apart as practice), trainees, the attempts' mean
    normalised scores with the raw total, outcomes."""
    embed = discord.Embed(title="Report · this server", colour=discord.Colour.blurple())
    if not rows:
        embed.description = "No sessions yet."
        return embed
    scored = _scored(rows)
    by_scenario: dict[str, list[tuple[dict[str, Any], list[dict[str, Any]]]]] = defaultdict(list)
    tried = attempts(rows)
    for row, retries in tried:
        by_scenario[row["scenario_id"]].append((row, retries))
    for scenario_id, group in sorted(by_scenario.items()):
        outcomes = Counter(row["outcome"] for row, _ in group)
        trainees = len({row.get("user") for row, _ in group})
        practice = sum(len(retries) for _, retries in group)
        played = [scored[row["session_id"]] for row, _ in group if row["session_id"] in scored]
        skills = " · ".join(
            f"{SKILL_SHORT[skill]} {_mean([s.profile[skill] for s in played]):.0f}"
            for skill in SKILLS
            if skill != "overall"
        )
        summary = (
            f"overall {_mean([s.profile['overall'] for s in played]):.0f}/100 "
            f"(raw total {_mean([s.raw['total'] for s in played]):+.1f}) avg\n{skills}\n"
            if played
            else "no turns played\n"
        )
        embed.add_field(
            name=scenario_id,
            value=f"{len(group)} session(s){_retries_text(practice)}, {trainees} trainee(s)\n"
            f"{summary}" + ", ".join(f"{k} {v}" for k, v in outcomes.most_common()),
            inline=False,
        )
    practice = sum(len(retries) for _, retries in tried)
    embed.set_footer(text=f"{len(tried)} session(s) in all{_retries_text(practice)}\n{SCORES_NOTE}")
    return fit_embed(embed)


async def setup(bot: Parley) -> None:
    """Load the Review cog."""
    await bot.add_cog(Review(bot))
