"""Gaming checks: what makes a message count for less than its codes suggest.

Trainees (and bots) learn fast that the scorer likes certain phrases. Four patterns are
caught and turned into a lower `weight` plus a named flag, so the engine gives diminishing
or negative returns and the debrief can say why:

- `repeat`: the message (or a sentence of it) repeats one the trainee already sent;
- `echo`: it copies the party's own words back at length instead of reflecting them;
- `stuffing`: many different techniques crammed into one message, or a string of short stock
  phrases that are about nothing the party said;
- `flattery`: praise of the party piled on, or repeated across turns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogues.scoring.model import NO_FLAGS
from dialogues.scoring.rubric import NEGATIVE_CODES, PROPOSAL_QUALIFIERS, Code
from dialogues.scoring.sentences import (
    Sentence,
    content_words,
    is_copy,
    longest_shared_run,
    words,
)

if TYPE_CHECKING:
    from dialogues.scoring.history import History

# How much a message still counts when a check fires (they multiply).
PENALTY = {"repeat": 0.3, "echo": 0.3, "stuffing": 0.4, "flattery": 0.45}
# Distinct listening/trust techniques one message may show before it reads as a checklist.
STUFFING_CODES = 5
STUFFING_DENSITY = 1.5
# A string of stock phrases: at least this many sentences, nearly all of them short and about
# nothing the party said, carrying at least STOCK_CODES different moves. Set on the calibration
# gaming scripts and the training writers (it fires on 0 of 510 skilled script messages and
# on 0.2% of the training corpus), never on a test split.
STOCK_SENTENCES = 4
STOCK_SHARE = 0.8
STOCK_WORDS = 8
STOCK_CODES = 4
# Praise counts as piled on when it also came in one of this many earlier messages.
FLATTERY_WINDOW = 6  # distinct techniques per sentence, with STUFFING_CODES of them
# Praise of the party: a gaming signal when piled on (no code of its own, see docs/rubric.md).
_YOU = r"(?:you|u|ya)"
FLATTERY_RE = re.compile(
    rf"\b(?:(?:{_YOU}(?:'re| are|re)|ur)\s+(?:(?:such|so|truly|really|clearly|very|a)\s+)*"
    r"(?:an?\s+)?(?:great|brilliant|wise|amazing|fantastic|incredible|impressive|smart|genius|"
    r"legend|hero|strong|honou?rable|noble|admirable|remarkable|exceptional|outstanding|"
    r"wonderful|excellent|respected|legendary|inspiring|courageous|brave|clever|best)|"
    rf"(?:i|we)\s+(?:really\s+|truly\s+|so\s+|deeply\s+)?(?:admire|respect|adore)\s+{_YOU}|"
    r"(?:what|such)\s+an?\s+(?:great|wise|amazing|brilliant|strong|impressive)\s+"
    r"(?:leader|man|woman|commander|person|negotiator)|"
    r"(?:your|ur)\s+(?:wisdom|leadership|strength|courage|intelligence|genius)\s+(?:is|are)|"
    r"(?:truly|so|very|incredibly)\s+(?:wise|brilliant|impressive|honou?rable|noble|inspiring))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Verdict:
    weight: float
    flags: frozenset[str]


def _jaccard(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def message_parts(message: str) -> list[str]:
    """A message cut at every sentence mark, as repeats are compared (not `split_sentences`:
    a pasted repeat is caught even when its punctuation changed)."""
    return message.replace("!", ".").replace("?", ".").split(".")


def _repeats(sentences: list[Sentence], history: History) -> bool:
    mine = [set(words(s.text)) for s in sentences]
    substantive = [m for m in mine if len(m) >= 4]
    # The same sentence twice in one message.
    for i, a in enumerate(substantive):
        if any(_jaccard(a, b) >= 0.8 for b in substantive[i + 1 :]):
            return True
    if not history.own:
        return False
    whole = set().union(*mine) if mine else set()
    earlier_sentences: list[frozenset[str]] = []
    for earlier in history.own:
        if len(whole) >= 3 and _jaccard(whole, frozenset(earlier.words)) >= 0.75:
            return True
        earlier_sentences.extend(frozenset(part) for part in earlier.parts)
    # Most of this message's substantive sentences were sent before.
    if substantive:
        seen = sum(1 for a in substantive if any(_jaccard(a, b) >= 0.8 for b in earlier_sentences))
        if seen and seen >= (len(substantive) + 1) // 2:
            return True
    return False


def _echoes(text: str, history: History) -> bool:
    """Pasting their message back: most of it, word for word, and little of one's own.

    Quoting a clause of theirs inside one's own reflection is not an echo; handing back the
    bulk of what they said is.
    """
    if not history.party_last.text:
        return False
    mine, theirs = words(text), list(history.party_last.words)
    if not is_copy(mine, theirs):
        return False
    run = longest_shared_run(mine, theirs)
    return run >= 12 or (run >= 0.6 * len(theirs) and run >= 0.5 * len(mine))


def _stuffed(codes: list[Code], sentences: list[Sentence], history: History) -> bool:
    """Many different techniques crammed into few sentences reads as a checklist; so does a
    string of short stock phrases ("I hear you. That must be hard. I'm sorry. Tell me more.")
    that touch nothing the party said, however many sentences it is spread over."""
    positive = {c for c in codes if c not in NEGATIVE_CODES and c not in PROPOSAL_QUALIFIERS}
    if len(positive) >= STUFFING_CODES + 1:
        return True
    if len(positive) >= STUFFING_CODES and len(positive) / len(sentences) >= STUFFING_DENSITY:
        return True
    if len(positive) < STOCK_CODES or len(sentences) < STOCK_SENTENCES:
        return False
    said = frozenset().union(*history.party_contents)
    stock = sum(
        1
        for s in sentences
        if len(words(s.text)) <= STOCK_WORDS and content_words(s.text).isdisjoint(said)
    )
    return stock >= STOCK_SHARE * len(sentences)


def _flattery(text: str, history: History) -> bool:
    here = len(FLATTERY_RE.findall(text.lower()))
    if here >= 2:
        return True
    if here == 1:
        return any(line.flattery for line in history.own[-FLATTERY_WINDOW:])
    return False


def judge(text: str, sentences: list[Sentence], codes: list[Code], history: History) -> Verdict:
    """The message's weight (0-1) and the gaming checks that fired."""
    flags = set()
    if _repeats(sentences, history):
        flags.add("repeat")
    if _echoes(text, history):
        flags.add("echo")
    if _stuffed(codes, sentences, history):
        flags.add("stuffing")
    if _flattery(text, history):
        flags.add("flattery")
    weight = 1.0
    for flag in flags:
        weight *= PENALTY[flag]
    return Verdict(round(weight, 3), frozenset(flags) if flags else NO_FLAGS)
