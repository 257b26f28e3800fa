"""`parley`: one command line for practising, reviewing, authoring and running the bot."""

from __future__ import annotations

import importlib
import sys

import click

# Each command's module, imported only when that command runs (or `--help` lists it): the
# scorer, the store, pydantic and discord.py cost a second to import, and `parley --version`
# or `parley scenarios list` need none of them.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "practice": ("bot.cli.practice", "practice"),
    "scenarios": ("bot.cli.scenarios", "scenarios"),
    "transcripts": ("bot.cli.transcripts", "transcripts"),
    "export": ("bot.cli.export", "export"),
    "forget": ("bot.cli.privacy", "forget_user"),
    "purge": ("bot.cli.privacy", "purge_old"),
    "override": ("bot.cli.override", "override"),
    "review": ("bot.cli.review", "review"),
    "report": ("bot.cli.report", "report"),
    "classify": ("bot.cli.classify", "classify"),
    "eval": ("bot.cli.evaluate", "evaluate"),
    "train": ("bot.cli.train", "train"),
    "bench": ("bot.cli.bench", "bench"),
    "bot": ("bot.cli.discord_cmds", "bot_command"),
    "invite-url": ("bot.cli.discord_cmds", "invite_url_command"),
}


class _Parley(click.Group):
    """Loads each command on first use, and ends any command that hits a storage error
    (busy, missing or foreign database) with its one-line message and exit status 1, never a
    traceback, whichever command hit it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module, attribute = LAZY_COMMANDS[cmd_name]
            command: click.Command = getattr(importlib.import_module(module), attribute)
            return command
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            # Click suggests from the commands already loaded: suggest from all of them.
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def invoke(self, ctx: click.Context) -> object:
        from state.errors import StoreError

        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Parley, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="parley-bot")
def main() -> None:
    """Parley: practise crisis negotiation against a hostile party, scored as you go."""


@main.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Start the Discord bot when DISCORD_TOKEN is set, else an offline practice session."""
    from bot.cli._context import err_console, settings

    if settings().discord_token is None:
        err_console.print(
            "No DISCORD_TOKEN set: starting an offline practice session in this terminal."
        )
        ctx.invoke(main.get_command(ctx, "practice"))  # type: ignore[arg-type]
        return
    from bot.app import main as run_bot

    sys.exit(run_bot())
