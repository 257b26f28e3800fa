"""The scorer: skill codes with evidence for one trainee message (see docs/rubric.md)."""

from dialogues.scoring.scorer import score

__all__ = ["score"]
