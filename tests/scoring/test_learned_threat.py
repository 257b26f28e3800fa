"""The learned threat detector (dialogues/scoring/learned.py), OR-ed with the threat rules."""

from __future__ import annotations

import json

import pytest

from dialogues.scoring import learned
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import Code
from dialogues.scoring.scorer import score
from dialogues.scoring.sentences import lower, normalise, split_sentences
from dialogues.scoring.train_threat import fit

CONTEXT = ScoringContext(party_last="My men are scared and angry.", heard=50)

# Written for this test, after training; the threat rules miss all of them.
UNSEEN_THREATS = [
    "think carefully, your family lives two streets from the base",
    "nobody here will stop the brigade if you keep this up",
    "say no again and the aid goes to the next village",
]
NEAR_MISSES = [
    "We will not use force against your men.",
    "So your grandchildren would pay the price if your name came out.",
    "I'm worried your men will get hurt if this goes on.",
    "No one is going to attack your post, you have my word.",
    "Your family must be worried sick about you.",
    "I hear that your village has lost a lot already.",
    "We will deal with it together.",
]


def _threat(text: str):
    return next((h for h in score(text, CONTEXT).hits if h.code is Code.THREAT), None)


def test_weights_file_ships_and_loads() -> None:
    raw = json.loads(learned.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert raw["trained_on"].endswith("split=dev")
    model = learned.load()
    assert model is not None and model == learned.MODEL
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 100


def test_features_and_scores_are_deterministic() -> None:
    text = "nobody here will stop the brigade if you keep this up"
    low = lower(normalise(text))
    assert learned.features(low) == learned.features(low)
    assert learned.MODEL is not None
    assert learned.MODEL.probability(low) == learned.MODEL.probability(low)
    assert score(text, CONTEXT) == score(text, CONTEXT)


def test_training_is_deterministic() -> None:
    rows = [(learned.features(t), 1) for t in UNSEEN_THREATS] + [
        (learned.features(t.lower()), 0) for t in NEAR_MISSES
    ]
    assert fit(rows) == fit(rows)


@pytest.mark.parametrize("text", UNSEEN_THREATS)
def test_unseen_threat_phrasings_are_caught(text: str) -> None:
    hit = _threat(text)
    assert hit is not None
    assert hit.reason.startswith("worded like a threat: ")
    assert all(e.text and e.text in text for e in hit.evidence)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_not_threats(text: str) -> None:
    assert _threat(text) is None


def test_without_weights_the_rules_still_score(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "MODEL", None)
    text = "nobody here will stop the brigade if you keep this up"
    assert learned.threat(lower(normalise(text)), split_sentences(text)) is None
    assert _threat("Open the gate or we will call in an airstrike.") is not None
