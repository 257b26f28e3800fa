"""`parley classify`: label utterances from a JSONL file with the scorer's codes and evidence.

Input: one JSON object per line with `id`, `text` and an optional `context` (the party's
previous message as a string, or an object with `party_last`, `party_history`,
`trainee_history`, `heard`). Output: one object per input line, in order:
`{"id", "codes": [...], "evidence": {code: [{"start", "end", "text"}, ...]}}`.
A malformed line is reported on standard error with its line number and skipped; the
other lines are still written, and the command exits with status 1 at the end.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import click

from bot.cli._context import err_console
from dialogues.scoring import score
from dialogues.scoring.evaluation import context_from_json


def classify_object(obj: Any) -> dict[str, Any]:
    """The classification of one input object; `ValueError` says what is wrong with it."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object with 'id' and 'text'")
    if "text" not in obj:
        raise ValueError("missing 'text'")
    text = obj["text"]
    if not isinstance(text, str):
        raise ValueError("'text' must be a string")
    if "id" not in obj:
        raise ValueError("missing 'id'")
    result = score(text, context_from_json(obj.get("context")))
    return {
        "id": obj["id"],
        "codes": [code.value for code in result.codes],
        "evidence": {
            hit.code.value: [{"start": e.start, "end": e.end, "text": e.text} for e in hit.evidence]
            for hit in result.hits
        },
    }


def classify_stream(source: IO[str], sink: IO[str]) -> tuple[int, list[str]]:
    """Classify every line of `source` into `sink`; returns (lines written, error messages)."""
    written, errors = 0, []
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            out = classify_object(obj)
        except ValueError as exc:
            errors.append(f"line {number}: {exc}")
            continue
        sink.write(json.dumps(out, ensure_ascii=False) + "\n")
        written += 1
    return written, errors


@click.command()
@click.option(
    "--jsonl",
    "source",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Input JSONL file ('-' for standard input).",
)
@click.option(
    "--out",
    "out_path",
    default=None,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Output JSONL file (default: standard output).",
)
def classify(source: Path, out_path: Path | None) -> None:
    """Label each utterance of a JSONL file with rubric codes and evidence spans."""
    if out_path is not None and str(source) != "-" and _same_file(source, out_path):
        # Opening the output would empty the input before a line is read.
        raise click.ClickException(f"--out {out_path} is the input file; choose another file")
    try:
        reader = sys.stdin if str(source) == "-" else source.open(encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot read {source}: {exc.strerror}") from None
    try:
        writer = sys.stdout if out_path is None else out_path.open("w", encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {out_path}: {exc.strerror}") from None
    try:
        written, errors = classify_stream(reader, writer)
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{source} is not UTF-8 text ({exc.reason})") from None
    finally:
        if reader is not sys.stdin:
            reader.close()
        if writer is not sys.stdout:
            writer.close()
    for message in errors:
        err_console.print(f"{source}: {message}", markup=False)
    if errors:
        err_console.print(f"{len(errors)} line(s) skipped, {written} classified.")
        sys.exit(1)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False
