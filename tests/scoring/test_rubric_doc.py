"""docs/rubric.md is the labelling guide the corpus was labelled from: it must match the code."""

from __future__ import annotations

from pathlib import Path

from dialogues.scoring.rubric import RUBRIC_VERSION, Code

DOC = Path(__file__).resolve().parents[2] / "docs" / "rubric.md"


def test_the_document_names_the_current_version() -> None:
    assert f"rubric {RUBRIC_VERSION}" in DOC.read_text("utf-8")


def test_every_code_is_defined_in_the_document() -> None:
    text = DOC.read_text("utf-8")
    for code in Code:
        assert f"`{code.value}`" in text, code
