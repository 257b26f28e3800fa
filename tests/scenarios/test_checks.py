"""Authoring checks and schema errors point the author at the file, the line and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dialogues.catalogue import BUILTIN_DIR
from dialogues.scenario import ScenarioError, load_scenario
from dialogues.scenario_checks import check_file, check_files, reachable_ceiling

CONVOY = BUILTIN_DIR / "checkpoint-convoy.yaml"


def convoy_text() -> str:
    return CONVOY.read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def write(tmp_path: Path, text: str, name: str = "draft.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- schema errors ---------------------------------------------------------------------------


def test_malformed_yaml_names_file_and_line(tmp_path) -> None:
    text = re.sub(r"(?m)^version: (\d+)$", r"version: [\1", convoy_text(), count=1)
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert str(path) in message and "not valid YAML" in message and "line " in message


def test_unknown_key_names_line_and_field(tmp_path) -> None:
    text = convoy_text().replace("  name: Commander Aref Solan\n", "  nmae: Commander Aref Solan\n")
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert f"line {line_of(text, 'nmae:')}, persona.nmae" in str(caught.value)


def test_bad_type_names_line_and_field(tmp_path) -> None:
    text = convoy_text().replace("walkout: {tension: 90,", "walkout: {tension: loud,")
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert f"line {line_of(text, 'tension: loud')}, walkout.tension" in str(caught.value)


def test_unknown_state_in_a_transition_is_named(tmp_path) -> None:
    text = convoy_text().replace("    dest: exploring\n", "    dest: exploriing\n", 1)
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert "unknown state 'exploriing'" in str(caught.value)
    assert str(path) in str(caught.value)


def test_schema_errors_come_back_from_validate_as_findings(tmp_path) -> None:
    path = write(tmp_path, convoy_text().replace("mood: grudging agreement", "moood: x"))
    report = check_file(path)
    assert report.scenario is None and report.errors
    assert any("moood" in str(e) and str(path) in str(e) for e in report.errors)


# -- authoring checks ------------------------------------------------------------------------


def findings(tmp_path, text: str) -> list[str]:
    return [str(f) for f in check_file(write(tmp_path, text)).findings]


def test_unreachable_state_is_an_error_with_its_line(tmp_path) -> None:
    text = convoy_text().replace(
        "  - name: agreement\n",
        "  - name: stranded\n    mood: lost\n  - name: agreement\n",
    )
    text = text.replace(
        "replies:\n  hostile:\n", "replies:\n  stranded:\n    default: [x]\n  hostile:\n"
    )
    found = findings(tmp_path, text)
    expected = f"draft.yaml:{line_of(text, 'name: stranded')}: error"
    assert any(expected in f and "'stranded' can never be reached" in f for f in found), found


def test_dead_end_state_is_an_error(tmp_path) -> None:
    # Bargaining loses its way to agreement: nothing beyond it can end well.
    text = convoy_text().replace("    dest: agreement\n", "    dest: bargaining\n")
    found = findings(tmp_path, text)
    assert any("dead end" in f and "bargaining" in f for f in found), found
    assert any("'agreement' can never be reached" in f for f in found), found


def test_min_above_max_is_never_met(tmp_path) -> None:
    text = convoy_text().replace(
        "when: {trust_min: 32, heard_min: 35, tension_max: 70}",
        "when: {trust_min: 32, trust_max: 30, heard_min: 35, tension_max: 70}",
    )
    found = findings(tmp_path, text)
    line = line_of(text, "trust_max: 30")
    assert any(f"draft.yaml:{line}: error: transitions" in f and "never met" in f for f in found)


def test_threshold_above_what_is_reachable_at_a_level(tmp_path) -> None:
    # Listening barely moves this party: "heard" can never reach the later thresholds.
    weak = (
        "effects:\n"
        "  emotion_label: {heard: 1}\n  paraphrase: {heard: 1}\n  summary: {heard: 1}\n"
        "  mirror: {}\n  open_question: {}\n  minimal_encourager: {}\n  acknowledgement: {}\n"
    )
    text = convoy_text().replace("initial: hostile\n", weak + "initial: hostile\n")
    found = findings(tmp_path, text)
    line = line_of(text, "dest: agreement") + 1
    assert any(
        f"draft.yaml:{line}: error" in f and "heard_min 58 is above the most heard" in f
        for f in found
    ), found
    assert reachable_ceiling(load_scenario(CONVOY), "heard", "hard") == 100


def test_min_turns_beyond_the_last_turn_is_never_met(tmp_path) -> None:
    text = convoy_text().replace("min_turns: 12", "min_turns: 45")
    found = findings(tmp_path, text)
    assert any("min_turns 45 is never reached" in f for f in found), found


def test_missing_replies_and_silent_endings_are_warnings(tmp_path) -> None:
    text = convoy_text()
    say = text.index('    say: "You threaten me at my own gate?')
    text = text[:say] + text[text.index("\n", say) + 1 :]
    start = text.index("  guarded:\n    default:")
    block_end = text.index("    threat:", start)
    threat_end = text.index("    ultimatum:", block_end)
    text = text[:block_end] + text[threat_end:]
    report = check_file(write(tmp_path, text))
    assert report.errors == []
    messages = [str(f) for f in report.warnings]
    assert any("no replies in state 'guarded' for threat" in m for m in messages), messages
    assert any("to 'walkout' has no `say` line" in m for m in messages), messages


def test_duplicate_ids_across_folders_are_reported(tmp_path) -> None:
    write(tmp_path, convoy_text(), "copy.yaml")
    reports = check_files([BUILTIN_DIR, tmp_path])
    copy = next(r for r in reports if r.path.name == "copy.yaml")
    assert any("also used by" in str(f) for f in copy.warnings)


def test_transition_out_of_an_ending_is_an_error(tmp_path) -> None:
    text = convoy_text().replace(
        "  - source: guarded\n    dest: hostile\n",
        "  - source: [guarded, walkout]\n    dest: hostile\n",
        1,
    )
    found = findings(tmp_path, text)
    assert any("from 'walkout' never fires" in f for f in found), found


def test_a_persona_name_discord_refuses_is_an_error(tmp_path) -> None:
    text = convoy_text().replace("  name: Commander Aref Solan\n", "  name: Clyde the Commander\n")
    [report] = check_files([write(tmp_path, text)])
    [finding] = [f for f in report.errors if f.field == "persona.name"]
    assert "containing 'clyde'" in finding.message
    assert finding.line == line_of(text, "name: Clyde the Commander")
