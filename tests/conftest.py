"""Fixtures shared by more than one test folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.cli._context import settings


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings read anew, with no custom scenario folders from the caller's environment:
    the scenario tests decide which folders exist."""
    monkeypatch.delenv("PARLEY_SCENARIO_DIRS", raising=False)
    settings.cache_clear()
    yield
    settings.cache_clear()
