"""All configuration, typed and read from the environment (or a local `.env`), in one place.

Secrets (the Discord token) live only here and are `SecretStr`, so they never appear in
logs, reprs or error messages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CsvList = Annotated[list[str], NoDecode]


def _user_cache() -> Path | None:
    """`$XDG_CACHE_HOME/parley/scenarios` (by default under `~/.cache`), or None (no cache)
    when there is no home folder to put it in."""
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:
        return None
    return base / "parley" / "scenarios"


class Settings(BaseSettings):
    """Environment variables are `PARLEY_*` (lists comma-separated), except `DISCORD_TOKEN`."""

    model_config = SettingsConfigDict(
        env_prefix="PARLEY_", env_file=".env", extra="ignore", populate_by_name=True
    )

    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    db: Path = Path("parley.db")
    scenario_dirs: CsvList = Field(default_factory=list)
    facilitator_roles: CsvList = Field(default_factory=lambda: ["Facilitator"])
    coordinator_roles: CsvList = Field(default_factory=lambda: ["Coordinator"])
    allow_self_practice: bool = True
    dev_guild_id: int | None = None
    log_level: str = "INFO"
    # Parsed scenario files, so a start does not parse unchanged YAML again
    # (`dialogues.scenario_cache`); derived data only, safe to delete.
    scenario_cache: Path | None = Field(default_factory=_user_cache)
    # Privacy: what `parley forget` does by default (delete transcripts, or keep them under
    # the pseudonym), and how many days of inactivity before `parley purge` deletes a session.
    forget_mode: Literal["delete", "pseudonymise"] = "delete"
    retention_days: int | None = Field(default=None, ge=0)
    # Seconds one database write waits for another program's lock (retried 3 times).
    busy_timeout: float = Field(default=5.0, gt=0)

    @field_validator("scenario_dirs", "facilitator_roles", "coordinator_roles", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value
