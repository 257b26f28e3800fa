"""The review, export, privacy and override commands, as a coordinator uses them."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.cli._context import settings
from state.store import SqliteStore
from tests.state.conftest import IDENTIFYING, populate


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with SqliteStore(path) as store:
        populate(store)
    return path


@pytest.fixture(autouse=True)
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PARLEY_BUSY_TIMEOUT", "0.1")
    monkeypatch.setenv("PARLEY_DB", "/nonexistent/default.db")
    settings.cache_clear()
    yield
    settings.cache_clear()


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def ok(*args: str, input: str | None = None) -> str:
    result = run(*args, input=input)
    assert result.exit_code == 0, result.output
    return result.output


def fails(*args: str) -> str:
    result = run(*args)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    return result.output


def test_list_shows_sessions_newest_first(db: Path) -> None:
    data = json.loads(ok("transcripts", "list", "--json", "--db", str(db)))
    assert [s["session_id"] for s in data] == ["s2", "s1"]
    assert "s1" in ok("transcripts", "list", "--db", str(db))
    only = json.loads(
        ok("transcripts", "list", "--json", "--user", "discord:3003", "--db", str(db))
    )
    assert [s["session_id"] for s in only] == ["s2"]
    since = json.loads(
        ok("transcripts", "list", "--json", "--since", "2026-02-01", "--db", str(db))
    )
    assert [s["session_id"] for s in since] == ["s2"]
    ended = json.loads(ok("transcripts", "list", "--json", "--status", "ended", "--db", str(db)))
    assert ended == []
    assert (
        len(json.loads(ok("transcripts", "list", "--json", "--status", "open", "--db", str(db))))
        == 2
    )
    scen = json.loads(
        ok("transcripts", "list", "--json", "--scenario", "checkpoint-convoy", "--db", str(db))
    )
    assert [s["session_id"] for s in scen] == ["s1"]


def test_show_renders_turns_with_codes_and_points(db: Path) -> None:
    out = ok("transcripts", "show", "s1", "--db", str(db))
    assert "Turn 3 · Trainee" in out and "emotion_label" in out and "AL +3.0" in out
    assert "Exhausted? Try standing here" in out
    assert "discord:1001" not in out
    assert "discord:1001" in ok("transcripts", "show", "s1", "--identified", "--db", str(db))
    data = json.loads(ok("transcripts", "show", "s1", "--json", "--db", str(db)))
    assert len(data["turns"]) == 3 and data["totals"]["total"] == -6.0


def test_search_is_safe_and_finds_words(db: Path) -> None:
    hits = json.loads(ok("transcripts", "search", "Bob speaks", "--json", "--db", str(db)))
    assert [(h["session_id"], h["turn"]) for h in hits] == [("s2", 1), ("s2", 2)]
    for hostile in ['"', "NEAR(", "*", "a OR", "\udcff"]:
        ok("transcripts", "search", hostile, "--db", str(db))


def test_search_finds_the_partys_lines_when_asked(db: Path) -> None:
    trainee = ok("transcripts", "search", "standing", "--db", str(db))
    assert "No lines match." in trainee
    party = ok("transcripts", "search", "standing", "--who", "party", "--db", str(db))
    assert "s1 turn 1 " in party and "party" in party and "[standing]" not in party
    both = json.loads(
        ok("transcripts", "search", "exhausted", "--who", "all", "--json", "--db", str(db))
    )
    assert sorted({h["who"] for h in both}) == ["party", "trainee"]
    assert all(h["snippet"].lower().count("[exhausted]") == 1 for h in both)
    bad = fails("transcripts", "search", "x", "--who", "facilitator", "--db", str(db))
    assert "'trainee', 'party', 'all'" in bad


def test_export_defaults_to_pseudonymised_json_on_stdout(db: Path) -> None:
    out = ok("export", "--db", str(db))
    data = json.loads(out)
    assert len(data["sessions"]) == 2 and len(data["turns"]) == 5
    for secret in IDENTIFYING:
        assert secret not in out
    rows = list(csv.DictReader(io.StringIO(ok("export", "--format", "csv", "--db", str(db)))))
    assert len(rows) == 5
    mine = json.loads(ok("export", "--user", "discord:3003", "--db", str(db)))
    assert [s["session_id"] for s in mine["sessions"]] == ["s2"] and len(mine["turns"]) == 2
    identified = ok("export", "--identified", "--db", str(db))
    assert "discord:1001" in identified and "Ada Lovelace" in identified


def test_export_to_a_folder(db: Path, tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "--out", str(tmp_path / "x"), "--db", str(db))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["sessions.csv", "turns.csv"]


def test_forget_reports_what_was_removed(db: Path) -> None:
    out = ok("forget", "discord:1001", "--yes", "--db", str(db))
    assert "1 sessions, 3 turns" in out
    report = json.loads(
        ok("forget", "discord:3003", "--mode", "pseudonymise", "--yes", "--json", "--db", str(db))
    )
    assert report["sessions_pseudonymised"] == 1
    assert "no user" in fails("forget", "discord:1001", "--yes", "--db", str(db))
    assert run("forget", "discord:2002", "--db", str(db), input="n\n").exit_code != 0


def test_forget_mode_comes_from_the_settings(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_FORGET_MODE", "pseudonymise")
    settings.cache_clear()
    report = json.loads(ok("forget", "discord:1001", "--yes", "--json", "--db", str(db)))
    assert report["mode"] == "pseudonymise"


def test_purge_by_retention(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "--older-than" in fails("purge", "--yes", "--db", str(db))
    dry = json.loads(ok("purge", "--older-than", "0", "--dry-run", "--json", "--db", str(db)))
    assert dry["sessions_deleted"] == 2
    monkeypatch.setenv("PARLEY_RETENTION_DAYS", "0")
    settings.cache_clear()
    assert "Deleted 2 sessions" in ok("purge", "--yes", "--db", str(db))
    assert json.loads(ok("transcripts", "list", "--json", "--db", str(db))) == []


def test_override_turn_and_session_with_audit(db: Path) -> None:
    out = ok(
        "override",
        "turn",
        "s1",
        "1",
        "--codes",
        "emotion_label,paraphrase",
        "--why",
        "missed paraphrase",
        "--by",
        "coord-1",
        "--db",
        str(db),
    )
    assert "missed paraphrase" in out
    ok(
        "override",
        "session",
        "s1",
        "--set",
        "penalties=0",
        "--why",
        "recount",
        "--by",
        "coord-1",
        "--db",
        str(db),
    )
    trail = json.loads(ok("override", "list", "s1", "--json", "--db", str(db)))
    assert [(e["target"], e["who"], e["why"]) for e in trail] == [
        ("turn", "coord-1", "missed paraphrase"),
        ("session", "coord-1", "recount"),
    ]
    shown = json.loads(ok("transcripts", "show", "s1", "--json", "--db", str(db)))
    assert shown["turns"][0]["score"]["codes"] == ["emotion_label", "paraphrase"]
    assert shown["totals"]["penalties"] == 0.0
    assert "unknown code" in fails(
        "override",
        "turn",
        "s1",
        "1",
        "--codes",
        "magic",
        "--why",
        "x",
        "--by",
        "c",
        "--db",
        str(db),
    )
    assert "AREA=POINTS" in fails(
        "override",
        "session",
        "s1",
        "--set",
        "penalties",
        "--why",
        "x",
        "--by",
        "c",
        "--db",
        str(db),
    )


def test_clear_errors_without_tracebacks(db: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.db")
    for args in (
        ["transcripts", "list"],
        ["transcripts", "show", "s1"],
        ["transcripts", "search", "x"],
        ["export"],
        ["forget", "u", "--yes"],
        ["purge", "--older-than", "1", "--yes"],
        ["override", "list"],
    ):
        assert "no database at" in fails(*args, "--db", missing)
    assert not Path(missing).exists()  # reading never creates a database
    assert "no database at /nonexistent/default.db" in fails("transcripts", "list")
    assert "no session with id 'nope'" in fails("transcripts", "show", "nope", "--db", str(db))
    assert "no turn 7" in fails(
        "override",
        "turn",
        "s1",
        "7",
        "--points",
        "penalties=0",
        "--why",
        "x",
        "--by",
        "c",
        "--db",
        str(db),
    )
    assert "not a date" in fails("export", "--since", "soon", "--db", str(db))
    notes = tmp_path / "notes.db"
    notes.write_text("not sqlite " * 200)
    assert "not a usable Parley database" in fails("transcripts", "list", "--db", str(notes))


def test_a_locked_database_is_a_clear_error(db: Path) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        out = fails("forget", "discord:1001", "--yes", "--db", str(db))
    finally:
        holder.rollback()
        holder.close()
    assert "locked by another program" in out
    assert "1 sessions" in ok("forget", "discord:1001", "--yes", "--db", str(db))


def test_practice_on_a_locked_database_says_so(db: Path) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(main, ["practice", "--json", "--db", str(db)], input="Hi\n")
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    assert "locked by another program" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_turns_are_numbered_from_one_in_show_and_override(db: Path) -> None:
    shown = json.loads(ok("transcripts", "show", "s1", "--json", "--db", str(db)))
    assert [t["turn"] for t in shown["turns"]] == [1, 2, 3]
    second = shown["turns"][1]["text"]
    assert f"Turn 2 · Trainee: {second}" in ok("transcripts", "show", "s1", "--db", str(db))
    entry = ok(
        "override", "turn", "s1", "2", "--codes", "apology", "--why", "w", "--by", "c",
        "--db", str(db),
    )  # fmt: skip
    assert "s1 turn 2 by c" in entry
    after = json.loads(ok("transcripts", "show", "s1", "--json", "--db", str(db)))["turns"]
    assert [t["score"]["codes"] == ["apology"] for t in after] == [False, True, False]
    assert [
        e["turn"] for e in json.loads(ok("override", "list", "s1", "--json", "--db", str(db)))
    ] == [2]
    assert "has no turn 4" in fails(
        "override", "turn", "s1", "4", "--codes", "", "--why", "w", "--by", "c", "--db", str(db)
    )
    zero = run("override", "turn", "s1", "0", "--codes", "", "--why", "w", "--by", "c")
    assert zero.exit_code == 2 and "0 is not in the range x>=1" in zero.output


def test_exports_and_search_number_turns_from_one(db: Path) -> None:
    """The turn a person reads in `transcripts show` is the `turn` of every export and
    search hit; `index` (0-based) stays only in exports, whose columns are documented."""
    shown = json.loads(ok("transcripts", "show", "s1", "--json", "--db", str(db)))["turns"]
    shown_turns = [(t["turn"], t["text"]) for t in shown]
    exported = json.loads(ok("export", "--db", str(db)))["turns"]
    assert [(t["turn"], t["text"]) for t in exported if t["session_id"] == "s1"] == shown_turns
    assert [t["index"] for t in exported if t["session_id"] == "s1"] == [0, 1, 2]
    rows = csv.DictReader(io.StringIO(ok("export", "--format", "csv", "--db", str(db))))
    assert [(int(r["turn"]), r["text"]) for r in rows if r["session_id"] == "s1"] == shown_turns
    hits = json.loads(ok("transcripts", "search", shown[1]["text"], "--json", "--db", str(db)))
    assert [(h["session_id"], h["turn"]) for h in hits] == [("s1", 2)]
    assert "index" not in hits[0]
    printed = ok("transcripts", "search", shown[1]["text"], "--db", str(db))
    assert "s1 turn 2 " in printed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["turn", "s1", "1", "--points", "penalties=5"], "penalties points are 0 or less"),
        (["turn", "s1", "1", "--points", "active_listening=-3"], "active_listening=-3 refused"),
        (["turn", "s1", "1", "--points", "trust_building=500"], "from 0 to 12 for a turn"),
        (["turn", "s1", "1", "--points", "trust_building=nan"], "trust_building=nan refused"),
        (["session", "s1", "--set", "penalties=50"], "penalties=50 refused"),
        (["session", "s1", "--set", "interim_proposals=99"], "to 22.5 for this session's 3 turns"),
    ],
)  # fmt: skip
def test_overrides_refuse_a_wrong_sign_or_an_impossible_value(
    db: Path, args: list[str], message: str
) -> None:
    result = run("override", *args, "--why", "w", "--by", "c", "--db", str(db))
    assert result.exit_code == 1 and message in result.output, result.output
    assert json.loads(ok("override", "list", "s1", "--json", "--db", str(db))) == []
