"""End-to-end cost of one turn (score, advance the party, durable write) against scoring alone.

The same turns on an in-memory store give the cost without the durable commit: the figure
the counterpart's latency budget is about (topics, terms, memory and reply choice included).
"""

from __future__ import annotations

import tempfile
from itertools import cycle, islice
from pathlib import Path

from bot.bench import Row, timed
from dialogues.catalogue import ScenarioCatalogue
from dialogues.memory_store import MemoryStore
from dialogues.ports import SessionStore
from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext
from dialogues.service import SessionService
from state.store import SqliteStore

# Varied, civil messages (repeats would be flagged as gaming and could end the session early).
MESSAGES = [
    "It sounds like you're worried the convoy is hiding something.",
    "What would you need to see before the first trucks move?",
    "I hear you: your men have been shot at from this road before.",
    "Let me be open about what's in the trucks: flour, medicine and water.",
    "That must have been a terrible night for your brigade.",
    "What happened the last time a convoy came through here?",
    "So the real worry is what your men will think if the gate opens.",
    "I promise to bring you the driver list within the hour.",
    "Here is the driver list, as I promised.",
    "Could your men inspect the first two trucks now, with an observer signing the record?",
]
TURNS = 30


def _play(
    store: SessionStore, catalogue: ScenarioCatalogue, messages: list[str]
) -> tuple[float, int]:
    """Seconds for one session of `messages` (best of the runs), and how many turns it took."""
    service = SessionService(store, catalogue)
    played: list[int] = []

    def play() -> None:
        session_id = service.start("checkpoint-convoy", trainee="bench", seed=1).session.id
        count = 0
        for text in messages:
            count += 1
            if service.handle_turn(session_id, text).outcome != "ongoing":
                break
        played.append(count)

    seconds = timed(play, TURNS)
    return seconds, played[-1]  # every run plays the same turns: same seed, same messages


def _turns() -> list[Row]:
    catalogue = ScenarioCatalogue()
    messages = list(islice(cycle(MESSAGES), TURNS))
    with tempfile.TemporaryDirectory() as folder:
        turn_s, turns = _play(SqliteStore(Path(folder) / "bench.db"), catalogue, messages)
    memory_s, _ = _play(MemoryStore(), catalogue, messages)
    context = ScoringContext(party_last="Nobody passes this checkpoint.")
    score_s = timed(lambda: [score(m, context) for m in messages[:turns]], turns)
    scoring = Row("scoring only (baseline)", turns, score_s)
    return [
        scoring,
        scoring.versus("turn without the durable write (target ≤ 1 ms)", memory_s),
        scoring.versus("full turn: score + engine + durable write", turn_s),
    ]


CASES = [_turns]
