"""Train the learned threat detector on the dev split: `python -m dialogues.scoring.train_threat`.

Reads tests/data/labelled.jsonl, keeps `split == "dev"` only, picks the decision threshold by
block-grouped cross-validation on dev (a block shares one party context and phrasing, so a
held-out fold looks like a fresh batch), then fits on all of dev and writes
`dialogues/scoring/threat_weights.json`. Held-out messages are never read here.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from pathlib import Path

from dialogues.scoring.learned import WEIGHTS_PATH, eligible, features

L2 = 1.0
EPOCHS = 300
LEARNING_RATE = 0.5
MIN_COUNT = 1
FOLDS = 5
MIN_PRECISION = 0.85


def _block(item_id: str) -> str:
    m = re.match(r"(z\d+|[a-z]+)", item_id)
    return m.group(1) if m else item_id


def load_dev(path: Path) -> list[tuple[str, list[str], int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        if obj.get("split") != "dev":
            continue
        rows.append((obj["id"], features(obj["text"].lower()), int("threat" in obj["codes"])))
    return rows


def fit(rows: list[tuple[list[str], int]]) -> tuple[float, dict[str, float]]:
    """L2-regularised logistic regression by full-batch Adagrad (deterministic)."""
    counts: dict[str, int] = {}
    for feats, _ in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f for f, c in counts.items() if c >= MIN_COUNT}
    data = [([f for f in feats if f in vocab], y) for feats, y in rows]
    w = dict.fromkeys(sorted(vocab), 0.0)
    bias = 0.0
    g2 = dict.fromkeys(w, 1e-8)
    gb2 = 1e-8
    n = len(data)
    for _ in range(EPOCHS):
        grad = {f: L2 * v / n for f, v in w.items()}
        gbias = 0.0
        for feats, y in data:
            z = bias + sum(w[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = (p - y) / n
            gbias += err
            for f in feats:
                grad[f] += err
        for f, g in grad.items():
            g2[f] += g * g
            w[f] -= LEARNING_RATE * g / math.sqrt(g2[f])
        gb2 += gbias * gbias
        bias -= LEARNING_RATE * gbias / math.sqrt(gb2)
    return bias, {f: round(v, 4) for f, v in w.items() if abs(v) >= 0.01}


def _prob(bias: float, w: dict[str, float], feats: list[str]) -> float:
    z = bias + sum(w.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _metrics(pairs: list[tuple[int, int]]) -> dict[str, float]:
    tp = sum(1 for y, p in pairs if y and p)
    fp = sum(1 for y, p in pairs if p and not y)
    fn = sum(1 for y, p in pairs if y and not p)
    n = len(pairs)
    tn = n - tp - fp - fn
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    po = (tp + tn) / n
    gy, py = (tp + fn) / n, (tp + fp) / n
    pe = gy * py + (1 - gy) * (1 - py)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 0.0
    return {"P": prec, "R": rec, "F1": f1, "kappa": kappa, "tp": tp, "fp": fp, "fn": fn}


def cross_validate(rows: list[tuple[str, list[str], int]]) -> list[tuple[str, int, float]]:
    """Out-of-fold probabilities, folds made of whole blocks (assigned round-robin, sorted)."""
    blocks = sorted({_block(i) for i, _, _ in rows})
    fold_of = {b: k % FOLDS for k, b in enumerate(blocks)}
    out = []
    for k in range(FOLDS):
        train = [(f, y) for i, f, y in rows if fold_of[_block(i)] != k]
        bias, w = fit(train)
        out.extend(
            (i, y, _prob(bias, w, f) if eligible(f) else 0.0)
            for i, f, y in rows
            if fold_of[_block(i)] == k
        )
    return out


def choose_threshold(oof: list[tuple[str, int, float]]) -> tuple[float, dict[str, float]]:
    """Best out-of-fold κ among thresholds whose out-of-fold precision is ≥ MIN_PRECISION."""
    best = (0.9, _metrics([(y, int(p >= 0.9)) for _, y, p in oof]))
    for t in [x / 100 for x in range(10, 96)]:
        m = _metrics([(y, int(p >= t)) for _, y, p in oof])
        if m["P"] >= MIN_PRECISION and m["kappa"] > best[1]["kappa"]:
            best = (t, m)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labelled", type=Path, default=Path("tests/data/labelled.jsonl"))
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--cv-only", action="store_true")
    args = parser.parse_args()
    rows = load_dev(args.labelled)
    oof = cross_validate(rows)
    threshold, m = choose_threshold(oof)
    print(f"dev rows {len(rows)}, threats {sum(y for _, _, y in rows)}")
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, threshold):
        mm = _metrics([(y, int(p >= t)) for _, y, p in oof])
        print(f"  OOF t={t:.2f} " + " ".join(f"{k}={v:.3f}" for k, v in mm.items()))
    print(f"chosen threshold {threshold:.2f}")
    if args.cv_only:
        return
    bias, w = fit([(f, y) for _, f, y in rows])
    payload = {
        "about": "learned threat detector; python -m dialogues.scoring.train_threat",
        "trained_on": "tests/data/labelled.jsonl split=dev",
        "threshold": threshold,
        "cv": {k: round(v, 3) for k, v in m.items()},
        "bias": round(bias, 4),
        "weights": dict(sorted(w.items())),
    }
    args.out.write_text(json.dumps(payload, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(w)} weights)")


if __name__ == "__main__":
    main()
