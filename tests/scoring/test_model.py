"""The shipped model and its data: integrity, the honest split, and reproducible training."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogues.scoring import heads as shipped
from dialogues.scoring.encoder import vectors
from dialogues.scoring.encoder.tokenizer import WordPiece, basic_words, unicode_words
from dialogues.scoring.rubric import Code
from dialogues.scoring.training_data import CORPUS, read_jsonl, training_examples

CODES = {c.value for c in Code}


def test_basic_splitting_follows_bert() -> None:
    assert basic_words("Don't SHOOT—café, ok?") == [
        "don",
        "'",
        "t",
        "shoot",
        "—",
        "cafe",
        ",",
        "ok",
        "?",
    ]


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_text_is_cut_as_the_character_loop_cuts_it(text: str) -> None:
    assert basic_words(text) == unicode_words(text)


def test_wordpiece_takes_the_longest_pieces_and_marks_unknown_words() -> None:
    piece = WordPiece({"[UNK]": 0, "un": 1, "##afford": 2, "##able": 3, "unaff": 4})
    # Greedy: the longest known prefix first, even when it strands the rest.
    assert piece.encode("unaffordable") == [0]
    assert piece.encode("unaffordable".replace("unaff", "un-")) == [1, 0, 0]
    assert WordPiece({"[UNK]": 0, "un": 1, "##afford": 2, "##able": 3}).encode("unaffordable") == [
        1,
        2,
        3,
    ]
    assert piece.encode("xyz") == [0]


def test_similar_sentences_are_closer_than_unrelated_ones() -> None:
    enc = vectors.encoder()
    hungry = enc.embed("my men have not eaten in three days")
    assert hungry @ enc.embed("so your soldiers are going hungry") > hungry @ enc.embed(
        "the bridge closes at dusk"
    )


def test_a_damaged_model_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("model.json", "vocab.txt", "vectors.npy"):
        shutil.copy(vectors.MODEL_DIR / name, tmp_path / name)
    raw = bytearray((tmp_path / "vectors.npy").read_bytes())
    raw[-1] ^= 0xFF
    (tmp_path / "vectors.npy").write_bytes(bytes(raw))
    monkeypatch.setattr(vectors, "MODEL_DIR", tmp_path)
    vectors.encoder.cache_clear()
    try:
        with pytest.raises(vectors.ModelFileError, match="sha256"):
            vectors.encoder()
    finally:
        vectors.encoder.cache_clear()


def test_heads_match_the_rubric_and_their_hash() -> None:
    meta = json.loads((shipped.HEADS_DIR / shipped.HEADS_META).read_text())
    model = shipped.heads()
    assert meta["codes"] == [c.value for c in Code] == [c.value for c in model.codes]
    assert model.weights.shape[0] == len(Code)
    assert np.all((model.thresholds > 0) & (model.thresholds < 1))


def test_the_corpus_is_double_labelled_and_split_by_writer_and_conversation() -> None:
    rows = read_jsonl(CORPUS)
    assert len(rows) >= 4000
    split_of_writer: dict[str, set[str]] = {}
    split_of_conv: dict[str, set[str]] = {}
    for row in rows:
        assert set(row["codes"]) <= CODES and set(row["labels_a"]) <= CODES
        assert set(row["labels_b"]) <= CODES
        split_of_writer.setdefault(row["writer"], set()).add(row["split"])
        split_of_conv.setdefault(row["conv"], set()).add(row["split"])
    assert all(len(s) == 1 for s in split_of_writer.values())
    assert all(len(s) == 1 for s in split_of_conv.values())
    assert {s for (s,) in split_of_writer.values()} == {"train", "test"}


def test_training_never_reads_a_test_row() -> None:
    test_ids = {r["id"] for r in read_jsonl(CORPUS) if r["split"] == "test"}
    assert test_ids
    assert not test_ids & {ex.id for ex in training_examples()}


@pytest.mark.slow
def test_retraining_reproduces_the_shipped_heads() -> None:
    """The final fit, from the shipped data and thresholds, gives the shipped bytes.

    Three heads are refitted (one on the premature-proposal path), each exactly as the full
    fit does it, sharing its standardisation: all 22 take three minutes, and `parley train
    --check` reruns everything, cross-validation included, and compares every byte.
    """
    from dialogues.scoring.train import refit

    model = shipped.heads()
    sample = (Code.PARAPHRASE, Code.THREAT, Code.PREMATURE_PROPOSAL)
    again = refit(training_examples(), model.thresholds, only=sample)
    rows = [model.codes.index(code) for code in sample]
    assert again.codes == sample
    assert again.mean.tobytes() == model.mean.tobytes()
    assert again.scale.tobytes() == model.scale.tobytes()
    assert again.weights.tobytes() == model.weights[rows].tobytes()
    assert again.bias.tobytes() == model.bias[rows].tobytes()
    assert again.thresholds.tobytes() == model.thresholds[rows].tobytes()
