"""Training the heads (`parley train`): deterministic, from the shipped data, no test rows.

Two rounds per code, because labels belong to messages while evidence belongs to sentences:
round one learns from whole messages; round two keeps, for each positive message, only the
sentence round one finds most typical of the code (all sentences of negative messages stay
negatives), so a head learns what the *sentence* that carries a code looks like. Thresholds
are chosen by grouped cross-validation (whole writers or blocks per fold) for the best
out-of-fold Cohen's kappa; then every head is refitted on all training data.
scikit-learn is imported here only: scoring itself needs numpy alone.
"""

from __future__ import annotations

import platform
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from dialogues.scoring.evaluation import CodeMetrics
from dialogues.scoring.features import INDICATORS
from dialogues.scoring.heads import Heads
from dialogues.scoring.rubric import LISTENING_CODES, Code
from dialogues.scoring.scorer import MAX_SENTENCES, instances
from dialogues.scoring.sentences import split_sentences
from dialogues.scoring.training_data import Example

FOLDS = 5
# sklearn's C, one value for every head, chosen by grouped CV on the training writers: with
# 24 writers, 0.2 beat 0.5 and 1.0 on each of the six weakest codes tried (dismissal, blame,
# threat, ultimatum, acknowledgement, paraphrase: +0.00 to +0.02 kappa).
REGULARISATION = 0.2
THRESHOLDS = np.round(np.arange(0.10, 0.91, 0.025), 3)
LISTENING = frozenset(c.value for c in LISTENING_CODES)


@dataclass(frozen=True)
class Featurised:
    """Every example's instance rows (sentences, then the whole message) and its labels."""

    rows: list[np.ndarray]
    labels: np.ndarray  # (examples, codes) 0/1
    groups: np.ndarray
    # Premature proposals the structural rule explains (no listening yet) teach the head
    # nothing about content: its own head learns only from the rest.
    premature_mask: np.ndarray


def featurise(examples: Sequence[Example]) -> Featurised:
    """Feature rows of every example with any text to score (the scorer's own `instances`)."""
    codes = list(Code)
    rows, labels, groups, mask = [], [], [], []
    for ex in examples:
        sentences = split_sentences(ex.text)[:MAX_SENTENCES]
        if not sentences:
            continue
        rows.append(instances(ex.text, sentences, ex.context))
        labels.append([c.value in ex.codes for c in codes])
        groups.append(ex.group)
        explained = not ex.context.listened and not (ex.codes & LISTENING)
        mask.append(not explained)
    return Featurised(
        rows,
        np.array(labels, dtype=np.int8),
        np.array(groups),
        np.array(mask, dtype=bool),
    )


def _fit_one(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():  # a code absent (or everywhere) in this fold: a constant head
        return np.zeros(x.shape[1]), (10.0 if y[0] else -10.0)
    model = LogisticRegression(C=REGULARISATION, max_iter=3000)
    model.fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def standardiser(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and scale for standardising feature rows (the indicator block is left as is).

    Word indicators stay 0/1: scaled by their (tiny) spread, a word seen three times would
    weigh a hundred times more than a common one and the heads would learn writers' quirks.
    """
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0) + 1e-6
    mean[-INDICATORS:], scale[-INDICATORS:] = 0.0, 1.0
    return mean, scale


def fit(
    data: Featurised,
    index: np.ndarray,
    thresholds: np.ndarray | None = None,
    only: Collection[Code] | None = None,
) -> Heads:
    """Two-round heads on the examples at `index` (standardised on their instances).

    Each code's head depends only on the shared standardisation and its own labels, so `only`
    fits a subset exactly as the full fit would (a quick reproducibility check needs no more).
    """
    every_code = list(Code)
    # Label columns of the codes to fit, in `Code` order.
    columns = [k for k, c in enumerate(every_code) if only is None or c in only]
    codes = [every_code[k] for k in columns]
    sizes = np.array([len(data.rows[i]) for i in index])
    ends = np.cumsum(sizes)
    owner = np.repeat(np.arange(len(index)), sizes)
    every = np.concatenate([data.rows[i] for i in index])
    mean, scale = standardiser(every)
    every = (every - mean) / scale
    # The last row of each example is its whole message (or its only sentence).
    whole = every[ends - 1]
    labels = data.labels[index]
    usable = np.ones(len(index), dtype=bool)
    weights, bias = [], []
    for k, code in zip(columns, codes, strict=True):
        if code is Code.PREMATURE_PROPOSAL:
            usable = data.premature_mask[index]
        w1, _ = _fit_one(whole[usable], labels[usable, k])
        # Round two: every row of a negative example; the most typical row of a positive one.
        keep = usable[owner] & (labels[owner, k] == 0)
        typical = every @ w1
        for j in np.flatnonzero(usable & (labels[:, k] == 1)):
            start = ends[j] - sizes[j]
            keep[start + int(typical[start : ends[j]].argmax())] = True
        w2, b2 = _fit_one(every[keep], labels[owner[keep], k])
        weights.append(w2)
        bias.append(b2)
        usable = np.ones(len(index), dtype=bool)
    return Heads(
        codes=tuple(codes),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        weights=np.array(weights, dtype=np.float32),
        bias=np.array(bias, dtype=np.float32),
        thresholds=np.full(len(codes), 0.5, dtype=np.float32)
        if thresholds is None
        else thresholds[columns],
    )


def message_probabilities(model: Heads, data: Featurised, index: np.ndarray) -> np.ndarray:
    """(examples, codes): each code's most confident instance, as the scorer takes it."""
    return np.stack([model.probabilities(data.rows[i]).max(axis=0) for i in index])


def kappa_at(gold: np.ndarray, scores: np.ndarray, threshold: float) -> float:
    metrics = CodeMetrics("")
    for g, s in zip(gold, scores, strict=True):
        metrics.add(bool(g), bool(s >= threshold))
    return metrics.kappa


def best_threshold(
    gold: np.ndarray, scores: np.ndarray, candidates: np.ndarray = THRESHOLDS
) -> float:
    """The threshold with the best κ (the lowest of equals, for determinism)."""
    kappas = [kappa_at(gold, scores, float(t)) for t in candidates]
    return float(candidates[int(np.argmax(kappas))])


def cross_validate(data: Featurised) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold message probabilities under GroupKFold, and the best threshold per code."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros(data.labels.shape, dtype=np.float32)
    everything = np.arange(len(data.rows))
    for train_index, test_index in GroupKFold(n_splits=FOLDS).split(everything, groups=data.groups):
        out[test_index] = message_probabilities(fit(data, train_index), data, test_index)
    thresholds = np.array(
        [best_threshold(data.labels[:, k], out[:, k]) for k in range(data.labels.shape[1])],
        dtype=np.float32,
    )
    return out, thresholds


def refit(
    examples: Sequence[Example], thresholds: np.ndarray, only: Collection[Code] | None = None
) -> Heads:
    """The final fit on every training example, with thresholds already chosen.

    The expensive part of training is the cross-validation that picks thresholds; given the
    shipped thresholds, this alone must reproduce the shipped heads byte for byte (`only`: just
    those codes' heads, as `fit` says).
    """
    data = featurise(examples)
    return fit(data, np.arange(len(data.rows)), thresholds, only)


def train(examples: Sequence[Example]) -> tuple[Heads, dict]:
    """Cross-validate for thresholds, refit on everything; metadata for `heads.json`."""
    import sklearn

    data = featurise(examples)
    oof, thresholds = cross_validate(data)
    model = fit(data, np.arange(len(data.rows)), thresholds)
    cv = {
        code.value: {
            "positives": int(data.labels[:, k].sum()),
            "threshold": float(thresholds[k]),
            "kappa": round(kappa_at(data.labels[:, k], oof[:, k], float(thresholds[k])), 3),
        }
        for k, code in enumerate(Code)
    }
    meta = {
        "examples": len(data.rows),
        "folds": FOLDS,
        "regularisation": REGULARISATION,
        "grouped_cv": cv,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
    }
    return model, meta
