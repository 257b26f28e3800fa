"""Coach mode: one hint for the trainee's next message, before they send it.

The hint reacts to what just happened, most urgent first: a move of the trainee's that
raised tension, an emotion or a concession the party just voiced, a proposal made before
the party felt heard, then whatever skill the trainee has not tried yet. It never writes
the message for them; it names the move and gives a sentence starter. It does not repeat
the hint it gave last: the next most useful move comes instead, and a party that stays
hostile gets a different door to try after each reply (paraphrase, label, open question,
acknowledgement, in turn). Cues in the party's words come from `dialogues/cues.py`, shared
with the debrief.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from dialogues.cues import LISTENING_REPLIES, emotion_cue, gives_ground
from dialogues.scoring import lexicon as lx
from dialogues.scoring.model import TurnScore
from dialogues.scoring.rubric import NEGATIVE_CODES, Code
from dialogues.scoring.sentences import split_sentences

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

# Two wordings for each repair, so a trainee who does it again hears something new.
REPAIR: dict[Code, tuple[str, str]] = {
    Code.THREAT: (
        "Your threat raised the temperature. Repair it: acknowledge their position "
        "before anything else ('You have every reason to be wary of us').",
        "Threats again: they will only dig in. Say what worries you instead of what you will "
        "do to them ('I'm worried about what happens if this goes wrong').",
    ),
    Code.ULTIMATUM: (
        "Deadlines push a cornered party to dig in. Take the time pressure off and "
        "ask what they need ('What would make this safe for you and your people?').",
        "Another deadline: drop the clock and ask what would let them move "
        "('What would you need to be able to agree to this?').",
    ),
    Code.BLAME: (
        "Blame makes them defend, not listen. Try an I-message instead: "
        "'I'm worried when…' rather than 'You…'.",
        "Still blaming: whoever started it, they will not hear you while defending. "
        "Acknowledge their side of it first ('I can see why it looks that way to you').",
    ),
    Code.DISMISSAL: (
        "They heard that as brushing them off. Name what they feel "
        "('It sounds like nobody takes your losses seriously').",
        "They feel brushed off again. Take their concern seriously out loud: "
        "'You're right to raise that — tell me more about it.'",
    ),
    Code.PREMATURE_PROPOSAL: (
        "They don't feel heard yet, so proposals bounce off. Paraphrase "
        "their main concern first ('So what matters most to you is…').",
        "Hold the proposal a little longer: ask what matters most to them and reflect it back "
        "before offering anything.",
    ),
}

# While the party stays hostile and unheard, the fallback moves through these in turn, so
# a trainee stuck in a hostile exchange gets a different door to try after every reply.
HOSTILE_STEPS: tuple[str, ...] = (
    "They are still hostile and haven't felt heard. Paraphrase their last point before "
    "proposing anything: 'So what you're saying is…'.",
    "They still sound hostile. Name the feeling under their words, tentatively: "
    "'It sounds like you're fed up with promises that weren't kept.'",
    "Still no opening. Ask an open question that lets them tell their side: "
    "'What has happened that makes this so hard to trust?'",
    "Acknowledge something that is true for them, without agreeing to their demand: "
    "'You have every reason to be wary after what happened.'",
)


def _last_codes(scores: Sequence[TurnScore], n: int) -> set[Code]:
    return {code for s in scores[-n:] for code in s.codes}


def _direct_question(party_last: str) -> str:
    """The party's own wh-question, if its last line ends by asking ("Who checks it? You?").

    A question the party answers itself ("What happened? Rounds landed on a market.") is
    rhetorical: only questions left hanging at the end of its line are ones to answer.
    """
    for sentence in reversed(split_sentences(party_last)):
        if not sentence.is_question:
            return ""  # a statement follows: any earlier question was answered
        if lx.OPEN_QUESTION_RE.search(sentence.low):
            return sentence.text if len(sentence.text) <= 80 else sentence.text[:79] + "…"
    return ""


# What following a hint looks like, read from the hint's own words: after a trainee follows
# one, the next hint gives different advice rather than the same again.
_ADVICE: tuple[tuple[str, frozenset[Code]], ...] = (
    ("paraphrase", frozenset({Code.PARAPHRASE})),
    ("reflect", frozenset({Code.PARAPHRASE})),
    ("label", frozenset({Code.EMOTION_LABEL})),
    ("name the feeling", frozenset({Code.EMOTION_LABEL})),
    ("name what they feel", frozenset({Code.EMOTION_LABEL})),
    ("open question", frozenset({Code.OPEN_QUESTION})),
    ("summary", frozenset({Code.SUMMARY})),
    ("acknowledge", frozenset({Code.ACKNOWLEDGEMENT})),
    ("interim step", frozenset({Code.INTERIM_PROPOSAL})),
    ("i-message", frozenset({Code.I_MESSAGE})),
)


def advised(hint: str) -> frozenset[Code]:
    """The moves a hint asks for."""
    low = hint.lower()
    return frozenset().union(*(codes for word, codes in _ADVICE if word in low))


def _labelled_words(last: TurnScore | None) -> list[str]:
    """The words of the trainee's last message that named or reflected what the party felt."""
    if last is None:
        return []
    return [e.text for hit in last.hits if hit.code in LISTENING_REPLIES for e in hit.evidence]


def _hostile_step(previous_hint: str) -> str:
    """The next step of the hostile fallback after `previous_hint` (the first if none)."""
    if previous_hint in HOSTILE_STEPS:
        return HOSTILE_STEPS[(HOSTILE_STEPS.index(previous_hint) + 1) % len(HOSTILE_STEPS)]
    return HOSTILE_STEPS[0]


def _candidates(
    party_last: str, scores: Sequence[TurnScore], state: str, previous_hint: str
) -> Iterator[str]:
    """Hints in order of urgency; the caller takes the first one not just given."""
    last = scores[-1] if scores else None
    if last is not None:
        if "repeat" in last.flags or "echo" in last.flags:
            yield (
                "Repeating words back wholesale reads as a script. Reflect the meaning in your "
                "own words: 'So for you, the real problem is…'."
            )
        if "stuffing" in last.flags or "flattery" in last.flags:
            yield (
                "One genuine move beats a checklist. Pick the single thing they care about most "
                "and respond to just that."
            )
        for code in (Code.THREAT, Code.ULTIMATUM, Code.BLAME, Code.DISMISSAL):
            if last.has(code):
                yield from REPAIR[code]

    if party_last:
        cue = emotion_cue(party_last, _labelled_words(last))
        if cue is not None and cue.kind == "fear":
            yield (
                "There is fear in what they just said. Try labelling it: "
                "'It sounds like you're afraid that…'."
            )
        elif cue is not None and cue.kind == "loss":
            yield (
                f"They mentioned a loss ('{cue.words}'). Acknowledge it before "
                "moving on: 'That must have been…'."
            )
        elif cue is not None or (not _labelled_words(last) and lx.ANGER_RE.search(party_last)):
            yield (
                "They are angry. Label the anger without judging it: 'You sound furious "
                "about…', then let them talk."
            )
        if gives_ground(party_last):
            yield (
                "They just gave some ground. Acknowledge it ('Thank you, that matters') before "
                "you ask for anything more."
            )
        if question := _direct_question(party_last):
            yield (
                f"They asked you straight out: '{question}'. Answer it honestly, including what "
                "you cannot promise, before you move on."
            )

    if last is not None and last.has(Code.PREMATURE_PROPOSAL):
        yield from REPAIR[Code.PREMATURE_PROPOSAL]

    recent = _last_codes(scores, 3)
    listened = recent & {Code.PARAPHRASE, Code.EMOTION_LABEL, Code.SUMMARY, Code.MIRROR}
    if state in EARLY_STATES and not listened:
        yield _hostile_step(previous_hint)
    if Code.OPEN_QUESTION not in recent:
        yield (
            "Ask an open question to learn what lies under their position: "
            "'What would need to happen for you to…?'"
        )
    if len(scores) >= 4 and Code.SUMMARY not in _last_codes(scores, 8):
        yield (
            "Pull together what you've heard so far in a short summary; it shows you've been "
            "listening and lets them correct you."
        )
    if state in PROPOSING_STATES and not (recent & {Code.INTERIM_PROPOSAL}):
        yield (
            "They seem ready to bargain. Offer a small interim step: limited in time, with "
            "something from each side, and a way to check it ('observers could confirm…')."
        )
    negatives = [c for c in (last.codes if last else []) if c in NEGATIVE_CODES]
    if negatives and negatives[0] is Code.CLOSED_QUESTION:
        yield "Turn yes/no questions into open ones: 'What…', 'How…', 'Tell me about…'."
    yield "Label what they seem to feel, then ask an open question about what matters to them."
    yield "Reflect their last point in your own words, then ask what matters most to them."


def suggest_hint(
    party_last: str, scores: Sequence[TurnScore], state: str, previous_hint: str = ""
) -> str:
    """The most useful next move, given the party's last line, past scores and its state.

    `previous_hint` is the hint the trainee was given last: advice the trainee just followed
    is not given again, and the same hint is never given twice in a row (a party that stays
    hostile would otherwise get the same advice after every reply), so the next most useful
    move, or the next step of the hostile fallback, comes instead.
    """
    followed = advised(previous_hint) & set(scores[-1].codes) if scores else frozenset()
    fallback = ""
    for hint in _candidates(party_last, scores, state, previous_hint):
        if hint == previous_hint:
            continue
        if advised(hint) & followed:
            # They just did this: say something else, unless nothing else is left.
            fallback = fallback or hint
            continue
        return hint
    if fallback:
        return fallback
    raise AssertionError("unreachable: the last two candidates differ")
