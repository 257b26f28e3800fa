"""The command tree as Discord sees it, autocomplete, role refusals, and when commands sync."""

from __future__ import annotations

import discord
import pytest
from simcord import interactions as simcord_interactions

from bot.access import NotAllowed
from bot.bot import Parley
from bot.errors import Refusal
from tests.bot.helpers import SCENARIO_ID, allow_command, make_service, requests, start_session


def _synced(env) -> list[dict]:
    [put] = requests(env, "PUT", "/commands")
    return put.json


async def test_command_tree_shape(world):
    commands = {c["name"]: c for c in _synced(world.env)}
    assert set(commands) == {"session", "practice", "transcript", "progress", "report", "export"}
    session = commands["session"]
    assert session["dm_permission"] is False  # guild only
    subcommands = {o["name"]: o for o in session["options"]}
    assert set(subcommands) == {
        "start", "end", "pause", "resume", "status", "inject", "whisper", "hint",
    }  # fmt: skip
    start = {o["name"]: o for o in subcommands["start"]["options"]}
    assert start["scenario"]["autocomplete"] is True and start["scenario"]["required"]
    assert start["trainee"]["type"] == discord.AppCommandOptionType.user.value
    assert [c["value"] for c in start["mode"]["choices"]] == ["coach", "assess"]
    assert not start["mode"].get("required")
    assert start["seed"]["type"] == discord.AppCommandOptionType.integer.value
    inject = {o["name"]: o for o in subcommands["inject"]["options"]}
    assert inject["event"]["autocomplete"] is True
    assert inject["session"]["autocomplete"] is True
    practice = {o["name"]: o for o in commands["practice"]["options"]}
    assert practice["scenario"]["autocomplete"] is True


async def test_scenario_autocomplete(world):
    choices = await world.facilitator.autocomplete(
        world.channel, "session start", "scenario", "road"
    )
    assert [c["value"] for c in choices] == [SCENARIO_ID]
    assert "Test roadblock" in choices[0]["name"]
    none = await world.facilitator.autocomplete(world.channel, "session start", "scenario", "zzz")
    assert none == []


async def test_event_autocomplete_in_a_session_thread(world):
    thread, _ = await start_session(world)
    choices = await world.facilitator.autocomplete(thread, "session inject", "event", "")
    assert [c["value"] for c in choices] == ["shots", "rumour"]
    narrowed = await world.facilitator.autocomplete(thread, "session inject", "event", "rum")
    assert [c["value"] for c in narrowed] == ["rumour"]
    # Outside a session thread, with no session chosen, there is nothing to offer.
    assert await world.facilitator.autocomplete(world.channel, "session inject", "event", "") == []


async def test_session_autocomplete_lists_open_sessions_of_this_server(world):
    _, session_id = await start_session(world)
    choices = await world.facilitator.autocomplete(world.channel, "session status", "session", "")
    assert [c["value"] for c in choices] == [session_id]


async def test_staff_commands_are_hidden_from_everyone_else(world):
    synced = {c["name"]: c for c in _synced(world.env)}
    staff = discord.Permissions(manage_guild=True).value
    for name in ("session", "report", "export"):
        assert int(synced[name]["default_member_permissions"]) == staff, name
    for name in ("practice", "transcript", "progress"):
        assert synced[name]["default_member_permissions"] is None, name
    trainee_sees = world.trainee.available_commands(world.channel)
    assert not any(c.startswith(("session", "report", "export")) for c in trainee_sees)
    assert "session start" in world.facilitator.available_commands(world.channel)
    assert "report" in world.coordinator.available_commands(world.channel)


async def test_trainee_cannot_start_a_session_even_when_the_server_shows_them_the_command(world):
    allow_command(world.env, world.guild, "session", world.trainee)
    result = await world.trainee.slash(
        world.channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee
    )
    assert result.ephemeral
    assert "Only facilitators" in result.response.content
    assert world.channel.threads == []
    assert any(isinstance(e, NotAllowed) for e in world.env.errors)


async def test_trainee_cannot_steer_their_session(world):
    thread, _ = await start_session(world)
    allow_command(world.env, world.guild, "session", world.trainee)
    for command in ("session status", "session end", "session pause", "session hint"):
        result = await world.trainee.slash(thread, command)
        assert result.ephemeral and "Only facilitators" in result.response.content, command
    assert len([e for e in world.env.errors if isinstance(e, NotAllowed)]) == 4


async def test_role_by_id_and_manage_server_count_as_facilitator(world, settings):
    helpers = world.guild.create_role("Helpers")
    settings.facilitator_roles = [str(helpers.id)]
    allow_command(world.env, world.guild, "session", helpers)
    by_id = world.guild.add_member(world.env.create_user("helper"), roles=[helpers])
    admins = world.guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = world.guild.add_member(world.env.create_user("admin"), roles=[admins])
    for member in (by_id, admin):
        result = await member.slash(
            world.channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee
        )
        assert "started" in result.response.content
    assert len(world.channel.threads) == 2


async def test_unknown_scenario_is_refused_without_a_thread(world):
    result = await world.facilitator.slash(
        world.channel, "session start", scenario="nope", trainee=world.trainee
    )
    assert result.ephemeral
    assert "There is no scenario `nope`" in result.response.content
    assert world.channel.threads == []
    world.env.errors  # noqa: B018 - acknowledge the logged refusal


async def test_steering_outside_a_session_thread_is_refused(world):
    result = await world.facilitator.slash(world.channel, "session status")
    assert result.ephemeral
    assert "inside a session thread" in result.response.content
    world.env.errors  # noqa: B018


async def test_self_practice_can_be_turned_off(world, settings):
    settings.allow_self_practice = False
    result = await world.trainee.slash(world.channel, "practice", scenario=SCENARIO_ID)
    assert result.ephemeral and "turned off" in result.response.content
    assert world.channel.threads == []
    world.env.errors  # noqa: B018


async def test_self_practice_starts_a_session_for_the_caller(world, store):
    result = await world.trainee.slash(world.channel, "practice", scenario=SCENARIO_ID)
    assert "started" in result.response.content
    [record] = store.sessions.values()
    assert record.trainee == record.facilitator == str(world.trainee.id)


async def test_commands_sync_only_when_they_change(world, settings, store):
    assert len(requests(world.env, "PUT", "/commands")) == 1
    await world.env.restart_bot(Parley(settings, make_service(store)))
    assert len(requests(world.env, "PUT", "/commands")) == 1  # unchanged: no sync
    await world.env.restart_bot(Parley(settings, make_service(store), force_sync=True))
    assert len(requests(world.env, "PUT", "/commands")) == 2  # --sync


@pytest.mark.simcord(strict_sync=False)
async def test_dev_guild_sync_copies_global_commands(simcord_env, settings, store):
    guild = simcord_env.create_guild("Dev")
    settings.dev_guild_id = guild.id
    await simcord_env.restart_bot(Parley(settings, make_service(store)))
    [put] = [r for r in requests(simcord_env, "PUT", "/commands") if "/guilds/" in r.path]
    assert f"/guilds/{guild.id}/commands" in put.path
    assert {c["name"] for c in put.json} >= {"session", "practice"}


async def test_start_inside_a_thread_is_refused(world):
    thread, _ = await start_session(world)
    result = await world.facilitator.slash(
        thread, "session start", scenario=SCENARIO_ID, trainee=world.trainee
    )
    assert result.ephemeral and "text channel" in result.response.content
    assert len(world.channel.threads) == 1
    world.env.errors  # noqa: B018


async def test_missing_channel_permissions_are_named(world):
    me = world.env.bot.get_guild(world.guild.id).me
    channel = world.guild.create_text_channel(
        "locked",
        overwrites={
            me: discord.PermissionOverwrite(
                create_private_threads=False, create_public_threads=False, embed_links=False
            )
        },
    )
    result = await world.facilitator.slash(
        channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee
    )
    assert "Embed Links" in result.response.content
    assert "Create Public Threads or Create Private Threads" in result.response.content
    world.env.errors  # noqa: B018


async def test_autocomplete_shows_nothing_to_people_who_may_not_steer(world):
    thread, _ = await start_session(world)
    # Even when a server shows `/session` to everyone, its choices stay with facilitators.
    allow_command(world.env, world.guild, "session", world.observer)
    world.env.backend.add_thread_member(thread.id, world.observer.id)
    observer = world.observer
    assert await observer.autocomplete(world.channel, "session end", "session", "") == []
    assert await observer.autocomplete(thread, "session inject", "event", "") == []
    assert await observer.autocomplete(world.channel, "session start", "scenario", "") == []
    # Self-practice is open to everyone, and so are its scenario choices.
    practice = await observer.autocomplete(world.channel, "practice", "scenario", "road")
    assert [c["value"] for c in practice] == [SCENARIO_ID]


async def test_an_unknown_scenario_of_6000_characters_is_not_echoed_whole(world):
    result = await world.facilitator.slash(
        world.channel, "session start", scenario="x" * 6000, trainee=world.trainee
    )
    content = result.response.content
    assert content.startswith("There is no scenario `xxx") and len(content) < 200
    world.env.errors  # noqa: B018


async def test_an_out_of_range_seed_from_a_modified_client_is_refused(world, monkeypatch):
    # Discord enforces the declared range; a modified client (or a replayed request) need not.
    monkeypatch.setattr(simcord_interactions, "_check_numeric_range", lambda *args: None)
    for seed in (2**40, -1):
        result = await world.facilitator.slash(
            world.channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee, seed=seed
        )
        assert result.response.content == "The seed must be a whole number from 0 to 2147483647."
    assert world.channel.threads == []
    assert all(isinstance(getattr(e, "original", e), Refusal) for e in world.env.errors)
