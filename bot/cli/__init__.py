import click


@click.group()
def main() -> None:
    """Parley."""


def _register() -> None:
    # The Discord commands import discord lazily, inside their own bodies.
    from bot.cli.discord_cmds import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_register()
