"""The hostile party: hidden meters moved by scored moves; a machine that yields only when earned.

One `transitions.Machine` is built per scenario and shared by every session of it. Parties
are never attached to it (`add_model` scans a list of every attached model and binds a dozen
methods to each: with 10,000 live sessions a start cost 8 ms and each party 5 KB more); the
engine fires the machine's events on a party directly, and the machine sets its `state`. So
a restored session continues from its stored state name without rebuilding anything, and an
evicted session leaves nothing behind in the machine. Replies are
drawn from the scenario with an RNG seeded by (seed, turn, reply key): the same scenario,
seed and messages always give the same transcript, and a resumed session needs no saved
RNG position.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, cast

from transitions import EventData, Machine

from dialogues import feelings
from dialogues.scenario import (
    PAUSED_STATE,
    TERMINAL_STATES,
    Condition,
    MeterDelta,
    Scenario,
)
from dialogues.scoring.model import TurnScore
from dialogues.scoring.rubric import NEGATIVE_CODES, PROPOSAL_QUALIFIERS, Code
from dialogues.scoring.sentences import content_words
from dialogues.scoring.spans import time_spans
from dialogues.terms import Reading, TermReader, Verdict
from dialogues.topics import MATCH_MIN, Match, Matcher, phrase_pattern, small_talk

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
# Each earlier use of a code multiplies its next gain by this. Gentle on purpose: repeating the
# same *words* is caught by the scorer's gaming checks; a skilled trainee labels, asks and
# reflects many times in a session and must keep earning for it.
REPEAT_DECAY = 0.88
# Talking about something that matters to the party (one of the scenario's topics) earns on top
# of the move itself, the first time each topic comes up: specifics, not stock phrases.
TOPIC_EFFECT = MeterDelta(heard=4, trust=2)
# A proposal the party accepts as terms is itself a step towards trust.
ACCEPT_EFFECT = MeterDelta(trust=4, heard=3, tension=-3)
# The most one message can raise trust or heard, or lower tension, however many moves it packs.
MAX_GAIN_PER_TURN = 10
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
# The scorer's confidence at which a penalty has its full effect on the party (below it, the
# effect shrinks in proportion, and the party answers the words rather than the move).
SURE_NEGATIVE = 0.6
# A label naming a feeling the party does not have earns this share of its usual effect.
MISLABEL_FACTOR = 0.25
# Turns after a timed promise before the party asks where it is.
PROMISE_PATIENCE = 3
# Impatience shows when this many turns (or fewer) are left before the limit.
IMPATIENCE_TURNS = 3
# Why the party walks out, in its words, by the move that pushed it (scenario replies under
# `walkout: {<code>: [...]}` take precedence).
WALKOUT_CAUSES: dict[str, str] = {
    Code.THREAT.value: "You threaten me? Then we are finished here.",
    Code.ULTIMATUM.value: "Deadlines and demands, nothing else. I am leaving.",
    Code.BLAME.value: "You came here to blame us. I am done listening.",
    Code.DISMISSAL.value: "You wave away everything I say. We are done.",
    Code.PREMATURE_PROPOSAL.value: "Deals, deals, and you still do not understand us. We are done.",
    "gaming": "You are reciting a script at me. This is over.",
    "default": "Every time I think we are getting somewhere, the pressure rises. We are done.",
}
# Guards of the scenario's own transitions are named by this and their index (diagrams show it).
TRANSITION_LABEL = "t"
KEPT_PROMISE = 'You said "{text}". You kept your word. That counts here.'
HOLLOW_PROMISE = (
    "What promise? I remember no promise about that.",
    "You never promised me that. Do not invent a history between us.",
    "Kept your word? Which word? You gave me none on this.",
)
OVERDUE_PROMISE = 'You said "{text}". I am still waiting.'
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


@dataclass(eq=False)
class Counterpart:
    """The party in one session: a plain model the scenario's machine drives.

    Everything needed to continue exactly is in `snapshot()`; the scenario's machine sets
    `state` when the engine fires an event on the party. Compared by identity: two sessions
    with equal values are still two parties.
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
    max_turns: int = 0  # 0: the scenario's limit; a facilitator may set one per session
    accepted_terms: list[dict[str, Any]] = field(default_factory=list)
    promises: list[dict[str, Any]] = field(default_factory=list)
    topics_raised: list[str] = field(default_factory=list)
    state: str = ""
    pending: dict[str, Any] | None = None  # a proposal countered, waiting to be completed
    # Set while one turn is played (never stored): the transition that fired, for the reply.
    fired: str = ""

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
            "max_turns": self.max_turns,
            "accepted_terms": [dict(t) for t in self.accepted_terms],
            "promises": [dict(p) for p in self.promises],
            "topics_raised": list(self.topics_raised),
            "pending": dict(self.pending) if self.pending else None,
        }


@dataclass(frozen=True)
class Advance:
    """What one turn did to the party: its reply, the state change and what it revealed."""

    reply: str
    state_before: str
    state_after: str
    meters: dict[str, int]
    revealed: tuple[str, ...] = ()
    turns_left: int | None = None
    # What the reply answers: "state" (a new state's line), "misread", "topic:<id>",
    # "terms:<accept|red_line|issue|time|checker|return>", "label:<confirm|correct>",
    # "promise:hollow" or "move:<key>" (the detected move, when nothing more specific fits).
    answered: str = ""

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
    if when.accepted and not party.accepted_terms:
        return False
    # Once terms are accepted, the deal closes when the rest holds, whatever the message was
    # coded as ("...and the harbour office signs for it" completing a proposal on the table).
    if when.moves and not (when.accepted and party.accepted_terms):
        if score is None or not any(_shows(score, code) for code in when.moves):
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
        party = cast(Counterpart, event.model)
        args = tuple(event.args)
        score = args[0] if args else None
        fires = self._holds(party, score)
        if fires:
            party.fired = self.label
        return fires

    def _holds(self, party: Counterpart, score: TurnScore | None) -> bool:
        if self.label == "too_tense":
            return party.tension_streak >= self.engine.scenario.walkout.turns
        if self.label == "out_of_turns":
            # An agreement earned on the last turn wins over the limit on that turn.
            return party.turn >= self.engine.limit(party) and not self.engine.can_agree(
                party, score
            )
        if self.label.startswith("resume:"):
            return party.resume_to == self.label.removeprefix("resume:")
        assert self.when is not None
        return condition_met(self.when, party, score, self.engine.shift(party))

    def __repr__(self) -> str:
        return self.label


def _remember_state(event: EventData) -> None:
    assert event.transition is not None
    cast(Counterpart, event.model).resume_to = event.transition.source


class Engine:
    """The role-play logic of one scenario; build once, share across its sessions."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self._misread_patterns = [
            phrase_pattern(m.phrases, endings=False) for m in scenario.misreadings
        ]
        self.topics = (
            Matcher([(t.id, t.examples, t.keywords) for t in scenario.topics], small_talk())
            if scenario.topics
            else None
        )
        self.terms = (
            TermReader(scenario.terms, _vocabulary(scenario))
            if scenario.terms is not None
            else None
        )
        self._deals = [t for t in scenario.transitions if t.dest == "agreement"]
        # Proposals are weighed as terms in the states an agreement can be reached from.
        self.deal_states = frozenset(name for t in self._deals for name in t.source)
        self._feelings = {
            state: feelings.families(words) for state, words in scenario.feelings.items()
        }
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
                    "conditions": [_Guard(self, spec.when, f"{TRANSITION_LABEL}{i}")],
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

    def limit(self, party: Counterpart) -> int:
        """The turn limit of this session: the facilitator's, else the scenario's."""
        return party.max_turns or self.scenario.walkout.max_turns

    def can_agree(self, party: Counterpart, score: TurnScore | None) -> bool:
        """Whether a transition to agreement holds for this party and message right now."""
        return any(
            party.state in t.source and condition_met(t.when, party, score, self.shift(party))
            for t in self._deals
        )

    def shift(self, party: Counterpart) -> int:
        return self.scenario.level(party.level).threshold_shift

    def new(self, seed: int, level: str = "normal", max_turns: int = 0) -> Counterpart:
        """A fresh party at the level's start meters, in the scenario's initial state."""
        start = self.scenario.start_meters(level)
        party = Counterpart(
            scenario_id=self.scenario.id,
            level=level,
            seed=seed,
            trust=start.trust,
            tension=start.tension,
            heard=start.heard,
            max_turns=max_turns,
            state=self.scenario.initial,
        )
        return party

    def restore(self, snapshot: dict[str, Any]) -> Counterpart:
        """A stored party in its saved state; unknown states are a clear error."""
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
            max_turns=snapshot.get("max_turns", 0),
            accepted_terms=[dict(t) for t in snapshot.get("accepted_terms", ())],
            promises=[dict(p) for p in snapshot.get("promises", ())],
            topics_raised=list(snapshot.get("topics_raised", ())),
            pending=snapshot.get("pending"),
        )
        if snapshot["state"] not in self.machine.states:
            raise UnknownState(
                f"stored state {snapshot['state']!r} is not in scenario {self.scenario.id!r} "
                f"v{self.scenario.version} (states: {', '.join(self.scenario.state_names)})"
            )
        party.state = snapshot["state"]
        return party

    def _fire(self, trigger: str, party: Counterpart, *args: object) -> bool:
        """Fire one of the machine's events (`assess`, `pause`, `resume`) on `party`."""
        return bool(self.machine.events[trigger].trigger(party, *args))

    def opening(self, party: Counterpart) -> str:
        return self._pick(party, "opening", self.scenario.opening)

    # -- turns ----------------------------------------------------------------------------

    def advance(self, party: Counterpart, score: TurnScore, text: str = "") -> Advance:
        """Play one trainee message: move the meters, maybe change state, choose the reply.

        The party answers the words, not only the detected move: the topic asked about, the
        terms of a proposal (in the states a deal can be made from), the feeling named, the
        promises made earlier. `text` is the message itself; without it the party hears only
        the moves.
        """
        if party.finished:
            raise SessionOver(f"the session ended in {party.state}")
        if party.state == PAUSED_STATE:
            raise SessionPaused("the session is paused by the facilitator")
        before = party.state
        party.turn += 1
        party.fired = ""
        label = self._label_check(party, score)
        promise = self._promise_check(party, score)
        discount = {}
        if label is not None and not label[2]:
            discount[Code.EMOTION_LABEL] = MISLABEL_FACTOR
        if promise == "hollow":
            discount[Code.CONSISTENCY] = 0.0
        self._apply_moves(party, score, discount)
        misread = self._misreading(text)
        if misread is not None:
            self._apply_delta(party, self.scenario.misreadings[misread].effect, weight=1.0)
            self._update_streak(party)
        asked = score.has(Code.OPEN_QUESTION)
        topic = self.topics.match(text, asked) if self.topics is not None and text else None
        # Only a clear match earns the bonus: a question answered by its closest topic is
        # heard, not rewarded.
        if (
            topic is not None
            and _specific(topic)
            and score.weight >= GAMING_WEIGHT
            and topic.id not in party.topics_raised
        ):
            party.topics_raised.append(topic.id)
            if not any(c in NEGATIVE_CODES for c in score.codes):
                self._apply_delta(party, TOPIC_EFFECT, weight=1.0)
        terms = self._weigh_terms(party, score, text)
        self._record_promise(party, score)
        self._fire("assess", party, score)
        if terms is None and party.state in self.deal_states and before not in self.deal_states:
            # The message that opened bargaining may already propose: it stays on the table.
            terms = self._weigh_terms(party, score, text)
        revealed = self._reveal(party, score)
        if misread is not None and party.state == before:
            reply = self._pick(
                party, f"misread:{misread}", self.scenario.misreadings[misread].lines
            )
            answered = "misread"
        elif party.state != before:
            reply, answered = self._state_line(party, before, score), "state"
        else:
            reply, answered = self._answer(party, score, terms, label, promise, topic)
        for interest_id in revealed:
            interest = next(i for i in self.scenario.interests if i.id == interest_id)
            reply = f"{reply} {interest.line}"
        reply = self._afterthoughts(party, reply, promise)
        left = max(0, self.limit(party) - party.turn)
        return Advance(
            reply,
            before,
            party.state,
            party.meters,
            revealed,
            turns_left=None if party.finished else left,
            answered=answered,
        )

    def inject(self, party: Counterpart, event_id: str) -> Advance:
        """A facilitator event: meters move, the party reacts, the state may change."""
        if party.finished:
            raise SessionOver(f"the session ended in {party.state}")
        event = self.scenario.event(event_id)
        before = party.state
        self._apply_delta(party, event.effect, weight=1.0)
        self._update_streak(party)
        if party.state != PAUSED_STATE:
            self._fire("assess", party, None)
        line = event.line
        if party.state != before:
            line = f"{line} {self._state_line(party, before)}".strip()
        return Advance(line, before, party.state, party.meters)

    def whisper(self, party: Counterpart) -> dict[str, int]:
        """A facilitator's private instruction nudges the party as far as the scenario allows."""
        self._apply_delta(party, self.scenario.whisper, weight=1.0)
        return party.meters

    def pause(self, party: Counterpart) -> bool:
        return self._fire("pause", party)

    def resume(self, party: Counterpart) -> bool:
        return self._fire("resume", party)

    # -- internals ------------------------------------------------------------------------

    def _misreading(self, text: str) -> int | None:
        """The index of the first misreading whose phrase occurs in `text`, if any."""
        if not text or not self.scenario.misreadings:
            return None
        for i, pattern in enumerate(self._misread_patterns):
            if pattern is not None and pattern.search(text):
                return i
        return None

    def _apply_moves(
        self, party: Counterpart, score: TurnScore, discount: dict[Code, float]
    ) -> None:
        gaming = score.weight < GAMING_WEIGHT
        gains = {"trust": 0.0, "tension": 0.0, "heard": 0.0}
        for code in score.codes:
            delta = self.scenario.effects.get(code) or DEFAULT_EFFECTS[code]
            used = party.code_counts.get(code.value, 0)
            party.code_counts[code.value] = used + 1
            if code in NEGATIVE_CODES:
                # A penalty the scorer is unsure of costs in proportion: a false threat read
                # at 25% must not end talks that a skilled trainee was winning.
                novelty = min(1.0, score.confidence(code) / SURE_NEGATIVE)
            else:
                novelty = REPEAT_DECAY**used * score.weight
            novelty *= discount.get(code, 1.0)
            for meter in gains:
                change = getattr(delta, meter)
                helpful = (change < 0) if meter == "tension" else (change > 0)
                # Repetition and gaming shrink what a move earns, never what it costs; an
                # unsure penalty costs in proportion to the scorer's confidence.
                shrinks = helpful or code in NEGATIVE_CODES
                gains[meter] += change * novelty if shrinks else change
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

    def _label_check(self, party: Counterpart, score: TurnScore) -> tuple[str, str, bool] | None:
        """(word the trainee used, what the party feels, whether they match) for a label.

        None when the message names no feeling we can read, or the scenario lists no feelings
        for this state: the party then takes the label as it comes.
        """
        felt = self._feelings.get(party.state)
        if not felt or not score.has(Code.EMOTION_LABEL):
            return None
        spans = [e.text for h in score.hits if h.code is Code.EMOTION_LABEL for e in h.evidence]
        words = [w for span in spans for w in feelings.named(span)]
        if not words:
            return None
        actual = self.scenario.feelings[party.state][0]
        matched = next((w for w, family in words if family in felt), None)
        if matched is not None:
            return matched, actual, True
        return words[0][0], actual, False

    def _promise_check(self, party: Counterpart, score: TurnScore) -> str:
        """'kept' or 'hollow' for a message that claims to keep a promise, else ''.

        Judged on content: the claim must share meaning-bearing words with an open promise
        the trainee actually made, not just say "as promised".
        """
        if not score.has(Code.CONSISTENCY):
            return ""
        claim = " ".join(e.text for h in score.hits for e in h.evidence)
        words = content_words(claim)
        for promise in party.promises:
            if not promise["kept"] and words & content_words(promise["text"]):
                promise["kept"] = True
                promise["kept_turn"] = party.turn
                return "kept"
        # Only a clear claim is called out: not one made while promising something new, nor
        # one the scorer barely saw.
        unsure = score.confidence(Code.CONSISTENCY) < SURE_NEGATIVE
        return "" if unsure or score.has(Code.COMMITMENT) else "hollow"

    def _record_promise(self, party: Counterpart, score: TurnScore) -> None:
        for hit in score.hits:
            if hit.code is Code.COMMITMENT:
                text = " ".join(e.text for e in hit.evidence)
                when = ", ".join(text[a:b] for a, b in time_spans(text))
                party.promises.append(
                    {
                        "turn": party.turn,
                        "text": text,
                        "when": when,
                        "kept": False,
                        "reminded": False,
                    }
                )

    def _weigh_terms(
        self, party: Counterpart, score: TurnScore, text: str
    ) -> dict[str, Any] | None:
        """Read and weigh a proposal as terms, in the states a deal can be made from.

        A countered proposal stays on the table: a later proposal on the same issue, or a
        message that names a time or a checker, completes it instead of starting again.
        """
        if self.terms is None or party.state not in self.deal_states:
            return None
        if score.weight < GAMING_WEIGHT:
            return None
        pending = Reading.from_dict(party.pending) if party.pending else None
        if score.has(Code.INTERIM_PROPOSAL):
            reading = self.terms.read(text, score)
            if pending is not None and pending.continues(reading):
                reading = pending.merged(reading)
        elif pending is not None and (extra := self.terms.completion(text)) is not None:
            reading = pending.merged(extra)
        else:
            return None
        verdict = self.terms.weigh(reading, text)
        party.pending = None if verdict.accepted or verdict.red_line else reading.to_dict()
        if verdict.accepted:
            party.accepted_terms.append({**reading.to_dict(), "turn": party.turn})
            self._apply_delta(party, ACCEPT_EFFECT, weight=1.0)
        return {**reading.to_dict(), **_verdict_dict(verdict)}

    def _answer(
        self,
        party: Counterpart,
        score: TurnScore,
        terms: dict[str, Any] | None,
        label: tuple[str, str, bool] | None,
        promise: str,
        topic: Match | None,
    ) -> tuple[str, str]:
        """The reply when the state did not change, and what it answers: words before moves."""
        harsh = score.weight < GAMING_WEIGHT or any(
            c in NEGATIVE_CODES and c is not Code.CLOSED_QUESTION and _shows(score, c)
            for c in score.codes
        )
        if harsh:
            reply, answered = self._move_reply(party, score)
            if score.weight >= GAMING_WEIGHT:
                # Answered in kind, and still about what was asked: a hostile question about
                # the cargo gets the edge and then the cargo.
                line = self._clear_topic_line(party, topic)
                if line and topic is not None:
                    return f"{reply} {line}", f"topic:{topic.id}"
            return reply, answered
        if self.terms is not None and terms is None and score.has(Code.INTERIM_PROPOSAL):
            # Not yet in a state to weigh terms: say so, without asking for what was given;
            # a proposal about something ("keep handing out food while we talk?") gets that
            # subject answered first.
            early = self._pick(party, "terms:early", self.terms.terms.early)
            line = self._clear_topic_line(party, topic)
            if line and topic is not None:
                return f"{line} {early}", f"topic:{topic.id}"
            return early, "terms:early"
        if terms is not None and self.terms is not None:
            if terms["accepted"]:
                return self._pick(party, "terms:accept", self.terms.terms.accept), "terms:accept"
            if terms["red_line"]:
                red = next(r for r in self.terms.terms.red_lines if r.id == terms["red_line"])
                return red.line, "terms:red_line"
            part = terms["missing"]
            lines = self.terms.terms.counters[part]
            return self._pick(party, f"terms:{part}", lines), f"terms:{part}"
        if label is not None and not label[2]:
            return f"{label[0].capitalize()}? No. {label[1].capitalize()}.", "label:correct"
        if promise == "hollow":
            return self._pick(party, "promise:hollow", HOLLOW_PROMISE), "promise:hollow"
        prefix = f"{label[0].capitalize()}... yes. " if label is not None else ""
        line = self._topic_line(party, topic) if topic is not None else ""
        if topic is not None and line:
            return prefix + line, f"topic:{topic.id}"
        if prefix:
            return prefix + self._default_line(party), "label:confirm"
        if score.has(Code.EMOTION_LABEL) and self._feelings:
            # A label we could not read: no stock line that might name another feeling.
            return self._default_line(party), "move:default"
        return self._move_reply(party, score)

    def _topic_line(self, party: Counterpart, topic: Match) -> str:
        """A line of the state's on `topic` the trainee has not heard yet, or ""."""
        lines = self.scenario.topics[topic.index].lines[party.state]
        key = f"topic:{topic.id}:{party.state}"
        if len(set(party.used_replies.get(key, ()))) < len(lines):
            return self._pick(party, key, lines)
        return ""

    def _clear_topic_line(self, party: Counterpart, topic: Match | None) -> str:
        """A fresh line on `topic` when the message is clearly about it (`_specific`), or "":
        the nearest topic to a hostile message or an early proposal is not enough."""
        return self._topic_line(party, topic) if topic is not None and _specific(topic) else ""

    def _default_line(self, party: Counterpart) -> str:
        table = self.scenario.replies[party.state]
        return self._pick(party, f"{party.state}:default", table["default"])

    def _afterthoughts(self, party: Counterpart, reply: str, promise: str) -> str:
        """What the party adds whatever else it said: promises kept or overdue, the clock."""
        if party.finished:
            return reply
        if promise == "kept":
            kept = next(p for p in party.promises if p.get("kept_turn") == party.turn)
            reply = f"{KEPT_PROMISE.format(text=kept['text'])} {reply}"
        for p in party.promises:
            overdue = p["when"] and not p["kept"] and not p["reminded"]
            if overdue and party.turn - p["turn"] >= PROMISE_PATIENCE:
                p["reminded"] = True
                reply = f"{reply} {OVERDUE_PROMISE.format(text=p['text'])}"
                break
        left = self.limit(party) - party.turn
        if 0 < left <= IMPATIENCE_TURNS:
            reply = f"{reply} {self._pick(party, 'impatience', self.scenario.impatience)}"
        return reply

    def _state_line(self, party: Counterpart, before: str, score: TurnScore | None = None) -> str:
        """What the party says on entering its new state: the transition that fired, or a reply."""
        if party.state == "agreement" and self.terms is not None and party.accepted_terms:
            return self.terms.agreement(party.accepted_terms)
        index = party.fired.removeprefix(TRANSITION_LABEL)
        if party.fired.startswith(TRANSITION_LABEL) and index.isdigit():
            spec = self.scenario.transitions[int(index)]
            if spec.say:
                return spec.say
        table = self.scenario.replies.get(party.state, {})
        if party.state == "walkout":
            cause = _walkout_cause(party, score)
            if table.get(cause):
                return self._pick(party, f"walkout:{cause}", table[cause])
            return WALKOUT_CAUSES[cause]
        if table.get("default"):
            return self._pick(party, f"{party.state}:default", table["default"])
        return FALLBACK_ENDINGS.get(party.state, "...")

    def _move_reply(self, party: Counterpart, score: TurnScore) -> tuple[str, str]:
        """The reply to the highest-priority move, preferring a line the trainee has not heard.

        When the top move's variants are used up, another detected move of the same tone (or,
        for listening and proposals, the state's default lines) answers with a fresh line
        before the top move's lines come round again. Hostile moves and gaming are always
        answered in kind: a threat never gets a neutral reply just because it is new.
        """
        table = self.scenario.replies[party.state]
        present = {code.value for code in score.codes if _shows(score, code)}
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
                return self._pick(party, name, table[key]), f"move:{key}"
        return self._pick(party, f"{party.state}:{keys[0]}", table[keys[0]]), f"move:{keys[0]}"

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


def _specific(topic: Match) -> bool:
    """A clear match (a keyword, or close in meaning), not just the nearest topic to a question."""
    return topic.by == "keyword" or topic.similarity >= MATCH_MIN


def _shows(score: TurnScore, code: Code) -> bool:
    """Whether a message shows `code` for the party's purposes (a penalty only when sure)."""
    if code in NEGATIVE_CODES:
        return score.confidence(code) >= SURE_NEGATIVE
    return score.has(code)


def _vocabulary(scenario: Scenario) -> frozenset[str]:
    """The words that name what a scenario is about: its topics' labels and keywords and its
    issues (not the example questions, whose everyday words would match anything)."""
    texts: list[str] = []
    for topic in scenario.topics:
        texts += [topic.label, *topic.keywords]
    if scenario.terms is not None:
        for issue in scenario.terms.issues:
            texts += [*issue.examples, *issue.keywords]
    return frozenset().union(*(content_words(t) for t in texts))


def _verdict_dict(verdict: Verdict) -> dict[str, Any]:
    return {"accepted": verdict.accepted, "missing": verdict.missing, "red_line": verdict.red_line}


def _walkout_cause(party: Counterpart, score: TurnScore | None) -> str:
    """The move that drove the party out: this message's worst, else the most used one."""
    if score is not None:
        if score.weight < GAMING_WEIGHT:
            return "gaming"
        for key in REPLY_PRIORITY:
            if isinstance(key, Code) and key in NEGATIVE_CODES and score.has(key):
                return key.value if key.value in WALKOUT_CAUSES else "default"
    used = [(n, c) for c, n in party.code_counts.items() if c in WALKOUT_CAUSES and n]
    return max(used)[1] if used else "default"


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))
