"""`parley bench`: every benchmark case in one table, ratios taken within the same run."""

from __future__ import annotations

import importlib

import click
from rich.console import Console
from rich.table import Table

from bot.bench import Row
from bot.cli._context import console

MODULES = ("bot.bench.scoring", "bot.bench.turn", "bot.bench.store", "bot.bench.search")


@click.command()
@click.option("--only", default=None, help="Run only cases whose module name contains this.")
def bench(only: str | None) -> None:
    """Time scoring, turns and storage; print µs per operation and ratios to a baseline."""
    table = Table(title="Parley benchmarks (best of 3)", header_style="bold")
    for column in ("case", "ops", "µs/op", "ops/s", "vs", "ratio"):
        table.add_column(column, justify="left" if column in ("case", "vs") else "right")
    chosen = [name for name in MODULES if not only or only in name]
    if not chosen:
        raise click.BadParameter(
            f"no benchmark module contains {only!r}; choose from "
            + ", ".join(name.rsplit(".", 1)[-1] for name in MODULES),
            param_hint="--only",
        )
    for name in chosen:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            console.print(f"[yellow]skipped {name}: {exc}[/]")
            continue
        for case in module.CASES:
            for row in case():
                table.add_row(*_cells(row))
    # Wide enough for the table when piped (CI logs), instead of wrapping every cell.
    Console(width=max(console.width, 120)).print(table)


def _cells(row: Row) -> list[str]:
    ratio = f"{row.ratio:.2f}×" if row.ratio is not None else ""
    return [
        row.case,
        str(row.ops),
        f"{row.per_op_us:,.1f}",
        f"{row.ops_per_s:,.0f}",
        row.baseline,
        ratio,
    ]
