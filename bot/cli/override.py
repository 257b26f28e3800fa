"""`parley override turn|session|list`: coordinators correct scores, with an audit trail.

The original score stays in the store; every correction records who, old, new, why, when,
and reports, debriefs and exports use the corrected values.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.cli._context import console, db_option, soft_wrap
from bot.cli._store import clear_errors, existing_store, read_and_print
from state.errors import UnknownSession
from state.overrides import AREAS, audit, describe, override_session, override_turn

if TYPE_CHECKING:
    from state.store import SqliteStore


def _areas(values: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for item in values:
        area, sep, number = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: use AREA=POINTS, e.g. trust_building=2.5")
        if area not in AREAS:
            raise click.BadParameter(f"unknown area {area!r}; areas: {', '.join(AREAS)}")
        try:
            out[area] = float(number)
        except ValueError:
            raise click.BadParameter(f"{item!r}: {number!r} is not a number") from None
    return out


WHY = click.option("--why", required=True, help="The reason, kept in the audit trail.")
BY = click.option("--by", "who", required=True, help="Who corrects (coordinator's id or name).")


@click.group()
def override() -> None:
    """Correct a turn's codes/points or a session's points, with a reason."""


@override.command("turn")
@click.argument("session_id")
@click.argument("turn", type=click.IntRange(min=1))
@click.option("--codes", default=None, help="The corrected codes, comma-separated ('' for none).")
@click.option("--points", "points", multiple=True, help="AREA=POINTS (repeatable).")
@WHY
@BY
@db_option
@clear_errors
def override_turn_cmd(
    session_id: str,
    turn: int,
    codes: str | None,
    points: tuple[str, ...],
    why: str,
    who: str,
    db_path: Path | None,
) -> None:
    """Correct turn TURN of SESSION_ID, numbered from 1 as in the debrief and `transcripts
    show` (areas whose codes change are rescored unless --points is given)."""
    code_list = [c.strip() for c in codes.split(",") if c.strip()] if codes is not None else None
    with existing_store(db_path, read_only=False) as store:
        entry = override_turn(
            store,
            session_id,
            turn - 1,  # the store counts from 0
            who=who,
            why=why,
            codes=code_list,
            points=_areas(points) if points else None,
        )
    _print(entry)


@override.command("session")
@click.argument("session_id")
@click.option("--set", "totals", multiple=True, required=True, help="AREA=POINTS (repeatable).")
@WHY
@BY
@db_option
@clear_errors
def override_session_cmd(
    session_id: str, totals: tuple[str, ...], why: str, who: str, db_path: Path | None
) -> None:
    """Correct the points of SESSION_ID per area."""
    with existing_store(db_path, read_only=False) as store:
        entry = override_session(store, session_id, who=who, why=why, totals=_areas(totals))
    _print(entry)


@override.command("list")
@click.argument("session_id", required=False)
@click.option("--json", "as_json", is_flag=True)
@db_option
@clear_errors
def override_list(session_id: str | None, as_json: bool, db_path: Path | None) -> None:
    """The audit trail: every correction (of one session, or all), oldest first."""
    read_and_print(db_path, lambda store: _audit(store, session_id), as_json, _print_all)


def _audit(store: SqliteStore, session_id: str | None) -> list[dict]:
    if session_id and store.get_session(session_id) is None:
        raise UnknownSession(f"no session with id {session_id!r} (see parley transcripts list)")
    return audit(store, session_id)


def _print_all(entries: list[dict]) -> None:
    if not entries:
        console.print("No corrections.")
    for entry in entries:
        _print(entry)


def _print(entry: dict) -> None:
    where = f"turn {entry['turn']}" if entry["target"] == "turn" else "session"
    console.print(
        f"#{entry['id']} {entry['at']} {entry['session_id']} {where} by {entry['who']}: "
        f"{describe(entry['old'], entry['new'])} — {entry['why']}",
        markup=False,
        soft_wrap=soft_wrap(console),
    )
