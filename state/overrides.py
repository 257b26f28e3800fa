"""Coordinators' score corrections: the original stays, every change is audited.

An override row records who changed what (old and new values), why and when. Reading a
turn applies its latest override on top of the stored score, so `store.turns()` (and every
debrief, report and export built on it) shows the corrected values, and the score keeps an
`override` entry naming who, why and the original codes and points.
"""

from __future__ import annotations

import copy
import json
import math
from typing import TYPE_CHECKING, Any

from dialogues.scoring.rubric import CODE_AREA, CODE_POINTS, Area, Code
from state import scores
from state.errors import StoreError, UnknownSession, UnknownTurn

if TYPE_CHECKING:
    from state.store import SqliteStore

AREAS = [area.value for area in Area]


class InvalidOverride(StoreError, ValueError):
    """The correction names an unknown code or area, or gives no reason."""


def _codes(values: list[str]) -> list[str]:
    unknown = [v for v in values if v not in Code.__members__.values()]
    if unknown:
        raise InvalidOverride(
            f"unknown code(s) {', '.join(unknown)}; known codes: {', '.join(c.value for c in Code)}"
        )
    found = set(values)
    return [code.value for code in Code if code.value in found]


def _require_who_and_why(who: str, why: str) -> None:
    """An audit entry must say who corrected the score and why."""
    if not why.strip():
        raise InvalidOverride("say why the score is corrected (--why)")
    if not who.strip():
        raise InvalidOverride("say who corrects the score (--by)")


def area_bounds(area: str, turns: int = 1) -> tuple[float, float]:
    """The points `turns` turns can hold in `area`: penalties only take away (0 or less), the
    other areas only add (0 or more), and a turn holds at most every code of the area at full
    weight. A correction outside this range is a typo or a wrong sign, never a judgement."""
    values = [p for code, p in CODE_POINTS.items() if CODE_AREA[code].value == area]
    return sum(v for v in values if v < 0) * turns, sum(v for v in values if v > 0) * turns


def _points(values: dict[str, float], turns: int = 1) -> dict[str, float]:
    """The corrected points, checked against `area_bounds` for a turn (or `turns` turns)."""
    unknown = [k for k in values if k not in AREAS]
    if unknown:
        raise InvalidOverride(f"unknown area(s) {', '.join(unknown)}; areas: {', '.join(AREAS)}")
    checked = {}
    for area, value in values.items():
        number = float(value)
        low, high = area_bounds(area, turns)
        if not math.isfinite(number) or not low <= number <= high:
            sign = "0 or less" if high == 0 else "0 or more"
            scope = "a turn" if turns == 1 else f"this session's {turns} turns"
            raise InvalidOverride(
                f"{area}={value:g} refused: {area} points are {sign}, "
                f"from {low:g} to {high:g} for {scope}"
            )
        checked[area] = round(number, 2)
    return checked


def rescored_points(
    old_codes: list[str], new_codes: list[str], points: dict[str, float], weight: float
) -> dict[str, float]:
    """Points after a change of codes: each area whose codes changed is recomputed at the
    rubric's face value (`CODE_POINTS`, times the turn's weight); other areas keep theirs."""
    out = {area: float(points.get(area, 0.0)) for area in AREAS}
    changed = set(old_codes) ^ set(new_codes)
    for area in {CODE_AREA[Code(c)].value for c in changed}:
        out[area] = round(
            sum(CODE_POINTS[Code(c)] for c in new_codes if CODE_AREA[Code(c)].value == area)
            * weight,
            2,
        )
    return out


def apply_turn_override(
    score: dict[str, Any], new: dict[str, Any], *, override_id: int, who: str, why: str, at: str
) -> dict[str, Any]:
    """The stored score with a correction applied; the original codes and points are kept."""
    out = copy.deepcopy(score)
    original = score.get("override", {}).get("original") or {
        "codes": list(score.get("codes", [])),
        "points": dict(score.get("points", {})),
    }
    if "codes" in new:
        codes = list(new["codes"])
        evidence = out.get("evidence", {})
        reasons = out.get("reasons", {})
        out["evidence"] = {c: evidence.get(c, []) for c in codes}
        out["reasons"] = {c: reasons.get(c, f"set by a coordinator: {why}") for c in codes}
        out["codes"] = codes
    if "points" in new:
        out["points"] = {**out.get("points", {}), **new["points"]}
    out["override"] = {"id": override_id, "by": who, "why": why, "at": at, "original": original}
    return out


def _effective_turn(db: Any, session_id: str, index: int) -> tuple[int, dict[str, Any]]:
    """The turn's id and its score with earlier corrections applied (read in the write)."""
    from state.store import TURN_SQL, turn_from_row

    row = db.execute(TURN_SQL + " WHERE t.session_id = ? AND t.idx = ?", [session_id, index])
    found = row.fetchone()
    if found is None:
        if not db.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone():
            raise UnknownSession(f"no session with id {session_id!r}")
        raise UnknownTurn(f"session {session_id} has no turn {index + 1}")
    turn_id, turn = turn_from_row(found)
    return turn_id, turn.score


def override_turn(
    store: SqliteStore,
    session_id: str,
    index: int,
    *,
    who: str,
    why: str,
    codes: list[str] | None = None,
    points: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Correct a turn's codes and/or points; returns the audit entry (old and new values).

    With new codes and no points, the areas whose codes changed are rescored at the
    rubric's face value (see `rescored_points`).
    """
    _require_who_and_why(who, why)
    if codes is None and points is None:
        raise InvalidOverride("give the corrected codes and/or points")
    new_codes = _codes(codes) if codes is not None else None
    new_points = _points(points) if points is not None else None

    def run(db: Any) -> dict[str, Any]:
        turn_id, effective = _effective_turn(db, session_id, index)
        old = {"codes": effective.get("codes", []), "points": effective.get("points", {})}
        # `new` is the whole corrected value (not a delta), so the latest correction alone
        # gives the effective score and each audit entry reads on its own.
        codes = new_codes if new_codes is not None else list(old["codes"])
        if new_points is not None:
            points = {**old["points"], **new_points}
        else:
            points = rescored_points(
                old["codes"], codes, old["points"], float(effective.get("weight", 1.0))
            )
        new = {"codes": codes, "points": points}
        entry = _insert(store, db, "turn", session_id, turn_id, who, why, old, new)
        scores.refresh(db, session_id)
        return {**entry, "turn": index + 1}

    return store.transact(run)


def session_totals(store: SqliteStore, session_id: str) -> dict[str, Any]:
    """Points per area for a session (stored with it, see `state.scores`): the sum of its
    corrected turns, then the latest session-level correction on top. `overridden` says
    whether anything was corrected; `turns` how many turns were played."""
    with store.read() as db:
        row = db.execute(
            f"SELECT {', '.join(scores.SCORE_COLUMNS)} FROM sessions WHERE id = ?", [session_id]
        ).fetchone()
    if row is None:
        raise UnknownSession(f"no session with id {session_id!r}")
    return scores.stored(dict(zip(scores.SCORE_COLUMNS, row, strict=True)))["totals"]


def override_session(
    store: SqliteStore, session_id: str, *, who: str, why: str, totals: dict[str, float]
) -> dict[str, Any]:
    """Correct a session's points per area (given areas only); returns the audit entry."""
    _require_who_and_why(who, why)
    if not totals:
        raise InvalidOverride("give at least one corrected area, e.g. trust_building=6")
    before = session_totals(store, session_id)
    new_totals = _points(totals, turns=before["turns"])
    old = {"totals": {area: before[area] for area in new_totals}}

    def run(db: Any) -> dict[str, Any]:
        entry = _insert(
            store, db, "session", session_id, None, who, why, old, {"totals": new_totals}
        )
        scores.refresh(db, session_id)
        return entry

    return store.transact(run)


def _insert(
    store: SqliteStore,
    db: Any,
    target: str,
    session_id: str,
    turn_id: int | None,
    who: str,
    why: str,
    old: dict[str, Any],
    new: dict[str, Any],
) -> dict[str, Any]:
    from state.store import dumps, now

    at = now()
    cursor = db.execute(
        "INSERT INTO score_overrides (target, session_id, turn_id, who_id, old, new, why, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [target, session_id, turn_id, store.user_id(db, who), dumps(old), dumps(new), why, at],
    )
    return {
        "id": cursor.lastrowid,
        "target": target,
        "session_id": session_id,
        "who": who,
        "old": old,
        "new": new,
        "why": why,
        "at": at,
    }


def describe(old: dict[str, Any], new: dict[str, Any]) -> str:
    """A one-line account of a correction: what changed from what to what."""
    parts = []
    if "codes" in new and new["codes"] != old.get("codes"):
        before = ", ".join(old.get("codes", [])) or "none"
        parts.append(f"codes {before} → {', '.join(new['codes']) or 'none'}")
    for key in ("points", "totals"):
        for area, value in new.get(key, {}).items():
            was = old.get(key, {}).get(area)
            if was != value:
                parts.append(f"{area} {was if was is not None else '?'} → {value}")
    return "; ".join(parts) or "no change"


def audit(store: SqliteStore, session_id: str | None = None) -> list[dict[str, Any]]:
    """Every correction (of one session, or all), oldest first: who, old, new, why, when."""
    where, args = ("WHERE o.session_id = ?", [session_id]) if session_id else ("", [])
    with store.read() as db:
        rows = db.execute(
            f"""SELECT o.id, o.target, o.session_id, t.idx, coalesce(i.external_id, o.who_id, ''),
            o.old, o.new, o.why, o.created_at FROM score_overrides o
            LEFT JOIN turns t ON t.id = o.turn_id
            LEFT JOIN user_identities i ON i.user_id = o.who_id {where} ORDER BY o.id""",
            args,
        ).fetchall()
    return [
        {
            "id": r[0],
            "target": r[1],
            "session_id": r[2],
            "turn": None if r[3] is None else r[3] + 1,  # numbered from 1 for people
            "who": r[4],
            "old": json.loads(r[5]),
            "new": json.loads(r[6]),
            "why": r[7],
            "at": r[8],
        }
        for r in rows
    ]
