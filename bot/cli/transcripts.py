"""`parley transcripts list|show|search|compare`: review stored sessions from the command line.

People appear as pseudonyms unless `--identified` is given, as in exports.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from bot.cli._context import console, db_option, soft_wrap
from bot.cli._render import AREA_TITLES
from bot.cli._store import clear_errors, filtered_snapshot, read_and_print
from bot.cli.compare import compare_sessions
from dialogues.scoring.model import skill_profile
from state.errors import UnknownSession
from state.export import ORDERS, Filters, collect, session_rows
from state.overrides import AREAS, audit, describe, session_totals
from state.search import MARK_END, MARK_START, WHO, SearchHit, Who, search_turns
from state.store import SqliteStore

# `oldest` is the export order; a person listing sessions wants the newest or the best.
LIST_ORDERS = {name: sql for name, sql in ORDERS.items() if name != "oldest"}
SKILL_SHORT = {
    "active_listening": "AL",
    "trust_building": "TB",
    "interim_proposals": "IP",
    "restraint": "res",
    "overall": "all",
}

AREA_SHORT = {
    "active_listening": "AL",
    "trust_building": "TB",
    "interim_proposals": "IP",
    "penalties": "pen",
}


@click.group()
def transcripts() -> None:
    """List, show and search stored practice sessions."""


@transcripts.command("list")
@click.option("--user", default=None, help="Discord id or u-… pseudonym.")
@click.option("--scenario", default=None, help="Scenario id.")
@click.option("--since", default=None, help="Sessions started on or after this date (YYYY-MM-DD).")
@click.option(
    "--status",
    type=click.Choice(["open", "active", "paused", "ended"]),
    default=None,
    help="open = not yet ended.",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option(
    "--sort",
    type=click.Choice(list(LIST_ORDERS)),
    default="recent",
    show_default=True,
    help="recent first, or best first by a 0-100 skill score (overall, active_listening, "
    "trust_building, interim_proposals, restraint) or by raw points (total).",
)
@click.option("--identified", is_flag=True, help="Show Discord ids instead of pseudonyms.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one list) instead of a table.")
@db_option
@clear_errors
def list_sessions(
    user: str | None,
    scenario: str | None,
    since: str | None,
    status: str | None,
    limit: int,
    sort: str,
    identified: bool,
    as_json: bool,
    db_path: Path | None,
) -> None:
    """Sessions with outcome, turns, 0-100 skill scores per turn played and raw points.

    Skill scores compare sessions of any length fairly (a long session of filler does not
    outrank a short one won on substance); the raw sums stay beside them.
    """
    filters = Filters(since=since, user=user, scenario=scenario, status=status)
    with filtered_snapshot(db_path, filters) as (_store, db):
        sessions = list(session_rows(db, filters, identified=identified, order=sort, limit=limit))
    if as_json:
        click.echo(json.dumps(sessions, ensure_ascii=False, indent=1))
        return
    if not sessions:
        console.print("No sessions match.")
        return
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=True)
    heads = ("id", "started", "user", "scenario", "v", "mode", "outcome", "turns")
    for column in (*heads, *SKILL_SHORT.values(), "points"):
        numeric = column not in ("id", "started", "user", "scenario", "mode", "outcome")
        table.add_column(
            column,
            # the id is what the other commands take: never cut; on a narrow terminal the
            # text columns fold onto a second line rather than losing their ends
            no_wrap=numeric or column == "id",
            min_width=12 if column == "id" else None,
            overflow="fold",
            justify="right" if numeric else "left",
        )
    for s in sessions:
        who = s.get("user_external_id") or s["user"] if identified else s["user"]
        table.add_row(
            s["session_id"],
            s["created_at"][:10],
            escape(who),
            escape(s["scenario_id"]),
            str(s["scenario_version"]),
            s["mode"],
            s["outcome"] if s["status"] == "ended" else f"{s['status']}",
            str(s["turns"]),
            *(f"{s[f'skill_{skill}']:.0f}" for skill in SKILL_SHORT),
            f"{s['total']:+.1f}" + ("*" if s["overridden"] else ""),
        )
    # Piped into a file or a pager, use the width the table needs rather than 80 columns.
    (console if console.is_terminal else Console(width=max(console.width, 160))).print(table)
    console.print(
        "[dim]AL TB IP: active listening, trust building, interim proposals; res: restraint "
        "(100 = no penalties); all: overall; each 0-100 per turn played. points: raw sum.[/]"
    )
    if any(s["overridden"] for s in sessions):
        console.print("[dim]* corrected by a coordinator (parley override list ID)[/]")


@transcripts.command("show")
@click.argument("session_id")
@click.option("--identified", is_flag=True, help="Show Discord ids instead of pseudonyms.")
@click.option("--json", "as_json", is_flag=True, help="Print the session as JSON.")
@db_option
@clear_errors
def show(session_id: str, identified: bool, as_json: bool, db_path: Path | None) -> None:
    """One session turn by turn: messages, codes with evidence, points, replies, meters."""
    read_and_print(
        db_path, lambda store: _session_data(store, session_id, identified), as_json, _render
    )


def _session_data(store: SqliteStore, session_id: str, identified: bool) -> dict[str, Any]:
    record = store.get_session(session_id)
    if record is None:
        raise UnknownSession(f"no session with id {session_id!r} (see parley transcripts list)")
    [summary], _ = collect(store, session_id=session_id, identified=identified)
    turns = store.turns(session_id)
    events = store.events(session_id)
    user = summary.get("user_external_id") or summary["user"] if identified else summary["user"]
    totals = session_totals(store, session_id)
    return {
        "session": {**summary, "display_user": user, "opening": record.opening},
        "totals": totals,
        "profile": skill_profile(totals, len(turns)),
        "turns": [
            {
                "turn": t.index + 1,  # numbered from 1, as in the debrief and `override turn`
                "created_at": t.created_at,
                "text": t.text,
                "score": t.score,
                "reply": t.reply,
                "state": t.state,
                "meters": t.meters,
                "hint": t.hint,
            }
            for t in turns
        ],
        "events": [
            {"kind": e.kind, "detail": e.detail, "created_at": e.created_at} for e in events
        ],
        "corrections": audit(store, session_id)
        if identified
        else [{k: v for k, v in entry.items() if k != "who"} for entry in audit(store, session_id)],
    }


def _points(points: dict[str, float]) -> str:
    shown = [f"{AREA_SHORT[a]} {points[a]:+.1f}" for a in AREAS if points.get(a)]
    return " · ".join(shown) or "no points"


def _render(data: dict[str, Any]) -> None:
    s, totals = data["session"], data["totals"]
    wrap = soft_wrap(console)
    console.rule(f"[bold]Session {escape(s['session_id'])}[/]")
    console.print(
        f"{escape(s['scenario_id'])} v{s['scenario_version']} · rubric {escape(s['rubric'])} · "
        f"seed {s['seed']} · {s['mode']} · {s['level']}\n"
        f"Trainee {escape(s['display_user'])} · started {s['created_at']}"
        + (f" · ended {s['ended_at']}" if s["ended_at"] else "")
        + f" · {s['status']} ({s['outcome']})",
        soft_wrap=wrap,
    )
    if s["opening"]:
        console.print(f"[bold red]Party[/]: {escape(s['opening'])}", soft_wrap=wrap)
    for turn in data["turns"]:
        score = turn["score"]
        console.print(
            f"\n[bold cyan]Turn {turn['turn']} · Trainee[/]: {escape(turn['text'])}",
            soft_wrap=wrap,
        )
        for code in score.get("codes", []):
            spans = score.get("evidence", {}).get(code, [])
            quoted = "; ".join(f'"{span["text"]}"' for span in spans)
            quoted = quoted or f"({score.get('reasons', {}).get(code, 'no evidence')})"
            console.print(
                f"   [green]{code}[/] {escape(quoted)}",
                soft_wrap=wrap,
                highlight=False,
            )
        line = f"   [bold]{_points(score.get('points', {}))}[/]"
        if score.get("flags"):
            line += f" [yellow](flags: {escape(', '.join(score['flags']))})[/]"
        console.print(line)
        if "override" in score:
            o = score["override"]
            console.print(
                f"   [magenta]corrected: {escape(o.get('why', ''))} "
                f"(was {escape(', '.join(o['original'].get('codes', [])) or 'no codes')})[/]",
                soft_wrap=wrap,
            )
        meters = " ".join(f"{k} {v}" for k, v in turn["meters"].items())
        if turn["reply"]:
            console.print(
                f"[bold red]Party[/] [dim]({escape(turn['state'])}; {meters})[/]: "
                f"{escape(turn['reply'])}",
                soft_wrap=wrap,
            )
        if turn["hint"]:
            console.print(f"   [italic green]Coach: {escape(turn['hint'])}[/]", soft_wrap=wrap)
    if data["events"]:
        console.print("\n[bold]Events[/]")
        for event in data["events"]:
            console.print(
                f"  {event['created_at']} {escape(event['kind'])} "
                f"{escape(json.dumps(event['detail'], ensure_ascii=False))}",
                soft_wrap=wrap,
            )
    table = Table(title="Points", header_style="bold")
    table.add_column("Skill")
    table.add_column("Points", justify="right")
    table.add_column("Profile (0-100 per turn)", justify="right")
    profile = data["profile"]
    for area in AREAS:
        shown = profile.get(area, profile["restraint"] if area == "penalties" else 0.0)
        table.add_row(AREA_TITLES[area], f"{totals[area]:+.1f}", f"{shown:.0f}")
    table.add_row(
        "[bold]Total[/]", f"[bold]{totals['total']:+.1f}[/]", f"[bold]{profile['overall']:.0f}[/]"
    )
    console.print(table)
    if totals["overridden"]:
        console.print("[magenta]Includes coordinators' corrections:[/]")
        for entry in data["corrections"]:
            where = f"turn {entry['turn']}" if entry["target"] == "turn" else "session"
            who = f" by {entry['who']}" if "who" in entry else ""
            change = describe(entry["old"], entry["new"])
            console.print(
                f"  {entry['at']} {where}{escape(who)}: {escape(change)} — {escape(entry['why'])}",
                soft_wrap=wrap,
            )


@transcripts.command("search")
@click.argument("words")
@click.option(
    "--who",
    type=click.Choice(WHO),
    default="trainee",
    show_default=True,
    help="Whose lines: the trainee's messages, the party's replies, or both.",
)
@click.option("--scenario", default=None, help="Only this scenario.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one list).")
@db_option
@clear_errors
def search(
    words: str, who: Who, scenario: str | None, limit: int, as_json: bool, db_path: Path | None
) -> None:
    """Lines containing all the words (any text is safe: quotes, *, NEAR...)."""
    if not words.strip():
        raise click.BadParameter("give at least one word to search for", param_hint="WORDS")
    read_and_print(
        db_path,
        lambda store: search_turns(store, words, who=who, limit=limit, scenario=scenario),
        as_json,
        _print_hits,
        lambda hits: [h.to_dict() for h in hits],
    )


def _print_hits(hits: list[SearchHit]) -> None:
    if not hits:
        console.print("No lines match.")
        return
    for hit in hits:
        line = Text.assemble(
            (f"{hit.session_id} turn {hit.index + 1}", "cyan"),
            " ",
            (f"{hit.scenario_id} {hit.user} {hit.created_at[:10]}", "dim"),
            (f" {hit.who}", "magenta"),
            "\n   ",
            _highlighted(hit.snippet),
        )
        console.print(line, soft_wrap=soft_wrap(console))


def _highlighted(snippet: str) -> Text:
    """The snippet with its matched words in bold yellow, built as rich Text: trainee words
    are never parsed as markup (a backslash before a match would escape a markup tag)."""
    text = Text()
    for i, part in enumerate(snippet.replace(MARK_END, MARK_START).split(MARK_START)):
        text.append(part, style="bold yellow" if i % 2 else "")
    return text


transcripts.add_command(compare_sessions)
