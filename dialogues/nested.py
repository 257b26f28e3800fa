"""Every string inside parsed JSON or YAML, with where it sits.

Input read from files (scenario YAML, `classify` JSON lines) is checked string by string for
characters it must not carry; the data may be nested arbitrarily deep, so the walk keeps its
own stack instead of recursing (a 100,000-deep list must not overflow Python's stack).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def strings(data: Any) -> Iterator[tuple[str, str]]:
    """(dotted path, string) for every string in `data`, mapping keys included; the path is
    "" for `data` itself."""
    todo: list[tuple[str, Any]] = [("", data)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            todo.extend((f"{path}.{key}".lstrip("."), key) for key in value)
            todo.extend((f"{path}.{key}".lstrip("."), item) for key, item in value.items())
        elif isinstance(value, list):
            todo.extend((f"{path}.{i}".lstrip("."), item) for i, item in enumerate(value))
