"""BERT uncased WordPiece, in pure Python, so scoring needs no tokenizer library at run time.

The static sentence model (`encoder.vectors`) keeps one vector per WordPiece token of
all-MiniLM-L6-v2's vocabulary; turning text into those tokens is the same two steps as
the upstream `BertTokenizer`: basic splitting (clean, lowercase, strip accents, split on
punctuation) and greedy longest-match WordPiece. `make model` checks this implementation
against Hugging Face `tokenizers` on every training text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

MAX_WORD_CHARS = 100
UNKNOWN = "[UNK]"
# ASCII text (nearly every message) is cut by two regexes that give exactly what the
# character loop below gives: control characters vanish, each ASCII symbol is its own word,
# and the rest splits on whitespace. The loop costs microseconds per character, which made a
# 4,000-character message the slowest part of a turn.
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_WORD = re.compile(r"[!-/:-@\[-`{-~]|[^\s!-/:-@\[-`{-~]+")


def _is_punctuation(char: str) -> bool:
    """BERT's definition: ASCII symbols count as punctuation, as do Unicode P* categories."""
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def basic_words(text: str) -> list[str]:
    """Lowercased, accent-free words and punctuation marks, as BERT's basic tokenizer cuts them."""
    if text.isascii():
        return _ASCII_WORD.findall(_ASCII_CONTROL.sub("", text).lower())
    return unicode_words(text)


def unicode_words(text: str) -> list[str]:
    """`basic_words` for any text, one character at a time (the reference for the ASCII path)."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code == 0 or code == 0xFFFD:
            continue
        category = unicodedata.category(char)
        if char in "\t\n\r" or category == "Zs":
            out.append(" ")
        elif category.startswith("C"):
            continue
        elif _is_cjk(code):
            out.append(f" {char} ")
        else:
            out.append(char)
    words: list[str] = []
    for raw in "".join(out).lower().split():
        stripped = "".join(
            c for c in unicodedata.normalize("NFD", raw) if unicodedata.category(c) != "Mn"
        )
        current: list[str] = []
        for char in stripped:
            if _is_punctuation(char):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
    return words


class WordPiece:
    """Greedy longest-match-first WordPiece over a fixed vocabulary."""

    def __init__(self, vocab: Mapping[str, int]) -> None:
        self._vocab = vocab
        self._unknown = vocab[UNKNOWN]
        # Chat repeats words constantly: each distinct word is split once per process.
        self.word_ids = lru_cache(maxsize=65_536)(self._word_ids)

    def _word_ids(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARS:
            return (self._unknown,)
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self._vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return (self._unknown,)
            ids.append(found)
            start = end
        return tuple(ids)

    def encode(self, text: str) -> list[int]:
        """Token ids of `text`, without the [CLS]/[SEP] markers (a static model needs none)."""
        return [i for word in basic_words(text) for i in self.word_ids(word)]
