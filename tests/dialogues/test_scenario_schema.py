"""Broken scenario files come back as errors naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogues.catalogue import ScenarioCatalogue, UnknownScenario
from dialogues.scenario import ScenarioError, load_scenario, parse_scenario

MINI = Path(__file__).with_name("mini.yaml")


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = MINI.read_text()
    assert old in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


def error_for(path: Path) -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return str(info.value)


def test_mini_loads() -> None:
    scenario = load_scenario(MINI)
    assert scenario.id == "mini" and scenario.version == 3
    assert scenario.level("hard").tension_factor == 2.0


def test_wrong_type_names_line_and_field(tmp_path: Path) -> None:
    message = error_for(broken(tmp_path, "version: 3", "version: three"))
    assert "broken.yaml" in message and "line 4" in message and "version" in message


def test_unknown_key_is_an_error_not_ignored(tmp_path: Path) -> None:
    message = error_for(broken(tmp_path, "summary:", "sumary:"))
    assert "sumary" in message and "Extra inputs are not permitted" in message


def test_out_of_range_threshold(tmp_path: Path) -> None:
    message = error_for(broken(tmp_path, "trust_min: 20, heard_min: 20", "trust_min: 200"))
    assert "transitions.0.when.trust_min" in message and "line 30" in message


def test_unknown_state_in_transition(tmp_path: Path) -> None:
    message = error_for(broken(tmp_path, "dest: open\n", "dest: opne\n"))
    assert "unknown state 'opne'" in message


def test_missing_default_replies(tmp_path: Path) -> None:
    message = error_for(broken(tmp_path, 'default: ["o1", "o2"]', 'threat: ["no"]'))
    assert "replies.open" in message and "default" in message


def test_invalid_yaml_gives_line(tmp_path: Path) -> None:
    message = error_for(broken(tmp_path, "title: Mini standoff", "title: [unclosed"))
    assert "not valid YAML" in message and "line" in message


@pytest.mark.parametrize("text", ["", "- a list", "just a string"])
def test_not_a_mapping(text: str) -> None:
    with pytest.raises(ScenarioError, match="mapping"):
        parse_scenario(text, "x.yaml")


def test_unreadable_file(tmp_path: Path) -> None:
    assert "cannot read" in error_for(tmp_path / "missing.yaml")


def test_catalogue_keeps_good_files_and_reports_broken_ones(tmp_path: Path) -> None:
    (tmp_path / "mini.yaml").write_text(MINI.read_text())
    (tmp_path / "bad.yaml").write_text("id: [")
    catalogue = ScenarioCatalogue([tmp_path])
    assert catalogue.get("mini").title == "Mini standoff"
    assert [e.path.name for e in catalogue.errors] == ["bad.yaml"]
    with pytest.raises(UnknownScenario, match=r"available: .*mini"):
        catalogue.get("nope")
