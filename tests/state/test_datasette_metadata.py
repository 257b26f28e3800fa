"""The review site's metadata names real views and columns, and closes arbitrary SQL."""

from __future__ import annotations

import json
from pathlib import Path

from state.store import SqliteStore

METADATA = Path(__file__).resolve().parents[2] / "state" / "datasette-metadata.json"


def test_metadata_describes_the_review_views_of_the_schema(tmp_path: Path) -> None:
    config = json.loads(METADATA.read_text())
    database = config["databases"]["parley"]
    assert database["allow_sql"] is False
    with SqliteStore(tmp_path / "parley.db") as store:
        views = set(store.db.view_names())
        for name, table in database["tables"].items():
            assert name in views  # only views are described: base tables stay closed
            columns = [c.name for c in store.db[name].columns]
            assert list(table["columns"]) == columns
            assert set(table["facets"]) <= set(columns)
    assert "datasette " not in config["description"]  # no developer instructions


def test_the_sessions_page_reads_only_the_sessions_it_shows(tmp_path: Path) -> None:
    """Newest first walks the date index and stops at the page size: no sort of every
    session, no sum over every turn of the store."""
    with SqliteStore(tmp_path / "parley.db") as store:
        plan = [
            row[3]
            for row in store.db.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM review_sessions ORDER BY started DESC LIMIT 100"
            )
        ]
    assert plan[0] == "SCAN s USING INDEX sessions_created"
    assert not any("TEMP B-TREE" in step for step in plan)
    assert all("turns" not in step or "(session_id=?)" in step for step in plan)
