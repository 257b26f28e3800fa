"""A session's scores kept on its own row: raw sums per area and the 0-100 skill profile.

Lists, rankings, exports and the review site compare sessions; summing every turn (and
applying every correction) each time they do made `transcripts list` read the whole
database. Instead each write that changes a session's points (a turn, a correction)
refreshes that one session's row in the same transaction, so the row is never stale and
reading it costs one row. Raw sums stay beside the normalised profile (`skill_profile`,
0-100 per turn played): raw sums reward length, the profile does not.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from dialogues.scoring.model import skill_profile
from dialogues.scoring.rubric import Area

if TYPE_CHECKING:
    from sqlite_utils import Database

AREAS = [area.value for area in Area]
SKILLS = ["active_listening", "trust_building", "interim_proposals", "restraint", "overall"]

POINT_COLUMNS = [f"points_{area}" for area in AREAS] + ["points_total"]
SKILL_COLUMNS = [f"skill_{skill}" for skill in SKILLS]
SCORE_COLUMNS = ["turn_count", *POINT_COLUMNS, *SKILL_COLUMNS, "overridden"]

# Each turn's points with its latest correction on top (a correction stores the whole
# corrected points, not a delta), summed per area in SQL.
_LATEST_TURN_FIX = """(SELECT o.new FROM score_overrides o WHERE o.turn_id = t.id
    ORDER BY o.id DESC LIMIT 1)"""
_SUMS = (
    "SELECT count(*), "
    + ", ".join(
        f"coalesce(sum(coalesce(json_extract(fix, '$.points.{a}'), "
        f"json_extract(t.points, '$.{a}'))), 0)"
        for a in AREAS
    )
    + f", coalesce(max(fix IS NOT NULL), 0) FROM (SELECT t.*, {_LATEST_TURN_FIX} AS fix "
    "FROM turns t WHERE t.session_id = ?) t"
)


def totals_for(db: Database, session_id: str) -> dict[str, Any]:
    """Points per area over the session's (corrected) turns, then the latest session-level
    correction on top; with `turns` and whether anything was `overridden`."""
    row = db.execute(_SUMS, [session_id]).fetchone()
    turns, sums, overridden = int(row[0]), row[1 : 1 + len(AREAS)], bool(row[-1])
    totals = {area: float(value) for area, value in zip(AREAS, sums, strict=True)}
    fix = db.execute(
        "SELECT new FROM score_overrides WHERE session_id = ? AND target = 'session' "
        "ORDER BY id DESC LIMIT 1",
        [session_id],
    ).fetchone()
    if fix:
        overridden = True
        totals.update(json.loads(fix[0])["totals"])
    out: dict[str, Any] = {area: round(value, 2) for area, value in totals.items()}
    out["total"] = round(sum(totals[a] for a in AREAS), 2)
    out["overridden"] = overridden
    out["turns"] = turns
    return out


def refresh(db: Database, session_id: str) -> None:
    """Recompute one session's stored scores (call inside the write that changed them)."""
    _store(db, session_id, totals_for(db, session_id))


def add_turn(db: Database, session_id: str, points: dict[str, float]) -> None:
    """Add a new turn's points to the session's stored sums (call inside the write that
    stores the turn): one row read and written, whatever the session's length. A new turn
    has no correction yet; a session whose totals a coordinator replaced is recomputed."""
    if db.execute(
        "SELECT 1 FROM score_overrides WHERE session_id = ? AND target = 'session' LIMIT 1",
        [session_id],
    ).fetchone():
        refresh(db, session_id)
        return
    row = db.execute(
        f"SELECT {', '.join(SCORE_COLUMNS)} FROM sessions WHERE id = ?", [session_id]
    ).fetchone()
    totals = stored(dict(zip(SCORE_COLUMNS, row, strict=True)))["totals"]
    for area in AREAS:
        totals[area] = round(totals[area] + float(points.get(area, 0.0)), 2)
    totals["total"] = round(sum(totals[a] for a in AREAS), 2)
    totals["turns"] += 1
    _store(db, session_id, totals)


def _store(db: Database, session_id: str, totals: dict[str, Any]) -> None:
    profile = skill_profile(totals, totals["turns"])
    values = [
        totals["turns"],
        *(totals[area] for area in AREAS),
        totals["total"],
        *(profile[skill] for skill in SKILLS),
        int(totals["overridden"]),
    ]
    assignments = ", ".join(f"{column} = ?" for column in SCORE_COLUMNS)
    db.execute(f"UPDATE sessions SET {assignments} WHERE id = ?", [*values, session_id])


def refresh_all(db: Database) -> None:
    """Fill every session's scores (the migration that adds the columns)."""
    for (session_id,) in db.execute("SELECT id FROM sessions").fetchall():
        refresh(db, session_id)


def stored(row: dict[str, Any]) -> dict[str, Any]:
    """Totals (as `totals_for` gives them) and the profile, from a sessions row's columns."""
    totals: dict[str, Any] = {area: row[f"points_{area}"] for area in AREAS}
    totals["total"] = row["points_total"]
    totals["overridden"] = bool(row["overridden"])
    totals["turns"] = row["turn_count"]
    return {"totals": totals, "profile": {skill: row[f"skill_{skill}"] for skill in SKILLS}}
