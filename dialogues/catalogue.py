"""Where scenarios come from: the shipped folder plus any folders an operator configures."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dialogues.scenario import Scenario, ScenarioError, load_scenario

BUILTIN_DIR = Path(__file__).parent / "scenarios"


class UnknownScenario(KeyError):
    """No scenario has this id; the message lists the ones that exist."""

    def __str__(self) -> str:
        return str(self.args[0])


class ScenarioCatalogue:
    """Loads every `*.yaml` in the given folders once; later folders override earlier ids.

    Broken files do not hide good ones: they are kept in `errors` so `scenarios validate`
    and the front ends can report them.
    """

    def __init__(self, extra_dirs: Iterable[Path | str] = ()):
        self.dirs = [BUILTIN_DIR, *(Path(d) for d in extra_dirs)]
        self._scenarios: dict[str, Scenario] = {}
        self.errors: list[ScenarioError] = []
        for folder in self.dirs:
            for path in sorted(folder.glob("*.yaml")):
                try:
                    scenario = load_scenario(path)
                except ScenarioError as exc:
                    self.errors.append(exc)
                else:
                    self._scenarios[scenario.id] = scenario

    def __iter__(self):
        return iter(sorted(self._scenarios.values(), key=lambda s: s.id))

    def __len__(self) -> int:
        return len(self._scenarios)

    def ids(self) -> list[str]:
        return sorted(self._scenarios)

    def get(self, scenario_id: str) -> Scenario:
        try:
            return self._scenarios[scenario_id]
        except KeyError:
            known = ", ".join(self.ids()) or "none"
            message = f"unknown scenario {scenario_id!r}; available: {known}"
            if self.errors:
                # The one asked for may be in a broken file: say so rather than "unknown".
                names = ", ".join(sorted(e.path.name for e in self.errors))
                message += (
                    f"; {len(self.errors)} scenario file(s) could not be loaded ({names}): "
                    "run `parley scenarios validate`"
                )
            raise UnknownScenario(message) from None
