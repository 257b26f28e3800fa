"""`parley report`: progress and cohort charts as PNG files, with a table of the same scores.

Scores are normalised (0-100 per turn played, `skill_profile`) so sessions of any length
compare fairly; the raw sums stay beside them in the table and in `scores.csv`. Every file
is drawn in memory first and written only when all of them are ready: a failure leaves no
half-written report behind.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.charts.series import (
    AREAS,
    SKILL_SHORT,
    SKILLS,
    SessionScores,
    cohort_distribution,
    session_arc,
    session_scores,
)
from bot.cli._charts import require_charts
from bot.cli._context import catalogue, console, db_option, err_console
from bot.cli._store import clear_errors, existing_store, filtered_snapshot
from dialogues.service import SessionService
from state.export import Filters, session_rows, to_csv

DEFAULT_OUT = Path("parley-report")
SCORE_COLUMNS = [
    "session_id",
    "user",
    "scenario_id",
    "date",
    "turns",
    *SKILLS,
    *(f"raw_{area}" for area in AREAS),
    "raw_total",
]


@click.command()
@click.option("--trainee", default=None, help="Only this trainee (Discord id or u-… pseudonym).")
@click.option("--scenario", default=None, help="Only this scenario id.")
@click.option("--since", default=None, help="Sessions started on or after this date (YYYY-MM-DD).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the chart files (created if needed).",
)
@click.option("--arcs", is_flag=True, help="Also draw each session's meter arc.")
@db_option
@clear_errors
def report(
    trainee: str | None,
    scenario: str | None,
    since: str | None,
    out_dir: Path,
    arcs: bool,
    db_path: Path | None,
) -> None:
    """Charts of the stored sessions: each trainee's progress and the cohort per scenario.

    Writes `cohort.png`, `progress-<trainee>.png` per trainee, `scores.csv` (normalised
    scores with the raw sums beside them) and, with --arcs, `arc-<session>.png`.
    """
    require_charts()
    from bot.charts.draw import cohort_figure, meter_arc_figure, png, progress_figure

    filters = Filters(since=since, user=trainee, scenario=scenario)
    with filtered_snapshot(db_path, filters) as (_store, db):
        rows = list(session_rows(db, filters))
    users = {str(row["session_id"]): str(row["user"]) for row in rows}
    sessions = session_scores(rows)
    if not sessions:
        raise click.ClickException("no played sessions match; nothing was written")
    by_user: dict[str, list[SessionScores]] = defaultdict(list)
    for session in sessions:
        by_user[users[session.session_id]].append(session)

    files: dict[str, bytes] = {
        "cohort.png": png(cohort_figure(cohort_distribution(sessions), title=_title(scenario))),
        "scores.csv": to_csv(_score_rows(sessions, users), SCORE_COLUMNS).encode("utf-8"),
    }
    for user, theirs in by_user.items():
        files[f"progress-{_safe(user)}.png"] = png(
            progress_figure(theirs, title=f"Skill profile across sessions · {user}")
        )
    if arcs:
        with existing_store(db_path) as store:
            service = SessionService(store, catalogue())
            for session in sessions:
                arc = session_arc(service, session.session_id, whispers=True)
                files[f"arc-{_safe(session.session_id)}.png"] = png(
                    meter_arc_figure([arc], title=f"Meters · {session.scenario_id} · {arc.label}")
                )

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (out_dir / name).write_bytes(data)
    except OSError as exc:
        raise click.ClickException(
            f"cannot write the report to {out_dir}: {exc.strerror}"
        ) from None
    _print_table(by_user)
    err_console.print(f"Wrote {len(files)} file(s) to {out_dir}: " + ", ".join(sorted(files)))


def _title(scenario: str | None) -> str:
    base = "Scores per skill and scenario (0-100, per turn played)"
    return f"{base} · {scenario}" if scenario else base


def _safe(name: str) -> str:
    """A file-name-safe form of a pseudonym or id (they are typed by people, too)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:64] or "_"


def _score_rows(sessions: list[SessionScores], users: dict[str, str]) -> list[dict[str, object]]:
    return [
        {
            "session_id": s.session_id,
            "user": users[s.session_id],
            "scenario_id": s.scenario_id,
            "date": s.date,
            "turns": s.turns,
            **{skill: s.profile[skill] for skill in SKILLS},
            **{f"raw_{area}": s.raw[area] for area in AREAS},
            "raw_total": s.raw["total"],
        }
        for s in sessions
    ]


def _print_table(by_user: dict[str, list[SessionScores]]) -> None:
    """Per trainee: mean normalised score per skill, and the mean raw total beside them."""
    table = Table(
        title="Mean scores per trainee (0-100 per turn played; raw = summed points)",
        header_style="bold",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("trainee", overflow="fold")
    for column in ("sessions", "turns", *(SKILL_SHORT[s] for s in SKILLS), "raw total"):
        table.add_column(column, justify="right", no_wrap=True)
    for user, theirs in sorted(by_user.items()):
        count = len(theirs)
        table.add_row(
            escape(user),
            str(count),
            str(sum(s.turns for s in theirs)),
            *(f"{sum(s.profile[skill] for s in theirs) / count:.1f}" for skill in SKILLS),
            f"{sum(s.raw['total'] for s in theirs) / count:+.1f}",
        )
    (console if console.is_terminal else Console(width=max(console.width, 120))).print(table)
