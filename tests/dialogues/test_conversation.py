"""A session's conversation: the party's lines rebuilt from the store, and the windows a
live session keeps per turn, equal to a reading of the whole history."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dialogues.conversation import COACH_WINDOW, Conversation, party_lines
from dialogues.ports import EventRecord, TurnRecord
from dialogues.scoring.history import PARTY_WINDOW, TRAINEE_WINDOW, History, PartyLine
from dialogues.scoring.model import CodeHit, ScoringContext, TurnScore, empty_points
from dialogues.scoring.rubric import LISTENING_CODES, Code


def turn(index: int, reply: str) -> TurnRecord:
    return TurnRecord("s", index, "t", f"message {index}", {}, reply, "hostile", {})


def inject(reply: str, after_turn: int) -> EventRecord:
    return EventRecord("s", "inject", "f", {"event": "e", "reply": reply, "after_turn": after_turn})


def test_lines_are_grouped_by_the_turn_that_answered_them() -> None:
    turns = [turn(0, "R0"), turn(1, ""), turn(2, "R2")]  # turn 1 came while paused
    events = [
        inject("E0", 0),
        EventRecord("s", "pause", "f", {}),
        inject("E2", 2),
        EventRecord("s", "hint", "f", {"hint": "not a party line"}),
        inject("E3", 3),
    ]
    lines = party_lines("Opening", turns, events)
    assert lines.before == (("Opening", "E0"), ("R0",), ("E2",), ("R2", "E3"))
    assert lines.all == ["Opening", "E0", "R0", "E2", "R2", "E3"]


def test_without_events_only_the_opening_and_replies_count() -> None:
    assert party_lines("Opening", [turn(0, "R0")]).before == (("Opening",), ("R0",))


# -- the windows a live session keeps, against a from-scratch reading ---------------------

LINES = [
    "Nobody passes this checkpoint.",
    "Your last convoy carried rifles under the flour!",
    "My men have not eaten in two days.",
    "",
    "Why should I trust you? You lied before.",
    "Fine. Show me the list.",
]
MESSAGES = [
    "It sounds like you're worried about the convoy.",
    "What would you need to see before the trucks move?",
    "You're a wise leader. I respect you.",
    "I promise the driver list within the hour",
    "So the real worry is your men. Your men matter.",
    "ok",
]
CODE_SETS = [(), ("paraphrase",), ("open_question",), ("commitment", "interim_proposal")]

# One step of a session: a trainee turn (message, its codes, the party's reply, "" while
# paused) or an injected event's line.
step = st.one_of(
    st.tuples(
        st.just("turn"),
        st.sampled_from(MESSAGES),
        st.sampled_from(CODE_SETS),
        st.sampled_from(LINES),
    ),
    st.tuples(st.just("inject"), st.sampled_from(LINES[:3])),
)


def scored(codes: tuple[str, ...]) -> TurnScore:
    return TurnScore(hits=tuple(CodeHit(Code(c), (), "test") for c in codes), points=empty_points())


def view(history: History) -> tuple[object, ...]:
    """Everything the scorer reads from a history, comparable with `==`."""

    def party(line: PartyLine) -> tuple[object, ...]:
        return (line.text, line.tokens.tolist(), line.words, line.content)

    own = [(o.blank, o.tokens.tolist(), o.words, o.parts, o.flattery) for o in history.own]
    return (
        party(history.party_last),
        history.party_last.embedding.tobytes(),
        [party(line) for line in history.party_recent],
        history.party_contents,
        own,
        history.turn,
        history.listened,
    )


@settings(max_examples=60, deadline=None)
@given(opening=st.sampled_from(LINES[:3]), steps=st.lists(step, max_size=40))
def test_windows_kept_per_turn_equal_a_reading_of_the_whole_history(
    opening: str, steps: list[tuple]
) -> None:
    live = Conversation.opening(opening)
    turns: list[TurnRecord] = []
    events: list[EventRecord] = []
    spoken, sent = [opening], []
    listened = False
    for kind, *rest in steps:
        if kind == "inject":
            [line] = rest
            events.append(inject(line, len(turns)))
            live.party_said(line)
            spoken.append(line)
            continue
        text, codes, reply = rest
        score = scored(codes)
        live.trainee_said(text, score)
        if reply:
            live.party_said(reply)
            spoken.append(reply)
        turns.append(TurnRecord("s", len(turns), "t", text, score.to_dict(), reply, "hostile", {}))
        sent.append(text)
        listened = listened or bool(LISTENING_CODES & {Code(c) for c in codes})

    reloaded = Conversation.of(opening, turns, events)
    from_scratch = History.of(ScoringContext(spoken[-1], tuple(spoken), tuple(sent), listened))
    assert view(live.history()) == view(reloaded.history()) == view(from_scratch)
    assert [s.codes for s in live.scores] == [s.codes for s in reloaded.scores]
    assert len(live.scores) == min(len(turns), COACH_WINDOW)
    assert len(live.own) <= TRAINEE_WINDOW and len(live.party_contents) <= PARTY_WINDOW
