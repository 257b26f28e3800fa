"""`parley eval`: how far the scorer agrees with human labels, beside a keyword baseline.

Sets, in order: our labelled crisis-negotiation set (`tests/data/labelled.jsonl`, dev and
held-out parts reported apart), then the public corpora in the shared data folder
(`$PARLEY_SHARED_DATA`, else `<repo>/../shared/data`) when it exists: only the labels that
map onto our codes (see that folder's README) are evaluated.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.table import Table

from bot.cli._context import console, err_console
from dialogues.scoring import score
from dialogues.scoring.baseline import keyword_codes
from dialogues.scoring.evaluation import (
    MIN_SUPPORT,
    SHARED_VIEWS,
    LabelledItem,
    Report,
    code_views,
    parse_item,
)
from dialogues.scoring.evaluation import (
    evaluate as run_views,
)

REPO = Path(__file__).resolve().parents[2]
LABELLED = REPO / "tests" / "data" / "labelled.jsonl"
KAPPA_GOAL = 0.70


@dataclass
class DataSet:
    name: str
    items: list[LabelledItem]
    views: list[Any]
    note: str = ""


def shared_data_dir(explicit: Path | None = None) -> Path | None:
    """Where the shared labelled corpora are, if anywhere."""
    if explicit is not None:
        return explicit
    env = os.environ.get("PARLEY_SHARED_DATA")
    if env:
        return Path(env)
    return REPO.parent / "shared" / "data"


def read_items(path: Path, gold_field: str) -> tuple[list[LabelledItem], list[str]]:
    """Labelled items of a JSONL file, and a message per line that could not be read."""
    items, problems = [], []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                items.append(parse_item(json.loads(line), gold_field=gold_field))
            except (json.JSONDecodeError, ValueError) as exc:
                problems.append(f"{path.name} line {number}: {exc}")
    return items, problems


def own_sets(path: Path) -> list[DataSet]:
    items, problems = read_items(path, "codes")
    for problem in problems:
        err_console.print(problem, markup=False)
    views = code_views()
    return [
        DataSet(
            f"labelled/{split}",
            [i for i in items if i.split == split],
            views,
            "tuned on" if split == "dev" else "never tuned on",
        )
        for split in ("dev", "heldout")
    ]


def shared_sets(folder: Path) -> list[DataSet]:
    sets = []
    for path in sorted(folder.glob("*.jsonl")):
        source = path.name.split("-", 1)[0]
        views = SHARED_VIEWS.get(source)
        if not views:
            err_console.print(f"skipped {path.name}: no label mapping for source {source!r}")
            continue
        items, problems = read_items(path, "skills")
        for problem in problems[:5]:
            err_console.print(problem, markup=False)
        sets.append(DataSet(path.stem, items, list(views), "public corpus, mapped labels"))
    return sets


def _predict(text: str, context: Any) -> Iterable[str]:
    return [code.value for code in score(text, context).codes]


def _baseline(text: str, context: Any) -> Iterable[str]:
    return keyword_codes(text, context)


def _table(data: DataSet, ours: Report, base: Report, seconds: float) -> Table:
    rate = len(data.items) / seconds if seconds else float("inf")
    table = Table(
        title=f"{data.name} — {len(data.items)} messages ({data.note}); scorer {rate:,.0f} msg/s",
        header_style="bold",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("code", no_wrap=True)
    for column in ("n+", "P", "R", "F1", "κ", "base F1", "base κ"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for name, m in ours.metrics.items():
        b = base.metrics[name]
        if not m.judged:
            note = f"[dim]n+<{MIN_SUPPORT}[/]"
        elif m.kappa < b.kappa:
            note = "[red]<base[/]"
        elif m.kappa < KAPPA_GOAL:
            note = f"[yellow]κ<{KAPPA_GOAL:.2f}[/]"
        else:
            note = "[green]ok[/]"
        style = "" if m.judged else "dim"
        table.add_row(
            name,
            str(m.support),
            f"{m.precision:.2f}",
            f"{m.recall:.2f}",
            f"{m.f1:.2f}",
            f"{m.kappa:.2f}",
            f"{b.f1:.2f}",
            f"{b.kappa:.2f}",
            note,
            style=style,
        )
    mapped = [f"{v.name} ≈ {v.maps_to}" for v in data.views if v.maps_to]
    table.caption = (
        f"mean κ over codes with ≥{MIN_SUPPORT} examples: scorer {ours.mean_kappa:.2f}, "
        f"baseline {base.mean_kappa:.2f}; micro-F1 {ours.micro_f1:.2f} vs {base.micro_f1:.2f}"
        + ("".join(f"\n  {line}" for line in mapped) if mapped else "")
    )
    table.caption_justify = "left"
    return table


@click.command("eval")
@click.option(
    "--labelled",
    "labelled_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Our labelled set (default: tests/data/labelled.jsonl).",
)
@click.option(
    "--shared",
    "shared_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of public labelled corpora (default: $PARLEY_SHARED_DATA or ../shared/data).",
)
@click.option("--errors", default=0, show_default=True, help="Show N disagreements per set.")
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the figures as JSON to this file.",
)
def evaluate(
    labelled_path: Path | None, shared_path: Path | None, errors: int, json_path: Path | None
) -> None:
    """Per-code precision, recall, F1 and Cohen's κ of the scorer and a keyword baseline."""
    sets: list[DataSet] = []
    path = labelled_path or LABELLED
    if json_path is not None and json_path.exists() and path.exists() and json_path.samefile(path):
        raise click.ClickException(f"--json {json_path} is the labelled set; choose another file")
    if path.exists():
        sets += own_sets(path)
    else:
        err_console.print(f"No labelled set at {path}: skipping it (use --labelled).")
    folder = shared_data_dir(shared_path)
    if folder is not None and folder.is_dir():
        console.print(f"Shared labelled data: {folder}")
        sets += shared_sets(folder)
    else:
        console.print(
            f"Shared labelled data not found at {folder}: evaluating our own set only "
            "(set PARLEY_SHARED_DATA to its folder)."
        )
    if not sets:
        raise click.ClickException("nothing to evaluate")

    summary: list[dict[str, Any]] = []
    for data in sets:
        start = time.perf_counter()
        ours = run_views(data.items, _predict, data.views, dataset=data.name, keep_errors=errors)
        seconds = time.perf_counter() - start
        base = run_views(data.items, _baseline, data.views, dataset=data.name)
        console.print(_table(data, ours, base, seconds))
        for error in ours.errors:
            console.print(
                f"  [dim]{error['id']}[/] {', '.join(error['wrong'])}: {error['text'][:120]}",
                soft_wrap=True,
            )
        summary.append(
            {
                "dataset": data.name,
                "messages": len(data.items),
                "messages_per_second": round(len(data.items) / seconds) if seconds else None,
                "scorer": [m.to_dict() for m in ours.metrics.values()],
                "baseline": [m.to_dict() for m in base.metrics.values()],
                "mean_kappa": round(ours.mean_kappa, 3),
                "baseline_mean_kappa": round(base.mean_kappa, 3),
            }
        )
    if json_path is not None:
        try:
            json_path.write_text(
                json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8"
            )
        except OSError as exc:
            raise click.ClickException(f"cannot write {json_path}: {exc.strerror}") from None
        console.print(f"Figures written to {json_path}")
