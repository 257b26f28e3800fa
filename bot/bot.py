"""The Parley bot: a `commands.Bot` that loads `bot/exts/` and syncs commands only when they change.

Discord allows about 200 command creations a day (error 30034), so the tree is synced only
when its definitions differ from the last sync (a digest kept next to the database) or
when asked with `parley bot --sync`. With `PARLEY_DEV_GUILD_ID` the commands are copied to
that guild, where they appear at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import tell
from bot.exts import walk_extensions
from bot.settings import Settings
from bot.store_thread import StoreThread
from dialogues.service import SessionService

log = logging.getLogger(__name__)
T = TypeVar("T")


def intents() -> discord.Intents:
    """Only what Parley reads: guilds (threads, channels) and guild messages with their content."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.message_content = True  # privileged: enable it in the Developer Portal
    return wanted


class ParleyTree(app_commands.CommandTree):
    """Every command error reaches the user as a short ephemeral message, and the log."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await tell(interaction, error)


class Parley(commands.AutoShardedBot):
    """The bot: settings and the session service, shared by every extension.

    `AutoShardedBot`: discord.py asks Discord how many shards the bot needs and runs them all
    in this process, so growing past 2,500 servers needs no code change.
    """

    def __init__(self, settings: Settings, service: SessionService, *, force_sync: bool = False):
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=ParleyTree,
            help_command=None,
        )
        self.settings = settings
        self.service = service
        self.force_sync = force_sync
        self.store_thread = StoreThread()

    async def setup_hook(self) -> None:
        for extension in walk_extensions():
            await self.load_extension(extension)
            log.debug("loaded %s", extension)
        await self.sync_commands()

    async def off_loop(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`fn(*args, **kwargs)` on the store thread: every service and store call goes here."""
        return await self.store_thread.run(fn, *args, **kwargs)

    async def close(self) -> None:
        await super().close()
        self.store_thread.close()
        close_store = getattr(self.service.store, "close", None)
        if callable(close_store):
            close_store()

    # -- command sync ----------------------------------------------------------------------

    @property
    def sync_marker(self) -> Path:
        """Where the digest of the last synced command tree is kept (beside the database)."""
        db = Path(self.settings.db)
        return db.with_name(db.name + ".commands-sha256")

    def _target(self) -> discord.Object | None:
        guild_id = self.settings.dev_guild_id
        return discord.Object(id=guild_id) if guild_id else None

    def command_digest(self) -> str:
        """A digest of what would be synced: definitions, target guild and application."""
        guild = self._target()
        payload = {
            "application": self.application_id,
            "guild": guild.id if guild else None,
            "commands": sorted(
                (c.to_dict(self.tree) for c in self.tree.get_commands(guild=guild)),
                key=lambda c: (c.get("type", 1), c["name"]),
            ),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    async def sync_commands(self) -> bool:
        """Sync the tree when it changed since the last sync (or when forced); True if synced."""
        guild = self._target()
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        digest = self.command_digest()
        marker = self.sync_marker
        try:
            previous = marker.read_text().strip()
        except OSError:
            previous = ""
        if previous == digest and not self.force_sync:
            log.info("slash commands unchanged since the last sync; not syncing")
            return False
        synced = await self.tree.sync(guild=guild)
        where = f"guild {guild.id}" if guild else "all servers (may take a while to show)"
        log.info("synced %d slash command(s) to %s", len(synced), where)
        try:
            marker.write_text(digest + "\n")
        except OSError as exc:
            log.warning("could not remember the command sync in %s: %s", marker, exc)
        return True
