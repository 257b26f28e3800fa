"""Whole role-plays through a real `parley practice` process, answering what the party says.

The trainee here reads each reply from the process before writing the next line, exactly
as a person at the terminal would, so the test covers the front end, the service, the
scorer, the engine and the store together.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dialogues.catalogue import ScenarioCatalogue
from tests.scenarios.players import HOSTILE_LINES
from tests.scoring.players import skilled

pytestmark = pytest.mark.slow
SCENARIO = ScenarioCatalogue().get("checkpoint-convoy")
PREFIX = f"{SCENARIO.persona.name} ("
MOOD_TO_STATE = {state.mood: state.name for state in SCENARIO.states}


class _Turn:
    """The little of a `TurnResult` the scripted players look at: the party's state."""

    def __init__(self, state: str):
        self.state = state


def play(tmp_path: Path, player: Callable, limit: int = 45) -> dict:
    """Run `parley practice --json`, feeding `player`'s answer to each line the party says."""
    command = [sys.executable, "-c", "from bot.cli import main; main()", "practice"]
    options = ["--db", str(tmp_path / "p.db"), "--seed", "7", "--mode", "assess", "--json"]
    process = subprocess.Popen(
        [*command, *options],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "10000"},
    )
    assert process.stdin and process.stderr and process.stdout
    last: _Turn | None = None  # None before the opening line, as the players expect
    try:
        for turn in range(limit):
            line = process.stderr.readline()
            while line and not line.startswith(PREFIX):
                if "session ended" in line:
                    break
                line = process.stderr.readline()
            if not line or not line.startswith(PREFIX):
                break
            mood, reply = line[len(PREFIX) :].split("): ", 1)
            last = _Turn(MOOD_TO_STATE[mood]) if turn else None
            process.stdin.write(player(last, reply.strip()) + "\n")
            process.stdin.flush()
        stdout, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    return json.loads(stdout)


def test_skilled_trainee_reaches_agreement(tmp_path: Path) -> None:
    summary = play(tmp_path, skilled())
    assert summary["outcome"] == "agreement", [t["state"] for t in summary["turns"]]
    assert summary["totals"]["active_listening"] > 0 < summary["totals"]["interim_proposals"]


def test_hostile_trainee_never_gets_agreement(tmp_path: Path) -> None:
    lines = iter(HOSTILE_LINES * 10)
    summary = play(tmp_path, lambda last, party_line: next(lines))
    assert summary["outcome"] == "walkout"
    assert summary["totals"]["penalties"] < 0
