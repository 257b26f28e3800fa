"""Charts as Discord attachments, drawn in a worker thread so the bot keeps answering.

A chart is a bonus: when matplotlib is missing the reply goes out without it (the callers
say so where a person can act on it), and a drawing failure is logged, never allowed to
lose the debrief or report it belongs to.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import discord

from bot import charts
from bot.charts.series import ArcEvent, MeterArc, session_arc
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


def debrief_arcs(service: SessionService, session_id: str) -> tuple[list[MeterArc], str]:
    """The meter arcs a session's debrief draws, as its trainee may see them (facilitators'
    whispers left out), and its scenario's title. A branch ("try again") is drawn over the
    session it retries, each labelled, with a line where it parted from it, so the chart
    shows where the new path went. Reads the store: call it on the store thread.
    """
    record = service.session(session_id)
    title = service.scenario_of(session_id).title
    parent = service.store.get_session(record.parent_id) if record.parent_id else None
    if parent is None:  # not a branch, or its parent was deleted since (retention)
        return [session_arc(service, session_id)], title
    branch = session_arc(service, session_id, label=f"this try ({session_id})")
    parted = ArcEvent(record.branch_at, "branch", f"tried again from turn {record.branch_at + 1}")
    return [
        session_arc(service, parent.id, label=f"earlier try ({parent.id})"),
        dataclasses.replace(branch, events=(*branch.events, parted)),
    ], title


async def arc_chart(arcs: list[MeterArc], title: str) -> bytes | None:
    """The PNG of one session's meter arc (or a branch's over its parent's), drawn in a
    worker thread (None: no chart)."""

    def draw() -> Figure:
        from bot.charts.draw import meter_arc_figure

        return meter_arc_figure(arcs, title=title)

    return await render(draw, "meter-arc")
