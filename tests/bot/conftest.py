"""Drive the real bot against simcord: discord.py's own parsers, cache, commands and views
over an in-memory Discord (REST routes and gateway events), with no network and no token.

One gap of simcord is filled here: its webhook-execute route ignores `thread_id`, so a
webhook message meant for a thread landed in the parent channel. `_execute_in_thread`
honours it the way Discord does (the thread must belong to the webhook's channel).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from simcord.backend import errors as sim_errors
from simcord.http import router
from simcord.http._helpers import bot_message, message_response
from simcord.http.routes import interactions as sim_interactions

from bot import charts
from bot.bot import Parley
from bot.settings import Settings
from dialogues.memory_store import MemoryStore
from dialogues.service import SessionService
from state.store import SqliteStore
from tests.bot.helpers import World, allow_command, make_service

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


@pytest.fixture(autouse=True)
def _charts_only_where_tested(request: pytest.FixtureRequest, monkeypatch) -> None:
    """Drawing a chart (matplotlib) costs more than a whole simulated session: only tests
    marked `charts` draw them; elsewhere the bot behaves as without the [charts] extra."""
    if request.node.get_closest_marker("charts") is None:
        monkeypatch.setattr(charts, "available", lambda: False)


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
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MemoryStore | SqliteStore]:
    """The in-memory store; tests marked `sqlite` get the real SQLite file instead (reports,
    exports and restarts read what is on disk)."""
    if request.node.get_closest_marker("sqlite") is None:
        yield MemoryStore()
        return
    on_disk = SqliteStore(tmp_path / "parley.db")
    yield on_disk
    on_disk.close()


@pytest.fixture
def service(store) -> SessionService:
    return make_service(store)


@pytest.fixture
def simcord_bot(settings, service) -> Parley:
    return Parley(settings, service)


@pytest.fixture
def world(simcord_env) -> World:
    env = simcord_env
    guild = env.create_guild("Training")
    channel = guild.create_text_channel("negotiation")
    facilitators = guild.create_role("Facilitator")
    coordinators = guild.create_role("Coordinator")
    allow_command(env, guild, "session", facilitators)
    for name in ("report", "export"):
        allow_command(env, guild, name, coordinators)
    return World(
        env,
        guild,
        channel,
        guild.add_member(env.create_user("fac"), roles=[facilitators]),
        guild.add_member(env.create_user("trainee")),
        guild.add_member(env.create_user("observer")),
        guild.add_member(env.create_user("coord"), roles=[coordinators]),
    )


def pytest_collection_modifyitems(config, items):
    """Run the sharded bot as one shard (Discord would say how many; simcord must be told)."""
    for item in items:
        if "tests/bot/" not in str(item.path).replace("\\", "/"):
            continue
        marker = item.get_closest_marker("simcord")
        options = {"shard_count": 1, **(marker.kwargs if marker else {})}
        item.add_marker(pytest.mark.simcord(**options), append=False)
