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
BAD_CHARACTERS = (
    "DISCORD_TOKEN contains spaces, control or non-ASCII characters, so it cannot be a bot "
    "token; copy it again from the Developer Portal ({portal}, Bot > Reset Token), on one line."
)
NO_INTENT = (
    "Discord refused the connection: the Message Content intent is not enabled. In the "
    "Developer Portal ({portal}) open your application > Bot > Privileged Gateway Intents "
    "and turn on MESSAGE CONTENT INTENT, then start the bot again."
)


class StartupError(Exception):
    """A start-up problem the operator can fix; its message says how."""


def redact(text: str, secret: str) -> str:
    """`text` with every occurrence of `secret` masked (a proxy or a library may echo it)."""
    return text.replace(secret, "[DISCORD_TOKEN]") if secret else text


class RedactSecret(logging.Filter):
    """Masks the token in every log record that passes through a handler, whatever logged it:
    the token is a `SecretStr` in Parley, but libraries see it as a plain string."""

    def __init__(self, secret: str):
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = redact(message, self.secret), None
        if record.exc_info:
            trace = logging.Formatter().formatException(record.exc_info)
            if self.secret in trace:
                record.exc_text, record.exc_info = redact(trace, self.secret), None
        return True


def bot_token(settings: Settings) -> str:
    """The token as Discord expects it, or a start-up error saying what is wrong with it."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        raise StartupError(NO_TOKEN.format(portal=PORTAL))
    if not (token.isascii() and token.isprintable()) or " " in token:
        raise StartupError(BAD_CHARACTERS.format(portal=PORTAL))
    return token


def protect_secret(secret: str) -> None:
    """Mask `secret` in everything the root logger's handlers write."""
    if not secret:
        return
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactSecret(secret))


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

    catalogue = ScenarioCatalogue(settings.scenario_dirs, settings.scenario_cache)
    for error in catalogue.errors:
        log.warning("scenario skipped: %s", error)
    service = SessionService(
        SqliteStore(settings.db, busy_timeout=settings.busy_timeout), catalogue
    )
    return Parley(settings, service, force_sync=force_sync)


async def run(settings: Settings, *, force_sync: bool = False) -> None:
    token = bot_token(settings)
    bot = build_bot(settings, force_sync=force_sync)
    try:
        async with bot:
            await bot.start(token)
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
    secret = ""
    try:
        settings = load_settings()
        if settings.discord_token is not None:
            secret = settings.discord_token.get_secret_value().strip()
        configure_logging(settings.log_level)
        protect_secret(secret)
        asyncio.run(run(settings, force_sync=sync))
    except StartupError as exc:
        print(f"parley: {redact(str(exc), secret)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0
