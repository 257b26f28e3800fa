"""Start-up: clear messages instead of tracebacks, the invite link, `python -m bot`."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
from click.testing import CliRunner

import bot.app as app
from bot.cli import main as cli
from bot.cli.discord_cmds import PERMISSION_INTEGER, invite_url
from tests.scenarios.conftest import ALIAS_BOMB


class _FailingBot:
    """Stands in for the bot when only the start-up error handling is under test."""

    def __init__(self, error: Exception):
        self.error = error

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    async def start(self, token: str) -> None:
        raise self.error


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("PARLEY_DB", str(tmp_path / "parley.db"))
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.setattr(app, "configure_logging", lambda level: None)
    return monkeypatch


def test_missing_token_is_explained(env, capsys):
    assert app.main() == 2
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN is not set" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (discord.LoginFailure("Improper token has been passed."), "rejected DISCORD_TOKEN"),
        (discord.PrivilegedIntentsRequired(None), "MESSAGE CONTENT INTENT"),
        (OSError("Name or service not known"), "cannot reach Discord"),
    ],
)
def test_login_problems_are_explained_without_the_token(env, capsys, error, expected):
    env.setenv("DISCORD_TOKEN", "secret-token-value")
    env.setattr(app, "build_bot", lambda settings, force_sync=False: _FailingBot(error))
    assert app.main() == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "secret-token-value" not in err and "Traceback" not in err


def test_invalid_settings_are_explained(env, capsys):
    env.setenv("PARLEY_DEV_GUILD_ID", "not-a-number")
    assert app.main() == 2
    assert "dev_guild_id" in capsys.readouterr().err


def test_permission_integer_is_exactly_what_the_bot_needs():
    needed = discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        create_public_threads=True,
        create_private_threads=True,
        manage_threads=True,
        embed_links=True,
        attach_files=True,
        read_message_history=True,
        manage_webhooks=True,
        use_application_commands=True,
    )
    assert needed.value == PERMISSION_INTEGER
    assert invite_url(123) == (
        "https://discord.com/oauth2/authorize?client_id=123"
        f"&permissions={needed.value}&scope=bot+applications.commands"
    )


def test_invite_url_command_reads_the_id_from_the_token(env):
    env.setenv(
        "DISCORD_TOKEN", "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.xyz"
    )  # base64("123456789012345678")
    result = CliRunner().invoke(cli, ["invite-url"])
    assert result.exit_code == 0, result.output
    assert "client_id=123456789012345678&" in result.output
    given = CliRunner().invoke(cli, ["invite-url", "--client-id", "42"])
    assert "client_id=42&" in given.output


def test_invite_url_without_id_or_token_says_what_to_do(env):
    result = CliRunner().invoke(cli, ["invite-url"])
    assert result.exit_code != 0
    assert "--client-id" in result.output


def test_bot_intents_are_minimal():
    from bot.bot import intents

    wanted = intents()
    assert wanted.guilds and wanted.guild_messages and wanted.message_content
    assert not (wanted.members or wanted.presences or wanted.dm_messages)


def test_the_guide_names_the_real_permission_integer():
    from pathlib import Path

    guide = (Path(__file__).parents[2] / "docs" / "discord.md").read_text()
    assert f"`{PERMISSION_INTEGER}`" in guide


def test_python_dash_m_bot_explains_a_missing_token(tmp_path):
    import os
    import subprocess
    import sys

    environ = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    root = Path(__file__).parents[2]
    environ["PYTHONPATH"] = str(root)
    out = subprocess.run(
        [sys.executable, "-m", "bot"], capture_output=True, text=True, cwd=tmp_path, env=environ
    )
    assert out.returncode == 2
    assert "DISCORD_TOKEN is not set" in out.stderr and "Traceback" not in out.stderr


def test_invite_url_with_a_token_that_holds_no_id_says_so(env):
    env.setenv("DISCORD_TOKEN", "not-a-bot-token")
    result = CliRunner().invoke(cli, ["invite-url"])
    assert result.exit_code == 2
    assert "cannot read the application id from DISCORD_TOKEN" in result.output
    assert "not-a-bot-token" not in result.output


def test_a_broken_scenario_file_is_one_warning_and_the_bot_still_starts(env, tmp_path, caplog):
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / "x.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    settings = app.Settings(db=tmp_path / "bot.db", scenario_dirs=[str(folder)])
    with caplog.at_level("WARNING", logger="bot"):
        parley = app.build_bot(settings)
    [warning] = [r.getMessage() for r in caplog.records if r.name == "bot"]
    assert warning.startswith("scenario skipped: ") and "x.yaml: line 1: this value is" in warning
    assert "checkpoint-convoy" in parley.service.catalogue.ids()
    parley.service.store.close()
