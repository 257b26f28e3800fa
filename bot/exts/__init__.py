"""Features of the bot, one extension per module: every module with `async def setup(bot)`.

Private helpers live in modules whose names start with `_` and are never loaded as
extensions (python-discord/bot's convention).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator


def walk_extensions() -> Iterator[str]:
    """Dotted names of every extension under `bot.exts`, in a stable order."""

    def on_error(name: str) -> None:
        raise ImportError(name=name)

    for module in sorted(
        pkgutil.walk_packages(__path__, f"{__name__}.", onerror=on_error), key=lambda m: m.name
    ):
        if any(part.startswith("_") for part in module.name.split(".")):
            continue
        imported = importlib.import_module(module.name)
        if inspect.isfunction(getattr(imported, "setup", None)):
            yield module.name
