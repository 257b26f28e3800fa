"""Discord's size limits, applied cleanly: split long messages, cut embed parts with an ellipsis.

Discord rejects (400) anything over its limits, so every text the bot sends passes through
here: a reply is never lost because a scenario line or a trainee quote was too long.
"""

from __future__ import annotations

import discord

MESSAGE_LIMIT = 2000
EMBED_TOTAL = 6000
EMBED_DESCRIPTION = 4096
EMBED_TITLE = 256
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER_TEXT = 2048
AUTHOR_NAME = 256
MAX_FIELDS = 25
ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending in an ellipsis when it was cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Chunks of at most `limit` characters, cut at a paragraph, line, sentence or word.

    Only a run of text with no whitespace at all (a long URL) is cut mid-word.
    """
    text = text.strip()
    chunks: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            found = window.rfind(sep)
            if found > limit // 4:
                cut = found + (1 if sep == ". " else 0)
                break
        if cut <= 0:
            cut = limit
        chunks.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        chunks.append(text)
    return chunks


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Clip every part of `embed` to Discord's limits, dropping trailing fields past 6,000 total."""
    if embed.title:
        embed.title = clip(embed.title, EMBED_TITLE)
    if embed.description:
        embed.description = clip(embed.description, EMBED_DESCRIPTION)
    if embed.author and embed.author.name:
        embed.set_author(
            name=clip(embed.author.name, AUTHOR_NAME),
            url=embed.author.url,
            icon_url=embed.author.icon_url,
        )
    if embed.footer and embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, FOOTER_TEXT), icon_url=embed.footer.icon_url)
    fields = embed.fields[:MAX_FIELDS]
    embed.clear_fields()
    for field in fields:
        embed.add_field(
            name=clip(field.name or "\u200b", FIELD_NAME) or "\u200b",
            value=clip(field.value or "\u200b", FIELD_VALUE) or "\u200b",
            inline=field.inline,
        )
    while len(embed) > EMBED_TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL and embed.description:
        room = EMBED_TOTAL - (len(embed) - len(embed.description))
        embed.description = clip(embed.description, max(room, 1))
    return embed
