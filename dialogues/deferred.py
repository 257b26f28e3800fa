"""numpy, imported the first time it is used rather than when a module that uses it loads.

The bot and commands such as `scenarios list` import the session service, the engine and the
scorer's modules, but only scoring a message uses numpy. Importing it costs about as much CPU
as the rest of Parley's start (its OpenBLAS starts a thread per core), so the modules that
compute with it take `np` from here: the real module loads on the first attribute asked for.
Type checkers see plain numpy.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

__all__ = ["np"]


class _OnFirstUse:
    """Stands for a module until an attribute is asked for, then imports it; each attribute
    is kept on the instance, so later look-ups cost what a module's would."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        module: ModuleType = importlib.import_module(self._name)
        value = getattr(module, attribute)
        setattr(self, attribute, value)
        return value


if TYPE_CHECKING:
    import numpy as np
else:
    np = _OnFirstUse("numpy")
