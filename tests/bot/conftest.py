"""Drive the real bot against simcord: discord.py's own parsers, cache, commands and views
over an in-memory Discord (REST routes and gateway events), with no network and no token.

One gap of simcord is filled here: its webhook-execute route ignores `thread_id`, so a
webhook message meant for a thread landed in the parent channel. `_execute_in_thread`
honours it the way Discord does (the thread must belong to the webhook's channel).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import discord
import pytest
from simcord.backend import errors as sim_errors
from simcord.http import router
from simcord.http._helpers import bot_message, message_response
from simcord.http.routes import interactions as sim_interactions

from bot.bot import Parley
from bot.settings import Settings
from dialogues.catalogue import ScenarioCatalogue
from dialogues.service import SessionService
from tests.fakes import MemoryStore

SCENARIOS = Path(__file__).parent / "scenarios"
SCENARIO_ID = "test-roadblock"

_original_execute = sim_interactions.execute_webhook


def _execute_in_thread(ctx):
    thread_id = ctx.params.get("thread_id")
    if thread_id is None or ctx.args["token"] in ctx.backend.interaction_tokens:
        return _original_execute(ctx)
    webhook = sim_interactions._incoming_webhook(ctx)
    thread = ctx.backend.get_channel(int(thread_id))
    if not thread.is_thread or thread.parent_id != webhook.channel_id:
        raise sim_errors.unknown_channel()
    body, _ = sim_interactions._incoming_webhook_body(ctx)
    message = bot_message(
        ctx,
        thread.id,
        author_id=webhook.webhook_user_id,
        webhook_id=webhook.id,
        body=body,
        webhook_execute=True,
    )
    return message_response(ctx, message, exempt_root=True)


def _patch_webhook_route() -> None:
    routes = router._ROUTES["POST"]
    for i, (template, handler) in enumerate(routes):
        if handler is _original_execute:
            routes[i] = (template, _execute_in_thread)


_patch_webhook_route()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,
        DISCORD_TOKEN=None,
        db=tmp_path / "parley.db",
        facilitator_roles=["Facilitator"],
        coordinator_roles=["Coordinator"],
        allow_self_practice=True,
        dev_guild_id=None,
    )


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def make_service(store) -> SessionService:
    return SessionService(store, ScenarioCatalogue([SCENARIOS]))


@pytest.fixture
def service(store) -> SessionService:
    return make_service(store)


@pytest.fixture
def simcord_bot(settings, service) -> Parley:
    return Parley(settings, service)


@dataclass
class World:
    """A server with a training channel, a facilitator, a trainee, an observer, a coordinator."""

    env: object
    guild: object
    channel: object
    facilitator: object
    trainee: object
    observer: object
    coordinator: object


@pytest.fixture
def world(simcord_env) -> World:
    env = simcord_env
    guild = env.create_guild("Training")
    channel = guild.create_text_channel("negotiation")
    facilitators = guild.create_role("Facilitator")
    coordinators = guild.create_role("Coordinator")
    return World(
        env,
        guild,
        channel,
        guild.add_member(env.create_user("fac"), roles=[facilitators]),
        guild.add_member(env.create_user("trainee")),
        guild.add_member(env.create_user("observer")),
        guild.add_member(env.create_user("coord"), roles=[coordinators]),
    )


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


def persona_messages(thread) -> list[discord.Message]:
    return [m for m in thread.history() if m.webhook_id is not None]
