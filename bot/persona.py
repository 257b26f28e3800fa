"""The hostile party's voice: one webhook per parent channel, reused, speaking as the persona.

A webhook lets the party post under its own name and avatar inside the session thread. A
channel allows only 15 webhooks (error 30007), so the bot keeps exactly one per parent
channel, finds it again with `channel.webhooks()` after a restart, and creates it only when
none of its own exists. Without Manage Webhooks the party speaks through an embed whose
author is the persona instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

import discord
from rich.color import Color, ColorParseError

from bot.text import EMBED_DESCRIPTION, MESSAGE_LIMIT, clip, fit_embed, split_message
from dialogues.scenario import Persona

log = logging.getLogger(__name__)

WEBHOOK_NAME = "Parley"
NO_MENTIONS = discord.AllowedMentions.none()


def persona_colour(persona: Persona) -> discord.Colour:
    """The persona's colour: a name discord.py knows (`red`, `dark_gold`), a terminal colour
    name (`cyan`, `bright_blue`: the terminal front end shows those), or `#rrggbb`."""
    name = persona.colour.strip().lower().replace(" ", "_")
    factory = getattr(discord.Colour, name, None)
    if callable(factory) and name not in {"from_rgb", "from_hsv", "from_str", "random"}:
        try:
            colour = factory()
        except TypeError:
            colour = None
        if isinstance(colour, discord.Colour):
            return colour
    try:
        return discord.Colour.from_str(persona.colour)
    except ValueError:
        pass
    try:
        return discord.Colour.from_rgb(*Color.parse(name).get_truecolor())
    except ColorParseError:
        return discord.Colour.red()


class PersonaVoice:
    """Posts the party's lines into session threads, through the channel's one webhook."""

    def __init__(self, client: discord.Client):
        self.client = client
        self._webhooks: dict[int, discord.Webhook] = {}
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    def can_use_webhooks(self, channel: discord.TextChannel) -> bool:
        return channel.permissions_for(channel.guild.me).manage_webhooks

    async def webhook_for(self, channel: discord.TextChannel) -> discord.Webhook | None:
        """The bot's webhook in `channel` (found or created once), or None without permission."""
        if not self.can_use_webhooks(channel):
            return None
        async with self._locks[channel.id]:
            cached = self._webhooks.get(channel.id)
            if cached is not None:
                return cached
            try:
                me = self.client.user
                for hook in await channel.webhooks():
                    # Only a webhook the bot created has a token the bot can post with.
                    if hook.token and hook.user and me and hook.user.id == me.id:
                        self._webhooks[channel.id] = hook
                        return hook
                hook = await channel.create_webhook(
                    name=WEBHOOK_NAME, reason="Parley: the counterpart speaks through it"
                )
            except discord.Forbidden:
                log.warning("no permission to manage webhooks in #%s; using embeds", channel)
                return None
            self._webhooks[channel.id] = hook
            return hook

    async def say(self, thread: discord.Thread, persona: Persona, text: str) -> None:
        """Post `text` as the persona in `thread`, split at Discord's 2,000-character limit."""
        if not text.strip():
            return
        parent = thread.parent
        hook = await self.webhook_for(parent) if isinstance(parent, discord.TextChannel) else None
        if hook is not None:
            try:
                await self._send_webhook(hook, thread, persona, text)
                return
            except discord.NotFound:
                # Someone deleted the webhook: forget it and make a new one, once.
                self._webhooks.pop(parent.id, None)  # type: ignore[union-attr]
                hook = await self.webhook_for(parent)  # type: ignore[arg-type]
                if hook is not None:
                    await self._send_webhook(hook, thread, persona, text)
                    return
        await self._send_embed(thread, persona, text)

    async def _send_webhook(
        self, hook: discord.Webhook, thread: discord.Thread, persona: Persona, text: str
    ) -> None:
        for chunk in split_message(text, MESSAGE_LIMIT):
            await hook.send(
                chunk,
                thread=thread,
                username=clip(persona.name, 80),
                avatar_url=persona.avatar_url or discord.utils.MISSING,
                allowed_mentions=NO_MENTIONS,
                wait=True,
            )

    async def _send_embed(self, thread: discord.Thread, persona: Persona, text: str) -> None:
        for chunk in split_message(text, EMBED_DESCRIPTION):
            embed = discord.Embed(description=chunk, colour=persona_colour(persona))
            embed.set_author(name=f"{persona.name} · {persona.role}", icon_url=persona.avatar_url)
            await thread.send(embed=fit_embed(embed), allowed_mentions=NO_MENTIONS)
