from __future__ import annotations

import pytest

from dialogues.catalogue import ScenarioCatalogue

SHIPPED = (
    "backchannel-contact",
    "buffer-zone",
    "ceasefire-walkout",
    "checkpoint-convoy",
    "language-barrier",
    "misinformation-flare",
    "observer-access",
    "prisoner-exchange",
)
LEVELS = ("easy", "normal", "hard")
# The classic "billion laughs": nine levels of nine aliases, 9^9 strings if expanded.
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.fixture(scope="session")
def catalogue() -> ScenarioCatalogue:
    return ScenarioCatalogue()
