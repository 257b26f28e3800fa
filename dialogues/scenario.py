"""Scenario files: the pydantic schema and a loader whose errors name file, field and line.

A scenario is content, not code: authors edit YAML, and a mistake must come back as
"checkpoint-convoy.yaml, line 41, transitions.2.when.trust_min: ..." rather than a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from dialogues.nested import strings
from dialogues.scenario_cache import ScenarioCache

# ScenarioError is raised by both modules and imported from here by callers.
from dialogues.scenario_file import ScenarioDocument, ScenarioError, parse_yaml, read_scenario_text
from dialogues.scoring.rubric import Code

METERS = ("trust", "tension", "heard")
TERMINAL_STATES = ("agreement", "walkout", "breakdown")
PAUSED_STATE = "paused"
LEVELS = ("easy", "normal", "hard")
# Reply keys besides the rubric codes: what the party says when nothing specific was detected,
# and when the scorer flagged the message as gaming (repeats, echoes, stuffing, flattery).
GENERIC_MOVES = ("default", "gaming")
MOVE_KEYS = frozenset({code.value for code in Code} | set(GENERIC_MOVES))

Meter = Annotated[int, Field(ge=0, le=100)]
# Control characters other than tab and newline: ESC starts the escape sequences that would
# recolour, retitle or rewrite a trainee's terminal when the party's name or lines are shown.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a scenario must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class MeterValues(Strict):
    trust: Meter = 10
    tension: Meter = 60
    heard: Meter = 0


class MeterDelta(Strict):
    """A change to the hidden meters (an event's effect, a move's effect)."""

    trust: int = 0
    tension: int = 0
    heard: int = 0


class Condition(Strict):
    """When a transition may fire or an interest may be revealed: all given bounds must hold.

    `*_min` thresholds for trust and heard are raised or lowered by the level's shift.
    `moves` requires at least one of these codes in the current message; `qualifiers`
    requires that many of time_bound/reciprocal/verifiable with it; `accepted` requires that
    the party has accepted at least one proposal as terms (see `Terms`).
    """

    trust_min: Meter | None = None
    trust_max: Meter | None = None
    tension_min: Meter | None = None
    tension_max: Meter | None = None
    heard_min: Meter | None = None
    heard_max: Meter | None = None
    moves: tuple[Code, ...] = ()
    qualifiers: int = Field(default=0, ge=0, le=3)
    min_turns: int = Field(default=0, ge=0)
    accepted: bool = False  # the message's proposal was accepted as terms (see `terms`)


class Level(Strict):
    """A difficulty level: start meters, how much harder thresholds are, how fast tension rises."""

    start: MeterValues | None = None
    threshold_shift: int = Field(default=0, ge=-30, le=30)
    tension_factor: float = Field(default=1.0, gt=0, le=3)


class Persona(Strict):
    name: str = Field(min_length=1, max_length=80)
    role: str = Field(min_length=1)
    avatar_url: str | None = None
    colour: str = "red"


class Brief(Strict):
    public: str = Field(min_length=1)
    confidential: str = Field(min_length=1)
    interests: tuple[str, ...] = Field(min_length=1)
    red_lines: tuple[str, ...] = Field(min_length=1)
    batna: str = Field(min_length=1)


class StateSpec(Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    mood: str = Field(min_length=1)
    description: str = ""


class Transition(Strict):
    source: tuple[str, ...]
    dest: str
    when: Condition
    say: str = ""

    @field_validator("source", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value


class HiddenInterest(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    label: str = Field(min_length=1)
    when: Condition
    line: str = Field(min_length=1)


class FacilitatorEvent(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str = Field(min_length=1, max_length=100)
    description: str = ""
    effect: MeterDelta = MeterDelta()
    line: str = Field(min_length=1)


class Misreading(Strict):
    """Words the party misunderstands (idioms, jargon, metaphors), e.g. in a language barrier.

    When the trainee's message contains one of `phrases` (case-insensitive, whole words), the
    party answers with one of `lines`, showing what it understood, instead of its usual reply,
    and `effect` is applied: plain language is the skill being practised.
    """

    phrases: tuple[Annotated[str, Field(min_length=2)], ...] = Field(min_length=1)
    lines: tuple[str, ...] = Field(min_length=1)
    effect: MeterDelta = MeterDelta(tension=3, heard=-2)


class Topic(Strict):
    """Something the trainee can ask or talk about, and what the party says about it.

    A message is matched to a topic by meaning (the sentence model, against `examples`) or,
    failing that, by one of `keywords`; the party then answers from `lines[state]`: guarded
    early, more open later. `after_interest` holds the topic back until that hidden interest
    is revealed (before it, the state's lines must not give it away).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    label: str = Field(min_length=1, max_length=120)
    examples: tuple[Annotated[str, Field(min_length=3)], ...] = Field(min_length=2)
    keywords: tuple[Annotated[str, Field(min_length=2)], ...] = ()
    lines: dict[str, tuple[str, ...]]


class TermIssue(Strict):
    """One of the things an interim step can be about (the inspection, the medicine, ...)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    label: str = Field(min_length=1, max_length=120)
    examples: tuple[Annotated[str, Field(min_length=3)], ...] = Field(min_length=1)
    keywords: tuple[Annotated[str, Field(min_length=2)], ...] = ()


class RedLine(Strict):
    """A term the party refuses outright, and what it says when a proposal crosses it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    keywords: tuple[Annotated[str, Field(min_length=2)], ...] = Field(min_length=1)
    line: str = Field(min_length=1)


TermPart = Literal["issue", "time", "checker", "return"]


class Terms(Strict):
    """How the party weighs a proposal: what it must be about, what it must say, what never.

    A proposal is read into its parts (which issue, when or for how long, who checks it, what
    comes in return). Missing `needs` get a counter naming the gap; a red line gets a refusal
    naming it; a complete proposal is accepted and becomes part of the final agreement, which
    is `agreement` followed by the accepted terms in the trainee's own words.
    """

    issues: tuple[TermIssue, ...] = Field(min_length=1)
    needs: tuple[TermPart, ...] = ("checker",)
    red_lines: tuple[RedLine, ...] = ()
    counters: dict[TermPart, tuple[str, ...]]
    accept: tuple[str, ...] = Field(min_length=1)
    agreement: str = Field(min_length=1)
    # Said to a proposal made before the party is ready to weigh terms (earlier states).
    early: tuple[str, ...] = (
        "Maybe. Not yet. First show me you understand what is at stake here.",
        "You are in a hurry to make deals. I am not there yet.",
        "Hm. I heard it. Ask me again when I trust you more than I do now.",
    )


class Walkout(Strict):
    """The party leaves when tension stays at or above `tension` for `turns` turns in a row."""

    tension: Meter = 90
    turns: int = Field(default=2, ge=1)
    max_turns: int = Field(default=60, ge=5)


class Scenario(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    version: int = Field(ge=1)
    difficulty: Literal["easy", "normal", "hard"] = "normal"
    summary: str = Field(min_length=1)
    persona: Persona
    brief: Brief
    opening: tuple[str, ...] = Field(min_length=1)
    meters: MeterValues = MeterValues()
    levels: dict[Literal["easy", "normal", "hard"], Level] = Field(default_factory=dict)
    walkout: Walkout = Walkout()
    effects: dict[Code, MeterDelta] = Field(default_factory=dict)
    initial: str
    states: tuple[StateSpec, ...] = Field(min_length=2)
    transitions: tuple[Transition, ...] = Field(min_length=1)
    replies: dict[str, dict[str, tuple[str, ...]]]
    interests: tuple[HiddenInterest, ...] = ()
    events: tuple[FacilitatorEvent, ...] = ()
    whisper: MeterDelta = MeterDelta(tension=-5)
    misreadings: tuple[Misreading, ...] = ()
    feelings: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    topics: tuple[Topic, ...] = ()
    terms: Terms | None = None
    impatience: tuple[str, ...] = (
        "We are running out of time.",
        "My patience is nearly gone. Say what matters.",
        "A few more words, then I stop listening.",
    )

    @property
    def state_names(self) -> tuple[str, ...]:
        return tuple(state.name for state in self.states)

    def state(self, name: str) -> StateSpec:
        for state in self.states:
            if state.name == name:
                return state
        raise KeyError(name)

    def level(self, name: str) -> Level:
        """The named difficulty level; unspecified levels mean the scenario's own values."""
        if name not in LEVELS:
            raise ValueError(f"unknown level {name!r}: choose one of {', '.join(LEVELS)}")
        return self.levels.get(name, Level())  # type: ignore[call-overload]

    def start_meters(self, level: str) -> MeterValues:
        return self.level(level).start or self.meters

    def event(self, event_id: str) -> FacilitatorEvent:
        for event in self.events:
            if event.id == event_id:
                return event
        known = ", ".join(e.id for e in self.events) or "none"
        raise KeyError(f"scenario {self.id!r} has no event {event_id!r} (events: {known})")

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, data: Any) -> Any:
        """Scenario text is shown verbatim in terminals and Discord: no control characters."""
        for path, text in strings(data):
            found = _CONTROL.search(text)
            if found:
                raise ValueError(
                    f"{path or '(top level)'}: contains the control character "
                    f"U+{ord(found.group()):04X}; scenario text must be plain text"
                )
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        names = set(self.state_names)
        missing = [t for t in TERMINAL_STATES if t not in names]
        if missing:
            raise ValueError(f"states must include the terminal states {', '.join(missing)}")
        if PAUSED_STATE in names:
            raise ValueError("'paused' is reserved: the engine adds it")
        if self.initial not in names:
            raise ValueError(f"initial: state {self.initial!r} is not among the states")
        for i, transition in enumerate(self.transitions):
            for name in transition.source:
                if name not in names:
                    raise ValueError(f"transitions.{i}.source: unknown state {name!r}")
            if transition.dest not in names:
                raise ValueError(f"transitions.{i}.dest: unknown state {transition.dest!r}")
        for state, moves in self.replies.items():
            if state not in names:
                raise ValueError(f"replies.{state}: unknown state")
            unknown = set(moves) - MOVE_KEYS
            if unknown:
                raise ValueError(f"replies.{state}: unknown move(s) {', '.join(sorted(unknown))}")
            if not moves.get("default"):
                raise ValueError(f"replies.{state}: a 'default' list of replies is required")
        for name in names - set(TERMINAL_STATES):
            if name not in self.replies:
                raise ValueError(f"replies: no replies for state {name!r}")
        for state in self.feelings:
            if state not in names:
                raise ValueError(f"feelings.{state}: unknown state")
        for i, topic in enumerate(self.topics):
            unknown = set(topic.lines) - names
            if unknown:
                raise ValueError(f"topics.{i}.lines: unknown state(s) {', '.join(sorted(unknown))}")
        if self.terms is not None:
            for part in self.terms.needs:
                if not self.terms.counters.get(part):
                    raise ValueError(f"terms.counters: a counter for the need {part!r} is required")
            if not self.terms.counters.get("issue"):
                raise ValueError("terms.counters: an 'issue' counter (vague proposals) is required")
        return self


def _nearest_line(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest existing ancestor of `loc` (a missing field has no line)."""
    norm = tuple(str(part) for part in loc)
    by_str = {tuple(str(p) for p in key): line for key, line in lines.items()}
    for depth in range(len(norm), -1, -1):
        if norm[:depth] in by_str:
            return by_str[norm[:depth]]
    return None


_NAMED_FIELD = re.compile(
    r"^Value error, (?P<field>[a-z_]+(?:\.[\w-]+)*): (?P<rest>.+)$", re.DOTALL
)


def parse_scenario(text: str, source: Path | str = "<scenario>") -> Scenario:
    """Validate scenario YAML text; raise `ScenarioError` naming file, line and field."""
    return scenario_from_document(parse_yaml(text, source), source)


def scenario_from_document(document: ScenarioDocument, source: Path | str) -> Scenario:
    """The scenario in a parsed file, or a `ScenarioError` naming each field and its line."""
    if not isinstance(document.data, dict):
        raise ScenarioError(source, ["the file must be a YAML mapping (id: ..., title: ...)"])
    try:
        return Scenario.model_validate(document.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(part for part in error["loc"] if part not in ("function-after",))
            message = error["msg"]
            # Whole-scenario checks name their field in the message ("transitions.2.dest: ..."):
            # point at that field's line rather than at the top of the file.
            named = _NAMED_FIELD.match(message) if not loc else None
            if named:
                loc = tuple(int(p) if p.isdigit() else p for p in named["field"].split("."))
                message = named["rest"]
            field = ".".join(str(part) for part in loc) or "(top level)"
            line = _nearest_line(document.lines, loc)
            where = f"line {line}, " if line else ""
            problems.append(f"{where}{field}: {message}")
        raise ScenarioError(source, problems) from None


def load_scenario(path: Path | str, cache: ScenarioCache | None = None) -> Scenario:
    """Read and validate one scenario file, its parsed data taken from (and kept in) `cache`
    when one is given (`dialogues.scenario_cache`: validated again either way)."""
    text = read_scenario_text(path)
    if cache is not None:
        data = cache.get(text)
        if isinstance(data, dict):
            try:
                return Scenario.model_validate(data)
            except ValidationError:
                pass  # e.g. a stricter schema since it was kept: parse it to name the lines
    document = parse_yaml(text, path)
    scenario = scenario_from_document(document, path)
    if cache is not None:
        cache.put(text, document.data)
    return scenario
