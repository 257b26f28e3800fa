"""The rubric: which skill codes exist, which area each belongs to, and what each is worth.

Kept apart from the detectors so that storage, the engine and reports can name codes
without importing any pattern matching. The version is stored with every scored turn:
change it whenever a definition or a weight changes, so old scores stay interpretable.
"""

from __future__ import annotations

from enum import StrEnum

# A proposal made before the party feels heard at least this much (0-100) is premature.
PREMATURE_HEARD = 35
RUBRIC_VERSION = "2026.2"


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
