"""A message that cannot be scored (no words, or not English) is not a turn in Discord, as in
the terminal: the trainee is told why in a reply, once, live and during catch-up alike."""

from __future__ import annotations

from bot.bot import Parley
from tests.bot.helpers import dispatch, make_service, persona_messages, start_session

EMOJI = "🙂🙂 👍 !!!"
SPANISH = "¿Dónde están los camiones que necesitan pasar por la carretera?"


def _explanations(thread) -> dict[int, str]:
    """The bot's replies in the thread, by the message they answer."""
    return {
        m.reference.message_id: m.content
        for m in thread.history()
        if m.author.bot and m.webhook_id is None and m.reference is not None
    }


def _missed(world, thread, text: str):
    return world.env.backend.create_message(thread.id, world.trainee.id, text, broadcast=False)


async def test_an_unscorable_message_uses_no_turn_and_says_why(world, store):
    thread, session_id = await start_session(world)
    replies = len(persona_messages(thread))
    emoji = await world.trainee.send(thread, EMOJI)
    spanish = await world.trainee.send(thread, SPANISH)
    assert store.turns(session_id) == []
    assert len(persona_messages(thread)) == replies
    told = _explanations(thread)
    assert told[emoji.id] == (
        "Not played, and no turn used: this message has no words to score "
        "(only emoji, symbols or numbers): say it in words."
    )
    assert "another language" in told[spanish.id] and "English" in told[spanish.id]

    await world.trainee.send(thread, "I hear you are worried.")
    assert [t.text for t in store.turns(session_id)] == ["I hear you are worried."]
    assert len(persona_messages(thread)) == replies + 1


async def test_unscorable_messages_in_a_backlog_are_told_once(world, settings, store):
    thread, session_id = await start_session(world)
    _missed(world, thread, "I hear you are worried.")
    emoji = _missed(world, thread, EMOJI)  # after the newest turn: every catch-up reads it
    await world.env.restart_bot(Parley(settings, make_service(store)))
    assert [t.text for t in store.turns(session_id)] == ["I hear you are worried."]
    assert list(_explanations(thread)) == [emoji.id]

    # Caught up again (a second restart, a reconnect): the reply is in the thread already.
    await world.env.restart_bot(Parley(settings, make_service(store)))
    dispatch(world.env, "ready")
    await world.env.settle()
    assert len(store.turns(session_id)) == 1
    replies = [m for m in thread.history() if m.reference is not None]
    assert len(replies) == 1


async def test_a_live_unscorable_message_that_waits_for_a_backlog_is_told_once(world, store):
    thread, session_id = await start_session(world)
    dispatch(world.env, "disconnect")
    _missed(world, thread, "I hear you are worried.")
    live = await world.trainee.send(thread, EMOJI)  # played with the backlog, then live
    assert [t.text for t in store.turns(session_id)] == ["I hear you are worried."]
    assert [m.reference.message_id for m in thread.history() if m.reference] == [live.id]
    assert not world.env.errors
