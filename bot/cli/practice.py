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
from dialogues.scoring.model import session_totals, skill_profile
from dialogues.service import (
    MAX_TURN_LIMIT,
    MIN_TURN_LIMIT,
    MODES,
    EmptyMessage,
    NotYourSession,
    SessionClosed,
    SessionNotFound,
    SessionService,
    SessionStart,
    TurnResult,
    why_unscorable,
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
    "/retry": "try again without your last message (/retry N: keep your first N messages)",
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
@click.option(
    "--branch",
    "branch_id",
    default=None,
    help="Try a stored session again from one of its turns (with --at).",
)
@click.option(
    "--at",
    "at_turn",
    type=click.IntRange(min=0),
    default=None,
    help="With --branch: keep the first N turns (0: start again from the opening line).",
)
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
    branch_id: str | None,
    at_turn: int | None,
    as_json: bool,
    chart_path: Path | None,
    db_path: Path | None,
) -> None:
    """Negotiate with a hostile party in the terminal; every turn is scored and stored."""
    ctx = click.get_current_context()
    if branch_id and resume_id:
        raise click.UsageError("give --resume or --branch, not both")
    if (branch_id is None) != (at_turn is None):
        raise click.UsageError("--branch ID and --at N go together")
    if chart_path:
        require_charts()  # before the session starts, not after the trainee has played it
    out = _Output(as_json)
    interactive = stdin_is_terminal() and not as_json
    shelf = catalogue()
    if interactive:
        enable_line_editing()
    if interactive and not resume_id and not branch_id and scenario_id is None:
        choice = pick(
            console, shelf, default_scenario=DEFAULT_SCENARIO, level=level, trainee=trainee
        )
        scenario_id, level, trainee = choice.scenario_id, choice.level, choice.trainee
    service = SessionService(open_store(db_path), shelf)
    if resume_id or branch_id:
        _warn_ignored_with_resume(ctx, out)
    try:
        if branch_id and at_turn is not None:
            given = ctx.get_parameter_source("trainee") is click.core.ParameterSource.COMMANDLINE
            actor = trainee if given and trainee else service.session(branch_id).trainee
            branched = service.branch(branch_id, at_turn, actor)
            record, scenario = branched.session, branched.scenario
            _show_brief(out, scenario)
            _show_branch(out, service, branched)
        elif resume_id:
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
    except (UnknownScenario, SessionNotFound, UnknownState, ValueError, NotYourSession) as exc:
        raise click.ClickException(str(exc)) from None
    ended = record.status == "ended"
    if interactive and not ended:
        out.note("Type your message. Commands: " + ", ".join(COMMANDS) + ". Ctrl-D to stop.")
    playing = [record.id]  # the session being played: /retry moves on to a branch of it
    try:
        _play(service, playing, scenario, out, interactive, ended)
    except KeyboardInterrupt:
        # Ctrl-C while a turn was being stored: the turn is one transaction, so it is either
        # kept whole or not at all; stop here like Ctrl-D at the prompt.
        out.console.print()
    record = service.session(playing[-1])
    if interactive and record.status != "ended":
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
    playing: list[str],
    scenario: Scenario,
    out: _Output,
    interactive: bool,
    ended: bool,
) -> None:
    """Play the trainee's lines until the input ends or the session does.

    On a terminal the debrief follows at once when the session ends; piped, one more line
    is read, so that input left unplayed is reported rather than silently dropped.
    `playing` ends with the session in play; `/retry` appends the branch it starts.
    """
    if ended and interactive:
        return
    meters = service.session(playing[-1]).counterpart["meters"]
    for line in _lines(interactive, out):
        session_id = playing[-1]
        text = line.strip()
        if ended:
            if not text:
                continue
            out.warn("The session has ended: further input is not played.")
            break
        if text.split()[0:1] == ["/retry"]:
            branched = _retry(service, session_id, text.split()[1:], out)
            if branched is not None:
                playing.append(branched.session.id)
                meters = branched.session.counterpart["meters"]
                out.status(meters, service.turns_left(branched.session.id), None)
        elif text.startswith("/") and text.split()[0] in COMMANDS:
            ended = _command(text.split()[0], service, session_id, scenario, out)
        elif text.startswith("/") and " " not in text:
            out.warn(f"Unknown command {text!r}; try /help. Nothing was sent.")
            continue
        elif reason := why_unscorable(text):
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


def _warn_ignored_with_resume(ctx: click.Context, out: _Output) -> None:
    """A resumed session or a branch keeps its stored scenario, seed, level and mode."""
    given = [
        f"--{name.replace('_id', '')}"
        for name in ("scenario_id", "seed", "level", "mode", "trainee")
        # The trainee of a branch says who asks for it (checked against the session's).
        if not (name == "trainee" and ctx.params.get("branch_id"))
        and ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE
    ]
    if given:
        kind = "a branch" if ctx.params.get("branch_id") else "a resumed session"
        out.warn(f"{', '.join(given)} ignored: {kind} keeps its stored settings.")


def _retry(
    service: SessionService, session_id: str, args: list[str], out: _Output
) -> SessionStart | None:
    """`/retry [N]`: a branch keeping the first N turns (all but the last by default)."""
    played = len(service.store.turns(session_id))
    if len(args) > 1 or (args and not args[0].isdigit()):
        out.warn("Use /retry, or /retry N to keep your first N messages. Nothing was sent.")
        return None
    if not args and played == 0:
        out.warn("Nothing to retry yet: no message has been played.")
        return None
    keep = int(args[0]) if args else played - 1
    try:
        branched = service.branch(session_id, keep, service.session(session_id).trainee)
    except ValueError as exc:
        out.warn(f"{exc}. Nothing was sent.")
        return None
    _show_branch(out, service, branched)
    return branched


def _show_branch(out: _Output, service: SessionService, branched: SessionStart) -> None:
    """A new branch: where it comes from, the kept turns in brief, the party's last line."""
    record, scenario = branched.session, branched.scenario
    kept = service.store.turns(record.id)
    out.note(
        f"Session {record.id} tries session {record.parent_id} again, keeping "
        + (
            f"its first {len(kept)} turn{'s' if len(kept) != 1 else ''}."
            if kept
            else "none of its turns."
        )
        + f" · seed {record.seed} · {record.level} level · {record.mode} mode"
    )
    for turn in kept:
        out.note(f"  {turn.index + 1}. You: {turn.text}")
    last = kept[-1] if kept else None
    state = last.state if last else scenario.initial
    mood = scenario.state(state).mood if state in scenario.state_names else state
    out.party(scenario, mood, last.reply if last and last.reply else branched.opening)


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
        "parent_id": record.parent_id,
        "branch_at": record.branch_at,
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
                "turn": t.index + 1,
                "text": t.text,
                "codes": t.score.get("codes", []),
                "points": t.score.get("points", {}),
                "state": t.state,
                "reply": t.reply,
                "kept": t.index < record.branch_at,  # a parent's turn this branch kept
            }
            for t in turns
        ],
    }
