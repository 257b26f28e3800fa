"""Openings in the party's lines that call for a listening reply: fear, loss, anger, concession.

The coach points at them before the trainee answers; the debrief lists the ones that went
unanswered. Both read them here so they agree. The scorer's lexicon (`dialogues/scoring/`)
codes the *trainee's* words; these patterns read the *party's*, so they live apart.

Two things are not openings: a loss needs a loss word ("died", "buried"), not a possessive
("my men"); and an emotion the trainee has just named, which the party is only confirming
("Worried, yes." after "You sound worried"), has already been labelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dialogues.scoring import lexicon as lx
from dialogues.scoring.rubric import Code
from dialogues.scoring.sentences import split_sentences

LOSS_WORDS: tuple[str, ...] = (
    "died",
    "dead",
    "death",
    "deaths",
    "killed",
    "murdered",
    "buried",
    "bury",
    "burying",
    "lost",
    "loss",
    "funeral",
    "funerals",
    "grave",
    "graves",
    "bodies",
    "mourning",
    "mourn",
    "grief",
    "grieving",
    "widow",
    "widows",
    "orphan",
    "orphans",
)
# Fear words that are really about a death already suffered read as a loss, not a fear.
FEAR_CUE_RE = lx.rx(
    r"\b" + lx.alternation([w for w in lx.FEAR_WORDS if w not in LOSS_WORDS]) + r"\b"
)
LOSS_CUE_RE = lx.rx(r"\b" + lx.alternation(LOSS_WORDS) + r"\b")
ANGER_CUE_RE = lx.ANGER_CI_RE

# Word stems that name each feeling, in the trainee's words or the party's.
FAMILIES: dict[str, re.Pattern[str]] = {
    "fear": re.compile(
        r"\b(?:afraid|scar(?:ed|e|y|ing)\b|fear|fright|terrif|worr|panic|anxi|nervous|unsafe|danger)"
    ),
    "loss": re.compile(
        r"\b(?:grie|mourn|loss|lost|los(?:e|ing)|died|death|dead|kill|buri|bury|funeral|"
        r"heartbr|devastat|sorrow|sad(?:ness|dened)?\b|widow|orphan)"
    ),
    "anger": re.compile(
        r"\b(?:angr|anger|furious|fury|fed up|sick of|rage|outrag|betray|humiliat|disrespect|"
        r"insult|frustrat|mad\b|liars?\b|lie[sd]?\b|enough)"
    ),
}
CONFIRMS_RE = re.compile(
    r"\b(?:yes|yeah|yep|aye|exactly|correct|precisely)\b"
    r"|\byou(?:'ve| have)? (?:got )?(?:it|that) right\b|\byou(?:'ve| have) got it\b"
    r"|\bthat'?s (?:it|right|true|so)\b"
)
# The trainee's moves that answer an emotional opening.
LISTENING_REPLIES = frozenset(
    {Code.EMOTION_LABEL, Code.ACKNOWLEDGEMENT, Code.PARAPHRASE, Code.SUMMARY, Code.APOLOGY}
)
FRAGMENT_WORDS = 4  # "Grief, anger, both." answers a label; it does not open a new topic


@dataclass(frozen=True)
class Cue:
    """An emotional opening: its kind (fear, loss, anger) and the words that show it."""

    kind: str
    words: str


def emotion_cue(line: str, labelled: Iterable[str] = ()) -> Cue | None:
    """The first fear, loss or anger cue in the party's `line` that is still unlabelled.

    `labelled` holds the trainee's listening words from the message the party is answering
    (e.g. the evidence of its `emotion_label`). A cue is already answered when the trainee
    named the same feeling there, or when the party is confirming their label ("Worried,
    yes.", "Grief, anger, both. You have it right") in a short fragment or a confirming
    sentence.
    """
    labelled = [text.lower() for text in labelled if text]
    named = {
        kind for kind, pattern in FAMILIES.items() for text in labelled if pattern.search(text)
    }
    confirming = bool(labelled) and bool(CONFIRMS_RE.search(line.lower()))
    for sentence in split_sentences(line):
        low = sentence.low
        echo = confirming and (len(low.split()) <= FRAGMENT_WORDS or bool(CONFIRMS_RE.search(low)))
        for kind, pattern in (
            ("fear", FEAR_CUE_RE),
            ("loss", LOSS_CUE_RE),
            ("anger", ANGER_CUE_RE),
        ):
            match = pattern.search(low)
            if match is None:
                continue
            if echo or kind in named:
                continue
            return Cue(kind, match.group(0).strip())
    return None


def gives_ground(line: str) -> bool:
    """Whether the party's `line` concedes something ("Fine, I will let one truck through")."""
    return bool(lx.CONCESSION_RE.search(line.lower()))
