"""The hostile party: hidden meters moved by scored moves; a machine that yields only when earned.

One `transitions.Machine` is built per scenario and shared by every session of it; a
session's `Counterpart` is attached with `add_model(..., initial=saved_state)`, so a
restored session continues from its stored state without rebuilding anything. Replies are
drawn from the scenario with an RNG seeded by (seed, turn, reply key): the same scenario,
seed and messages always give the same transcript, and a resumed session needs no saved
RNG position.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from transitions import EventData, Machine

from dialogues.scenario import (
    PAUSED_STATE,
    TERMINAL_STATES,
    Condition,
    MeterDelta,
    Scenario,
)
from dialogues.scoring.model import TurnScore
from dialogues.scoring.rubric import NEGATIVE_CODES, PROPOSAL_QUALIFIERS, Code

# How each move moves the party when the scenario does not say otherwise.
DEFAULT_EFFECTS: dict[Code, MeterDelta] = {
    Code.EMOTION_LABEL: MeterDelta(heard=8, trust=3, tension=-4),
    Code.PARAPHRASE: MeterDelta(heard=8, trust=2, tension=-3),
    Code.SUMMARY: MeterDelta(heard=10, trust=3, tension=-3),
    Code.MIRROR: MeterDelta(heard=3),
    Code.OPEN_QUESTION: MeterDelta(heard=3, trust=1),
    Code.MINIMAL_ENCOURAGER: MeterDelta(heard=1),
    Code.I_MESSAGE: MeterDelta(trust=1),
    Code.ACKNOWLEDGEMENT: MeterDelta(heard=4, trust=3, tension=-3),
    Code.APOLOGY: MeterDelta(trust=4, tension=-4),
    Code.TRANSPARENCY: MeterDelta(trust=5),
    Code.COMMITMENT: MeterDelta(trust=3),
    Code.CONSISTENCY: MeterDelta(trust=6, tension=-2),
    Code.INTERIM_PROPOSAL: MeterDelta(trust=2, tension=-2),
    Code.TIME_BOUND: MeterDelta(trust=1),
    Code.RECIPROCAL: MeterDelta(trust=1),
    Code.VERIFIABLE: MeterDelta(trust=1),
    Code.THREAT: MeterDelta(tension=20, trust=-10),
    Code.ULTIMATUM: MeterDelta(tension=15, trust=-6),
    Code.BLAME: MeterDelta(tension=10, trust=-5, heard=-2),
    Code.DISMISSAL: MeterDelta(tension=10, heard=-8),
    Code.PREMATURE_PROPOSAL: MeterDelta(tension=6, heard=-3),
    Code.CLOSED_QUESTION: MeterDelta(),
}
# Each earlier use of a code multiplies its next gain by this: variety earns, repetition does not.
REPEAT_DECAY = 0.7
# The most one message can raise trust or heard, or lower tension, however many moves it packs.
MAX_GAIN_PER_TURN = 14
# A message the scorer flagged as gaming annoys the party.
GAMING_EFFECT = MeterDelta(trust=-3, tension=4)
GAMING_WEIGHT = 0.5
# A constructive message with no hostile move calms the party a little on top of its moves'
# own effects: de-escalation is also a matter of time spent talking civilly.
CALM_DRIFT = 2
# Which detected move the party answers first when a message has several.
REPLY_PRIORITY: tuple[str, ...] = (
    "gaming",
    Code.THREAT,
    Code.ULTIMATUM,
    Code.BLAME,
    Code.DISMISSAL,
    Code.PREMATURE_PROPOSAL,
    Code.INTERIM_PROPOSAL,
    Code.APOLOGY,
    Code.EMOTION_LABEL,
    Code.SUMMARY,
    Code.PARAPHRASE,
    Code.CONSISTENCY,
    Code.TRANSPARENCY,
    Code.ACKNOWLEDGEMENT,
    Code.COMMITMENT,
    Code.OPEN_QUESTION,
    Code.MIRROR,
    Code.I_MESSAGE,
    Code.MINIMAL_ENCOURAGER,
    Code.CLOSED_QUESTION,
    "default",
)
# Replies to these keys stay in kind when their variants run out (see `Engine._move_reply`).
HARSH_REPLY_KEYS: frozenset[str] = frozenset({"gaming", *(code.value for code in NEGATIVE_CODES)})
FALLBACK_ENDINGS = {
    "agreement": "Fine. We have a deal, for now.",
    "walkout": "We are done here.",
    "breakdown": "This is going nowhere. The talks are over.",
}


class SessionOver(Exception):
    """The session reached agreement, walkout or breakdown: no further turns are played."""


class SessionPaused(Exception):
    """A facilitator paused the session: turns are stored but the party does not answer."""


class UnknownState(ValueError):
    """A stored session names a state its scenario no longer has."""


@dataclass
class Counterpart:
    """The party in one session: a plain model the scenario's machine drives.

    Everything needed to continue exactly is in `snapshot()`; transitions adds the trigger
    methods (`assess`, `pause`, `resume`) and sets `state`.
    """

    scenario_id: str
    level: str
    seed: int
    trust: int
    tension: int
    heard: int
    turn: int = 0
    tension_streak: int = 0
    code_counts: dict[str, int] = field(default_factory=dict)
    revealed: list[str] = field(default_factory=list)
    used_replies: dict[str, list[int]] = field(default_factory=dict)
    resume_to: str = ""
    state: str = ""

    @property
    def meters(self) -> dict[str, int]:
        return {"trust": self.trust, "tension": self.tension, "heard": self.heard}

    @property
    def finished(self) -> bool:
        return self.state in TERMINAL_STATES

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready state for the store; `Engine.restore` is its inverse."""
        return {
            "state": self.state,
            "level": self.level,
            "seed": self.seed,
            "meters": self.meters,
            "turn": self.turn,
            "tension_streak": self.tension_streak,
            "code_counts": dict(self.code_counts),
            "revealed": list(self.revealed),
            "used_replies": {k: list(v) for k, v in self.used_replies.items()},
            "resume_to": self.resume_to,
        }


@dataclass(frozen=True)
class Advance:
    """What one turn did to the party: its reply, the state change and what it revealed."""

    reply: str
    state_before: str
    state_after: str
    meters: dict[str, int]
    revealed: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.state_before != self.state_after

    @property
    def outcome(self) -> str:
        return self.state_after if self.state_after in TERMINAL_STATES else "ongoing"


def condition_met(when: Condition, party: Counterpart, score: TurnScore | None, shift: int) -> bool:
    """Whether meters, turn count and the current message satisfy `when`.

    `shift` (the level's) raises or lowers the trust and heard thresholds.
    """

    def at_least(value: int, bound: int | None, shifted: bool = False) -> bool:
        return bound is None or value >= min(100, max(0, bound + (shift if shifted else 0)))

    def at_most(value: int, bound: int | None) -> bool:
        return bound is None or value <= bound

    if not (
        at_least(party.trust, when.trust_min, shifted=True)
        and at_least(party.heard, when.heard_min, shifted=True)
        and at_least(party.tension, when.tension_min)
        and at_most(party.trust, when.trust_max)
        and at_most(party.heard, when.heard_max)
        and at_most(party.tension, when.tension_max)
        and party.turn >= when.min_turns
    ):
        return False
    if when.moves:
        if score is None or not any(score.has(code) for code in when.moves):
            return False
        # A move in a message flagged as gaming (a pasted repeat, stuffing) earns nothing.
        if score.weight < GAMING_WEIGHT:
            return False
        qualifiers = sum(score.has(code) for code in PROPOSAL_QUALIFIERS)
        if qualifiers < when.qualifiers:
            return False
    return True


class _Guard:
    """A transition condition built from scenario data; named so machine diagrams stay readable."""

    def __init__(self, engine: Engine, when: Condition | None, label: str):
        self.engine, self.when, self.label = engine, when, label

    def __call__(self, event: EventData) -> bool:
        party: Counterpart = event.model
        score = event.args[0] if event.args else None
        if self.label == "too_tense":
            return party.tension_streak >= self.engine.scenario.walkout.turns
        if self.label == "out_of_turns":
            return party.turn >= self.engine.scenario.walkout.max_turns
        if self.label.startswith("resume:"):
            return party.resume_to == self.label.removeprefix("resume:")
        assert self.when is not None
        return condition_met(self.when, party, score, self.engine.shift(party))

    def __repr__(self) -> str:
        return self.label


def _remember_state(event: EventData) -> None:
    event.model.resume_to = event.transition.source


class Engine:
    """The role-play logic of one scenario; build once, share across its sessions."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self._misread_patterns = [_phrase_pattern(m.phrases) for m in scenario.misreadings]
        self.active_states = [s for s in scenario.state_names if s not in TERMINAL_STATES]
        transitions: list[dict[str, Any]] = [
            {
                "trigger": "assess",
                "source": self.active_states,
                "dest": "walkout",
                "conditions": [_Guard(self, None, "too_tense")],
            },
            {
                "trigger": "assess",
                "source": self.active_states,
                "dest": "breakdown",
                "conditions": [_Guard(self, None, "out_of_turns")],
            },
        ]
        for i, spec in enumerate(scenario.transitions):
            transitions.append(
                {
                    "trigger": "assess",
                    "source": list(spec.source),
                    "dest": spec.dest,
                    "conditions": [_Guard(self, spec.when, f"t{i}")],
                }
            )
        for state in self.active_states:
            transitions.append(
                {
                    "trigger": "pause",
                    "source": state,
                    "dest": PAUSED_STATE,
                    "before": _remember_state,
                }
            )
            transitions.append(
                {
                    "trigger": "resume",
                    "source": PAUSED_STATE,
                    "dest": state,
                    "conditions": [_Guard(self, None, f"resume:{state}")],
                }
            )
        self.machine = Machine(
            model=None,
            states=[*scenario.state_names, PAUSED_STATE],
            transitions=transitions,
            initial=scenario.initial,
            auto_transitions=False,
            send_event=True,
            ignore_invalid_triggers=True,
        )

    # -- sessions -------------------------------------------------------------------------

    def shift(self, party: Counterpart) -> int:
        return self.scenario.level(party.level).threshold_shift

    def new(self, seed: int, level: str = "normal") -> Counterpart:
        """A fresh party at the level's start meters, attached to this machine."""
        start = self.scenario.start_meters(level)
        party = Counterpart(
            scenario_id=self.scenario.id,
            level=level,
            seed=seed,
            trust=start.trust,
            tension=start.tension,
            heard=start.heard,
        )
        self.machine.add_model(party, initial=self.scenario.initial)
        return party

    def restore(self, snapshot: dict[str, Any]) -> Counterpart:
        """Re-attach a stored party in its saved state; unknown states are a clear error."""
        meters = snapshot["meters"]
        party = Counterpart(
            scenario_id=self.scenario.id,
            level=snapshot["level"],
            seed=snapshot["seed"],
            trust=meters["trust"],
            tension=meters["tension"],
            heard=meters["heard"],
            turn=snapshot["turn"],
            tension_streak=snapshot["tension_streak"],
            code_counts=dict(snapshot["code_counts"]),
            revealed=list(snapshot["revealed"]),
            used_replies={k: list(v) for k, v in snapshot["used_replies"].items()},
            resume_to=snapshot.get("resume_to", ""),
        )
        try:
            self.machine.add_model(party, initial=snapshot["state"])
        except ValueError:
            raise UnknownState(
                f"stored state {snapshot['state']!r} is not in scenario {self.scenario.id!r} "
                f"v{self.scenario.version} (states: {', '.join(self.scenario.state_names)})"
            ) from None
        return party

    def release(self, party: Counterpart) -> None:
        """Detach a finished or evicted party so the shared machine does not keep it alive."""
        self.machine.remove_model(party)

    def opening(self, party: Counterpart) -> str:
        return self._pick(party, "opening", self.scenario.opening)

    # -- turns ----------------------------------------------------------------------------

    def advance(self, party: Counterpart, score: TurnScore, text: str = "") -> Advance:
        """Play one trainee message: move the meters, maybe change state, choose the reply.

        `text` is the message itself, needed only by scenarios whose party misreads words
        (`misreadings`); without it the party understands everything it is told.
        """
        if party.finished:
            raise SessionOver(f"the session ended in {party.state}")
        if party.state == PAUSED_STATE:
            raise SessionPaused("the session is paused by the facilitator")
        before = party.state
        party.turn += 1
        self._apply_moves(party, score)
        misread = self._misreading(text)
        if misread is not None:
            self._apply_delta(party, self.scenario.misreadings[misread].effect, weight=1.0)
            self._update_streak(party)
        party.assess(score)
        revealed = self._reveal(party, score)
        if misread is not None and party.state == before:
            lines = self.scenario.misreadings[misread].lines
            reply = self._pick(party, f"misread:{misread}", lines)
            for interest_id in revealed:
                interest = next(i for i in self.scenario.interests if i.id == interest_id)
                reply = f"{reply} {interest.line}"
        else:
            reply = self._reply(party, before, score, revealed)
        return Advance(reply, before, party.state, party.meters, revealed)

    def inject(self, party: Counterpart, event_id: str) -> Advance:
        """A facilitator event: meters move, the party reacts, the state may change."""
        if party.finished:
            raise SessionOver(f"the session ended in {party.state}")
        event = self.scenario.event(event_id)
        before = party.state
        self._apply_delta(party, event.effect, weight=1.0)
        self._update_streak(party)
        if party.state != PAUSED_STATE:
            party.assess(None)
        line = event.line
        if party.state != before:
            line = f"{line} {self._state_line(party, before)}".strip()
        return Advance(line, before, party.state, party.meters)

    def whisper(self, party: Counterpart) -> dict[str, int]:
        """A facilitator's private instruction nudges the party as far as the scenario allows."""
        self._apply_delta(party, self.scenario.whisper, weight=1.0)
        return party.meters

    def pause(self, party: Counterpart) -> bool:
        return bool(party.pause())

    def resume(self, party: Counterpart) -> bool:
        return bool(party.resume())

    # -- internals ------------------------------------------------------------------------

    def _misreading(self, text: str) -> int | None:
        """The index of the first misreading whose phrase occurs in `text`, if any."""
        if not text or not self.scenario.misreadings:
            return None
        for i, pattern in enumerate(self._misread_patterns):
            if pattern.search(text):
                return i
        return None

    def _apply_moves(self, party: Counterpart, score: TurnScore) -> None:
        gaming = score.weight < GAMING_WEIGHT
        gains = {"trust": 0.0, "tension": 0.0, "heard": 0.0}
        for code in score.codes:
            delta = self.scenario.effects.get(code) or DEFAULT_EFFECTS[code]
            used = party.code_counts.get(code.value, 0)
            party.code_counts[code.value] = used + 1
            novelty = 1.0 if code in NEGATIVE_CODES else REPEAT_DECAY**used * score.weight
            for meter in gains:
                change = getattr(delta, meter)
                helpful = (change < 0) if meter == "tension" else (change > 0)
                gains[meter] += change * novelty if helpful else change
        if gaming:
            for meter in gains:
                gains[meter] += getattr(GAMING_EFFECT, meter)
        elif score.codes and not any(code in NEGATIVE_CODES for code in score.codes):
            gains["tension"] -= CALM_DRIFT
        gains["trust"] = min(gains["trust"], MAX_GAIN_PER_TURN)
        gains["heard"] = min(gains["heard"], MAX_GAIN_PER_TURN)
        gains["tension"] = max(gains["tension"], -MAX_GAIN_PER_TURN)
        self._apply_delta(party, MeterDelta(**{k: round(v) for k, v in gains.items()}), 1.0)
        self._update_streak(party)

    def _apply_delta(self, party: Counterpart, delta: MeterDelta, weight: float) -> None:
        factor = self.scenario.level(party.level).tension_factor
        tension = delta.tension * (factor if delta.tension > 0 else 1.0)
        party.trust = _clamp(party.trust + delta.trust * weight)
        party.heard = _clamp(party.heard + delta.heard * weight)
        party.tension = _clamp(party.tension + tension * weight)

    def _update_streak(self, party: Counterpart) -> None:
        hot = party.tension >= self.scenario.walkout.tension
        party.tension_streak = party.tension_streak + 1 if hot else 0

    def _reveal(self, party: Counterpart, score: TurnScore) -> tuple[str, ...]:
        if party.finished:
            return ()
        for interest in self.scenario.interests:
            if interest.id not in party.revealed and condition_met(
                interest.when, party, score, self.shift(party)
            ):
                party.revealed.append(interest.id)
                return (interest.id,)
        return ()

    def _reply(
        self, party: Counterpart, before: str, score: TurnScore, revealed: tuple[str, ...]
    ) -> str:
        if party.state != before:
            text = self._state_line(party, before)
        else:
            text = self._move_reply(party, score)
        for interest_id in revealed:
            interest = next(i for i in self.scenario.interests if i.id == interest_id)
            text = f"{text} {interest.line}"
        return text

    def _state_line(self, party: Counterpart, before: str) -> str:
        """What the party says on entering its new state: the transition's line, or a reply."""
        for spec in self.scenario.transitions:
            if party.state == spec.dest and before in spec.source and spec.say:
                return spec.say
        table = self.scenario.replies.get(party.state, {})
        if table.get("default"):
            return self._pick(party, f"{party.state}:default", table["default"])
        return FALLBACK_ENDINGS.get(party.state, "...")

    def _move_reply(self, party: Counterpart, score: TurnScore) -> str:
        """The reply to the highest-priority move, preferring a line the trainee has not heard.

        When the top move's variants are used up, another detected move of the same tone (or,
        for listening and proposals, the state's default lines) answers with a fresh line
        before the top move's lines come round again. Hostile moves and gaming are always
        answered in kind: a threat never gets a neutral reply just because it is new.
        """
        table = self.scenario.replies[party.state]
        present = {code.value for code in score.codes}
        if score.weight < GAMING_WEIGHT:
            present.add("gaming")
        keys = [
            str(key)
            for key in REPLY_PRIORITY
            if (str(key) in present or key == "default") and table.get(str(key))
        ]
        if not keys:
            raise AssertionError("unreachable: every state has default replies")
        harsh = keys[0] in HARSH_REPLY_KEYS
        for key in keys:
            if (key in HARSH_REPLY_KEYS) != harsh:
                continue
            name = f"{party.state}:{key}"
            if len(set(party.used_replies.get(name, ()))) < len(table[key]):
                return self._pick(party, name, table[key])
        return self._pick(party, f"{party.state}:{keys[0]}", table[keys[0]])

    def _pick(self, party: Counterpart, key: str, variants: tuple[str, ...]) -> str:
        """A variant not used yet in this session (all used: start again, never the last one)."""
        used = party.used_replies.setdefault(key, [])
        fresh = [i for i in range(len(variants)) if i not in used]
        if not fresh:
            last = used[-1] if used else None
            used.clear()
            fresh = [i for i in range(len(variants)) if i != last] or [0]
        rng = random.Random(f"{party.seed}:{party.turn}:{key}")
        choice = rng.choice(fresh)
        used.append(choice)
        return variants[choice]


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `phrases` as whole words, case-insensitive, any run of spaces between words."""
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))
