"""A small learned threat detector, OR-ed with the threat rules (docs/rubric.md, `threat`).

Logistic regression over lowercase word unigrams and bigrams plus a few structural cues
(second person, harm/force and family words, "or"/"if"/"and" followed by harm, imperative
openers). It is trained on the dev split only by `python -m dialogues.scoring.train_threat`;
the weights ship as `threat_weights.json` beside this file and are loaded once at import, so
scoring needs neither the training data nor any dependency. A hit cites the sentence that
scores highest and names the words that pushed it there.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from dialogues.scoring import lexicon as lx
from dialogues.scoring.sentences import Sentence

WEIGHTS_PATH = Path(__file__).with_name("threat_weights.json")

_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_HARM_RE = lx.rx(r"\b" + lx.HARM + r"\b")
_FAMILY_RE = lx.rx(r"\b" + lx.FAMILY + r"\b")
_FORCE_RE = lx.rx(
    r"\b(?:army|brigade|troops|soldiers|tanks?|artillery|air ?strikes?|drones?|helicopters?|"
    r"guns?|force|snipers?|police|militia|battalion|units?)\b"
)
_OR_HARM_RE = lx.rx(r"\bor\b[^.?!]{0,60}?\b" + lx.HARM + r"\b")
_IF_YOU_RE = lx.rx(r"\b(?:if|unless)\s+(?:{YOU}|{YOUR}|ur)\b")
_AND_HARM_RE = lx.rx(r"^\W*\w+\b[^.?!]{0,40}?,?\s+and\s+[^.?!]{0,60}?\b" + lx.HARM + r"\b")
_WE_WILL_RE = lx.rx(r"\b(?:we|we'll|i'll|they'll|they|the \w+)\s+(?:will|'ll|are going to|gonna)\b")
_IMPERATIVE_RE = lx.rx(
    r"^\W*(?:open|sign|let|move|stop|give|get|hand|pull|clear|put|drop|take|release|back|stand|"
    r"keep|try|push|hold|think|remember|say|do|don't|dont)\b"
)
_NEGATED_FORCE_RE = lx.rx(
    r"\b(?:will not|won't|wont|never|no one will|nobody will)\s+(?:\w+\s+)?"
    r"(?:use force|attack|hurt|harm|shoot|come in|storm)\b"
)


def features(low: str) -> list[str]:
    """The feature names present in a lowercased text (each at most once)."""
    words = _WORD_RE.findall(low.replace("’", "'"))
    feats = {"w:" + w for w in words}
    feats.update(f"b:{a}_{b}" for a, b in itertools.pairwise(words))
    for name, pattern in (
        ("you", lx.SECOND_PERSON_RE),
        ("harm", _HARM_RE),
        ("family", _FAMILY_RE),
        ("force", _FORCE_RE),
        ("or_harm", _OR_HARM_RE),
        ("if_you", _IF_YOU_RE),
        ("and_harm", _AND_HARM_RE),
        ("we_will", _WE_WILL_RE),
        ("imperative", _IMPERATIVE_RE),
        ("negated_force", _NEGATED_FORCE_RE),
        ("own_fear", lx.OWN_FEAR_RE),
    ):
        if pattern.search(low):
            feats.add("s:" + name)
    if "s:harm" in feats and "s:you" in feats:
        feats.add("s:you+harm")
    if "s:force" in feats and "s:you" in feats:
        feats.add("s:you+force")
    return sorted(feats)


# A threat announces harm, force or loss (docs/rubric.md): without one of these cues in the
# message, with the force plainly negated ("We will not use force"), or when the trainee voices
# their own fear of it ("I'm worried your men will get hurt", an I-message), the model stays quiet.
_NEEDS_ANY = frozenset({"s:harm", "s:force", "s:family", "s:or_harm", "s:and_harm"})


def eligible(feats: list[str]) -> bool:
    """Whether a message has the harm/force cue a learned threat hit requires."""
    present = set(feats)
    return bool(present & _NEEDS_ANY) and not present & {"s:negated_force", "s:own_fear"}


@dataclass(frozen=True, slots=True)
class Model:
    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, low: str) -> float:
        return self.probability_of(features(low))

    def probability_of(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def top_words(self, low: str, k: int = 3) -> list[str]:
        scored = [
            (self.weights.get(f, 0.0), f)
            for f in features(low)
            if f[0] in "wb" and not set(f[2:].split("_")) <= lx.STOPWORDS
        ]
        scored = sorted((w, f) for w, f in scored if w > 0)[::-1][:k]
        return [f[2:].replace("_", " ") for _, f in scored]


def load(path: Path = WEIGHTS_PATH) -> Model | None:
    """The shipped model, or None when no weights file is present."""
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Model(
        float(raw["bias"]),
        {str(k): float(v) for k, v in raw["weights"].items()},
        float(raw["threshold"]),
    )


MODEL = load()


def threat(low: str, sentences: list[Sentence]) -> tuple[Sentence, str] | None:
    """The sentence to cite and a one-line reason when the message reads like a threat."""
    if MODEL is None or not sentences:
        return None
    feats = features(low)
    if not eligible(feats) or MODEL.probability_of(feats) < MODEL.threshold:
        return None
    best = max(sentences, key=lambda s: MODEL.probability(s.low))
    words = ", ".join(f'"{w}"' for w in MODEL.top_words(best.low)) or "its structure"
    return best, f"worded like a threat: {words}"
