"""Shared by the review, export, privacy and override commands: open an existing store and
turn storage errors into one clear line and a non-zero exit (never a traceback)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from bot.cli._context import open_store
from state.errors import StoreError
from state.export import Filters, parse_since, snapshot
from state.privacy import resolve_user
from state.store import SqliteStore

if TYPE_CHECKING:
    from sqlite_utils import Database

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def clear_errors(fn: F) -> F:
    """Report storage, lookup and value errors as `Error: …` with exit status 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except UnicodeError:
            raise click.ClickException(
                "an argument is not valid UTF-8 text (check the terminal's encoding)"
            ) from None
        except (StoreError, LookupError, ValueError) as exc:
            # A KeyError's str() is its message in quotes; other messages stay as they are.
            message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            raise click.ClickException(str(message)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(f"database error: {exc}") from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def existing_store(db_path: Path | None, *, read_only: bool = True) -> Iterator[SqliteStore]:
    """The store at `--db` (or PARLEY_DB), which must already exist; closed afterwards.

    Opened read-only unless the command writes (`read_only=False`): reading a file never
    changes it.
    """
    store = open_store(db_path, must_exist=True, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def read_and_print(
    db_path: Path | None,
    read: Callable[[SqliteStore], T],
    as_json: bool,
    render: Callable[[T], None],
    to_json: Callable[[T], Any] = lambda data: data,
) -> None:
    """What every read command does: read from the existing store (closed before printing),
    then print the result as JSON (`--json`, one document on standard output) or `render` it
    for a person."""
    with existing_store(db_path) as store:
        data = read(store)
    if as_json:
        click.echo(json.dumps(to_json(data), ensure_ascii=False, indent=1))
    else:
        render(data)


@contextmanager
def filtered_snapshot(
    db_path: Path | None, filters: Filters
) -> Iterator[tuple[SqliteStore, Database]]:
    """The existing store and one read transaction on it, after checking the filters.

    A bad date is reported before the database is even opened, and a `--user` that matches
    nobody is an error, not an empty result: an export made for someone's data request must
    not come back empty because of a typo in their id.
    """
    if filters.since:
        parse_since(filters.since)
    with existing_store(db_path) as store, snapshot(store) as db:
        if filters.user:
            resolve_user(db, filters.user)
        yield store, db
