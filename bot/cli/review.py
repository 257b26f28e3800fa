"""`parley review`: coordinators browse the store read-only in Datasette.

Datasette is an optional extra (`pip install 'parley-bot[review]'`). The database is
served mutable (never `-i`: the bot keeps writing to it), arbitrary SQL is off, and the
identities table is closed. Datasette keys its metadata by database name — the file's
stem — so the shipped metadata is re-keyed to whatever the file is called; otherwise a
store named `training.db` would be served without its restrictions.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.cli._context import db_option, err_console, settings
from bot.cli._store import existing_store

if TYPE_CHECKING:
    from datasette.app import Datasette

METADATA = resources.files("state") / "datasette-metadata.json"


def review_metadata(db_path: Path) -> dict[str, Any]:
    """The shipped metadata with its restrictions applied to this file's database name."""
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    metadata["databases"] = {db_path.stem: metadata["databases"]["parley"]}
    return metadata


def review_app(db_path: Path) -> Datasette:
    """A read-only Datasette over the store (also used in-process by the tests)."""
    try:
        from datasette.app import Datasette
    except ImportError:
        raise click.ClickException(
            "Datasette is not installed: pip install 'parley-bot[review]'"
        ) from None
    return Datasette(
        files=[str(db_path)],
        metadata=review_metadata(db_path),
        settings={"default_allow_sql": False},
    )


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
