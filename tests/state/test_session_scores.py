"""Each session's raw points and 0-100 skill profile are stored with it and kept current,
so lists rank sessions fairly (per turn played) and exports carry both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.cli._context import settings
from dialogues.ports import TurnRecord
from state.export import collect
from state.overrides import override_session, override_turn, session_totals
from state.scores import totals_for
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn


def _turn(index: int, sid: str, points: dict[str, float]) -> TurnRecord:
    turn = make_turn(index, sid, f"{sid}-{index}")
    turn.score = {**turn.score, "codes": [], "evidence": {}, "points": points}
    return turn


@pytest.fixture
def ranked(store: SqliteStore) -> SqliteStore:
    """`padded`: 40 turns of 3.5 points (raw +140); `skilled`: 8 turns of 10 (raw +80)."""
    for sid, turns, points in (
        ("padded", 40, {"active_listening": 3.0, "trust_building": 0.5}),
        ("skilled", 8, {"active_listening": 4.0, "trust_building": 3.0, "interim_proposals": 3.0}),
    ):
        session = make_session(sid, created_at=f"2026-02-0{1 + len(sid) % 2}T10:00:00+00:00")
        store.create_session(session)
        for i in range(turns):
            store.record_turn(_turn(i, sid, points), session)
    return store


def test_each_turn_updates_the_stored_raw_sums_and_profile(ranked: SqliteStore) -> None:
    skilled = session_totals(ranked, "skilled")
    assert (skilled["turns"], skilled["total"], skilled["overridden"]) == (8, 80.0, False)
    [row], _ = collect(ranked, session_id="skilled")
    assert row["skill_active_listening"] == 100.0 and row["skill_overall"] == 100.0
    [padded], _ = collect(ranked, session_id="padded")
    assert padded["total"] == 140.0 and padded["skill_active_listening"] == 75.0
    assert padded["skill_overall"] < row["skill_overall"]


def test_the_sums_kept_turn_by_turn_equal_a_full_recount(store: SqliteStore) -> None:
    session = make_session("s1")
    store.create_session(session)
    odd = [0.35, 1.15, 2.05, 0.45, 3.33, 0.01, 1.99]
    for i, value in enumerate(odd):
        turn = _turn(i, "s1", {"active_listening": value, "penalties": -value / 7})
        turn.score["points"] = {k: round(v, 2) for k, v in turn.score["points"].items()}
        store.record_turn(turn, session)
    kept = session_totals(store, "s1")
    with store.read() as db:
        recount = totals_for(db, "s1")
    assert kept == recount and kept["turns"] == len(odd)


def test_corrections_change_the_stored_scores(ranked: SqliteStore) -> None:
    override_turn(
        ranked, "skilled", 0, who="coord", why="no proposal", points={"interim_proposals": 0.0}
    )
    totals = session_totals(ranked, "skilled")
    assert (totals["interim_proposals"], totals["total"]) == (21.0, 77.0)
    assert totals["overridden"]
    [row], _ = collect(ranked, session_id="skilled")
    assert row["skill_interim_proposals"] == 87.5
    override_session(ranked, "skilled", who="coord", why="penalty missed", totals={"penalties": -8})
    [row], _ = collect(ranked, session_id="skilled")
    assert (row["penalties"], row["skill_restraint"]) == (-8.0, 50.0)
    # A turn played after a session-level correction keeps the corrected area as set.
    session = ranked.get_session("skilled")
    assert session is not None
    ranked.record_turn(_turn(8, "skilled", {"active_listening": 4.0, "penalties": -2.0}), session)
    totals = session_totals(ranked, "skilled")
    assert (totals["turns"], totals["penalties"], totals["active_listening"]) == (9, -8.0, 36.0)


def test_list_ranks_by_skill_per_turn_not_by_raw_sums(ranked: SqliteStore, db_path: Path) -> None:
    ranked.close()
    settings.cache_clear()

    def listing(*extra: str) -> list[dict[str, object]]:
        result = CliRunner().invoke(
            main, ["transcripts", "list", "--json", "--db", str(db_path), *extra]
        )
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    assert [s["session_id"] for s in listing("--sort", "overall")] == ["skilled", "padded"]
    assert [s["session_id"] for s in listing("--sort", "total")] == ["padded", "skilled"]
    [best] = listing("--sort", "overall", "--limit", "1")
    assert (best["skill_overall"], best["total"], best["turns"]) == (100.0, 80.0, 8)
    table = (
        CliRunner()
        .invoke(main, ["transcripts", "list", "--sort", "overall", "--db", str(db_path)])
        .output
    )
    header = next(line for line in table.splitlines() if " AL " in line)
    assert header.split()[-6:] == ["AL", "TB", "IP", "res", "all", "points"]
    first = next(line for line in table.splitlines() if line.split()[:1] == ["skilled"])
    assert first.split()[-6:] == ["100", "100", "100", "100", "100", "+80.0"]
