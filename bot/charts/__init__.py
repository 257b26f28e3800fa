"""Charts of sessions (meter arcs), of a trainee's progress and of a cohort, as PNG files.

matplotlib is an optional extra (`pip install 'parley-bot[charts]'`) so the default install
stays light: `series` (the numbers) never needs it, `draw` (the pictures) does, and every
feature that draws checks `available()` first and says what to install when it is missing.
"""

from __future__ import annotations

import importlib.util

INSTALL_HINT = "charts need matplotlib: pip install 'parley-bot[charts]'"


class ChartsUnavailable(RuntimeError):
    """matplotlib is not installed, so no chart can be drawn."""


def available() -> bool:
    """Whether matplotlib can be imported (without importing it: it is slow to load)."""
    return importlib.util.find_spec("matplotlib") is not None


def require() -> None:
    """Raise `ChartsUnavailable` with the install hint when matplotlib is missing."""
    if not available():
        raise ChartsUnavailable(INSTALL_HINT)
