"""The scorer: skill codes with evidence for one trainee message (see docs/rubric.md).

`score` is imported on first use: the scorer compiles its lexicon and loads its model at
import, and much of Parley (the rubric's codes in scenario files, listings, exports) only
needs the names in `dialogues.scoring.rubric`, which must not pay for that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dialogues.scoring.scorer import score

__all__ = ["score"]


def __getattr__(name: str) -> Any:
    if name == "score":
        from dialogues.scoring.scorer import score

        return score
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
