"""End-to-end cost of one turn (score, advance the party, durable write) against scoring alone."""

from __future__ import annotations

import tempfile
from itertools import cycle, islice
from pathlib import Path

from bot.bench import Row, timed
from dialogues.catalogue import ScenarioCatalogue
from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext
from dialogues.service import SessionService
from state.store import SqliteStore

MESSAGES = [
    "It sounds like you're worried the convoy is hiding something.",
    "What would you need to see before the first trucks move?",
    "I hear you: your men have been shot at from this road before.",
    "Let me be open about what's in the trucks: flour, medicine and water.",
    "Could we open the gate for the four medical trucks for one hour, with an observer watching?",
]
TURNS = 40  # one session: stays below the scenario's breakdown limit


def _turns() -> list[Row]:
    catalogue = ScenarioCatalogue()
    messages = list(islice(cycle(MESSAGES), TURNS))
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "bench.db")
        service = SessionService(store, catalogue)

        def play() -> None:
            session_id = service.start("checkpoint-convoy", trainee="bench", seed=1).session.id
            for text in messages:
                if service.session(session_id).status == "ended":
                    break
                service.handle_turn(session_id, text)

        turn_s = timed(play, TURNS)
        context = ScoringContext(party_last="Nobody passes this checkpoint.")
        score_s = timed(lambda: [score(m, context) for m in messages], TURNS)
    return [
        Row("scoring only (baseline)", TURNS, score_s),
        Row(
            "full turn: score + engine + durable write",
            TURNS,
            turn_s,
            "scoring only",
            turn_s / score_s,
        ),
    ]


CASES = [_turns]
