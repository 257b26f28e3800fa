"""`parley classify`: label utterances from a JSONL file with the scorer's codes and evidence.

Input: one JSON object per line with `id`, `text` and an optional `context` (the party's
previous message as a string, or an object with `party_last`, `party_history`,
`trainee_history`, `heard`). Output: one object per input line, in order:
`{"id", "codes": [...], "evidence": {code: [{"start", "end", "text"}, ...]}}`.
A malformed line is reported on standard error with its line number and skipped; the
other lines are still written, and the command exits with status 1 at the end. Malformed
includes what Python's `json` would accept but no JSON reader can: NaN, Infinity, numbers
beyond a float's range or of hundreds of digits, lone surrogates, bytes that are not UTF-8.
"""

from __future__ import annotations

import io
import json
import math
import sys
from pathlib import Path
from typing import IO, Any

import click

from bot.cli._context import err_console
from dialogues.nested import strings
from dialogues.scoring import score
from dialogues.scoring.evaluation import context_from_json
from dialogues.service import LONE_SURROGATES

# Ids of hundreds of digits are not ids; Python refuses to convert 4,300 digits at all.
MAX_INT_DIGITS = 100


def _no_constant(name: str) -> Any:
    raise ValueError(f"not valid JSON ({name} is not a JSON number)")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is beyond what a float can hold")
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"the number {text[:12]}… has more than {MAX_INT_DIGITS} digits")
    return int(text)


def parse_line(line: str) -> Any:
    """One line of strict JSON: whatever it holds can be written back as valid JSON."""
    if LONE_SURROGATES.search(line):  # undecodable bytes, kept apart by surrogateescape
        raise ValueError("not UTF-8 text")
    try:
        return json.loads(
            line, parse_constant=_no_constant, parse_float=_finite, parse_int=_bounded_int
        )
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("nested too deeply to read") from None


def _lone_surrogate(obj: Any) -> str | None:
    """Where a string of `obj` holds a lone surrogate (from a broken `\\ud800` escape)."""
    for where, text in strings(obj):
        if LONE_SURROGATES.search(text):
            return where or "the line"
    return None


def classify_object(obj: Any) -> dict[str, Any]:
    """The classification of one input object; `ValueError` says what is wrong with it."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object with 'id' and 'text'")
    broken = _lone_surrogate(obj)
    if broken:
        raise ValueError(f"'{broken}' contains a lone surrogate, which is not Unicode text")
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
            out = classify_object(parse_line(line))
        except ValueError as exc:
            errors.append(f"line {number}: {exc}")
            continue
        sink.write(json.dumps(out, ensure_ascii=False, allow_nan=False) + "\n")
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
        # Undecodable bytes become lone surrogates, reported for their line alone.
        if str(source) == "-":
            reader = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape")
        else:
            reader = source.open(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise click.ClickException(f"cannot read {source}: {exc.strerror}") from None
    try:
        writer = sys.stdout if out_path is None else out_path.open("w", encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {out_path}: {exc.strerror}") from None
    try:
        written, errors = classify_stream(reader, writer)
    finally:
        if str(source) == "-":
            reader.detach()  # closing the wrapper would close standard input itself
        else:
            reader.close()
        if writer is not sys.stdout:
            writer.close()
    for message in errors:
        err_console.print(f"{source}: {message}", markup=False, soft_wrap=True)
    if errors:
        err_console.print(f"{len(errors)} line(s) skipped, {written} classified.")
        sys.exit(1)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False
