"""Agreement between the scorer and human labels: per-code precision, recall, F1, Cohen's κ.

Pure Python (no sklearn). A *view* says how a gold label set and a predicted code set each
answer one yes/no question ("is this a paraphrase?"), which is how other corpora's labels are
compared with our codes; `context_from_json` reads the context `classify` and the labelled
files give.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import Code

# With fewer positive gold examples than this, a code's figures are shown but marked as
# too few to judge (../shared/EVALUATION.md).
MIN_SUPPORT = 15
# Rubric 2026.x judged premature proposals by the party's "heard" meter, with this threshold.
LEGACY_HEARD = 35


@dataclass(frozen=True, slots=True)
class View:
    """One yes/no question asked of both the gold labels and the predicted codes."""

    name: str
    gold: Callable[[frozenset[str]], bool]
    predicted: Callable[[frozenset[str]], bool]
    maps_to: str = ""  # for other corpora's labels: which of our codes answer it


@dataclass(slots=True)
class CodeMetrics:
    """Confusion counts for one view, and the agreement figures derived from them."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kappa(self) -> float:
        """Cohen's κ between gold and predicted for this yes/no question."""
        n = self.n
        if not n:
            return 0.0
        observed = (self.tp + self.tn) / n
        gold_yes, pred_yes = (self.tp + self.fn) / n, (self.tp + self.fp) / n
        expected = gold_yes * pred_yes + (1 - gold_yes) * (1 - pred_yes)
        if expected >= 1.0:
            return 1.0 if observed >= 1.0 else 0.0
        return (observed - expected) / (1 - expected)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.name,
            "support": self.support,
            "n": self.n,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "kappa": round(self.kappa, 3),
        }


def context_from_json(raw: Any) -> ScoringContext:
    """A `ScoringContext` from a JSON `context`: a string (the party's last message) or an object.

    `listened` (whether the trainee listened earlier) defaults to true, so a proposal in a
    file of single utterances is judged on its content. Files labelled under rubric 2026.x
    give a `heard` meter instead: 35 or more counts as listened, as that rubric defined it.
    """
    if raw is None or raw == "":
        return ScoringContext()
    if isinstance(raw, str):
        return ScoringContext(party_last=raw, party_history=(raw,))
    if not isinstance(raw, Mapping):
        raise ValueError("context must be a string or an object")
    party_last = _text(raw.get("party_last", ""), "context.party_last")
    history = _texts(raw.get("party_history", ()), "context.party_history")
    if party_last and not history:
        history = (party_last,)
    listened = raw.get("listened")
    if listened is None and "heard" in raw:
        heard = raw["heard"]
        if not isinstance(heard, int | float) or isinstance(heard, bool) or heard != heard:
            raise ValueError("context.heard must be a number 0-100")
        listened = heard >= LEGACY_HEARD
    if listened is not None and not isinstance(listened, bool):
        raise ValueError("context.listened must be true or false")
    return ScoringContext(
        party_last=party_last,
        party_history=history,
        trainee_history=_texts(raw.get("trainee_history", ()), "context.trainee_history"),
        listened=True if listened is None else listened,
    )


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string")
    return value


def _texts(value: Any, name: str) -> tuple[str, ...]:
    if value is None or value == ():
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(f"{name} must be a list of strings")
    return tuple(value)


# -- the public corpora in ../shared/data (see its README for the label mapping) -------------


def _any(*codes: Code) -> Callable[[frozenset[str]], bool]:
    names = frozenset(c.value for c in codes)
    return lambda predicted: bool(names & predicted)


def _label(name: str) -> Callable[[frozenset[str]], bool]:
    return lambda gold: name in gold


# Their label -> which of our codes answer the same question. Codes with no counterpart
# (suggestion, information, small talk, …) are not evaluated.
def _mapped(label: str, *codes: Code) -> View:
    return View(label, _label(label), _any(*codes), " | ".join(c.value for c in codes))


PROPOSING = (Code.INTERIM_PROPOSAL, Code.PREMATURE_PROPOSAL, Code.RECIPROCAL)
SHARED_VIEWS: dict[str, tuple[View, ...]] = {
    "annomi": (
        _mapped("open_question", Code.OPEN_QUESTION),
        _mapped("closed_question", Code.CLOSED_QUESTION),
        _mapped("paraphrase", Code.PARAPHRASE),  # AnnoMI simple reflection
        _mapped("reflection", Code.PARAPHRASE, Code.EMOTION_LABEL, Code.SUMMARY, Code.MIRROR),
        _mapped("coordination", *PROPOSING),
    ),
    "casino": (
        _mapped("empathy", Code.ACKNOWLEDGEMENT, Code.EMOTION_LABEL),
        _mapped("coordination", *PROPOSING),
        _mapped("undervalue_partner", Code.DISMISSAL),
    ),
}
