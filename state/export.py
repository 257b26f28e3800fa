"""Research exports: one row per session and one per turn, pseudonymised unless asked.

Columns are documented in `docs/export-columns.md` (a test keeps the two in step). Scores
are the corrected ones (coordinators' overrides applied), and `overridden` says so. By
default people appear only as their stable pseudonyms (`u-…`): no Discord ids, names,
guild, thread or message ids. `identified=True` adds those columns for whoever is
entitled to them.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dialogues.ports import TurnRecord
from state.scores import AREAS, SKILL_COLUMNS
from state.store import TURN_SQL, turn_from_row

if TYPE_CHECKING:
    from sqlite_utils import Database

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
    *SKILL_COLUMNS,
    "overridden",
    "created_at",
    "ended_at",
]
TURN_COLUMNS = [
    "session_id",
    "turn",
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


@dataclass(frozen=True)
class Filters:
    """Which sessions an export, list or report covers (applied in SQL).

    `user` is a front-end id or a pseudonym; `status` is a session status, or `open` for
    every session not yet ended.
    """

    since: str | None = None
    scenario: str | None = None
    user: str | None = None
    status: str | None = None
    guild_id: str | None = None
    session_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        where, args = ["1 = 1"], []
        if self.guild_id is not None:
            where.append("coalesce(s.guild_id, '') = ?")
            args.append(self.guild_id)
        if self.session_id is not None:
            where.append("s.id = ?")
            args.append(self.session_id)
        if self.status == "open":
            where.append("s.status != 'ended'")
        elif self.status:
            where.append("s.status = ?")
            args.append(self.status)
        if self.since:
            where.append("s.created_at >= ?")
            args.append(parse_since(self.since))
        if self.scenario:
            where.append("s.scenario_id = ?")
            args.append(self.scenario)
        if self.user:
            where.append("(s.user_id = ? OR ti.external_id = ?)")
            args += [self.user, self.user]
        return " AND ".join(where), args


# Sort orders of session rows: oldest first for exports, newest or best first for lists.
ORDERS = {
    "oldest": "s.created_at, s.id",
    "recent": "s.created_at DESC, s.id DESC",
    **{
        column.removeprefix("skill_"): f"s.{column} DESC, s.created_at DESC"
        for column in SKILL_COLUMNS
    },
    "total": "s.points_total DESC, s.created_at DESC",
}

# Each export column as SQL, in order: the row comes out of SQLite ready to use (scores are
# the session's stored ones, meters read from its snapshot without parsing it in Python).
_SESSION_EXPR = {
    "session_id": "s.id",
    "user": "s.user_id",
    "facilitator": "coalesce(s.facilitator_id, '')",
    **{c: f"s.{c}" for c in ("scenario_id", "scenario_version", "rubric", "seed", "mode")},
    **{c: f"s.{c}" for c in ("level", "status", "outcome")},
    "parent_id": "coalesce(s.parent_id, '')",
    "branch_at": "s.branch_at",
    "final_state": "coalesce(json_extract(s.counterpart, '$.state'), '')",
    **{f"final_{m}": f"json_extract(s.counterpart, '$.meters.{m}')" for m in METERS},
    "turns": "s.turn_count",
    **{area: f"s.points_{area}" for area in AREAS},
    "total": "s.points_total",
    **{column: f"s.{column}" for column in SKILL_COLUMNS},
    "overridden": "s.overridden",
    "created_at": "s.created_at",
    "ended_at": "s.ended_at",
    "user_external_id": "coalesce(ti.external_id, '')",
    "user_name": "coalesce(ti.display_name, '')",
    "facilitator_external_id": "coalesce(fi.external_id, '')",
    "guild_id": "coalesce(s.guild_id, '')",
    "channel_id": "s.channel_id",
}
_SESSION_FROM = """FROM sessions s
    LEFT JOIN user_identities ti ON ti.user_id = s.user_id
    LEFT JOIN user_identities fi ON fi.user_id = s.facilitator_id"""


def session_rows(
    db: Database,
    filters: Filters,
    *,
    identified: bool = False,
    order: str = "oldest",
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Session rows one at a time, scores read from the session's own row (`state.scores`),
    so a list of 50 sessions reads 50 rows whatever the size of the database."""
    where, args = filters.where()
    names = columns("sessions", identified)
    select = ", ".join(_SESSION_EXPR[name] for name in names)
    sql = f"SELECT {select} {_SESSION_FROM} WHERE {where} ORDER BY {ORDERS[order]}"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    for row in db.execute(sql, args):
        out = dict(zip(names, row, strict=True))
        out["overridden"] = bool(out["overridden"])
        yield out


def turn_rows(
    db: Database, filters: Filters, *, identified: bool = False
) -> Iterator[dict[str, Any]]:
    """Turn rows (corrected scores) one at a time, in the sessions' export order: memory
    stays flat however many turns the database holds."""
    where, args = filters.where()
    sql = (
        TURN_SQL.replace("SELECT ", "SELECT coalesce(t.author_id, ''), i.display_name, ", 1)
        + " JOIN sessions s ON s.id = t.session_id"
        + " LEFT JOIN user_identities ti ON ti.user_id = s.user_id"
        + f" WHERE {where} ORDER BY {ORDERS['oldest']}, t.idx"
    )
    for row in db.execute(sql.replace("SELECT ", "SELECT s.scenario_id, ", 1), args):
        scenario_id, pseudonym, display_name = row[0], row[1], row[2]
        _, turn = turn_from_row(row[3:])
        yield _turn_dict(turn, scenario_id, pseudonym, display_name, identified)


def _turn_dict(
    turn: TurnRecord, scenario_id: str, pseudonym: str, display_name: str | None, identified: bool
) -> dict[str, Any]:
    points = turn.score.get("points", {})
    item: dict[str, Any] = {
        "session_id": turn.session_id,
        "turn": turn.index + 1,  # as every screen numbers turns
        "index": turn.index,  # the documented 0-based column, kept for existing readers
        "user": pseudonym,
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
        external = turn.author if turn.author != pseudonym else ""
        item.update(
            {
                "user_external_id": external,
                "user_name": display_name or "",
                "message_id": turn.message_id or "",
            }
        )
    return item


@contextmanager
def snapshot(store: SqliteStore) -> Iterator[Database]:
    """One read transaction, so the sessions and turns of an export agree with each other
    even while the bot keeps writing."""
    with store.read() as db:
        db.conn.execute("BEGIN")
        try:
            yield db
        finally:
            db.conn.execute("COMMIT")


def collect(
    store: SqliteStore, *, identified: bool = False, **filters: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The sessions and turns rows of an export as lists (reports, one session's transcript,
    tests); whole exports stream with `session_rows` / `turn_rows` instead."""
    chosen = Filters(**filters)
    with snapshot(store) as db:
        sessions = list(session_rows(db, chosen, identified=identified))
        turns = list(turn_rows(db, chosen, identified=identified))
    return sessions, turns


def columns(kind: str, identified: bool) -> list[str]:
    if kind == "sessions":
        return SESSION_COLUMNS + (IDENTIFIED_SESSION_COLUMNS if identified else [])
    return TURN_COLUMNS + (IDENTIFIED_TURN_COLUMNS if identified else [])


# What makes a spreadsheet read a cell as a formula. Every text cell is checked, not only
# messages: names, terminal trainee ids and custom scenario ids are typed by people too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_json(
    out: TextIO, sessions: Iterable[dict[str, Any]], turns: Iterable[dict[str, Any]]
) -> tuple[int, int]:
    """`{"sessions": [...], "turns": [...]}` written row by row; returns the row counts."""
    out.write("{\n")
    counts = []
    for key, rows in (("sessions", sessions), ("turns", turns)):
        out.write(f' "{key}": [')
        counts.append(_json_array(out, rows))
        out.write("]" + (",\n" if key == "sessions" else "\n"))
    out.write("}")
    return counts[0], counts[1]


def _json_array(out: TextIO, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    for row in rows:
        out.write(("," if count else "") + "\n  " + json.dumps(row, ensure_ascii=False))
        count += 1
    if count:
        out.write("\n ")
    return count


def write_csv(out: TextIO, rows: Iterable[dict[str, Any]], header: list[str]) -> int:
    """CSV with lists joined by ';' and booleans as true/false (spreadsheet-friendly),
    written row by row; returns the row count.

    Text that a spreadsheet would run as a formula (starting with = + - @) gets a leading
    apostrophe, so a hostile message or name cannot execute on a coordinator's machine;
    numbers are left alone.
    """
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({key: _cell(key, row.get(key)) for key in header})
        count += 1
    return count


def to_csv(rows: Iterable[dict[str, Any]], header: list[str]) -> str:
    buffer = io.StringIO()
    write_csv(buffer, rows, header)
    return buffer.getvalue()


def _cell(key: str, value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    if isinstance(value, list):
        return _cell(key, ";".join(str(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_stream(
    out: TextIO,
    sessions: Iterable[dict[str, Any]],
    turns: Iterable[dict[str, Any]],
    fmt: str,
    identified: bool,
) -> tuple[int, int]:
    """Standard-output form: JSON `{"sessions": [...], "turns": [...]}`, or the turns as CSV."""
    if fmt == "json":
        return write_json(out, sessions, turns)
    return 0, write_csv(out, turns, columns("turns", identified))


def render(
    sessions: Iterable[dict[str, Any]], turns: Iterable[dict[str, Any]], fmt: str, identified: bool
) -> str:
    buffer = io.StringIO()
    write_stream(buffer, sessions, turns, fmt, identified)
    return buffer.getvalue()


def write_files(
    folder: Path,
    sessions: Iterable[dict[str, Any]],
    turns: Iterable[dict[str, Any]],
    fmt: str,
    identified: bool,
) -> list[Path]:
    """`sessions.<fmt>` and `turns.<fmt>` in `folder` (created if needed), all or nothing.

    Each file is written to a new temporary file beside it and renamed over the target
    only when both are complete: a failed export leaves no half file, and a target that is
    a symbolic link is replaced as a link, never followed onto the file it points at.
    """
    folder.mkdir(parents=True, exist_ok=True)
    done: list[tuple[Path, Path]] = []
    try:
        for kind, rows in (("sessions", sessions), ("turns", turns)):
            target = folder / f"{kind}.{fmt}"
            if target.is_dir() and not target.is_symlink():
                raise IsADirectoryError(errno.EISDIR, "a folder has this name", str(target))
            fd, name = tempfile.mkstemp(dir=folder, prefix=f".{kind}.", suffix=".part")
            done.append((Path(name), target))
            with open(fd, "w", encoding="utf-8", newline="") as handle:
                if fmt == "json":
                    handle.write("[")
                    _json_array(handle, rows)
                    handle.write("]")
                else:
                    write_csv(handle, rows, columns(kind, identified))
                handle.flush()
                os.fsync(handle.fileno())
        for temporary, target in done:
            os.replace(temporary, target)
    except BaseException:
        for temporary, _ in done:
            temporary.unlink(missing_ok=True)
        raise
    return [target for _, target in done]
