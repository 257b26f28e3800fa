"""Every kind of bad scenario file is one clear line for its file, never a traceback or a hang,
and never stops the shipped scenarios or another command (issue 12, A)."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from dialogues.catalogue import BUILTIN_DIR, ScenarioCatalogue
from dialogues.scenario import ScenarioError, load_scenario
from dialogues.scenario_file import MAX_FILE_BYTES
from tests.scenarios.conftest import ALIAS_BOMB, SHIPPED

CONVOY = (BUILTIN_DIR / "checkpoint-convoy.yaml").read_text(encoding="utf-8")


def _write(text: str | bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return make


def _big(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: 50 MB without writing 50 MB
        handle.truncate(50 * 1024 * 1024)


def _escape_in_persona(path: Path) -> None:
    text = CONVOY.replace("id: checkpoint-convoy", "id: escape-test", 1)
    text = re.sub(r"(?m)^(persona:\n  name: )(.*)$", r'\1"\\e[2J\\e]0;owned\\a\2"', text, count=1)
    path.write_text(text, encoding="utf-8")


# (case, how to make x.yaml, what its one line must say)
BAD_FILES = [
    ("alias bomb", _write(ALIAS_BOMB), "line 1: this value is reused through an alias"),
    ("self-referencing alias", _write("id: x\nloop: &l [*l]\n"), "line 2: this value is reused"),
    ("5,000-deep flow nesting", _write("id: " + "[" * 5000 + "]" * 5000), "nesting depth"),
    (
        "40-deep block nesting",
        _write("".join(" " * i + f"k{i}:\n" for i in range(40)) + " " * 40 + "v: 1\n"),
        "line 34: nested more than 32 levels deep",
    ),
    ("5,000-digit integer", _write("id: x\nversion: " + "9" * 5000), "line 2: the number 9999"),
    ("50 MB file", _big, f"at most {MAX_FILE_BYTES:,} bytes"),
    ("invalid UTF-8", _write(b"id: x\ntitle: caf\xe9\n"), "line 2: not UTF-8 text (byte 0xe9)"),
    ("impossible date", _write("id: x\nversion: 2026-13-45\n"), "not valid YAML (month must"),
    ("wrong types", _write("id: [1, 2]\ntitle: x\n"), "line 1, id: Input should be a valid"),
    ("a list, not a mapping", _write("- id: x\n"), "must be a YAML mapping"),
    (
        "two documents",
        _write("id: x\n---\nid: y\n"),
        "line 2: not valid YAML (expected a single document in the stream, but found another",
    ),
    ("complex key", _write("? [a, b]\n: 1\n"), "not valid YAML"),
    (
        "escape sequence in the persona's name",
        _escape_in_persona,
        "persona.name: contains the control character U+001B",
    ),
]
CASE_IDS = [case[0] for case in BAD_FILES]


pytestmark = pytest.mark.usefixtures("fresh_settings")


def run(*args: str, folder: Path | None = None, input: str | None = None) -> Result:
    env = {"PARLEY_SCENARIO_DIRS": str(folder)} if folder else {}
    return CliRunner().invoke(main, list(args), env=env, input=input, terminal_width=200)


def bad_folder(tmp_path: Path, make: Callable[[Path], None]) -> Path:
    folder = tmp_path / "custom"
    folder.mkdir()
    make(folder / "x.yaml")
    return folder


@pytest.mark.parametrize(("case", "make", "says"), BAD_FILES, ids=CASE_IDS)
def test_validate_names_the_file_and_the_problem(tmp_path, case, make, says) -> None:
    folder = bad_folder(tmp_path, make)
    result = run("scenarios", "validate", str(folder / "x.yaml"))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert says in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("case", "make", "says"), BAD_FILES, ids=CASE_IDS)
def test_one_bad_file_leaves_every_shipped_scenario_listed(tmp_path, case, make, says) -> None:
    result = run("scenarios", "list", folder=bad_folder(tmp_path, make))
    assert result.exit_code == 0, result.output
    for scenario_id in SHIPPED:
        assert f"\n{scenario_id}\t" in result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and "x.yaml" in skipped[0] and says in skipped[0]


def test_practice_of_a_shipped_scenario_ignores_an_alias_bomb_next_door(tmp_path) -> None:
    folder = bad_folder(tmp_path, _write(ALIAS_BOMB))
    db = tmp_path / "p.db"
    result = run("practice", "--json", "--seed", "1", "--db", str(db), folder=folder, input="")
    assert result.exit_code == 0, result.output
    assert '"scenario": "checkpoint-convoy"' in result.stdout


def test_asking_for_the_broken_file_s_scenario_says_it_could_not_be_loaded(tmp_path) -> None:
    folder = bad_folder(tmp_path, _write(ALIAS_BOMB))
    result = run("scenarios", "show", "fuel-at-the-harbour", folder=folder)
    assert result.exit_code == 1
    assert "1 scenario file(s) could not be loaded (x.yaml)" in result.output


def test_wrong_types_are_listed_as_one_line_with_a_count(tmp_path) -> None:
    folder = bad_folder(tmp_path, _write("id: [1, 2]\ntitle: {a: 1}\n"))
    result = run("scenarios", "list", folder=folder)
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and skipped[0].endswith("more)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_like_a_scenario_is_refused_without_waiting(tmp_path) -> None:
    folder = tmp_path / "custom"
    folder.mkdir()
    os.mkfifo(folder / "x.yaml")
    outcome: list[BaseException | list[ScenarioError]] = []

    def load() -> None:
        try:
            outcome.append(ScenarioCatalogue([folder]).errors)
        except BaseException as exc:  # reported below, not lost in the thread
            outcome.append(exc)

    # Nothing ever writes to the FIFO: a loader that opens it for reading waits forever.
    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert outcome, "loading a folder with a FIFO in it did not return"
    [errors] = outcome
    assert isinstance(errors, list)
    assert [str(e) for e in errors] == [
        f"{folder / 'x.yaml'}: not a regular file (a folder, FIFO or device): "
        "scenarios are plain files"
    ]


def test_a_folder_named_like_a_scenario_is_refused(tmp_path) -> None:
    (tmp_path / "x.yaml").mkdir()
    with pytest.raises(ScenarioError, match="not a regular file"):
        load_scenario(tmp_path / "x.yaml")


def test_the_catalogue_reads_nothing_until_a_scenario_is_needed(tmp_path) -> None:
    folder = bad_folder(tmp_path, _write("id: ["))
    catalogue = ScenarioCatalogue([folder])
    (folder / "x.yaml").unlink()  # had it been read already, its error would be kept
    assert catalogue.errors == []
    assert "checkpoint-convoy" in catalogue.ids()


def test_without_libyaml_deep_nesting_is_still_one_line(tmp_path, monkeypatch) -> None:
    import yaml

    from dialogues import scenario_file

    monkeypatch.setattr(scenario_file, "safe_loader", lambda: yaml.SafeLoader)
    path = tmp_path / "x.yaml"
    path.write_text("id: " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"x\.yaml: nested more than 32 levels deep"):
        load_scenario(path)
    assert load_scenario(BUILTIN_DIR / "checkpoint-convoy.yaml").id == "checkpoint-convoy"
