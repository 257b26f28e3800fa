"""The shipped static sentence model: load once per process, embed a sentence in microseconds.

The vectors are distilled from all-MiniLM-L6-v2 by `make model` (see `distil.py`); they ship
as package data with a JSON record of where they came from and their sha256, which is
checked at load so a damaged or swapped file is refused rather than silently scoring wrong.
"""

from __future__ import annotations

import hashlib
import io
import json
from functools import cache, lru_cache
from pathlib import Path

from dialogues.deferred import np
from dialogues.scoring.encoder.tokenizer import WordPiece

MODEL_DIR = Path(__file__).parent / "data"
VECTORS_FILE = "vectors.npy"
META_FILE = "model.json"


class ModelFileError(RuntimeError):
    """The shipped sentence model is missing or does not match its recorded hash."""


class Encoder:
    """Text to a unit-length vector: mean of the WordPiece tokens' static vectors."""

    def __init__(self, vectors: np.ndarray, vocab: list[str]) -> None:
        self.vectors = vectors
        self.dimensions = vectors.shape[1]
        self.tokenizer = WordPiece({token: i for i, token in enumerate(vocab)})
        self.embed = lru_cache(maxsize=16_384)(self.embed_uncached)

    def embed_uncached(self, text: str) -> np.ndarray:
        """`embed` without the process-wide cache."""
        return self.pooled(self.token_ids(text))

    def token_ids(self, text: str) -> np.ndarray:
        """The WordPiece ids of `text`: a live session keeps these for its recent lines (a
        tenth of a vector's memory) and pools them again when a message is scored."""
        return np.asarray(self.tokenizer.encode(text), dtype=np.int32)

    def pooled(self, ids: np.ndarray) -> np.ndarray:
        """The unit-length mean of the tokens' vectors (zeros for no tokens)."""
        if not len(ids):
            return np.zeros(self.dimensions, dtype=np.float32)
        vector = self.vectors[ids].mean(axis=0)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector


def _checked(path: Path, expected: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelFileError(f"sentence model file missing: {path} ({exc.strerror})") from exc
    if hashlib.sha256(data).hexdigest() != expected:
        raise ModelFileError(f"sentence model file {path} does not match its recorded sha256")
    return data


@cache
def encoder() -> Encoder:
    """The process-wide encoder, loaded on first use (commands that never score never pay)."""
    try:
        meta = json.loads((MODEL_DIR / META_FILE).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelFileError(f"sentence model metadata missing: {exc}") from exc
    raw = _checked(MODEL_DIR / VECTORS_FILE, meta["vectors_sha256"])
    vocab = _checked(MODEL_DIR / "vocab.txt", meta["vocab_sha256"]).decode("utf-8").splitlines()
    vectors = np.load(io.BytesIO(raw), allow_pickle=False).astype(np.float32)
    return Encoder(vectors, vocab)
