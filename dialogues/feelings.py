"""Naming feelings: which family of feeling a word belongs to, for the party and the trainee.

The party confirms a label that names what it feels in its current state and corrects one
that does not ("Tired? No. Angry."): the scenario lists the state's feelings in plain words,
and both those words and the trainee's label are read into the same families here.
"""

from __future__ import annotations

import re

FAMILIES: dict[str, re.Pattern[str]] = {
    "anger": re.compile(
        r"\b(?:angr\w*|anger|furious|fury|rage|enraged|outrag\w*|mad|livid|fed up|sick of|"
        r"frustrat\w*|irritat\w*|annoy\w*|resent\w*|bitter\w*|betray\w*|indignan\w*)\b"
    ),
    "fear": re.compile(
        r"\b(?:afraid|scared|fear\w*|frighten\w*|terrif\w*|worr\w*|anxious|anxiety|nervous|"
        r"panic\w*|unsafe|uneasy|alarm\w*|dread\w*)\b"
    ),
    "grief": re.compile(
        r"\b(?:grie\w*|mourn\w*|sad|sadness|saddened|heartbr\w*|devastat\w*|sorrow\w*|loss|"
        r"bereave\w*|hurt|hurting|pain\w*|broken)\b"
    ),
    "distrust": re.compile(
        r"\b(?:suspicio\w*|distrust\w*|mistrust\w*|wary|cautious|sceptic\w*|skeptic\w*|"
        r"doubt\w*|cynic\w*|paranoi\w*|lied to|deceived|tricked|played)\b"
    ),
    "humiliation": re.compile(
        r"\b(?:humiliat\w*|disrespect\w*|insult\w*|ashamed|shame\w*|embarrass\w*|belittl\w*|"
        r"ignored|unheard|invisible|looked down|dismissed|degrad\w*)\b"
    ),
    "exhaustion": re.compile(
        r"\b(?:tired|exhaust\w*|weary|worn out|drained|burn(?:ed|t) out|sleepless|no sleep|"
        r"fatigue\w*)\b"
    ),
    "pressure": re.compile(
        r"\b(?:pressure\w*|trapped|cornered|stuck|overwhelm\w*|squeezed|torn|burden\w*|"
        r"responsib\w*|weight)\b"
    ),
    "hope": re.compile(r"\b(?:hope\w*|relie\w*|optimis\w*|encourag\w*)\b"),
}


def named(text: str) -> list[tuple[str, str]]:
    """(word as written, family) for every feeling word in `text`, in order of appearance."""
    low = text.lower()
    found = [
        (match.start(), text[match.start() : match.end()], family)
        for family, pattern in FAMILIES.items()
        for match in pattern.finditer(low)
    ]
    return [(word, family) for _, word, family in sorted(found)]


def families(words: tuple[str, ...] | list[str]) -> set[str]:
    """The families a state's feeling words belong to."""
    return {family for word in words for _, family in named(word)}
