"""The after-action review of one session: what went well, what was missed, what to try next.

Built only from stored turns (text, score, meters, reply), so a debrief can be rebuilt at
any time from the store, for the trainee or for a coordinator reviewing the session.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dialogues import cues
from dialogues.conversation import party_lines
from dialogues.cues import emotion_cue, gives_ground
from dialogues.ports import EventRecord, SessionRecord, TurnRecord
from dialogues.scenario import Scenario
from dialogues.scoring.model import session_totals, skill_profile
from dialogues.scoring.rubric import CODE_REASON, NEGATIVE_CODES, Area, Code

GAMING_WEIGHT = 0.5  # same threshold as the engine's: below it a turn counts as gaming
MAX_MISSED = 5
MAX_SETBACKS = 5
PENALISED = {code.value for code in NEGATIVE_CODES}
# What an unlabelled opening held, in words that name the feeling: the cue itself ("threat",
# "shelled") is what the party said, not an emotion, so it is never presented as one.
FEELING_IN_IT = {"fear": "the fear in it", "loss": "the loss in it", "anger": "the anger in it"}
QUOTE_CHARS = 160

LISTENING_REPLIES = {code.value for code in cues.LISTENING_REPLIES}

STRENGTH_NAMES = {
    Code.EMOTION_LABEL: "labelled their emotions",
    Code.PARAPHRASE: "paraphrased what they said",
    Code.MIRROR: "mirrored their words",
    Code.SUMMARY: "summarised their points",
    Code.OPEN_QUESTION: "asked open questions",
    Code.MINIMAL_ENCOURAGER: "kept them talking",
    Code.I_MESSAGE: "spoke in I-messages",
    Code.ACKNOWLEDGEMENT: "acknowledged their points",
    Code.APOLOGY: "apologised where it was due",
    Code.TRANSPARENCY: "were open about your limits",
    Code.COMMITMENT: "made concrete commitments",
    Code.CONSISTENCY: "kept your word",
    Code.INTERIM_PROPOSAL: "proposed interim steps",
}
NEXT_TIME = {
    # Scenario-neutral on purpose: the same advice follows every scenario's debrief.
    Code.THREAT: "Drop threats entirely: when you feel the urge, say what worries you instead "
    "('I'm worried about what happens to your people and mine if…').",
    Code.ULTIMATUM: "Replace deadlines with questions: 'What would you need to be able to move "
    "on this today?' gets further than 'You have ten minutes'.",
    Code.BLAME: "When you want to say 'you did…', say 'I'm concerned about…' instead: "
    "the same content, without putting them on the defensive.",
    Code.DISMISSAL: "Before answering an objection, name it back: 'It sounds like you think "
    "we're favouring the other side' — then respond.",
    Code.PREMATURE_PROPOSAL: "Hold your proposals until they have heard themselves in your "
    "words: paraphrase twice and label one emotion before you offer anything.",
    Code.CLOSED_QUESTION: "Rephrase yes/no questions as 'What…' or 'How…' questions so they "
    "tell you what lies under their position.",
}


@dataclass(frozen=True)
class Debrief:
    """What the trainee sees at the end: scores, best moments, missed openings, one next step."""

    outcome: str
    totals: dict[str, float]
    profile: dict[str, float] = field(default_factory=dict)
    best_moments: list[dict[str, Any]] = field(default_factory=list)
    setbacks: list[dict[str, Any]] = field(default_factory=list)  # penalised moves, quoted
    missed_openings: list[str] = field(default_factory=list)
    meter_arc: list[dict[str, int]] = field(default_factory=list)
    next_time: str = ""
    strengths: list[str] = field(default_factory=list)
    turns: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    agreed_terms: list[str] = field(default_factory=list)  # as the trainee proposed them

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "turns": self.turns,
            "totals": dict(self.totals),
            "profile": dict(self.profile),
            "strengths": list(self.strengths),
            "best_moments": [dict(m) for m in self.best_moments],
            "setbacks": [dict(m) for m in self.setbacks],
            "missed_openings": list(self.missed_openings),
            "meter_arc": [dict(m) for m in self.meter_arc],
            "flags": dict(self.flags),
            "next_time": self.next_time,
            "agreed_terms": list(self.agreed_terms),
        }

    def render_text(self) -> str:
        """A plain-text debrief for terminals, logs and Discord embeds."""
        lines = [f"Outcome: {self.outcome} after {self.turns} turn(s)", "", "Points per skill:"]
        for area, value in self.totals.items():
            lines.append(f"  {area.replace('_', ' '):<18} {value:+.1f}")
        if self.profile:
            lines += ["", "Skill profile (0-100, per turn played):"]
            for name, value in self.profile.items():
                lines.append(f"  {name.replace('_', ' '):<18} {value:5.1f}")
        if self.agreed_terms:
            lines += ["", "Terms the party accepted, in your words:"]
            lines += [f'  - "{term}"' for term in self.agreed_terms]
        if self.strengths:
            lines += ["", "Strengths:"] + [f"  - {s}" for s in self.strengths]
        if self.best_moments:
            lines += ["", "Best moments:"]
            for m in self.best_moments:
                lines.append(f'  Turn {m["turn"]}: "{m["quote"]}" ({", ".join(m["codes"])})')
        if self.setbacks:
            lines += ["", "What went wrong:"]
            for m in self.setbacks:
                lines.append(
                    f'  Turn {m["turn"]}: "{m["quote"]}" ({m["points"]:+.1f}: {m["reason"]})'
                )
        if self.missed_openings:
            lines += ["", "Missed openings:"] + [f"  - {s}" for s in self.missed_openings]
        if self.flags:
            flagged = ", ".join(f"{k} x{v}" for k, v in sorted(self.flags.items()))
            lines += ["", f"Counted for less (gaming checks): {flagged}"]
        if self.meter_arc:
            arc = " -> ".join(
                f"T{m['trust']}/X{m['tension']}/H{m['heard']}" for m in self.meter_arc
            )
            lines += ["", f"Meters (trust/tension/heard): {arc}"]
        if self.next_time:
            lines += ["", f"Next time: {self.next_time}"]
        return "\n".join(lines)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def _positive(points: dict[str, float]) -> float:
    return sum(v for k, v in points.items() if k != Area.PENALTIES.value)


def _best_moments(turns: Sequence[TurnRecord]) -> list[dict[str, Any]]:
    ranked = []
    for t in turns:
        score = t.score or {}
        if float(score.get("weight", 1.0)) < GAMING_WEIGHT:
            continue
        gain = _positive(score.get("points", {}))
        if gain <= 0:
            continue
        ranked.append((gain, -t.index, t))
    ranked.sort(reverse=True)
    moments = []
    for gain, _, t in ranked[:3]:
        codes = [c for c in t.score.get("codes", []) if Code(c) not in NEGATIVE_CODES]
        evidence = [
            span["text"] for code in codes for span in t.score.get("evidence", {}).get(code, [])[:1]
        ]
        moments.append(
            {
                "turn": t.index + 1,
                "quote": _quote(t.text),
                "codes": codes,
                "points": round(gain, 2),
                "evidence": evidence,
                "why": [t.score.get("reasons", {}).get(c, "") for c in codes],
                "reason": "; ".join(
                    r for r in (t.score.get("reasons", {}).get(c, "") for c in codes) if r
                ),
            }
        )
    return moments


def _setbacks(turns: Sequence[TurnRecord]) -> list[dict[str, Any]]:
    """The penalised moves, costliest first: the sentence that cost points quoted with the
    code and its reason, so what went wrong reads as plainly as the best moments.

    A turn whose penalty a coordinator cleared (points back to 0) is no setback any more.
    """
    found = []
    for t in turns:
        score = t.score or {}
        lost = float(score.get("points", {}).get(Area.PENALTIES.value, 0.0))
        codes = [c for c in score.get("codes", []) if c in PENALISED]
        if not codes or lost >= 0:
            continue
        evidence, reasons = score.get("evidence", {}), score.get("reasons", {})
        quoted = [span["text"] for code in codes for span in evidence.get(code, [])[:1]]
        found.append(
            {
                "turn": t.index + 1,
                "quote": _quote(" … ".join(dict.fromkeys(quoted)) or t.text),
                "codes": codes,
                "points": round(lost, 2),
                "reason": "; ".join(
                    f"{code.replace('_', ' ')}: " + (reasons.get(code) or CODE_REASON[Code(code)])
                    for code in codes
                ),
            }
        )
    found.sort(key=lambda m: (m["points"], m["turn"]))
    return found[:MAX_SETBACKS]


def _listening_words(turn: TurnRecord | None) -> list[str]:
    """The words of `turn` that earned a listening reply (e.g. "you sound worried")."""
    if turn is None:
        return []
    evidence = turn.score.get("evidence", {})
    return [span["text"] for code in LISTENING_REPLIES for span in evidence.get(code, [])]


def _missed(before: Sequence[Sequence[str]], turns: Sequence[TurnRecord]) -> list[str]:
    """Openings the party gave (in the lines each turn answered) that the turn left unanswered.

    `before[i]` holds what the party said since turn i-1 (its reply and injected events), so
    an emotion the trainee labelled in turn i-1, which the party only confirms, is no opening.
    """
    missed = []
    previous: TurnRecord | None = None
    for lines, t in zip(before, turns, strict=False):
        codes = set(t.score.get("codes", []))
        labelled = _listening_words(previous)
        previous = t
        for line in lines:
            said = _quote(line)
            cue = emotion_cue(line, labelled)
            if cue:
                if not codes & LISTENING_REPLIES:
                    missed.append(
                        f'Turn {t.index + 1}: they said "{said}" — {FEELING_IN_IT[cue.kind]} '
                        "went unlabelled."
                    )
                    break
            elif gives_ground(line) and not codes & {"acknowledgement", "summary"}:
                missed.append(
                    f'Turn {t.index + 1}: they gave ground ("{said}") and the concession '
                    "went unacknowledged."
                )
                break
        if len(missed) >= MAX_MISSED:
            break
    return missed


def _next_time(
    counts: Counter[str],
    missed: list[str],
    totals: dict[str, float],
    flags: Counter[str],
    proposed: bool,
) -> str:
    """One thing to try next time, following from this session: the worst habit first, then
    what was missing. `proposed` says the party accepted a proposal (terms agreed, or the
    session won): proposing is then no weakness, whatever the codes say."""
    for code in (Code.THREAT, Code.ULTIMATUM, Code.BLAME, Code.DISMISSAL):
        if counts[code.value]:
            return NEXT_TIME[code]
    if flags:
        return (
            "Say each thing once, in your own words: repeated lines, copied phrases and "
            "stacked techniques count for less and annoy the other side."
        )
    if counts[Code.PREMATURE_PROPOSAL.value]:
        return NEXT_TIME[Code.PREMATURE_PROPOSAL]
    if any("unlabelled" in m for m in missed):
        return (
            "When they voice a strong feeling, name it before anything else: "
            "'It sounds like you're afraid that…' or 'That must have been…'."
        )
    if any("unacknowledged" in m for m in missed):
        return "When they give ground, thank them and name the step before asking for more."
    if not counts[Code.SUMMARY.value]:
        return (
            "Add a summary every few turns: 'Let me check I've got this: …' pulls their points "
            "together and shows you've listened."
        )
    if not counts[Code.INTERIM_PROPOSAL.value] and not proposed:
        return (
            "Once trust is up, offer a small interim step: time-bound, reciprocal and "
            "verifiable (e.g. observers)."
        )
    if counts[Code.CLOSED_QUESTION.value] > counts[Code.OPEN_QUESTION.value]:
        return NEXT_TIME[Code.CLOSED_QUESTION]
    skip = {Area.PENALTIES.value} | ({Area.INTERIM_PROPOSALS.value} if proposed else set())
    weakest = min((a for a in totals if a not in skip), key=lambda a: totals[a], default="")
    if not weakest:
        return ""
    return f"Work on {weakest.replace('_', ' ')}: it earned the fewest points this session."


def build_debrief(
    scenario: Scenario,
    session: SessionRecord,
    turns: Sequence[TurnRecord],
    events: Sequence[EventRecord] = (),
) -> Debrief:
    """The after-action review of `session` from its stored `turns` (and `events`).

    Injected events' lines count as things the party said (an event can voice a fear the
    trainee then leaves unlabelled); without `events` only the opening and replies do.
    """
    totals = session_totals(t.score or {} for t in turns)
    agreed = [t["text"] for t in session.counterpart.get("accepted_terms", ())]
    counts: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    for t in turns:
        counts.update(t.score.get("codes", []))
        flags.update(t.score.get("flags", []))

    missed = _missed(party_lines(session.opening, turns, events).before, turns)
    try:
        start = scenario.start_meters(session.level)
        arc = [{"turn": 0, "trust": start.trust, "tension": start.tension, "heard": start.heard}]
    except Exception:  # an unknown level must not break a debrief
        arc = []
    arc += [{"turn": t.index + 1, **t.meters} for t in turns]

    strengths = [
        f"You {STRENGTH_NAMES[code]} ({counts[code.value]}x)."
        for code, _ in sorted(
            ((c, counts[c.value]) for c in STRENGTH_NAMES if counts[c.value]),
            key=lambda pair: -pair[1],
        )[:3]
    ]
    return Debrief(
        outcome=session.outcome,
        totals=totals,
        profile=skill_profile(totals, len(turns)),
        best_moments=_best_moments(turns),
        setbacks=_setbacks(turns),
        missed_openings=missed,
        meter_arc=arc,
        next_time=_next_time(
            counts,
            missed,
            totals,
            flags,
            proposed=session.outcome == "agreement" or bool(agreed),
        ),
        strengths=strengths,
        turns=len(turns),
        flags=dict(flags),
        agreed_terms=agreed,
    )
