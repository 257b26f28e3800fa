"""`parley practice` at a terminal: the prompt, the end of a session, Ctrl-C/Ctrl-D, resuming.

CliRunner's input is not a terminal, so `stdin_is_terminal` is patched to say it is: the
prompt loop then runs exactly as it does for a person typing.
"""

from __future__ import annotations

import importlib
import io
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from bot.cli import main
from dialogues.catalogue import ScenarioCatalogue
from dialogues.service import SessionService
from state.store import SqliteStore
from tests.cli.test_practice import THREATS

# The module, not the `practice` command that `bot.cli` exports under the same name.
practice_cli = importlib.import_module("bot.cli.practice")

PROMPT = "You>"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(practice_cli, "stdin_is_terminal", lambda: True)


def play(db: Path, typed: str, *args: str) -> Result:
    """A session of checkpoint-convoy (so no picker), unless `args` name another scenario."""
    return CliRunner().invoke(
        main,
        ["practice", "--db", str(db), "--seed", "3", "--scenario", "checkpoint-convoy", *args],
        input=typed,
    )


def session_id(result: Result) -> str:
    match = re.search(r"Session ([0-9a-f]{12})", result.stdout)
    assert match, result.stdout
    return match.group(1)


def test_end_shows_the_debrief_without_asking_for_another_line(terminal, tmp_path: Path) -> None:
    result = play(tmp_path / "p.db", "That sounds exhausting.\n/end\n")
    assert result.exit_code == 0, result.output
    assert "You ended the session." in result.stdout and "Debrief" in result.stdout
    # one prompt per typed line: no third prompt between /end and the debrief
    assert result.stdout.count(PROMPT) == 2
    assert "further input is not played" not in result.stderr


def test_a_walkout_shows_the_debrief_at_once(terminal, tmp_path: Path) -> None:
    result = play(tmp_path / "p.db", "".join(f"{line}\n" for line in [*THREATS, *THREATS]))
    assert result.exit_code == 0, result.output
    assert "The session ended: walkout." in result.stdout
    played = result.stdout.count(PROMPT)
    assert played < 2 * len(THREATS)  # stopped prompting when the party walked out
    assert result.stdout.rindex(PROMPT) < result.stdout.index("The session ended")


def test_ctrl_d_leaves_the_prompt_line_and_says_how_to_resume(terminal, tmp_path: Path) -> None:
    result = play(tmp_path / "p.db", "What happened last night?\n")
    assert result.exit_code == 0, result.output
    sid = session_id(result)
    assert f"\nparley practice --db {tmp_path / 'p.db'} --resume {sid}\n" in result.stdout
    last_prompt = result.stdout.rindex(PROMPT)
    debrief = result.stdout.index("Debrief")
    assert "\n" in result.stdout[last_prompt:debrief]  # the rule does not start on the prompt


def test_ctrl_c_while_a_turn_is_stored_stops_cleanly(
    terminal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self, session_id, text, message_id=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(SessionService, "handle_turn", interrupted)
    result = play(tmp_path / "p.db", "What happened last night?\nmore\n")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.stdout.count(PROMPT) == 1
    assert "nothing to debrief yet" in result.stdout  # the interrupted turn was not stored


def test_resume_shows_where_the_conversation_stands(terminal, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    first = play(db, "What happened last night?\n")
    sid = session_id(first)
    last_reply = first.stdout.split(PROMPT)[-2].split("):", 1)[-1].strip().split("\n")[0]
    resumed = play(db, "", "--resume", sid)
    assert resumed.exit_code == 0, resumed.output
    assert f"Resuming session {sid}" in resumed.stdout
    assert last_reply[:30] in resumed.stdout  # the party's last words, to answer them


def test_resuming_an_ended_session_says_so_and_does_not_prompt(terminal, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    sid = session_id(play(db, "What happened?\n/end\n"))
    result = play(db, "hello?\n", "--resume", sid)
    assert result.exit_code == 0, result.output
    assert f"Session {sid}" in result.stdout and "has ended" in result.stdout
    assert PROMPT not in result.stdout and "Debrief" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seed", "99999999999999999999999"], "Invalid value for '--seed'"),
        (["--seed", "-5"], "Invalid value for '--seed'"),
        (["--trainee", "  "], "Invalid value for '--trainee'"),
    ],
)
def test_bad_seed_or_name_is_refused_clearly(tmp_path: Path, args: list[str], message) -> None:
    result = CliRunner().invoke(main, ["practice", "--db", str(tmp_path / "p.db"), *args])
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "p.db").exists()


def test_on_a_terminal_long_lines_wrap_between_words(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(
        practice_cli, "console", Console(file=screen, force_terminal=True, width=40)
    )
    out = practice_cli._Output(as_json=False)
    words = [
        "Last",
        "spring",
        "a",
        "convoy",
        "like",
        "yours",
        "carried",
        "rifles",
        "under",
        "the",
        "flour",
        "sacks",
    ]

    scenario = ScenarioCatalogue().get("checkpoint-convoy")
    out.party(scenario, "hostile", " ".join(words))
    out.note(" ".join(words))
    text = re.sub(r"\x1b\[[0-9;]*m", "", screen.getvalue())
    printed = [w for line in text.splitlines() for w in line.split()]
    assert all(len(line) <= 40 for line in text.splitlines())
    assert set(words) <= set(printed)  # no word cut in two at the window's edge


def test_options_ignored_by_resume_are_named(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    sid = session_id(play(db, ""))
    result = play(db, "", "--resume", sid, "--scenario", "buffer-zone", "--level", "hard")
    assert result.exit_code == 0, result.output
    assert "--scenario, --seed, --level ignored" in result.stderr  # play() passes --seed
    assert "Resuming session" in result.stdout


def test_stopping_before_any_message_shows_no_empty_debrief(terminal, tmp_path: Path) -> None:
    result = play(tmp_path / "p.db", "")
    assert result.exit_code == 0, result.output
    assert "nothing to debrief yet" in result.stdout and "Debrief" not in result.stdout


def test_resume_replays_the_last_exchanges_numbered_from_one(terminal, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    lines = [
        "What happened last night?",
        "That sounds frightening.",
        "Who was hurt?",
        "What do your men need?",
    ]
    first = play(db, "".join(f"{line}\n" for line in lines))
    sid = session_id(first)
    resumed = play(db, "", "--resume", sid)
    assert resumed.exit_code == 0, resumed.output
    assert f"Resuming session {sid}" in resumed.stdout and "after 4 turns" in resumed.stdout
    shown = resumed.stdout.split("Resuming", 1)[1].split("Debrief", 1)[0]
    for turn, line in enumerate(lines[1:], 2):
        assert f"You (turn {turn}): {line}" in shown
    assert lines[0] not in shown and "(turn 1)" not in shown  # the last three exchanges
    assert shown.count("Commander") >= 3  # each with the party's answer


def test_resume_hint_names_the_script_when_parley_is_not_on_the_path(
    terminal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / ".venv" / "bin" / "parley"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "argv", [str(script), "run"])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["practice", "--scenario", "checkpoint-convoy"], input="")
    assert result.exit_code == 0, result.output
    sid = session_id(result)
    assert f"\n.venv/bin/parley practice --resume {sid}\n" in result.stdout


def test_status_line_shows_meters_their_change_and_turns_left(terminal, tmp_path: Path) -> None:
    result = play(tmp_path / "p.db", "That sounds exhausting for your men.\n")
    assert result.exit_code == 0, result.output
    statuses = re.findall(
        r"trust (\d+)(?: \(([+-]\d+)\))? · tension (\d+)(?: \(([+-]\d+)\))? · "
        r"heard (\d+)(?: \(([+-]\d+)\))? · (\d+) turns left",
        result.stdout,
    )
    assert len(statuses) == 2, result.stdout  # after the opening, after the one reply
    before, after = statuses
    assert int(before[6]) - int(after[6]) == 1
    for value in (0, 2, 4):  # trust, tension, heard: each change shown, none when unchanged
        change = int(after[value]) - int(before[value])
        assert after[value + 1] == (f"{change:+d}" if change else "")
    assert after[5] != ""  # a listening message moved "heard"
    assert result.stdout.index("turns left") < result.stdout.index(PROMPT)


def test_picker_asks_scenario_level_and_name_with_defaults(terminal, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    result = CliRunner().invoke(
        main, ["practice", "--db", str(db)], input="9\nbuffer-zone\n\n  Ana  \nHello.\n"
    )
    assert result.exit_code == 0, result.output
    assert "checkpoint-convoy" in result.stdout and "Please select one" in result.stdout
    store = SqliteStore(db)
    [record] = store.open_sessions()
    assert (record.scenario_id, record.level, record.trainee) == ("buffer-zone", "hard", "Ana")
    assert [t.text for t in store.turns(record.id)] == ["Hello."]


def test_picker_skips_what_the_options_say(terminal, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    result = CliRunner().invoke(
        main, ["practice", "--db", str(db), "--level", "easy", "--trainee", "Bo"], input="\n"
    )
    assert result.exit_code == 0, result.output
    assert "Level" not in result.stdout and "Your name" not in result.stdout
    [record] = SqliteStore(db).open_sessions()
    assert (record.scenario_id, record.level, record.trainee) == ("checkpoint-convoy", "easy", "Bo")


def test_picker_is_not_shown_to_scripts(tmp_path: Path) -> None:
    result = play(tmp_path / "p.db", "Hello.\n")  # not a terminal: lines are messages
    assert result.exit_code == 0 and "Scenario (" not in result.stdout


def test_ctrl_d_at_the_picker_starts_nothing(terminal, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["practice", "--db", str(db)], input="2\n")
    assert result.exit_code == 1 and "no session was started" in result.stderr
    assert "Traceback" not in result.output and not db.exists()
