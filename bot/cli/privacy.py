"""`parley forget USER` and `parley purge`: erase a person, or sessions past retention."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.cli._context import console, db_option, settings
from bot.cli._store import clear_errors, existing_store
from state.privacy import (
    FORGET_MODES,
    ForgetReport,
    PurgeReport,
    UnknownUser,
    forget,
    purge,
    resolve_user,
)
from state.store import SqliteStore


@click.command("forget")
@click.argument("user")
@click.option(
    "--mode",
    type=click.Choice(FORGET_MODES),
    default=None,
    help="delete: remove their sessions and words; pseudonymise: keep transcripts under the "
    "pseudonym, erase ids and names. Default: PARLEY_FORGET_MODE (delete).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True, help="Print what was removed as JSON.")
@db_option
@clear_errors
def forget_user(
    user: str, mode: str | None, yes: bool, as_json: bool, db_path: Path | None
) -> None:
    """Erase a person (Discord id or u-… pseudonym) and report what was removed."""
    mode = mode or settings().forget_mode
    with existing_store(db_path, read_only=False) as store:
        try:
            with store.read() as db:
                resolve_user(db, user)  # an unknown person is an error before any question
        except UnknownUser:
            if not _finished_earlier(store, user, as_json):
                raise
            return
        if not yes:
            click.confirm(f"Forget {user} ({mode})? This cannot be undone", abort=True)
        report = forget(store, user, mode)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
        _require_complete(report)
        return
    if mode == "delete":
        console.print(
            f"Forgot {user} ({report.user}): identity removed, "
            f"{report.sessions_deleted} sessions, {report.turns_deleted} turns, "
            f"{report.events_deleted} events and {report.overrides_deleted} corrections deleted; "
            f"{report.turns_redacted} of their messages in others' sessions redacted."
        )
    else:
        console.print(
            f"Pseudonymised {user}: identity (id and name) removed; "
            f"{report.sessions_pseudonymised} sessions kept as {report.user} with thread links "
            f"cleared, {report.message_ids_cleared} message ids cleared."
        )
    if report.open_sessions_ended:
        console.print(
            f"{report.open_sessions_ended} open session(s) were closed; if the bot is "
            "running, restart it so it stops answering them."
        )
    _require_complete(report)


def _finished_earlier(store: SqliteStore, user: str, as_json: bool) -> bool:
    """Unknown here, but a run killed half-way may have deleted them: opening the store just
    finished its recorded erasure (say so: True, exit 0), or still could not (say why,
    exit 1). The job records no name, so this says what the store holds now, not whom it
    erased; False when there was nothing to finish (a plain unknown user)."""
    earlier = store.erasure_on_open
    if not earlier.complete:
        raise click.ClickException(
            f"no user {user!r} in the store, but an earlier erasure is not complete: "
            f"{earlier.reason}"
        )
    if not earlier.finished:
        return False
    if as_json:
        click.echo(json.dumps({"user": user, "earlier_erasures_finished": earlier.finished}))
    else:
        console.print(
            f"Finished {earlier.finished} erasure(s) an earlier run left unfinished (its words "
            f"are now gone from the file, the write-ahead log and the index); no user {user} "
            "remains in the store."
        )
    return True


def _require_complete(report: ForgetReport | PurgeReport) -> None:
    """Deleted from every query but still on disk (another reader's snapshot): say so and
    exit non-zero, so a data-protection request is not closed on a false success."""
    if not report.complete:
        raise click.ClickException(f"erasure not complete: {report.incomplete_reason}")


@click.command("purge")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=0),
    default=None,
    help="Delete sessions with no activity for this many days (default: PARLEY_RETENTION_DAYS).",
)
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True, help="Print what was removed as JSON.")
@db_option
@clear_errors
def purge_old(
    days: int | None, dry_run: bool, yes: bool, as_json: bool, db_path: Path | None
) -> None:
    """Retention: delete old sessions (turns, events, corrections) and unreferenced people."""
    days = days if days is not None else settings().retention_days
    if days is None:
        raise click.UsageError("give --older-than DAYS or set PARLEY_RETENTION_DAYS")
    with existing_store(db_path, read_only=False) as store:
        if not (yes or dry_run):
            click.confirm(f"Delete sessions inactive for {days} days or more?", abort=True)
        report = purge(store, days, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
        _require_complete(report)
        return
    verb = "Would delete" if dry_run else "Deleted"
    console.print(
        f"{verb} {report.sessions_deleted} sessions inactive since before {report.cutoff} "
        f"({report.turns_deleted} turns, {report.events_deleted} events, "
        f"{report.overrides_deleted} corrections) and {report.users_deleted} people."
    )
    _require_complete(report)
