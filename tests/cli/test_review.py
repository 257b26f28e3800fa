"""`parley review`: what a coordinator's browser gets from the read-only Datasette."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.cli.review import review_app
from dialogues.service import SessionService
from state.store import SqliteStore

pytest.importorskip("datasette")


@pytest.fixture(params=["parley.db", "training-2026.db"])
def db_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Restrictions must hold whatever the file is called (Datasette keys by file stem)."""
    path = tmp_path / request.param
    with SqliteStore(path) as store:
        service = SessionService(store)
        session_id = service.start("checkpoint-convoy", trainee="112233445566", seed=1).session.id
        service.handle_turn(session_id, "What happened last night at the bridge?")
    return path


async def test_turns_are_browsable_and_searchable(db_path: Path) -> None:
    client = review_app(db_path).client
    name = db_path.stem
    rows = (await client.get(f"/{name}/turns.json?_shape=array")).json()
    assert [row["text"] for row in rows] == ["What happened last night at the bridge?"]
    found = await client.get(f"/{name}/turns.json?_search=bridge&_shape=array")
    assert found.status_code == 200 and len(found.json()) == 1


async def test_identities_and_arbitrary_sql_are_closed(db_path: Path) -> None:
    client = review_app(db_path).client
    name = db_path.stem
    assert (await client.get(f"/{name}/user_identities.json")).status_code == 403
    sql = await client.get(f"/{name}.json?sql=select+*+from+user_identities")
    assert sql.status_code == 403
    page = (await client.get(f"/{name}")).text
    assert "112233445566" not in page and "user_identities" not in page


def test_review_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["review", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no database at" in result.stderr
