"""Play-testing the counterpart: scripted sessions and probe messages through the real service.

`parley eval` asks two questions of the party that no unit test can answer alone: does skill
win and gaming lose, in every scenario at every level (scripts), and does the party answer what
it was asked (probes)? Both are played through `SessionService` on an in-memory store, so the
scorer, engine, topics and terms are exactly what a trainee meets. The scripts and probes ship
as package data, written by independent writers (see docs/rubric.md, "Data").
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dialogues.memory_store import MemoryStore
from dialogues.scenario import LEVELS
from dialogues.scoring.rubric import Code
from dialogues.service import SessionService, TurnResult

DATA_DIR = Path(__file__).parent / "data"
SCRIPTS = DATA_DIR / "scripts.jsonl"
PROBES = DATA_DIR / "probes.jsonl"
SEEDS = (1, 2, 3)
SKILLED_LEVELS = ("normal", "hard")


@dataclass(frozen=True)
class Script:
    """Fixed messages played in order, whatever the party answers."""

    id: str
    writer: str
    kind: str  # "skilled", "gaming" or "generic"
    scenario: str  # a scenario id, or "*" for a script that fits any scenario
    messages: tuple[str, ...]
    split: str = "held-out"  # "calibration": engine factors were tuned watching these play


@dataclass(frozen=True)
class Probe:
    """One message and the topic a listener would expect the party to answer."""

    scenario: str
    writer: str
    text: str
    topic: str  # a topic id of the scenario, or "" when no topic fits
    split: str = "held-out"  # "development": failures were read while the party was tuned


@dataclass
class Play:
    """How one scripted session ended."""

    script: str
    kind: str
    scenario: str
    level: str
    seed: int
    outcome: str
    messages: int


@dataclass
class KindSummary:
    kind: str
    plays: list[Play] = field(default_factory=list)

    @property
    def agreements(self) -> int:
        return sum(p.outcome == "agreement" for p in self.plays)

    @property
    def median_messages(self) -> float:
        won = [p.messages for p in self.plays if p.outcome == "agreement"]
        return statistics.median(won) if won else float("nan")


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_scripts(path: Path = SCRIPTS) -> list[Script]:
    return [
        Script(r["id"], r["writer"], r["kind"], r["scenario"], tuple(r["messages"]), r["split"])
        for r in _read(path)
    ]


def load_probes(path: Path = PROBES) -> list[Probe]:
    return [
        Probe(r["scenario"], r["writer"], r["text"], r.get("topic", ""), r["split"])
        for r in _read(path)
    ]


def play_script(
    service: SessionService, script: Script, scenario: str, level: str, seed: int
) -> Play:
    """Play `script` in `scenario` until the session ends or the messages run out."""
    start = service.start(scenario, trainee="playtest", mode="assess", level=level, seed=seed)
    outcome, used = "ongoing", 0
    for message in script.messages:
        used += 1
        result = service.handle_turn(start.session.id, message)
        if result.outcome != "ongoing":
            outcome = result.outcome
            break
    return Play(script.id, script.kind, scenario, level, seed, outcome, used)


def play_all(
    scripts: Sequence[Script],
    scenarios: Iterable[str],
    levels: Sequence[str] = LEVELS,
    seeds: Sequence[int] = SEEDS,
) -> dict[str, KindSummary]:
    """Every script in every scenario it fits, at every level and seed, grouped by kind and
    split ("skilled (held-out)")."""
    service = SessionService(MemoryStore())
    scenario_ids = list(scenarios)
    summaries: dict[str, KindSummary] = {}
    for script in scripts:
        targets = scenario_ids if script.scenario == "*" else [script.scenario]
        for scenario in targets:
            # Skilled scripts are judged at the level they were written for, normal, and
            # shown at hard too, where agreement should take longer.
            for level in SKILLED_LEVELS if script.kind == "skilled" else levels:
                for seed in seeds:
                    play = play_script(service, script, scenario, level, seed)
                    key = f"{script.kind} ({script.split})"
                    if level != "normal" and script.kind == "skilled":
                        key += f" at {level}"
                    summaries.setdefault(key, KindSummary(key)).plays.append(play)
    return summaries


# A counter asking for a part the proposal already had contradicts it.
_GIVEN = {
    "terms:checker": Code.VERIFIABLE,
    "terms:time": Code.TIME_BOUND,
    "terms:return": Code.RECIPROCAL,
}


def contradiction(result: TurnResult) -> str:
    """What the reply contradicts in the message it answers, or ""."""
    if result.answered == "label:confirm" and not result.score.has(Code.EMOTION_LABEL):
        return "confirmed a feeling nobody named"
    given = _GIVEN.get(result.answered)
    if given is not None and result.score.has(given):
        return "asked for terms already given"
    return ""


@dataclass(frozen=True)
class ProbeResult:
    probe: Probe
    answered: str  # what the reply answered (see `engine.Advance.answered`)
    reply: str
    contradiction: str

    @property
    def on_topic(self) -> bool:
        """The reply answered the expected topic (or, when none fits, no topic)."""
        if not self.probe.topic:
            return not self.answered.startswith("topic:")
        return self.answered == f"topic:{self.probe.topic}"


def play_probes(probes: Sequence[Probe], seed: int = 1) -> list[ProbeResult]:
    """Each probe as the first message of a fresh session of its scenario, at normal level."""
    service = SessionService(MemoryStore())
    out = []
    for probe in probes:
        start = service.start(probe.scenario, trainee="probe", mode="assess", seed=seed)
        result = service.handle_turn(start.session.id, probe.text)
        out.append(ProbeResult(probe, result.answered, result.reply, contradiction(result)))
    return out
