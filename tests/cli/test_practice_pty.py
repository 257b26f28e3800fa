"""`parley practice` in a real pseudo-terminal, as a person at a keyboard meets it: the picker,
the status line, a multi-line paste, an unscorable message and the resume hint.

CliRunner is not a terminal, so line editing, bracketed paste and the terminal's own buffer
are only exercised here, in a child process on a pty (pexpect; no network).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect", reason="pexpect is in the test extra")
if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pseudo-terminals are POSIX only", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
PARLEY = Path(sys.executable).with_name("parley")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # what a terminal sends around a paste


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = {
        "PATH": "/usr/bin:/bin",
        "TERM": "xterm",
        "PARLEY_DB": str(tmp_path / "p.db"),
        "PARLEY_SCENARIO_CACHE": str(tmp_path / "scenario-cache"),  # not the user's
    }
    if "PARLEY_SCENARIO_DIRS" in os.environ:
        env["PARLEY_SCENARIO_DIRS"] = os.environ["PARLEY_SCENARIO_DIRS"]
    return pexpect.spawn(
        str(PARLEY),
        ["practice", "--seed", "3", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 200),
    )


def ask(child: pexpect.spawn, prompt: str) -> str:
    """The output up to `prompt`, once readline has taken the keyboard (it then turns
    bracketed paste on): a Ctrl-D sent earlier, while the terminal is still line-buffered,
    would be lost."""
    child.expect(prompt)
    shown = ANSI.sub("", child.before + child.after)
    child.expect_exact("\x1b[?2004h")
    return shown


def test_a_trainee_picks_plays_a_paste_and_is_told_how_to_resume(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    listed = ask(child, r"Scenario \(1-\d+ or its id\)")
    assert "checkpoint-convoy" in listed and "buffer-zone" in listed
    child.sendline("buffer-zone")
    ask(child, r"Level \(easy, normal, hard\)")
    child.sendline("easy")
    ask(child, "Your name")
    child.sendline("Ana")
    opening = ask(child, "You>")
    assert "Colonel" in opening and "easy level" in opening
    assert re.search(r"trust \d+ · tension \d+ · heard \d+ · \d+ turns left", opening)

    child.send(f"{PASTE_START}What happened on the hill?\nTell me from the start.{PASTE_END}\r")
    turn = ask(child, "You>")
    assert turn.count("Colonel") == 1  # one message, one answer
    assert re.search(r"trust \d+.*heard \d+ \(\+\d+\) · \d+ turns left", turn)

    child.sendline("🙏🙏🙏")
    refused = ask(child, "You>")
    assert "Not sent, and no turn used" in refused and "Colonel" not in refused

    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    end = ANSI.sub("", child.before)
    sid = re.search(r"Session ([0-9a-f]{12}) is still open", end)
    assert sid, end
    # parley is not on this PATH: the hint names the script, and it works as printed
    assert f"{PARLEY} practice --resume {sid.group(1)}" in end
    assert "Debrief" in end and child.exitstatus == 0

    resumed = spawn(tmp_path, "--resume", sid.group(1))
    replay = ask(resumed, "You>")
    assert "You (turn 1): What happened on the hill?" in replay
    assert "Tell me from the start." in replay
    resumed.sendeof()
    resumed.expect(pexpect.EOF)


def test_ctrl_d_at_the_picker_leaves_no_session(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    ask(child, r"Scenario \(")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert "no session was started" in ANSI.sub("", child.before)
    assert child.exitstatus == 1 and not (tmp_path / "p.db").exists()
