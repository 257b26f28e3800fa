"""Scoring speed: the rubric scorer per message, against the keyword baseline in the same run.

Messages come from our labelled set (crisis negotiation, with their context), so the
timing covers sentence splitting, every detector, context overlap and the gaming checks.
The ratio says how much the scorer's rules cost over a bare keyword match.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.bench import Row, timed
from dialogues.scoring import score
from dialogues.scoring.baseline import keyword_codes
from dialogues.scoring.evaluation import context_from_json
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.scorer import clear_caches

LABELLED = Path(__file__).resolve().parents[2] / "tests" / "data" / "labelled.jsonl"
FALLBACK = [
    ("It sounds like you're worried the convoy is hiding something.", "We know your tricks."),
    ("What would you need to see before the first trucks move?", "Nothing moves."),
    ("You have ten minutes to open the gate.", "My men are watching."),
    ("I'm sorry we came without warning. What happened last night?", "Two of my men died."),
]


def _messages() -> list[tuple[str, ScoringContext]]:
    if LABELLED.exists():
        rows = [json.loads(line) for line in LABELLED.read_text("utf-8").splitlines()]
        return [(r["text"], context_from_json(r.get("context"))) for r in rows]
    return [(text, ScoringContext(party_last=party, heard=50)) for text, party in FALLBACK * 50]


def _per_message() -> list[Row]:
    messages = _messages()
    n = len(messages)
    base_s = timed(lambda: [keyword_codes(t, c) for t, c in messages], n)
    # Caches are cleared before each run, so no message is scored from memory.
    score_s = timed(lambda: (clear_caches(), [score(t, c) for t, c in messages]), n)
    history = tuple(t for t, _ in messages[:12])
    long_context = [
        (t, ScoringContext(c.party_last, c.party_history, history, c.heard)) for t, c in messages
    ]
    gaming_s = timed(lambda: (clear_caches(), [score(t, c) for t, c in long_context]), n)
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
