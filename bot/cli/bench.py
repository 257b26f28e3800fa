"""`parley bench`: every benchmark case in one table, ratios taken within the same run."""

from __future__ import annotations

import importlib

import click
from rich.console import Console
from rich.table import Table

from bot.bench import Row, target_cells
from bot.cli._context import console

MODULES = (
    "bot.bench.scoring",
    "bot.bench.turn",
    "bot.bench.store",
    "bot.bench.store_scale",
    "bot.bench.search",
    "bot.bench.scale",
    "bot.bench.startup",
    "bot.bench.loop",
    "bot.bench.charts",
)


@click.command()
@click.option(
    "--only",
    default=None,
    help="Run only this module's cases (e.g. scale), or those of every module whose name "
    "contains this.",
)
def bench(only: str | None) -> None:
    """Time scoring, turns and storage; print µs per operation and ratios to a baseline."""
    table = Table(title="Parley benchmarks (best of 3)", header_style="bold")
    for column in ("case", "ops", "µs/op", "ops/s", "vs", "ratio", "target", "met"):
        table.add_column(column, justify="left" if column in ("case", "vs") else "right")
    # A module's own name picks that module alone (`--only scale` is not also store_scale);
    # any other text picks every module whose name contains it.
    exact = [name for name in MODULES if name.rsplit(".", 1)[-1] == only]
    chosen = exact or [name for name in MODULES if not only or only in name]
    if not chosen:
        raise click.BadParameter(
            f"no benchmark module contains {only!r}; choose from "
            + ", ".join(name.rsplit(".", 1)[-1] for name in MODULES),
            param_hint="--only",
        )
    startup = "bot.bench.startup" in chosen
    for name in chosen:
        if name == "bot.bench.startup":
            continue  # its own table, below
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            console.print(f"[yellow]skipped {name}: {exc}[/]")
            continue
        for case in module.CASES:
            for row in case():
                table.add_row(*_cells(row))
    # Wide enough for the table when piped (CI logs), instead of wrapping every cell.
    wide = Console(width=max(console.width, 180))
    if table.row_count:
        wide.print(table)
    if startup:
        wide.print(_startup_table())


def _startup_table() -> Table:
    from bot.bench.startup import measure

    table = Table(
        title="Start-up, one subprocess per run (best of 3)",
        caption="target met by CPU time: wall time on a shared machine includes its neighbours",
        header_style="bold",
    )
    for column in ("case", "wall s", "CPU s", "CPU vs python", "target", "met"):
        table.add_column(column, justify="left" if column == "case" else "right")
    for row in measure():
        table.add_row(
            row.case.name,
            f"{row.wall:.3f}",
            f"{row.cpu:.3f}",
            f"{row.ratio:.1f}×",
            *target_cells(row.case.target, row.cpu),
        )
    return table


def _cells(row: Row) -> list[str]:
    ratio = f"{row.ratio:.2f}×" if row.ratio is not None else ""
    return [
        row.case,
        str(row.ops),
        f"{row.per_op_us:,.1f}",
        f"{row.ops_per_s:,.0f}",
        row.baseline,
        ratio,
        *target_cells(row.target, row.judged),
    ]
