"""Charts in Discord: the debrief's meter arc, `/progress` and `/report` (images checked)."""

from __future__ import annotations

import pytest

import bot.charts
from tests.bot.helpers import SCENARIO_ID, requests, say, start_session
from tests.charts.conftest import decoded

# Drawing runs in a worker thread; on a loaded machine it can outlast simcord's 5 s settle.
# Reports need the SQLite store; the debrief works on it too.
pytestmark = [pytest.mark.charts, pytest.mark.sqlite, pytest.mark.simcord(settle_timeout=60)]

AGREEMENT = ("I hear you are worried.", "What matters most to you?", "Let's try one truck.")


async def test_debrief_carries_the_meter_arc_in_the_thread_and_the_dm(world, store):
    thread, session_id = await start_session(world)
    await say(world, thread, *AGREEMENT)
    assert store.get_session(session_id).outcome == "agreement"

    debrief = thread.history()[-1]
    assert debrief.embeds[0].title == "Debrief · Test roadblock"
    [attachment] = debrief.attachments
    assert attachment.filename == "meter-arc.png"
    assert debrief.embeds[0].image.url == "attachment://meter-arc.png"
    decoded(await attachment.read())
    dm_sends = [r for r in requests(world.env, "POST", "/messages") if "meter-arc.png" in str(r)]
    assert len(dm_sends) >= 2  # the thread's debrief and the trainee's copy


async def test_progress_shows_normalised_scores_raw_sums_and_a_chart(world, store):
    thread, session_id = await start_session(world)
    await say(world, thread, *AGREEMENT)
    result = await world.trainee.slash(world.channel, "progress")

    [embed] = result.response.embeds
    assert session_id in embed.description
    assert "/100 (raw " in embed.description
    fields = {field.name: field.value for field in embed.fields}
    assert set(fields) == {
        "Active listening", "Trust building", "Interim proposals", "Restraint", "Overall",
    }  # fmt: skip
    assert all("/100 (raw " in value for value in fields.values())
    [attachment] = result.response.attachments
    assert attachment.filename == "progress.png"
    assert embed.image.url == "attachment://progress.png"
    decoded(await attachment.read())


async def test_report_shows_the_cohort_chart(world, store):
    thread, _ = await start_session(world)
    await say(world, thread, *AGREEMENT)
    result = await world.coordinator.slash(world.channel, "report")
    [field] = result.response.embeds[0].fields
    assert field.name == SCENARIO_ID and "overall" in field.value and "raw total" in field.value
    [attachment] = result.response.attachments
    assert attachment.filename == "cohort.png"
    decoded(await attachment.read())


async def test_without_sessions_there_is_no_chart(world, store):
    result = await world.trainee.slash(world.channel, "progress")
    assert result.response.embeds[0].description == "No sessions yet."
    assert not result.response.attachments


async def test_without_matplotlib_replies_say_so_and_debriefs_still_arrive(
    world, store, monkeypatch
):
    monkeypatch.setattr(bot.charts, "available", lambda: False)
    thread, _ = await start_session(world)
    await say(world, thread, *AGREEMENT)
    debrief = thread.history()[-1]
    assert debrief.embeds[0].title.startswith("Debrief") and not debrief.attachments

    result = await world.coordinator.slash(world.channel, "report")
    assert "pip install 'parley-bot[charts]'" in result.response.content
    assert result.response.embeds and not result.response.attachments


async def test_the_debrief_arc_is_read_on_the_store_thread(world, store, monkeypatch):
    """The arc's store reads go through the runner's store thread, never the event loop."""
    import threading

    import bot.charts.attachments as attachments

    threads: list[str] = []
    read = attachments.session_arc

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return read(*args, **kwargs)

    monkeypatch.setattr(attachments, "session_arc", recorded)
    thread, _ = await start_session(world)
    await say(world, thread, *AGREEMENT)
    assert thread.history()[-1].attachments
    assert threads and all(name.startswith("parley-store") for name in threads)


async def test_a_branch_debrief_draws_both_paths_labelled(world, store, monkeypatch):
    """The retry's debrief chart: the earlier try's arc and this try's, one legend entry each,
    sharing the kept turns and parting where the trainee tried again."""
    import bot.charts.draw as draw
    from tests.charts.conftest import plotted

    figures = []
    png = draw.png

    def kept(figure):
        figures.append(figure)
        return png(figure)

    monkeypatch.setattr(draw, "png", kept)
    thread, session_id = await start_session(world)
    await say(world, thread, *AGREEMENT)
    parent_chart = figures.pop()
    assert not parent_chart.axes[0].get_legend()  # one session: coloured by meter, no legend
    await world.trainee.click(thread.history()[-1], custom_id=f"parley:retry:{session_id}:3")
    branch_thread = world.channel.threads[-1]
    await say(world, branch_thread, "Open the gate now or else.")
    await world.facilitator.slash(branch_thread, "session end")
    debrief = branch_thread.history()[-1]
    assert [e.title.split(" ·")[0] for e in debrief.embeds][:2] == [
        "Debrief", "Compared with the earlier try",
    ]  # fmt: skip
    decoded(await debrief.attachments[0].read())

    figure = figures[-1]
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert legend[0] == f"earlier try ({session_id})" and legend[1].startswith("this try (")
    _, parent_trust = plotted(figure, "arc0:trust")
    turns, branch_trust = plotted(figure, "arc1:trust")
    assert turns == [0, 1, 2, 3]  # the two kept turns and the new one
    assert branch_trust[:3] == parent_trust[:3] and branch_trust[3] != parent_trust[3]
    parted = [
        line.get_xdata()[0]
        for line in figure.axes[0].get_lines()
        if line.get_gid() == "arc1:event:branch"
    ]
    assert parted == [2.5]
