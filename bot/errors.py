"""What a user is told when something cannot be done, and what only goes to the log.

Expected refusals (missing role, unknown scenario, ended session) become a short ephemeral
message; anything else is logged with its traceback and the user gets a one-liner.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import discord
from discord import app_commands

from bot.persona import NO_MENTIONS
from bot.text import MESSAGE_LIMIT, clip
from dialogues.catalogue import UnknownScenario
from dialogues.engine import SessionPaused
from dialogues.service import SessionClosed, SessionNotFound
from state.errors import StoreBusy

log = logging.getLogger(__name__)

UNEXPECTED = "Something went wrong on my side; it has been logged. Please try again."
# The store's own message names the database file: that is for the operator's log only.
STORE_BUSY = (
    "The training database is busy (another program is writing to it), so nothing was "
    "changed. Please try again in a minute."
)


class Refusal(Exception):
    """A request that cannot be done as asked; the message tells the user what to do instead."""


EXPECTED = (Refusal, UnknownScenario, SessionClosed, SessionNotFound, SessionPaused)


def explain(error: BaseException) -> tuple[str, bool]:
    """The message for the user, and whether the error was expected (no traceback needed)."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, app_commands.CheckFailure):
        return (str(error) or "You are not allowed to do that here."), True
    if isinstance(error, SessionClosed):
        return "This session has ended.", True
    if isinstance(error, SessionNotFound):
        return "I don't know that session.", True
    if isinstance(error, StoreBusy):
        return STORE_BUSY, True
    if isinstance(error, EXPECTED):
        return str(error), True
    if isinstance(error, discord.Forbidden):
        return (
            "Discord refused: I am missing a permission in this channel "
            f"({error.text or 'Missing Permissions'}).",
            False,
        )
    return UNEXPECTED, False


async def tell(interaction: discord.Interaction, error: BaseException) -> None:
    """Answer `interaction` with the short message for `error`, and log what needs logging.

    The message is clipped to Discord's 2,000 characters: refusals may echo what the user
    typed (an unknown scenario id), and an over-long answer would be rejected outright.
    """
    text, expected = explain(error)
    text = clip(text, MESSAGE_LIMIT)
    original = getattr(error, "original", error)
    if isinstance(original, StoreBusy):
        log.warning("%s waited too long for the database: %s", _what(interaction), original)
    elif expected:
        log.info("refused %s for %s: %s", _what(interaction), interaction.user, text)
    else:
        log.error("error in %s", _what(interaction), exc_info=error)
    if interaction.type is discord.InteractionType.autocomplete:
        return  # an autocomplete cannot carry a message; the log has it
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
    except discord.HTTPException:
        log.warning("could not tell %s about the error (interaction expired?)", interaction.user)


def _what(interaction: discord.Interaction) -> str:
    command = interaction.command
    if command is not None:
        return f"/{command.qualified_name}"
    data: Mapping[str, object] = interaction.data or {}
    custom_id = data.get("custom_id", "?")
    return f"component {custom_id}"
