"""STUB — replaced by the real scorer (issue 4)."""

from dialogues.scoring.model import ScoringContext, TurnScore, empty_points


def score(text: str, context: ScoringContext) -> TurnScore:
    return TurnScore(hits=(), points=empty_points())
