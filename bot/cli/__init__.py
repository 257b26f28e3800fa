import click


@click.group()
def main() -> None:
    """Parley."""


from bot.cli.scenarios import scenarios  # noqa: E402  (registered on the group defined above)

main.add_command(scenarios)
