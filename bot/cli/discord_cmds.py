"""`parley bot [--sync]` and `parley invite-url`: discord is imported only when they run."""

from __future__ import annotations

import sys

import click

# What the bot does in a server, and the permission each needs (bit positions from Discord's
# documentation): read and write in channels and threads, open private or public threads for
# sessions, post embeds and export files, read history to catch up after a restart, and speak
# as the counterpart through a webhook.
PERMISSIONS = {
    "view_channel": 1 << 10,
    "send_messages": 1 << 11,
    "manage_webhooks": 1 << 29,
    "embed_links": 1 << 14,
    "attach_files": 1 << 15,
    "read_message_history": 1 << 16,
    "use_application_commands": 1 << 31,
    "manage_threads": 1 << 34,
    "create_public_threads": 1 << 35,
    "create_private_threads": 1 << 36,
    "send_messages_in_threads": 1 << 38,
}
PERMISSION_INTEGER = sum(PERMISSIONS.values())


def invite_url(client_id: int | str) -> str:
    """The OAuth2 link that adds the bot with slash commands and exactly these permissions."""
    return (
        "https://discord.com/oauth2/authorize"
        f"?client_id={client_id}&permissions={PERMISSION_INTEGER}&scope=bot+applications.commands"
    )


@click.command("bot")
@click.option("--sync", is_flag=True, help="Sync slash commands now, even if unchanged.")
def bot_command(sync: bool) -> None:
    """Run the Discord bot (needs DISCORD_TOKEN; see docs/discord.md)."""
    from bot.app import main as run_bot

    sys.exit(run_bot(sync=sync))


@click.command("invite-url")
@click.option(
    "--client-id",
    envvar="PARLEY_CLIENT_ID",
    help="The application id (Developer Portal > General Information). "
    "Default: read from DISCORD_TOKEN.",
)
def invite_url_command(client_id: str | None) -> None:
    """Print the link that adds the bot to a server with the permissions it needs."""
    if not client_id:
        client_id = _client_id_from_token()
        if client_id == "":
            raise click.UsageError(
                "cannot read the application id from DISCORD_TOKEN (is it a bot token?); "
                "give --client-id (Developer Portal > General Information)"
            )
    if not client_id or not str(client_id).isdigit():
        raise click.UsageError(
            "give --client-id (the application id), or set DISCORD_TOKEN to read it from the token"
        )
    click.echo(invite_url(client_id))


def _client_id_from_token() -> str | None:
    """A bot token's first part is the bot's user id (base64), which is the application id.

    None without a token; "" when the token has no id in it."""
    import base64
    import binascii

    from bot.settings import Settings

    token = Settings().discord_token
    if token is None:
        return None
    first = token.get_secret_value().split(".", 1)[0]
    try:
        decoded = base64.b64decode(first + "=" * (-len(first) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        return ""
    return decoded if decoded.isdigit() else ""


COMMANDS = (bot_command, invite_url_command)
