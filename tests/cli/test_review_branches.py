"""The review site shows retries under the session they retry, counted as practice."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.review import review_app
from dialogues.service import SessionService
from state.store import SqliteStore

pytest.importorskip("datasette")

LINES = ["What happened last night at the bridge?", "That sounds frightening for your men."]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """One attempt with a retry and a retry of the retry; a second, unrelated attempt."""
    path = tmp_path / "parley.db"
    with SqliteStore(path) as store:
        service = SessionService(store)
        first = service.start("checkpoint-convoy", trainee="ada", seed=1).session.id
        for line in LINES:
            service.handle_turn(first, line)
        retry = service.branch(first, 1, "ada").session.id
        service.handle_turn(retry, "Open the gate now or else.")
        service.branch(retry, 2, "ada")
        service.start("checkpoint-convoy", trainee="bob", seed=2)
    return path


async def test_sessions_name_each_retrys_parent_and_count_an_attempts_retries(
    db_path: Path,
) -> None:
    client = review_app(db_path).client
    rows = (await client.get("/parley/review_sessions.json?_shape=array")).json()
    by_retry = {row["retry_of"]: row for row in rows}
    first = next(r for r in rows if r["retries"] == 2)
    retry, again = by_retry[first["session"]], by_retry[by_retry[first["session"]]["session"]]
    assert (retry["from_turn"], again["from_turn"]) == (2, 3)
    assert {retry["attempt"], again["attempt"], first["attempt"]} == {first["session"]}
    assert sorted(row["retries"] for row in rows) == [0, 0, 0, 2]


async def test_progress_lists_retries_under_their_attempt_as_practice(db_path: Path) -> None:
    client = review_app(db_path).client
    with SqliteStore(db_path) as store:
        [(ada,)] = store.db.execute(
            "SELECT DISTINCT user_id FROM sessions WHERE parent_id IS NOT NULL"
        ).fetchall()
    rows = (await client.get(f"/parley/progress.json?trainee={ada}&_shape=array")).json()
    kinds = [row["kind"] for row in rows]
    assert kinds[0] == "attempt" and rows[0]["retries"] == 2
    retry = next(r for r in rows if "from turn 2" in r["kind"])
    assert set(kinds[1:]) == {
        f"practice: retry of {rows[0]['session']} from turn 2",
        f"practice: retry of {retry['session']} from turn 3",
    }
