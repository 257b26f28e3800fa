"""The conversation so far as the scorer reads it: each line's features computed once, in windows.

Scoring a message looks back at the party's lines (reflections, lines touched) and at the
trainee's earlier messages (consistency, repetition, flattery). Re-deriving those from every
earlier line on every turn made a turn's cost grow with the session, and the process-wide
caches that hid it thrashed once a thousand sessions were live. Here each line is read once,
when it is said (`party_line`, `own_line`), and only bounded windows are kept, so a session
can keep its `History` and update it per turn (`dialogues.conversation.Conversation`).

`History.of` builds the same thing from a plain `ScoringContext` (classify, training), through
the same functions, so a message scores the same either way.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass

from dialogues.deferred import np
from dialogues.scoring.encoder.vectors import encoder
from dialogues.scoring.gaming import FLATTERY_RE, message_parts
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.sentences import content_words, words

# How many of the party's recent lines a reflection may draw on (the rubric's "last three").
RECENT_PARTY_LINES = 3
# How many of the party's lines count for "lines touched"; the training conversations have at
# most 16, so the window changes no training example and bounds cost and memory per session.
PARTY_WINDOW = 24
# How many earlier trainee messages count for consistency and repetition (bounded cost).
TRAINEE_WINDOW = 12


@dataclass(frozen=True, slots=True)
class PartyLine:
    """One line of the party: its text, tokens and words, read once when it is spoken.

    Memory per live session is the constraint here (10,000 sessions): token ids, not the
    embedding (a tenth of the size; `embedding` pools them again, exactly), and words as
    tuples of interned strings, shared across sessions, not frozensets.
    """

    text: str
    tokens: np.ndarray
    words: tuple[str, ...]
    content: tuple[str, ...]  # content words

    @property
    def embedding(self) -> np.ndarray:
        return encoder().pooled(self.tokens)


@dataclass(frozen=True, slots=True)
class OwnLine:
    """One earlier trainee message as the scorer compares against it (text not kept)."""

    blank: bool
    tokens: np.ndarray
    words: tuple[str, ...]  # distinct words of the whole message
    parts: tuple[tuple[str, ...], ...]  # distinct words of each part (repeated sentences)
    flattery: bool

    @property
    def embedding(self) -> np.ndarray:
        return encoder().pooled(self.tokens)


def _interned(found: Iterable[str]) -> tuple[str, ...]:
    return tuple(sys.intern(w) for w in found)


def party_line(text: str) -> PartyLine:
    """Read one line of the party (once: its features are kept with the session)."""
    return PartyLine(
        text=text,
        tokens=encoder().token_ids(text),
        words=_interned(words(text)),
        content=_interned(sorted(content_words(text))),
    )


def own_line(text: str) -> OwnLine:
    """Read one trainee message for later turns to compare against."""
    return OwnLine(
        blank=not text.strip(),
        tokens=encoder().token_ids(text),
        words=_interned(sorted(set(words(text)))),
        parts=tuple(_interned(sorted(set(words(p)))) for p in message_parts(text)),
        flattery=FLATTERY_RE.search(text.lower()) is not None,
    )


@dataclass(frozen=True, slots=True)
class History:
    """What one message is scored against: the windows a session keeps, read once per line.

    `party_recent` holds the last RECENT_PARTY_LINES non-blank party lines (with `party_last`
    among them when it is not blank), `party_contents` the content words of the last
    PARTY_WINDOW, `own` the last TRAINEE_WINDOW trainee messages, `turn` how many the trainee
    sent in all.
    """

    party_last: PartyLine
    party_recent: tuple[PartyLine, ...] = ()
    party_contents: tuple[tuple[str, ...], ...] = ()
    own: tuple[OwnLine, ...] = ()
    turn: int = 0
    listened: bool = True

    @classmethod
    def of(cls, context: ScoringContext | History | None) -> History:
        """The history of a plain context (every line read now), or `context` if it is one."""
        if isinstance(context, History):
            return context
        context = context or ScoringContext()
        history = list(context.party_history)
        if context.party_last and (not history or history[-1] != context.party_last):
            history.append(context.party_last)
        last = party_line(context.party_last)
        lines = [
            last if line == context.party_last else party_line(line)
            for line in [line for line in history if line.strip()][-PARTY_WINDOW:]
        ]
        return cls.assemble(
            last,
            lines[-RECENT_PARTY_LINES:],
            (line.content for line in lines),
            [own_line(t) for t in context.trainee_history[-TRAINEE_WINDOW:]],
            len(context.trainee_history),
            context.listened,
        )

    @classmethod
    def assemble(
        cls,
        party_last: PartyLine,
        party_recent: Iterable[PartyLine],
        party_contents: Iterable[tuple[str, ...]],
        own: Iterable[OwnLine],
        turn: int,
        listened: bool,
    ) -> History:
        """A history from lines already read, cut to the windows the scorer looks at."""
        return cls(
            party_last,
            tuple(party_recent)[-RECENT_PARTY_LINES:],
            tuple(party_contents)[-PARTY_WINDOW:],
            tuple(own)[-TRAINEE_WINDOW:],
            turn,
            listened,
        )
