"""Cutting a message into sentences and words, keeping character offsets into the original.

Chat messages rarely punctuate well: sentences end at `.`, `!`, `?`, `…`, a line break or
an emoji run, and a message with none of those is one sentence. Offsets always index the
text the trainee typed, so evidence spans can be shown back to them verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dialogues.scoring.lexicon import CONCEPT_OF, STOPWORDS, WORD_RE

# A sentence ends after terminal punctuation (plus closing quotes/brackets) followed by a
# space, or at a line break. Decimal points and "e.g." stay inside a sentence.
_BOUNDARY_RE = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n+|(?<=[.!?…])[\"')\]]*$")
# Typographic apostrophes and quotes become ASCII (same length, so offsets do not move).
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"'})


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: where it sits in the message and its normalised text."""

    start: int
    end: int
    text: str  # normalised (ASCII apostrophes), same length as the original slice
    low: str  # `text` lowercased, same length: what the patterns are matched against

    @property
    def is_question(self) -> bool:
        return self.text.rstrip(" \t\"')]}…*~").endswith("?")


def normalise(text: str) -> str:
    """ASCII apostrophes and quotes; every other character (and so every offset) unchanged."""
    return text.translate(_TRANSLATE)


def lower(text: str) -> str:
    """Lowercase without changing the length (a few characters, like "İ", grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def split_sentences(text: str) -> list[Sentence]:
    """The message's sentences, with offsets into `text`, leading/trailing space trimmed."""
    norm = normalise(text)
    sentences: list[Sentence] = []
    pos = 0
    for match in _BOUNDARY_RE.finditer(norm):
        _add(sentences, norm, pos, match.start())
        pos = match.end()
    _add(sentences, norm, pos, len(norm))
    return sentences


def _add(out: list[Sentence], norm: str, start: int, end: int) -> None:
    chunk = norm[start:end]
    stripped = chunk.strip()
    if not stripped or not any(ch.isalnum() or ord(ch) > 0x2000 for ch in stripped):
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append(Sentence(s, s + len(stripped), stripped, lower(stripped)))


def words(text: str) -> list[str]:
    """Lowercased word tokens (apostrophes dropped so "don't" and "dont" agree)."""
    return list(word_tuple(text))


@lru_cache(maxsize=8192)
def word_tuple(text: str) -> tuple[str, ...]:
    """`words` as a tuple, cached: earlier messages are looked at again on every turn."""
    return tuple(w.replace("'", "") for w in WORD_RE.findall(normalise(text).lower()))


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A crude suffix stripper: enough for "trucks"/"truck", "starving"/"starve"."""
    for suffix, keep in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            break
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """Meaning-bearing words (no stopwords, no 1-2 letter words), as concepts or stems.

    Words of one concept group ("hungry", "not eaten") collapse to one key, so a reflection
    in other words still overlaps with what the party said.
    """
    return frozenset(
        CONCEPT_OF.get(w) or stem(w) for w in words(text) if len(w) > 2 and w not in STOPWORDS
    )


def longest_shared_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive words `a` shares with `b` (copying)."""
    if not a or not b:
        return 0
    positions: dict[str, list[int]] = {}
    for j, word in enumerate(b):
        positions.setdefault(word, []).append(j)
    best = 0
    prev: dict[int, int] = {}
    for word in a:
        cur: dict[int, int] = {}
        for j in positions.get(word, ()):
            cur[j] = prev.get(j - 1, 0) + 1
            if cur[j] > best:
                best = cur[j]
        prev = cur
    return best


def is_copy(text_words: list[str], source_words: list[str]) -> bool:
    """Whether a sentence is mostly a verbatim copy of the source (not in one's own words)."""
    if len(text_words) < 5 or not source_words:
        return False
    run = longest_shared_run(text_words, source_words)
    source = set(source_words)
    covered = sum(w in source for w in text_words) / len(text_words)
    return run >= 7 or (run >= 5 and covered >= 0.8)
