"""`parley review` served on a free local port and read in a real headless Chromium.

The browser is Debian's `chromium` package (`.ci/run` installs it when run as root); each
page is loaded with Chromium's own `--headless --dump-dom`, which prints the DOM after the
page's scripts ran. Without a Chromium on the PATH these tests skip and say why.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from dialogues.ports import SessionRecord
from state.overrides import override_turn
from state.store import SqliteStore
from tests.state.conftest import IDENTIFYING, make_session, populate

pytest.importorskip("datasette")

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
START_TIMEOUT = 60.0  # seconds for the server to listen; the machine may be busy


@pytest.fixture(scope="module")
def chromium() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip(
            "no Chromium on the PATH (looked for chromium, chromium-browser, google-chrome): "
            "install Debian's package (apt-get install -y chromium) to run the browser tests"
        )
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def site(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real command serving a store: s1 with turn 2 corrected, s2 ended in agreement,
    s3 a retry of s1."""
    path = tmp_path_factory.mktemp("browser") / "parley.db"
    with SqliteStore(path) as store:
        populate(store)
        agreed: SessionRecord = make_session(
            "s2",
            trainee="discord:3003",
            scenario_id="ceasefire-talks",
            channel_id="thread-777",
            status="ended",
            outcome="agreement",
        )
        store.save_session(agreed)
        # s3: s1's trainee tried again from s1's first turn (a retry, practice on s1).
        store.create_session(
            make_session("s3", parent_id="s1", branch_at=1, created_at="2026-04-01T10:00:00+00:00")
        )
        override_turn(store, "s1", 1, who="Coord Carla", why="no threat", codes=["emotion_label"])
    port = _free_port()
    command = [sys.executable, "-c", "from bot.cli import main; main()", "review"]
    server = subprocess.Popen(
        [*command, "--db", str(path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"parley review exited: {server.communicate()[1]}")
                if time.monotonic() > deadline:
                    pytest.fail(f"parley review did not listen on port {port}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors and "locals" not in errors


def dom(chromium: str, url: str) -> str:
    """The page's DOM after Chromium loaded it and ran its scripts."""
    with tempfile.TemporaryDirectory() as profile:
        command = [chromium, "--headless", "--disable-gpu", f"--user-data-dir={profile}"]
        if os.geteuid() == 0:
            command.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        done = subprocess.run(
            [*command, "--dump-dom", url], capture_output=True, text=True, timeout=120
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class _Cells(HTMLParser):
    """The text of every `<td class="col-NAME …">` of a Datasette results table."""

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column, self.inside = f"col-{column}", False
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td" and self.column in (dict(attrs).get("class") or "").split():
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.found[-1] += data.strip()


def _cells(page: str, column: str) -> list[str]:
    parser = _Cells(column)
    parser.feed(page)
    return parser.found


def test_sessions_view_shows_outcome_and_scores(chromium: str, site: str) -> None:
    page = dom(chromium, f"{site}/parley/review_sessions?_sort=session&retry_of__isnull=1")
    assert _cells(page, "session") == ["s1", "s2"]
    assert _cells(page, "outcome") == ["ongoing", "agreement"]
    assert _cells(page, "turns") == ["3", "2"]
    assert _cells(page, "skill_active_listening") == ["75.0", "75.0"]
    assert _cells(page, "points_penalties") == ["-10.0", "-10.0"]  # s1: a threat corrected away
    assert _cells(page, "trust") == ["10", "10"]
    assert 'href="/parley/transcript?session=s1"' in page
    for secret in IDENTIFYING:
        assert secret not in page


def test_progress_shows_a_retry_under_the_attempt_it_retries(chromium: str, site: str) -> None:
    sessions = dom(chromium, f"{site}/parley/review_sessions?_sort=session")
    trainee = _cells(sessions, "trainee")[0]
    page = dom(chromium, f"{site}/parley/progress?trainee={trainee}")
    assert _cells(page, "session") == ["s1", "s3"]
    assert _cells(page, "attempt") == ["1", "1"]  # one attempt, retried once
    assert _cells(page, "kind") == ["attempt", "↳ retry"]
    assert _cells(page, "retry_of")[1] == "s1"
    assert 'href="/parley/transcript?session=s1"' in page


def test_progress_chart_loads_in_the_browser(
    chromium: str, site: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The progress page's <img> is a PNG Chromium decodes: a local page loads the same URL
    and writes the image's natural size into its DOM once it has loaded (or "error")."""
    pytest.importorskip("matplotlib")
    sessions = dom(chromium, f"{site}/parley/review_sessions?_sort=session")
    trainee = _cells(sessions, "trainee")[0]
    page = dom(chromium, f"{site}/parley/progress?trainee={trainee}")
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert sources == [f"/-/parley/progress/{trainee}.png"]
    probe = tmp_path_factory.mktemp("probe") / "probe.html"
    probe.write_text(
        f'<img src="{site}{sources[0]}" '
        "onload=\"document.title = this.naturalWidth + 'x' + this.naturalHeight\" "
        "onerror=\"document.title = 'error'\">",
        encoding="utf-8",
    )
    assert "<title>900x500</title>" in dom(chromium, probe.as_uri())


def test_transcript_shows_turns_with_corrected_points(chromium: str, site: str) -> None:
    page = dom(chromium, f"{site}/parley/transcript?session=s1")
    second = page[page.index('id="turn-2"') : page.index('id="turn-3"')]
    assert "Turn 2 (corrected)" in second and "Codes: emotion_label<" in second
    assert "penalties 0.0" in second and "Points 3.0" in second
    first = page[page.index('id="turn-1"') : page.index('id="turn-2"')]
    assert "penalties -5.0" in first
    assert "codes emotion_label, threat → emotion_label" in page  # the audit trail


@pytest.mark.parametrize(
    "path",
    ["/parley?sql=select+*+from+user_identities", "/parley/user_identities", "/parley/sessions"],
)
def test_sql_identities_and_base_tables_are_refused(chromium: str, site: str, path: str) -> None:
    page = dom(chromium, site + path)
    assert "<h1>Forbidden</h1>" in page
    for secret in IDENTIFYING:
        assert secret not in page


def test_home_page_has_no_developer_instructions(chromium: str, site: str) -> None:
    page = dom(chromium, f"{site}/")
    assert ">Sessions</a>" in page and ">Transcript of a session</a>" in page
    for instruction in ("Start with: datasette", "--metadata", "--setting", "parley.db"):
        assert instruction not in page
