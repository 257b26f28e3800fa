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

from dialogues.deferred import np
from dialogues.scoring.encoder.vectors import encoder
from dialogues.scoring.history import History
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
# Word and word-pair indicators, hashed into this many slots: the embedding averages a
# sentence's words, so a decisive small word ("or", "regret", "sorry") needs its own signal.
HASHED_WORDS = 2048
# Character 4-grams of the lowercased words, hashed likewise: chat spellings ("threatning",
# "ur", "tmrw") share most of their 4-grams with the word meant. (Grouped CV on the training
# writers: mean kappa 0.548 without, 0.570 with.)
HASHED_CHARS = 1024
# The indicator block at the end of every vector, which training leaves unscaled.
INDICATORS = HASHED_WORDS + HASHED_CHARS

# Not features: whether the trainee listened before, or the turn number. In the corpus, writers
# playing hostile trainees never listen, so both would teach "early or unlistened means hostile"
# and penalise a courteous first message ("Do you know any of the detainees yourself?").
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
    "party_lines_touched",
    "message_sentences",
)


@dataclass(frozen=True)
class Digest:
    """The context of one message, arranged once and reused for each of its sentences."""

    party_last: np.ndarray
    party_recent: np.ndarray  # (k, d), k may be 0
    party_last_words: frozenset[str]
    party_last_word_list: tuple[str, ...]
    recent_content: frozenset[str]
    party_contents: tuple[tuple[str, ...], ...]
    own_earlier: np.ndarray  # (k, d) of earlier trainee messages


def digest(history: History) -> Digest:
    """Stack the (already read) lines of the history the way `vector` compares against them."""
    zero = np.zeros((0, encoder().dimensions), dtype=np.float32)
    recent = history.party_recent
    own = [line.embedding for line in history.own if not line.blank]
    return Digest(
        party_last=history.party_last.embedding,
        party_recent=np.stack([line.embedding for line in recent]) if recent else zero,
        party_last_words=frozenset(history.party_last.words),
        party_last_word_list=history.party_last.words,
        recent_content=frozenset().union(*(line.content for line in recent)),
        party_contents=history.party_contents,
        own_earlier=np.stack(own) if own else zero,
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
    touched = sum(1 for c in d.party_contents if not message_content.isdisjoint(c))
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
            math.log1p(touched),
            math.log1p(message_sentences),
        ],
        dtype=np.float32,
    )
    # Indicators are presence flags, so each distinct gram is hashed once.
    grams = {*ws, *(f"{a} {b}" for a, b in pairwise(ws))}
    spelled = f" {' '.join(ws)} "
    fours = {spelled[i : i + 4] for i in range(len(spelled) - 3)}
    slots = [zlib.crc32(g.encode()) % HASHED_WORDS for g in grams]
    slots += [HASHED_WORDS + zlib.crc32(g.encode()) % HASHED_CHARS for g in fours]
    hashed = np.zeros(INDICATORS, dtype=np.float32)
    hashed[slots] = 1.0
    return np.concatenate([emb, emb * d.party_last * 8.0, structural, hashed])
