"""Fixtures shared by more than one test folder."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bot.cli._context import settings


@pytest.fixture(autouse=True, scope="session")
def scenario_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Commands run by tests (and the processes they start) keep parsed scenarios in a
    temporary folder, never in the user's own cache."""
    os.environ["PARLEY_SCENARIO_CACHE"] = str(tmp_path_factory.mktemp("scenario-cache"))
    yield
    os.environ.pop("PARLEY_SCENARIO_CACHE", None)


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings read anew, with no custom scenario folders from the caller's environment:
    the scenario tests decide which folders exist."""
    monkeypatch.delenv("PARLEY_SCENARIO_DIRS", raising=False)
    settings.cache_clear()
    yield
    settings.cache_clear()
