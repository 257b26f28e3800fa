"""`parley report` and `parley practice --chart` as a coordinator and a trainee use them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

import bot.charts
from bot.cli import main
from dialogues.catalogue import ScenarioCatalogue
from dialogues.service import SessionService
from state.store import SqliteStore
from tests.charts.conftest import decoded

SKILLED = [
    "It sounds like you're worried about what the convoy is hiding.",
    "What would you need to see before the first trucks move?",
    "So the real worry is what your men will think if the gate opens.",
]
HOSTILE = ["Tell me what happened at the gate.", "This is your fault and you know it."]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two trainees: ana played two scenarios, ben one hostile session; one unplayed session."""
    path = tmp_path_factory.mktemp("report") / "parley.db"
    store = SqliteStore(path)
    service = SessionService(store, ScenarioCatalogue())
    for trainee, scenario, lines in (
        ("ana", "checkpoint-convoy", SKILLED),
        ("ana", "buffer-zone", SKILLED[:2]),
        ("ben", "checkpoint-convoy", HOSTILE),
        ("ben", "buffer-zone", []),
    ):
        session_id = service.start(scenario, trainee=trainee, seed=3).session.id
        for line in lines:
            service.handle_turn(session_id, line)
    store.close()
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_report_writes_progress_cohort_and_scores(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("report", "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    progress = [n for n in names if n.startswith("progress-u-")]
    assert len(progress) == 2 and {"cohort.png", "scores.csv"} <= set(names)
    for name in ("cohort.png", *progress):
        decoded((out / name).read_bytes())

    rows = list(csv.DictReader(io.StringIO((out / "scores.csv").read_text())))
    # The unplayed session has no score to compare, so it is not in the report.
    assert sorted((r["scenario_id"], r["turns"]) for r in rows) == [
        ("buffer-zone", "2"),
        ("checkpoint-convoy", "2"),
        ("checkpoint-convoy", "3"),
    ]
    for row in rows:
        assert 0 <= float(row["overall"]) <= 100
        raw = sum(float(row[f"raw_{a}"]) for a in ("active_listening", "trust_building"))
        assert raw + float(row["raw_interim_proposals"]) + float(row["raw_penalties"]) == (
            pytest.approx(float(row["raw_total"]), abs=0.01)
        )
    hostile = next(r for r in rows if r["turns"] == "2" and r["scenario_id"] == "checkpoint-convoy")
    skilled = next(r for r in rows if r["turns"] == "3")
    assert float(hostile["restraint"]) < float(skilled["restraint"])
    assert float(hostile["raw_penalties"]) < 0
    # The table prints the normalised means with the raw totals beside them.
    assert "overall" in result.stdout and "raw total" in result.stdout


def test_report_for_one_trainee_and_scenario_with_arcs(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ana"
    store = SqliteStore(db)
    with store.read() as conn:
        (ana,) = conn.execute(
            "SELECT user_id FROM user_identities WHERE external_id = 'ana'"
        ).fetchone()
    store.close()
    result = run(
        "report", "--db", str(db), "--trainee", "ana", "--scenario", "checkpoint-convoy",
        "--out", str(out), "--arcs",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    arcs = [n for n in names if n.startswith("arc-")]
    assert names == sorted([*arcs, "cohort.png", f"progress-{ana}.png", "scores.csv"])
    assert len(arcs) == 1
    decoded((out / arcs[0]).read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--trainee", "nobody"], "no user 'nobody'"),
        (["--scenario", "no-such-scenario"], "no played sessions match"),
        (["--since", "yesterday"], "is not a date"),
    ],
)
def test_report_refuses_bad_filters_in_one_line(db: Path, tmp_path: Path, args, message) -> None:
    out = tmp_path / "out"
    result = run("report", "--db", str(db), "--out", str(out), *args)
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_without_matplotlib_report_and_chart_say_what_to_install(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.charts, "available", lambda: False)
    out = tmp_path / "out"
    result = run("report", "--db", str(db), "--out", str(out))
    assert result.exit_code == 1
    assert "pip install 'parley-bot[charts]'" in result.stderr
    assert not out.exists()

    fresh = tmp_path / "p.db"
    result = CliRunner().invoke(
        main, ["practice", "--db", str(fresh), "--chart", str(tmp_path / "a.png")], input="Hi\n"
    )
    assert result.exit_code == 1 and "parley-bot[charts]" in result.stderr
    assert not fresh.exists()  # refused before a session was started


def test_practice_chart_writes_the_meter_arc_when_the_session_stops(tmp_path: Path) -> None:
    chart = tmp_path / "arc.png"
    result = CliRunner().invoke(
        main,
        ["practice", "--db", str(tmp_path / "p.db"), "--seed", "7", "--chart", str(chart)],
        input="".join(f"{line}\n" for line in SKILLED),
    )
    assert result.exit_code == 0, result.output
    assert f"Meter arc written to {chart}" in result.output
    decoded(chart.read_bytes())


def test_practice_chart_to_an_unwritable_place_is_one_line(tmp_path: Path) -> None:
    chart = tmp_path / "missing-folder" / "arc.png"
    result = CliRunner().invoke(
        main,
        ["practice", "--db", str(tmp_path / "p.db"), "--chart", str(chart)],
        input=SKILLED[0] + "\n",
    )
    assert result.exit_code == 1
    assert "cannot write the chart" in result.stderr and "Traceback" not in result.output
