"""Coordinator and author commands on awkward input: trainee text that looks like markup,
unknown ids, missing folders. Each ends with a clear line and the right exit status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.cli._context import settings
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn, populate

TRICKY = [
    r"look at C:\path now",  # a backslash right before the matched word
    "[bold]path[/] [/] [link=http://evil]path[/link]",
    "path\\",  # a trailing backslash
]


@pytest.fixture(autouse=True)
def no_default_db(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PARLEY_DB", "/nonexistent/default.db")
    settings.cache_clear()
    yield
    settings.cache_clear()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with SqliteStore(path) as store:
        populate(store)
        session = make_session("s3", trainee="discord:4004")
        store.create_session(session)
        for i, text in enumerate(TRICKY):
            store.record_turn(make_turn(i, "s3", f"m-3-{i}", text, "discord:4004"), session)
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_search_prints_trainee_text_literally(db: Path) -> None:
    result = run("transcripts", "search", "path", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert r"C:\path" in result.stdout
    assert "[bold]path[/] [/] [link=http://evil]path[/link]" in result.stdout


def test_search_without_words_says_so(db: Path) -> None:
    result = run("transcripts", "search", "  ", "--db", str(db))
    assert result.exit_code == 2 and "give at least one word" in result.stderr


def test_show_prints_trainee_text_literally(db: Path) -> None:
    result = run("transcripts", "show", "s3", "--db", str(db))
    assert result.exit_code == 0, result.output
    for text in TRICKY:
        assert text in result.stdout


def test_override_list_of_an_unknown_session_is_an_error(db: Path) -> None:
    result = run("override", "list", "nope", "--db", str(db))
    assert result.exit_code == 1
    assert "no session with id 'nope'" in result.stderr and "No corrections" not in result.output


@pytest.mark.parametrize("by", ["", "   "])
def test_a_correction_must_say_who_made_it(db: Path, by: str) -> None:
    turn = run(
        "override", "turn", "s1", "1", "--codes", "", "--why", "x", "--by", by, "--db", str(db)
    )
    session = run(
        "override",
        "session",
        "s1",
        "--set",
        "penalties=0",
        "--why",
        "x",
        "--by",
        by,
        "--db",
        str(db),
    )
    for result in (turn, session):
        assert result.exit_code == 1 and "say who corrects the score (--by)" in result.stderr
    assert "No corrections." in run("override", "list", "--db", str(db)).stdout


def test_graph_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "graph.md"
    result = run("scenarios", "graph", "checkpoint-convoy", "-o", str(target))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"cannot write {target}" in result.stderr


def test_piped_list_shows_whole_ids_and_scenarios(db: Path) -> None:
    result = run("transcripts", "list", "--db", str(db))
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines()]
    s2 = next(row for row in rows if row and row[0] == "s2")
    assert "ceasefire-talks" in s2 and "…" not in result.stdout


def test_forget_of_an_unknown_person_fails_before_asking(db: Path) -> None:
    result = CliRunner().invoke(main, ["forget", "u-nobody", "--db", str(db)], input="y\n")
    assert result.exit_code == 1 and "no user 'u-nobody'" in result.stderr
    assert "This cannot be undone" not in result.output


def test_bench_with_no_matching_module_says_which_exist() -> None:
    result = run("bench", "--only", "nothing")
    assert result.exit_code == 2
    assert "choose from scoring, turn, store" in result.stderr


def test_review_refuses_a_file_that_is_not_a_parley_database(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    result = run("review", "--db", str(text))
    assert result.exit_code == 1 and "not a usable Parley database" in result.stderr
    assert "Serving" not in result.output


@pytest.mark.parametrize("command", [["export"], ["transcripts", "list"]])
def test_a_user_filter_matching_nobody_is_an_error(db: Path, command: list[str]) -> None:
    result = run(*command, "--user", "discord:typo", "--db", str(db))
    assert result.exit_code == 1 and "no user 'discord:typo'" in result.stderr
    assert result.stdout == ""
    known = run(*command, "--user", "discord:1001", "--db", str(db))
    assert known.exit_code == 0 and "s1" in known.stdout


def test_undecodable_arguments_are_one_clear_line(db: Path) -> None:
    result = run("override", "session", "s1", "--set", "penalties=0", "--why", "x \udcff",
                 "--by", "me", "--db", str(db))  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not valid UTF-8" in result.stderr


def test_classify_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    source = tmp_path / "utterances.jsonl"
    source.write_text('{"id": 1, "text": "That sounds frightening."}\n', encoding="utf-8")
    for out in (source, tmp_path / "." / "utterances.jsonl"):
        result = run("classify", "--jsonl", str(source), "--out", str(out))
        assert result.exit_code == 1 and "is the input file" in result.stderr
    assert source.read_text(encoding="utf-8").count("\n") == 1  # not emptied


def test_graph_refuses_to_write_over_the_scenario_it_draws(tmp_path: Path) -> None:
    from dialogues.catalogue import BUILTIN_DIR

    draft = tmp_path / "draft.yaml"
    draft.write_text((BUILTIN_DIR / "checkpoint-convoy.yaml").read_text(encoding="utf-8"))
    before = draft.read_text()
    result = run("scenarios", "graph", str(draft), "-o", str(draft))
    assert result.exit_code == 1 and "is the scenario file itself" in result.stderr
    assert draft.read_text() == before
