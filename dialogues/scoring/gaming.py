"""Gaming checks: what makes a message count for less than its codes suggest.

Trainees (and bots) learn fast that the scorer likes certain phrases. Four patterns are
caught and turned into a lower `weight` plus a named flag, so the engine gives diminishing
or negative returns and the debrief can say why:

- `repeat`: the message (or a sentence of it) repeats one the trainee already sent;
- `echo`: it copies the party's own words back at length instead of reflecting them;
- `stuffing`: many different techniques crammed into one message;
- `flattery`: praise of the party piled on, or repeated across turns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dialogues.scoring import lexicon as lx
from dialogues.scoring.detectors import Found, is_copy, longest_shared_run
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import NEGATIVE_CODES, PROPOSAL_QUALIFIERS
from dialogues.scoring.sentences import Sentence, words

# How much a message still counts when a check fires (they multiply).
PENALTY = {"repeat": 0.3, "echo": 0.3, "stuffing": 0.4, "flattery": 0.45}
# Distinct listening/trust techniques one message may show before it reads as a checklist.
STUFFING_CODES = 5
STUFFING_DENSITY = 2.5  # technique hits per sentence


@dataclass(frozen=True, slots=True)
class Verdict:
    weight: float
    flags: frozenset[str]


def _jaccard(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@lru_cache(maxsize=4096)
def _word_sets(message: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """An earlier message's words, whole and per sentence (cached: compared every turn)."""
    parts = message.replace("!", ".").replace("?", ".").split(".")
    return frozenset(words(message)), tuple(frozenset(words(p)) for p in parts)


def _repeats(sentences: list[Sentence], context: ScoringContext) -> bool:
    mine = [set(words(s.text)) for s in sentences]
    substantive = [m for m in mine if len(m) >= 4]
    # The same sentence twice in one message.
    for i, a in enumerate(substantive):
        if any(_jaccard(a, b) >= 0.8 for b in substantive[i + 1 :]):
            return True
    if not context.trainee_history:
        return False
    whole = set().union(*mine) if mine else set()
    earlier_sentences: list[frozenset[str]] = []
    for earlier in context.trainee_history[-12:]:
        earlier_words, parts = _word_sets(earlier)
        if len(whole) >= 3 and _jaccard(whole, earlier_words) >= 0.75:
            return True
        earlier_sentences.extend(parts)
    # Most of this message's substantive sentences were sent before.
    if substantive:
        seen = sum(1 for a in substantive if any(_jaccard(a, b) >= 0.8 for b in earlier_sentences))
        if seen and seen >= (len(substantive) + 1) // 2:
            return True
    return False


def _echoes(text: str, context: ScoringContext) -> bool:
    """Pasting their message back: most of it, word for word, and little of one's own.

    Quoting a clause of theirs inside one's own reflection is not an echo; handing back the
    bulk of what they said is.
    """
    if not context.party_last:
        return False
    mine, theirs = words(text), words(context.party_last)
    if not is_copy(mine, theirs):
        return False
    run = longest_shared_run(mine, theirs)
    return run >= 12 or (run >= 0.6 * len(theirs) and run >= 0.5 * len(mine))


def _stuffed(found: list[Found], sentences: list[Sentence]) -> bool:
    positive = [
        f for f in found if f.code not in NEGATIVE_CODES and f.code not in PROPOSAL_QUALIFIERS
    ]
    distinct = {f.code for f in positive}
    if len(distinct) >= STUFFING_CODES + 1:
        return True
    density = len(positive) / max(1, len(sentences))
    if len(distinct) >= STUFFING_CODES and density >= 1.5:
        return True
    return len(positive) >= 6 and density >= STUFFING_DENSITY


def _flattery(text: str, context: ScoringContext) -> bool:
    here = len(lx.FLATTERY_RE.findall(text.lower()))
    if here >= 2:
        return True
    if here == 1:
        before = sum(bool(lx.FLATTERY_RE.search(t.lower())) for t in context.trainee_history[-6:])
        return before >= 1
    return False


def judge(
    text: str, sentences: list[Sentence], found: list[Found], context: ScoringContext
) -> Verdict:
    """The message's weight (0-1) and the gaming checks that fired."""
    flags = set()
    if _repeats(sentences, context):
        flags.add("repeat")
    if _echoes(text, context):
        flags.add("echo")
    if _stuffed(found, sentences):
        flags.add("stuffing")
    if _flattery(text, context):
        flags.add("flattery")
    weight = 1.0
    for flag in flags:
        weight *= PENALTY[flag]
    return Verdict(round(weight, 3), frozenset(flags))
