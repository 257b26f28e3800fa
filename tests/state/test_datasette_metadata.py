"""The Datasette metadata names real tables and keeps identities and arbitrary SQL closed."""

from __future__ import annotations

import json
from pathlib import Path

from state.store import SqliteStore

METADATA = Path(__file__).resolve().parents[2] / "state" / "datasette-metadata.json"


def test_metadata_matches_the_schema_and_closes_identities(tmp_path: Path) -> None:
    config = json.loads(METADATA.read_text())
    database = config["databases"]["parley"]
    assert database["allow_sql"] is False
    assert database["tables"]["user_identities"]["allow"] is False
    with SqliteStore(tmp_path / "parley.db") as store:
        tables = set(store.db.table_names()) | set(store.db.view_names())
        columns = {c.name for c in store.db["sessions"].columns}
    assert set(database["tables"]) <= tables
    assert set(database["tables"]["sessions"]["facets"]) <= columns
    assert "default_allow_sql off" in config["description"]
