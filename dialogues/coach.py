"""STUB — replaced by the real coach hints (issue 4)."""

from collections.abc import Sequence

from dialogues.scoring.model import TurnScore


def suggest_hint(party_last: str, scores: Sequence[TurnScore], state: str) -> str:
    return "Try labelling what they seem to feel, then ask an open question."
