"""`/session pause` and `/session resume` as the thread sees them: messages sent while paused
wait, and the resume answers them in order, each stored before its answer, exactly once
(also across a restart during the pause); a session ended while paused keeps them
unanswered in its transcript."""

from __future__ import annotations

from bot.bot import Parley
from bot.persona import PersonaVoice
from tests.bot.helpers import dispatch, make_service, persona_messages, start_session

HELD = ("Are you still there?", "I hear that the wait is hard on your men.")


async def _paused_with_held_messages(world, store) -> tuple[object, str, int]:
    """A paused session whose trainee then wrote HELD; its thread, id, persona lines so far."""
    thread, session_id = await start_session(world)
    paused = await world.facilitator.slash(thread, "session pause")
    assert paused.response.content == "Paused."
    notice = thread.history()[-1].content
    assert "answered, in order, when it does" in notice and "unanswered" in notice
    replies = len(persona_messages(thread))
    for text in HELD:
        await world.trainee.send(thread, text)
    assert store.turns(session_id) == []  # held in the thread, not played
    assert len(persona_messages(thread)) == replies
    return thread, session_id, replies


def _stored_before_said(monkeypatch, store, session_id: str) -> list[int]:
    """The number of stored turns each time the counterpart speaks."""
    stored: list[int] = []
    say = PersonaVoice.say

    async def counting(self, thread, persona, text):
        stored.append(len(store.turns(session_id)))
        await say(self, thread, persona, text)

    monkeypatch.setattr(PersonaVoice, "say", counting)
    return stored


async def test_resume_answers_the_held_messages_in_order_once(world, store, monkeypatch):
    thread, session_id, replies = await _paused_with_held_messages(world, store)
    stored = _stored_before_said(monkeypatch, store, session_id)

    resumed = await world.facilitator.slash(thread, "session resume")
    assert resumed.response.content == (
        "Resumed; the counterpart answered 2 message(s) sent during the pause."
    )
    turns = store.turns(session_id)
    assert [t.text for t in turns] == list(HELD)
    assert [m.content for m in persona_messages(thread)][replies:] == [t.reply for t in turns]
    assert all(t.reply for t in turns)
    assert stored == [1, 2]  # each turn stored before its answer
    notices = _notices(thread)
    said = [m.content for m in thread.history()]
    resumed_at = next(i for i, text in enumerate(said) if "during the pause" in text)
    assert said[resumed_at + 1] == turns[0].reply  # the notice, then the answers

    # Another catch-up (a reconnect) plays nothing twice; the next message is a new turn.
    dispatch(world.env, "ready")
    await world.env.settle()
    assert len(store.turns(session_id)) == 2
    assert _notices(thread) == notices  # nothing more said either
    await world.trainee.send(thread, "What matters most to you?")
    assert len(store.turns(session_id)) == 3
    assert len(persona_messages(thread)) == replies + 3


async def test_messages_held_across_a_restart_are_answered_at_resume(world, settings, store):
    thread, session_id, replies = await _paused_with_held_messages(world, store)
    await world.env.restart_bot(Parley(settings, make_service(store)))
    assert store.turns(session_id) == []  # the restart's catch-up leaves them held
    assert len(persona_messages(thread)) == replies

    await world.facilitator.slash(thread, "session resume")
    assert [t.text for t in store.turns(session_id)] == list(HELD)
    assert len(persona_messages(thread)) == replies + 2


async def test_a_session_ended_while_paused_keeps_the_held_messages_unanswered(world, store):
    thread, session_id, replies = await _paused_with_held_messages(world, store)
    await world.facilitator.slash(thread, "session end")
    turns = store.turns(session_id)
    assert [t.text for t in turns] == list(HELD)
    assert [t.reply for t in turns] == ["", ""]
    assert len(persona_messages(thread)) == replies
    assert thread.history()[-1].embeds[0].title.startswith("Debrief")
    transcript = await world.trainee.slash(world.channel, "transcript", session=session_id)
    text = (await transcript.response.attachments[0].read()).decode()
    assert all(held in text for held in HELD)


async def test_resume_of_a_session_that_was_not_paused_says_so(world):
    thread, _ = await start_session(world)
    resumed = await world.facilitator.slash(thread, "session resume")
    assert resumed.response.content == "The session was not paused."


def _notices(thread) -> list[str]:
    """The bot's own short messages in the thread (not the counterpart's, not embeds)."""
    return [
        m.content for m in thread.history() if m.webhook_id is None and m.author.bot and m.content
    ]
