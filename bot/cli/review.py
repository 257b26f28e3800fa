"""`parley review`: coordinators browse the store read-only in Datasette.

Datasette is an optional extra (`pip install 'parley-bot[review]'`). The database is
served mutable (never `-i`: the bot keeps writing to it); what the site shows and refuses
is in `state.review_site`.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.cli._context import db_option, err_console, settings
from bot.cli._store import existing_store

if TYPE_CHECKING:
    from datasette.app import Datasette

METADATA = resources.files("state") / "datasette-metadata.json"


def review_app(db_path: Path) -> Datasette:
    """A read-only Datasette over the store (also used in-process by the tests).

    The file is always served as the database `parley`, whatever it is called, so the
    shipped metadata, templates and rules (`state.review_site`) apply to it.
    """
    try:
        from datasette.app import Database, Datasette

        from bot.cli import review_charts
        from state import review_site
    except ImportError:
        raise click.ClickException(
            "Datasette is not installed: pip install 'parley-bot[review]'"
        ) from None
    review_site.register()
    review_charts.register()
    app = Datasette(
        metadata=json.loads(METADATA.read_text(encoding="utf-8")),
        template_dir=str(review_site.TEMPLATES),
        settings={"default_allow_sql": False, "allow_download": False},
    )
    app.remove_database("_memory")  # Datasette adds an empty one when given no files
    app.add_database(Database(app, path=str(db_path), is_mutable=True), name=review_site.DATABASE)
    return app


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to serve on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
def review(db_path: Path | None, host: str, port: int) -> None:
    """Browse sessions, turns and corrections read-only in Datasette (no SQL, no identities)."""
    path = db_path or settings().db
    with existing_store(path):
        pass  # a missing, foreign or corrupt file is one clear error, not a broken page later
    app = review_app(path)
    import uvicorn

    err_console.print(f"Serving {path} read-only on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app.app(), host=host, port=port, log_level="warning")
