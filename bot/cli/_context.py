"""What every `parley` command shares: settings, the store, the scenario catalogue, consoles.

Errors a user can act on are raised as `click.ClickException`, so the CLI prints one clear
line and exits non-zero instead of showing a traceback.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

from bot.settings import Settings
from dialogues.catalogue import ScenarioCatalogue

if TYPE_CHECKING:
    from state.store import SqliteStore

F = TypeVar("F", bound=Callable[..., Any])

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


@cache
def settings() -> Settings:
    return Settings()


def soft_wrap(target: Console) -> bool:
    """Whether to print long lines unbroken: yes when piped or captured (no line breaks
    inside a message for scripts to undo), no on a terminal, where rich wraps at word
    boundaries instead of the terminal cutting words in two at the window's edge."""
    return not target.is_terminal


def command_line(*args: str) -> str:
    """A `parley ARGS` command the user can paste where they are.

    After `make run`, `parley` is not on the PATH: the hint then names the script by its path
    (relative to the current folder when it lies inside it), so it works as printed.
    """
    script = Path(sys.argv[0])
    program = "parley"
    if script.name == "parley" and script.is_file():
        found = shutil.which("parley")
        if found is None or Path(found).resolve() != script.resolve():
            try:
                program = str(script.resolve().relative_to(Path.cwd().resolve()))
            except ValueError:
                program = str(script.resolve())
    return shlex.join([program, *args])


def db_option(fn: F) -> F:
    """`--db PATH`, defaulting to `PARLEY_DB` or `./parley.db`."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="SQLite file (default: $PARLEY_DB or ./parley.db).",
    )(fn)


def open_store(
    db_path: Path | None, *, must_exist: bool = False, read_only: bool = False
) -> SqliteStore:
    """Open (and migrate) the store, or fail with a message naming the file and the cause.

    `read_only` opens it with SQLite's `mode=ro` (read commands never write to the file).
    """
    from state.errors import StoreError
    from state.store import SqliteStore

    path = db_path or settings().db
    if must_exist and not path.exists():
        raise click.ClickException(f"no database at {path} (set --db or PARLEY_DB)")
    try:
        return SqliteStore(path, busy_timeout=settings().busy_timeout, read_only=read_only)
    except StoreError as exc:  # already names the file and what to do
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # sqlite3 / OS errors: the user can fix the path or permissions
        raise click.ClickException(f"cannot open the database at {path}: {exc}") from None


def require_extra(module: str, extra: str, needed_by: str) -> None:
    """Fail with the install command when an optional extra is missing: `make run` installs
    only what practising and the bot need, so `train` and `eval` may meet a lean install."""
    from importlib.util import find_spec

    if find_spec(module) is None:
        raise click.ClickException(
            f"{needed_by} needs {module}, which this install leaves out: "
            f"pip install -e '.[{extra}]' (or run it through make)"
        )


def catalogue() -> ScenarioCatalogue:
    """Shipped scenarios plus the folders in `PARLEY_SCENARIO_DIRS`."""
    return ScenarioCatalogue(settings().scenario_dirs, settings().scenario_cache)
