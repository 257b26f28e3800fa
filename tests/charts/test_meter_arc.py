"""The meter arc: the meters after every turn, the turns where they moved, the events between."""

from __future__ import annotations

import pytest

from bot.charts.draw import meter_arc_figure, png
from bot.charts.series import meter_arc, session_arc
from dialogues.ports import EventRecord
from tests.charts.conftest import decoded, gids, play, plotted

CALM = "I hear you are worried about the village."
ASK = "What would make the road safe for you?"
RUDE = "You idiots, move now or else."


def test_arc_plots_the_stored_meters_and_marks_moves_and_events(service) -> None:
    session_id = play(service, CALM)
    service.inject(session_id, "shots", "fac")
    service.whisper(session_id, "soften a little", "fac")
    service.handle_turn(session_id, ASK)
    service.handle_turn(session_id, RUDE)
    turns = service.store.turns(session_id)

    arc = session_arc(service, session_id)
    figure = meter_arc_figure([arc])

    start = service.scenario_of(session_id).start_meters(service.session(session_id).level)
    for meter in ("trust", "tension", "heard"):
        expected = [getattr(start, meter)] + [t.meters[meter] for t in turns]
        xs, ys = plotted(figure, f"arc0:{meter}")
        assert (xs, ys) == ([0, 1, 2, 3], expected)
        moved_x, moved_y = plotted(figure, f"arc0:{meter}:moved")
        assert moved_x == [i for i in (1, 2, 3) if expected[i] != expected[i - 1]]
        assert moved_y == [expected[int(x)] for x in moved_x]
    # The injected shots fell between turns 1 and 2; the whisper is the facilitators' secret.
    assert [(e.after_turn, e.label) for e in arc.events] == [(1, "inject: shots")]
    assert "arc0:event:whisper" not in gids(figure)
    [line] = [line for line in figure.axes[0].get_lines() if line.get_gid() == "arc0:event:inject"]
    assert list(line.get_xdata()) == [1.5, 1.5]
    decoded(png(figure))


def test_facilitators_can_see_whispers_on_the_arc(service) -> None:
    session_id = play(service, CALM)
    service.whisper(session_id, "soften", "fac")
    arc = session_arc(service, session_id, whispers=True)
    assert [(e.after_turn, e.kind) for e in arc.events] == [(1, "whisper")]


def test_two_sessions_share_one_chart_each_with_its_own_series(service) -> None:
    calm = session_arc(service, play(service, CALM, ASK), label="parent")
    rude = session_arc(service, play(service, CALM, RUDE), label="branch")
    assert calm.meters["tension"] != rude.meters["tension"]

    figure = meter_arc_figure([calm, rude], title="Branch against parent")

    for i, arc in enumerate((calm, rude)):
        for meter in ("trust", "tension", "heard"):
            assert plotted(figure, f"arc{i}:{meter}")[1] == list(arc.meters[meter])
    legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert legend == ["parent", "branch"]
    assert figure.get_suptitle() == "Branch against parent"
    decoded(png(figure))


def test_old_events_without_a_turn_count_are_placed_by_time() -> None:
    points = [{"turn": n, "trust": 10 + n, "tension": 50, "heard": 0} for n in range(4)]
    times = ["2026-01-01T10:00:01+00:00", "2026-01-01T10:00:05+00:00", "2026-01-01T10:00:09+00:00"]
    event = EventRecord("s", "pause", "fac", {}, "2026-01-01T10:00:06+00:00")
    arc = meter_arc(points, [event], turn_times=times)
    assert [(e.after_turn, e.kind) for e in arc.events] == [(2, "pause")]
    assert arc.moved == {"trust": (1, 2, 3), "tension": (), "heard": ()}


def test_an_arc_chart_needs_a_session() -> None:
    with pytest.raises(ValueError, match="at least one session"):
        meter_arc_figure([])
