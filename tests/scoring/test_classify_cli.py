"""`parley classify` and `parley eval` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_classify_writes_codes_and_evidence(tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": "a", "text": "That must have been terrifying."}),
            json.dumps(
                {
                    "id": 7,
                    "text": "So your men are hungry.",
                    "context": "My men have not eaten in three days.",
                }
            ),
            json.dumps({"id": "c", "text": "Hello.", "context": {"party_last": "Go away."}}),
        ],
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["classify", "--jsonl", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", 7, "c"]
    assert rows[0]["codes"] == ["emotion_label"]
    [span] = rows[0]["evidence"]["emotion_label"]
    assert "That must have been terrifying."[span["start"] : span["end"]] == span["text"]
    assert "paraphrase" in rows[1]["codes"]
    assert rows[2] == {"id": "c", "codes": [], "evidence": {}}


def test_classify_reports_bad_lines_and_keeps_the_others(tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": "ok1", "text": "What happened?"}),
            "{not json",
            json.dumps({"id": "no-text"}),
            json.dumps(["a list"]),
            json.dumps({"id": "bad-ctx", "text": "hi", "context": {"heard": "lots"}}),
            "",
            json.dumps({"id": "ok2", "text": "You have ten minutes."}),
        ],
    )
    result = CliRunner().invoke(main, ["classify", "--jsonl", str(source)])
    assert result.exit_code == 1
    out_ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert out_ids == ["ok1", "ok2"]
    for number in ("line 2", "line 3", "line 4", "line 5"):
        assert number in result.stderr
    assert "missing 'text'" in result.stderr
    assert "4 line(s) skipped, 2 classified" in result.stderr


def test_classify_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["classify", "--jsonl", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0
    assert "nope.jsonl" in result.output + result.stderr


def test_eval_says_when_shared_data_is_absent(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["eval", "--only", "public", "--shared", str(tmp_path / "missing")],
    )
    assert result.exit_code == 0, result.output
    assert "Public labelled data not found" in result.stdout


def test_eval_reads_shared_corpora_with_mapped_labels(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    rows = []
    for dialogue in range(10):
        rows.append(
            {
                "id": f"annomi-{dialogue}-1",
                "context": "I drink a lot.",
                "text": "What else do you drink?",
                "skills": ["open_question"],
            }
        )
        rows.append({"id": f"annomi-{dialogue}-2", "context": "", "text": "Okay.", "skills": []})
        rows.append(
            {
                "id": f"annomi-{dialogue}-3",
                "context": "I drink.",
                "text": "Do you drink beer?",
                "skills": ["closed_question"],
            }
        )
    write_lines(shared / "annomi-dev.jsonl", [json.dumps(r) for r in rows])
    result = CliRunner().invoke(
        main,
        ["eval", "--only", "public", "--shared", str(shared), "--json", str(tmp_path / "f.json")],
    )
    assert result.exit_code == 0, result.output
    assert "annomi-dev" in result.stdout and "open_question" in result.stdout
    figures = json.loads((tmp_path / "f.json").read_text("utf-8"))
    assert set(figures["public"]["annomi-dev"]) >= {"open_question", "closed_question"}


def test_eval_play_and_responsiveness_tables(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["eval", "--only", "responsiveness", "--json", str(tmp_path / "f.json")]
    )
    assert result.exit_code == 0, result.output
    assert "Responsiveness" in result.stdout
    figures = json.loads((tmp_path / "f.json").read_text("utf-8"))
    assert figures["responsiveness"]["held-out"]["probes"] >= 8 * 25
    assert figures["responsiveness"]["development"]["probes"] >= 8 * 25


def test_eval_json_output_problems_are_clear(tmp_path: Path) -> None:
    unwritable = CliRunner().invoke(
        main,
        [
            "eval",
            "--only",
            "public",
            "--shared",
            str(tmp_path / "none"),
            "--json",
            str(tmp_path / "missing" / "f.json"),
        ],
    )
    assert unwritable.exit_code == 1 and "Traceback" not in unwritable.output
    assert "cannot write" in unwritable.output
