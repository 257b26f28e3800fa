"""How trainee messages arrive: typed or pasted at a terminal, or piped line by line.

A paste of several lines is one message, as it is in a chat window. GNU readline's bracketed
paste delivers it in one piece (Python switches that mode off for its REPL, so it is switched
back on here); where the terminal or library lacks it, lines already waiting in the terminal's
buffer when one is read are taken as part of the same paste (nobody types a whole line within
`PASTE_WINDOW` of pressing Enter).

Piped input is read as bytes and decoded line by line, so one undecodable line is shown with
replacement characters and reported instead of ending the session with a traceback.
"""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Callable, Iterator
from typing import IO

from rich.console import Console

PASTE_WINDOW = 0.03  # seconds to wait for the rest of a paste after a line arrives
BOM = "\ufeff"  # scripts saved by Notepad start with one; it would hide a slash command


def enable_line_editing() -> None:
    """Arrow keys, history and whole-paste input at the prompt, where readline exists."""
    try:
        import readline
    except ImportError:  # Windows, or Python built without it: plain input() still works
        return
    if "libedit" not in (readline.__doc__ or ""):
        readline.parse_and_bind("set enable-bracketed-paste on")


def _waiting(stream: IO[str]) -> bool:
    """Whether a complete line is already waiting on the terminal `stream` (a paste's rest)."""
    try:
        fd = stream.fileno()
        if not os.isatty(fd):
            return False
        ready, _, _ = select.select([fd], [], [], PASTE_WINDOW)
    except (AttributeError, OSError, ValueError):  # no real descriptor (tests), or Windows
        return False
    return bool(ready)


def typed_message(console: Console, prompt: str) -> str:
    """One message from the terminal: the line typed at `prompt`, with the rest of a paste.

    Raises EOFError/KeyboardInterrupt as `input()` does (Ctrl-D, Ctrl-C), and
    UnicodeDecodeError when the terminal sends bytes that are not in its declared encoding.
    """
    lines = [console.input(prompt)]
    while _waiting(sys.stdin):
        line = sys.stdin.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
    return "\n".join(lines).lstrip(BOM)


def piped_lines(stream: IO[str], warn: Callable[[str], None]) -> Iterator[str]:
    """Each line of piped `stream`, decoded on its own; undecodable bytes become U+FFFD (�)
    and the line is named in a warning, so every good line is still played."""
    binary = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    number = 0
    while True:
        if binary is None:  # a text-only stream (already decoded): nothing to repair
            line = stream.readline()
        else:
            raw = binary.readline()
            try:
                line = raw.decode(encoding)
            except UnicodeDecodeError:
                line = raw.decode(encoding, errors="replace")
                warn(
                    f"Line {number + 1} is not valid {encoding}: the bytes that could not be "
                    "read are shown as �."
                )
        if line == "":
            return
        number += 1
        yield line.rstrip("\n").lstrip(BOM)
