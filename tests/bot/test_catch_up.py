"""Catch-up after a restart or a reconnect: every missed message answered once, in order.

The probes of the issue: live messages arriving before or during catch-up, backlogs in many
sessions at once, and unplayable (control-character) messages inside a backlog.
"""

from __future__ import annotations

import asyncio

from bot.bot import Parley
from bot.exts.sessions._runner import SessionRunner
from bot.persona import PersonaVoice
from tests.bot.helpers import dispatch, make_service, persona_messages, requests, start_session


def _missed(world, thread, text: str):
    """A trainee message that Discord stored while the bot did not hear it (no gateway event)."""
    return world.env.backend.create_message(thread.id, world.trainee.id, text, broadcast=False)


def _answered_in_order(store, thread, session_id: str, texts: list[str]) -> None:
    turns = store.turns(session_id)
    assert [t.text for t in turns] == texts
    # The opening, then exactly one reply per turn, in the order of the turns.
    assert [m.content for m in persona_messages(thread)][1:] == [t.reply for t in turns]


async def test_a_live_message_after_a_reconnect_waits_for_the_backlog(world, store):
    thread, session_id = await start_session(world)
    dispatch(world.env, "disconnect")
    _missed(world, thread, "One: I hear you are worried.")
    _missed(world, thread, "Two: what matters most to you?")
    # The gateway is back, but on_ready has not run yet: a live message arrives first.
    await world.trainee.send(thread, "Three: tell me about the village.")

    texts = [
        "One: I hear you are worried.",
        "Two: what matters most to you?",
        "Three: tell me about the village.",
    ]
    _answered_in_order(store, thread, session_id, texts)
    dispatch(world.env, "ready")
    await world.env.settle()
    _answered_in_order(store, thread, session_id, texts)


async def test_backlogs_of_many_sessions_are_caught_up_together(
    world, settings, store, monkeypatch
):
    sessions = [await start_session(world) for _ in range(3)]
    for i, (thread, _) in enumerate(sessions):
        _missed(world, thread, f"I hear you, first {i}.")
        _missed(world, thread, f"What matters to you, second {i}?")
    slow_thread, _ = sessions[0]
    live_thread, _ = sessions[2]
    say = PersonaVoice.say

    async def slow_in_the_first_thread(self, thread, persona, text):
        if thread.id == slow_thread.id:
            for _ in range(50):  # Discord is slow to answer in this thread
                await asyncio.sleep(0)
        await say(self, thread, persona, text)

    backlog = SessionRunner._play_backlog
    live: list[object] = []

    async def live_message_during_catch_up(self, session_id):
        if not live:  # while the first backlog is read, the trainee of another one writes
            live.append(
                world.env.backend.create_message(
                    live_thread.id, world.trainee.id, "And now, live: one truck at dawn?"
                )
            )
        return await backlog(self, session_id)

    monkeypatch.setattr(PersonaVoice, "say", slow_in_the_first_thread)
    monkeypatch.setattr(SessionRunner, "_play_backlog", live_message_during_catch_up)
    before = len(world.env.http_requests)
    await world.env.restart_bot(Parley(settings, make_service(store)))

    for i, (thread, session_id) in enumerate(sessions):
        texts = [f"I hear you, first {i}.", f"What matters to you, second {i}?"]
        if thread is live_thread:
            texts.append("And now, live: one truck at dawn?")
        _answered_in_order(store, thread, session_id, texts)
    # Together, not one after the other: the other threads were answered while the slow
    # thread's backlog was still being answered.
    posted = [
        int(r.params["thread_id"])
        for r in requests(world.env, "POST", "/webhooks/")[-7:]
        if r.params.get("thread_id")
    ]
    assert len(world.env.http_requests) > before
    slow = [i for i, thread_id in enumerate(posted) if thread_id == slow_thread.id]
    others = [i for i, thread_id in enumerate(posted) if thread_id != slow_thread.id]
    assert min(others) < max(slow)


async def test_control_character_messages_are_not_turns_even_inside_a_backlog(
    world, settings, store
):
    thread, session_id = await start_session(world)
    _missed(world, thread, "I hear you are worried.")
    _missed(world, thread, "\x01\x02\x7f")
    _missed(world, thread, "What matters most to you?")
    await world.env.restart_bot(Parley(settings, make_service(store)))
    _answered_in_order(
        store, thread, session_id, ["I hear you are worried.", "What matters most to you?"]
    )
    await world.trainee.send(thread, "\x03 \x04")  # live: not a turn, and no error
    assert len(store.turns(session_id)) == 2
    assert not world.env.errors
