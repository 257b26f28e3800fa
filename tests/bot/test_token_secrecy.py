"""The Discord token never shows: not in start-up errors, not in logs (even at DEBUG), not in
reprs, not even when whatever answers on Discord's address echoes it back.

The real start-up path runs in a subprocess (`bot.app.main`, real settings, real logging,
real discord.py HTTP client) against a small HTTP server on 127.0.0.1 standing in for
Discord's API; nothing leaves the machine.
"""

from __future__ import annotations

import http.server
import json
import logging
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import RedactSecret, redact
from bot.settings import Settings

CANARY = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gcanary.SECRET-TOKEN-do-not-print"
ROOT = Path(__file__).resolve().parents[2]


class _EchoingApi(http.server.BaseHTTPRequestHandler):
    """Answers every request with `status` and a body that echoes the Authorization header,
    like a badly configured proxy would."""

    status = 401

    def do_GET(self) -> None:
        echoed = self.headers.get("Authorization", "")
        body = json.dumps({"message": f"no entry for {echoed}", "code": 0}).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_api() -> Iterator[callable]:
    servers = []

    def start(status: int) -> int:
        handler = type("Api", (_EchoingApi,), {"status": status})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address[1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_bot(tmp_path: Path, port: int, token: str = CANARY) -> subprocess.CompletedProcess:
    script = (
        "import discord.http, sys\n"
        f"discord.http.Route.BASE = 'http://127.0.0.1:{port}/api/v10'\n"
        "import bot.app\n"
        "sys.exit(bot.app.main())\n"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "DISCORD_"))},
        "DISCORD_TOKEN": token,
        "PARLEY_DB": str(tmp_path / "parley.db"),
        "PARLEY_LOG_LEVEL": "DEBUG",
        "PARLEY_SCENARIO_CACHE": str(tmp_path / "scenario-cache"),  # not the user's cache
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,  # no stray .env
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("status", "expected"),
    [(401, "rejected DISCORD_TOKEN"), (403, "Discord answered 403"), (None, "cannot reach")],
)
def test_start_up_errors_and_debug_logs_never_show_the_token(
    tmp_path: Path, fake_api, status: int | None, expected: str
) -> None:
    port = fake_api(status) if status else _closed_port()
    done = start_bot(tmp_path, port)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert expected in done.stderr
    assert "DEBUG" in output  # the log really was at DEBUG level
    assert CANARY not in output
    assert CANARY.split(".")[-1] not in output  # nor its secret part
    assert "Traceback" not in output


@pytest.mark.slow
@pytest.mark.parametrize("token", [f"{CANARY}\nsecond-line", f"{CANARY} trailing-word", "tök"])
def test_a_mangled_token_is_a_clear_error(tmp_path: Path, token: str) -> None:
    done = start_bot(tmp_path, _closed_port(), token)
    assert done.returncode == 2
    assert "DISCORD_TOKEN contains spaces, control or non-ASCII characters" in done.stderr
    assert "Traceback" not in done.stderr and CANARY not in done.stdout + done.stderr


def test_settings_never_print_the_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", CANARY)
    settings = Settings()
    assert settings.discord_token.get_secret_value() == CANARY
    shown = [repr(settings), str(settings), settings.model_dump_json(), str(settings.model_dump())]
    assert all(CANARY not in text for text in shown)


def test_log_records_are_masked_whatever_logged_them() -> None:
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Collect()
    handler.addFilter(RedactSecret(CANARY))
    log = logging.getLogger("tests.token")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("sending Authorization: Bot %s", CANARY)
        try:
            raise RuntimeError(f"bad header {CANARY}")
        except RuntimeError:
            log.exception("request failed")
    finally:
        log.removeHandler(handler)
        log.propagate = True
    assert len(records) == 2 and all(CANARY not in text for text in records)
    assert "[DISCORD_TOKEN]" in records[0] and "RuntimeError" in records[1]
    assert redact(f"x{CANARY}x", CANARY) == "x[DISCORD_TOKEN]x" and redact("x", "") == "x"
