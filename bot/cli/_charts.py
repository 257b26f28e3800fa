"""What the CLI's chart features share: a clear refusal when matplotlib is missing, and the
session's meter arc written as a PNG (`practice --chart`)."""

from __future__ import annotations

from pathlib import Path

import click

from bot.charts import ChartsUnavailable, require
from bot.charts.series import session_arc
from dialogues.service import SessionService


def require_charts() -> None:
    """Stop with the install hint (exit 1) before any work when charts cannot be drawn."""
    try:
        require()
    except ChartsUnavailable as exc:
        raise click.ClickException(str(exc)) from None


def write_meter_arc(service: SessionService, session_id: str, path: Path) -> None:
    """Draw the session's meter arc (as its trainee sees it: no whispers) into `path`."""
    from bot.charts.draw import meter_arc_figure, png

    scenario = service.scenario_of(session_id)
    data = png(meter_arc_figure([session_arc(service, session_id)], title=scenario.title))
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise click.ClickException(f"cannot write the chart to {path}: {exc.strerror}") from None
