"""`parley`: one command line for practising, reviewing, authoring and running the bot."""

from __future__ import annotations

import sys

import click

from bot.cli._context import err_console, settings
from bot.cli.bench import bench
from bot.cli.classify import classify
from bot.cli.discord_cmds import COMMANDS as DISCORD_COMMANDS
from bot.cli.evaluate import evaluate
from bot.cli.export import export
from bot.cli.override import override
from bot.cli.practice import practice
from bot.cli.privacy import forget_user, purge_old
from bot.cli.report import report
from bot.cli.review import review
from bot.cli.scenarios import scenarios
from bot.cli.train import train
from bot.cli.transcripts import transcripts
from state.errors import StoreError


class _Parley(click.Group):
    """Storage errors (busy, missing or foreign database) end any command with their one-line
    message and exit status 1, never a traceback, whichever command hit them."""

    def invoke(self, ctx: click.Context) -> object:
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
    if settings().discord_token is None:
        err_console.print(
            "No DISCORD_TOKEN set: starting an offline practice session in this terminal."
        )
        ctx.invoke(practice)
        return
    from bot.app import main as run_bot

    sys.exit(run_bot())


COMMANDS = (
    practice,
    scenarios,
    transcripts,
    export,
    forget_user,
    purge_old,
    override,
    review,
    report,
    classify,
    evaluate,
    train,
    bench,
    *DISCORD_COMMANDS,
)
for command in COMMANDS:
    main.add_command(command)
