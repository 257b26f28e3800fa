"""The debrief: totals, best moments quoted, missed openings, meter arc, one next step."""

from __future__ import annotations

import pytest

from dialogues.catalogue import ScenarioCatalogue
from dialogues.debrief import build_debrief
from dialogues.ports import SessionRecord, TurnRecord
from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext


@pytest.fixture(scope="module")
def scenario():
    return ScenarioCatalogue().get("checkpoint-convoy")


def session(opening: str) -> SessionRecord:
    return SessionRecord(
        id="s1",
        scenario_id="checkpoint-convoy",
        scenario_version=1,
        rubric="2026.1",
        seed=1,
        mode="assess",
        level="normal",
        trainee="t",
        counterpart={},
        outcome="ongoing",
        opening=opening,
    )


def turns_of(opening: str, exchanges: list[tuple[str, str]], heard: int = 50) -> list[TurnRecord]:
    party, out = opening, []
    for i, (text, reply) in enumerate(exchanges):
        result = score(text, ScoringContext(party_last=party, heard=heard))
        meters = {"trust": 10 + i * 5, "tension": 60 - i * 3, "heard": i * 8}
        out.append(TurnRecord("s1", i, "t", text, result.to_dict(), reply, "hostile", meters))
        party = reply
    return out


OPENING = "Two of my men died last night and now you want me to open the gate?"


def test_totals_best_moments_and_arc(scenario) -> None:
    turns = turns_of(
        OPENING,
        [
            ("It sounds like you're grieving. I'm sorry for your men.", "Words."),
            ("Hello.", "Say something, then."),
            ("What happened last night at the bridge?", "They shelled us. Fine, I will listen."),
        ],
    )
    debrief = build_debrief(scenario, session(OPENING), turns)
    data = debrief.to_dict()
    assert data["totals"]["active_listening"] > 0
    best = data["best_moments"]
    assert best[0]["turn"] == 1 and "grieving" in best[0]["quote"]
    assert all(m["quote"] != "Hello." for m in best)
    assert [m["turn"] for m in data["meter_arc"]] == [0, 1, 2, 3]
    assert data["next_time"]
    assert "Best moments" in debrief.render_text()


def test_missed_openings_name_unlabelled_emotion_and_unacknowledged_concession(scenario) -> None:
    turns = turns_of(
        OPENING,
        [
            ("Open the gate please.", "Fine, I will let one truck through."),
            ("Now the other eleven.", "Enough."),
        ],
    )
    missed = build_debrief(scenario, session(OPENING), turns).missed_openings
    assert any("unlabelled" in m and "Turn 1" in m for m in missed)
    assert any("unacknowledged" in m and "Turn 2" in m for m in missed)


def test_threats_drive_the_next_step(scenario) -> None:
    turns = turns_of(OPENING, [("Open the gate or else.", "No.")])
    debrief = build_debrief(scenario, session(OPENING), turns)
    assert "threat" in debrief.next_time.lower()
    assert debrief.totals["penalties"] < 0
