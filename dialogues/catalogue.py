"""Where scenarios come from: the shipped folder plus any folders an operator configures."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dialogues.scenario import Scenario, ScenarioError, load_scenario
from dialogues.scenario_cache import ScenarioCache

BUILTIN_DIR = Path(__file__).parent / "scenarios"


class UnknownScenario(KeyError):
    """No scenario has this id; the message lists the ones that exist."""

    def __str__(self) -> str:
        return str(self.args[0])


class ScenarioCatalogue:
    """Every `*.yaml` in the given folders; later folders override earlier ids.

    Nothing is read until a scenario is first asked for, so commands that never need one
    (`--version`, `transcripts`, `export`) never touch the folders. Each file is loaded on
    its own, within the bounds of `dialogues.scenario_file`: a broken file does not hide the
    good ones, it is kept in `errors` so `scenarios validate` and the front ends can report it.
    With a `cache` folder, files parsed by an earlier run are not parsed again
    (`dialogues.scenario_cache`).
    """

    def __init__(self, extra_dirs: Iterable[Path | str] = (), cache: Path | str | None = None):
        self.dirs = [BUILTIN_DIR, *(Path(d) for d in extra_dirs)]
        self.cache = ScenarioCache(cache) if cache is not None else None
        self._loaded: tuple[dict[str, Scenario], list[ScenarioError]] | None = None

    def _load(self) -> tuple[dict[str, Scenario], list[ScenarioError]]:
        if self._loaded is None:
            scenarios: dict[str, Scenario] = {}
            errors: list[ScenarioError] = []
            for folder in self.dirs:
                for path in sorted(folder.glob("*.yaml")):
                    try:
                        scenario = load_scenario(path, self.cache)
                    except ScenarioError as exc:
                        errors.append(exc)
                    else:
                        scenarios[scenario.id] = scenario
            self._loaded = scenarios, errors
        return self._loaded

    @property
    def _scenarios(self) -> dict[str, Scenario]:
        return self._load()[0]

    @property
    def errors(self) -> list[ScenarioError]:
        """The files that could not be loaded, each with its one-line reason."""
        return self._load()[1]

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
