"""What the classifier heads see: a sentence's meaning, plus the few facts only structure gives.

Each sentence becomes one vector: its static embedding, the embedding multiplied element-wise
by the party's last line (so a head can learn "says something about what *they* said"), and a
short list of structural measurements the model cannot learn from words alone (how much of the
party's words it reuses, whether it is a question, a time span, what the trainee said before).
The same function builds the vector at training and at scoring time, so the two cannot drift.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from dialogues.scoring.encoder.vectors import encoder
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.sentences import content_words, longest_shared_run, words
from dialogues.scoring.spans import has_time

SECOND_PERSON = frozenset({"you", "your", "youre", "yours", "yourself", "u", "ur", "ya", "yall"})
FIRST_PERSON = frozenset({"i", "im", "ive", "ill", "id", "me", "my", "we", "were", "our", "us"})
WH_WORDS = frozenset({"what", "how", "which", "who", "whom", "whose", "where", "when", "why"})
AUX_WORDS = frozenset(
    [
        "am",
        "are",
        "is",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "have",
        "has",
        "had",
        "may",
        "might",
        "must",
        "arent",
        "isnt",
        "dont",
        "doesnt",
        "didnt",
        "cant",
        "couldnt",
        "wont",
        "wouldnt",
        "havent",
        "hasnt",
    ]
)
# How many of the party's recent lines a reflection may draw on (the rubric's "last three").
RECENT_PARTY_LINES = 3
# Word and word-pair indicators, hashed into this many slots: the embedding averages a
# sentence's words, so a decisive small word ("or", "regret", "sorry") needs its own signal.
HASHED_WORDS = 2048
# Character 4-grams of the lowercased words, hashed likewise: chat spellings ("threatning",
# "ur", "tmrw") share most of their 4-grams with the word meant. (Grouped CV on the training
# writers: mean kappa 0.548 without, 0.570 with.)
HASHED_CHARS = 1024
# The indicator block at the end of every vector, which training leaves unscaled.
INDICATORS = HASHED_WORDS + HASHED_CHARS
# How many earlier trainee messages count for consistency and repetition (bounded cost).
TRAINEE_WINDOW = 12

STRUCTURAL = (
    "question_mark",
    "starts_wh",
    "starts_aux",
    "log_words",
    "cos_party_last",
    "cos_party_recent",
    "overlap_recent",
    "short_echo",
    "shared_run",
    "time_span",
    "second_person",
    "first_person",
    "cos_own_earlier",
    "listened_before",
    "log_turn",
    "party_lines_touched",
    "message_sentences",
)


@dataclass(frozen=True)
class Digest:
    """The context of one message, embedded once and reused for each of its sentences."""

    party_last: np.ndarray
    party_recent: np.ndarray  # (k, d), k may be 0
    party_last_words: frozenset[str]
    party_last_word_list: tuple[str, ...]
    recent_content: frozenset[str]
    party_contents: tuple[frozenset[str], ...]
    own_earlier: np.ndarray  # (k, d) of earlier trainee messages
    listened: bool
    turn: int


def digest(context: ScoringContext) -> Digest:
    """Embed the party's recent lines and the trainee's earlier messages once per message."""
    enc = encoder()
    history = list(context.party_history)
    if context.party_last and (not history or history[-1] != context.party_last):
        history.append(context.party_last)
    recent = [line for line in history[-RECENT_PARTY_LINES:] if line.strip()]
    own = [t for t in context.trainee_history[-TRAINEE_WINDOW:] if t.strip()]
    zero = np.zeros((0, enc.dimensions), dtype=np.float32)
    return Digest(
        party_last=enc.embed(context.party_last),
        party_recent=np.stack([enc.embed(line) for line in recent]) if recent else zero,
        party_last_words=frozenset(words(context.party_last)),
        party_last_word_list=tuple(words(context.party_last)),
        recent_content=frozenset().union(*(content_words(line) for line in recent)),
        party_contents=tuple(content_words(line) for line in history if line.strip()),
        own_earlier=np.stack([enc.embed(t) for t in own]) if own else zero,
        listened=context.listened,
        turn=len(context.trainee_history),
    )


def vector(
    sentence: str,
    is_question: bool,
    message_sentences: int,
    message_content: frozenset[str],
    d: Digest,
) -> np.ndarray:
    """The feature vector of one sentence (see the module docstring for the parts)."""
    enc = encoder()
    emb = enc.embed(sentence)
    ws = words(sentence)
    first = ws[0] if ws else ""
    content = content_words(sentence)
    recent_cos = float((d.party_recent @ emb).max()) if len(d.party_recent) else 0.0
    own_cos = float((d.own_earlier @ emb).max()) if len(d.own_earlier) else 0.0
    overlap = len(content & d.recent_content) / len(content) if content else 0.0
    short_echo = 0 < len(ws) <= 6 and all(w in d.party_last_words for w in ws)
    run = longest_shared_run(ws[:60], list(d.party_last_word_list[:200]))
    touched = sum(1 for c in d.party_contents if c & message_content)
    structural = np.array(
        [
            is_question,
            first in WH_WORDS,
            first in AUX_WORDS,
            math.log1p(len(ws)),
            float(emb @ d.party_last),
            recent_cos,
            overlap,
            short_echo,
            run / max(1, len(ws)),
            has_time(sentence),
            any(w in SECOND_PERSON for w in ws),
            any(w in FIRST_PERSON for w in ws),
            own_cos,
            d.listened,
            math.log1p(d.turn),
            math.log1p(touched),
            math.log1p(message_sentences),
        ],
        dtype=np.float32,
    )
    hashed = np.zeros(INDICATORS, dtype=np.float32)
    for gram in (*ws, *(f"{a} {b}" for a, b in pairwise(ws))):
        hashed[zlib.crc32(gram.encode()) % HASHED_WORDS] = 1.0
    spelled = f" {' '.join(ws)} "
    for i in range(len(spelled) - 3):
        hashed[HASHED_WORDS + zlib.crc32(spelled[i : i + 4].encode()) % HASHED_CHARS] = 1.0
    return np.concatenate([emb, emb * d.party_last * 8.0, structural, hashed])
