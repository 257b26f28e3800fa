"""The rubric: which skill codes exist, which area each belongs to, and what each is worth.

Kept apart from the detectors so that storage, the engine and reports can name codes
without importing any pattern matching. The version is stored with every scored turn:
change it whenever a definition or a weight changes, so old scores stay interpretable.
"""

from __future__ import annotations

from enum import StrEnum

RUBRIC_VERSION = "2027.1"


class Area(StrEnum):
    """The three skills a trainee is scored on, plus the penalties that offset them."""

    ACTIVE_LISTENING = "active_listening"
    TRUST_BUILDING = "trust_building"
    INTERIM_PROPOSALS = "interim_proposals"
    PENALTIES = "penalties"


class Code(StrEnum):
    """One observable negotiation move; docs/rubric.md defines each with examples."""

    EMOTION_LABEL = "emotion_label"
    PARAPHRASE = "paraphrase"
    MIRROR = "mirror"
    SUMMARY = "summary"
    OPEN_QUESTION = "open_question"
    MINIMAL_ENCOURAGER = "minimal_encourager"
    I_MESSAGE = "i_message"
    ACKNOWLEDGEMENT = "acknowledgement"
    APOLOGY = "apology"
    TRANSPARENCY = "transparency"
    COMMITMENT = "commitment"
    CONSISTENCY = "consistency"
    INTERIM_PROPOSAL = "interim_proposal"
    TIME_BOUND = "time_bound"
    RECIPROCAL = "reciprocal"
    VERIFIABLE = "verifiable"
    THREAT = "threat"
    ULTIMATUM = "ultimatum"
    BLAME = "blame"
    DISMISSAL = "dismissal"
    PREMATURE_PROPOSAL = "premature_proposal"
    CLOSED_QUESTION = "closed_question"


CODE_AREA: dict[Code, Area] = {
    Code.EMOTION_LABEL: Area.ACTIVE_LISTENING,
    Code.PARAPHRASE: Area.ACTIVE_LISTENING,
    Code.MIRROR: Area.ACTIVE_LISTENING,
    Code.SUMMARY: Area.ACTIVE_LISTENING,
    Code.OPEN_QUESTION: Area.ACTIVE_LISTENING,
    Code.MINIMAL_ENCOURAGER: Area.ACTIVE_LISTENING,
    Code.I_MESSAGE: Area.ACTIVE_LISTENING,
    Code.ACKNOWLEDGEMENT: Area.TRUST_BUILDING,
    Code.APOLOGY: Area.TRUST_BUILDING,
    Code.TRANSPARENCY: Area.TRUST_BUILDING,
    Code.COMMITMENT: Area.TRUST_BUILDING,
    Code.CONSISTENCY: Area.TRUST_BUILDING,
    Code.INTERIM_PROPOSAL: Area.INTERIM_PROPOSALS,
    Code.TIME_BOUND: Area.INTERIM_PROPOSALS,
    Code.RECIPROCAL: Area.INTERIM_PROPOSALS,
    Code.VERIFIABLE: Area.INTERIM_PROPOSALS,
    Code.THREAT: Area.PENALTIES,
    Code.ULTIMATUM: Area.PENALTIES,
    Code.BLAME: Area.PENALTIES,
    Code.DISMISSAL: Area.PENALTIES,
    Code.PREMATURE_PROPOSAL: Area.PENALTIES,
    Code.CLOSED_QUESTION: Area.PENALTIES,
}

# Points a code earns on first use; penalties are negative. The scorer scales them down
# for repetition and gaming, so these are the most a single occurrence can be worth.
CODE_POINTS: dict[Code, float] = {
    Code.EMOTION_LABEL: 3.0,
    Code.PARAPHRASE: 3.0,
    Code.MIRROR: 1.5,
    Code.SUMMARY: 4.0,
    Code.OPEN_QUESTION: 2.0,
    Code.MINIMAL_ENCOURAGER: 0.5,
    Code.I_MESSAGE: 1.5,
    Code.ACKNOWLEDGEMENT: 2.0,
    Code.APOLOGY: 2.0,
    Code.TRANSPARENCY: 2.5,
    Code.COMMITMENT: 2.5,
    Code.CONSISTENCY: 3.0,
    Code.INTERIM_PROPOSAL: 3.0,
    Code.TIME_BOUND: 1.5,
    Code.RECIPROCAL: 1.5,
    Code.VERIFIABLE: 1.5,
    Code.THREAT: -5.0,
    Code.ULTIMATUM: -4.0,
    Code.BLAME: -3.0,
    Code.DISMISSAL: -3.0,
    Code.PREMATURE_PROPOSAL: -2.0,
    Code.CLOSED_QUESTION: -0.5,
}

NEGATIVE_CODES: frozenset[Code] = frozenset(
    code for code, area in CODE_AREA.items() if area is Area.PENALTIES
)
PROPOSAL_QUALIFIERS: frozenset[Code] = frozenset(
    {Code.TIME_BOUND, Code.RECIPROCAL, Code.VERIFIABLE}
)

# Moves that count as listening: a proposal before any of them is premature (docs/rubric.md).
LISTENING_CODES: frozenset[Code] = frozenset(
    {
        Code.EMOTION_LABEL,
        Code.PARAPHRASE,
        Code.MIRROR,
        Code.SUMMARY,
        Code.OPEN_QUESTION,
        Code.ACKNOWLEDGEMENT,
    }
)

# The one-line reason a hit gives, in the trainee's terms (the debrief and transcripts show it).
CODE_REASON: dict[Code, str] = {
    Code.EMOTION_LABEL: "names a feeling of theirs",
    Code.PARAPHRASE: "restates what they said in your words",
    Code.MIRROR: "repeats a few of their own words to invite more",
    Code.SUMMARY: "pulls several of their points together",
    Code.OPEN_QUESTION: "asks a question they can answer in their own terms",
    Code.MINIMAL_ENCOURAGER: "keeps them talking",
    Code.I_MESSAGE: "says how you feel without blaming",
    Code.ACKNOWLEDGEMENT: "recognises their point, loss or effort",
    Code.APOLOGY: "takes responsibility for your side",
    Code.TRANSPARENCY: "is open about your limits or the facts",
    Code.COMMITMENT: "promises a concrete action",
    Code.CONSISTENCY: "delivers on an earlier promise",
    Code.INTERIM_PROPOSAL: "offers a concrete, partial next step",
    Code.TIME_BOUND: "limits the step in time",
    Code.RECIPROCAL: "asks something specific in return",
    Code.VERIFIABLE: "says who or what checks it",
    Code.THREAT: "announces harm or force",
    Code.ULTIMATUM: "sets a deadline or final demand",
    Code.BLAME: "puts the fault on them",
    Code.DISMISSAL: "brushes their concern aside",
    Code.PREMATURE_PROPOSAL: "offers a whole solution before they feel heard",
    Code.CLOSED_QUESTION: "a yes/no question that narrows the talk",
}
