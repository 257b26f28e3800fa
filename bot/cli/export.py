"""`parley export`: sessions and turns for research, pseudonymised unless `--identified`.

Columns: docs/export-columns.md.
"""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli._context import db_option, err_console
from bot.cli._store import clear_errors, filtered
from state.export import FORMATS, render, write_files


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
    """Export sessions and turns (JSON: one object; CSV on stdout: the turns)."""
    sessions, turns = filtered(
        db_path, since=since, user=user, scenario=scenario, identified=identified
    )
    if out_dir is None:
        click.echo(render(sessions, turns, fmt, identified), nl=fmt == "json")
        return
    try:
        written = write_files(out_dir, sessions, turns, fmt, identified)
    except OSError as exc:
        raise click.ClickException(f"cannot write to {out_dir}: {exc.strerror}") from None
    kind = "identified" if identified else "pseudonymised"
    err_console.print(
        f"Wrote {len(sessions)} sessions and {len(turns)} turns ({kind}): "
        + ", ".join(str(p) for p in written)
    )
