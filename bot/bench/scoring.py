"""Scoring speed: the rubric scorer per message, against the keyword baseline in the same run.

Messages come from the shipped labelled data (crisis negotiation, with their context), so
the timing covers sentence splitting, embedding, every head, the structural rules and the
gaming checks. The ratio says what the learned scorer costs over a bare keyword match.
"""

from __future__ import annotations

from bot.bench import Row, timed
from dialogues.scoring import score
from dialogues.scoring.baseline import keyword_codes
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.scorer import clear_caches
from dialogues.scoring.training_data import legacy_examples


def _messages() -> list[tuple[str, ScoringContext]]:
    return [(ex.text, ex.context) for ex in legacy_examples()]


def _per_message() -> list[Row]:
    messages = _messages()
    n = len(messages)
    base_s = timed(lambda: [keyword_codes(t, c) for t, c in messages], n)

    # Caches are cleared before each run, so no message is scored from memory.
    def score_all(batch: list[tuple[str, ScoringContext]]) -> None:
        clear_caches()
        for t, c in batch:
            score(t, c)

    score_s = timed(lambda: score_all(messages), n)
    history = tuple(t for t, _ in messages[:12])
    long_context = [
        (t, ScoringContext(c.party_last, c.party_history, history, c.listened)) for t, c in messages
    ]
    gaming_s = timed(lambda: score_all(long_context), n)
    return [
        Row("keyword baseline, per message (baseline)", n, base_s),
        Row("rubric scorer, per message", n, score_s, "keyword baseline", score_s / base_s),
        Row(
            "rubric scorer, 12 earlier trainee turns in context",
            n,
            gaming_s,
            "keyword baseline",
            gaming_s / base_s,
        ),
    ]


CASES = [_per_message]
