"""Gaming the scorer does not pay: flags and weights per message, and whole conversations.

Scripted manipulative trainees (tests/scoring/players.py) are played through the real
scorer, engine and `SessionService` on `checkpoint-convoy`: none may reach agreement, while
the skilled trainee must.
"""

from __future__ import annotations

import pytest

from dialogues.engine import GAMING_WEIGHT
from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext
from tests.scoring import players

PARTY = "Two of my men died last night and now you want me to open the gate? Say it quickly."
GOOD = "It sounds like you're grieving for your men. What happened last night?"


def ctx(**kwargs) -> ScoringContext:
    return ScoringContext(party_last=kwargs.pop("party_last", PARTY), listened=True, **kwargs)


def test_an_honest_message_counts_in_full() -> None:
    result = score(GOOD, ctx())
    assert result.weight == 1.0 and not result.flags


def test_repeating_an_earlier_message() -> None:
    result = score(GOOD, ctx(trainee_history=("Hello.", GOOD)))
    assert "repeat" in result.flags and result.weight < GAMING_WEIGHT
    # Points shrink with the weight; the codes stay visible for the debrief.
    assert result.total < score(GOOD, ctx()).total
    assert result.codes == score(GOOD, ctx()).codes


def test_repeating_a_sentence_inside_one_message() -> None:
    result = score(f"{GOOD} {GOOD} {GOOD}", ctx())
    assert "repeat" in result.flags


def test_short_encouragers_may_repeat() -> None:
    result = score("I see.", ctx(trainee_history=("I see.", "Go on.")))
    assert not result.flags


def test_pasting_the_party_message_back() -> None:
    result = score(PARTY, ctx())
    assert "echo" in result.flags and result.weight < GAMING_WEIGHT


def test_flattery_spam_and_repeated_flattery() -> None:
    assert "flattery" in score("You're a great leader. Truly wise and so strong.", ctx()).flags
    once = score("You're a great leader. What do your men need?", ctx())
    assert not once.flags  # one compliment is allowed
    again = score(
        "You're such a strong commander.",
        ctx(trainee_history=("You're a great leader. What do your men need?",)),
    )
    assert "flattery" in again.flags


def test_one_message_with_every_technique() -> None:
    result = score(players.KITCHEN_SINK, ctx())
    assert "stuffing" in result.flags and result.weight < GAMING_WEIGHT


def test_a_rich_but_natural_message_is_not_stuffing() -> None:
    text = (
        "I'm sorry for your men. It sounds like last night was terrifying. "
        "What do you need from me before anything else?"
    )
    assert "stuffing" not in score(text, ctx()).flags


MANIPULATORS = {
    "repeater": lambda: players.repeater,
    "echo": lambda: players.echo,
    "flatterer": players.flatterer,
    "kitchen_sink": lambda: players.kitchen_sink,
    "rotating_three": lambda: players.cycling(players.LISTENING[:3]),
    "varied_kitchen_sink": players.varied_kitchen_sink,
    "natural_template": players.natural_template,
}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("name", sorted(MANIPULATORS))
def test_manipulative_conversations_never_reach_agreement(name: str, seed: int) -> None:
    outcome, turns = players.play(MANIPULATORS[name](), seed=seed, limit=40)
    assert outcome != "agreement"
    assert any(t.score.flags for t in turns), "the gaming was never flagged"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_skilled_conversation_reaches_agreement(seed: int) -> None:
    outcome, turns = players.play(players.skilled(), seed=seed, limit=40)
    assert outcome == "agreement"
    assert sum(bool(t.score.flags) for t in turns) <= 1


def test_quoting_a_clause_inside_a_reflection_is_not_an_echo() -> None:
    party = (
        "My men have not eaten in three days and you drive trucks full of food past us. "
        "We are not beggars!"
    )
    text = "So your men have not eaten in three days, and watching the food pass is humiliating."
    result = score(text, ctx(party_last=party))
    assert "echo" not in result.flags
