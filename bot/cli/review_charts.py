"""The review site's progress charts: a trainee's skill profile as a PNG, drawn per request.

A Datasette plugin kept in `bot/` because the charts are (`state/` never imports `bot/`):
`/-/parley/progress/<pseudonym>.png` draws, with the same `progress_figure` as Discord's
/progress and `parley report`, the attempts the progress page lists (retries are practice,
as everywhere a chart counts sessions). It reads only the pseudonymous `review_sessions` view
in the progress page's order, after the same permission checks as that page, so
the image shows nothing the page does not. matplotlib is the optional `charts` extra: without
it the route answers 404 with the install hint and the page shows no image.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any
from urllib.parse import quote

from datasette import Forbidden, Response, hookimpl

from bot import charts
from bot.charts.series import SessionScores, session_scores
from state.review_site import DATABASE

ROUTE = r"^/-/parley/progress/(?P<trainee>[^/]+)\.png$"
PAGE_TEMPLATE = f"query-{DATABASE}-progress.html"
# The trainee's attempts (not retries) in the progress page's order, with the raw points per
# area that `session_scores` needs (the page shows only their total).
ATTEMPTS_SQL = """SELECT * FROM review_sessions WHERE trainee = :trainee AND session = attempt
ORDER BY started, session"""
# The progress query's columns under the names `session_scores` reads (export rows).
EXPORT_NAMES = {
    "session": "session_id",
    "scenario": "scenario_id",
    "date": "created_at",
    "turns": "turns",
    "points_active_listening": "active_listening",
    "points_trust_building": "trust_building",
    "points_interim_proposals": "interim_proposals",
    "points_penalties": "penalties",
    "points_total": "total",
}


def register() -> None:
    """Install this plugin in Datasette (once per process), beside `state.review_site`."""
    from datasette.plugins import pm

    if not pm.is_registered(sys.modules[__name__]):
        pm.register(sys.modules[__name__], name="parley-review-charts")


def chart_url(trainee: str) -> str:
    """Where a trainee's progress chart is served (the pseudonym quoted as a path segment)."""
    return f"/-/parley/progress/{quote(trainee, safe='')}.png"


async def attempt_scores(datasette: Any, trainee: str) -> list[SessionScores]:
    """The trainee's played attempts, oldest first, as the progress chart plots them."""
    result = await datasette.get_database(DATABASE).execute(ATTEMPTS_SQL, {"trainee": trainee})
    return session_scores(
        [{new: row[old] for old, new in EXPORT_NAMES.items()} for row in result.rows]
    )


async def allowed(datasette: Any, request: Any) -> bool:
    """Whether the visitor may open the progress page (the chart is that page's picture)."""
    try:
        await datasette.ensure_permissions(
            request.actor,
            [("view-query", (DATABASE, "progress")), ("view-database", DATABASE), "view-instance"],
        )
    except Forbidden:
        return False
    return True


async def progress_png(datasette: Any, request: Any) -> Response:
    """A trainee's progress chart; 404 for an unknown trainee, one without a played
    attempt, or when matplotlib is missing (said in words, never a traceback)."""
    if not await allowed(datasette, request):
        return Response.text("Forbidden", status=403)
    if not charts.available():
        return Response.text(f"Not found: {charts.INSTALL_HINT}", status=404)
    trainee = request.url_vars["trainee"]
    scores = await attempt_scores(datasette, trainee)
    if not scores:
        return Response.text("Not found: no played session for that trainee", status=404)

    def draw() -> bytes:
        from bot.charts.draw import png, progress_figure

        return png(progress_figure(scores, title=f"Skill profile across attempts · {trainee}"))

    # Drawing takes a few hundred milliseconds: off the event loop, so other pages still load.
    image = await asyncio.to_thread(draw)
    return Response(image, content_type="image/png", headers={"Cache-Control": "no-store"})


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    """The chart route (opened by `state.review_site`'s guard, which serves `/-/parley/`)."""
    return [(ROUTE, progress_png)]


@hookimpl
def extra_template_vars(template: str, request: Any, datasette: Any) -> Any:
    """The progress page's chart URL, only when there is a chart to show (no broken image)."""
    if template != PAGE_TEMPLATE or request is None:
        return None

    async def inner() -> dict[str, Any]:
        trainee = request.args.get("trainee", "")
        if not trainee or not charts.available():
            return {"progress_chart": None}
        found = await attempt_scores(datasette, trainee)
        return {"progress_chart": chart_url(trainee) if found else None}

    return inner
