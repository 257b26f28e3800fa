"""Discord's size limits: messages split cleanly, embeds clipped within every limit."""

from __future__ import annotations

import discord
from hypothesis import given
from hypothesis import strategies as st

from bot.exts.sessions._embeds import debrief_embed
from bot.text import EMBED_TOTAL, MESSAGE_LIMIT, clip, fit_embed, split_message
from dialogues.catalogue import ScenarioCatalogue
from dialogues.ports import SessionRecord
from tests.bot.helpers import SCENARIO_ID, SCENARIOS


def test_short_text_is_one_chunk():
    assert split_message("hello") == ["hello"]


def test_split_prefers_paragraphs_then_words():
    text = ("a" * 1500) + "\n\n" + ("b" * 1500)
    assert split_message(text) == ["a" * 1500, "b" * 1500]
    words = " ".join(["word"] * 1000)
    chunks = split_message(words)
    assert all(len(c) <= MESSAGE_LIMIT for c in chunks)
    assert all(not c.startswith(" ") and not c.endswith(" ") for c in chunks)
    assert " ".join(chunks) == words


def test_a_run_without_spaces_is_cut_hard():
    chunks = split_message("x" * 4500)
    assert [len(c) for c in chunks] == [2000, 2000, 500]


@given(st.text(min_size=1, max_size=6000))
def test_split_never_exceeds_the_limit_or_loses_words(text):
    chunks = split_message(text)
    assert all(0 < len(c) <= MESSAGE_LIMIT for c in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())


def test_clip_marks_the_cut():
    assert clip("abcdef", 4) == "abc…"
    assert clip("abc", 4) == "abc"


def test_fit_embed_respects_every_limit():
    embed = discord.Embed(title="t" * 300, description="d" * 5000)
    for _ in range(30):
        embed.add_field(name="n" * 300, value="v" * 2000)
    embed.set_footer(text="f" * 3000)
    fit_embed(embed)
    assert len(embed.title) == 256 and len(embed.description) <= 4096
    assert len(embed.fields) <= 25
    assert all(len(f.name) <= 256 and len(f.value) <= 1024 for f in embed.fields)
    assert len(embed) <= EMBED_TOTAL


def test_debrief_embed_reads_rich_and_odd_debriefs():
    scenario = ScenarioCatalogue([SCENARIOS]).get(SCENARIO_ID)
    record = SessionRecord(
        id="abc", scenario_id=SCENARIO_ID, scenario_version=1, rubric="r1", seed=1,
        mode="coach", level="easy", trainee="1", counterpart={}, outcome="agreement",
    )  # fmt: skip
    debrief = {
        "outcome": "agreement",
        "totals": {"active_listening": 12.5, "trust_building": 4, "penalties": -2},
        "strengths": ["You labelled their emotions (2x)."],
        "best_moments": [
            {
                "turn": 2,
                "quote": "It sounds like you fear for your village." * 50,
                "codes": ["emotion_label"],
                "why": ["", "names a feeling"],
            },
            "a plain string moment",
        ],
        "missed_openings": [{"description": "They mentioned family; no follow-up."}, "x" * 3000],
        "meter_arc": [{"trust": 20, "tension": 30, "heard": 10}, {"trust": 60, "tension": 10}],
        "next_time": "Summarise before proposing.",
    }
    embed = debrief_embed(scenario, record, debrief)
    fields = {f.name: f.value for f in embed.fields}
    assert "**Active listening**: 12.5" in fields["Scores"]
    assert fields["Strengths"] == "• You labelled their emotions (2x)."
    moment = fields["Best moments"]
    assert (
        moment.startswith("> It sounds like you fear") and "(turn 2)\n— names a feeling" in moment
    )
    assert "They mentioned family" in fields["Missed openings"]
    assert fields["Meters"] == "trust 20→60 · tension 30→10 · heard 10→?"
    assert fields["Next time"] == "Summarise before proposing."
    assert len(embed) <= EMBED_TOTAL
    # A minimal debrief (the stub) still renders.
    assert debrief_embed(scenario, record, {"outcome": "ended", "totals": {}}).title


def test_debrief_shows_trainee_words_without_rendering_markdown() -> None:
    scenario = ScenarioCatalogue([SCENARIOS]).get(SCENARIO_ID)
    record = SessionRecord(
        id="abc", scenario_id=SCENARIO_ID, scenario_version=1, rubric="r1", seed=1,
        mode="coach", level="easy", trainee="1", counterpart={}, outcome="ended",
    )  # fmt: skip
    quote = "I hear you. [Read the terms](https://evil.example) **now** ||secret|| `x`"
    debrief = {"best_moments": [{"turn": 1, "quote": quote, "why": "restates (hear, you)"}]}
    moment = {f.name: f.value for f in debrief_embed(scenario, record, debrief).fields}[
        "Best moments"
    ]
    # every markdown character is escaped: no masked link, bold, spoiler or code renders
    assert r"\[Read the terms]" in moment and r"\*\*now\*\*" in moment
    assert r"\|\|secret\|\|" in moment and r"\`x\`" in moment


def test_every_shipped_persona_has_its_own_colour_in_discord_and_the_terminal() -> None:
    import importlib

    from rich.color import Color

    from bot.persona import persona_colour

    practice = importlib.import_module("bot.cli.practice")
    for scenario in ScenarioCatalogue():
        persona = scenario.persona
        if persona.colour != "red":  # red is also the fallback for unknown names
            assert persona_colour(persona) != discord.Colour.red(), scenario.id
        Color.parse(practice.terminal_colour(persona))  # rich knows it: no silent default
