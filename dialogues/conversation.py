"""The party's side of a stored conversation, rebuilt in the order it was spoken.

A session stores the opening line, each turn's reply (empty while the session was paused:
the party stayed silent) and each injected event's reply with the number of trainee turns
before it (`detail["after_turn"]`). The service (to restore the scorer's context) and the
debrief (to see what each trainee message answered) both need the party's lines back in
order; this is the one place that puts them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dialogues.ports import EventRecord, TurnRecord


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
