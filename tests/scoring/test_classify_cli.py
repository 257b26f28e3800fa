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


# Lines Python's json reads (or chokes on) that are not JSON any other reader accepts.
BAD_LINES = [
    ('{"id": "inf", "text": "hi", "context": {"heard": Infinity}}', "Infinity is not a JSON"),
    ('{"id": "big", "text": "hi", "context": {"heard": 1e400}}', "1e400 is beyond what a float"),
    ('{"id": NaN, "text": "hi"}', "NaN is not a JSON number"),
    ('{"id": -Infinity, "text": "hi"}', "-Infinity is not a JSON number"),
    ('{"id": "h", "text": "hi", "context": {"party_history": "one"}}', "must be a list of str"),
    ('{"id": "t", "text": "hi", "context": {"trainee_history": [1]}}', "must be a list of str"),
    ('{"id": "\\ud800", "text": "hi"}', "'id' contains a lone surrogate"),
    ('{"id": "s", "text": "a \\udc00 b"}', "'text' contains a lone surrogate"),
    ('{"id": ' + "9" * 5000 + ', "text": "hi"}', "has more than 100 digits"),
    ('{"id": "deep", "text": "hi", "context": ' + "[" * 100_000 + "]" * 100_000 + "}", "deeply"),
]


def test_every_bad_line_is_one_error_and_the_good_lines_are_valid_json(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": "What happened?"})
    source = write_lines(tmp_path / "in.jsonl", [good, *(line for line, _ in BAD_LINES), good])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["classify", "--jsonl", str(source), "--out", str(out)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = result.stderr.splitlines()
    for number, (_, says) in enumerate(BAD_LINES, start=2):
        [error] = [e for e in errors if e.startswith(f"{source}: line {number}: ")]
        assert says in error
    assert errors[-1] == f"{len(BAD_LINES)} line(s) skipped, 2 classified."
    written = out.read_bytes().decode("utf-8")  # strict: the output is UTF-8 throughout
    assert [json.loads(line, parse_constant=_refuse)["id"] for line in written.splitlines()] == [
        "ok",
        "ok",
    ]


def _refuse(name: str) -> None:
    raise AssertionError(f"{name} written: not JSON")


def test_any_valid_id_comes_back_as_valid_json(tmp_path: Path) -> None:
    ids = ["ü-ñ 🙂", 12345678901234567890, -1.5e300, None, True, {"a": [1]}, "\u2028"]
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": i, "text": "hi"}) for i in ids])
    result = CliRunner().invoke(main, ["classify", "--jsonl", str(source)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.rstrip("\n").split("\n")  # not splitlines(): "\u2028" is in an id
    back = [json.loads(line, parse_constant=_refuse)["id"] for line in lines]
    assert back == ids


def test_invalid_utf8_on_standard_input_costs_only_its_line() -> None:
    data = b'{"id": 1, "text": "ok"}\n{"id": 2, "text": "caf\xe9"}\n{"id": 3, "text": "ok"}\n'
    result = CliRunner().invoke(main, ["classify", "--jsonl", "-"], input=data)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 3]
    assert "-: line 2: not UTF-8 text" in result.stderr


def test_skilled_scripts_are_played_at_normal_and_shown_at_hard_too() -> None:
    from dialogues.playtest import Script, play_all

    script = Script("x", "s9", "skilled", "checkpoint-convoy", ("What happened here?",))
    gaming = Script("g", "s9", "gaming", "*", ("I hear you.",))
    kinds = play_all([script, gaming], ["checkpoint-convoy"], seeds=(1,))
    assert sorted(kinds) == [
        "gaming (held-out)",
        "skilled (held-out)",
        "skilled (held-out) at hard",
    ]
    assert [p.level for p in kinds["skilled (held-out) at hard"].plays] == ["hard"]
    assert {p.level for p in kinds["gaming (held-out)"].plays} == {"easy", "normal", "hard"}
