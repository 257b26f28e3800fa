"""Reading never writes: read commands open the file read-only, refuse files that are not
Parley's, and writes check the file's integrity first."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.cli._context import settings
from state.errors import NotParley, ReadOnlyStore, StoreDamaged
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn, populate


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PARLEY_BUSY_TIMEOUT", "0.2")
    settings.cache_clear()
    yield
    settings.cache_clear()


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


READS = [
    ["transcripts", "list"],
    ["transcripts", "show", "s1"],
    ["transcripts", "search", "exhausted"],
    ["export"],
    ["override", "list"],
]


@pytest.fixture
def parley_file(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "p.db"
    with SqliteStore(path) as store:
        populate(store)
    return path


@pytest.mark.parametrize("command", READS, ids=lambda c: " ".join(c))
def test_read_commands_leave_the_database_byte_for_byte(
    parley_file: Path, command: list[str]
) -> None:
    before = parley_file.read_bytes()
    result = run(*command, "--db", str(parley_file))
    assert result.exit_code == 0, result.output
    assert parley_file.read_bytes() == before
    # SQLite's own lock files of a WAL database may appear (and go when the last connection
    # closes), but nothing is written into the log.
    wal = parley_file.with_name("p.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    conn.close()
    before = _fingerprint(tmp_path)
    for command in ([*READS[0]], ["practice", "--scenario", "checkpoint-convoy"]):
        result = run(*command, "--db", str(other))
        assert result.exit_code == 1, result.output
        assert "holds another program's tables, not Parley's" in result.output
        assert "Traceback" not in result.output
    assert _fingerprint(tmp_path) == before  # no Parley tables, no WAL switch, no -wal file
    with sqlite3.connect(other) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()


def test_read_only_media_can_be_read(parley_file: Path) -> None:
    folder = parley_file.parent
    for name in ("p.db-wal", "p.db-shm"):
        (folder / name).unlink(missing_ok=True)
    os.chmod(folder, 0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root without a sandbox)")
        result = run("transcripts", "list", "--db", str(parley_file))
        assert result.exit_code == 0, result.output
        assert "s1" in result.output and "s2" in result.output
    finally:
        os.chmod(folder, 0o755)


def test_immutable_is_used_where_the_folder_cannot_be_written(
    parley_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = parley_file.parent
    with SqliteStore(parley_file, read_only=True) as store:
        assert store._uri(read_only=True).endswith("?mode=ro")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))
    with SqliteStore(parley_file, read_only=True) as store:
        assert store._uri(read_only=True).endswith("?mode=ro&immutable=1")
        assert store.get_session("s1") is not None


def test_a_read_only_store_refuses_to_write(parley_file: Path) -> None:
    with SqliteStore(parley_file, read_only=True) as store:
        with pytest.raises(ReadOnlyStore, match="opened for reading only"):
            store.create_session(make_session("s9"))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM turns")


def test_an_empty_file_is_not_parleys_to_read_but_is_to_fill(tmp_path: Path) -> None:
    empty = tmp_path / "new.db"
    empty.touch()
    with pytest.raises(NotParley, match="is empty"):
        SqliteStore(empty, read_only=True)
    with SqliteStore(empty) as store:
        store.create_session(make_session("s1"))


def _garble(path: Path, page: int) -> None:
    """Overwrite a page of the file with garbage after its 8-byte header."""
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    start = (page - 1) * size
    data[start + 8 : start + size] = bytes([0xA5]) * (size - 8)
    path.write_bytes(bytes(data))


def _corrupt(path: Path) -> None:
    """Overwrite the turns table's first page with garbage (the file header stays valid)."""
    with SqliteStore(path) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = store.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'turns'")
        page = root.fetchone()[0]
    _garble(path, page)


def test_a_damaged_file_is_refused_before_anything_is_written(parley_file: Path) -> None:
    _corrupt(parley_file)
    before = parley_file.read_bytes()
    with pytest.raises(StoreDamaged, match="is damaged"):
        SqliteStore(parley_file)
    result = run("practice", "--scenario", "checkpoint-convoy", "--db", str(parley_file))
    assert result.exit_code == 1
    assert "is damaged" in result.output and "nothing was written" in result.output
    assert parley_file.read_bytes() == before
    wal = parley_file.with_name("p.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_after_an_unclean_close_the_whole_file_is_checked(tmp_path: Path) -> None:
    """A clean close leaves no write-ahead log, and opening checks only the pages new rows
    go to; a log left behind (a killed process) makes the next writer check every page, so
    damage in the middle of the turns table is refused too."""
    path = tmp_path / "p.db"
    with SqliteStore(path) as store:
        session = make_session("s1")
        store.create_session(session)
        for i in range(8):
            store.record_turn(make_turn(i, text=f"{i} " + "long message " * 250), session)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        leaves = [
            row[0]
            for row in store.db.execute(
                "SELECT pageno FROM dbstat WHERE name = 'turns' AND pagetype = 'leaf' ORDER BY path"
            )
        ]
        assert len(leaves) >= 3
        store.set_display_name("discord:1001", "Ada Lovelace")  # a write left in the log
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        for name in ("p.db", "p.db-wal"):  # the files as a kill -9 at this moment leaves them
            (crashed / name).write_bytes((tmp_path / name).read_bytes())
    _garble(crashed / "p.db", leaves[len(leaves) // 2])
    before = (crashed / "p.db").read_bytes()
    with pytest.raises(StoreDamaged, match="is damaged"):
        SqliteStore(crashed / "p.db")
    assert (crashed / "p.db").read_bytes() == before
