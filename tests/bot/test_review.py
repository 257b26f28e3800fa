"""Review commands: who may read what, and what the files contain."""

from __future__ import annotations

from tests.bot.helpers import allow_command, start_session


async def _played(world) -> tuple[object, str]:
    thread, session_id = await start_session(world)
    await world.trainee.send(thread, "I hear that you are worried about your village.")
    await world.facilitator.slash(thread, "session whisper", text="secret nudge")
    return thread, session_id


async def test_trainee_gets_their_own_transcript_without_whispers(world):
    _, session_id = await _played(world)
    result = await world.trainee.slash(world.channel, "transcript", session=session_id)
    assert result.ephemeral
    [attachment] = result.response.attachments
    assert attachment.filename == f"transcript-{session_id}.md"
    text = (await attachment.read()).decode()
    assert "I hear that you are worried" in text
    assert "Commander Vask" in text
    assert "secret nudge" not in text


async def test_coordinator_transcript_includes_whispers(world):
    _, session_id = await _played(world)
    result = await world.coordinator.slash(world.channel, "transcript", session=session_id)
    text = (await result.response.attachments[0].read()).decode()
    assert "secret nudge" in text


async def test_others_cannot_read_a_transcript(world):
    _, session_id = await _played(world)
    result = await world.observer.slash(world.channel, "transcript", session=session_id)
    assert result.ephemeral and "your own sessions" in result.response.content
    assert not result.response.attachments
    world.env.errors  # noqa: B018 - the refusal was logged


async def test_report_and_export_are_for_coordinators(world):
    for command in ("report", "export"):
        allow_command(world.env, world.guild, command, world.trainee)  # an admin shows them
        result = await world.trainee.slash(world.channel, command)
        assert result.ephemeral and "Only coordinators" in result.response.content
    world.env.errors  # noqa: B018


async def test_progress_of_someone_else_is_refused_for_trainees(world):
    result = await world.trainee.slash(world.channel, "progress", trainee=world.observer)
    assert "your own progress" in result.response.content
    world.env.errors  # noqa: B018
