"""Reading a scenario file safely: bounded, parsed once, every failure one line for its author.

Scenario folders are configured by operators and filled by authors, so a file may be
anything: a 50 MB export, a FIFO someone named `x.yaml`, a YAML alias bomb, a 5,000-deep
list, a number with 5,000 digits. Each must end as a `ScenarioError` naming the file (and
the line where there is one) in bounded time and memory, so that one bad file never stops
the shipped scenarios or any other command. The YAML is parsed once, with libyaml's
`CSafeLoader` when PyYAML has it, into both the data and the line of every key. PyYAML is
imported by the first parse only: a start whose scenarios all come from the cache
(`dialogues.scenario_cache`) never loads it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

# The shipped scenarios are about 35 KB; a file 30 times that is not a scenario.
MAX_FILE_BYTES = 1_000_000
# The schema nests at most six levels deep; room for comments-as-data, not for a bomb.
MAX_DEPTH = 32
# Meters, turns and versions are small: a longer integer is a typo (and Python refuses
# to convert one of more than 4,300 digits at all).
MAX_INT_DIGITS = 18
_INT_TAG = "tag:yaml.org,2002:int"

LineIndex = dict[tuple[Any, ...], int]


class ScenarioError(Exception):
    """A scenario file that cannot be used, with where and why, ready to show to its author."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = Path(path)
        self.problems = problems
        super().__init__(f"{self.path}: " + "; ".join(problems))

    @property
    def headline(self) -> str:
        """One line for listings: the file, its first problem and how many more there are."""
        more = len(self.problems) - 1
        return f"{self.path}: {self.problems[0]}" + (f" (and {more} more)" if more else "")


@dataclass(frozen=True)
class ScenarioDocument:
    """A parsed scenario file: its data, and the 1-based line of each key path (for errors)."""

    data: Any
    lines: LineIndex


def read_scenario_text(path: Path | str) -> str:
    """The text of a scenario file, refusing what is not a small UTF-8 regular file.

    The file is opened without blocking and checked with `fstat` before anything is read,
    so a FIFO or device cannot hang the caller and a huge file costs nothing.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ScenarioError(path, [f"cannot read the file ({exc.strerror})"]) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise ScenarioError(
            path, ["not a regular file (a folder, FIFO or device): scenarios are plain files"]
        )
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > MAX_FILE_BYTES:
            raise ScenarioError(path, [_too_big(info.st_size)])
        try:
            raw = handle.read(MAX_FILE_BYTES + 1)  # the file may have grown since fstat
        except OSError as exc:
            raise ScenarioError(path, [f"cannot read the file ({exc.strerror})"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError(path, [_too_big(len(raw))])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        raise ScenarioError(
            path, [f"line {line}: not UTF-8 text (byte 0x{byte}); save the file as UTF-8"]
        ) from None


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes; a scenario file may be at most {MAX_FILE_BYTES:,} bytes"


def parse_yaml(text: str, source: Path | str = "<scenario>") -> ScenarioDocument:
    """Parse scenario YAML once into data and line index, within the bounds above.

    Aliases (`*name`) are refused rather than counted: scenarios never need them, and
    refusing them rules out both alias bombs and self-referencing documents.
    """
    import yaml

    loader = safe_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return ScenarioDocument(None, {})
        lines = _checked_line_index(node, source)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or exc
        context = getattr(exc, "context", None)
        problem = f"{context}, {problem}" if context else problem
        raise ScenarioError(source, [f"{where}not valid YAML ({problem})"]) from None
    except RecursionError:  # the pure-Python parser, before MAX_DEPTH can be checked
        raise ScenarioError(source, [_too_deep()]) from None
    except (ValueError, OverflowError) as exc:  # e.g. a timestamp like 2026-13-45
        raise ScenarioError(source, [f"not valid YAML ({exc})"]) from None
    finally:
        loader.dispose()
    return ScenarioDocument(data, lines)


def safe_loader() -> type[yaml.SafeLoader]:
    """libyaml's `CSafeLoader` when PyYAML was built with it, else the pure-Python one (same
    results, slower); imported here, at the first parse."""
    try:
        from yaml import CSafeLoader
    except ImportError:
        from yaml import SafeLoader

        return SafeLoader
    return CSafeLoader  # type: ignore[return-value]


def _too_deep() -> str:
    return f"nested more than {MAX_DEPTH} levels deep; a scenario needs at most a few"


def _checked_line_index(root: yaml.Node, source: Path | str) -> LineIndex:
    """Map each key path to its line, refusing aliases, deep nesting and overlong integers.

    Iterative, so no document can exhaust the stack; every node is visited once, so an
    alias (the same node reached twice, or a cycle) is found before anything is expanded.
    """
    import yaml

    lines: LineIndex = {}
    seen: set[int] = set()
    # (node, its key path or None for a mapping key, which names no field; its depth)
    todo: list[tuple[yaml.Node, tuple[Any, ...] | None, int]] = [(root, (), 0)]
    while todo:
        node, path, depth = todo.pop()
        line = node.start_mark.line + 1
        if id(node) in seen:
            problem = (
                f"line {line}: this value is reused through an alias (*name); "
                "aliases are not allowed in scenario files, write the value out"
            )
            raise ScenarioError(source, [problem])
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise ScenarioError(source, [f"line {line}: {_too_deep()}"])
        if path is not None:
            lines.setdefault(path, line)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                todo.append((key, None, depth + 1))
                if path is None:
                    todo.append((value, None, depth + 1))
                    continue
                # Only a scalar key names a field; the schema refuses any other.
                child = (*path, key.value if isinstance(key, yaml.ScalarNode) else "?")
                lines.setdefault(child, key.start_mark.line + 1)
                todo.append((value, child, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(
                (item, None if path is None else (*path, i), depth + 1)
                for i, item in enumerate(node.value)
            )
        elif node.tag == _INT_TAG and len(node.value) > MAX_INT_DIGITS:
            shown = node.value[:12] + "…"
            raise ScenarioError(source, [f"line {line}: the number {shown} is too long"])
    return lines
