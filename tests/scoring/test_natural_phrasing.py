"""Natural phrasing observed in unscripted play (checkpoint-convoy), scored as the rubric says.

Each of these once scored nothing (or the wrong thing) through SessionService. The context is
the commander's own lines from the shipped scenario, in the order he says them.
"""

from __future__ import annotations

import pytest

from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import NEGATIVE_CODES

COMMANDER = (
    "Two of my men died last night and now you want me to open the gate? Say what you came "
    "to say, quickly.",
    "You think this is about me? Forty men are watching this gate. If I wave you through, I "
    "am finished with them.",
    "Last spring a convoy crossed here. Two weeks later our positions were shelled with new "
    "rounds. Nobody ever explained. Nobody even asked.",
    "My sister runs the clinic in Darev. She has had no insulin for three weeks. Your trucks "
    "pass twenty kilometres from her door.",
)


def ctx(said: int, heard: int = 55) -> ScoringContext:
    """The context after the commander's first `said` lines."""
    history = COMMANDER[:said]
    return ScoringContext(party_last=history[-1], party_history=history, heard=heard)


CASES = [
    ("That must have been a terrible night for your brigade.", 1, {"emotion_label"}),
    (
        "So the real worry is what your men will think if the gate opens.",
        2,
        {"emotion_label", "paraphrase"},
    ),
    (
        "It sounds like your men are watching you and you cannot look weak in front of them.",
        2,
        {"paraphrase"},
    ),
    (
        "Let me summarise: you need certainty about the cargo, respect in front of your men, and "
        "no blame for your brigade.",
        3,
        {"summary"},
    ),
    (
        "Suppose your men check the first four trucks by noon, the observers sign the inspection "
        "record, and we bring the insulin on the same run. Would that work?",
        4,
        {"interim_proposal", "time_bound", "verifiable", "reciprocal"},
    ),
    ("I will share the full list of drivers with you within the hour.", 4, {"commitment"}),
    ("So if I understand, the clinic matters to you as much as the bridge.", 4, {"paraphrase"}),
    ("Open the gate or we will call in an airstrike.", 4, {"threat", "ultimatum"}),
    (
        "My suggestion is a partial arrangement: your men inspect three trucks of their choice, "
        "the monitors watch, and the rest cross before dusk.",
        4,
        {"interim_proposal", "verifiable", "time_bound"},
    ),
    (
        "I would like to propose a partial arrangement: the medical truck goes to Darev first "
        "and your officers count the crates.",
        4,
        {"interim_proposal", "verifiable"},
    ),
    (
        "One idea is an interim deal for today only: four trucks cross after inspection.",
        4,
        {"interim_proposal", "time_bound", "verifiable"},
    ),
    (
        "what if the monitors and your officers check each truck together until the end of the "
        "week?",
        4,
        {"interim_proposal", "time_bound", "verifiable"},
    ),
]


@pytest.mark.parametrize(("text", "said", "codes"), CASES)
def test_natural_phrasing_is_scored(text: str, said: int, codes: set[str]) -> None:
    assert {c.value for c in score(text, ctx(said)).codes} == codes


def test_a_proposal_before_they_feel_heard_is_still_premature() -> None:
    text = CASES[4][0]
    assert {c.value for c in score(text, ctx(1, heard=5)).codes} == {"premature_proposal"}


# Natural, skilled lines that share words with penalty patterns: never penalised.
SKILLED = [
    "It sounds like you're the one who has to answer for anything that crosses.",
    "You're the one everyone at this gate is looking at.",
    "So your grandchildren would pay the price if your name came out.",
    "I don't blame you for being cautious. I'd be the same.",
    "If I were in your place I'd want to check every truck too.",
    "Nobody ever came back to explain what happened after that convoy.",
    "I'll get the full cargo list printed for you before we talk terms.",
    "It's not your fault the road was shelled.",
]


@pytest.mark.parametrize("text", SKILLED)
def test_skilled_natural_lines_are_not_penalised(text: str) -> None:
    codes = set(score(text, ctx(4)).codes)
    assert not codes & NEGATIVE_CODES, codes


# Looser rules must not hand out credit for empty or self-centred content.
NOT_CREDITED = [
    ("Let me summarise: we want peace, everyone wants peace.", "summary"),
    ("To sum up, let's be reasonable.", "summary"),
    ("What kind of proof would your men accept?", "interim_proposal"),
    ("I'll send fuel if you open the gate.", "commitment"),
    ("It's sad, but it doesn't change what we need to do today.", "emotion_label"),
    ("Its not my fault the list is incomplete.", "apology"),
]


@pytest.mark.parametrize(("text", "code"), NOT_CREDITED)
def test_looser_rules_do_not_credit_empty_moves(text: str, code: str) -> None:
    assert code not in {c.value for c in score(text, ctx(4)).codes}
