"""Trying a session again from a turn in the terminal: `practice --branch ID --at N`, `/retry`
while playing, and `transcripts compare A B`, driven as a user drives them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from state.store import SqliteStore

ROOT = Path(__file__).resolve().parents[2]
LINES = [
    "You sound exhausted, commander. It has been a long week at this bridge.",
    "So last spring a convoy like ours carried rifles, and you were blamed for it?",
    "What would you need to see before the first truck moves?",
    "I'm sorry that happened. I can show you the manifest, page by page.",
]
OTHER = "Open the gate now or we will make you regret it."


def run(db: Path, args: list[str], lines: list[str] = ()) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, [*args, "--db", str(db)], input="".join(f"{line}\n" for line in lines)
    )
    return result.exit_code, result.stdout, result.stderr


def practice(db: Path, lines: list[str], *args: str) -> dict:
    code, stdout, stderr = run(db, ["practice", "--json", *args], lines)
    assert code == 0, stderr
    return json.loads(stdout)


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """One stored session of four turns (the original every test branches)."""
    db = tmp_path_factory.mktemp("branch") / "p.db"
    return db, practice(db, LINES, "--seed", "11", "--trainee", "ada")


def _played_turns(summary: dict) -> list[tuple]:
    return [(t["text"], t["codes"], t["points"], t["state"], t["reply"]) for t in summary["turns"]]


def test_a_branch_given_the_same_messages_reproduces_the_original(played) -> None:
    db, original = played
    branch = practice(db, LINES[2:], "--branch", original["session_id"], "--at", "2")
    assert (branch["parent_id"], branch["branch_at"]) == (original["session_id"], 2)
    assert branch["session_id"] != original["session_id"]
    assert [t["kept"] for t in branch["turns"]] == [True, True, False, False]
    assert [t["turn"] for t in branch["turns"]] == [1, 2, 3, 4]  # as the screen numbers them
    assert _played_turns(branch) == _played_turns(original)
    for key in ("opening", "seed", "final_state", "meters", "totals"):
        assert branch[key] == original[key], key


def test_a_branch_plays_on_differently_and_shows_what_it_kept(played) -> None:
    db, original = played
    code, stdout, stderr = run(
        db, ["practice", "--branch", original["session_id"], "--at", "1"], [OTHER]
    )
    assert code == 0, stderr
    assert f"tries session {original['session_id']} again, keeping its first 1 turn" in stdout
    assert f"1. You: {LINES[0]}" in stdout
    assert original["turns"][0]["reply"] in stdout  # the party's last kept line
    assert "Debrief" in stdout


def test_at_zero_starts_again_from_the_opening(played) -> None:
    db, original = played
    branch = practice(db, [OTHER], "--branch", original["session_id"], "--at", "0")
    assert branch["opening"] == original["opening"] and branch["branch_at"] == 0
    assert [t["text"] for t in branch["turns"]] == [OTHER]
    assert branch["turns"][0]["kept"] is False


def test_retry_keeps_all_but_the_last_turn_without_leaving(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    summary = practice(db, [LINES[0], LINES[1], "/retry", OTHER], "--seed", "11")
    original = summary["parent_id"]
    assert summary["branch_at"] == 1
    assert [t["text"] for t in summary["turns"]] == [LINES[0], OTHER]
    with SqliteStore(db) as store:  # the original keeps both of its turns
        assert [t.text for t in store.turns(original)] == LINES[:2]


def test_retry_n_keeps_the_first_n_and_bad_retries_send_nothing(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    lines = ["/retry", LINES[0], LINES[1], "/retry 5", "/retry x", "/retry 0", OTHER]
    code, stdout, stderr = run(db, ["practice", "--json", "--seed", "11"], lines)
    assert code == 0, stderr
    summary = json.loads(stdout)
    assert "Nothing to retry yet" in stderr
    assert "has 2 turns: keep between 0 and 2 of them. Nothing was sent." in stderr
    assert "Use /retry, or /retry N" in stderr
    assert summary["branch_at"] == 0
    assert [t["text"] for t in summary["turns"]] == [OTHER]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "1"], "--branch ID and --at N go together"),
        (["--branch", "X", "--resume", "X", "--at", "1"], "not both"),
    ],
)
def test_branch_options_are_checked(tmp_path: Path, args: list[str], message: str) -> None:
    code, _, stderr = run(tmp_path / "x.db", ["practice", *args])
    assert code == 2 and message in stderr


def test_bad_branches_are_one_clear_line_and_store_nothing(played) -> None:
    db, original = played
    sid = original["session_id"]
    with SqliteStore(db) as store:
        before = store.db["sessions"].count
    for args, message in [
        (["--branch", sid, "--at", "9"], "has 4 turns: keep between 0 and 4 of them"),
        (["--branch", "nope", "--at", "0"], "no session with id 'nope'"),
        (["--branch", sid, "--at", "1", "--trainee", "bob"], "is another trainee's"),
    ]:
        code, _, stderr = run(db, ["practice", *args])
        assert code == 1 and message in stderr and "Traceback" not in stderr
        assert len(stderr.strip().splitlines()) == 1
    with SqliteStore(db) as store:
        assert store.db["sessions"].count == before


def test_compare_shows_both_paths_from_where_they_part(played) -> None:
    db, original = played
    branch = practice(db, [LINES[2], OTHER], "--branch", original["session_id"], "--at", "2")
    a, b = original["session_id"], branch["session_id"]
    code, stdout, stderr = run(db, ["transcripts", "compare", a, b])
    assert code == 0, stderr
    assert "Both paths share their first 3 turns; they part at turn 4." in stdout
    assert LINES[3] in stdout and OTHER in stdout and LINES[2] not in stdout
    assert original["turns"][3]["reply"][:30] in stdout
    assert "ongoing" in stdout and "total" in stdout
    code, stdout, _ = run(db, ["transcripts", "compare", a, b, "--json"])
    data = json.loads(stdout)
    assert data["shared_turns"] == 3
    assert [t["turn"] for t in data["a"]["turns"]] == [4]
    assert data["b"]["turns"][0]["text"] == OTHER
    assert data["b"]["turns"][0]["codes"] == branch["turns"][3]["codes"]
    assert data["a"]["total"] == round(sum(original["totals"].values()), 2)


def test_compare_refuses_unknown_or_unrelated_sessions(played, tmp_path: Path) -> None:
    db, original = played
    other = practice(db, [OTHER], "--scenario", "ceasefire-walkout")["session_id"]
    for b, message in [
        ("nope", "no session with id 'nope'"),
        (other, "compare two paths through one scenario"),
    ]:
        code, _, stderr = run(db, ["transcripts", "compare", original["session_id"], b])
        assert code == 1 and message in stderr


@pytest.mark.slow
def test_a_branch_killed_mid_play_resumes_with_its_lineage(played, tmp_path: Path) -> None:
    db, original = played
    with SqliteStore(db) as store:
        earlier = [row[0] for row in store.db.execute("SELECT id FROM sessions")]
    parley = [sys.executable, "-c", "from bot.cli import main; main()"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    branch_args = ["--branch", original["session_id"], "--at", "1"]
    child = subprocess.Popen(
        [*parley, "practice", "--json", "--db", str(db), *branch_args],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert child.stdin is not None
    child.stdin.write(LINES[1] + "\n")
    child.stdin.flush()
    deadline = time.monotonic() + 60
    branch_id = None
    while branch_id is None:
        assert child.poll() is None, "practice exited early"
        assert time.monotonic() < deadline, "the branch did not store its turn in time"
        with SqliteStore(db) as store:
            found = store.db.execute(
                "SELECT s.id FROM sessions s WHERE s.parent_id = ? AND s.branch_at = 1 "
                "AND (SELECT count(*) FROM turns t WHERE t.session_id = s.id) = 2 "
                f"AND s.id NOT IN ({','.join('?' * len(earlier))})",
                [original["session_id"], *earlier],
            ).fetchone()
        branch_id = found[0] if found else None
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    resumed = practice(db, LINES[2:], "--resume", branch_id)
    assert (resumed["parent_id"], resumed["branch_at"]) == (original["session_id"], 1)
    assert _played_turns(resumed) == _played_turns(original)
