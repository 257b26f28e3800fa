"""The embeds a session shows: the public brief, the facilitator's status, the debrief.

The debrief comes from `Debrief.to_dict()`, read defensively: its richer fields (best
moments, missed openings, next time) may be strings or small dicts, and any may be absent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import discord

from bot.persona import persona_colour
from bot.text import EMBED_DESCRIPTION, FIELD_VALUE, clip, fit_embed
from dialogues.comparison import Comparison, PathSummary, Step
from dialogues.ports import SessionRecord, TurnRecord
from dialogues.scenario import Scenario

OUTCOME_TEXT = {
    "ongoing": "in progress",
    "agreement": "agreement reached",
    "walkout": "the party walked out",
    "breakdown": "talks broke down",
    "ended": "ended by a facilitator",
}
METERS = ("trust", "tension", "heard")


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _text_of(item: Any, keys: Sequence[str]) -> str:
    if isinstance(item, Mapping):
        for key in keys:
            value = item.get(key)
            if value:
                if isinstance(value, list | tuple):
                    joined = "; ".join(str(v) for v in value if v)
                    if joined:
                        return joined
                    continue
                return str(value)
        return ""
    return str(item) if item else ""


def brief_embed(
    scenario: Scenario, record: SessionRecord, trainee: discord.abc.User
) -> discord.Embed:
    embed = discord.Embed(
        title=scenario.title,
        description=scenario.brief.public,
        colour=persona_colour(scenario.persona),
    )
    embed.add_field(name="Counterpart", value=f"{scenario.persona.name}, {scenario.persona.role}")
    embed.add_field(name="Trainee", value=trainee.mention)
    embed.add_field(name="Mode", value=f"{record.mode} · {record.level}")
    embed.set_footer(
        text=f"Session {record.id} · write your messages in this thread; "
        "the counterpart answers each one."
    )
    return fit_embed(embed)


def status_embed(
    scenario: Scenario, record: SessionRecord, turns: Sequence[TurnRecord], mood: str
) -> discord.Embed:
    snapshot = record.counterpart or {}
    meters = snapshot.get("meters", {})
    bars = "\n".join(
        f"`{name:<7}` {_bar(int(meters.get(name, 0)))} {meters.get(name, 0)}" for name in METERS
    )
    embed = discord.Embed(title=f"Status · {scenario.title}", colour=discord.Colour.blurple())
    embed.add_field(name="Meters", value=bars or "none", inline=False)
    embed.add_field(name="State", value=f"{snapshot.get('state', '?')} ({mood})")
    embed.add_field(
        name="Session",
        value=f"{record.status} · {OUTCOME_TEXT.get(record.outcome, record.outcome)}",
    )
    embed.add_field(name="Turns", value=str(len(turns)))
    embed.add_field(name="Mode", value=f"{record.mode} · {record.level} · seed {record.seed}")
    revealed = snapshot.get("revealed") or []
    if revealed:
        embed.add_field(name="Revealed interests", value=", ".join(revealed), inline=False)
    embed.set_footer(text=f"Session {record.id} · only you can see this")
    return fit_embed(embed)


def _bar(value: int, width: int = 10) -> str:
    filled = max(0, min(width, round(value / 100 * width)))
    return "█" * filled + "░" * (width - filled)


def debrief_embed(
    scenario: Scenario, record: SessionRecord, debrief: Mapping[str, Any]
) -> discord.Embed:
    """Scores per skill, best moments quoted, missed openings, the meters' arc, next time."""
    outcome = str(debrief.get("outcome") or record.outcome)
    embed = discord.Embed(
        title=f"Debrief · {scenario.title}",
        description=f"Outcome: **{OUTCOME_TEXT.get(outcome, outcome)}**",
        colour=discord.Colour.gold(),
    )
    totals = debrief.get("totals") or {}
    if isinstance(totals, Mapping) and totals:
        lines = [f"**{_label(str(k))}**: {_number(v)}" for k, v in totals.items()]
        embed.add_field(name="Scores", value="\n".join(lines), inline=False)
    strengths = [str(s) for s in _items(debrief.get("strengths")) if s]
    if strengths:
        embed.add_field(name="Strengths", value=_join([f"• {s}" for s in strengths]), inline=False)
    moments = _items(debrief.get("best_moments"))
    if moments:
        lines = []
        for item in moments[:5]:
            quote = _text_of(item, ("quote", "text", "excerpt", "message", "evidence"))
            why = _text_of(item, ("why", "reason", "label", "codes", "code", "skill"))
            if quote:
                # The trainee's own words: shown as typed, never as Discord markdown (a masked
                # link or a code fence in a message must not render inside the debrief).
                quote, why = plain(clip(quote, 200)), plain(clip(why, 120))
                turn = item.get("turn") if isinstance(item, Mapping) else None
                line = f"> {quote}" + (f" (turn {turn})" if turn else "")
                lines.append(f"{line}\n— {why}" if why else line)
        if lines:
            embed.add_field(name="Best moments", value=_join(lines), inline=False)
    setbacks = _items(debrief.get("setbacks"))
    if setbacks:
        lines = []
        for item in setbacks[:5]:
            if not isinstance(item, Mapping) or not item.get("quote"):
                continue
            # Quoted as typed, never as markdown or mentions (as the best moments are).
            quote = plain(clip(str(item["quote"]), 200))
            why = plain(clip(str(item.get("reason", "")), 160))
            cost = _number(item.get("points", 0))
            lines.append(f"> {quote} (turn {item.get('turn')})\n— {cost} {why}")
        if lines:
            embed.add_field(name="What went wrong", value=_join(lines), inline=False)
    missed = _items(debrief.get("missed_openings"))
    if missed:
        lines = [
            f"• {clip(text, 250)}"
            for text in (
                _text_of(i, ("text", "description", "what", "hint", "reason")) for i in missed[:5]
            )
            if text
        ]
        if lines:
            embed.add_field(name="Missed openings", value=_join(lines), inline=False)
    arc = _items(debrief.get("meter_arc"))
    if arc and isinstance(arc[0], Mapping) and isinstance(arc[-1], Mapping):
        first, last = arc[0], arc[-1]
        parts = [
            f"{m} {first.get(m, '?')}→{last.get(m, '?')}" for m in METERS if m in first or m in last
        ]
        if parts:
            embed.add_field(name="Meters", value=" · ".join(parts), inline=False)
    next_time = _text_of(debrief.get("next_time"), ("text", "advice", "tip"))
    if next_time:
        embed.add_field(name="Next time", value=next_time, inline=False)
    embed.set_footer(text=f"Session {record.id} · {record.mode} · rubric {record.rubric}")
    return fit_embed(embed)


def kept_embed(record: SessionRecord, turns: Sequence[TurnRecord]) -> discord.Embed:
    """The shared part of a branch in brief: each kept message and the party's answer,
    the latest ones first to go when they do not all fit."""
    embed = discord.Embed(
        title="Trying again",
        colour=discord.Colour.teal(),
        description=f"From session `{record.parent_id}`, keeping "
        + (f"its first {len(turns)} turn(s):" if turns else "none of its turns: from the opening."),
    )
    lines = [
        f"**{t.index + 1}.** {plain(clip(t.text, 160))}\n↳ *{plain(clip(t.reply, 160))}*"
        if t.reply
        else f"**{t.index + 1}.** {plain(clip(t.text, 160))}"
        for t in turns
    ]
    budget = EMBED_DESCRIPTION - len(embed.description or "") - 100
    shown: list[str] = []
    for line in reversed(lines):  # the turns just before the branch point matter most
        if sum(len(x) + 1 for x in shown) + len(line) > budget:
            shown.append(f"… {len(lines) - len(shown)} earlier turn(s)")
            break
        shown.append(line)
    if shown:
        embed.description = f"{embed.description}\n" + "\n".join(reversed(shown))
    embed.set_footer(text=f"Session {record.id} · your next message continues from here")
    return fit_embed(embed)


def comparison_embed(comparison: Comparison) -> discord.Embed:
    """A branch's debrief beside its parent: where they part, each later turn of both, and
    how each ended."""
    embed = discord.Embed(
        title="Compared with the earlier try",
        colour=discord.Colour.teal(),
        description=f"Both share their first {comparison.shared} turn(s); "
        f"they part at turn {comparison.shared + 1}.",
    )
    for label, path in (("Earlier try", comparison.a), ("This try", comparison.b)):
        embed.add_field(name=f"{label} · {path.session_id}", value=_path_line(path))
    for left, right in comparison.rows()[:6]:
        step = left or right
        assert step is not None
        embed.add_field(
            name=f"Turn {step.number}",
            value=clip(f"Earlier: {_step_line(left)}\nThis try: {_step_line(right)}", FIELD_VALUE),
            inline=False,
        )
    return fit_embed(embed)


def _path_line(path: PathSummary) -> str:
    meters = " · ".join(f"{m} {path.meters.get(m, '?')}" for m in METERS)
    return f"**{OUTCOME_TEXT.get(path.outcome, path.outcome)}**\n{path.total:+.1f} points\n{meters}"


def _step_line(step: Step | None) -> str:
    if step is None:
        return "—"
    codes = ", ".join(step.codes) or "no codes"
    return f"{plain(clip(step.text, 150))} ({codes}, {step.points:+.1f})"


def plain(text: str) -> str:
    """`text` with Discord's markdown and mentions escaped, so it shows exactly as written.

    Embeds never ping, but a `<@id>`, a role mention or `@everyone` in a trainee's message
    would still render as a mention chip inside the debrief; escaped, it reads as text.
    """
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text, as_needed=False))


def _items(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    return [value] if value else []


def _number(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:g}" if number == int(number) else f"{number:.1f}"


def _join(lines: list[str]) -> str:
    """Lines joined up to a field's 1,024 characters, dropping whole lines rather than cutting."""
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > FIELD_VALUE:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept) or clip(lines[0], FIELD_VALUE)
