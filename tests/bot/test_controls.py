"""Facilitator controls and the control message's buttons, as the people in a thread see them."""

from __future__ import annotations

import logging

import yaml

from bot.access import NotAllowed
from bot.bot import Parley
from bot.errors import Refusal
from bot.text import MESSAGE_LIMIT
from dialogues.catalogue import ScenarioCatalogue
from dialogues.service import SessionService
from tests.bot.helpers import SCENARIO_ID, SCENARIOS, persona_messages, start_session


def _refusals(env) -> list[BaseException]:
    return [e for e in env.errors if isinstance(getattr(e, "original", e), Refusal | NotAllowed)]


async def test_status_is_private_to_the_facilitator(world):
    thread, session_id = await start_session(world)
    await world.trainee.send(thread, "I hear you.")
    result = await world.facilitator.slash(thread, "session status")
    assert result.ephemeral
    [embed] = result.response.embeds
    fields = {f.name: f.value for f in embed.fields}
    assert "trust" in fields["Meters"] and "tension" in fields["Meters"]
    assert fields["Turns"] == "1"
    assert session_id in embed.footer.text


async def test_inject_posts_the_event_and_the_party_reacts(world, store):
    thread, session_id = await start_session(world)
    result = await world.facilitator.slash(thread, "session inject", event="shots")
    assert result.ephemeral
    history = thread.history()
    assert "Shots near the checkpoint" in history[-2].content
    assert history[-1].webhook_id and "shooting at us" in history[-1].content
    assert [e.kind for e in store.events(session_id)] == ["inject"]


async def test_inject_of_an_unknown_event_is_refused(world):
    thread, _ = await start_session(world)
    result = await world.facilitator.slash(thread, "session inject", event="nope")
    assert result.ephemeral and "no event `nope`" in result.response.content
    assert _refusals(world.env)


async def test_whisper_with_text_and_through_the_modal(world, store):
    thread, session_id = await start_session(world)
    before = len(thread.history())
    said = await world.facilitator.slash(thread, "session whisper", text="Soften a bit.")
    assert said.ephemeral and "Whispered" in said.response.content
    shown = await world.facilitator.slash(thread, "session whisper")
    assert shown.modal is not None
    submitted = await world.facilitator.submit_modal(
        shown, {"parley:whisper-text": "Ask about family."}
    )
    assert submitted.ephemeral and "Whispered" in submitted.response.content
    whispers = [e.detail["text"] for e in store.events(session_id) if e.kind == "whisper"]
    assert whispers == ["Soften a bit.", "Ask about family."]
    assert len(thread.history()) == before  # the trainee sees nothing


async def test_hint_command_posts_in_the_thread_but_not_in_assess_mode(world):
    thread, _ = await start_session(world)
    await world.facilitator.slash(thread, "session hint")
    assert thread.history()[-1].content.startswith("💡 Hint from the facilitator")
    assessed, _ = await start_session(world, mode="assess")
    refused = await world.facilitator.slash(assessed, "session hint")
    assert "coach mode" in refused.response.content
    assert _refusals(world.env)


async def test_coach_mode_adds_a_hint_after_each_reply(world):
    thread, _ = await start_session(world)
    await world.trainee.send(thread, "I hear you.")
    assert thread.history()[-1].content.startswith("💡 Coach:")


async def test_buttons_refuse_people_who_may_not_use_them(world, store, caplog):
    caplog.set_level(logging.INFO, logger="bot.errors")
    thread, session_id = await start_session(world)
    control = thread.history()[0]
    world.env.backend.add_thread_member(thread.id, world.observer.id)
    hint = await world.observer.click(control, custom_id=f"parley:hint:{session_id}")
    assert hint.ephemeral and "for the trainee" in hint.response.content
    end = await world.trainee.click(control, custom_id=f"parley:end:{session_id}")
    assert end.ephemeral and "Only a facilitator" in end.response.content
    early = await world.trainee.click(control, custom_id=f"parley:debrief:{session_id}")
    assert "when the session ends" in early.response.content
    assert store.get_session(session_id).status == "active"
    assert len([r for r in caplog.records if r.getMessage().startswith("refused")]) == 3


async def test_self_practice_trainee_can_end_with_the_button(world, store):
    await world.trainee.slash(world.channel, "practice", scenario=SCENARIO_ID)
    [thread] = world.channel.threads
    [session_id] = store.sessions
    ended = await world.trainee.click(thread.history()[0], custom_id=f"parley:end:{session_id}")
    assert ended.ephemeral
    assert store.get_session(session_id).status == "ended"
    assert thread.history()[-1].embeds[0].title.startswith("Debrief")


async def test_end_twice_posts_one_debrief(world):
    thread, _ = await start_session(world)
    await world.facilitator.slash(thread, "session end")
    await world.facilitator.slash(thread, "session end", session=_only_session(world))
    debriefs = [m for m in thread.history() if m.embeds and m.embeds[0].title.startswith("Debrief")]
    assert len(debriefs) == 1


def _only_session(world) -> str:
    [record] = world.env.bot.service.store.sessions.values()
    return record.id


async def test_long_persona_lines_are_split_under_2000_characters(world, settings, store, tmp_path):
    data = yaml.safe_load((SCENARIOS / "roadblock.yaml").read_text())
    speech = " ".join(f"Sentence {i} of a very long speech about the road." for i in range(120))
    data.update(id="test-speech", opening=[speech])
    (tmp_path / "speech.yaml").write_text(yaml.safe_dump(data))
    service = SessionService(store, ScenarioCatalogue([SCENARIOS, tmp_path]))
    await world.env.restart_bot(Parley(settings, service))
    await world.facilitator.slash(
        world.channel, "session start", scenario="test-speech", trainee=world.trainee
    )
    parts = [m.content for m in persona_messages(world.channel.threads[-1])]
    assert len(parts) >= 3
    assert all(len(p) <= MESSAGE_LIMIT for p in parts)
    assert " ".join(parts) == speech


async def test_a_whisper_form_submitted_after_a_restart_is_answered(world, settings, store):
    thread, session_id = await start_session(world)
    shown = await world.facilitator.slash(thread, "session whisper")
    assert shown.modal is not None
    await world.env.restart_bot(
        Parley(settings, SessionService(store, ScenarioCatalogue([SCENARIOS])))
    )
    submitted = await world.facilitator.submit_modal(
        shown, {"parley:whisper-text": "Ask about the harvest."}
    )
    assert submitted.ephemeral and "Whispered" in submitted.response.content
    whispers = [e.detail["text"] for e in store.events(session_id) if e.kind == "whisper"]
    assert whispers == ["Ask about the harvest."]


async def test_steering_an_ended_session_in_its_thread_says_it_ended(world, settings, store):
    thread, _ = await start_session(world)
    await world.facilitator.slash(thread, "session end")
    paused = await world.facilitator.slash(thread, "session pause")
    assert paused.response.content == "This session has ended."
    # After a restart too: the thread is recognised by its control message.
    await world.env.restart_bot(
        Parley(settings, SessionService(store, ScenarioCatalogue([SCENARIOS])))
    )
    resumed = await world.facilitator.slash(thread, "session resume")
    assert resumed.response.content == "This session has ended."
    assert _refusals(world.env) or world.env.errors
