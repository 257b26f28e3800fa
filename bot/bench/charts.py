"""What a chart adds to a debrief: the meter-arc PNG against building the debrief itself.

Imports matplotlib at the top on purpose: without the [charts] extra `parley bench` reports
this module as skipped instead of failing.
"""

from __future__ import annotations

import tempfile
from itertools import cycle, islice
from pathlib import Path

from bot.bench import Row, timed
from bot.bench.turn import MESSAGES
from bot.charts.draw import meter_arc_figure, png
from bot.charts.series import session_arc
from dialogues.catalogue import ScenarioCatalogue
from dialogues.service import SessionService
from state.store import SqliteStore

TURNS = 20
REPEATS = 3


def _debrief_chart() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "bench.db")
        service = SessionService(store, ScenarioCatalogue())
        session_id = service.start("checkpoint-convoy", trainee="bench", seed=1).session.id
        for text in islice(cycle(MESSAGES), TURNS):
            if service.handle_turn(session_id, text).outcome != "ongoing":
                break
        played = len(store.turns(session_id))

        def debrief() -> None:
            for _ in range(REPEATS):
                service.debrief(session_id)

        def chart() -> None:
            for _ in range(REPEATS):
                png(meter_arc_figure([session_arc(service, session_id)]))

        debrief_s = timed(debrief, REPEATS)
        chart_s = timed(chart, REPEATS)
        store.close()
    debrief_row = Row(f"debrief of a {played}-turn session (baseline)", REPEATS, debrief_s)
    return [
        debrief_row,
        debrief_row.versus(
            "debrief + meter-arc PNG (what a Discord debrief does)", chart_s, baseline="debrief"
        ),
    ]


CASES = [_debrief_chart]
