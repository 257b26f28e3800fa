"""Research exports: one row per session and one per turn, pseudonymised unless asked.

Columns are documented in `docs/export-columns.md` (a test keeps the two in step). Scores
are the corrected ones (coordinators' overrides applied), and `overridden` says so. By
default people appear only as their stable pseudonyms (`u-…`): no Discord ids, names,
guild, thread or message ids. `identified=True` adds those columns for whoever is
entitled to them.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from state.overrides import AREAS, session_totals
from state.store import TURN_SQL, turn_from_row

if TYPE_CHECKING:
    from state.store import SqliteStore

FORMATS = ("json", "csv")
METERS = ("trust", "tension", "heard")

SESSION_COLUMNS = [
    "session_id",
    "user",
    "facilitator",
    "scenario_id",
    "scenario_version",
    "rubric",
    "seed",
    "mode",
    "level",
    "parent_id",
    "branch_at",
    "status",
    "outcome",
    "final_state",
    *(f"final_{m}" for m in METERS),
    "turns",
    *AREAS,
    "total",
    "overridden",
    "created_at",
    "ended_at",
]
TURN_COLUMNS = [
    "session_id",
    "index",
    "user",
    "scenario_id",
    "created_at",
    "text",
    "codes",
    *AREAS,
    "total",
    "weight",
    "flags",
    "rubric",
    "overridden",
    "state",
    *METERS,
    "reply",
    "hint",
]
IDENTIFIED_SESSION_COLUMNS = [
    "user_external_id",
    "user_name",
    "facilitator_external_id",
    "guild_id",
    "channel_id",
]
IDENTIFIED_TURN_COLUMNS = ["user_external_id", "user_name", "message_id"]


def parse_since(value: str) -> str:
    """A date or ISO timestamp as the stored timestamp text it is compared with."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--since {value!r} is not a date (use YYYY-MM-DD)") from None
    if moment.tzinfo is None:
        from datetime import UTC

        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


def collect(
    store: SqliteStore,
    *,
    since: str | None = None,
    scenario: str | None = None,
    user: str | None = None,
    status: str | None = None,
    guild_id: str | None = None,
    session_id: str | None = None,
    identified: bool = False,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The sessions and turns rows of an export (corrected scores, pseudonyms by default).

    `user` is a front-end id or a pseudonym; `status` is a session status, or `open` for
    every session not yet ended. Filters are applied in SQL, so one server's report or one
    session's transcript reads only those sessions' turns.
    """
    where, args = ["1 = 1"], []
    if guild_id is not None:
        where.append("coalesce(s.guild_id, '') = ?")
        args.append(guild_id)
    if session_id is not None:
        where.append("s.id = ?")
        args.append(session_id)
    if status == "open":
        where.append("s.status != 'ended'")
    elif status:
        where.append("s.status = ?")
        args.append(status)
    if since:
        where.append("s.created_at >= ?")
        args.append(parse_since(since))
    if scenario:
        where.append("s.scenario_id = ?")
        args.append(scenario)
    if user:
        where.append("(s.user_id = ? OR ti.external_id = ?)")
        args += [user, user]
    with store.read() as db:
        session_rows = db.execute(
            f"""SELECT s.id, s.user_id, coalesce(s.facilitator_id, ''), s.scenario_id,
            s.scenario_version, s.rubric, s.seed, s.mode, s.level, s.status, s.outcome,
            s.counterpart, s.created_at, s.ended_at, coalesce(ti.external_id, ''),
            coalesce(ti.display_name, ''), coalesce(fi.external_id, ''),
            coalesce(s.guild_id, ''), s.channel_id, coalesce(s.parent_id, ''), s.branch_at
            FROM sessions s
            LEFT JOIN user_identities ti ON ti.user_id = s.user_id
            LEFT JOIN user_identities fi ON fi.user_id = s.facilitator_id
            WHERE {" AND ".join(where)} ORDER BY s.created_at, s.id""",
            args,
        ).fetchall()
    sessions, turns = [], []
    for row in session_rows:
        session_id, scenario_id = row[0], row[3]
        session_turns = _turn_rows(store, session_id, scenario_id, identified)
        totals = session_totals(store, session_id)
        counterpart = json.loads(row[11])
        meters = counterpart.get("meters", {})
        out: dict[str, Any] = {
            "session_id": session_id,
            "user": row[1],
            "facilitator": row[2],
            "scenario_id": scenario_id,
            "scenario_version": row[4],
            "rubric": row[5],
            "seed": row[6],
            "mode": row[7],
            "level": row[8],
            "parent_id": row[19],
            "branch_at": row[20],
            "status": row[9],
            "outcome": row[10],
            "final_state": counterpart.get("state", ""),
            **{f"final_{m}": meters.get(m) for m in METERS},
            "turns": len(session_turns),
            **{area: totals[area] for area in AREAS},
            "total": totals["total"],
            "overridden": totals["overridden"],
            "created_at": row[12],
            "ended_at": row[13],
        }
        if identified:
            out.update(zip(IDENTIFIED_SESSION_COLUMNS, row[14:19], strict=True))
        sessions.append(out)
        turns.extend(session_turns)
    return sessions, turns


def _turn_rows(
    store: SqliteStore, session_id: str, scenario_id: str, identified: bool
) -> list[dict[str, Any]]:
    with store.read() as db:
        rows = db.execute(
            TURN_SQL.replace("SELECT ", "SELECT coalesce(t.author_id, ''), i.display_name, ", 1)
            + " WHERE t.session_id = ? ORDER BY t.idx",
            [session_id],
        ).fetchall()
        pairs = [turn_from_row(row[2:]) for row in rows]
        records = store.with_overrides(db, pairs)
    out = []
    for row, turn in zip(rows, records, strict=True):
        points = turn.score.get("points", {})
        item: dict[str, Any] = {
            "session_id": session_id,
            "index": turn.index,
            "user": row[0],
            "scenario_id": scenario_id,
            "created_at": turn.created_at,
            "text": turn.text,
            "codes": list(turn.score.get("codes", [])),
            **{area: float(points.get(area, 0.0)) for area in AREAS},
            "total": round(sum(float(points.get(a, 0.0)) for a in AREAS), 2),
            "weight": turn.score.get("weight", 1.0),
            "flags": list(turn.score.get("flags", [])),
            "rubric": turn.score.get("rubric", ""),
            "overridden": "override" in turn.score,
            "state": turn.state,
            **{m: turn.meters.get(m) for m in METERS},
            "reply": turn.reply,
            "hint": turn.hint,
        }
        if identified:
            external = turn.author if turn.author != row[0] else ""
            item.update(
                {
                    "user_external_id": external,
                    "user_name": row[1] or "",
                    "message_id": turn.message_id or "",
                }
            )
        out.append(item)
    return out


def columns(kind: str, identified: bool) -> list[str]:
    if kind == "sessions":
        return SESSION_COLUMNS + (IDENTIFIED_SESSION_COLUMNS if identified else [])
    return TURN_COLUMNS + (IDENTIFIED_TURN_COLUMNS if identified else [])


# What makes a spreadsheet read a cell as a formula. Every text cell is checked, not only
# messages: names, terminal trainee ids and custom scenario ids are typed by people too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_csv(rows: list[dict[str, Any]], header: list[str]) -> str:
    """CSV with lists joined by ';' and booleans as true/false (spreadsheet-friendly).

    Text that a spreadsheet would run as a formula (starting with = + - @) gets a leading
    apostrophe, so a hostile message or name cannot execute on a coordinator's machine;
    numbers are left alone.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(key, row.get(key)) for key in header})
    return buffer.getvalue()


def _cell(key: str, value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    if isinstance(value, list):
        return _cell(key, ";".join(str(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def render(
    sessions: list[dict[str, Any]], turns: list[dict[str, Any]], fmt: str, identified: bool
) -> str:
    """Standard-output form: JSON `{"sessions": [...], "turns": [...]}`, or the turns as CSV."""
    if fmt == "json":
        return json.dumps({"sessions": sessions, "turns": turns}, ensure_ascii=False, indent=1)
    return to_csv(turns, columns("turns", identified))


def write_files(
    folder: Path,
    sessions: list[dict[str, Any]],
    turns: list[dict[str, Any]],
    fmt: str,
    identified: bool,
) -> list[Path]:
    """`sessions.<fmt>` and `turns.<fmt>` in `folder` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, rows in (("sessions", sessions), ("turns", turns)):
        path = folder / f"{kind}.{fmt}"
        if fmt == "json":
            text = json.dumps(rows, ensure_ascii=False, indent=1)
        else:
            text = to_csv(rows, columns(kind, identified))
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
