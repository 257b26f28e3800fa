"""The review site's rules and pages, as a Datasette plugin (`parley review`).

The site shows what a pseudonymised export shows, no more. The base tables hold Discord ids
(guild, channel, facilitator, message) and identities, so every table is closed except the
views made for review (`review_sessions`, `review_turns`, migration 0007); a table added
later stays closed until it is listed here. Canned queries (a transcript, a trainee's
progress, turns with a code, corrections) read the base tables server-side and show only
pseudonyms. Datasette's own introspection pages (`/-/…`) are closed, and errors never
print tracebacks with local variables (Datasette's default does, through rich). The charts
on the progress page are a plugin in `bot/` (they need `bot.charts`), served under `/-/parley/`.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from importlib import resources
from typing import Any
from urllib.parse import quote

from datasette import Response, hookimpl
from datasette.utils.asgi import Base400
from datasette.views.base import DatasetteError
from markupsafe import Markup, escape

from state.overrides import describe

DATABASE = "parley"
VIEWS = ("review_sessions", "review_turns")
TEMPLATES = resources.files("state") / "review_templates"
# Pages under /-/ that stay reachable: static files and Parley's own routes (the progress
# charts of `bot.cli.review_charts`, which read only the pseudonymous views), nothing else.
OPEN_INTERNAL = ("/-/static/", "/-/static-plugins/", "/-/parley/")
READ_METHODS = ("GET", "HEAD")
# Datasette's default error handler prints every traceback with its local variables
# (request headers, query parameters, rows); `register` blocks it, ours replaces it.
DEFAULT_ERROR_HANDLER = "datasette.handle_exception"
log = logging.getLogger("parley.review")

# Corrections of one session (or all, with an empty :session), oldest first; who made them
# is a pseudonym, as everywhere on the site.
CORRECTIONS_SQL = """SELECT o.session_id AS session, o.target,
    CASE WHEN t.idx IS NULL THEN '' ELSE t.idx + 1 END AS turn,
    coalesce(o.who_id, '') AS corrected_by, parley_change(o.old, o.new) AS change,
    o.why, o.created_at AS at
FROM score_overrides o LEFT JOIN turns t ON t.id = o.turn_id
WHERE :session = '' OR o.session_id = :session
ORDER BY o.id"""

# One trainee's sessions grouped by attempt: attempts numbered oldest first, each followed by
# its retries (at any depth, `review_sessions.attempt`), which share its number.
PROGRESS_SQL = """WITH mine AS (SELECT * FROM review_sessions WHERE trainee = :trainee),
attempts AS (
    SELECT session, row_number() OVER (ORDER BY started, session) AS number
    FROM mine WHERE session = attempt
)
SELECT a.number AS attempt, m.date, m.session,
    CASE WHEN m.session = m.attempt THEN 'attempt' ELSE 'retry' END AS kind,
    m.retry_of, m.retry_from_turn, m.scenario, m.level, m.outcome, m.turns,
    m.skill_active_listening, m.skill_trust_building, m.skill_interim_proposals,
    m.skill_restraint, m.skill_overall, m.points_total
FROM mine m LEFT JOIN attempts a ON a.session = m.attempt
ORDER BY a.number IS NULL, a.number, m.started, m.session"""

QUERIES: dict[str, dict[str, Any]] = {
    "transcript": {
        "title": "Transcript of a session",
        "description": "Every turn of one session, numbered from 1: what the trainee wrote, "
        "the codes found with the words that earned them, the points after corrections, "
        "the party's reply and the meters after it.",
        "sql": """SELECT turn, message, codes, evidence, active_listening, trust_building,
    interim_proposals, penalties, points, corrected, reply, state, trust, tension, heard, at
FROM review_turns WHERE session = :session ORDER BY turn""",
        "params": ["session"],
        "hide_sql": True,
    },
    "progress": {
        "title": "A trainee's progress",
        "description": "Every attempt of one trainee (pseudonym u-…), oldest first, each "
        'followed by its retries ("try again from here", marked ↳ retry: practice on that '
        "attempt, not attempts of their own), with the 0-100 skill profile and the raw points.",
        "sql": PROGRESS_SQL,
        "params": ["trainee"],
        "hide_sql": True,
    },
    "turns_with_code": {
        "title": "Turns with a given code",
        "description": "Turns whose corrected codes include this code (e.g. emotion_label, "
        "open_question, threat), newest first.",
        "sql": """SELECT session, turn, trainee, scenario, message, evidence, points, at
FROM review_turns WHERE instr(', ' || codes || ',', ', ' || :code || ',') > 0
ORDER BY at DESC, session, turn""",
        "params": ["code"],
        "hide_sql": True,
    },
    "corrections": {
        "title": "Corrections (audit trail)",
        "description": "Every score correction, oldest first: which session and turn, who "
        "made it (pseudonym), what changed, why and when. Leave the session empty for all.",
        "sql": CORRECTIONS_SQL,
        "params": ["session"],
        "hide_sql": True,
    },
}


def register() -> None:
    """Install this plugin in Datasette (once per process) in place of its error printer."""
    from datasette.plugins import pm

    if not pm.is_registered(sys.modules[__name__]):
        pm.register(sys.modules[__name__], name="parley-review")
    if not pm.is_blocked(DEFAULT_ERROR_HANDLER):
        pm.set_blocked(DEFAULT_ERROR_HANDLER)


@hookimpl
def canned_queries(database: str) -> dict[str, dict[str, Any]] | None:
    """The site's pages beyond the two views (kept here, beside the SQL they share)."""
    return QUERIES if database == DATABASE else None


@hookimpl
def permission_allowed(action: str, resource: Any) -> bool | None:
    """Deny everything the review site does not mean to show; None leaves the rest to
    Datasette's defaults (which allow reading)."""
    if action == "view-table":
        return None if resource[1] in VIEWS else False
    if action in ("execute-sql", "view-database-download"):
        return False
    return None


@hookimpl
def prepare_connection(conn: Any) -> None:
    """`parley_change(old, new)`: a correction in words, as `parley override list` says it."""
    conn.create_function(
        "parley_change", 2, lambda old, new: describe(json.loads(old), json.loads(new))
    )


@hookimpl
def render_cell(value: Any, column: str) -> Markup | None:
    """Sessions (and the session a retry retries) link to their transcript, trainees to their
    progress; a retry is marked as one, so it reads as part of the attempt above it."""
    if not isinstance(value, str) or not value:
        return None
    if column == "kind" and value == "retry":
        return Markup('<span class="retry">↳ retry</span>')
    if column in ("session", "retry_of", "attempt"):
        target = f"/{DATABASE}/transcript?session={quote(value)}"
    elif column == "trainee":
        target = f"/{DATABASE}/progress?trainee={quote(value)}"
    else:
        return None
    return Markup(f'<a href="{escape(target)}">{escape(value)}</a>')


def pages(datasette: Any) -> list[dict[str, str]]:
    """What the home page offers: the two views, then the canned queries, with their
    titles and descriptions from the metadata (one source for every page)."""
    tables = datasette.metadata("tables", database=DATABASE) or {}
    found: list[dict[str, str]] = [
        {"url": f"/{DATABASE}/{name}", **{k: tables[name][k] for k in ("title", "description")}}
        for name in VIEWS
    ]
    found += [
        {"url": f"/{DATABASE}/{name}", "title": query["title"], "description": query["description"]}
        for name, query in QUERIES.items()
    ]
    return found


@hookimpl
def extra_template_vars(template: str, request: Any, datasette: Any) -> Any:
    """The home page's list of pages; the transcript's header (the session's row) and
    its corrections."""
    if template in ("index.html", f"database-{DATABASE}.html"):
        return {"review_pages": pages(datasette)}
    view = next((v for v in VIEWS if template == f"table-{DATABASE}-{v}.html"), None)
    if view is not None:
        # Coordinators need neither "(view)" after the title, nor the view's SQL under the
        # rows, nor a column glossary above them: it moves into a fold (`_review_table.html`).
        metadata = (datasette.metadata("tables", database=DATABASE) or {}).get(view, {})
        return {
            "is_view": False,
            "view_definition": "",
            "metadata": {**metadata, "columns": {}},
            "column_help": metadata.get("columns", {}),
        }
    if template != f"query-{DATABASE}-transcript.html" or request is None:
        return None

    async def inner() -> dict[str, Any]:
        session_id = request.args.get("session", "")
        db = datasette.get_database(DATABASE)
        found = await db.execute("SELECT * FROM review_sessions WHERE session = ?", [session_id])
        corrections = await db.execute(CORRECTIONS_SQL, {"session": session_id})
        return {
            "session": dict(found.first()) if found.first() else None,
            "corrections": [dict(row) for row in corrections.rows] if session_id else [],
        }

    return inner


@hookimpl
def asgi_wrapper() -> Callable[[Any], Any]:
    """Refuse what a read-only site never serves before Datasette sees it: any method but
    GET/HEAD (Datasette answers a POST to a table with a 500), and the introspection pages
    (settings, databases, plugins, actor…)."""

    def wrap(app: Any) -> Any:
        async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http":
                path = scope.get("path", "")
                if scope.get("method") not in READ_METHODS:
                    response = Response.text("This site is read-only.", status=405)
                    response.headers["Allow"] = ", ".join(READ_METHODS)
                    await response.asgi_send(send)
                    return
                if path.startswith("/-/") and not path.startswith(OPEN_INTERNAL):
                    await Response.text("Not found", status=404).asgi_send(send)
                    return
            await app(scope, receive, send)

        return guarded

    return wrap


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: Exception) -> Any:
    """An error page without details; the log gets one line, never locals or data."""

    async def inner() -> Response:
        if isinstance(exception, Base400):
            status, message = exception.status, str(exception.args[0] if exception.args else "")
        elif isinstance(exception, DatasetteError):
            # Datasette raises these for what the visitor asked (a sort by an unknown column,
            # a bad filter), some with status 500: it is the request that is wrong.
            status = 400 if exception.status >= 500 else exception.status
            message = "Bad request" if exception.message_is_html else exception.message
        else:
            status, message = 500, "Something went wrong on the review site."
            log.error("review site: %s on %s", type(exception).__name__, request.path)
        if request.path.endswith(".json"):
            return Response.json({"ok": False, "error": message, "status": status}, status=status)
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        page = await template.render_async(
            {
                "ok": False,
                "error": message,
                "status": status,
                "title": None,
                "urls": datasette.urls,
                "app_css_hash": datasette.app_css_hash(),
                "menu_links": lambda: [],
            }
        )
        return Response.html(page, status=status)

    return inner
