"""Scripted trainees played through the real scorer and `SessionService`.

The skilled trainee listens first (labels, open questions, acknowledgements, honesty,
kept commitments, summaries) and only proposes small, checkable, time-bound steps once the
commander is exploring or bargaining. The manipulative ones try to game the scorer:
repeating a good line, pasting the commander's words back, flattering, or sending one huge
message with every technique in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dialogues.catalogue import ScenarioCatalogue
from dialogues.memory_store import MemoryStore
from dialogues.scoring.lexicon import STOPWORDS
from dialogues.scoring.sentences import words
from dialogues.service import SessionService, TurnResult

SCENARIO = "checkpoint-convoy"

LISTENING = (
    "It sounds like last night was terrifying for you and your men.",
    "I'm sorry for the men you lost. What happened?",
    "Help me understand what worries you most about these trucks.",
    "You have every reason to be suspicious of convoys after what happened before.",
    "To be honest, I can't prove what's in every truck from here, and I won't pretend I can.",
    "What would you need to see to be sure nothing dangerous crosses your bridge?",
    "That makes sense. Nobody wants weapons crossing their bridge.",
    "I'll radio the observer team now and ask them to come straight to your gate.",
    "As I promised, I radioed the observers; they are on their way to your gate.",
    "It must be hard to stand in front of your men and be the one who decides.",
    "What would make this look like a decision you made, not one forced on you?",
    "Let me make sure I've got this: you lost men last night, a convoy last spring may have "
    "carried rifles, and your men are watching whether you give in.",
    "I hear how exhausted you are. What do your men need most today?",
    "Thank you for telling me that. I understand why the inspection matters to you.",
    "I'll bring you the full cargo list for every truck, signed by the warehouse.",
    "Here is the cargo list for every truck, as I promised.",
    "You sound worn out by promises that were never kept.",
    "What happened the last time someone tried to help your village?",
)
PROPOSALS = (
    "What if your men inspect three trucks of their choice, with the observers watching, "
    "before dusk, and in return we unload medicine for your village clinic first?",
    "How about this: your men search any three trucks while the monitors film it, the rest "
    "cross within two hours, and we leave insulin for the clinic in exchange?",
    "I propose that the medicine truck goes to your village first, within the hour, and your "
    "men check the other trucks with the observers counting every crate.",
    "Would you accept that one of your officers rides with the convoy to Orsk, the observers "
    "sign the cargo list at the gate, and the trucks cross before dusk?",
    "Here is an idea: the drivers open every tarpaulin at your gate for the next two hours, "
    "your men and the monitors look inside, and we announce that the terms were yours.",
    "Could your second-in-command count the trucks with our lead driver before four o'clock, "
    "so your men see it checked, while we unload the antibiotics for your clinic?",
    "What if the first three trucks cross tonight after your men search them with the "
    "observers present, and the clinic's insulin comes off the first truck for your sister?",
    "Suppose we write it down: your men inspect, the mission photographs every crate, the "
    "convoy crosses by six, and your village clinic is supplied in return.",
)


def play(
    next_message: Callable[[TurnResult | None, str], str], seed: int = 1, limit: int = 40
) -> tuple[str, list[TurnResult]]:
    """Play until the session ends or `limit` turns; returns the outcome and every turn."""
    service = SessionService(MemoryStore(), ScenarioCatalogue())
    started = service.start(SCENARIO, trainee="t", seed=seed, mode="assess")
    last: TurnResult | None = None
    party_line = started.opening
    played: list[TurnResult] = []
    for _ in range(limit):
        last = service.handle_turn(started.session.id, next_message(last, party_line))
        played.append(last)
        party_line = last.reply
        if last.outcome != "ongoing":
            break
    return (last.outcome if last else "ongoing"), played


REFLECTIONS = (
    "So for you it comes down to {words}. Is that right?",
    "What I'm hearing is that {words} matter most to you right now.",
    "If I understand you, this is about {words}.",
    "So what you're telling me is about {words}.",
)


def reflect(party_line: str, n: int) -> str:
    """A paraphrase in a template of ours around the commander's own key words."""
    seen: list[str] = []
    for word in words(party_line):
        if len(word) > 3 and word not in STOPWORDS and word not in seen:
            seen.append(word)
    key = sorted(seen, key=len, reverse=True)[:3] or ["this bridge", "your men"]
    joined = key[0] if len(key) == 1 else ", ".join(key[:-1]) + " and " + key[-1]
    return REFLECTIONS[n % len(REFLECTIONS)].format(words=joined)


def skilled() -> Callable[[TurnResult | None, str], str]:
    """Alternates reflecting their last line with a fresh listening move; proposes when due."""
    listening: Iterator[str] = iter(LISTENING * 3)
    proposals: Iterator[str] = iter(PROPOSALS * 3)
    turn = 0

    def next_message(last: TurnResult | None, party_line: str) -> str:
        nonlocal turn
        turn += 1
        state = last.state if last is not None else "hostile"
        if state == "bargaining":
            # Keep listening while proposing: a proposal alone does not make anyone feel heard.
            listen = reflect(party_line, turn) if turn % 2 else next(listening)
            return f"{listen} {next(proposals)}"
        if state == "exploring" and turn % 3 == 0:
            return next(proposals)
        if turn % 2 == 0:
            return reflect(party_line, turn // 2)
        return next(listening)

    return next_message


def repeater(last: TurnResult | None, party_line: str) -> str:
    return "It sounds like you're scared for your men. What do they need most right now?"


def cycling(lines: tuple[str, ...]) -> Callable[[TurnResult | None, str], str]:
    """Good lines, but the same few over and over."""
    it = iter(lines * 30)
    return lambda last, party_line: next(it)


def echo(last: TurnResult | None, party_line: str) -> str:
    return party_line


FLATTERY = (
    "You are a great leader, commander. Truly wise and strong.",
    "I admire you so much. You're the best commander in this region.",
    "Such a wise man. Your leadership is an inspiration to all of us.",
    "You are brilliant and honourable. I respect you enormously.",
)


def flatterer() -> Callable[[TurnResult | None, str], str]:
    lines = iter(FLATTERY * 20)
    return lambda last, party_line: next(lines)


KITCHEN_SINK = (
    "It sounds like you're furious and scared. So what you're saying is your men died and "
    "you don't trust convoys. Let me sum up: the shelling, the rifles, your men watching. "
    "What do you need? You're right. I'm sorry. To be honest, I can't promise everything. "
    "I'll call the observers. As I promised, I called them. I feel worried too. "
    "What if your men inspect three trucks before dusk with observers, and in return we "
    "leave medicine for your clinic?"
)


def kitchen_sink(last: TurnResult | None, party_line: str) -> str:
    return KITCHEN_SINK


FEELINGS = ("furious", "scared", "exhausted", "betrayed", "worried", "frustrated", "humiliated")
TOPICS = ("the shelling", "the rifles", "your men", "the clinic", "the observers", "the bridge")


def varied_kitchen_sink() -> Callable[[TurnResult | None, str], str]:
    """Every technique in every message, reworded each time so it is never a plain repeat."""
    turn = 0

    def next_message(last: TurnResult | None, party_line: str) -> str:
        nonlocal turn
        turn += 1
        feel, topic = FEELINGS[turn % len(FEELINGS)], TOPICS[turn % len(TOPICS)]
        other = TOPICS[(turn + 1) % len(TOPICS)]
        return (
            f"It sounds like you're {feel} about {topic}. So what you're saying is {topic} "
            f"matters. Let me sum up: {topic}, {other}. What do you need about {topic}? "
            f"You're right about {topic}. I'm sorry about {topic}. To be honest, I can't "
            f"promise {topic}. I'll call about {topic} tonight. "
            f"What if your men inspect {turn + 1} trucks before dusk with observers, and in "
            "return we leave medicine?"
        )

    return next_message


NATURAL_FEELINGS = ("terrible", "awful", "brutal", "maddening", "exhausting", "grim")


def natural_template() -> Callable[[TurnResult | None, str], str]:
    """The looser natural-phrasing rules as a template: label, "the real worry is", a listed
    summary of their own words and a qualified "suppose" proposal, in every message."""
    turn = 0

    def next_message(last: TurnResult | None, party_line: str) -> str:
        nonlocal turn
        turn += 1
        key = [w for w in words(party_line) if len(w) > 3 and w not in STOPWORDS][:3]
        a, b, c = ([*key, "men", "gate", "bridge"])[:3]
        feel = NATURAL_FEELINGS[turn % len(NATURAL_FEELINGS)]
        return (
            f"That must have been {feel} for you. So the real worry is the {a}. "
            f"Let me summarise: your {a}, your {b}, and your {c}. "
            f"Suppose your men check {turn + 2} trucks by noon with the observers, and we "
            "bring insulin in return?"
        )

    return next_message
