"""Coach mode: one hint for the trainee's next message, before they send it.

The hint reacts to what just happened, most urgent first: a move of the trainee's that
raised tension, an emotion or a concession the party just voiced, a proposal made before
the party felt heard, then whatever skill the trainee has not tried yet. It never writes
the message for them; it names the move and gives a sentence starter.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialogues.scoring import lexicon as lx
from dialogues.scoring.model import TurnScore
from dialogues.scoring.rubric import NEGATIVE_CODES, Code
from dialogues.scoring.sentences import split_sentences

# States where the party is still mostly defending itself.
# States (across the shipped scenarios) where the party is still defending itself, and
# those where it is ready to hear a proposal.
EARLY_STATES = frozenset(
    {
        "hostile",
        "guarded",
        "angry",
        "suspicious",
        "opening",
        "aggrieved",
        "inflamed",
        "stonewalling",
        "testing",
        "leaving",
    }
)
PROPOSING_STATES = frozenset({"exploring", "listening", "bargaining", "negotiating"})

REPAIR = {
    Code.THREAT: "Your threat raised the temperature. Repair it: acknowledge their position "
    "before anything else ('You have every reason to be wary of us').",
    Code.ULTIMATUM: "Deadlines push a cornered party to dig in. Take the time pressure off and "
    "ask what they need ('What would make this safe for your men?').",
    Code.BLAME: "Blame makes them defend, not listen. Try an I-message instead: "
    "'I'm worried when…' rather than 'You…'.",
    Code.DISMISSAL: "They heard that as brushing them off. Name what they feel "
    "('It sounds like nobody takes your losses seriously').",
    Code.PREMATURE_PROPOSAL: "They don't feel heard yet, so proposals bounce off. Paraphrase "
    "their main concern first ('So what matters most to you is…').",
}


def _last_codes(scores: Sequence[TurnScore], n: int) -> set[Code]:
    return {code for s in scores[-n:] for code in s.codes}


def _direct_question(party_last: str) -> str:
    """The party's own wh-question, if its last line asks one ("Who checks the trucks?")."""
    for sentence in reversed(split_sentences(party_last)):
        if sentence.is_question and lx.OPEN_QUESTION_RE.search(sentence.low):
            return sentence.text if len(sentence.text) <= 80 else sentence.text[:79] + "…"
    return ""


def _quote(match_text: str) -> str:
    return match_text.strip().lower()


def suggest_hint(party_last: str, scores: Sequence[TurnScore], state: str) -> str:
    """The most useful next move, given the party's last line, past scores and its state."""
    last = scores[-1] if scores else None
    if last is not None:
        if "repeat" in last.flags or "echo" in last.flags:
            return (
                "Repeating words back wholesale reads as a script. Reflect the meaning in your "
                "own words: 'So for you, the real problem is…'."
            )
        if "stuffing" in last.flags or "flattery" in last.flags:
            return (
                "One genuine move beats a checklist. Pick the single thing they care about most "
                "and respond to just that."
            )
        for code in (Code.THREAT, Code.ULTIMATUM, Code.BLAME, Code.DISMISSAL):
            if last.has(code):
                return REPAIR[code]

    if party_last:
        if m := lx.FEAR_RE.search(party_last.lower()):
            return (
                f"They just named a fear ('{_quote(m.group(0))}'). Try labelling it: "
                "'It sounds like you're afraid that…'."
            )
        if m := lx.GRIEF_RE.search(party_last.lower()):
            return (
                f"They mentioned a loss ('{_quote(m.group(0))}'). Acknowledge it before "
                "moving on: 'That must have been…'."
            )
        if m := lx.ANGER_CI_RE.search(party_last.lower()) or lx.ANGER_RE.search(party_last):
            return (
                "They are angry. Label the anger without judging it: 'You sound furious "
                "about…', then let them talk."
            )
        if lx.CONCESSION_RE.search(party_last.lower()):
            return (
                "They just gave some ground. Acknowledge it ('Thank you, that matters') before "
                "you ask for anything more."
            )
        if question := _direct_question(party_last):
            return (
                f"They asked you straight out: '{question}'. Answer it honestly, including what "
                "you cannot promise, before you move on."
            )

    if last is not None and last.has(Code.PREMATURE_PROPOSAL):
        return REPAIR[Code.PREMATURE_PROPOSAL]

    recent = _last_codes(scores, 3)
    listened = recent & {Code.PARAPHRASE, Code.EMOTION_LABEL, Code.SUMMARY, Code.MIRROR}
    if state in EARLY_STATES and not listened:
        return (
            "They are still hostile and haven't felt heard. Paraphrase their last point before "
            "proposing anything: 'So what you're saying is…'."
        )
    if Code.OPEN_QUESTION not in recent:
        return (
            "Ask an open question to learn what lies under their position: "
            "'What would need to happen for you to…?'"
        )
    if len(scores) >= 4 and Code.SUMMARY not in _last_codes(scores, 8):
        return (
            "Pull together what you've heard so far in a short summary; it shows you've been "
            "listening and lets them correct you."
        )
    if state in PROPOSING_STATES and not (recent & {Code.INTERIM_PROPOSAL}):
        return (
            "They seem ready to bargain. Offer a small interim step: limited in time, with "
            "something from each side, and a way to check it ('observers could confirm…')."
        )
    negatives = [c for c in (last.codes if last else []) if c in NEGATIVE_CODES]
    if negatives and negatives[0] is Code.CLOSED_QUESTION:
        return "Turn yes/no questions into open ones: 'What…', 'How…', 'Tell me about…'."
    return "Label what they seem to feel, then ask an open question about what matters to them."
