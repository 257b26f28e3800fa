"""`parley`: one command line for practising, reviewing, authoring and running the bot."""

from __future__ import annotations

import click

from bot.cli._context import err_console, settings
from bot.cli.bench import bench
from bot.cli.classify import classify
from bot.cli.evaluate import evaluate
from bot.cli.practice import practice


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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

    run_bot()


main.add_command(practice)
main.add_command(bench)
main.add_command(classify)
main.add_command(evaluate)
