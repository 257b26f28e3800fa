"""The figures `parley eval` reports for the scorer, computed without looking at them first.

- `first_sight`: the frozen test split of the independent corpus, scored conversation by
  conversation as a session would be (each message sees the scorer's own verdicts on the
  earlier ones, never the gold labels), against the adjudicated labels; the keyword baseline on
  the same messages; and the two annotators' own agreement, the ceiling to compare with.
- `public_cv`: the public corpora (counselling and campsite negotiation), where a head is
  trained on each mapped label under grouped cross-validation (whole dialogues per fold) and
  compared with the keyword baseline on the same folds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dialogues.scoring.baseline import keyword_codes
from dialogues.scoring.evaluation import CodeMetrics, View
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import Code
from dialogues.scoring.scorer import score
from dialogues.scoring.training_data import (
    CORPUS,
    conversation_contexts,
    conversations,
    read_jsonl,
)

Predictor = Callable[[str, ScoringContext], frozenset[str]]
CANDIDATE_THRESHOLDS = np.arange(0.1, 0.9, 0.05)


@dataclass
class CodeAgreement:
    """One code on one split: scorer, baseline and annotators, each against its reference."""

    code: str
    scorer: CodeMetrics
    baseline: CodeMetrics
    annotators: CodeMetrics  # labeller A vs labeller B (their κ is the human ceiling)


def split_sha256(rows: Sequence[dict]) -> str:
    """A hash of a split's messages and labels, printed with every figure computed on it."""
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda r: r["id"]):
        digest.update(json.dumps([row["id"], row["text"], row["codes"]]).encode())
    return digest.hexdigest()


def _scorer(text: str, context: ScoringContext) -> frozenset[str]:
    return frozenset(code.value for code in score(text, context).codes)


def _baseline(text: str, context: ScoringContext) -> frozenset[str]:
    return frozenset(keyword_codes(text, context))


def score_conversation(turns: list[dict], predict: Predictor) -> list[frozenset[str]]:
    """Each turn's predicted codes, each judged in the context the predictions so far built
    (whether the trainee had listened comes from the predictor, never from the gold labels)."""
    predicted: list[frozenset[str]] = []
    for row, context in conversation_contexts(turns, predicted.__getitem__):
        predicted.append(predict(row["text"], context))
    return predicted


def first_sight(split: str = "test", path: Path = CORPUS) -> tuple[list[CodeAgreement], int, str]:
    """Per-code agreement on one corpus split; also its size and hash."""
    rows = [r for r in read_jsonl(path) if r["split"] == split]
    result = {
        c.value: CodeAgreement(
            c.value, CodeMetrics(c.value), CodeMetrics(c.value), CodeMetrics(c.value)
        )
        for c in Code
    }
    for turns in conversations(rows):
        for name, predict in (("scorer", _scorer), ("baseline", _baseline)):
            for row, codes in zip(turns, score_conversation(turns, predict), strict=True):
                gold = set(row["codes"])
                for code, agreement in result.items():
                    getattr(agreement, name).add(code in gold, code in codes)
        for row in turns:
            for code, agreement in result.items():
                agreement.annotators.add(code in row["labels_a"], code in row["labels_b"])
    return list(result.values()), len(rows), split_sha256(rows)


def public_cv(
    items: Sequence[tuple[str, str, str, frozenset[str]]], views: Sequence[View], folds: int = 5
) -> list[tuple[str, CodeMetrics, CodeMetrics]]:
    """Grouped CV of a learned head per mapped label, beside the keyword baseline.

    `items` are (group, context, text, gold labels). The head reads the same features as our
    scorer (the shipped sentence model, the party's line as context); its threshold is chosen on
    the training folds only.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from dialogues.scoring.scorer import instances
    from dialogues.scoring.sentences import split_sentences
    from dialogues.scoring.train import best_threshold, standardiser

    rows, kept = [], []
    for group, context, text, gold in items:
        sentences = split_sentences(text)
        if not sentences:
            continue
        ctx = ScoringContext(party_last=context, party_history=(context,) if context else ())
        rows.append(instances(text, sentences, ctx)[-1])
        kept.append((group, ctx, text, gold))
    x = np.stack(rows)
    groups = np.array([k[0] for k in kept])
    out = []
    for view in views:
        y = np.array([view.gold(k[3]) for k in kept], dtype=int)
        ours, base = CodeMetrics(view.name), CodeMetrics(view.name)
        for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
            if y[train].min() == y[train].max():  # no positives (or only) to learn from
                predicted = np.full(len(test), bool(y[train][0]))
            else:
                mean, scale = standardiser(x[train])
                model = LogisticRegression(C=0.1, max_iter=3000)
                model.fit((x[train] - mean) / scale, y[train])
                fitted = model.predict_proba((x[train] - mean) / scale)[:, 1]
                threshold = best_threshold(y[train], fitted, CANDIDATE_THRESHOLDS)
                predicted = model.predict_proba((x[test] - mean) / scale)[:, 1] >= threshold
            for i, p in zip(test, predicted, strict=True):
                ours.add(bool(y[i]), bool(p))
                base.add(
                    bool(y[i]), view.predicted(frozenset(keyword_codes(kept[i][2], kept[i][1])))
                )
        out.append((view.name, ours, base))
    return out
