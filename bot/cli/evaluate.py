"""`parley eval`: what the scorer and the counterpart are worth, measured honestly.

Four tables (docs/rubric.md, "How agreement is measured"):

1. **First sight**: the frozen test split of the independent corpus (writers the heads never
   learned from), per code: the scorer against the adjudicated labels, the keyword baseline,
   and the two annotators against each other (the human ceiling). Its hash is printed so a
   figure can be tied to the exact split it came from.
2. **Public corpora** (`$PARLEY_SHARED_DATA`, else `<repo>/../shared/data`, when present): a head
   per mapped label under grouped cross-validation, beside the keyword baseline.
3. **Play**: skilled, gaming and generic scripts by independent writers, in every scenario they
   fit, at every level (skilled: normal), with agreement rates and message counts.
4. **Responsiveness**: probe messages with the topic a listener expects answered.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.table import Table

from bot.cli._context import console, err_console, require_extra
from dialogues.scoring.evaluation import MIN_SUPPORT, SHARED_VIEWS, CodeMetrics

REPO = Path(__file__).resolve().parents[2]
KAPPA_TARGET = 0.75
KAPPA_FLOOR = 0.55
CEILING_GAP = 0.10
WIDE_OUTPUT = 140


def shared_data_dir(explicit: Path | None = None) -> Path:
    """Where the shared labelled corpora are expected."""
    if explicit is not None:
        return explicit
    env = os.environ.get("PARLEY_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=title, header_style="bold", title_justify="left", box=box.SIMPLE_HEAD)
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right", no_wrap=True)
    table.caption_justify = "left"
    return table


def _f(value: float) -> str:
    return "—" if value != value else f"{value:.2f}"


def first_sight_table(summary: dict[str, Any]) -> Table:
    from dialogues.scoring.agreement import first_sight

    rows, n, digest = first_sight("test")
    table = _table(
        f"First sight — independent corpus, test split: {n} messages by writers the model never "
        f"saw (sha256 {digest[:16]})",
        ["code", "n+", "P", "R", "F1", "κ", "annotators κ", "base κ", ""],
    )
    judged = []
    for row in rows:
        m, a, b = row.scorer, row.annotators, row.baseline
        enough = m.support >= MIN_SUPPORT
        if not enough:
            note = f"[dim]n+<{MIN_SUPPORT}: too few to judge[/]"
        elif m.kappa < KAPPA_FLOOR:
            note = f"[red]κ<{KAPPA_FLOOR}[/]"
        elif a.kappa - m.kappa > CEILING_GAP:
            note = f"[yellow]>{CEILING_GAP} below annotators[/]"
        else:
            note = "[green]ok[/]"
        if enough:
            judged.append(row)
        table.add_row(
            row.code,
            str(m.support),
            _f(m.precision),
            _f(m.recall),
            _f(m.f1),
            _f(m.kappa),
            _f(a.kappa),
            _f(b.kappa),
            note,
            style="" if enough else "dim",
        )
    macro = sum(r.scorer.kappa for r in judged) / len(judged) if judged else float("nan")
    human = sum(r.annotators.kappa for r in judged) / len(judged) if judged else float("nan")
    base = sum(r.baseline.kappa for r in judged) / len(judged) if judged else float("nan")
    table.caption = (
        f"macro κ over codes with ≥{MIN_SUPPORT} positives: scorer {_f(macro)} (target ≥ "
        f"{KAPPA_TARGET}), annotators {_f(human)}, keyword baseline {_f(base)}"
    )
    summary["first_sight"] = {
        "messages": n,
        "sha256": digest,
        "macro_kappa": macro,
        "annotators_macro_kappa": human,
        "baseline_macro_kappa": base,
        "codes": {
            r.code: {
                "scorer": r.scorer.to_dict(),
                "annotators": r.annotators.to_dict(),
                "baseline": r.baseline.to_dict(),
            }
            for r in rows
        },
    }
    return table


def public_tables(folder: Path, summary: dict[str, Any]) -> list[Table]:
    require_extra("sklearn", "train", "the public-corpus cross-validation")
    from dialogues.scoring.agreement import public_cv
    from dialogues.scoring.training_data import read_jsonl

    tables = []
    for path in sorted(folder.glob("*.jsonl")):
        source = path.name.split("-", 1)[0]
        views = SHARED_VIEWS.get(source)
        if not views:
            continue
        items = [
            (r["id"].rsplit("-", 1)[0], r.get("context") or "", r["text"], frozenset(r["skills"]))
            for r in read_jsonl(path)
        ]
        results = public_cv(items, views)
        table = _table(
            f"{path.stem} — {len(items)} utterances, grouped 5-fold CV by dialogue",
            ["label ≈ our codes", "n+", "κ", "base κ", ""],
        )
        for name, ours, base in results:
            view = next(v for v in views if v.name == name)
            table.add_row(
                f"{name} ≈ {view.maps_to}",
                str(ours.support),
                _f(ours.kappa),
                _f(base.kappa),
                "[green]above base[/]" if ours.kappa > base.kappa else "[red]not above base[/]",
            )
        summary.setdefault("public", {})[path.stem] = {
            name: {"scorer": o.to_dict(), "baseline": b.to_dict()} for name, o, b in results
        }
        tables.append(table)
    return tables


def play_table(summary: dict[str, Any]) -> Table:
    from dialogues.catalogue import ScenarioCatalogue
    from dialogues.playtest import load_scripts, play_all

    kinds = play_all(load_scripts(), ScenarioCatalogue().ids())
    table = _table(
        "Play — scripts by independent writers (skilled at normal and hard; others at every "
        "level, 3 seeds)",
        ["kind", "runs", "agreements", "rate", "median messages to agree", "target"],
    )
    targets = {"skilled": "≥ 90%, 12–25 messages", "gaming": "0", "generic": "0"}
    for kind, s in sorted(kinds.items()):
        rate = s.agreements / len(s.plays) if s.plays else 0.0
        table.add_row(
            kind,
            str(len(s.plays)),
            str(s.agreements),
            f"{rate:.0%}",
            _f(s.median_messages),
            "longer than at normal" if kind.endswith("at hard") else targets[kind.split(" ")[0]],
        )
        summary.setdefault("play", {})[kind] = {
            "runs": len(s.plays),
            "agreements": s.agreements,
            "median_messages": s.median_messages,
            "losses": sorted({p.outcome for p in s.plays}),
        }
    table.caption = (
        "calibration: scripts by writer s1, watched while the engine's factors were set; "
        "held-out: writer s2, never used to set anything"
    )
    return table


def responsiveness_table(summary: dict[str, Any]) -> Table:
    from dialogues.playtest import load_probes, play_probes

    results = play_probes(load_probes())
    held_out = [r for r in results if r.probe.split == "held-out"]
    development = [r for r in results if r.probe.split != "held-out"]
    table = _table(
        "Responsiveness — held-out probe messages by an independent writer, first message "
        "of a session",
        ["scenario", "probes", "on expected topic", "contradictions"],
    )
    by_scenario: dict[str, list[Any]] = {}
    for r in held_out:
        by_scenario.setdefault(r.probe.scenario, []).append(r)
    for scenario, rs in sorted(by_scenario.items()):
        on = sum(r.on_topic for r in rs)
        table.add_row(
            scenario,
            str(len(rs)),
            f"{on / len(rs):.0%}",
            str(sum(bool(r.contradiction) for r in rs)),
        )
    summary["responsiveness"] = {}
    captions = []
    for name, rs in (("held-out", held_out), ("development", development)):
        on = sum(r.on_topic for r in rs)
        contradictions = sum(bool(r.contradiction) for r in rs)
        summary["responsiveness"][name] = {
            "probes": len(rs),
            "on_topic": on,
            "contradictions": contradictions,
        }
        captions.append(
            f"{name}: {on}/{len(rs)} on the expected topic ({on / max(1, len(rs)):.0%}), "
            f"{contradictions} contradictions"
        )
    table.caption = "; ".join(captions) + " (targets: ≥ 90%, 0 contradictions)"
    return table


@click.command("eval")
@click.option(
    "--shared",
    "shared_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of public labelled corpora (default: $PARLEY_SHARED_DATA or ../shared/data).",
)
@click.option(
    "--only",
    type=click.Choice(["first-sight", "public", "play", "responsiveness"]),
    multiple=True,
    help="Run only these parts (repeatable); default: all four.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the figures as JSON to this file.",
)
def evaluate(shared_path: Path | None, only: tuple[str, ...], json_path: Path | None) -> None:
    """Scorer agreement (first sight, annotators, public corpora), play and responsiveness."""
    parts = set(only) or {"first-sight", "public", "play", "responsiveness"}
    if not console.is_terminal:
        # Logs and CI: rich would squeeze the tables into 80 columns and hide the figures.
        console.width = max(console.width, WIDE_OUTPUT)
    summary: dict[str, Any] = {}
    if "first-sight" in parts:
        console.print(first_sight_table(summary))
    if "public" in parts:
        folder = shared_data_dir(shared_path)
        if folder.is_dir():
            console.print(f"Public labelled data: {folder}")
            for table in public_tables(folder, summary):
                console.print(table)
        else:
            console.print(
                f"Public labelled data not found at {folder}: skipped "
                "(set PARLEY_SHARED_DATA to its folder)."
            )
    if "play" in parts:
        console.print(play_table(summary))
    if "responsiveness" in parts:
        console.print(responsiveness_table(summary))
    if json_path is not None:
        try:
            json_path.write_text(json.dumps(summary, indent=2, default=_json), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {json_path}: {exc.strerror}") from None
        err_console.print(f"Figures written to {json_path}")


def _json(value: Any) -> Any:
    if isinstance(value, CodeMetrics):
        return value.to_dict()
    if isinstance(value, float) and value != value:
        return None
    return str(value)
