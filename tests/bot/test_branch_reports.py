"""`/progress` and `/report` list retries under the session they retry and count them as
practice, not as attempts (over the real SQLite store, which reports read)."""

from __future__ import annotations

import pytest

from tests.bot.helpers import SCENARIO_ID, say, start_session

pytestmark = pytest.mark.sqlite


async def test_retries_are_practice_under_their_attempt(world, store):
    thread, session_id = await start_session(world)
    await say(world, thread, "I hear you.", "What matters to you?")
    await world.facilitator.slash(thread, "session end")
    debrief = thread.history()[-1]
    for turn in (2, 1):
        await world.trainee.click(debrief, custom_id=f"parley:retry:{session_id}:{turn}")
    progress = await world.trainee.slash(world.channel, "progress")
    [embed] = progress.response.embeds
    assert embed.footer.text.splitlines()[0] == "1 session(s), 2 retries (practice)"
    lines = embed.description.splitlines()
    assert session_id in lines[0]
    assert [("again from turn" in line) for line in lines[1:]] == [True, True]
    assert "again from turn 2" in embed.description and "again from turn 1" in embed.description

    report = await world.coordinator.slash(world.channel, "report")
    [field] = report.response.embeds[0].fields
    assert field.name == SCENARIO_ID
    assert "1 session(s), 2 retries (practice), 1 trainee(s)" in field.value
    footer = report.response.embeds[0].footer.text
    assert footer.splitlines()[0] == "1 session(s) in all, 2 retries (practice)"
