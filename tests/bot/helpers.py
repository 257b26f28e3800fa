"""Shared helpers for the Discord tests (fixtures are in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord

from dialogues.catalogue import ScenarioCatalogue
from dialogues.service import SessionService

SCENARIOS = Path(__file__).parent / "scenarios"
SCENARIO_ID = "test-roadblock"


def make_service(store) -> SessionService:
    return SessionService(store, ScenarioCatalogue([SCENARIOS]))


@dataclass
class World:
    """A server with a training channel, a facilitator, a trainee, an observer, a coordinator."""

    env: Any
    guild: Any
    channel: Any
    facilitator: Any
    trainee: Any
    observer: Any
    coordinator: Any


def allow_command(env, guild, name: str, *who) -> None:
    """Allow roles or members to use a staff command, as a server admin does in Server
    Settings > Integrations (the command is hidden from them by its default permissions)."""
    command = env.backend.find_command(name, guild.id)
    guild.set_command_permissions(int(command["id"]), dict.fromkeys(who, True))


def dispatch(env, event: str, *args) -> None:
    """Fire a client event as the gateway would (as the bot's own work, so `settle` waits)."""
    with env._bot_scope():
        env.bot.dispatch(event, *args)


def requests(env, method: str | None = None, path_part: str = "") -> list:
    return [
        r
        for r in env.http_requests
        if (method is None or r.method == method) and path_part in r.path
    ]


async def start_session(world: World, **options) -> tuple[object, str]:
    """Run `/session start` as the facilitator; the new thread and its session id."""
    result = await world.facilitator.slash(
        world.channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee, **options
    )
    assert result.ephemeral, result
    threads = world.channel.threads
    assert threads, "no thread was created"
    thread = threads[-1]
    bot = world.env.bot
    session_id = bot.get_cog("Sessions").runner.threads[thread.id]
    return thread, session_id


async def say(world: World, thread, *texts: str) -> None:
    """The trainee sends each message in the session's thread, one after the other."""
    for text in texts:
        await world.trainee.send(thread, text)


def persona_messages(thread) -> list[discord.Message]:
    return [m for m in thread.history() if m.webhook_id is not None]
