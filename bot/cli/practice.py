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
    command_line,
    console,
    db_option,
    err_console,
    open_store,
    soft_wrap,
)
from bot.cli._picker import DEFAULT_NAME, pick
from bot.cli._render import brief_panel, render_debrief
from bot.cli._typing import enable_line_editing, piped_lines, typed_message
from dialogues.catalogue import UnknownScenario
from dialogues.engine import IMPATIENCE_TURNS, UnknownState
from dialogues.ports import SessionRecord
from dialogues.scenario import LEVELS, Persona, Scenario
from dialogues.scoring.language import unscorable
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
    storable,
)

DEFAULT_SCENARIO = "checkpoint-convoy"
REPLAYED_EXCHANGES = 3  # what a resumed session shows of the conversation so far
METERS = ("trust", "tension", "heard")
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

    def trainee(self, turn: int, text: str) -> None:
        """A message the trainee sent earlier (a resumed session's replay), by turn number."""
        line = Text.assemble(("You", "bold cyan"), (f" (turn {turn})", "dim"), ": ", text)
        self.console.print(line, soft_wrap=soft_wrap(self.console))

    def status(
        self, meters: dict[str, int], turns_left: int | None, before: dict[str, int] | None
    ) -> None:
        """Where the trainee stands: the party's meters (with this turn's change) and the
        turns left, on one line after each reply."""
        parts = []
        for name in METERS:
            value = meters.get(name, 0)
            change = value - before.get(name, value) if before else 0
            parts.append(f"{name} {value}" + (f" ({change:+d})" if change else ""))
        if turns_left is not None:
            parts.append(f"{turns_left} turn{'s' if turns_left != 1 else ''} left")
        urgent = turns_left is not None and turns_left <= IMPATIENCE_TURNS
        self.note(" · ".join(parts), "yellow" if urgent else "dim")

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


def _trainee_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None  # asked at a terminal, else DEFAULT_NAME
    name = value.strip()
    if not name:
        raise click.BadParameter("give a name (it identifies you in the store)")
    return name


def _lines(interactive: bool, out: _Output) -> Iterator[str]:
    """Trainee messages: prompted on a terminal (a paste is one message), one per line
    otherwise, until end of input."""
    if not interactive:
        yield from piped_lines(sys.stdin, out.warn)
        return
    while True:
        try:
            yield typed_message(console, "[bold cyan]You>[/] ")
        except UnicodeDecodeError:
            out.warn(
                "That line was not readable text (check the terminal's encoding); nothing was sent."
            )
        except (EOFError, KeyboardInterrupt):
            console.print()  # leave the prompt's line, or the debrief starts on it
            return


@click.command()
@click.option(
    "--scenario",
    "scenario_id",
    default=None,
    help=f"Scenario id (parley scenarios list). At a terminal, asked with the level and your "
    f"name when not given; piped: {DEFAULT_SCENARIO}.",
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
    default=None,
    callback=_trainee_name,
    help=f"Your name in the store (asked at a terminal; piped: {DEFAULT_NAME}).",
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
    scenario_id: str | None,
    seed: int | None,
    mode: str,
    level: str | None,
    trainee: str | None,
    max_turns: int | None,
    resume_id: str | None,
    as_json: bool,
    chart_path: Path | None,
    db_path: Path | None,
) -> None:
    """Negotiate with a hostile party in the terminal; every turn is scored and stored."""
    if chart_path:
        require_charts()  # before the session starts, not after the trainee has played it
    out = _Output(as_json)
    interactive = stdin_is_terminal() and not as_json
    shelf = catalogue()
    if interactive:
        enable_line_editing()
    if interactive and not resume_id and scenario_id is None:
        choice = pick(
            console, shelf, default_scenario=DEFAULT_SCENARIO, level=level, trainee=trainee
        )
        scenario_id, level, trainee = choice.scenario_id, choice.level, choice.trainee
    service = SessionService(open_store(db_path), shelf)
    if resume_id:
        _warn_ignored_with_resume(click.get_current_context(), out)
    try:
        if resume_id:
            record = service.session(resume_id)
            scenario = service.scenario_of(resume_id)
            _show_resumed(out, service, record, scenario)
        else:
            start = service.start(
                scenario_id or DEFAULT_SCENARIO,
                trainee=trainee or DEFAULT_NAME,
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
        if record.status != "ended":
            out.status(record.counterpart["meters"], service.turns_left(record.id), None)
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
        out.note(f"Session {record.id} is still open; to continue it:")
        db = ["--db", str(db_path)] if db_path else []
        # Unwrapped, whatever the window's width: it is meant to be copied and pasted.
        out.console.print(
            Text(command_line("practice", *db, "--resume", record.id), style="bold"),
            soft_wrap=True,
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
    meters = service.session(session_id).counterpart["meters"]
    for line in _lines(interactive, out):
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
        elif reason := _unscorable(text):
            out.warn(f"Not sent, and no turn used: this message {reason}.")
            continue
        else:
            try:
                result = service.handle_turn(session_id, line)
            except EmptyMessage:
                continue
            except SessionClosed as exc:
                out.warn(f"{exc}: further input is not played.")
                return
            _show_turn(out, scenario, result, meters)
            meters = result.meters
            ended = result.outcome != "ongoing"
            if ended:
                out.note(f"The session ended: {result.outcome}.", "bold")
        if ended and interactive:
            break


def _unscorable(text: str) -> str:
    """Why the message would score nothing (see `unscorable`); "" for blank input, which is
    skipped silently like an empty Enter."""
    clean = storable(text).strip()
    return unscorable(clean) if clean else ""


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
    turns = service.store.turns(record.id)
    out.note(
        f"Resuming session {record.id} ({scenario.title}) after {len(turns)} "
        f"turn{'s' if len(turns) != 1 else ''}; the conversation so far ends:"
    )
    if len(turns) <= REPLAYED_EXCHANGES:
        out.party(scenario, _mood(scenario, scenario.initial), record.opening)
    for turn in turns[-REPLAYED_EXCHANGES:]:
        out.trainee(turn.index + 1, turn.text)
        if turn.reply:
            out.party(scenario, _mood(scenario, turn.state), turn.reply)


def _mood(scenario: Scenario, state: str) -> str:
    return scenario.state(state).mood if state in scenario.state_names else state


def _show_brief(out: _Output, scenario: Scenario) -> None:
    out.console.print(brief_panel(scenario))


def _show_turn(
    out: _Output, scenario: Scenario, result: TurnResult, before: dict[str, int]
) -> None:
    if result.notice:
        out.note(result.notice, "yellow")
    if result.reply:
        out.party(scenario, result.mood, result.reply)
    if result.outcome == "ongoing":
        out.status(result.meters, result.turns_left, before)
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
