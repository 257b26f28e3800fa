"""A proposal read into terms, and the party's answer to them: accept, counter or refuse.

The scorer says *that* a message proposes (and whether it is time-bound, reciprocal,
verifiable); this module says *what* it proposes: which of the scenario's issues, when or for
how long (the time spans in it), who checks it and what comes back. The party weighs that
against the scenario's `terms`: a red line is refused by name, a missing need is countered by
name ("Who checks it?"), a proposal about none of the issues is vague, and a complete one is
accepted, in the trainee's own words, to become part of the final agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dialogues.scenario import TermPart, Terms
from dialogues.scoring.encoder.vectors import encoder
from dialogues.scoring.model import TurnScore
from dialogues.scoring.rubric import Code
from dialogues.scoring.sentences import content_words
from dialogues.scoring.spans import has_checker, has_time, time_spans
from dialogues.topics import Matcher, phrase_pattern

# A proposal closer than this to an issue's examples is about that issue, even when it is not
# close enough for a topic reply (a proposal is already known to be one; only *which* is asked).
ISSUE_MIN = 0.45
# Or it shares this many meaning-bearing words with the scenario itself (its brief, topics and
# issues): a concrete step about this conflict that the author did not foresee.
SCENARIO_WORDS = 2
# Words every negotiation uses: sharing them says nothing about this one ("a step, verified by
# observers, for a while" is about no issue at all).
GENERIC_WORDS = frozenset(
    content_words(
        "step steps side sides both observer observers monitor monitors verify verified check "
        "checked time limited while trust agreement agree deal proposal propose peace talks "
        "good faith way forward solution together work process sure list lists photo photos "
        "hour hours day days week minute minutes cooperation exchange return something "
        "concrete thing things action actions inspection inspections people issue issues"
    )
)
NEED_CODES: dict[TermPart, Code] = {
    "time": Code.TIME_BOUND,
    "checker": Code.VERIFIABLE,
    "return": Code.RECIPROCAL,
}


@dataclass(frozen=True)
class Reading:
    """What a proposal offers, as the party understood it."""

    text: str  # the sentence(s) that proposed, as the trainee wrote them
    issue: str  # the scenario issue it is about ("" when none: a vague proposal)
    when: str  # the time span(s) it names, joined
    has: frozenset[TermPart]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "issue": self.issue, "when": self.when, "has": sorted(self.has)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reading:
        return cls(data["text"], data["issue"], data["when"], frozenset(data["has"]))

    def merged(self, later: Reading) -> Reading:
        """A proposal completed over several messages ("...and the observers check it")."""
        return Reading(
            f"{self.text} {later.text}".strip(),
            self.issue if later.issue in ("", "other") else later.issue,
            ", ".join(w for w in (self.when, later.when) if w),
            self.has | later.has,
        )

    def continues(self, later: Reading) -> bool:
        """Whether `later` adds to this proposal rather than starting another one."""
        return later.issue in ("", "other", self.issue)


@dataclass(frozen=True)
class Verdict:
    """The party's decision on one proposal: `accepted`, or the counter/refusal it names."""

    accepted: bool
    missing: TermPart | None = None  # the first gap, when countered
    red_line: str = ""  # the red line's id, when refused


# Words among the sentence model's most frequent tokens ("back", "first", "every") are too
# common to tie a proposal to this scenario; rarer ones ("insulin", "ferry") can.
COMMON_TOKENS = 5000


def _specific(word: str) -> bool:
    """Whether a (stemmed) word is rare enough to name something: beyond the sentence model's
    most frequent tokens, or not one token at all."""
    ids = encoder().tokenizer.encode(word)
    return len(ids) != 1 or ids[0] >= COMMON_TOKENS


# "no checkpoint in Brenn" rules the red line out; it does not cross it.
_NEGATION_RE = re.compile(
    r"\b(?:no|not|never|without|nor|won'?t|will not|don'?t|do not|cannot|can'?t|neither)\b"
    r"(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)


def _negated(message: str, start: int) -> bool:
    """Whether the words just before `start` (up to three after a negation) negate it."""
    return _NEGATION_RE.search(message[max(0, start - 60) : start]) is not None


class TermReader:
    """Reads proposals against one scenario's terms (issues embedded once per engine)."""

    def __init__(self, terms: Terms, vocabulary: frozenset[str] = frozenset()) -> None:
        self.terms = terms
        # A keyword made only of words every negotiation uses ("both sides") names no issue.
        self._issues = Matcher(
            [
                (i.id, i.examples, [k for k in i.keywords if content_words(k) - GENERIC_WORDS])
                for i in terms.issues
            ]
        )
        self._red_lines = [(r.id, phrase_pattern(r.keywords)) for r in terms.red_lines]
        self._vocabulary = frozenset(w for w in vocabulary - GENERIC_WORDS if _specific(w))

    def completion(self, message: str) -> Reading | None:
        """What a message that is not itself a proposal adds to one on the table: a time or a
        named checker, in answer to "When?" or "Who checks it?"."""
        has: set[TermPart] = set()
        if has_time(message):
            has.add("time")
        if has_checker(message):
            has.add("checker")
        if not has:
            return None
        when = ", ".join(message[a:b] for a, b in time_spans(message))
        return Reading(message.strip(), "", when, frozenset(has))

    def read(self, message: str, score: TurnScore) -> Reading:
        spans = [e for hit in score.hits if hit.code is Code.INTERIM_PROPOSAL for e in hit.evidence]
        text = " ".join(e.text for e in spans) or message
        has: set[TermPart] = {part for part, code in NEED_CODES.items() if score.has(code)}
        # A time or a named checker in the words counts even where the scorer's qualifier
        # did not fire: the party reads the proposal, not the code.
        if has_time(message):
            has.add("time")
        if has_checker(message):
            has.add("checker")
        # Meaning is read from the sentences that propose: a label or a question beside them
        # ("I'll come back with everything") is not the step.
        issue = self._issue(text, message)
        if issue:
            has.add("issue")
        when = ", ".join(message[a:b] for a, b in time_spans(message))
        return Reading(text.strip(), issue, when, frozenset(has))

    def _issue(self, proposal: str, message: str) -> str:
        """Which issue a proposal is about: the proposing sentences by meaning, then an
        issue's keywords or the scenario's own rare words anywhere in the message (a step is
        often spelled out in the sentence after "here is my proposal")."""
        match = self._issues.match(proposal) or self._issues.keyword_match(message)
        if match is not None:
            return match.id
        sims = self._issues.similarities(proposal)
        best = int(sims.argmax())
        if sims[best] >= ISSUE_MIN:
            return self._issues.ids[best]
        if len(content_words(message) & self._vocabulary) >= SCENARIO_WORDS:
            return "other"
        return ""

    def weigh(self, reading: Reading, message: str) -> Verdict:
        for red_id, pattern in self._red_lines:
            if pattern is not None and any(
                not _negated(message, m.start()) for m in pattern.finditer(message)
            ):
                return Verdict(False, red_line=red_id)
        for part in ("issue", *self.terms.needs):
            if part not in reading.has:
                return Verdict(False, missing=part)
        return Verdict(True)

    def agreement(self, accepted: list[dict[str, Any]]) -> str:
        """The final agreement: the scenario's words, then every accepted term as proposed."""
        quoted = " ".join(f'"{term["text"]}"' for term in accepted)
        return f"{self.terms.agreement} As you put it: {quoted}".strip()
