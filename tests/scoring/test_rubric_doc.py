"""docs/rubric.md's hard-case table is executable: the scorer must agree with every row."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import RUBRIC_VERSION, Code

DOC = Path(__file__).resolve().parents[2] / "docs" / "rubric.md"


def hard_cases() -> list[tuple[str, set[str], set[str], int]]:
    text = DOC.read_text("utf-8")
    table = text.split("## Hard cases at a glance", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith('"'):
            continue
        message = re.match(r'"([^"]+)"', cells[0]).group(1)
        flags = set(re.findall(r"flag `([a-z]+)`", cells[1]))
        codes = set(re.findall(r"`([a-z_]+)`", re.sub(r"flag `[a-z]+`", "", cells[1])))
        heard = 10 if "not yet heard" in cells[0] else 60
        rows.append((message, codes, flags, heard))
    return rows


def test_the_document_names_the_current_version() -> None:
    assert f"version {RUBRIC_VERSION}" in DOC.read_text("utf-8")


def test_every_code_is_defined_in_the_document() -> None:
    text = DOC.read_text("utf-8")
    for code in Code:
        assert f"`{code.value}`" in text, code


@pytest.mark.parametrize(("message", "codes", "flags", "heard"), hard_cases())
def test_hard_case_table(message: str, codes: set[str], flags: set[str], heard: int) -> None:
    context = ScoringContext(party_last="Nobody crosses my bridge today.", heard=heard)
    result = score(message, context)
    assert {c.value for c in result.codes} == codes
    assert flags <= result.flags
