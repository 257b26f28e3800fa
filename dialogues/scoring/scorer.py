"""score(): one trainee message in, its codes with evidence, points and gaming verdict out."""

from __future__ import annotations

from dialogues.scoring import detectors, gaming, learned, sentences
from dialogues.scoring.detectors import Found, detect
from dialogues.scoring.gaming import judge
from dialogues.scoring.language import is_english
from dialogues.scoring.model import CodeHit, Evidence, ScoringContext, TurnScore, empty_points
from dialogues.scoring.rubric import CODE_AREA, CODE_POINTS, NEGATIVE_CODES, Code
from dialogues.scoring.sentences import lower, normalise

# Messages longer than this are scored on their start only (the service cuts them anyway).
MAX_SCORED_CHARS = 20_000


def score(text: str, context: ScoringContext | None = None) -> TurnScore:
    """Score one message against the rubric (docs/rubric.md).

    Every code carries the spans that earned it and a one-line reason. Positive points are
    scaled by the gaming weight; penalties always count in full. A message in another
    language gets no codes (docs/rubric.md, Limits).
    """
    context = context or ScoringContext()
    text = text[:MAX_SCORED_CHARS]
    if not is_english(text):
        # The rubric's patterns read English only: another language earns and costs nothing.
        return TurnScore(hits=(), points=empty_points())
    found, sentences = detect(text, context)
    # The rules catch the phrasings they were written from; a small learned model
    # (dialogues/scoring/learned.py) catches threats worded another way.
    if not any(f.code is Code.THREAT for f in found) and (
        hit := learned.threat(lower(normalise(text)), sentences)
    ):
        found.append(Found(Code.THREAT, hit[0].start, hit[0].end, hit[1]))
    verdict = judge(text, sentences, found, context)
    hits = _merge(text, found)
    points = empty_points()
    for hit in hits:
        value = CODE_POINTS[hit.code]
        if hit.code not in NEGATIVE_CODES:
            value *= verdict.weight
        points[CODE_AREA[hit.code]] += value
    return TurnScore(hits=hits, points=points, weight=verdict.weight, flags=verdict.flags)


def _merge(text: str, found: list[Found]) -> tuple[CodeHit, ...]:
    """One hit per code, in rubric order, with all its (deduplicated) spans."""
    by_code: dict[Code, list[Found]] = {}
    for f in found:
        by_code.setdefault(f.code, []).append(f)
    hits = []
    for code in Code:
        items = by_code.get(code)
        if not items:
            continue
        spans = sorted({(f.start, f.end) for f in items})
        evidence = tuple(Evidence(a, b, text[a:b]) for a, b in spans)
        hits.append(CodeHit(code, evidence, items[0].reason))
    return tuple(hits)


def clear_caches() -> None:
    """Forget cached word sets of earlier messages (for honest benchmarks; never needed)."""
    for cached in (
        sentences.content_words,
        sentences.word_tuple,
        sentences.stem,
        detectors._commitments_in,
        gaming._word_sets,
    ):
        cached.cache_clear()
