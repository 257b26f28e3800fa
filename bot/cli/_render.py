"""Rich renderings shared by CLI commands (debrief, turn scores)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.cli._context import soft_wrap

if TYPE_CHECKING:  # `transcripts list` imports this module: it must not load the debrief's cues
    from dialogues.debrief import Debrief
    from dialogues.scenario import Scenario

AREA_TITLES = {
    "active_listening": "Active listening",
    "trust_building": "Trust building",
    "interim_proposals": "Interim proposals",
    "penalties": "Penalties",
}


def brief_panel(scenario: Scenario) -> Panel:
    """The public brief under the scenario's title, as plain text: authors write brackets
    ("[see appendix]", "[/]") that rich would otherwise read as markup, hide or choke on
    after the session has already been created."""
    return Panel(
        Text(scenario.brief.public.strip()),
        title=Text(scenario.title, style="bold"),
        expand=False,
    )


def render_debrief(console: Console, debrief: Debrief) -> None:
    """The after-action review: scores per skill, best moments quoted, what to try next."""
    data: dict[str, Any] = debrief.to_dict()
    wrap = soft_wrap(console)
    console.rule(f"[bold]Debrief — outcome: {data.get('outcome', '?')}[/]")
    table = Table(show_header=True, header_style="bold")
    table.add_column("Skill")
    table.add_column("Points", justify="right")
    for area, value in data.get("totals", {}).items():
        table.add_row(AREA_TITLES.get(area, area), f"{value:+.1f}")
    console.print(table)
    strengths = data.get("strengths") or []
    if strengths:
        console.print("[bold]Strengths[/]")
        for item in strengths:
            console.print(f"  • {item}", soft_wrap=True, markup=False)
    moments = data.get("best_moments") or []
    if moments:
        console.print("[bold]Best moments[/]")
        for moment in moments:
            quote = moment.get("quote", "")
            why = moment.get("reason") or ", ".join(moment.get("codes", []))
            console.print(f'  • "{quote}" — {why}', soft_wrap=wrap, markup=False)
    setbacks = data.get("setbacks") or []
    if setbacks:
        # As prominent as the best moments: the penalised words quoted, with what they cost.
        console.print("[bold]What went wrong[/]")
        for item in setbacks:
            wrong = Text.assemble(
                f"  • Turn {item.get('turn', '?')}: ",
                f'"{item.get("quote", "")}"',
                " — ",
                (f"{item.get('points', 0):+.1f}", "bold red"),
                f" {item.get('reason', '')}",
            )
            console.print(wrong, soft_wrap=wrap)
    missed = data.get("missed_openings") or []
    if missed:
        console.print("[bold]Missed openings[/]")
        for item in missed:
            text = item if isinstance(item, str) else item.get("text", str(item))
            console.print(f"  • {text}", soft_wrap=wrap, markup=False)
    arc = data.get("meter_arc") or []
    if arc:
        line = " → ".join(
            f"{m.get('trust', 0)}/{m.get('tension', 0)}/{m.get('heard', 0)}" for m in arc[-8:]
        )
        console.print(f"[dim]Meters (trust/tension/heard), last turns: {line}[/]")
    if data.get("next_time"):
        console.print(Text.assemble(("Next time:", "bold"), " ", data["next_time"]), soft_wrap=wrap)
