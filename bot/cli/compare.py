"""`parley transcripts compare A B`: two paths through a scenario, side by side.

Typically a session and its branch ("try again from here"): the turns they share are
summed up in one line, then each later turn of both paths is shown in one row (message,
codes, points, meters, reply), and the outcome of each path closes the table.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.cli._context import console, db_option, soft_wrap
from bot.cli._store import clear_errors, read_and_print
from dialogues.comparison import Comparison, PathSummary, Step, compare
from state.errors import UnknownSession
from state.store import SqliteStore


def load_comparison(store: SqliteStore, a: str, b: str) -> Comparison:
    """The comparison of two stored sessions (scores as corrected by coordinators)."""
    records = []
    for session_id in (a, b):
        record = store.get_session(session_id)
        if record is None:
            raise UnknownSession(f"no session with id {session_id!r} (see parley transcripts list)")
        records.append(record)
    return compare(records[0], store.turns(a), records[1], store.turns(b))


@click.command("compare")
@click.argument("session_a")
@click.argument("session_b")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@db_option
@clear_errors
def compare_sessions(session_a: str, session_b: str, as_json: bool, db_path: Path | None) -> None:
    """Two sessions side by side from the turn where they part (e.g. a session and its branch)."""
    read_and_print(
        db_path,
        lambda store: load_comparison(store, session_a, session_b),
        as_json,
        lambda comparison: render_comparison(console, comparison),
        Comparison.to_dict,
    )


def render_comparison(target: Console, comparison: Comparison) -> None:
    a, b = comparison.a, comparison.b
    shared = comparison.shared
    target.print(
        Text(
            f"Both paths share their first {shared} turn{'s' if shared != 1 else ''}; "
            + (f"they part at turn {shared + 1}." if comparison.rows() else "nothing differs."),
            style="bold",
        ),
        soft_wrap=soft_wrap(target),
    )
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_lines=True, expand=True)
    table.add_column("turn", justify="right", no_wrap=True)
    table.add_column(f"A {a.session_id}", ratio=1, overflow="fold")
    table.add_column(f"B {b.session_id}", ratio=1, overflow="fold")
    for left, right in comparison.rows():
        step = left or right
        table.add_row(str(step.number) if step else "", _cell(left), _cell(right))
    table.add_row("end", _ending(a), _ending(b))
    # Piped or captured, give the two paths room rather than 80 columns.
    (target if target.is_terminal else Console(width=max(target.width, 160))).print(table)


def _cell(step: Step | None) -> Text:
    if step is None:
        return Text("(no turn)", style="dim")
    meters = " ".join(f"{name} {value}" for name, value in step.meters.items())
    return Text.assemble(
        ("You: ", "bold cyan"),
        step.text,
        "\n",
        (", ".join(step.codes) or "no codes", "green"),
        f"  {step.points:+.1f} pts\n",
        (f"{step.state}; {meters}\n", "dim"),
        ("Party: ", "bold red"),
        step.reply or "(no reply: paused)",
    )


def _ending(path: PathSummary) -> Text:
    meters = " ".join(f"{name} {value}" for name, value in path.meters.items())
    return Text.assemble(
        (path.outcome, "bold"), f"  total {path.total:+.1f} pts\n", (meters, "dim")
    )
