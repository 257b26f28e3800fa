"""Who may do what: facilitators run sessions, coordinators review, trainees see their own.

Roles are configured by name or id (`PARLEY_FACILITATOR_ROLES`, `PARLEY_COORDINATOR_ROLES`);
Manage Server always counts, so a server owner can use the bot before creating roles.
Refusals are `NotAllowed` check failures, which the command tree answers ephemerally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.settings import Settings


# The default member permissions of staff commands (`/session`, `/report`, `/export`):
# Discord hides them from everyone else until a server admin allows the facilitator or
# coordinator role in Server Settings > Integrations. Manage Server, because it counts as
# both roles below, so the server owner sees the commands out of the box.
STAFF_PERMISSIONS = discord.Permissions(manage_guild=True)


class NotAllowed(app_commands.CheckFailure):
    """The user lacks the role for this command; the message says which one."""


def has_any_role(member: discord.abc.User, names_or_ids: Iterable[str]) -> bool:
    """Whether `member` has a role whose name or id is listed (case-insensitive names)."""
    wanted = {str(item).strip().casefold() for item in names_or_ids}
    roles = getattr(member, "roles", [])
    return any(role.name.casefold() in wanted or str(role.id) in wanted for role in roles)


def _manages_server(member: discord.abc.User) -> bool:
    permissions = getattr(member, "guild_permissions", None)
    return bool(permissions and permissions.manage_guild)


def is_facilitator(member: discord.abc.User, settings: Settings) -> bool:
    return _manages_server(member) or has_any_role(member, settings.facilitator_roles)


def is_coordinator(member: discord.abc.User, settings: Settings) -> bool:
    return _manages_server(member) or has_any_role(member, settings.coordinator_roles)


def _roles_text(names: list[str]) -> str:
    return " or ".join(f"`{name}`" for name in names) or "a configured role"


def _role_check(
    allowed: Callable[[discord.abc.User, Settings], bool],
    roles: Callable[[Settings], list[str]],
    who: str,
):
    """An app-command check: `allowed`, or a refusal naming the roles that would be."""

    def predicate(interaction: discord.Interaction) -> bool:
        settings = interaction.client.settings  # type: ignore[attr-defined]
        if not allowed(interaction.user, settings):
            raise NotAllowed(f"Only {who} ({_roles_text(roles(settings))}) can do that.")
        return True

    return app_commands.check(predicate)


def facilitator_only():
    """App-command check: facilitator role, or Manage Server."""
    return _role_check(is_facilitator, lambda s: s.facilitator_roles, "facilitators")


def coordinator_only():
    """App-command check: coordinator role, or Manage Server."""
    return _role_check(is_coordinator, lambda s: s.coordinator_roles, "coordinators")
