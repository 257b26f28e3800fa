"""Authoring checks: what the schema cannot see, found before a trainee meets it.

The pydantic schema catches malformed files; these checks catch scenarios that load but do
not play well: states nobody can reach, states with no way forward, thresholds no
trainee can meet at some level, moves the party has no answer for, endings without a
closing line. Each finding names the file, the line (when the file text is known) and the
field, so `parley scenarios validate` reads like a compiler.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dialogues.engine import CALM_DRIFT, DEFAULT_EFFECTS, MAX_GAIN_PER_TURN, REPEAT_DECAY
from dialogues.scenario import (
    LEVELS,
    TERMINAL_STATES,
    Condition,
    Scenario,
    ScenarioError,
    _nearest_line,
    scenario_from_document,
)
from dialogues.scenario_file import LineIndex, parse_yaml, read_scenario_text
from dialogues.scoring.rubric import Code

Severity = Literal["error", "warning"]
# Discord rejects webhook usernames containing these words (the party would never speak).
FORBIDDEN_IN_WEBHOOK_NAMES = ("discord", "clyde")

# Moves a trainee is likely to make in any state: each deserves its own answer, or the party
# falls back on `default` and sounds as if it did not notice.
LIKELY_MOVES: tuple[str, ...] = (
    Code.THREAT,
    Code.ULTIMATUM,
    Code.BLAME,
    Code.DISMISSAL,
    Code.PREMATURE_PROPOSAL,
    Code.INTERIM_PROPOSAL,
    Code.EMOTION_LABEL,
    Code.PARAPHRASE,
    Code.SUMMARY,
    Code.ACKNOWLEDGEMENT,
    Code.APOLOGY,
    Code.TRANSPARENCY,
    Code.OPEN_QUESTION,
    "gaming",
)
# A session should last this many turns without the party repeating itself.
TARGET_TURNS = 25
MIN_DEFAULT_VARIANTS = 3


@dataclass(frozen=True)
class Finding:
    """One problem in a scenario file: an error stops `validate`, a warning is advice."""

    severity: Severity
    message: str
    field: str = ""
    line: int | None = None
    path: Path | None = None

    def __str__(self) -> str:
        where = str(self.path) if self.path else "<scenario>"
        if self.line:
            where += f":{self.line}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}: {field}{self.message}"


@dataclass(frozen=True)
class FileReport:
    """The outcome of checking one file: the scenario if it loaded, and every finding."""

    path: Path
    scenario: Scenario | None
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def reachable_ceiling(scenario: Scenario, meter: str, level: str) -> int:
    """The most `meter` (trust or heard) can reach at `level` through the trainee's moves alone.

    Each code's gain shrinks by REPEAT_DECAY with every use, so a code can add at most
    gain / (1 - decay) over a whole session; events and whispers are left out because a
    facilitator may never use them.
    """
    start = getattr(scenario.start_meters(level), meter)
    total = 0.0
    for code in Code:
        delta = scenario.effects.get(code) or DEFAULT_EFFECTS[code]
        gain = getattr(delta, meter)
        if gain > 0:
            total += min(gain, MAX_GAIN_PER_TURN) / (1 - REPEAT_DECAY)
    return min(100, round(start + total))


def tension_floor(scenario: Scenario, level: str) -> int:
    """The lowest tension the trainee's moves alone can bring the party to at `level`.

    Besides each calming move's decaying effect, every civil message lowers tension a little
    (CALM_DRIFT) for as many turns as the session lasts.
    """
    start = scenario.start_meters(level).tension
    total = float(CALM_DRIFT * scenario.walkout.max_turns)
    for code in Code:
        delta = scenario.effects.get(code) or DEFAULT_EFFECTS[code]
        if delta.tension < 0:
            total += min(-delta.tension, MAX_GAIN_PER_TURN) / (1 - REPEAT_DECAY)
    return max(0, round(start - total))


class _Checker:
    def __init__(self, scenario: Scenario, lines: LineIndex, path: Path | None):
        self.scenario = scenario
        self.path = path
        self.lines = lines
        self.findings: list[Finding] = []

    def add(self, severity: Severity, loc: tuple[Any, ...], message: str) -> None:
        line = _nearest_line(self.lines, loc) if self.lines else None
        field = ".".join(str(part) for part in loc)
        self.findings.append(Finding(severity, message, field, line, self.path))

    def run(self) -> list[Finding]:
        self.check_persona()
        self.check_ids()
        self.check_graph()
        self.check_conditions()
        self.check_replies()
        self.check_endings()
        self.check_levels()
        self.check_misreadings()
        self.check_topics()
        return self.findings

    # -- structure ------------------------------------------------------------------------

    def check_persona(self) -> None:
        name = self.scenario.persona.name.casefold()
        for word in FORBIDDEN_IN_WEBHOOK_NAMES:
            if word in name:
                self.add(
                    "error",
                    ("persona", "name"),
                    f"Discord refuses to post under a name containing {word!r}; rename the party",
                )

    def check_ids(self) -> None:
        s = self.scenario
        for kind, ids in (
            ("states", [st.name for st in s.states]),
            ("interests", [i.id for i in s.interests]),
            ("events", [e.id for e in s.events]),
        ):
            for name, count in Counter(ids).items():
                if count > 1:
                    index = ids.index(name, ids.index(name) + 1)
                    self.add("error", (kind, index), f"{name!r} is defined {count} times")

    def _edges(self) -> dict[str, set[str]]:
        """Where each state can go: the scenario's transitions plus the engine's endings."""
        s = self.scenario
        edges: dict[str, set[str]] = {name: set() for name in s.state_names}
        for spec in s.transitions:
            for source in spec.source:
                edges[source].add(spec.dest)
        for name in s.state_names:
            if name not in TERMINAL_STATES:
                edges[name] |= {"walkout", "breakdown"}
        return edges

    def check_graph(self) -> None:
        s = self.scenario
        edges = self._edges()
        reached = _closure({s.initial}, edges)
        for i, state in enumerate(s.states):
            if state.name not in reached:
                self.add(
                    "error",
                    ("states", i, "name"),
                    f"state {state.name!r} can never be reached from {s.initial!r}",
                )
        forward = {
            name: {d for d in dests if d not in ("walkout", "breakdown")}
            for name, dests in edges.items()
        }
        for i, state in enumerate(s.states):
            if state.name in TERMINAL_STATES or state.name not in reached:
                continue
            own = {d for spec in s.transitions if state.name in spec.source for d in [spec.dest]}
            if not own:
                self.add(
                    "error",
                    ("states", i, "name"),
                    f"dead end: no transition leaves {state.name!r}; "
                    "the session can only end in walkout or breakdown",
                )
            elif "agreement" not in _closure({state.name}, forward):
                self.add(
                    "error",
                    ("states", i, "name"),
                    f"dead end: agreement cannot be reached from {state.name!r}",
                )
        for i, spec in enumerate(s.transitions):
            ended = [name for name in spec.source if name in TERMINAL_STATES]
            if ended:
                self.add(
                    "error",
                    ("transitions", i, "source"),
                    f"a transition from {', '.join(map(repr, ended))} never fires: "
                    "the session has already ended there",
                )
            if spec.dest in spec.source:
                self.add(
                    "warning",
                    ("transitions", i, "dest"),
                    f"transition from {spec.dest!r} to itself: when it passes, "
                    "no later transition from that state is tried",
                )

    # -- thresholds -----------------------------------------------------------------------

    def _conditions(self) -> Iterator[tuple[tuple[Any, ...], Condition]]:
        for i, spec in enumerate(self.scenario.transitions):
            yield ("transitions", i, "when"), spec.when
        for i, interest in enumerate(self.scenario.interests):
            yield ("interests", i, "when"), interest.when

    def check_conditions(self) -> None:
        s = self.scenario
        for loc, when in self._conditions():
            if when.qualifiers and not when.moves:
                self.add(
                    "warning",
                    (*loc, "qualifiers"),
                    "qualifiers are only counted with `moves`; add moves: [interim_proposal]",
                )
            if when.min_turns >= s.walkout.max_turns:
                self.add(
                    "error",
                    (*loc, "min_turns"),
                    f"min_turns {when.min_turns} is never reached: the session breaks down "
                    f"at turn {s.walkout.max_turns}",
                )
            low, high = when.tension_min, when.tension_max
            if low is not None and high is not None and low > high:
                self.add(
                    "error",
                    (*loc, "tension_min"),
                    f"tension_min {low} > tension_max {high}: never met",
                )
            if (
                when.tension_min is not None
                and s.walkout.turns == 1
                and when.tension_min >= s.walkout.tension
            ):
                self.add(
                    "error",
                    (*loc, "tension_min"),
                    f"tension_min {when.tension_min} is at the walkout level with "
                    "walkout.turns 1: the party always walks out first",
                )
            for level in LEVELS:
                self._check_level(loc, when, level)

    def _check_level(self, loc: tuple[Any, ...], when: Condition, level: str) -> None:
        s = self.scenario
        shift = s.level(level).threshold_shift
        for meter in ("trust", "heard"):
            low = getattr(when, f"{meter}_min")
            high = getattr(when, f"{meter}_max")
            if low is None:
                continue
            effective = min(100, max(0, low + shift))
            if high is not None and effective > high:
                self.add(
                    "error",
                    (*loc, f"{meter}_min"),
                    f"at level {level}, {meter}_min {low}{shift:+d} = {effective} is above "
                    f"{meter}_max {high}: never met",
                )
                continue
            ceiling = reachable_ceiling(s, meter, level)
            if effective > ceiling:
                self.add(
                    "error",
                    (*loc, f"{meter}_min"),
                    f"at level {level}, {meter}_min {effective} is above the most {meter} "
                    f"a trainee can reach ({ceiling})",
                )
        if when.tension_max is not None:
            floor = tension_floor(s, level)
            if when.tension_max < floor:
                self.add(
                    "error",
                    (*loc, "tension_max"),
                    f"at level {level}, tension_max {when.tension_max} is below the lowest "
                    f"tension a trainee can reach ({floor})",
                )

    # -- replies and endings --------------------------------------------------------------

    def check_replies(self) -> None:
        s = self.scenario
        lines_total: set[str] = set()
        for name in s.state_names:
            if name in TERMINAL_STATES:
                continue
            table = s.replies.get(name, {})
            missing = [str(move) for move in LIKELY_MOVES if not table.get(str(move))]
            if missing:
                self.add(
                    "warning",
                    ("replies", name),
                    f"no replies in state {name!r} for {', '.join(missing)}: the party "
                    "answers those with a default line",
                )
            if len(table.get("default", ())) < MIN_DEFAULT_VARIANTS:
                self.add(
                    "warning",
                    ("replies", name, "default"),
                    f"only {len(table.get('default', ()))} default replies in {name!r}; "
                    f"write at least {MIN_DEFAULT_VARIANTS} so the party does not repeat itself",
                )
            for move, variants in table.items():
                lines_total |= set(variants)
                for text, count in Counter(variants).items():
                    if count > 1:
                        self.add(
                            "warning",
                            ("replies", name, move),
                            f"the reply {text[:40]!r}... is listed {count} times",
                        )
        if len(lines_total) < TARGET_TURNS:
            self.add(
                "warning",
                ("replies",),
                f"only {len(lines_total)} different replies in active states: a "
                f"{TARGET_TURNS}-turn session will repeat lines",
            )

    def check_endings(self) -> None:
        s = self.scenario
        for i, spec in enumerate(s.transitions):
            # With `terms`, the agreement line is built from the accepted terms.
            built = spec.dest == "agreement" and s.terms is not None
            if spec.dest in TERMINAL_STATES and not spec.say.strip() and not built:
                self.add(
                    "warning",
                    ("transitions", i, "say"),
                    f"the transition to {spec.dest!r} has no `say` line: the party ends "
                    "the session with a generic reply",
                )
        for ending in ("walkout", "breakdown"):
            if not s.replies.get(ending, {}).get("default"):
                self.add(
                    "warning",
                    ("replies",),
                    f"no replies.{ending}.default: when the engine ends the session in "
                    f"{ending}, the party speaks a generic line, not in its own voice",
                )

    def check_levels(self) -> None:
        s = self.scenario
        # `normal` may rely on the scenario's own meters; easy and hard should differ from it.
        missing = [level for level in LEVELS if level != "normal" and level not in s.levels]
        if missing:
            self.add(
                "warning",
                ("levels",),
                f"level(s) {', '.join(missing)} not defined: they play exactly like normal",
            )
        for level in LEVELS:
            start = s.start_meters(level)
            if start.tension >= s.walkout.tension:
                self.add(
                    "warning",
                    ("levels", level, "start", "tension"),
                    f"at level {level} the party starts at or above the walkout tension "
                    f"({start.tension} >= {s.walkout.tension})",
                )

    def check_misreadings(self) -> None:
        seen: dict[str, int] = {}
        for i, misreading in enumerate(self.scenario.misreadings):
            for phrase in misreading.phrases:
                key = " ".join(phrase.lower().split())
                if key in seen:
                    self.add(
                        "warning",
                        ("misreadings", i, "phrases"),
                        f"phrase {phrase!r} is already in misreadings.{seen[key]}: "
                        "only the first one is ever used",
                    )
                else:
                    seen[key] = i

    def check_topics(self) -> None:
        """Every topic speaks in every state; feelings cover every state; examples stay apart."""
        s = self.scenario
        active = [name for name in s.state_names if name not in TERMINAL_STATES]
        for i, topic in enumerate(s.topics):
            missing = [name for name in active if not topic.lines.get(name)]
            if missing:
                self.add(
                    "error",
                    ("topics", i, "lines"),
                    f"topic {topic.id!r} has nothing to say in state(s) {', '.join(missing)}",
                )
        if s.feelings and (unfelt := [n for n in active if not s.feelings.get(n)]):
            self.add(
                "warning",
                ("feelings",),
                f"no feelings for state(s) {', '.join(unfelt)}: a label there is never corrected",
            )
        if len(s.topics) > 1:
            for i, j, example in colliding_examples(s):
                self.add(
                    "warning",
                    ("topics", i, "examples"),
                    f"example {example!r} of topic {s.topics[i].id!r} reads as topic "
                    f"{s.topics[j].id!r}: make the two topics' examples more distinct",
                )


def colliding_examples(scenario: Scenario) -> Iterator[tuple[int, int, str]]:
    """(topic, other topic, example) for each example that, left out of its own topic's
    examples, is matched to another topic: a trainee saying it would get the wrong answer."""
    from dialogues.topics import Matcher

    for i, topic in enumerate(scenario.topics):
        for example in topic.examples:
            others = [
                (t.id, [e for e in t.examples if e != example] or t.examples, t.keywords)
                for t in scenario.topics
            ]
            match = Matcher(others).match(example)
            if match is not None and match.index != i:
                yield i, match.index, example


def _closure(start: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen, todo = set(start), list(start)
    while todo:
        for dest in edges.get(todo.pop(), ()):
            if dest not in seen:
                seen.add(dest)
                todo.append(dest)
    return seen


def check_scenario(
    scenario: Scenario, text: str | None = None, path: Path | str | None = None
) -> list[Finding]:
    """Every authoring finding for a loaded scenario; `text` (the YAML) adds line numbers."""
    lines = parse_yaml(text, path or "<scenario>").lines if text is not None else {}
    return _Checker(scenario, lines, Path(path) if path else None).run()


def check_file(path: Path | str) -> FileReport:
    """Load and check one scenario file: schema errors and authoring findings together.

    The file is read and parsed once; its line index serves both kinds of finding.
    """
    path = Path(path)
    try:
        document = parse_yaml(read_scenario_text(path), path)
        scenario = scenario_from_document(document, path)
    except ScenarioError as exc:
        return FileReport(
            path, None, tuple(Finding("error", problem, path=path) for problem in exc.problems)
        )
    return FileReport(path, scenario, tuple(_Checker(scenario, document.lines, path).run()))


def scenario_files(paths: Iterable[Path | str]) -> list[Path]:
    """The scenario files named by `paths`: files as given, folders by their `*.yaml`."""
    found: list[Path] = []
    for item in map(Path, paths):
        found.extend(sorted(item.glob("*.yaml")) if item.is_dir() else [item])
    return found


def check_files(paths: Iterable[Path | str]) -> list[FileReport]:
    """Check every file; two files with the same id are reported, since one hides the other."""
    reports = [check_file(path) for path in scenario_files(paths)]
    owners: dict[str, Path] = {}
    result = []
    for report in reports:
        if report.scenario is not None:
            sid = report.scenario.id
            if sid in owners:
                extra = Finding(
                    "warning",
                    f"id {sid!r} is also used by {owners[sid]}; the later folder's file wins",
                    "id",
                    None,
                    report.path,
                )
                report = FileReport(report.path, report.scenario, (*report.findings, extra))
            owners.setdefault(sid, report.path)
        result.append(report)
    return result
