"""The pictures: matplotlib figures of the series in `bot.charts.series`, and their PNG bytes.

Only the object-oriented API with the Agg canvas is used (no pyplot): no display is needed,
no global figure state is kept, and the bot can draw in a worker thread while it keeps
answering. Every plotted artist carries a `gid` naming its series (`arc0:trust`,
`skill:overall`, `cohort:restraint:buffer-zone`), so tests read back exactly what is drawn.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.charts.series import METERS, SKILLS, MeterArc, SessionScores, skill_name

METER_COLOURS = {"trust": "tab:green", "tension": "tab:red", "heard": "tab:blue"}
ARC_STYLES = ("-", "--", ":", "-.")
SKILL_COLOURS = {
    "active_listening": "tab:blue",
    "trust_building": "tab:green",
    "interim_proposals": "tab:orange",
    "restraint": "tab:purple",
    "overall": "black",
}
# Tick labels beyond this many sessions would overlap; every n-th is shown instead.
MAX_TICKS = 12
DPI = 100


def meter_arc_figure(arcs: Sequence[MeterArc], title: str = "") -> Figure:
    """Trust, tension and heard over the turns, one panel each, for one or more sessions.

    Dots mark the turns after which a meter moved; vertical lines mark events (placed
    between the turns they fell between). One arc is coloured by meter; several (a branch
    and its parent) share each panel, one colour and line style per session.
    """
    if not arcs:
        raise ValueError("a meter-arc chart needs at least one session")
    figure = Figure(figsize=(8, 6), dpi=DPI, layout="constrained")
    axes = figure.subplots(len(METERS), 1, sharex=True)
    several = len(arcs) > 1
    for i, arc in enumerate(arcs):
        style = ARC_STYLES[i % len(ARC_STYLES)]
        name = arc.label or f"session {i + 1}"
        for ax, meter in zip(axes, METERS, strict=True):
            colour = f"C{i}" if several else METER_COLOURS[meter]
            values = arc.meters[meter]
            ax.plot(
                arc.turns,
                values,
                linestyle=style,
                color=colour,
                label=name,
                gid=f"arc{i}:{meter}",
            )
            moved = arc.moved[meter]
            ax.plot(
                moved,
                [values[arc.turns.index(t)] for t in moved],
                linestyle="none",
                marker="o",
                markersize=4,
                color=colour,
                gid=f"arc{i}:{meter}:moved",
            )
            for event in arc.events:
                ax.axvline(
                    event.after_turn + 0.5,
                    color=colour if several else "grey",
                    linestyle=style if several else "--",
                    linewidth=0.8,
                    alpha=0.4 if event.kind == "hint" else 0.8,
                    gid=f"arc{i}:event:{event.kind}",
                )
        for event in arc.events:
            if event.kind != "hint":  # hints can come every turn: lines only, no labels
                axes[0].annotate(
                    event.label,
                    (event.after_turn + 0.5, 0.97),
                    xycoords=("data", "axes fraction"),
                    rotation=90,
                    fontsize=7,
                    ha="right",
                    va="top",
                    color="dimgrey",
                )
    for ax, meter in zip(axes, METERS, strict=True):
        ax.set_ylim(-2, 102)
        ax.set_ylabel(meter)
        ax.grid(True, alpha=0.3)
    axes[-1].set_xlabel("turn (0 = start)")
    axes[-1].xaxis.get_major_locator().set_params(integer=True)
    if several:
        axes[0].legend(loc="upper left", fontsize=8)
    figure.suptitle(title or "The party's meters over the session")
    return figure


def progress_figure(sessions: Sequence[SessionScores], title: str = "") -> Figure:
    """A trainee's normalised skill scores (0-100) session by session, raw totals beneath."""
    if not sessions:
        raise ValueError("a progress chart needs at least one played session")
    figure = Figure(figsize=(9, 5), dpi=DPI, layout="constrained")
    ax = figure.subplots()
    xs = list(range(1, len(sessions) + 1))
    for skill in SKILLS:
        ax.plot(
            xs,
            [s.profile[skill] for s in sessions],
            marker="o",
            markersize=4,
            linewidth=2.5 if skill == "overall" else 1.5,
            color=SKILL_COLOURS[skill],
            label=skill_name(skill),
            gid=f"skill:{skill}",
        )
    step = max(1, -(-len(xs) // MAX_TICKS))
    ax.set_xticks(xs[::step])
    ax.set_xticklabels(
        [
            f"{s.date[5:] or '?'}\n{s.scenario_id[:18]}\n{s.raw['total']:+.0f} raw"
            for s in sessions[::step]
        ],
        fontsize=7,
    )
    ax.set_ylim(-2, 102)
    ax.set_ylabel("score (0-100, per turn played)")
    ax.set_xlabel("session (date, scenario, raw total points)")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    figure.suptitle(title or "Skill profile across sessions")
    return figure


def cohort_figure(
    distribution: Mapping[str, Mapping[str, Sequence[float]]], title: str = ""
) -> Figure:
    """Per skill, the spread of session scores in each scenario: a box and every session."""
    scenarios = sorted({scenario for groups in distribution.values() for scenario in groups})
    if not scenarios:
        raise ValueError("a cohort chart needs at least one played session")
    figure = Figure(figsize=(max(8, 1.2 * len(scenarios) * 2), 7), dpi=DPI, layout="constrained")
    axes = figure.subplots(2, 3, sharey=True).flatten()
    for ax, skill in zip(axes, SKILLS, strict=False):
        groups = distribution.get(skill, {})
        values = [list(groups.get(scenario, ())) for scenario in scenarios]
        positions = list(range(1, len(scenarios) + 1))
        ax.boxplot(values, positions=positions, widths=0.5, showfliers=False)
        for position, scenario, points in zip(positions, scenarios, values, strict=True):
            # A small fixed spread, so equal scores stay visible as several dots.
            offsets = [position + 0.15 * ((k % 5) - 2) / 2 for k in range(len(points))]
            ax.scatter(
                offsets, points, s=12, alpha=0.7, color="tab:blue", gid=f"cohort:{skill}:{scenario}"
            )
        ax.set_title(skill_name(skill), fontsize=10)
        ax.set_xticks(positions)
        ax.set_xticklabels(scenarios, rotation=30, ha="right", fontsize=7)
        ax.set_ylim(-2, 102)
        ax.grid(True, axis="y", alpha=0.3)
    for ax in axes[len(SKILLS) :]:
        ax.set_visible(False)
    figure.suptitle(title or "Scores per skill and scenario (0-100, per turn played)")
    return figure


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes, rendered by the Agg canvas."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()
