"""Maintainer step: assemble `data/corpus.jsonl` from writers' files and blind labels.

Input layout (outside the repository, see docs/rubric.md "Data"): `RAW/raw*/<writer>.jsonl`
(what each independent writer wrote, one folder per commissioning round),
`RAW/labels/<writer>.A.jsonl` and `.B.jsonl` (the two blind annotators),
`RAW/labels/<writer>.adjudicated.jsonl` (the third pass, for messages the two disagreed
on). The split is by writer and was fixed before anything was trained
(`TEST_WRITERS`); it is written into every row, so training can never read a test row.
A test split that has been looked at and then acted on is spent: its writers join training
and new writers form the next test split (the history is in docs/rubric.md, "Data").

Usage: python -m dialogues.scoring.assemble RAW
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dialogues.scoring.rubric import Code
from dialogues.scoring.training_data import CORPUS, read_jsonl

# Split 1 (w3, w7) was scored once on 2026-11-29 (first sight: macro kappa 0.55) and then
# trained on; so were split 2 (w10, w11: 0.62), split 3 (w12, w13: 0.63), split 4 (w16, w17:
# 0.65) and split 5 (w20, w21: 0.67). Split 6 (w22, w23) was commissioned and fixed before any
# of it was written, with training writers w24, w25, w26; scored once on 2026-11-30 (0.67), it
# is spent too: the next figure needs new writers (w27 on) fixed before they write.
TEST_WRITERS = frozenset({"w22", "w23"})
CODES = frozenset(c.value for c in Code)


def _labels(path: Path) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    return {r["id"]: sorted(set(r["codes"]) & CODES) for r in read_jsonl(path)}


def assemble(raw: Path) -> list[dict]:
    rows = []
    for source in sorted(raw.glob("raw*/*.jsonl"), key=lambda p: int(p.stem[1:])):
        writer = source.stem
        a = _labels(raw / "labels" / f"{writer}.A.jsonl")
        b = _labels(raw / "labels" / f"{writer}.B.jsonl")
        final = _labels(raw / "labels" / f"{writer}.adjudicated.jsonl")
        seen = set()
        for r in sorted(read_jsonl(source), key=lambda r: (r["conv"], int(r["turn"]))):
            key = f"{r['conv']}-t{int(r['turn']):02d}"
            if key in seen or key not in a or key not in b:
                continue
            seen.add(key)
            agreed = a[key] == b[key]
            rows.append(
                {
                    "id": key,
                    "writer": writer,
                    "profile": r["profile"],
                    "scenario": r["scenario"],
                    "conv": r["conv"],
                    "turn": int(r["turn"]),
                    "party": r["party"],
                    "text": r["text"],
                    "labels_a": a[key],
                    "labels_b": b[key],
                    "codes": a[key]
                    if agreed
                    else final.get(key, sorted(set(a[key]) & set(b[key]))),
                    "adjudicated": not agreed and key in final,
                    "split": "test" if writer in TEST_WRITERS else "train",
                }
            )
    return rows


def main() -> None:
    rows = assemble(Path(sys.argv[1]))
    with CORPUS.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} messages to {CORPUS}")


if __name__ == "__main__":
    main()
