"""The classifier heads: one logistic regression per rubric code over `features.vector`.

Weights ship as a `.npz` (no pickle: loading one runs no code) plus JSON metadata with the
threshold chosen for each code by grouped cross-validation, the training data's hashes and the
library versions that produced them; the npz's sha256 is checked at load. `train.py` writes
both; scoring needs only numpy.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dialogues.deferred import np
from dialogues.scoring.encoder.vectors import ModelFileError
from dialogues.scoring.rubric import Code

HEADS_DIR = Path(__file__).parent / "data"
HEADS_FILE = "heads.npz"
HEADS_META = "heads.json"


@dataclass(frozen=True)
class Heads:
    """Standardise, then one linear layer and a sigmoid per code; thresholds per code."""

    codes: tuple[Code, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (codes, features)
    bias: np.ndarray  # (codes,)
    thresholds: np.ndarray  # (codes,)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """(instances, codes) probabilities for (instances, features) inputs."""
        z = ((features - self.mean) / self.scale) @ self.weights.T + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(
            buffer,
            mean=self.mean,
            scale=self.scale,
            weights=self.weights,
            bias=self.bias,
            thresholds=self.thresholds,
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, codes: list[str]) -> Heads:
        arrays = np.load(io.BytesIO(data), allow_pickle=False)
        return cls(
            codes=tuple(Code(c) for c in codes),
            mean=arrays["mean"],
            scale=arrays["scale"],
            weights=arrays["weights"],
            bias=arrays["bias"],
            thresholds=arrays["thresholds"],
        )


def write(heads: Heads, meta: dict, directory: Path = HEADS_DIR) -> None:
    """Save heads and their metadata (with the npz's sha256) for shipping."""
    data = heads.to_bytes()
    (directory / HEADS_FILE).write_bytes(data)
    meta = {**meta, "codes": [c.value for c in heads.codes]}
    meta["sha256"] = hashlib.sha256(data).hexdigest()
    (directory / HEADS_META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


@cache
def heads() -> Heads:
    """The shipped heads, loaded once per process and checked against their recorded hash."""
    try:
        meta = json.loads((HEADS_DIR / HEADS_META).read_text(encoding="utf-8"))
        data = (HEADS_DIR / HEADS_FILE).read_bytes()
    except OSError as exc:
        raise ModelFileError(f"scoring heads missing ({exc}); run `parley train`") from exc
    if hashlib.sha256(data).hexdigest() != meta["sha256"]:
        raise ModelFileError(f"{HEADS_DIR / HEADS_FILE} does not match its recorded sha256")
    return Heads.from_bytes(data, meta["codes"])
