"""A simple keyword baseline: the floor the scorer must beat (`parley eval`, `parley bench`).

One short list of cue phrases per code, matched on the lowercased message, no context, no
sentences, no negation. It is what a first attempt at a scorer looks like; measuring it in
the same run shows what the learned scorer adds.
"""

from __future__ import annotations

import re

from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import Code

KEYWORDS: dict[Code, tuple[str, ...]] = {
    Code.EMOTION_LABEL: (
        "you feel",
        "sounds like you",
        "you must be",
        "you seem",
        "must have been",
    ),
    Code.PARAPHRASE: ("so you", "you're saying", "what i'm hearing", "in other words"),
    Code.SUMMARY: ("sum up", "summar", "recap", "so far"),
    Code.OPEN_QUESTION: ("what ", "how ", "why ", "tell me"),
    Code.MINIMAL_ENCOURAGER: ("mm", "i see", "go on", "uh-huh", "i'm listening"),
    Code.I_MESSAGE: ("i feel", "i'm worried", "i am worried", "i'm concerned"),
    Code.ACKNOWLEDGEMENT: ("you're right", "fair", "thank", "i understand", "appreciate"),
    Code.APOLOGY: ("sorry", "apologi"),
    Code.TRANSPARENCY: ("honest", "truth", "transparent", "i don't know", "i can't promise"),
    Code.COMMITMENT: ("i will", "i'll", "i promise", "my word"),
    Code.CONSISTENCY: ("as promised", "as i promised", "as i said", "like i said"),
    Code.INTERIM_PROPOSAL: ("what if", "how about", "let's", "i propose", "we could"),
    Code.TIME_BOUND: ("hour", "until", "before", "tonight", "tomorrow", "days"),
    Code.RECIPROCAL: ("in exchange", "in return", "if you", "both sides"),
    Code.VERIFIABLE: ("observer", "monitor", "verify", "inspect", "check"),
    Code.THREAT: ("or else", "force", "regret", "army", "consequences"),
    Code.ULTIMATUM: ("last chance", "final", "minutes", " now", "deadline"),
    Code.BLAME: ("your fault", "you started", "you people", "blame", "liar"),
    Code.DISMISSAL: ("calm down", "relax", "whatever", "overreact", "not my problem"),
}
_RES = {code: re.compile("|".join(re.escape(w) for w in words)) for code, words in KEYWORDS.items()}
_MIRROR_RE = re.compile(r"^\W*\w+(?:\s+\w+){0,2}\s*\?\s*$")
_CLOSED_RE = re.compile(r"^\W*(?:do|does|did|is|are|can|could|will|would|have|has)\b.*\?")


def keyword_codes(text: str, context: ScoringContext | None = None) -> list[str]:
    """The codes whose cue phrases occur in `text`; a proposal before listening is premature."""
    low = text.lower().replace("’", "'")
    found = [code.value for code, pattern in _RES.items() if pattern.search(low)]
    if _MIRROR_RE.search(low):
        found.append(Code.MIRROR.value)
    if _CLOSED_RE.search(low):
        found.append(Code.CLOSED_QUESTION.value)
    if Code.INTERIM_PROPOSAL.value in found and context is not None and not context.listened:
        found.remove(Code.INTERIM_PROPOSAL.value)
        found.append(Code.PREMATURE_PROPOSAL.value)
    return found
