"""A session's conversation: the party's lines in the order spoken, and what a live session keeps.

A session stores the opening line, each turn's reply (empty while the session was paused:
the party stayed silent) and each injected event's reply with the number of trainee turns
before it (`detail["after_turn"]`). The service (to restore the scorer's context) and the
debrief (to see what each trainee message answered) both need the party's lines back in
order; this is the one place that puts them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from dialogues.ports import EventRecord, TurnRecord
from dialogues.scoring.history import (
    PARTY_WINDOW,
    RECENT_PARTY_LINES,
    TRAINEE_WINDOW,
    History,
    OwnLine,
    PartyLine,
    own_line,
    party_line,
)
from dialogues.scoring.model import TurnScore
from dialogues.scoring.rubric import LISTENING_CODES

# The coach looks back at most this many scores (`coach.suggest_hint`: the last 3 and 8).
COACH_WINDOW = 8
LISTENING_VALUES = frozenset(code.value for code in LISTENING_CODES)
T = TypeVar("T")


@dataclass(frozen=True)
class PartyLines:
    """What the party said, grouped by the trainee turn that came next.

    `before[i]` holds the lines spoken after trainee turn i-1 and before turn i (for turn 0:
    the opening and any event injected before the first message); an unanswered (paused)
    turn leaves the next group without a reply. The last group holds what came after the
    last turn, so there is always one group more than there are turns.
    """

    before: tuple[tuple[str, ...], ...]

    @property
    def all(self) -> list[str]:
        """Every line of the party, in the order it was spoken."""
        return [line for group in self.before for line in group]


def party_lines(
    opening: str, turns: Sequence[TurnRecord], events: Iterable[EventRecord] = ()
) -> PartyLines:
    """The party's lines of a session (opening, replies, injected events) aligned to turns."""
    injected: dict[int, list[str]] = {}
    for event in events:
        if event.kind == "inject" and event.detail.get("reply"):
            after = int(event.detail.get("after_turn", 0))
            injected.setdefault(after, []).append(event.detail["reply"])
    groups = [[opening, *injected.pop(0, [])] if opening else injected.pop(0, [])]
    for position, turn in enumerate(turns, start=1):
        group = [turn.reply] if turn.reply else []
        group.extend(injected.pop(position, []))
        groups.append(group)
    # An event recorded after a turn the store no longer has (never expected) still counts,
    # after everything else, rather than silently vanishing from the scorer's context.
    for after in sorted(injected):
        groups[-1].extend(injected[after])
    return PartyLines(tuple(tuple(g) for g in groups))


@dataclass
class Conversation:
    """What a live session keeps of its conversation: bounded windows, updated once per turn.

    The scorer looks back at the party's recent lines and the trainee's recent messages, the
    coach at the last few scores; re-deriving them from the whole history on every turn made
    a turn cost more the longer a session ran. Each line is read once, when it is said, and
    only the windows the scorer and coach look at are kept, so memory per session is bounded
    too. `of` rebuilds the same state from stored records (a session reloaded after eviction
    or a restart), through the same per-line functions, so play continues identically.
    """

    # Windows are short lists trimmed on append: a deque costs 640 bytes even when empty.
    party_last: PartyLine
    party_recent: list[PartyLine] = field(default_factory=list)
    party_contents: list[tuple[str, ...]] = field(default_factory=list)
    own: list[OwnLine] = field(default_factory=list)
    scores: list[TurnScore] = field(default_factory=list)
    turns: int = 0  # trainee messages played in all
    listened: bool = False  # any listening move so far (a proposal before one is premature)

    @classmethod
    def opening(cls, line: str) -> Conversation:
        """A new session's conversation: only the party's opening line so far."""
        conversation = cls(party_line(""))
        if line:
            conversation.party_said(line)
        return conversation

    @classmethod
    def of(
        cls, opening: str, turns: Sequence[TurnRecord], events: Iterable[EventRecord] = ()
    ) -> Conversation:
        """The conversation of a stored session, as if it had been played turn by turn here."""
        conversation = cls(party_line(""))
        for line in party_lines(opening, turns, events).all[-PARTY_WINDOW:]:
            conversation.party_said(line)
        for turn in turns[-max(TRAINEE_WINDOW, COACH_WINDOW) :]:
            _push(conversation.own, own_line(turn.text), TRAINEE_WINDOW)
            _push(conversation.scores, TurnScore.from_dict(turn.score), COACH_WINDOW)
        conversation.turns = len(turns)
        conversation.listened = any(
            LISTENING_VALUES.intersection(t.score.get("codes", ())) for t in turns
        )
        return conversation

    def party_said(self, line: str) -> None:
        """The party spoke `line` (a reply, or an injected event's line)."""
        read = party_line(line)
        self.party_last = read
        if line.strip():
            _push(self.party_recent, read, RECENT_PARTY_LINES)
            _push(self.party_contents, read.content, PARTY_WINDOW)

    def trainee_said(self, text: str, score: TurnScore) -> None:
        """The trainee's message `text` was played and scored `score`."""
        _push(self.own, own_line(text), TRAINEE_WINDOW)
        _push(self.scores, score, COACH_WINDOW)
        self.turns += 1
        self.listened = self.listened or bool(LISTENING_CODES & set(score.codes))

    def history(self) -> History:
        """What the next message is scored against."""
        return History.assemble(
            self.party_last,
            self.party_recent,
            self.party_contents,
            self.own,
            self.turns,
            self.listened,
        )


def _push(window: list[T], item: T, size: int) -> None:
    """Append `item`, keeping only the last `size` items."""
    window.append(item)
    if len(window) > size:
        del window[: len(window) - size]
