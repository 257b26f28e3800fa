"""`parley practice` as a user drives it: piped lines in, replies and one JSON object out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main

THREATS = [
    "Open the gate now or we will make you regret it.",
    "This is your fault. You have until noon, or else.",
    "Stop wasting my time, your men are criminals and you know it.",
    "Last chance: open it or we come through by force.",
    "I said open the gate or else.",
]


def practice(tmp_path: Path, lines: list[str], *args: str) -> tuple[int, dict, str]:
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["practice", "--db", str(tmp_path / "p.db"), "--seed", "7", "--json", *args],
        input="".join(f"{line}\n" for line in lines),
    )
    summary = json.loads(result.stdout) if result.exit_code == 0 else {}
    return result.exit_code, summary, result.stderr


def test_json_summary_has_every_field(tmp_path: Path) -> None:
    code, summary, stderr = practice(tmp_path, ["That sounds frightening for your men."])
    assert code == 0
    assert set(summary) >= {
        "session_id", "scenario", "seed", "opening", "outcome",
        "final_state", "meters", "totals", "turns",
    }  # fmt: skip
    assert summary["scenario"] == "checkpoint-convoy" and summary["seed"] == 7
    assert set(summary["totals"]) == {
        "active_listening", "trust_building", "interim_proposals", "penalties",
    }  # fmt: skip
    [turn] = summary["turns"]
    assert turn["text"] == "That sounds frightening for your men."
    assert turn["reply"] and turn["state"] == summary["final_state"]
    assert "Commander" in stderr  # the conversation itself goes to stderr with --json


def test_same_seed_same_transcript(tmp_path: Path) -> None:
    lines = ["What happened here last night?", "That must have been terrifying."]
    first = practice(tmp_path, lines)[1]
    second = practice(tmp_path, lines)[1]
    assert first["opening"] == second["opening"]
    assert [t["reply"] for t in first["turns"]] == [t["reply"] for t in second["turns"]]
    assert first["session_id"] != second["session_id"]


def test_threats_end_in_walkout_and_later_lines_are_not_played(tmp_path: Path) -> None:
    code, summary, stderr = practice(tmp_path, [*THREATS, "Sorry, can we talk?"])
    assert code == 0
    assert summary["outcome"] == "walkout"
    assert len(summary["turns"]) < len(THREATS) + 1
    assert "further input is not played" in stderr
    assert all(t["text"] != "Sorry, can we talk?" for t in summary["turns"])


def test_bad_lines_lose_nothing(tmp_path: Path) -> None:
    huge = "please listen " * 1500  # about 21 KB
    lines = ["", "   ", "hello\x00\x1b[31m commander", huge, "What do you need? 🙏"]
    code, summary, _ = practice(tmp_path, lines)
    assert code == 0
    texts = [t["text"] for t in summary["turns"]]
    assert texts[0] == "hello[31m commander"
    assert len(texts) == 3 and len(texts[1]) == 4000 and texts[2] == "What do you need? 🙏"


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("🙏🙏 👍", "has no words to score"),
        ("!!! ...", "has no words to score"),
        ("¿Qué necesitan tus hombres para abrir la puerta?", "looks like another language"),
        ("Что вам нужно, чтобы открыть ворота?", "looks like another language"),
    ],
)
def test_a_message_that_cannot_be_scored_is_refused_without_using_a_turn(
    tmp_path: Path, line: str, why: str
) -> None:
    code, summary, stderr = practice(tmp_path, [line, "What do you need?"])
    assert code == 0
    assert f"Not sent, and no turn used: this message {why}" in stderr
    assert [t["text"] for t in summary["turns"]] == ["What do you need?"]


def test_undecodable_line_is_repaired_named_and_the_good_lines_played(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["practice", "--db", str(tmp_path / "p.db"), "--json"],
        input=b"What do you need?\nhello \xff\xfe commander, tell me more\nWhy now?\n",
    )
    assert result.exit_code == 0, result.output
    assert "Line 2 is not valid utf-8" in result.stderr and "Traceback" not in result.output
    assert [t["text"] for t in json.loads(result.stdout)["turns"]] == [
        "What do you need?",
        "hello \ufffd\ufffd commander, tell me more",
        "Why now?",
    ]


def test_unknown_slash_command_is_refused_not_sent(tmp_path: Path) -> None:
    lines = ["/dance", "/[/]", "/help", "What do you need?"]
    code, summary, stderr = practice(tmp_path, lines)
    assert code == 0 and "Unknown command '/dance'" in stderr
    assert "Unknown command '/[/]'" in stderr  # shown literally, not parsed as rich markup
    assert [t["text"] for t in summary["turns"]] == ["What do you need?"]


def test_end_command_ends_and_debriefs(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["practice", "--db", str(tmp_path / "p.db"), "--seed", "1"],
        input="That sounds exhausting.\n/end\nmore\n",
    )
    assert result.exit_code == 0
    assert "Debrief" in result.stdout and "You ended the session." in result.stdout


def test_resume_continues_the_stored_session(tmp_path: Path) -> None:
    first = practice(tmp_path, ["What happened last night?"])[1]
    code, resumed, stderr = practice(
        tmp_path, ["That must have been hard."], "--resume", first["session_id"]
    )
    assert code == 0 and "Resuming session" in stderr
    assert [t["text"] for t in resumed["turns"]] == [
        "What happened last night?",
        "That must have been hard.",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenario", "no-such-thing"], "unknown scenario 'no-such-thing'"),
        (["--resume", "abc"], "no session with id 'abc'"),
        (["--mode", "lecture"], "Invalid value for '--mode'"),
        (["--level", "brutal"], "Invalid value for '--level'"),
    ],
)
def test_bad_arguments_get_a_clear_error(tmp_path: Path, args: list[str], message: str) -> None:
    code, _, stderr = practice(tmp_path, ["hi"], *args)
    assert code != 0 and message in stderr and "Traceback" not in stderr


def test_unwritable_database_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(main, ["practice", "--db", str(blocker / "p.db")], input="hi\n")
    assert result.exit_code != 0
    assert "cannot open the database" in result.stderr and "Traceback" not in result.stderr


def test_unknown_command_lists_the_real_ones() -> None:
    result = CliRunner().invoke(main, ["pratice"])
    assert result.exit_code == 2 and "Did you mean 'practice'" in result.stderr


def test_run_without_token_starts_offline_practice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import _context

    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.setenv("PARLEY_DB", str(tmp_path / "run.db"))
    monkeypatch.chdir(tmp_path)
    _context.settings.cache_clear()
    result = CliRunner().invoke(main, ["run"], input="What do you need?\n")
    _context.settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "No DISCORD_TOKEN set: starting an offline practice session" in result.stderr
    assert "Commander" in result.stdout and (tmp_path / "run.db").exists()


def test_undecodable_bytes_in_piped_input_are_kept_not_fatal(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [Path(sys.executable).with_name("parley"), "practice", "--json"],
        input=b"\xef\xbb\xbfhello \xff\xfe there\nWhat do you need?\n",
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "LC_ALL": "C.UTF-8",
            "PARLEY_DB": str(tmp_path / "p.db"),
            "PARLEY_SCENARIO_CACHE": str(tmp_path / "scenario-cache"),  # not the user's
        },
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    summary = json.loads(done.stdout)
    # a byte-order mark (Notepad) is not part of the message; bad bytes become U+FFFD
    assert [t["text"] for t in summary["turns"]] == [
        "hello \ufffd\ufffd there",
        "What do you need?",
    ]


def test_the_debrief_says_what_went_wrong_quoting_the_penalised_words(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["practice", "--db", str(tmp_path / "p.db"), "--seed", "7"],
        input=f"What happened last night?\n{THREATS[0]}\n",
    )
    assert result.exit_code == 0, result.output
    wrong = result.stdout.split("What went wrong", 1)[1].split("Missed openings", 1)[0]
    assert re.search(
        r'Turn 2: "Open the gate now or we will make you regret it\." — -\d+\.\d '
        r"threat: announces harm or force",
        wrong,
    ), wrong
    assert "Turn 1" not in wrong  # the open question cost nothing
