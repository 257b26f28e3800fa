"""Which of a scenario's topics a message is about, by meaning first and keywords second.

The counterpart answers what it was asked: "What do the families need to hear?" must get the
families, not the state's stock open-question line. Each topic's examples are embedded once per
engine with the scorer's sentence model; a message's sentences are compared with them, and the
closest topic wins if it is close enough and clearly ahead of the next. Keywords catch what the
examples miss (a place name, a number of trucks). Small talk is a class of its own
(`small_talk.txt`): "Good morning, thank you for the tea" is closest to it, not to whichever
topic happens to be nearest, and gets no topic line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dialogues.deferred import np
from dialogues.scoring.encoder.vectors import encoder
from dialogues.scoring.sentences import content_words, split_sentences

SMALL_TALK = Path(__file__).with_name("small_talk.txt")

# Cosine a sentence must reach with a topic's closest example, and the lead it needs over the
# runner-up; chosen on the authors' own examples (leave-one-out), never on probe messages.
MATCH_MIN = 0.5
QUESTION_MATCH_MIN = 0.4
MARGIN = 0.05
# Weight of shared (rarity-weighted) content words beside the embedding: a handful of examples
# per topic is too few for meaning alone, and a named thing ("the clinic") is decisive.
WORDS_WEIGHT = 0.6


@dataclass(frozen=True)
class Match:
    """The topic a message is about, how it was found, and how close it came."""

    index: int
    id: str
    similarity: float
    by: str  # "meaning" or "keyword"


def phrase_pattern(phrases: Sequence[str], endings: bool = True) -> re.Pattern[str] | None:
    """Any of `phrases` as whole words, case-insensitive, any run of spaces between words.

    With `endings`, the last word may carry an ending ("search" finds "searched", "inspect"
    "inspection"), so authors list stems rather than every form; misreadings are exact idioms.
    """
    if not phrases:
        return None
    ending = r"\w{0,4}" if endings else ""
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) + ending for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@cache
def small_talk() -> tuple[str, ...]:
    """The shipped messages about no topic (comment lines skipped)."""
    lines = SMALL_TALK.read_text(encoding="utf-8").splitlines()
    return tuple(line for line in lines if line.strip() and not line.startswith("#"))


class Matcher:
    """Nearest-example matching over a fixed list of (id, examples, keywords).

    `reject` holds examples of messages about none of the items: a message whose closest
    match is among them matches nothing (not even by keyword).
    """

    def __init__(
        self,
        items: Sequence[tuple[str, Sequence[str], Sequence[str]]],
        reject: Sequence[str] = (),
    ) -> None:
        self.ids = [item[0] for item in items]
        if reject:
            items = [*items, ("", reject, ())]
        enc = encoder()
        raw = [np.stack([enc.embed(e) for e in item[1]]) for item in items]
        # Static sentence vectors share a large common direction (any two questions look
        # alike); measuring from the centre of this scenario's examples removes it.
        self._centre = np.concatenate(raw).mean(axis=0) if raw else np.zeros(enc.dimensions)
        self._examples = [self._centred(ex) for ex in raw]
        self._keywords = [phrase_pattern(item[2]) for item in items]
        self._words = [
            frozenset().union(*(content_words(t) for t in (*item[1], *item[2]))) for item in items
        ]
        # A word found in many topics says little about which one is meant.
        counts: dict[str, int] = {}
        for bag in self._words:
            for word in bag:
                counts[word] = counts.get(word, 0) + 1
        self._rarity = {w: 1.0 / n for w, n in counts.items()}

    def _centred(self, vectors: np.ndarray) -> np.ndarray:
        moved = vectors - self._centre
        norms = np.linalg.norm(moved, axis=-1, keepdims=True)
        return moved / np.where(norms > 0, norms, 1.0)

    def similarities(self, text: str) -> np.ndarray:
        """Per item: the best cosine between any sentence of `text` and any of its examples."""
        enc = encoder()
        vectors = [enc.embed(s.text) for s in split_sentences(text)] or [enc.embed(text)]
        stacked = self._centred(np.stack(vectors))
        meaning = np.array([float((stacked @ ex.T).max()) for ex in self._examples])
        mine = content_words(text)
        if not mine:
            return meaning
        shared = np.array(
            [sum(self._rarity[w] for w in mine & bag) / len(mine) for bag in self._words]
        )
        return meaning + WORDS_WEIGHT * shared

    def match(self, text: str, asked: bool = False) -> Match | None:
        """The item `text` is about, if any; `asked` (the message is an open question) lowers
        the bar: a question is about something, and its closest topic beats a stock answer."""
        if not self.ids or not text.strip():
            return None
        sims = self.similarities(text)
        order = np.argsort(-sims, kind="stable")
        best = int(order[0])
        if best >= len(self.ids):  # closest to the messages about nothing in particular
            return None
        runner_up = float(sims[order[1]]) if len(order) > 1 else -1.0
        bar = QUESTION_MATCH_MIN if asked else MATCH_MIN
        if sims[best] >= bar and sims[best] - runner_up >= MARGIN:
            return Match(best, self.ids[best], float(sims[best]), "meaning")
        return self.keyword_match(text, sims)

    def keyword_match(self, text: str, sims: np.ndarray | None = None) -> Match | None:
        """The first item one of whose keywords occurs in `text`."""
        for i, pattern in enumerate(self._keywords):
            if pattern is not None and pattern.search(text):
                similarity = float(sims[i]) if sims is not None else 0.0
                return Match(i, self.ids[i], similarity, "keyword")
        return None
