"""Parsed scenario files kept between runs, keyed by the SHA-256 of each file's text.

Every bot start and `parley` command that lists or plays scenarios used to parse each YAML
file again (about 40 ms for the shipped eight, and 11 ms to import PyYAML) to get the same
data. The cache keeps that data as JSON under the hash of the exact text it came from, so an
edited file is a different key and is parsed anew; nothing is ever trusted without a check:
the cached data is validated by the `Scenario` schema on every load, exactly as freshly
parsed data is. Only files that validated are stored, and only when JSON gives their data
back unchanged. A missing, unreadable or damaged entry is a miss (the file is parsed), and
a folder that cannot be written only means nothing is stored: the cache never fails a load.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from dialogues.scenario_file import MAX_FILE_BYTES, ScenarioError, read_scenario_text


class ScenarioCache:
    """A folder of `<sha256 of a scenario file's text>.json` entries."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)

    def _entry(self, text: str) -> Path:
        return self.folder / (hashlib.sha256(text.encode("utf-8")).hexdigest() + ".json")

    def get(self, text: str) -> Any | None:
        """The data parsed earlier from exactly this text, or None."""
        try:
            # The same bounded, non-blocking read as a scenario file (no FIFO, no huge file).
            return json.loads(read_scenario_text(self._entry(text)))
        except (ScenarioError, ValueError, RecursionError):
            return None

    def put(self, text: str, data: Any) -> None:
        """Keep the data parsed from `text`, when JSON can hold it exactly (best effort)."""
        try:
            encoded = json.dumps(data, ensure_ascii=False, allow_nan=False)
            if len(encoded.encode("utf-8")) > MAX_FILE_BYTES or json.loads(encoded) != data:
                return
        except (TypeError, ValueError, RecursionError):
            return
        entry = self._entry(text)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        try:
            # Private to its user: an entry planted by someone else would be served (as a
            # valid scenario) for the file whose hash it bears.
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            partial.write_text(encoded, encoding="utf-8")
            os.replace(partial, entry)  # readers see the whole entry or none
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
