""" "Try again from here" in Discord: a trainee's turn in the debrief opens a branch in a new
private thread, which continues from there and compares itself with its parent at the end."""

from __future__ import annotations

from bot.bot import Parley
from tests.bot.helpers import make_service, persona_messages, start_session

FIRST = "I hear how tired you are."
SECOND = "What do you need to let the trucks through?"
OTHER = "Open it now or else."


async def _played_and_ended(world, store) -> tuple[object, str, object]:
    """A session with two turns, ended by the facilitator: its thread, id, debrief message."""
    thread, session_id = await start_session(world)
    await world.trainee.send(thread, FIRST)
    await world.trainee.send(thread, SECOND)
    await world.facilitator.slash(thread, "session end")
    debrief = thread.history()[-1]
    assert debrief.embeds[0].title.startswith("Debrief")
    return thread, session_id, debrief


def _custom_ids(message) -> list[str]:
    """Button ids of a message (discord.py objects) or of an interaction response (raw)."""
    ids = []
    for row in message.components:
        children = row["components"] if isinstance(row, dict) else row.children
        ids += [c["custom_id"] if isinstance(c, dict) else c.custom_id for c in children]
    return ids


async def test_the_debrief_offers_a_retry_from_each_turn(world, store):
    _, session_id, debrief = await _played_and_ended(world, store)
    assert _custom_ids(debrief) == [f"parley:retry:{session_id}:1", f"parley:retry:{session_id}:2"]


async def test_the_trainee_tries_again_in_a_new_private_thread(world, store):
    thread, session_id, debrief = await _played_and_ended(world, store)
    parent_reply = store.turns(session_id)[0].reply
    pressed = await world.trainee.click(debrief, custom_id=f"parley:retry:{session_id}:2")
    assert pressed.ephemeral and "Trying again from turn 2" in pressed.response.content
    new = world.channel.threads[-1]
    assert new.id != thread.id and "again from turn 2" in new.name
    branch_id = world.env.bot.get_cog("Sessions").runner.threads[new.id]
    branch = store.get_session(branch_id)
    assert (branch.parent_id, branch.branch_at, branch.trainee) == (
        session_id,
        1,
        str(world.trainee.id),
    )
    opening = new.history()[0]
    brief, kept = opening.embeds
    assert brief.title == "Test roadblock"
    assert kept.title == "Trying again" and FIRST in kept.description
    assert SECOND not in kept.description
    assert persona_messages(new)[-1].content == parent_reply  # the party's last kept line
    await world.trainee.send(new, OTHER)
    assert [t.text for t in store.turns(branch_id)] == [FIRST, OTHER]
    assert [t.text for t in store.turns(session_id)] == [FIRST, SECOND]  # untouched


async def test_only_the_trainee_or_a_facilitator_can_try_again(world, store):
    thread, session_id, debrief = await _played_and_ended(world, store)
    world.env.backend.add_thread_member(thread.id, world.observer.id)
    threads = len(world.channel.threads)
    refused = await world.observer.click(debrief, custom_id=f"parley:retry:{session_id}:1")
    assert refused.ephemeral and "Only the trainee" in refused.response.content
    assert len(world.channel.threads) == threads and len(store.sessions) == 1
    allowed = await world.facilitator.click(debrief, custom_id=f"parley:retry:{session_id}:1")
    assert allowed.ephemeral
    [branch] = [s for s in store.sessions.values() if s.parent_id == session_id]
    assert branch.trainee == str(world.trainee.id) and branch.branch_at == 0


async def test_the_retry_button_works_after_a_restart(world, settings, store):
    _, session_id, debrief = await _played_and_ended(world, store)
    await world.env.restart_bot(Parley(settings, make_service(store)))
    pressed = await world.trainee.click(debrief, custom_id=f"parley:retry:{session_id}:1")
    assert pressed.ephemeral
    assert any(s.parent_id == session_id for s in store.sessions.values())


async def test_a_branchs_debrief_compares_it_with_its_parent(world, store):
    _, session_id, debrief = await _played_and_ended(world, store)
    await world.trainee.click(debrief, custom_id=f"parley:retry:{session_id}:2")
    new = world.channel.threads[-1]
    await world.trainee.send(new, OTHER)
    await world.facilitator.slash(new, "session end")
    last = new.history()[-1]
    debrief_embed, compared = last.embeds
    assert debrief_embed.title.startswith("Debrief")
    assert compared.title == "Compared with the earlier try"
    assert "share their first 1 turn(s); they part at turn 2" in compared.description
    fields = {f.name: f.value for f in compared.fields}
    assert SECOND in fields["Turn 2"] and OTHER in fields["Turn 2"]
    assert f"Earlier try · {session_id}" in fields
    # The branch can itself be tried again from its own turns.
    [branch_id] = [s.id for s in store.sessions.values() if s.parent_id == session_id]
    assert _custom_ids(last) == [f"parley:retry:{branch_id}:1", f"parley:retry:{branch_id}:2"]


async def test_the_trainees_transcript_offers_a_retry_but_not_a_coordinators(world, store):
    _, session_id, _ = await _played_and_ended(world, store)
    mine = await world.trainee.slash(world.channel, "transcript", session=session_id)
    assert mine.ephemeral and "Try again from a turn" in mine.response.content
    assert _custom_ids(mine.response) == [
        f"parley:retry:{session_id}:1",
        f"parley:retry:{session_id}:2",
    ]
    theirs = await world.coordinator.slash(world.channel, "transcript", session=session_id)
    assert not theirs.response.components
    await world.trainee.click(mine.response, custom_id=f"parley:retry:{session_id}:2")
    [branch] = [s for s in store.sessions.values() if s.parent_id == session_id]
    retried = await world.trainee.slash(world.channel, "transcript", session=branch.id)
    text = (await retried.response.attachments[0].read()).decode()
    assert f"- retry of session {session_id}: turns 1-1 kept from it" in text


async def test_the_branch_is_made_on_the_store_thread(world, store, monkeypatch):
    """Pressing "Try again" never runs the service on the event loop (a busy store would
    freeze every guild)."""
    import threading

    service = world.env.bot.get_cog("Sessions").service
    threads: list[str] = []
    branch = service.branch

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return branch(*args, **kwargs)

    monkeypatch.setattr(service, "branch", recorded)
    _, session_id, debrief = await _played_and_ended(world, store)
    await world.trainee.click(debrief, custom_id=f"parley:retry:{session_id}:2")
    assert threads and all(name.startswith("parley-store") for name in threads)
