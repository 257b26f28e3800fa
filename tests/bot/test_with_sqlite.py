"""The bot over the real SQLite store: a session survives a restart; review reads the file."""

from __future__ import annotations

import json

import pytest

from bot.app import build_bot
from bot.bot import Parley
from state.store import SqliteStore
from tests.bot.helpers import SCENARIO_ID, make_service, persona_messages, say, start_session

pytestmark = pytest.mark.sqlite


async def test_session_survives_a_restart_on_sqlite(world, settings, store):
    thread, session_id = await start_session(world)
    await say(world, thread, "I hear you are worried about the village.")
    world.env.backend.create_message(
        thread.id, world.trainee.id, "What would make the road safe for you?", broadcast=False
    )
    reopened = SqliteStore(store.path)  # a new process would open the file afresh
    await world.env.restart_bot(Parley(settings, make_service(reopened)))
    turns = reopened.turns(session_id)
    assert [t.text for t in turns][-1] == "What would make the road safe for you?"
    assert turns[0].author == str(world.trainee.id)
    assert len(persona_messages(thread)) == 3
    await say(world, thread, "Could one truck pass at dawn, with your men counting?")
    assert reopened.get_session(session_id).status == "ended"
    reopened.close()


async def test_progress_report_and_export(world, store):
    thread, session_id = await start_session(world)
    await say(world, thread, "I hear you.", "What matters to you?", "One truck at dawn?")
    progress = await world.trainee.slash(world.channel, "progress")
    [embed] = progress.response.embeds
    assert session_id in embed.description and SCENARIO_ID in embed.description
    count, meaning = embed.footer.text.splitlines()
    assert count == "1 session(s)"
    _says_what_the_scores_mean(meaning)

    report = await world.coordinator.slash(world.channel, "report")
    [field] = report.response.embeds[0].fields
    assert field.name == SCENARIO_ID and "1 session(s), 1 trainee(s)" in field.value
    count, meaning = report.response.embeds[0].footer.text.splitlines()
    assert count == "1 session(s) in all"
    _says_what_the_scores_mean(meaning)

    export = await world.coordinator.slash(world.channel, "export")
    data = json.loads(await export.response.attachments[0].read())
    assert [s["session_id"] for s in data["sessions"]] == [session_id]
    assert len(data["turns"]) == 3
    flat = json.dumps(data)
    assert str(world.trainee.id) not in flat and str(world.guild.id) not in flat


async def test_build_bot_uses_the_sqlite_file(settings, tmp_path):
    bot = build_bot(settings)
    assert isinstance(bot.service.store, SqliteStore)
    assert bot.service.store.path == str(settings.db)
    bot.service.store.close()


def _says_what_the_scores_mean(line: str) -> None:
    """One short line: the 0-100 figures are per skill, per turn played; raw sums beside."""
    assert line.startswith("0-100: each skill's points per turn played")
    assert "raw sums in brackets" in line and len(line) < 200
