"""Restarts and re-deliveries: buttons keep working, missed messages are answered once, in order."""

from __future__ import annotations

import asyncio

from bot.bot import Parley
from tests.bot.helpers import dispatch, make_service, persona_messages, start_session


def _created_payload(env, message_id: int) -> dict:
    """The MESSAGE_CREATE payload the gateway sent for a message (to deliver it again)."""
    for kind, event, payload in env.backend.transcript:
        if kind == "GATEWAY" and event == "MESSAGE_CREATE" and payload["id"] == str(message_id):
            return payload
    raise AssertionError(f"no MESSAGE_CREATE for {message_id}")


def _missed(world, thread, text: str):
    """A trainee message that Discord stored while no bot was connected (no gateway event)."""
    return world.env.backend.create_message(thread.id, world.trainee.id, text, broadcast=False)


async def _restart(world, settings, store) -> Parley:
    bot = Parley(settings, make_service(store))
    await world.env.restart_bot(bot)
    return bot


async def test_buttons_work_after_a_restart(world, settings, store):
    thread, session_id = await start_session(world)
    control = thread.history()[0]
    await _restart(world, settings, store)
    hint = await world.trainee.click(control, custom_id=f"parley:hint:{session_id}")
    assert hint.ephemeral and hint.response.content.startswith("💡")
    end = await world.facilitator.click(control, custom_id=f"parley:end:{session_id}")
    assert end.ephemeral and "ended" in end.response.content
    assert store.get_session(session_id).status == "ended"
    debrief = await world.trainee.click(control, custom_id=f"parley:debrief:{session_id}")
    assert debrief.ephemeral
    assert debrief.response.embeds[0].title == "Debrief · Test roadblock"


async def test_missed_messages_are_answered_in_order_after_a_restart(world, settings, store):
    thread, session_id = await start_session(world)
    await world.trainee.send(thread, "First, I am listening.")
    first = _missed(world, thread, "Second: what do you need?")
    _missed(world, thread, "Third: one truck at a time?")
    world.env.backend.create_message(thread.id, world.observer.id, "observer", broadcast=False)
    assert len(store.turns(session_id)) == 1

    await _restart(world, settings, store)

    turns = store.turns(session_id)
    assert [t.text for t in turns] == [
        "First, I am listening.",
        "Second: what do you need?",
        "Third: one truck at a time?",
    ]
    assert turns[1].message_id == str(first.id)
    replies = [m.content for m in persona_messages(thread)]
    # Opening, then one reply per turn in the order of the turns (the third reaches agreement).
    assert replies[1:] == [t.reply for t in turns]
    assert replies[-1].startswith("Fine. Your convoy passes")


async def test_ready_twice_and_replayed_events_do_not_answer_twice(world, settings, store):
    thread, session_id = await start_session(world)
    _missed(world, thread, "Hello, I am here to listen.")
    await _restart(world, settings, store)
    assert len(store.turns(session_id)) == 1
    answered = len(persona_messages(thread))

    dispatch(world.env, "ready")  # on_ready fires again after a reconnect
    await world.env.settle()
    sent = await world.trainee.send(thread, "What worries you most?")
    world.env.backend.emit("MESSAGE_CREATE", _created_payload(world.env, sent.id))  # RESUME replay
    await world.env.settle()

    assert len(store.turns(session_id)) == 2
    assert len(persona_messages(thread)) == answered + 1


async def test_double_delivery_stores_one_turn_and_answers_once(world, store):
    thread, session_id = await start_session(world)
    sent = await world.trainee.send(thread, "I understand you are worried.")
    payload = _created_payload(world.env, sent.id)
    world.env.backend.emit("MESSAGE_CREATE", payload)
    world.env.backend.emit("MESSAGE_CREATE", payload)
    await world.env.settle()
    assert len(store.turns(session_id)) == 1
    assert len(persona_messages(thread)) == 2  # opening + one reply


async def test_messages_sent_together_are_answered_in_order(world, store):
    thread, session_id = await start_session(world)
    voice = world.env.bot.get_cog("Sessions").runner.voice
    say = voice.say
    calls = 0

    async def slow_first_reply(thread_, persona, text):
        nonlocal calls
        calls += 1
        if calls == 1:
            for _ in range(20):  # the network is slow for the first reply
                await asyncio.sleep(0)
        await say(thread_, persona, text)

    voice.say = slow_first_reply
    first = _missed(world, thread, "One: I hear you.")
    second = _missed(world, thread, "Two: tell me more.")
    for message in (first, second):
        world.env.backend.emit("MESSAGE_CREATE", _created_payload_from(world.env, message))
    await world.env.settle()
    turns = store.turns(session_id)
    assert [t.text for t in turns] == ["One: I hear you.", "Two: tell me more."]
    assert [m.content for m in persona_messages(thread)][1:] == [t.reply for t in turns]


def _created_payload_from(env, message) -> dict:
    from simcord.backend import serializers

    payload = dict(serializers.message_payload(env.backend, message))
    channel = env.backend.get_channel(message.channel_id)
    payload["guild_id"] = str(channel.guild_id)
    guild = env.backend.get_guild(channel.guild_id)
    member = guild.members[message.author_id]
    payload["member"] = dict(
        serializers.member_payload(env.backend, guild, member, with_user=False)
    )
    return payload


async def test_catch_up_fetches_threads_that_left_the_cache(world, settings, store):
    thread, session_id = await start_session(world)
    bot = world.env.bot
    guild = bot.get_guild(world.guild.id)
    guild._remove_thread(guild.get_thread(thread.id))  # as when a thread is archived
    assert bot.get_channel(thread.id) is None
    _missed(world, thread, "Still there? I want to understand.")
    dispatch(world.env, "ready")
    await world.env.settle()
    assert len(store.turns(session_id)) == 1
    assert any(r.path == f"/channels/{thread.id}" for r in world.env.http_requests)
    assert len(persona_messages(thread)) == 2


async def test_one_unrestorable_session_does_not_stop_the_catch_up_of_others(
    world, settings, store, caplog
):
    _, broken = await start_session(world)
    thread, session_id = await start_session(world)
    _missed(world, thread, "I am listening: what do you need?")
    # e.g. its scenario file was edited and the state it was in no longer exists
    store.sessions[broken].counterpart["state"] = "a-state-that-was-renamed"

    await _restart(world, settings, store)

    assert [t.text for t in store.turns(session_id)] == ["I am listening: what do you need?"]
    assert len(persona_messages(thread)) == 2  # opening and the answer
    assert any(broken in r.getMessage() for r in caplog.records if r.levelname == "ERROR")


async def test_unrestorable_session_tells_the_trainee_once(world, settings, store, caplog):
    thread, session_id = await start_session(world)
    store.sessions[session_id].counterpart["state"] = "a-state-that-was-renamed"
    await _restart(world, settings, store)
    await world.trainee.send(thread, "Are you still there?")
    await world.trainee.send(thread, "Hello?")
    await world.env.settle()
    notices = [m for m in thread.history() if "cannot continue" in (m.content or "")]
    assert len(notices) == 1 and "ask your facilitator" in notices[0].content
    # The restart's catch-up logs the broken session once; the messages add no tracebacks.
    assert not any(r.exc_info for r in caplog.records if r.name.startswith("discord"))
