"""Scripted trainees for scenario tests, driving `Engine.advance` with hand-built scores.

The skilled trainee listens first (labels, paraphrases, questions, summaries, acknowledges,
is open about limits) and proposes a qualified interim step once the party is bargaining;
the hostile trainee threatens, blames and issues ultimatums. Both are what a facilitator
would expect to win and to lose, so a scenario that fails either is mis-tuned.
"""

from __future__ import annotations

from itertools import cycle

from dialogues.engine import Advance, Counterpart, Engine
from dialogues.scoring.model import CodeHit, Evidence, TurnScore, empty_points
from dialogues.scoring.rubric import Code

C = Code
LISTENING_ROUNDS: tuple[tuple[Code, ...], ...] = (
    (C.EMOTION_LABEL, C.ACKNOWLEDGEMENT),
    (C.PARAPHRASE, C.OPEN_QUESTION),
    (C.APOLOGY, C.TRANSPARENCY),
    (C.SUMMARY, C.OPEN_QUESTION),
    (C.EMOTION_LABEL, C.COMMITMENT),
    (C.PARAPHRASE, C.ACKNOWLEDGEMENT),
    (C.CONSISTENCY, C.OPEN_QUESTION),
    (C.SUMMARY, C.TRANSPARENCY),
)
PROPOSAL = (C.INTERIM_PROPOSAL, C.TIME_BOUND, C.RECIPROCAL, C.VERIFIABLE)
HOSTILE_ROUNDS: tuple[tuple[Code, ...], ...] = (
    (C.THREAT,),
    (C.BLAME, C.ULTIMATUM),
    (C.DISMISSAL, C.THREAT),
    (C.ULTIMATUM,),
)


def turn_score(*codes: Code, weight: float = 1.0, text: str = "x") -> TurnScore:
    """The scorer's verdict, scripted: each code cites all of `text`."""
    hits = tuple(CodeHit(code, (Evidence(0, len(text), text),), "scripted") for code in codes)
    return TurnScore(hits=hits, points=empty_points(), weight=weight)


def play(engine: Engine, party: Counterpart, rounds, limit: int = 80) -> list[Advance]:
    """Play score rounds until the session ends (or `limit` turns)."""
    played = []
    for codes in cycle(rounds):
        if party.finished or len(played) >= limit:
            break
        played.append(engine.advance(party, turn_score(*codes)))
    return played


def closing_states(engine: Engine) -> set[str]:
    """States from which some transition leads to agreement: where a proposal can close."""
    return {
        source
        for spec in engine.scenario.transitions
        if spec.dest == "agreement"
        for source in spec.source
    }


def proposal_text(engine: Engine) -> str:
    """Words for a scripted proposal: the scenario's first issue, as its author wrote it."""
    terms = engine.scenario.terms
    return terms.issues[0].examples[0] if terms is not None else ""


def play_skilled(engine: Engine, party: Counterpart, limit: int = 80) -> list[Advance]:
    played = []
    listening = cycle(LISTENING_ROUNDS)
    while not party.finished and len(played) < limit:
        codes, text = next(listening), ""
        if party.state in closing_states(engine):
            # Keep listening while proposing: a proposal alone does not make anyone feel heard.
            codes, text = (*codes, *PROPOSAL), proposal_text(engine)
        played.append(engine.advance(party, turn_score(*codes, text=text or "x"), text=text))
    return played


def play_hostile(engine: Engine, party: Counterpart, limit: int = 80) -> list[Advance]:
    return play(engine, party, HOSTILE_ROUNDS, limit)


# -- natural language, through SessionService and the real scorer -----------------------------

HOSTILE_LINES = (
    "If you do not give in right now, you will regret it.",
    "This is all your fault, your people started this.",
    "Calm down, you are overreacting and it does not matter.",
    "You have ten minutes, take it or leave it.",
    "We will crush you if you refuse.",
    "Stop whining and do what you are told.",
)


def _key_words(text: str, n: int) -> list[str]:
    """Up to `n` meaning-bearing words of `text`, longest first, as the party wrote them."""
    from dialogues.scoring.sentences import content_words, words

    seen: list[str] = []
    for word in sorted(words(text), key=len, reverse=True):
        if len(word) > 4 and content_words(word) and word not in seen:
            seen.append(word)
    return seen[:n]


# Frames for an interim proposal with at least two qualifiers, worded differently enough that
# proposing again is not flagged as a repeat. On their own they say nothing about the
# scenario and never win; `SkilledTrainee` adds what the step is about.
PROPOSALS = (
    "Here is a proposal: for the next 48 hours we take one small first step, in return your "
    "side takes one too, and the observers verify both steps on the ground.",
    "What if we try a first step until tomorrow evening: we do our part if you do yours, and "
    "the monitors check it.",
    "I suggest a trial for one day only: each side makes one gesture, and a neutral team "
    "confirms it.",
    "Could we agree on a small step for 72 hours, in exchange for one from your side, with "
    "both sides able to check it?",
    "How about a limited arrangement until Friday, where both of us give something and an "
    "independent observer confirms it?",
    "Let us try a pilot for the next two days: you choose what is inspected, we accept it, "
    "and both sides can verify the result.",
    "I propose we start small: for 24 hours you allow one part, we deliver one part in "
    "return, and the observers report on it to both sides.",
    "Suppose we agree a temporary step that expires in three days unless both sides confirm "
    "it, with verification by a neutral team.",
    "Would you consider a first phase until the end of the week, in which each side gives "
    "one thing and independent monitors confirm it?",
    "We could begin with a limited test until Sunday: if you take the first step, we take "
    "ours the same day, and both can be verified.",
    "Let us agree an interim step for the next 36 hours, done by both sides at once and "
    "checked on the ground by observers.",
)


class SkilledTrainee:
    """A skilled trainee in plain language: reflect, ask, acknowledge; propose when it can close.

    Messages are built from the party's own words (a paraphrase must overlap with what was
    said) and no wording comes back within 24 turns, so none counts as a repeat. In a state
    from which agreement can be reached, every third message is a qualified interim proposal.
    """

    def __init__(self, issues: tuple[str, ...] = ()) -> None:
        self.issues = issues  # what the scenario's terms are about, in its author's words
        self.listened = 0
        self.proposed = 0
        self.turn = 0

    def say(self, party_last: str, party_history: list[str], closing: bool) -> str:
        self.turn += 1
        if closing and self.turn % 3 == 0:
            self.proposed += 1
            frame = PROPOSALS[(self.proposed - 1) % len(PROPOSALS)]
            if not self.issues:
                return frame  # content-free: never enough on its own
            issue = self.issues[(self.proposed - 1) % len(self.issues)]
            return f"{frame} Concretely: {issue}."
        self.listened += 1
        return self._listen(self.listened - 1, party_last, party_history)

    @staticmethod
    def _listen(index: int, party_last: str, party_history: list[str]) -> str:
        a, b, *_ = [*_key_words(party_last, 2), "situation", "pressure"]
        earlier = " ".join(party_history[-4:])
        c, d, e, *_ = [*_key_words(earlier, 3), "situation", "pressure", "future"]
        rotation = (
            f"It sounds like you are angry and worn out about the {a}. That is understandable.",
            "What would you need to see from us to feel safer about this?",
            f"So what you are saying is that the {a} and the {b} matter most to you right now.",
            "I am sorry for how this has been handled so far. To be honest with you, I cannot "
            "promise everything, but I will tell you exactly what we know.",
            f"Let me check I have understood: you spoke about {c}, about {d}, and about {e}.",
            "How do your people see this situation?",
            f"You seem frustrated about the {a}, and I can see why.",
            "I hear how heavy this is for you. You have every reason to want to be heard.",
            f"If I understand you correctly, the {a} and the {b} are what you cannot give up.",
            "Help me understand what happened before I arrived.",
            "To be transparent, here is what I know and what I do not know yet.",
            "I feel uneasy when people on both sides get hurt, and I want to get this right.",
            f"You must be exhausted after everything with the {a}.",
            "What matters most to you in all of this?",
            f"In other words, you need the {a} and the {b} settled before anything can move.",
            "I will come back to you within the hour with an answer, I promise.",
            f"It must be painful to carry the {b} on your own.",
            "Thank you for telling me that. I know it was not easy.",
            f"To sum up what you have told me so far: {c}, {d} and {e}.",
            "Which part of this worries you the most?",
            f"I apologise that nobody listened to you about the {a} before.",
            f"Tell me more about the {b}.",
            "You sound disappointed, and that is fair.",
            "What would a good outcome look like for your people?",
        )
        return rotation[index % len(rotation)]
