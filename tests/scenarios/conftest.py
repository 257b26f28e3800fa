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


@pytest.fixture(scope="session")
def catalogue() -> ScenarioCatalogue:
    return ScenarioCatalogue()
