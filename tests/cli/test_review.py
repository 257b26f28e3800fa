"""`parley review`: what a coordinator's browser gets from the read-only Datasette, in-process.

The same pages in a real headless browser are in `test_review_browser.py`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from dialogues.scoring.model import skill_profile
from dialogues.service import SessionService
from state.overrides import override_session, override_turn, session_totals
from state.store import SqliteStore
from tests.state.conftest import IDENTIFYING, populate

pytest.importorskip("datasette")

from datasette.app import Datasette

from bot.cli.review import review_app
from state.review_site import QUERIES, VIEWS

# Every page a coordinator can reach from the home page, as HTML and JSON.
PAGES = [
    "/",
    "/parley",
    "/parley/review_sessions",
    "/parley/review_sessions.json",
    "/parley/review_turns",
    "/parley/review_turns.json",
    "/parley/review_turns.json?_search=exhausted",
    "/parley/transcript?session=s1",
    "/parley/transcript.json?session=s1",
    "/parley/progress?trainee=",
    "/parley/turns_with_code?code=emotion_label",
    "/parley/corrections?session=",
    "/parley/corrections.json?session=",
]


@pytest.fixture(scope="module", params=["parley.db", "training-2026.db"])
def db_path(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two trainees (populate), turn 2 of s1 and the penalties of s2 corrected. The rules
    must hold whatever the file is called."""
    path = tmp_path_factory.mktemp("review") / request.param
    with SqliteStore(path) as store:
        populate(store)
        override_turn(
            store, "s1", 1, who="Coord Carla", why="no threat there", codes=["emotion_label"]
        )
        override_session(store, "s2", who="Coord Carla", why="too harsh", totals={"penalties": -1})
    return path


@pytest.fixture(scope="module")
def trainee(db_path: Path) -> str:
    with SqliteStore(db_path, create=False) as store:
        return str(store.db.execute("SELECT user_id FROM sessions WHERE id = 's1'").fetchone()[0])


@pytest.fixture(scope="module")
def site(db_path: Path) -> Datasette:
    return review_app(db_path)


async def get(site: Datasette, url: str, status: int = 200) -> str:
    response = await site.client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    return response.text


async def rows(site: Datasette, url: str) -> list[dict[str, object]]:
    sep = "&" if "?" in url else "?"
    return json.loads(await get(site, f"{url}{sep}_shape=array"))  # type: ignore[no-any-return]


async def test_sessions_view_has_outcome_turns_skills_meters_and_date(site: Datasette) -> None:
    sessions = {row["session"]: row for row in await rows(site, "/parley/review_sessions.json")}
    s1 = sessions["s1"]
    assert s1["scenario"] == "checkpoint-convoy" and s1["level"] == "standard"
    assert s1["outcome"] == "ongoing" and s1["turns"] == 3 and s1["date"] == "2026-01-01"
    assert (s1["trust"], s1["tension"], s1["heard"]) == (10, 70, 0)
    assert str(s1["trainee"]).startswith("u-")
    html = await get(site, "/parley/review_sessions")
    assert 'href="/parley/transcript?session=s1"' in html
    assert f'href="/parley/progress?trainee={s1["trainee"]}"' in html


async def test_session_skills_are_the_corrected_profile(site: Datasette, db_path: Path) -> None:
    """The view's skills and raw points are those of `skill_profile` over the corrected totals
    (s1 has a corrected turn, s2 a corrected session total)."""
    sessions = {row["session"]: row for row in await rows(site, "/parley/review_sessions.json")}
    with SqliteStore(db_path, create=False) as store:
        for session_id, row in sessions.items():
            totals = session_totals(store, session_id)
            profile = skill_profile(totals, int(str(row["turns"])))
            assert {k: row[f"skill_{k}"] for k in profile} == profile
            assert row["points_total"] == totals["total"]
            assert row["points_penalties"] == totals["penalties"]
            assert row["corrected"] == 1
    assert sessions["s1"]["points_penalties"] == -10.0  # 3 threats, one corrected away
    assert sessions["s2"]["points_penalties"] == -1.0


async def test_transcript_shows_turns_from_1_with_corrected_points_and_audit(
    site: Datasette,
) -> None:
    turns = await rows(site, "/parley/transcript.json?session=s1")
    assert [t["turn"] for t in turns] == [1, 2, 3]
    assert turns[1]["codes"] == "emotion_label" and turns[1]["penalties"] == 0.0
    assert turns[1]["evidence"] == "emotion_label: “You sound exhausted”"
    assert turns[0]["codes"] == "emotion_label, threat" and turns[0]["penalties"] == -5.0
    html = await get(site, "/parley/transcript?session=s1")
    second = html[html.index('id="turn-2"') : html.index('id="turn-3"')]
    assert "Turn 2 (corrected)" in second and "penalties 0.0" in second
    assert "Exhausted? Try standing here for nine days. (1)" in second  # the party's reply
    assert "trust 13, tension 65" in second  # meters after the turn
    audit = html[html.index("<h2>Corrections</h2>") :]
    assert "turn 2" in audit and "no threat there" in audit
    assert "codes emotion_label, threat → emotion_label; penalties -5.0 → 0.0" in audit
    assert "Coord Carla" not in html  # who corrected appears as a pseudonym
    missing = await get(site, "/parley/transcript?session=nope")
    assert "No session with that id." in missing


async def test_canned_queries_progress_code_and_corrections(site: Datasette, trainee: str) -> None:
    progress = await rows(site, f"/parley/progress.json?trainee={trainee}")
    assert [(p["session"], p["turns"]) for p in progress] == [("s1", 3)]
    threats = await rows(site, "/parley/turns_with_code.json?code=threat")
    assert sorted((t["session"], t["turn"]) for t in threats) == [
        ("s1", 1), ("s1", 3), ("s2", 1), ("s2", 2),
    ]  # fmt: skip
    assert await rows(site, "/parley/turns_with_code.json?code=threa") == []
    corrections = await rows(site, "/parley/corrections.json?session=")
    assert [(c["session"], c["target"], c["turn"]) for c in corrections] == [
        ("s1", "turn", 2),
        ("s2", "session", ""),
    ]
    assert corrections[1]["change"] == "penalties -10.0 → -1.0"
    only = await rows(site, "/parley/corrections.json?session=s2")
    assert [c["why"] for c in only] == ["too harsh"]


async def test_turn_search_covers_the_partys_replies(site: Datasette) -> None:
    found = await rows(site, "/parley/review_turns.json?_search=standing")
    assert len(found) == 5  # every reply says "standing"; no trainee message does


async def test_no_page_shows_discord_ids_names_or_developer_instructions(site: Datasette) -> None:
    for url in PAGES:
        text = await get(site, url)
        developer = [
            "--metadata",
            "datasette parley.db",
            "CREATE VIEW",
            "(view)",
            '<pre id="sql-query"',
        ]
        for secret in [*IDENTIFYING, "Coord Carla", *developer]:
            assert secret not in text, (url, secret)
    columns = set()
    for view in VIEWS:
        columns |= set((await rows(site, f"/parley/{view}.json"))[0])
    assert not columns & {"guild_id", "channel_id", "facilitator_id", "message_id", "author_id"}


@pytest.mark.parametrize(
    "url",
    [
        "/parley/sessions.json",
        "/parley/turns",
        "/parley/guilds.json",
        "/parley/users.json",
        "/parley/user_identities.json",
        "/parley/score_overrides.json",
        "/parley/events.json",
        "/parley/turns_fts.json",
        "/parley/_sqlite_migrations.json",
        "/parley.json?sql=select+*+from+user_identities",
        "/parley?sql=select+1",
        "/parley.db",
    ],
)
async def test_base_tables_sql_and_downloads_are_refused(site: Datasette, url: str) -> None:
    await get(site, url, status=403)


async def test_internal_tables_are_not_listed(site: Datasette) -> None:
    listed = json.loads(await get(site, "/parley.json"))
    assert listed["tables"] == [] and listed["hidden_count"] == 0
    assert sorted(view["name"] for view in listed["views"]) == sorted(VIEWS)
    assert [query["name"] for query in listed["queries"]] == list(QUERIES)


async def test_foreign_key_extras_reveal_nothing(site: Datasette, trainee: str) -> None:
    extras = json.loads(await get(site, "/parley/review_sessions.json?_extras=foreign_key_tables"))
    assert extras.get("foreign_key_tables", []) == []
    await get(site, f"/parley/users/{trainee}.json?_extras=foreign_key_tables", status=403)


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("POST", "/parley/nothing", 405),
        ("POST", "/parley/transcript", 405),
        ("DELETE", "/parley/review_sessions", 405),
        ("GET", "/-/databases.json", 404),
        ("GET", "/-/metadata", 404),
        ("GET", "/-/actor.json", 404),
        ("GET", "/parley/review_turns.json?_sort=nope", 400),
        ("GET", "/parley/nothing", 404),
    ],
)
async def test_odd_requests_get_a_plain_refusal_and_no_traceback(
    site: Datasette, method: str, url: str, status: int, capfd: pytest.CaptureFixture[str]
) -> None:
    response = await site.client.request(method, url)
    assert response.status_code == status
    printed = "".join(capfd.readouterr())
    assert "Traceback" not in printed and "locals" not in printed


async def test_every_view_column_is_described(site: Datasette) -> None:
    metadata = site.metadata()["databases"]["parley"]["tables"]
    for view in VIEWS:
        columns = json.loads(await get(site, f"/parley/{view}.json?_size=1"))["columns"]
        described = metadata[view]["columns"]
        assert list(described) == columns, view
        assert metadata[view]["title"] and metadata[view]["description"]
        assert all(len(text) > 10 for text in described.values())
    assert all(q["title"] and q["description"] for q in QUERIES.values())
    html = await get(site, "/parley/review_sessions")
    fold = html[html.index('<details class="column-help">') : html.index("</details>")]
    assert "<dt>skill_restraint</dt><dd>Restraint, 0-100" in fold


@pytest.mark.parametrize(("url", "body_class"), [("/", "index"), ("/parley", "db db-parley")])
async def test_home_and_database_pages_offer_every_page_by_title(
    site: Datasette, url: str, body_class: str
) -> None:
    html = await get(site, url)
    assert f'<body class="{body_class}">' in html
    for title in ["Sessions", "Turns", *(q["title"] for q in QUERIES.values())]:
        assert re.search(rf">{re.escape(title).replace(chr(39), '&#39;')}</a>", html), title


def test_review_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["review", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no database at" in result.stderr


def _played_and_retried(service: SessionService) -> tuple[str, str]:
    """A two-turn session of t1's and a retry of it from turn 1 with a new second message."""
    original = service.start("checkpoint-convoy", trainee="t1", seed=3).session.id
    for text in ("What happened at this gate?", "That sounds frightening for your men."):
        service.handle_turn(original, text)
    retry = service.branch(original, 1, "t1").session.id
    service.handle_turn(retry, "You lost men here. I am sorry.")
    return original, retry


async def test_a_retry_is_shown_under_the_session_it_was_tried_again_from(tmp_path: Path) -> None:
    path = tmp_path / "parley.db"
    with SqliteStore(path) as store:
        original, retry = _played_and_retried(SessionService(store))
    listed = await rows(review_app(path), "/parley/review_sessions.json")
    sessions = {r["session"]: r for r in listed}
    assert (sessions[original]["retry_of"], sessions[original]["retry_from_turn"]) == (None, None)
    assert (sessions[retry]["retry_of"], sessions[retry]["retry_from_turn"]) == (original, 1)
    assert sessions[retry]["turns"] == 2  # the kept turn and the new one


async def test_progress_lists_each_attempt_with_its_retries_under_it(tmp_path: Path) -> None:
    """Retries (and a retry of a retry) follow the attempt they retry and share its number,
    even when a later attempt started in between; only attempts are numbered."""
    import sqlite3

    path = tmp_path / "parley.db"
    with SqliteStore(path) as store:
        service = SessionService(store)
        first, retry = _played_and_retried(service)
        second = service.start("checkpoint-convoy", trainee="t1", seed=4).session.id
        again = service.branch(retry, 1, "t1").session.id
    started = {first: "10:00", retry: "10:05", second: "10:10", again: "10:20"}
    with sqlite3.connect(path) as conn:
        for session_id, time in started.items():
            conn.execute(
                "UPDATE sessions SET created_at = ? WHERE id = ?",
                [f"2026-02-01T{time}:00+00:00", session_id],
            )
    site = review_app(path)
    listed = {r["session"]: r for r in await rows(site, "/parley/review_sessions.json")}
    assert {s: listed[s]["attempt"] for s in started} == {
        first: first,
        retry: first,
        again: first,
        second: second,
    }
    trainee = listed[first]["trainee"]
    progress = await rows(site, f"/parley/progress.json?trainee={trainee}")
    assert [(r["attempt"], r["session"], r["kind"], r["retry_of"]) for r in progress] == [
        (1, first, "attempt", None),
        (1, retry, "retry", first),
        (1, again, "retry", retry),
        (2, second, "attempt", None),
    ]
    assert [r["retry_from_turn"] for r in progress] == [None, 1, 1, None]
    html = await get(site, f"/parley/progress?trainee={trainee}")
    assert html.count('<span class="retry">↳ retry</span>') == 2
    assert f'href="/parley/transcript?session={retry}">{retry}</a>' in html
