"""The labelled messages the heads learn from, each with its context and its group.

Two sources ship with the package (so `parley train` and `parley eval` work from an install):

- `corpus.jsonl`: the independent corpus (docs/rubric.md, "Data"): conversations written by
  writers who never saw the scorer, labelled blind by two annotators and adjudicated. Its
  `split` was fixed by writer before any training; only `train` rows are ever learned from.
- `labelled-2026.jsonl`: the messages the project wrote itself for rubric 2026.x. Extra
  training data only: rules were once tuned on it, so it is contaminated for evaluation.

A message's context is rebuilt from its conversation: the party lines so far, the trainee's
earlier messages, and whether the trainee had listened before (from the earlier messages'
labels: the gold ones in training, the scorer's own when a conversation is scored).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from dialogues.scoring.evaluation import context_from_json
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import LISTENING_CODES

DATA_DIR = Path(__file__).parent / "data"
CORPUS = DATA_DIR / "corpus.jsonl"
LEGACY = DATA_DIR / "labelled-2026.jsonl"
LISTENING = frozenset(code.value for code in LISTENING_CODES)


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled trainee message: what was said, in what context, by which group."""

    id: str
    text: str
    context: ScoringContext
    codes: frozenset[str]
    group: str  # writer (corpus) or block (legacy): cross-validation never splits one
    split: str


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSON Lines file (blank lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def conversations(rows: Iterable[dict]) -> Iterator[list[dict]]:
    """Corpus rows grouped by conversation, in turn order."""
    ordered = sorted(rows, key=lambda r: (r["conv"], int(r["turn"])))
    for _, turns in groupby(ordered, key=lambda r: r["conv"]):
        yield list(turns)


def conversation_contexts(
    turns: list[dict], codes_of: Callable[[int], frozenset[str]]
) -> Iterator[tuple[dict, ScoringContext]]:
    """Each turn with its context; `codes_of(i)` gives turn i's codes (gold, or scored once the
    caller has scored it: it is asked only after the turn has been yielded)."""
    party: list[str] = []
    own: list[str] = []
    listened = False
    for i, row in enumerate(turns):
        if row["party"].strip():
            party.append(row["party"])
        context = ScoringContext(
            party_last=row["party"],
            party_history=tuple(party),
            trainee_history=tuple(own),
            listened=listened,
        )
        yield row, context
        listened = listened or bool(codes_of(i) & LISTENING)
        own.append(row["text"])


def corpus_examples(split: str, path: Path = CORPUS) -> list[Example]:
    """Corpus messages of one split, with contexts built from their gold labels."""
    out: list[Example] = []
    for turns in conversations(r for r in read_jsonl(path) if r["split"] == split):
        gold = [frozenset(r["codes"]) for r in turns]
        pairs = conversation_contexts(turns, gold.__getitem__)
        for i, (row, context) in enumerate(pairs):
            out.append(Example(row["id"], row["text"], context, gold[i], row["writer"], split))
    return out


def legacy_examples(path: Path = LEGACY) -> list[Example]:
    """The 2026 messages, grouped by block (the letters before the number in their id)."""
    out = []
    for row in read_jsonl(path):
        block = row["id"].split("-")[0].rstrip("0123456789")
        out.append(
            Example(
                row["id"],
                row["text"],
                context_from_json(row.get("context")),
                frozenset(row["codes"]),
                f"legacy-{block}",
                "train",
            )
        )
    return out


def training_examples() -> list[Example]:
    """Everything the shipped heads learn from: corpus `train` rows plus the 2026 messages."""
    corpus = corpus_examples("train") if CORPUS.exists() else []
    return corpus + legacy_examples()
