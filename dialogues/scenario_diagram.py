"""A scenario's states and transitions as a mermaid `stateDiagram-v2`, for authors.

Built with transitions' own diagram support and its mermaid engine, which needs neither
graphviz nor any other system package; the text renders on GitHub, in most Markdown
editors and at mermaid.live. Edges are labelled with their conditions, so an author can
read at a glance what the trainee must do to move the party.
"""

from __future__ import annotations

from transitions.extensions.diagrams import GraphMachine

from dialogues.scenario import TERMINAL_STATES, Condition, Scenario


def describe_condition(when: Condition) -> str:
    """A short, diagram-safe rendering of a condition, e.g. `trust ≥ 20, heard ≥ 18`."""
    parts = []
    for meter in ("trust", "tension", "heard"):
        low, high = getattr(when, f"{meter}_min"), getattr(when, f"{meter}_max")
        if low is not None:
            parts.append(f"{meter} ≥ {low}")
        if high is not None:
            parts.append(f"{meter} ≤ {high}")
    if when.min_turns:
        parts.append(f"turn ≥ {when.min_turns}")
    if when.moves:
        moves = " or ".join(code.value for code in when.moves)
        if when.qualifiers:
            moves += f" with {when.qualifiers} qualifiers"
        parts.append(moves)
    if when.accepted:
        parts.append("terms accepted")
    # `:` and `;` end a mermaid label early.
    return ", ".join(parts).replace(":", " ").replace(";", ",") or "always"


class _Preview:
    """A model for the diagram machine; the scenario's real sessions never see it."""


def mermaid(scenario: Scenario) -> str:
    """The scenario as mermaid source, the initial state highlighted, endings marked."""
    active = [name for name in scenario.state_names if name not in TERMINAL_STATES]
    transitions = [
        {
            "trigger": "assess",
            "source": list(spec.source),
            "dest": spec.dest,
            "conditions": [describe_condition(spec.when)],
        }
        for spec in scenario.transitions
    ]
    walkout = scenario.walkout
    transitions.append(
        {
            "trigger": "assess",
            "source": active,
            "dest": "walkout",
            "conditions": [f"tension ≥ {walkout.tension} for {walkout.turns} turns"],
        }
    )
    transitions.append(
        {
            "trigger": "assess",
            "source": active,
            "dest": "breakdown",
            "conditions": [f"turn ≥ {walkout.max_turns}"],
        }
    )
    model = _Preview()
    GraphMachine(
        model=model,
        states=list(scenario.state_names),
        transitions=transitions,
        initial=scenario.initial,
        auto_transitions=False,
        graph_engine="mermaid",
        show_conditions=True,
        title=f"{scenario.title} ({scenario.id} v{scenario.version})",
    )
    source = model.get_graph().draw(None)  # type: ignore[attr-defined]
    endings = [f"  {name} --> [*]" for name in scenario.state_names if name in TERMINAL_STATES]
    return "\n".join([source.rstrip("\n"), *endings]) + "\n"
