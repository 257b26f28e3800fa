"""`parley review`: a trainee's progress chart on the review site, in-process over HTTP.

Checked through what the coordinator's browser gets: the PNG (decoded, not blank), the data
it plots (the attempts of the progress page, with corrected scores), the <img> on the
progress page, and 404s for unknown trainees or a missing `charts` extra.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from state.overrides import override_turn
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn, populate

pytest.importorskip("datasette")
pytest.importorskip("matplotlib")

import numpy as np
from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm
from matplotlib.figure import Figure
from matplotlib.image import imread

from bot import charts
from bot.charts import draw
from bot.cli.review import review_app
from bot.cli.review_charts import chart_url


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """populate's trainees; s1's trainee also has s4 (a later attempt, another scenario, one
    turn) and s3 (a retry of s1: practice, not an attempt); turn 2 of s1 is corrected."""
    path = tmp_path_factory.mktemp("charts") / "parley.db"
    with SqliteStore(path) as store:
        populate(store)
        retry = make_session("s3", parent_id="s1", branch_at=1, created_at="2026-02-01T10:00:00")
        store.create_session(retry)
        store.record_turn(make_turn(0, "s3", "msg-3-0"), retry)
        later = make_session(
            "s4", scenario_id="ceasefire-talks", created_at="2026-05-01T10:00:00+00:00"
        )
        store.create_session(later)
        store.record_turn(make_turn(0, "s4", "msg-4-0", text="What do you need tonight?"), later)
        override_turn(store, "s1", 1, who="Coord Carla", why="no threat", codes=["emotion_label"])
    return path


@pytest.fixture(scope="module")
def site(db_path: Path) -> Datasette:
    return review_app(db_path)


@pytest.fixture(scope="module")
def trainee(db_path: Path) -> str:
    with SqliteStore(db_path, create=False) as store:
        return str(store.db.execute("SELECT user_id FROM sessions WHERE id = 's1'").fetchone()[0])


async def progress_rows(site: Datasette, trainee: str) -> list[dict[str, Any]]:
    response = await site.client.get(f"/parley/progress.json?trainee={trainee}&_shape=array")
    assert response.status_code == 200
    return json.loads(response.text)  # type: ignore[no-any-return]


async def test_chart_is_a_non_blank_png(site: Datasette, trainee: str) -> None:
    response = await site.client.get(chart_url(trainee))
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "image/png"
    pixels = imread(io.BytesIO(response.content), format="png")
    assert pixels.shape[:2] == (500, 900)  # progress_figure's 9x5 inches at 100 dpi
    colours = np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)
    assert len(colours) > 50  # lines, markers and text, not an empty canvas
    white = np.all(pixels[..., :3] > 0.98, axis=-1).mean()
    assert 0.5 < white < 0.99


async def test_chart_plots_the_trainees_attempts_with_corrected_scores(
    site: Datasette, trainee: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plotted lines are the progress page's attempts (s1 then s4; the retry s3 is
    practice), at the skill scores the page lists, which include s1's correction."""
    drawn: list[Figure] = []
    original = draw.progress_figure

    def spy(*args: Any, **kwargs: Any) -> Figure:
        drawn.append(original(*args, **kwargs))
        return drawn[-1]

    monkeypatch.setattr(draw, "progress_figure", spy)
    response = await site.client.get(chart_url(trainee))
    assert response.status_code == 200
    attempts = [row for row in await progress_rows(site, trainee) if row["kind"] == "attempt"]
    assert [row["session"] for row in attempts] == ["s1", "s4"]
    (figure,) = drawn
    lines = {line.get_gid(): line for line in figure.axes[0].get_lines()}
    for skill in ("active_listening", "trust_building", "interim_proposals", "restraint"):
        plotted = list(lines[f"skill:{skill}"].get_ydata())
        assert plotted == [row[f"skill_{skill}"] for row in attempts], skill
    overall = list(lines["skill:overall"].get_ydata())
    assert overall == pytest.approx([row["skill_overall"] for row in attempts], abs=0.051)
    labels = [tick.get_text().split("\n") for tick in figure.axes[0].get_xticklabels()]
    assert [label[1] for label in labels] == ["checkpoint-convoy", "ceasefire-talks"]
    # Raw totals beneath, after corrections: s1's corrected turn took one threat (-5) away.
    assert [label[2] for label in labels] == [f"{r['points_total']:+.0f} raw" for r in attempts]
    assert attempts[0]["points_total"] == 3 * 3.0 - 2 * 5.0  # not 3 * -5.0


@pytest.mark.parametrize(
    "url",
    [
        chart_url("u-nobody"),
        chart_url("discord:1001"),  # an identity is no pseudonym: nothing to show
        "/-/parley/progress/.png",
        "/-/parley/progress/..%2F..%2Fparley.png",
        "/-/parley/other",
    ],
)
async def test_unknown_trainee_or_path_is_404(site: Datasette, url: str) -> None:
    response = await site.client.get(url)
    assert response.status_code == 404
    assert not response.headers["content-type"].startswith("image/")


async def test_trainee_without_played_attempt_is_404(site: Datasette, db_path: Path) -> None:
    with SqliteStore(db_path, create=False) as store:
        empty = make_session("s9", trainee="discord:4004", created_at="2026-06-01T10:00:00")
        store.create_session(empty)
        pseudonym = str(
            store.db.execute("SELECT user_id FROM sessions WHERE id = 's9'").fetchone()[0]
        )
    assert (await site.client.get(chart_url(pseudonym))).status_code == 404
    page = await site.client.get(f"/parley/progress?trainee={pseudonym}")
    assert "<img" not in page.text


async def test_chart_route_is_read_only(site: Datasette, trainee: str) -> None:
    response = await site.client.post(chart_url(trainee))
    assert response.status_code == 405


async def test_progress_page_shows_the_chart(site: Datasette, trainee: str) -> None:
    page = (await site.client.get(f"/parley/progress?trainee={trainee}")).text
    images = re.findall(r'<img src="([^"]+)"', page)
    assert images == [chart_url(trainee)]
    assert (await site.client.get(images[0])).status_code == 200
    assert "<img" not in (await site.client.get("/parley/progress?trainee=")).text
    assert "<img" not in (await site.client.get("/parley/progress?trainee=u-nobody")).text


async def test_without_matplotlib_no_chart_and_no_broken_image(
    site: Datasette, trainee: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(charts, "available", lambda: False)
    response = await site.client.get(chart_url(trainee))
    assert response.status_code == 404
    assert "pip install 'parley-bot[charts]'" in response.text
    page = await site.client.get(f"/parley/progress?trainee={trainee}")
    assert page.status_code == 200 and "<img" not in page.text
    assert "s1" in page.text  # the table itself is still there


class _ClosedProgress:
    """A site rule closing the progress page (as a deployment's own plugin might)."""

    @hookimpl
    def permission_allowed(self, action: str, resource: Any) -> bool | None:
        return False if (action, resource) == ("view-query", ("parley", "progress")) else None


async def test_chart_follows_the_progress_pages_permission(site: Datasette, trainee: str) -> None:
    closed = _ClosedProgress()
    pm.register(closed, name="test-closed-progress")
    try:
        assert (await site.client.get(f"/parley/progress?trainee={trainee}")).status_code == 403
        response = await site.client.get(chart_url(trainee))
        assert response.status_code == 403
        assert not response.headers["content-type"].startswith("image/")
    finally:
        pm.unregister(closed)
    assert (await site.client.get(chart_url(trainee))).status_code == 200
