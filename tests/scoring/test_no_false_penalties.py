"""Good phrasing that shares words with the penalty patterns must not be penalised.

Each line here once tripped (or could trip) a negative pattern: "so what", "whatever",
"move on", "your fault", "have to … now". A trainee who writes them is doing well.
"""

from __future__ import annotations

import pytest

from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import NEGATIVE_CODES

GOOD = [
    "So what you're saying is the convoy scares your men.",
    "So what do your men need?",
    "We will deal with it together.",
    "Whatever you decide, I'll respect it.",
    "Let's move on to what your men need.",
    "Take your time.",
    "There's no rush; I'm staying.",
    "Nobody asked you, and that was wrong.",
    "It's not your fault that the road was shelled.",
    "I won't threaten you, and I won't lie to you.",
    "You're not the problem here.",
    "You have every right to be angry.",
    "We don't want to force anything on you.",
    "Nobody wants your men hurt.",
    "I'm not here to blame anyone.",
    "If you need more time, we can wait.",
    "How can I help?",
    "You don't have to decide now.",
    "No one is going to force you.",
    "I know you're under pressure; that's okay.",
    "We'll wait as long as it takes.",
    "We will not use force against your men.",
    "Would you like the fuel now, or should we bring it tomorrow?",
    # Near-misses of the threat structures: dangers we do not cause, our own fallback stated
    # openly, reassurance, and "not threatening" with nothing after it.
    "The road past the ridge is mined, so please keep your men off it tonight.",
    "Honestly, if these talks fail, we will have to take the convoy back to the depot.",
    "I'm not here to threaten anyone. I'm here to get the medicine to Darev.",
    "Other groups on the road have attacked convoys before, and that scares our drivers.",
    "If the convoy doesn't cross, the camp goes hungry, and that's not something I control.",
    "Try it for a day and see what happens.",
    "If you do the math, you'll see the offer helps both of us.",
    "I don't blame your soldiers for being angry.",
    "Whoever fired first, people on your side are grieving now.",
    "The shelling last week hurt people on both sides.",
    "I can't promise my government won't send more troops if the talks fail, I'd rather say so.",
    "If fighting starts around 312, the people of Brenn lose their water first.",
]
# Asking to talk about something is an invitation, not a premature proposal.
UNHEARD = ScoringContext(party_last="Go away.", heard=5)
INVITATIONS = [
    "Can we talk about what happened last night?",
    "Could we go over what your men need?",
    "Shall we sit down and talk about the convoy?",
]
CONTEXT = ScoringContext(party_last="My men are scared and angry.", heard=50)


@pytest.mark.parametrize("text", GOOD)
def test_good_phrasing_is_not_penalised(text: str) -> None:
    assert not set(score(text, CONTEXT).codes) & NEGATIVE_CODES - {"closed_question"}


@pytest.mark.parametrize("text", INVITATIONS)
def test_asking_to_talk_is_not_a_premature_proposal(text: str) -> None:
    assert "premature_proposal" not in score(text, UNHEARD).codes
