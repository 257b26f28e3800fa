"""`parley export`: sessions and turns for research, pseudonymised unless `--identified`.

Columns: docs/export-columns.md.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from bot.cli._context import db_option, err_console
from bot.cli._store import clear_errors, filtered_snapshot
from state.export import FORMATS, Filters, session_rows, turn_rows, write_files, write_stream


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--since", default=None, help="Sessions started on or after this date (YYYY-MM-DD).")
@click.option("--scenario", default=None, help="Only this scenario id.")
@click.option(
    "--user", default=None, help="Only this person (Discord id or u-… pseudonym), e.g. on request."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write sessions.<fmt> and turns.<fmt> in this folder instead of standard output.",
)
@click.option(
    "--identified",
    is_flag=True,
    help="Include Discord ids, names, guild, thread and message ids (default: pseudonyms only).",
)
@db_option
@clear_errors
def export(
    fmt: str,
    since: str | None,
    scenario: str | None,
    user: str | None,
    out_dir: Path | None,
    identified: bool,
    db_path: Path | None,
) -> None:
    """Export sessions and turns (JSON: one object; CSV on stdout: the turns).

    Rows are streamed from one read transaction: memory stays flat in the database's size.
    """
    filters = Filters(since=since, scenario=scenario, user=user)
    with filtered_snapshot(db_path, filters) as (_store, db):
        sessions = session_rows(db, filters, identified=identified)
        turns = turn_rows(db, filters, identified=identified)
        if out_dir is None:
            write_stream(sys.stdout, sessions, turns, fmt, identified)
            if fmt == "json":
                click.echo()
            return
        counted_sessions, counted_turns = _Counter(sessions), _Counter(turns)
        try:
            written = write_files(out_dir, counted_sessions, counted_turns, fmt, identified)
        except OSError as exc:
            raise click.ClickException(
                f"cannot write to {out_dir}: {exc.strerror or exc}; nothing was written"
            ) from None
    kind = "identified" if identified else "pseudonymised"
    err_console.print(
        f"Wrote {counted_sessions.count} sessions and {counted_turns.count} turns ({kind}): "
        + ", ".join(str(p) for p in written)
    )


class _Counter:
    """Counts the rows passing through on their way to a file (for the closing message)."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            self.count += 1
            yield row
