"""A session played end to end through Discord: thread, brief, persona, turns, debrief."""

from __future__ import annotations

import discord

from tests.bot.helpers import SCENARIO_ID, persona_messages, requests, start_session


async def test_start_opens_private_thread_adds_trainee_and_posts_brief(world):
    result = await world.facilitator.slash(
        world.channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee
    )
    assert result.ephemeral
    assert "started" in result.response.content
    [thread] = world.channel.threads
    created = requests(world.env, "POST", f"/channels/{world.channel.id}/threads")
    assert created[0].json["type"] == discord.ChannelType.private_thread.value
    added = requests(world.env, "PUT", f"/channels/{thread.id}/thread-members/{world.trainee.id}")
    assert len(added) == 1
    brief = thread.history()[0]
    assert brief.embeds[0].title == "Test roadblock"
    assert "relief convoy" in brief.embeds[0].description
    custom_ids = [c.custom_id for row in brief.components for c in row.children]
    session_id = world.env.bot.get_cog("Sessions").runner.threads[thread.id]
    assert custom_ids == [f"parley:{a}:{session_id}" for a in ("hint", "end", "debrief")]
    [opening] = persona_messages(thread)
    assert opening.author.name == "Commander Vask"
    assert opening.content.startswith("Nobody passes")


async def test_trainee_plays_to_agreement_and_gets_debrief(world, store):
    thread, session_id = await start_session(world)
    for text in ("I hear you are worried.", "What matters most to you?", "Let's try one truck."):
        await world.trainee.send(thread, text)
    turns = store.turns(session_id)
    assert [t.text for t in turns] == [
        "I hear you are worried.",
        "What matters most to you?",
        "Let's try one truck.",
    ]
    replies = persona_messages(thread)
    assert len(replies) == 4  # opening + one reply per turn
    assert all(m.author.name == "Commander Vask" for m in replies)
    assert replies[-1].content.startswith("Fine. Your convoy passes at dawn")
    assert store.get_session(session_id).status == "ended"
    debrief = thread.history()[-1]
    assert debrief.embeds and debrief.embeds[0].title == "Debrief · Test roadblock"
    assert "agreement" in debrief.embeds[0].description
    # The trainee also gets the debrief in a direct message.
    [dm] = requests(world.env, "POST", "/users/@me/channels")
    assert dm.json == {"recipient_id": world.trainee.id}
    dm_sends = [r for r in requests(world.env, "POST", "/messages") if r.json.get("embeds")]
    assert [r.json["embeds"][0]["title"] for r in dm_sends][-2:] == ["Debrief · Test roadblock"] * 2
    # After the end, messages in the thread are no longer turns.
    await world.trainee.send(thread, "Hello?")
    assert len(store.turns(session_id)) == 3
    # Nothing busy, so no per-session lock is left behind (a bot runs for months).
    assert len(world.env.bot.get_cog("Sessions").runner._locks) == 0


async def test_each_turn_is_stored_before_its_reply_is_sent(world, store):
    thread, session_id = await start_session(world)
    seen: list[int] = []
    hook_calls = requests(world.env, "POST", "/webhooks/")

    original = world.env.bot.get_cog("Sessions").runner.voice.say

    async def spy(thread_, persona, text):
        seen.append(len(store.turns(session_id)))
        await original(thread_, persona, text)

    world.env.bot.get_cog("Sessions").runner.voice.say = spy
    await world.trainee.send(thread, "I hear you.")
    await world.trainee.send(thread, "Tell me more.")
    assert seen == [1, 2]
    assert len(requests(world.env, "POST", "/webhooks/")) == len(hook_calls) + 2


async def test_observers_and_the_persona_are_not_turns(world, store):
    thread, session_id = await start_session(world)
    # The observer can read the thread once added; their messages are ignored.
    world.env.backend.add_thread_member(thread.id, world.observer.id)
    await world.observer.send(thread, "Just watching.")
    assert store.turns(session_id) == []
    await world.trainee.send(thread, "I am listening.")
    assert len(store.turns(session_id)) == 1
    # Webhook (persona) messages never count, even those with the trainee's words.
    assert all(t.author == str(world.trainee.id) for t in store.turns(session_id))


async def test_persona_webhook_is_created_once_and_reused(world):
    await start_session(world)
    await start_session(world)
    created = requests(world.env, "POST", f"/channels/{world.channel.id}/webhooks")
    assert len(created) == 1
    executes = [r for r in requests(world.env, "POST", "/webhooks/") if "thread_id" in r.params]
    assert len(executes) == 2
    assert {r.json["username"] for r in executes} == {"Commander Vask"}
    assert {r.json["avatar_url"] for r in executes} == {"https://example.org/vask.png"}


async def test_persona_webhook_found_again_after_restart(world, settings, store):
    await start_session(world)
    from bot.bot import Parley
    from tests.bot.helpers import make_service

    await world.env.restart_bot(Parley(settings, make_service(store)))
    await start_session(world)
    assert len(requests(world.env, "POST", f"/channels/{world.channel.id}/webhooks")) == 1
    assert len(requests(world.env, "GET", f"/channels/{world.channel.id}/webhooks")) == 2


async def test_without_manage_webhooks_the_persona_speaks_in_an_embed(world):
    me = world.env.bot.get_guild(world.guild.id).me
    channel = world.guild.create_text_channel(
        "no-hooks", overwrites={me: discord.PermissionOverwrite(manage_webhooks=False)}
    )
    await world.facilitator.slash(
        channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee
    )
    [thread] = channel.threads
    assert not requests(world.env, None, f"/channels/{channel.id}/webhooks")
    assert not [r for r in world.env.http_requests if "thread_id" in r.params]
    opening = thread.history()[1]
    assert opening.webhook_id is None
    assert opening.embeds[0].author.name.startswith("Commander Vask")
    assert opening.embeds[0].description.startswith("Nobody passes")


async def test_public_thread_when_private_threads_are_not_allowed(world):
    me = world.env.bot.get_guild(world.guild.id).me
    channel = world.guild.create_text_channel(
        "public-only", overwrites={me: discord.PermissionOverwrite(create_private_threads=False)}
    )
    await world.facilitator.slash(
        channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee
    )
    [created] = requests(world.env, "POST", f"/channels/{channel.id}/threads")
    assert created.json["type"] == discord.ChannelType.public_thread.value
    assert len(channel.threads) == 1


async def test_every_message_the_bot_sends_disables_mentions(world):
    thread, _ = await start_session(world)
    await world.trainee.send(thread, "@everyone <@123> listen to me")
    await world.facilitator.slash(thread, "session hint")
    await world.facilitator.slash(thread, "session end")
    sends = [
        r
        for r in world.env.http_requests
        if r.method in ("POST", "PATCH")
        and isinstance(r.json, dict)
        and ("/messages" in r.path or "/webhooks/" in r.path)
    ]
    callbacks = [
        r.json["data"]
        for r in world.env.http_requests
        if r.path.endswith("/callback") and r.json.get("data", {}).get("content")
    ]
    assert len(sends) >= 6
    for payload in [r.json for r in sends] + callbacks:
        assert payload.get("allowed_mentions") == {"parse": []}, payload
    # The opening line contains @everyone: it is shown, but pings nobody.
    assert "@everyone" in persona_messages(thread)[0].content


async def test_public_thread_when_discord_refuses_a_private_one(world):
    world.env.inject_error(
        "POST",
        f"/channels/{world.channel.id}/threads",
        status=400,
        code=20035,
        message="Private threads are not available",
    )
    result = await world.facilitator.slash(
        world.channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee
    )
    assert "started" in result.response.content
    attempts = requests(world.env, "POST", f"/channels/{world.channel.id}/threads")
    assert [r.json["type"] for r in attempts] == [
        discord.ChannelType.private_thread.value,
        discord.ChannelType.public_thread.value,
    ]


async def test_a_failed_send_reaches_the_facilitator_and_the_log(world, caplog):
    world.env.inject_error("POST", f"/channels/{world.channel.id}/threads", status=500, times=None)
    result = await world.facilitator.slash(
        world.channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee
    )
    assert result.ephemeral and "Something went wrong" in result.response.content
    assert any(r.levelname == "ERROR" for r in caplog.records)
    assert world.env.errors  # the tree's error handler saw it


async def test_a_session_that_cannot_be_stored_leaves_no_empty_thread(world, store, monkeypatch):
    def disk_full(session):
        raise OSError("disk full")

    monkeypatch.setattr(store, "create_session", disk_full)
    result = await world.facilitator.slash(
        world.channel, "session start", scenario=SCENARIO_ID, trainee=world.trainee
    )
    assert result.ephemeral and "Something went wrong" in result.response.content
    assert world.env.errors  # logged and acknowledged
    assert len(requests(world.env, "POST", f"/channels/{world.channel.id}/threads")) == 1
    assert len(requests(world.env, "DELETE", "/channels/")) == 1
    assert world.channel.threads == []


async def test_best_moments_show_mentions_as_text(world, store):
    thread, _ = await start_session(world)
    mention = f"<@{world.observer.id}>"
    role = f"<@&{world.guild.id}>"
    await world.trainee.send(
        thread, f"What matters most to you and your men? {mention} {role} @everyone"
    )
    await world.facilitator.slash(thread, "session end")
    debrief = thread.history()[-1].embeds[0]
    [moments] = [f.value for f in debrief.fields if f.name == "Best moments"]
    assert "What matters most to you" in moments
    assert mention not in moments and role not in moments and "@everyone" not in moments
    assert f"<@\u200b{world.observer.id}>" in moments and "@\u200beveryone" in moments
