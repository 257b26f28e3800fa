"""score(): one trainee message in, its codes with evidence, points and gaming verdict out.

The decision is learned (docs/rubric.md, "The scorer"): every sentence, and the whole message
when it has several, is embedded with the shipped sentence model and read by one classifier
head per code; a code is shown when its most confident sentence passes the threshold chosen for
it by grouped cross-validation. Structure then decides only what words cannot: qualifiers need a
proposal, `time_bound` needs a time, reflections need something of the party's to reflect, and
a proposal before any listening is premature. The same `decide` runs in training, so the
thresholds are chosen for exactly this procedure.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialogues.deferred import np
from dialogues.scoring import features
from dialogues.scoring.gaming import judge
from dialogues.scoring.heads import Heads, heads
from dialogues.scoring.history import History
from dialogues.scoring.language import is_english
from dialogues.scoring.model import CodeHit, Evidence, ScoringContext, TurnScore, empty_points
from dialogues.scoring.rubric import (
    CODE_AREA,
    CODE_POINTS,
    CODE_REASON,
    LISTENING_CODES,
    NEGATIVE_CODES,
    PROPOSAL_QUALIFIERS,
    Code,
)
from dialogues.scoring.sentences import (
    Sentence,
    content_words,
    split_sentences,
    stem,
    word_tuple,
    words,
)
from dialogues.scoring.spans import has_time

# A message's scoring cost is bounded: only its first MAX_SCORED_CHARS characters and, of
# those, its first MAX_SENTENCES sentences are read. Every training message fits (627
# characters and 12 sentences at most), so the bound changes no score the heads were fitted
# on; it keeps a 4,000-character message within 10x of a one-line one (`parley bench`).
MAX_SCORED_CHARS = 1_000
MAX_SENTENCES = 12
REFLECTIONS = frozenset({Code.PARAPHRASE, Code.MIRROR, Code.SUMMARY})


@dataclass(frozen=True, slots=True)
class Decision:
    """One code the message shows: the sentence that carried it and how confident the head was."""

    code: Code
    sentence: int
    probability: float
    reason: str


def instances(
    text: str, sentences: list[Sentence], context: ScoringContext | History
) -> np.ndarray:
    """Feature rows: one per sentence, plus the whole message when it has several."""
    digest = features.digest(History.of(context))
    message_content = content_words(text)
    n = len(sentences)
    rows = [features.vector(s.text, s.is_question, n, message_content, digest) for s in sentences]
    if n > 1:
        whole = " ".join(s.text for s in sentences)
        rows.append(features.vector(whole, sentences[-1].is_question, n, message_content, digest))
    return np.stack(rows)


def decide(
    probabilities: np.ndarray,
    model: Heads,
    text: str,
    sentences: list[Sentence],
    history: History,
) -> list[Decision]:
    """The codes a message shows, from its instances' probabilities and the structural rules."""
    n = len(sentences)
    found: dict[Code, Decision] = {}
    for k, code in enumerate(model.codes):
        column = probabilities[:, k]
        best = int(column.argmax())
        if column[best] < model.thresholds[k]:
            continue
        # The whole-message row has no span of its own: cite its most confident sentence.
        sentence = best if best < n else int(column[:n].argmax())
        found[code] = Decision(code, sentence, float(column[best]), CODE_REASON[code])
    _apply_structure(found, text, sentences, history)
    return [found[code] for code in Code if code in found]


def _apply_structure(
    found: dict[Code, Decision], text: str, sentences: list[Sentence], history: History
) -> None:
    """What structure decides, whatever the heads say (docs/rubric.md, "Rules")."""
    if not history.party_last.text.strip():
        for code in REFLECTIONS:
            found.pop(code, None)
    if Code.MIRROR in found:
        theirs = set(history.party_last.words)
        if not set(words(sentences[found[Code.MIRROR].sentence].text)) & theirs:
            del found[Code.MIRROR]
    if Code.CLOSED_QUESTION in found and _is_check(
        sentences[found[Code.CLOSED_QUESTION].sentence],
        len(sentences) > 1 or history.turn > 0,
    ):
        del found[Code.CLOSED_QUESTION]
    if Code.TIME_BOUND in found and not has_time(text):
        del found[Code.TIME_BOUND]
    if Code.INTERIM_PROPOSAL not in found:
        for code in PROPOSAL_QUALIFIERS:
            found.pop(code, None)
    elif not history.listened and not LISTENING_CODES & found.keys():
        proposal = found[Code.INTERIM_PROPOSAL]
        found.setdefault(
            Code.PREMATURE_PROPOSAL,
            Decision(
                Code.PREMATURE_PROPOSAL,
                proposal.sentence,
                proposal.probability,
                "a proposal before any listening",
            ),
        )


# A short question pointing back at what the trainee just said ("does that work for you?",
# "deal?", "did I miss anything?") checks it; it does not narrow the talk.
CHECK_MAX_WORDS = 6
_BACK_REFERENCE = frozenset({"that", "this", "it", "anything", "deal", "agreed", "ok", "okay"})


def _is_check(sentence: Sentence, something_to_check: bool) -> bool:
    ws = words(sentence.text)
    return something_to_check and len(ws) <= CHECK_MAX_WORDS and bool(_BACK_REFERENCE & set(ws))


def score(text: str, context: ScoringContext | History | None = None) -> TurnScore:
    """Score one message against the rubric (docs/rubric.md).

    Every code carries the sentence that earned it and a one-line reason. Positive points are
    scaled by the gaming weight; penalties always count in full. A message in another
    language gets no codes (docs/rubric.md, Limits). A session passes its kept `History`, so
    earlier lines are not read again; a plain `ScoringContext` is read here.
    """
    text = text[:MAX_SCORED_CHARS]
    sentences = split_sentences(text)[:MAX_SENTENCES]
    if not sentences or not is_english(text):
        # The model was trained on English: another language earns and costs nothing.
        return TurnScore(hits=(), points=empty_points())
    model = heads()
    history = History.of(context)
    decisions = decide(
        model.probabilities(instances(text, sentences, history)), model, text, sentences, history
    )
    hits = tuple(
        CodeHit(
            d.code,
            (
                Evidence(
                    sentences[d.sentence].start,
                    sentences[d.sentence].end,
                    text[sentences[d.sentence].start : sentences[d.sentence].end],
                ),
            ),
            f"{d.reason} ({d.probability:.0%} sure)",
            d.probability,
        )
        for d in decisions
    )
    verdict = judge(text, sentences, [d.code for d in decisions], history)
    points = empty_points()
    for hit in hits:
        value = CODE_POINTS[hit.code]
        if hit.code not in NEGATIVE_CODES:
            value *= verdict.weight
        points[CODE_AREA[hit.code]] += value
    return TurnScore(hits=hits, points=points, weight=verdict.weight, flags=verdict.flags)


def clear_caches() -> None:
    """Forget cached embeddings and word sets (for honest benchmarks; never needed)."""
    features.encoder().embed.cache_clear()
    for cached in (content_words, word_tuple, stem):
        cached.cache_clear()
