"""Charts as Discord attachments, drawn in a worker thread so the bot keeps answering.

A chart is a bonus: when matplotlib is missing the reply goes out without it (the callers
say so where a person can act on it), and a drawing failure is logged, never allowed to
lose the debrief or report it belongs to.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import discord

from bot import charts
from bot.charts.series import MeterArc, session_arc
from dialogues.service import SessionService

if TYPE_CHECKING:
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

ARC_FILE = "meter-arc.png"
MISSING_NOTE = (
    f"No chart: the bot's host has no matplotlib ({charts.INSTALL_HINT.split(': ', 1)[1]})."
)


async def render(draw: Callable[[], Figure], what: str) -> bytes | None:
    """The PNG of the figure `draw` builds, or None when charts are off or drawing failed."""
    if not charts.available():
        return None
    from bot.charts.draw import png

    try:
        return await asyncio.to_thread(lambda: png(draw()))
    except Exception:
        log.exception("could not draw the %s chart", what)
        return None


def attach(embed: discord.Embed, data: bytes | None, filename: str) -> list[discord.File]:
    """Show the chart as the embed's image; the files to send with it (none without a chart).

    A `discord.File` is consumed when sent, so call this once per message.
    """
    if data is None:
        return []
    embed.set_image(url=f"attachment://{filename}")
    return [discord.File(io.BytesIO(data), filename=filename)]


def debrief_arc(service: SessionService, session_id: str) -> tuple[MeterArc, str]:
    """The session's meter arc as its trainee may see it (facilitators' whispers left out) and
    its scenario's title. Reads the store: call it on the store thread (`SessionRunner.call`).
    """
    return session_arc(service, session_id), service.scenario_of(session_id).title


async def arc_chart(arc: MeterArc, title: str) -> bytes | None:
    """The PNG of one session's meter arc, drawn in a worker thread (None: no chart)."""

    def draw() -> Figure:
        from bot.charts.draw import meter_arc_figure

        return meter_arc_figure([arc], title=title)

    return await render(draw, "meter-arc")
