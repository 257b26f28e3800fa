"""Start-up: how long a fresh process takes to be useful, against the issue's targets.

A facilitator runs `parley scenarios list` many times a session, and the bot restarts with
every deploy; what they wait for is imports and scenario loading, not the work itself.
Each case runs in its own subprocess (start-up cannot be measured in a warm process),
best of three; CPU time is the child's own, so the neighbours on a shared machine do not
count against the target as they do in wall time. The runs keep their scenario cache
(`dialogues.scenario_cache`) in the temporary folder, never the user's: the first run fills
it, as a deploy's first start does; the "first start" row empties it before every run.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot.bench import Target

# The bot as `parley bot` starts it, up to connecting: settings, store, catalogue, cogs.
_BOT_START = """
import asyncio
from bot.app import build_bot
from bot.exts import walk_extensions
from bot.settings import Settings

async def start():
    bot = build_bot(Settings(db="bench.db"))
    for extension in walk_extensions():
        await bot.load_extension(extension)

asyncio.run(start())
"""
_PARLEY = "from bot.cli import main; main()"  # what the `parley` console script runs
# What the bot cannot start without, before any of Parley's own code: the floor under its row.
# `state` first: it imports sqlite-utils as the bot does, without numpy (see state/__init__).
_BOT_LIBRARIES = (
    "import state, discord, discord.ext.commands, aiohttp, sqlite_utils, pydantic_settings"
)


@dataclass(frozen=True)
class StartupCase:
    name: str
    argv: tuple[str, ...]
    target: Target | None  # CPU seconds; None for the baseline
    cold: bool = False  # every run with an empty scenario cache (all YAML parsed)


CASES_STARTUP = (
    StartupCase("python -c pass (baseline)", ("-c", "pass"), None),
    StartupCase("parley --version", ("-c", _PARLEY, "--version"), Target(0.3, " s")),
    StartupCase("parley scenarios list", ("-c", _PARLEY, "scenarios", "list"), Target(0.6, " s")),
    StartupCase(
        "bot start (import, store, scenarios, cogs)", ("-c", _BOT_START), Target(0.6, " s")
    ),
    StartupCase("  first start (no scenario cache yet)", ("-c", _BOT_START), None, cold=True),
    StartupCase("  of which its libraries alone", ("-c", _BOT_LIBRARIES), None),
)


@dataclass(frozen=True)
class StartupRow:
    case: StartupCase
    wall: float
    cpu: float
    baseline_cpu: float

    @property
    def ratio(self) -> float:
        return self.cpu / self.baseline_cpu if self.baseline_cpu else float("inf")


def _environment() -> dict[str, str]:
    """Parley's own settings removed, so every run measures the shipped defaults; and
    bytecode written as usual, so the best of three runs reads it as an installed Parley
    does (with PYTHONDONTWRITEBYTECODE set, as in some sandboxes and CI images, a module that
    has no .pyc yet is compiled from source on every start: about 0.03 s for the bot)."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PARLEY_", "DISCORD_")) and key != "PYTHONDONTWRITEBYTECODE"
    }


def _run_once(argv: tuple[str, ...], folder: Path, cache_home: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one run of `argv`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *argv],
        cwd=folder,  # no .env of the caller's, and the bot's store lands here
        env={**_environment(), "XDG_CACHE_HOME": str(cache_home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        timeout=120,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(runs: int = 3) -> list[StartupRow]:
    """Best wall and best CPU time of `runs` runs of each case, in one temporary folder."""
    results: list[tuple[StartupCase, float, float]] = []
    with tempfile.TemporaryDirectory() as name:
        warm = Path(name) / "cache"
        for case in CASES_STARTUP:
            timings = [
                _run_once(
                    case.argv, Path(name), Path(tempfile.mkdtemp(dir=name)) if case.cold else warm
                )
                for _ in range(runs)
            ]
            results.append((case, min(w for w, _ in timings), min(c for _, c in timings)))
    baseline = results[0][2]
    return [StartupRow(case, wall, cpu, baseline) for case, wall, cpu in results]
