"""Scoring speed: the rubric scorer per message, against the keyword baseline in the same run.

Messages come from the shipped labelled data (crisis negotiation, with their context), so
the timing covers sentence splitting, embedding, every head, the structural rules and the
gaming checks. The ratio says what the learned scorer costs over a bare keyword match.
"""

from __future__ import annotations

import statistics
import time

from bot.bench import Row, timed
from dialogues.scoring import heads, score
from dialogues.scoring.baseline import keyword_codes
from dialogues.scoring.encoder import vectors
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
    keywords = Row("keyword baseline, per message (baseline)", n, base_s)
    return [
        keywords,
        keywords.versus("learned scorer, per message", score_s, baseline="keyword baseline"),
        keywords.versus(
            "learned scorer, 12 earlier trainee turns in context",
            gaming_s,
            baseline="keyword baseline",
        ),
    ]


def _median_seconds(batch: list[tuple[str, ScoringContext]]) -> float:
    times = []
    for t, c in batch:
        start = time.perf_counter()
        score(t, c)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _model() -> list[Row]:
    """Loading the model once per process, and the per-message median (the issue's p50)."""
    shipped = sum(p.stat().st_size for p in vectors.MODEL_DIR.iterdir()) + sum(
        (heads.HEADS_DIR / name).stat().st_size for name in (heads.HEADS_FILE, heads.HEADS_META)
    )

    def load() -> None:
        vectors.encoder.cache_clear()
        heads.heads.cache_clear()
        vectors.encoder()
        heads.heads()

    load_s = timed(load, 1)
    messages = _messages()
    clear_caches()
    p50 = _median_seconds(messages)
    long = [("What if we " + "check the trucks together, " * 150, messages[0][1])] * 20
    p50_long = _median_seconds(long)
    median = Row("learned scorer, p50 per message (cold caches)", 1, p50)
    return [
        median,
        median.versus(
            f"model load, once per process ({shipped / 1e6:.1f} MB shipped)",
            load_s,
            baseline="p50 per message",
        ),
        median.versus("learned scorer, p50 of a 4,000-character message", p50_long, baseline="p50"),
    ]


CASES = [_per_message, _model]
