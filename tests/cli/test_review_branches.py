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


async def test_attempts_count_retries_as_practice_under_their_parent(db_path: Path) -> None:
    client = review_app(db_path).client
    rows = (await client.get("/parley/attempts.json?_shape=array")).json()
    assert sorted(row["retries"] for row in rows) == [0, 2]
    [tried] = [row for row in rows if row["retries"]]
    assert "again from turn 2" in tried["retry_sessions"]
    assert "again from turn 3" in tried["retry_sessions"]


async def test_a_sessions_page_lists_its_retries(db_path: Path) -> None:
    client = review_app(db_path).client
    with SqliteStore(db_path) as store:
        [(parent, child)] = store.db.execute(
            "SELECT parent_id, id FROM sessions WHERE parent_id IS NOT NULL AND branch_at = 1"
        ).fetchall()
    page = (await client.get(f"/parley/sessions/{parent}")).text
    assert "parent_id" in page  # "links from other tables": its retries
    children = (await client.get(f"/parley/sessions.json?parent_id={parent}&_shape=array")).json()
    assert [row["id"] for row in children] == [child]
