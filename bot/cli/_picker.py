"""The start-up questions of `parley practice` at a terminal: which scenario, which level, and
the trainee's name, for someone who typed `make run` and knows no option yet.

Asked only of a person at a terminal who gave no `--scenario`; what an option already says is
not asked again. Each question has a default, so Enter three times starts a session.
"""

from __future__ import annotations

from dataclasses import dataclass

import click
from rich.console import Console
from rich.prompt import Prompt
from rich.table import Table

from dialogues.catalogue import ScenarioCatalogue
from dialogues.scenario import LEVELS

DEFAULT_NAME = "terminal"


@dataclass(frozen=True)
class Choice:
    """What the trainee picked."""

    scenario_id: str
    level: str
    trainee: str


def pick(
    console: Console,
    shelf: ScenarioCatalogue,
    *,
    default_scenario: str,
    level: str | None,
    trainee: str | None,
) -> Choice:
    """Ask for the scenario (by number or id), then the level and name unless already given.

    Ctrl-D or Ctrl-C at any question ends the command before anything is stored.
    """
    scenarios = list(shelf)
    if not scenarios:
        raise click.ClickException("no scenario could be loaded: run `parley scenarios validate`")
    ids = [s.id for s in scenarios]
    table = Table(title="Scenarios", title_justify="left", header_style="bold", box=None)
    for column in ("#", "id", "title", "difficulty"):
        table.add_column(column, justify="right" if column == "#" else "left")
    for number, scenario in enumerate(scenarios, 1):
        table.add_row(str(number), scenario.id, scenario.title, scenario.difficulty)
    console.print(table)
    default = str(ids.index(default_scenario) + 1) if default_scenario in ids else "1"
    numbers = [str(n) for n in range(1, len(ids) + 1)]
    try:
        answer = Prompt.ask(
            f"Scenario (1-{len(ids)} or its id)",
            console=console,
            choices=numbers + ids,
            show_choices=False,
            default=default,
        )
        scenario = scenarios[int(answer) - 1] if answer in numbers else shelf.get(answer)
        chosen_level = level or str(
            Prompt.ask(
                f"Level ({', '.join(LEVELS)})",
                console=console,
                choices=list(LEVELS),
                show_choices=False,
                default=scenario.difficulty,
            )
        )
        while trainee is None or not trainee.strip():
            trainee = Prompt.ask(
                "Your name (it identifies your sessions)", console=console, default=DEFAULT_NAME
            )
    except (EOFError, KeyboardInterrupt):
        console.print()
        raise click.ClickException("no session was started") from None
    return Choice(scenario.id, chosen_level, trainee.strip())
