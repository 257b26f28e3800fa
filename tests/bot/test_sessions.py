"""A session played end to end through Discord: thread, brief, persona, turns, debrief."""

from __future__ import annotations

import discord

from tests.bot.conftest import SCENARIO_ID, persona_messages, requests


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
