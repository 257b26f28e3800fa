"""Start the Discord bot: `python -m bot`, `parley bot`, or `parley run` with DISCORD_TOKEN set.

Start-up problems a person can fix (no token, a wrong token, the message content intent
not enabled) end with one clear message and exit code 2, not a traceback. The token is a
`SecretStr` and is never logged.
"""

from __future__ import annotations

import asyncio
import logging
import sys

import aiohttp
import discord
from pydantic import ValidationError

from bot.settings import Settings

log = logging.getLogger("bot")

PORTAL = "https://discord.com/developers/applications"
NO_TOKEN = (
    "DISCORD_TOKEN is not set. Create a bot in the Discord Developer Portal ({portal}), "
    "copy its token (Bot > Reset Token) and set it, e.g. `export DISCORD_TOKEN=...` or a "
    "line `DISCORD_TOKEN=...` in .env. See docs/discord.md."
)
BAD_TOKEN = (
    "Discord rejected DISCORD_TOKEN (improper token). Copy a fresh token from the Developer "
    "Portal ({portal}, Bot > Reset Token); it is not the application id or the public key."
)
NO_INTENT = (
    "Discord refused the connection: the Message Content intent is not enabled. In the "
    "Developer Portal ({portal}) open your application > Bot > Privileged Gateway Intents "
    "and turn on MESSAGE CONTENT INTENT, then start the bot again."
)


class StartupError(Exception):
    """A start-up problem the operator can fix; its message says how."""


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors()
        )
        raise StartupError(f"invalid settings in the environment or .env: {problems}") from None


def build_bot(settings: Settings, *, force_sync: bool = False):
    """The bot with its session service over the SQLite store at `settings.db`."""
    from bot.bot import Parley
    from dialogues.catalogue import ScenarioCatalogue
    from dialogues.service import SessionService
    from state.store import SqliteStore

    catalogue = ScenarioCatalogue(settings.scenario_dirs)
    for error in catalogue.errors:
        log.warning("scenario skipped: %s", error)
    service = SessionService(
        SqliteStore(settings.db, busy_timeout=settings.busy_timeout), catalogue
    )
    return Parley(settings, service, force_sync=force_sync)


async def run(settings: Settings, *, force_sync: bool = False) -> None:
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        raise StartupError(NO_TOKEN.format(portal=PORTAL))
    bot = build_bot(settings, force_sync=force_sync)
    try:
        async with bot:
            await bot.start(settings.discord_token.get_secret_value().strip())
    except discord.LoginFailure:
        raise StartupError(BAD_TOKEN.format(portal=PORTAL)) from None
    except discord.PrivilegedIntentsRequired:
        raise StartupError(NO_INTENT.format(portal=PORTAL)) from None
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound) as exc:
        raise StartupError(f"cannot reach Discord ({exc}); check the network and retry.") from None
    except discord.HTTPException as exc:
        raise StartupError(
            f"Discord answered {exc.status} at start-up ({exc.text or exc}); retry later."
        ) from None


def configure_logging(level: str) -> None:
    # Parley has no voice features: discord.py's warnings about voice libraries are noise.
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False
    discord.utils.setup_logging(level=getattr(logging, level.upper(), logging.INFO), root=True)


def main(sync: bool = False) -> int:
    """Run the bot until interrupted; returns the process exit code."""
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        asyncio.run(run(settings, force_sync=sync))
    except StartupError as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0
