"""`parley scenarios ...`: list, validate, graph and show scenarios (facilitators, authors)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from bot.cli._context import catalogue, settings
from dialogues.catalogue import BUILTIN_DIR, UnknownScenario
from dialogues.scenario import LEVELS, TERMINAL_STATES, Scenario, ScenarioError, load_scenario

# `validate`, `graph` and `show` import the engine and transitions' diagrams when they run:
# `list` (a facilitator's most frequent command) must start fast and needs neither.


def _dirs() -> list[Path]:
    return [Path(d) for d in settings().scenario_dirs]


def _shown(path: Path) -> str:
    """A path relative to the working directory when it is inside it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _resolve(ref: str) -> Scenario:
    """A scenario by id, or by the path of a YAML file (so drafts can be graphed too)."""
    path = Path(ref)
    if ref.endswith((".yaml", ".yml")) or path.is_file():
        try:
            return load_scenario(path)
        except ScenarioError as exc:
            raise click.ClickException(str(exc)) from None
    try:
        return catalogue().get(ref)
    except UnknownScenario as exc:
        raise click.ClickException(str(exc)) from None


@click.group("scenarios")
def scenarios() -> None:
    """List, check and inspect role-play scenarios (shipped and PARLEY_SCENARIO_DIRS)."""


@scenarios.command("list")
def list_scenarios() -> None:
    """Every available scenario: id, title, difficulty, version."""
    shelf = catalogue()
    console = Console()
    rows = [
        (
            scenario.id,
            scenario.title,
            scenario.difficulty,
            str(scenario.version),
            ", ".join(level for level in LEVELS if level in scenario.levels) or "-",
        )
        for scenario in shelf
    ]
    if not console.is_terminal:
        # Piped or captured: one tab-separated line per scenario, easy to grep and cut.
        click.echo("id\ttitle\tdifficulty\tversion\tlevels")
        for row in rows:
            click.echo("\t".join(row))
    else:
        table = Table(title=f"{len(shelf)} scenarios")
        table.add_column("id", no_wrap=True)
        for column in ("title", "difficulty", "version", "levels"):
            table.add_column(column)
        for row in rows:
            table.add_row(*(escape(cell) for cell in row))
        console.print(table)
    err = Console(stderr=True)
    for folder in _dirs():
        if not folder.is_dir():
            err.print(
                f"[yellow]warning[/yellow] configured folder {escape(str(folder))} does not exist",
                soft_wrap=True,
            )
    for error in shelf.errors:
        # One line per broken file, unwrapped: validate gives every problem.
        err.print(f"[red]skipped[/red] {escape(error.headline)}", soft_wrap=True)
    if shelf.errors:
        err.print("Run `parley scenarios validate` for details.")


@scenarios.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def validate(paths: tuple[Path, ...], strict: bool) -> None:
    """Check scenario files (default: shipped and configured) and report problems.

    Exits with status 1 when any file has an error (or a warning, with --strict).
    """
    from dialogues.scenario_checks import check_files

    targets = list(paths) or [BUILTIN_DIR, *(d for d in _dirs() if d.exists())]
    missing = [d for d in _dirs() if not d.exists()] if not paths else []
    reports = check_files(targets)
    console = Console()
    for folder in missing:
        console.print(f"[yellow]warning[/yellow] configured folder {folder} does not exist")
    errors = warnings = 0
    for report in reports:
        errors += len(report.errors)
        warnings += len(report.warnings)
        label = report.scenario.id if report.scenario else "not loaded"
        if report.errors:
            status = "[red]error[/red]"
        elif report.warnings:
            status = "[yellow]warnings[/yellow]"
        else:
            status = "[green]ok[/green]"
        console.print(f"{status}  {escape(_shown(report.path))} ({escape(label)})", soft_wrap=True)
        for finding in report.findings:
            colour = "red" if finding.severity == "error" else "yellow"
            console.print(f"  [{colour}]{escape(str(finding))}[/{colour}]", soft_wrap=True)
    console.print(f"{len(reports)} file(s), {errors} error(s), {warnings} warning(s)")
    if not reports:
        raise click.ClickException("no scenario files found")
    if errors or (strict and warnings):
        sys.exit(1)


@scenarios.command("graph")
@click.argument("scenario_ref", metavar="ID_OR_FILE")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
def graph(scenario_ref: str, output: Path | None) -> None:
    """The states and transitions of a scenario as a mermaid stateDiagram-v2."""
    from dialogues.scenario_diagram import mermaid

    text = mermaid(_resolve(scenario_ref))
    if output:
        source = Path(scenario_ref)
        if source.is_file() and output.exists() and output.samefile(source):
            raise click.ClickException(f"-o {output} is the scenario file itself; choose another")
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@scenarios.command("show")
@click.argument("scenario_ref", metavar="ID_OR_FILE")
def show(scenario_ref: str) -> None:
    """Briefs, meters, levels, states, hidden interests and events of one scenario."""
    from dialogues.scenario_diagram import describe_condition

    s = _resolve(scenario_ref)
    console = Console()
    console.print(
        Panel(
            escape(s.summary),
            title=f"{escape(s.title)}  [dim]{s.id} v{s.version} · {s.difficulty}[/dim]",
        )
    )
    console.print(f"[bold]{escape(s.persona.name)}[/bold], {escape(s.persona.role)}")
    console.print(Panel(escape(s.brief.public), title="Public brief (trainee)"))
    confidential = "\n".join(
        [
            escape(s.brief.confidential),
            "",
            "[bold]Interests[/bold]",
            *(f"• {escape(i)}" for i in s.brief.interests),
            "[bold]Red lines[/bold]",
            *(f"• {escape(r)}" for r in s.brief.red_lines),
            f"[bold]BATNA[/bold] {escape(s.brief.batna)}",
        ]
    )
    console.print(Panel(confidential, title="Confidential brief (party)"))

    levels = Table(title="Levels")
    for column in ("level", "trust", "tension", "heard", "threshold shift", "tension ×"):
        levels.add_column(column)
    for name in LEVELS:
        level, start = s.level(name), s.start_meters(name)
        levels.add_row(
            name + (" (default)" if name == s.difficulty else ""),
            str(start.trust),
            str(start.tension),
            str(start.heard),
            f"{level.threshold_shift:+d}",
            f"{level.tension_factor:g}",
        )
    console.print(levels)
    w = s.walkout
    console.print(
        f"Walkout when tension ≥ {w.tension} for {w.turns} turns; breakdown at turn {w.max_turns}."
    )

    states = Table(title="States")
    for column in ("state", "mood", "replies"):
        states.add_column(column)
    for state in s.states:
        table = s.replies.get(state.name, {})
        count = sum(len(v) for v in table.values())
        marker = " (start)" if state.name == s.initial else ""
        marker += " (end)" if state.name in TERMINAL_STATES else ""
        states.add_row(state.name + marker, escape(state.mood), str(count))
    console.print(states)

    transitions = Table(title="Transitions (first match from the current state wins)")
    for column in ("from", "to", "when"):
        transitions.add_column(column)
    for spec in s.transitions:
        when = escape(describe_condition(spec.when))
        transitions.add_row(", ".join(spec.source), spec.dest, when)
    console.print(transitions)

    interests = Table(title="Hidden interests")
    for column in ("id", "label", "revealed when"):
        interests.add_column(column)
    for interest in s.interests:
        when = escape(describe_condition(interest.when))
        interests.add_row(interest.id, escape(interest.label), when)
    console.print(interests)

    events = Table(title="Facilitator events (/session inject)")
    for column in ("id", "title", "effect"):
        events.add_column(column)
    for event in s.events:
        effect = ", ".join(
            f"{meter} {getattr(event.effect, meter):+d}"
            for meter in ("trust", "tension", "heard")
            if getattr(event.effect, meter)
        )
        events.add_row(event.id, escape(event.title), effect or "-")
    console.print(events)
    if s.misreadings:
        phrases = sorted({p for m in s.misreadings for p in m.phrases})
        console.print(f"[bold]Misread phrases[/bold]: {escape(', '.join(phrases))}")
