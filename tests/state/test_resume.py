"""Resume after `kill -9`: a real `parley practice` process is killed mid-session, then
`parley practice --resume` continues exactly as an uninterrupted run with the same seed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from state.store import SqliteStore

ROOT = Path(__file__).resolve().parents[2]
PARLEY = [sys.executable, "-c", "from bot.cli import main; main()"]
SEED = "11"
LINES = [
    "You sound exhausted, commander. It has been a long week at this bridge.",
    "So last spring a convoy like ours carried rifles, and you were blamed for it?",
    "What would you need to see before the first truck moves?",
    "I'm sorry that happened. I can show you the manifest, page by page.",
    "If I understand you, your men need to know nothing dangerous crosses.",
    "What if an observer checks four medical trucks now, and you see every crate?",
    "I will come back at noon with the observers, as I promised.",
    "Could we open the gate for one hour, with your men and the observers watching together?",
]
pytestmark = pytest.mark.slow


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "PARLEY_DB": str(db), "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}


def _practice(db: Path, lines: list[str], *extra: str) -> dict:
    done = subprocess.run(
        [*PARLEY, "practice", "--json", "--db", str(db), *extra],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(db),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _stored_turns(db: Path) -> int:
    if not db.exists():
        return 0
    with SqliteStore(db, busy_timeout=2.0) as store:
        sessions = store.open_sessions() or []
        return len(store.turns(sessions[0].id)) if sessions else 0


def test_a_killed_session_resumes_exactly(tmp_path: Path) -> None:
    whole = _practice(tmp_path / "whole.db", LINES, "--seed", SEED)

    db = tmp_path / "killed.db"
    child = subprocess.Popen(
        [*PARLEY, "practice", "--json", "--seed", SEED, "--db", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=_env(db),
    )
    assert child.stdin is not None
    child.stdin.write("".join(line + "\n" for line in LINES[:5]))
    child.stdin.flush()
    deadline = time.monotonic() + 60
    while _stored_turns(db) < 4:  # the 5th line may be mid-turn when the kill lands
        assert child.poll() is None, "practice exited early"
        assert time.monotonic() < deadline, "practice did not store 4 turns in time"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL

    with SqliteStore(db) as store:
        (session,) = store.open_sessions()
        stored = len(store.turns(session.id))
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert stored in (4, 5)
    # The trainee re-sends what went unanswered; the resumed party carries on.
    resumed = _practice(db, LINES[stored:], "--resume", session.id)

    assert resumed["session_id"] == session.id
    assert resumed["turns"] == whole["turns"]
    for key in ("opening", "outcome", "final_state", "meters", "totals", "seed"):
        assert resumed[key] == whole[key], key
