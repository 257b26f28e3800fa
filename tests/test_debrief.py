"""The debrief: totals, best moments quoted, missed openings, meter arc, one next step."""

from __future__ import annotations

import pytest

from dialogues.catalogue import ScenarioCatalogue
from dialogues.debrief import build_debrief
from dialogues.memory_store import MemoryStore
from dialogues.ports import EventRecord, SessionRecord, TurnRecord
from dialogues.scoring import score
from dialogues.scoring.model import CodeHit, Evidence, ScoringContext, TurnScore, empty_points
from dialogues.scoring.rubric import CODE_AREA, CODE_POINTS, CODE_REASON, Area, Code
from dialogues.service import SessionService


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


def turns_of(opening: str, exchanges: list[tuple[str, str]]) -> list[TurnRecord]:
    party, out = opening, []
    for i, (text, reply) in enumerate(exchanges):
        result = score(text, ScoringContext(party_last=party))
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
    # What the scorer read is given here: the debrief is under test, not the model.
    threat = TurnScore(
        hits=(CodeHit(Code.THREAT, (Evidence(0, 22, "Open the gate or else."),), "test"),),
        points={**empty_points(), Area.PENALTIES: CODE_POINTS[Code.THREAT]},
    )
    meters = {"trust": 10, "tension": 70, "heard": 0}
    turns = [
        TurnRecord(
            "s1", 0, "t", "Open the gate or else.", threat.to_dict(), "No.", "hostile", meters
        )
    ]
    debrief = build_debrief(scenario, session(OPENING), turns)
    assert "threat" in debrief.next_time.lower()
    assert debrief.totals["penalties"] < 0


def test_a_label_the_party_confirms_is_not_a_missed_opening(scenario) -> None:
    turns = turns_of(
        OPENING,
        [
            ("It sounds like you are worried about your men.", "Worried, yes."),
            ("Tell me more about them.", "They are young. They wait for orders."),
            ("You must be grieving, and angry too.", "Grief, anger, both. You have it right."),
            ("What happened at the bridge?", "They shelled us."),
        ],
    )
    missed = build_debrief(scenario, session(OPENING), turns).missed_openings
    assert not any(f"Turn {n}" in m for m in missed for n in (2, 4)), missed


def test_next_time_after_threats_fits_every_scenario() -> None:
    catalogue = ScenarioCatalogue()
    for scenario_id in ("ceasefire-walkout", "prisoner-exchange", "buffer-zone"):
        scenario = catalogue.get(scenario_id)
        for text in ("Open up or we will use force.", "You have ten minutes. Final offer."):
            turns = turns_of(OPENING, [(text, "No.")])
            advice = build_debrief(scenario, session(OPENING), turns).next_time.lower()
            assert advice
            for word in ("convoy", "gate", "truck", "checkpoint"):
                assert word not in advice, (scenario_id, advice)


def test_injected_events_and_paused_turns_line_up_with_the_turns(scenario) -> None:
    turns = turns_of(
        OPENING,
        [
            ("It must have been a terrible night for you.", "Words."),
            ("We are waiting.", ""),  # paused: the party stayed silent
            ("Hello again.", "Enough."),
        ],
    )
    events = [
        EventRecord("s1", "pause", "f", {}),
        EventRecord(
            "s1",
            "inject",
            "f",
            {"event": "x", "reply": "They buried a boy today.", "after_turn": 2},
        ),
    ]
    missed = build_debrief(scenario, session(OPENING), turns, events=events).missed_openings
    assert any("Turn 3" in m and "buried" in m for m in missed), missed
    assert not any("Turn 2" in m for m in missed), missed


def test_the_service_debrief_counts_injected_events() -> None:
    store = MemoryStore()
    service = SessionService(store)
    start = service.start("checkpoint-convoy", trainee="t", mode="assess", seed=1)
    session_id = start.session.id
    service.handle_turn(session_id, "Hello, I am from the mission.")
    reply = "Shots! They killed the driver."
    event = EventRecord(session_id, "inject", "f", {"event": "x", "reply": reply, "after_turn": 1})
    store.record_event(event)
    service.handle_turn(session_id, "Let us continue.")
    missed = service.debrief(session_id).missed_openings
    assert any("Turn 2" in m and "killed" in m for m in missed), missed


def test_the_skill_profile_does_not_reward_padding() -> None:
    from dialogues.scoring.model import skill_profile

    short = skill_profile({"active_listening": 12.0, "trust_building": 6.0}, turns=4)
    padded = skill_profile({"active_listening": 13.0, "trust_building": 6.5}, turns=40)
    assert short["overall"] > padded["overall"]
    assert short["active_listening"] == 75.0  # 12 points in 4 turns of 4 possible each
    assert skill_profile({"penalties": -40.0}, turns=10)["restraint"] == 0.0
    assert skill_profile({}, turns=0)["overall"] == 0.0


def test_the_debrief_quotes_the_terms_the_party_accepted(scenario) -> None:
    from dialogues.debrief import build_debrief

    record = session(OPENING)
    record.counterpart = {"accepted_terms": [{"text": "Four trucks cross by noon.", "turn": 3}]}
    debrief = build_debrief(scenario, record, turns_of(OPENING, [("Hello.", "No.")]))
    assert debrief.agreed_terms == ["Four trucks cross by noon."]
    assert '"Four trucks cross by noon."' in debrief.render_text()


def _turn(index: int, text: str, *hits: tuple[Code, str], reply: str = "No.") -> TurnRecord:
    """A stored turn with the codes given (the debrief is under test, not the scorer)."""
    points = empty_points()
    for code, _ in hits:
        area = Area.PENALTIES if CODE_POINTS[code] < 0 else CODE_AREA[code]
        points[area] = points.get(area, 0.0) + CODE_POINTS[code]
    score = TurnScore(
        hits=tuple(
            CodeHit(code, (Evidence(text.index(s), text.index(s) + len(s), s),), CODE_REASON[code])
            for code, s in hits
        ),
        points=points,
    )
    meters = {"trust": 10, "tension": 60, "heard": 10}
    return TurnRecord("s1", index, "t", text, score.to_dict(), reply, "hostile", meters)


def test_what_went_wrong_quotes_each_penalised_move_with_its_reason(scenario) -> None:
    turns = [
        _turn(0, "What happened last night?", (Code.OPEN_QUESTION, "What happened last night?")),
        _turn(1, "I hear you. Open the gate or else.", (Code.THREAT, "Open the gate or else.")),
        _turn(2, "Is it yes?", (Code.CLOSED_QUESTION, "Is it yes?")),
    ]
    debrief = build_debrief(scenario, session(OPENING), turns)
    threat, closed = debrief.setbacks
    assert threat == {
        "turn": 2,
        "quote": "Open the gate or else.",
        "codes": ["threat"],
        "points": -5.0,
        "reason": "threat: announces harm or force",
    }
    assert closed["turn"] == 3 and closed["points"] == -0.5  # costliest first
    text = debrief.render_text()
    assert 'Turn 2: "Open the gate or else." (-5.0: threat: announces harm or force)' in text
    assert text.index("What went wrong") > text.index("Best moments")


def test_a_cleared_penalty_is_no_setback(scenario) -> None:
    turn = _turn(0, "Open the gate or else.", (Code.THREAT, "Open the gate or else."))
    turn.score["points"]["penalties"] = 0.0  # a coordinator's correction
    assert build_debrief(scenario, session(OPENING), [turn]).setbacks == []


def test_a_cue_word_is_never_presented_as_an_emotion(scenario) -> None:
    opening = "Your patrols are a threat to my men."
    turns = [_turn(0, "Open the gate please.", reply="No.")]
    [missed] = build_debrief(scenario, session(opening), turns).missed_openings
    assert "the fear in it went unlabelled" in missed
    assert "'threat'" not in missed and "emotional cue" not in missed


@pytest.mark.parametrize("won", ["outcome", "terms"])
def test_a_session_won_by_a_proposal_is_not_told_to_propose(scenario, won: str) -> None:
    record = session(OPENING)
    if won == "outcome":
        record.outcome = "agreement"
    else:
        record.counterpart = {"accepted_terms": [{"text": "Two trucks by noon.", "turn": 2}]}
    turns = [
        _turn(0, "You sound exhausted.", (Code.EMOTION_LABEL, "You sound exhausted.")),
        _turn(1, "So: food, safety, respect.", (Code.SUMMARY, "So: food, safety, respect.")),
        _turn(2, "Two trucks by noon?", (Code.OPEN_QUESTION, "Two trucks by noon?")),
    ]
    advice = build_debrief(scenario, record, turns).next_time.lower()
    assert advice and "interim" not in advice and "propos" not in advice, advice
    # the same session, not won, is told to propose
    lost = build_debrief(scenario, session(OPENING), turns).next_time.lower()
    assert "interim" in lost
