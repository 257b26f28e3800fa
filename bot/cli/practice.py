"""`parley practice`: the offline front end, a thin shell over `SessionService`.

Interactive on a terminal (rich prompt, slash commands); line by line when input is piped,
so a whole conversation can be scripted and the result read as one JSON object.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.color import Color, ColorParseError
from rich.text import Text

from bot.cli._charts import require_charts, write_meter_arc
from bot.cli._context import (
    catalogue,
    console,
    db_option,
    err_console,
    open_store,
    soft_wrap,
)
from bot.cli._render import brief_panel, render_debrief
from dialogues.catalogue import UnknownScenario
from dialogues.engine import IMPATIENCE_TURNS, UnknownState
from dialogues.ports import SessionRecord
from dialogues.scenario import LEVELS, Persona, Scenario
from dialogues.scoring.model import session_totals, skill_profile
from dialogues.service import (
    MAX_TURN_LIMIT,
    MIN_TURN_LIMIT,
    MODES,
    EmptyMessage,
    SessionClosed,
    SessionNotFound,
    SessionService,
    TurnResult,
)

DEFAULT_SCENARIO = "checkpoint-convoy"
# The seeds Discord's `/session start` accepts (a 32-bit signed integer); SQLite stores any.
MAX_SEED = 2_147_483_647
COMMANDS = {
    "/hint": "a coaching hint for your next message (coach mode)",
    "/end": "end the session and show the debrief",
    "/brief": "show the public brief again",
    "/help": "this list",
}


@dataclass
class _Output:
    """Where the conversation is printed: stdout normally, stderr with --json (stdout is data)."""

    as_json: bool

    @property
    def console(self):
        return err_console if self.as_json else console

    def party(self, scenario: Scenario, mood: str, text: str) -> None:
        persona = scenario.persona
        line = Text.assemble(
            (persona.name, f"bold {terminal_colour(persona)}"),
            " ",
            (f"({mood})", "dim"),
            ": ",
            text,
        )
        self.console.print(line, soft_wrap=soft_wrap(self.console))

    def note(self, text: str, style: str = "dim") -> None:
        # Text, not markup: notes can quote the trainee, and "[/]" in a message must not crash.
        self.console.print(Text(text, style=style), soft_wrap=soft_wrap(self.console))

    def warn(self, text: str) -> None:
        """Problems go to stderr whatever the mode, so stdout stays the conversation or JSON."""
        err_console.print(Text(text, style="yellow"), soft_wrap=soft_wrap(err_console))


def terminal_colour(persona: Persona) -> str:
    """The persona's colour for rich: its own name when rich knows it, else the colour the
    Discord front end gives it (`orange`, `dark_gold` are Discord's names, not rich's)."""
    try:
        Color.parse(persona.colour)
        return persona.colour
    except ColorParseError:
        from bot.persona import persona_colour  # imports discord: only when needed

        return str(persona_colour(persona))


def stdin_is_terminal() -> bool:
    """Whether a person types at a terminal (prompt and slash commands) or lines are piped."""
    return sys.stdin.isatty()


def _trainee_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    name = value.strip()
    if not name:
        raise click.BadParameter("give a name (it identifies you in the store)")
    return name


def _lines(interactive: bool) -> Iterator[str]:
    """Trainee messages: prompted on a terminal, one per line otherwise, until end of input."""
    while True:
        try:
            line = console.input("[bold cyan]You>[/] ") if interactive else sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            if interactive:
                console.print()  # leave the prompt's line, or the debrief starts on it
            return
        if not interactive and line == "":
            return
        # A byte-order mark (scripts saved by Notepad) would hide a slash command.
        yield line.rstrip("\n").lstrip("\ufeff")


@click.command()
@click.option(
    "--scenario",
    "scenario_id",
    default=DEFAULT_SCENARIO,
    show_default=True,
    help="Scenario id (parley scenarios list).",
)
@click.option(
    "--seed",
    type=click.IntRange(0, MAX_SEED),
    default=None,
    help="Same seed and messages, same transcript.",
)
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="coach",
    show_default=True,
    help="coach: a hint after each reply and /hint; assess: no hints.",
)
@click.option("--level", type=click.Choice(LEVELS), default=None, help="Default: the scenario's.")
@click.option(
    "--trainee",
    default="terminal",
    show_default=True,
    callback=_trainee_name,
    help="Your name in the store.",
)
@click.option(
    "--max-turns",
    type=click.IntRange(MIN_TURN_LIMIT, MAX_TURN_LIMIT),
    default=None,
    help="Turn limit for this session (default: the scenario's).",
)
@click.option("--resume", "resume_id", default=None, help="Continue a stored session by id.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout at the end.")
@click.option(
    "--chart",
    "chart_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="When the session stops, write its meter arc to this PNG file (needs [charts]).",
)
@db_option
def practice(
    scenario_id: str,
    seed: int | None,
    mode: str,
    level: str | None,
    trainee: str,
    max_turns: int | None,
    resume_id: str | None,
    as_json: bool,
    chart_path: Path | None,
    db_path: Path | None,
) -> None:
    """Negotiate with a hostile party in the terminal; every turn is scored and stored."""
    if chart_path:
        require_charts()  # before the session starts, not after the trainee has played it
    service = SessionService(open_store(db_path), catalogue())
    out = _Output(as_json)
    interactive = stdin_is_terminal() and not as_json
    if resume_id:
        _warn_ignored_with_resume(click.get_current_context(), out)
    try:
        if resume_id:
            record = service.session(resume_id)
            scenario = service.scenario_of(resume_id)
            _show_resumed(out, service, record, scenario)
        else:
            start = service.start(
                scenario_id,
                trainee=trainee,
                mode=mode,
                level=level,
                seed=seed,
                max_turns=max_turns,
            )
            record, scenario = start.session, start.scenario
            _show_brief(out, scenario)
            out.note(
                f"Session {record.id} · seed {record.seed} · "
                f"{record.level} level · {record.mode} mode"
            )
            out.party(scenario, scenario.state(scenario.initial).mood, start.opening)
    except (UnknownScenario, SessionNotFound, UnknownState, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    ended = record.status == "ended"
    if interactive and not ended:
        out.note("Type your message. Commands: " + ", ".join(COMMANDS) + ". Ctrl-D to stop.")
    try:
        _play(service, record.id, scenario, out, interactive, ended)
    except KeyboardInterrupt:
        # Ctrl-C while a turn was being stored: the turn is one transaction, so it is either
        # kept whole or not at all; stop here like Ctrl-D at the prompt.
        out.console.print()
    if interactive and service.session(record.id).status != "ended":
        out.note(
            f"Session {record.id} is still open; to continue it: "
            f"parley practice --resume {record.id}"
        )
    debrief = service.debrief(record.id)
    if debrief.turns == 0:
        out.note("No messages were played, so there is nothing to debrief yet.")
    elif interactive or not as_json:
        render_debrief(out.console, debrief)
    if chart_path and debrief.turns:
        write_meter_arc(service, record.id, chart_path)
        out.note(f"Meter arc written to {chart_path}")
    if as_json:
        click.echo(json.dumps(_summary(service, record.id), ensure_ascii=False))


def _play(
    service: SessionService,
    session_id: str,
    scenario: Scenario,
    out: _Output,
    interactive: bool,
    ended: bool,
) -> None:
    """Play the trainee's lines until the input ends or the session does.

    On a terminal the debrief follows at once when the session ends; piped, one more line
    is read, so that input left unplayed is reported rather than silently dropped.
    """
    if ended and interactive:
        return
    for line in _lines(interactive):
        text = line.strip()
        if ended:
            if not text:
                continue
            out.warn("The session has ended: further input is not played.")
            break
        if text.startswith("/") and text.split()[0] in COMMANDS:
            ended = _command(text.split()[0], service, session_id, scenario, out)
        elif text.startswith("/") and " " not in text:
            out.warn(f"Unknown command {text!r}; try /help. Nothing was sent.")
            continue
        else:
            try:
                result = service.handle_turn(session_id, line)
            except EmptyMessage:
                continue
            except SessionClosed as exc:
                out.warn(f"{exc}: further input is not played.")
                return
            _show_turn(out, scenario, result)
            ended = result.outcome != "ongoing"
            if ended:
                out.note(f"The session ended: {result.outcome}.", "bold")
        if ended and interactive:
            break


def _warn_ignored_with_resume(ctx: click.Context, out: _Output) -> None:
    """A resumed session keeps its own scenario, seed, level, mode and trainee."""
    given = [
        f"--{name.replace('_id', '')}"
        for name in ("scenario_id", "seed", "level", "mode", "trainee")
        if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE
    ]
    if given:
        out.warn(f"{', '.join(given)} ignored: a resumed session keeps its stored settings.")


def _show_resumed(
    out: _Output, service: SessionService, record: SessionRecord, scenario: Scenario
) -> None:
    """Where a resumed session stands: ended (its debrief follows), or the party's last line."""
    if record.status == "ended":
        out.note(f"Session {record.id} ({scenario.title}) has ended ({record.outcome}).")
        return
    out.note(f"Resuming session {record.id} ({scenario.title}).")
    turns = service.store.turns(record.id)
    last = next((t for t in reversed(turns) if t.reply), None)
    state = last.state if last else scenario.initial
    mood = scenario.state(state).mood if state in scenario.state_names else state
    out.party(scenario, mood, last.reply if last else record.opening)


def _show_brief(out: _Output, scenario: Scenario) -> None:
    out.console.print(brief_panel(scenario))


def _show_turn(out: _Output, scenario: Scenario, result: TurnResult) -> None:
    if result.notice:
        out.note(result.notice, "yellow")
    if result.reply:
        out.party(scenario, result.mood, result.reply)
    if result.turns_left is not None:
        out.note(
            f"{result.turns_left} turn{'s' if result.turns_left != 1 else ''} left",
            "yellow" if result.turns_left <= IMPATIENCE_TURNS else "dim",
        )
    if result.hint:
        out.note(f"Coach: {result.hint}", "italic green")


def _command(
    name: str, service: SessionService, session_id: str, scenario: Scenario, out: _Output
) -> bool:
    """Run a slash command; returns True when it ended the session."""
    if name == "/help":
        for command, text in COMMANDS.items():
            out.note(f"{command:8} {text}", "")
    elif name == "/brief":
        _show_brief(out, scenario)
    elif name == "/hint":
        if service.session(session_id).mode != "coach":
            out.note("Hints are only available in coach mode.", "yellow")
        else:
            out.note(f"Coach: {service.hint(session_id, 'trainee')}", "italic green")
    elif name == "/end":
        service.end(session_id, "trainee", "ended from the terminal")
        out.note("You ended the session.", "bold")
        return True
    return False


def _summary(service: SessionService, session_id: str) -> dict[str, Any]:
    """The `--json` object: the whole session, earlier (resumed) turns included."""
    record = service.session(session_id)
    turns = service.store.turns(session_id)
    return {
        "session_id": record.id,
        "scenario": record.scenario_id,
        "scenario_version": record.scenario_version,
        "seed": record.seed,
        "mode": record.mode,
        "level": record.level,
        "opening": record.opening,
        "outcome": record.outcome if record.outcome != "ended" else "ongoing",
        "final_state": record.counterpart["state"],
        "meters": record.counterpart["meters"],
        "totals": (totals := session_totals(t.score for t in turns)),
        "profile": skill_profile(totals, len(turns)),
        "turns": [
            {
                "text": t.text,
                "codes": t.score.get("codes", []),
                "points": t.score.get("points", {}),
                "state": t.state,
                "reply": t.reply,
            }
            for t in turns
        ],
    }
