"""Coach hints react to what just happened in the conversation."""

from __future__ import annotations

from itertools import pairwise

from dialogues.coach import suggest_hint
from dialogues.memory_store import MemoryStore
from dialogues.scoring import score
from dialogues.scoring.model import (
    CodeHit,
    Evidence,
    ScoringContext,
    TurnScore,
    empty_points,
)
from dialogues.scoring.rubric import CODE_AREA, CODE_POINTS, Code
from dialogues.service import SessionService


def scored_as(*codes: Code) -> TurnScore:
    """A message the scorer read as `codes` (the coach is tested, not the model)."""
    hits = tuple(CodeHit(c, (Evidence(0, 5, "words"),), "test") for c in codes)
    points = empty_points()
    for c in codes:
        points[CODE_AREA[c]] += CODE_POINTS[c]
    return TurnScore(hits=hits, points=points)


def scored(text: str, party: str = "Get out of here.", listened: bool = True):
    return score(text, ScoringContext(party_last=party, listened=listened))


def test_a_named_fear_asks_for_a_label() -> None:
    hint = suggest_hint("I am afraid my men will be killed on that road.", [], "guarded")
    assert "fear" in hint and "label" in hint.lower() and "afraid" in hint


def test_a_threat_is_repaired_first() -> None:
    hint = suggest_hint("I am afraid.", [scored_as(Code.THREAT)], "hostile")
    assert "threat" in hint.lower()


def test_hostile_and_unheard_paraphrase_before_proposing() -> None:
    hint = suggest_hint("Your trucks stay where they are.", [scored("Hello.")], "hostile")
    assert "paraphrase" in hint.lower()


def test_premature_proposal_is_named() -> None:
    early = scored("What if we let two trucks through for an hour?", listened=False)
    hint = suggest_hint("Words, words.", [early], "guarded")
    assert "heard" in hint.lower()


def test_a_concession_should_be_acknowledged() -> None:
    hint = suggest_hint("Fine, I will let one truck through.", [], "bargaining")
    assert "acknowledge" in hint.lower()


def test_gaming_is_called_out() -> None:
    party = "My men have not eaten in three days and you drive trucks full of food past us."
    echo = score(party, ScoringContext(party_last=party, listened=True))
    assert "echo" in echo.flags
    assert "own words" in suggest_hint("Words.", [echo], "guarded")


def test_a_direct_question_should_be_answered() -> None:
    hint = suggest_hint("Who checks the trucks, then? Your people?", [], "exploring")
    assert "Who checks the trucks, then?" in hint and "honestly" in hint


def test_a_hint_exists_before_the_first_message() -> None:
    assert suggest_hint("Turn around.", [], "hostile")


def test_a_label_the_party_confirms_is_not_asked_for_again() -> None:
    labelled = scored("It sounds like you are worried about your men.")
    hint = suggest_hint("Worried, yes.", [labelled], "guarded")
    assert "There is fear" not in hint and "worried" not in hint.lower()
    both = scored("You must be grieving, and angry too.")
    hint = suggest_hint("Grief, anger, both. You have it right.", [both], "guarded")
    assert "loss" not in hint.lower() and "angry" not in hint.lower()


def test_a_new_emotion_after_a_confirmed_label_is_still_a_cue() -> None:
    labelled = scored("It sounds like you are worried about your men.")
    hint = suggest_hint("Yes. And last week they killed my brother.", [labelled], "guarded")
    assert "loss ('killed')" in hint


def test_a_loss_needs_a_loss_word_not_a_possessive() -> None:
    hint = suggest_hint("My men buried two friends this morning.", [], "hostile")
    assert "loss ('buried')" in hint and "my men" not in hint
    assert "loss" not in suggest_hint("My men have not eaten since Tuesday.", [], "hostile")


def test_a_hostile_party_does_not_get_the_same_hint_twice_in_a_row() -> None:
    hints: list[str] = []
    scores = []
    for text in ("Hello.", "We need to get through.", "Please.", "Look.", "Listen.", "Hm."):
        scores.append(scored(text))
        previous = hints[-1] if hints else ""
        hints.append(suggest_hint("Your trucks stay where they are.", scores, "hostile", previous))
    assert all(a != b for a, b in pairwise(hints))
    moves = " ".join(hints).lower()
    for move in ("paraphrase", "feeling", "open question", "acknowledge"):
        assert move in moves


def test_a_repeated_threat_gets_a_new_repair() -> None:
    first = suggest_hint("No.", [scored_as(Code.THREAT)], "hostile")
    again = suggest_hint("No.", [scored_as(Code.THREAT)], "hostile", first)
    assert "threat" in again.lower() and again != first


def test_the_service_passes_the_last_hint_even_after_a_restart() -> None:
    store = MemoryStore()
    service = SessionService(store)
    session_id = service.start("checkpoint-convoy", trainee="t", seed=2).session.id
    hints = [service.handle_turn(session_id, text).hint for text in ("Hello.", "We must pass.")]
    restarted = SessionService(store)
    hints.append(restarted.handle_turn(session_id, "Please.").hint)
    assert all(hints) and all(a != b for a, b in pairwise(hints)), hints
    # Computed once per turn: the hint button gives the hint the turn already gave.
    assert restarted.hint(session_id, "trainee") == hints[-1]


def test_a_rhetorical_question_is_not_one_to_answer() -> None:
    hint = suggest_hint("What happened? Rounds landed on a market at nine.", [], "exploring")
    assert "asked you straight out" not in hint


def test_advice_just_followed_is_not_given_again() -> None:
    asked = suggest_hint("Go on, then.", [], "exploring")
    assert "open question" in asked.lower()
    followed = scored_as(Code.OPEN_QUESTION)
    assert (
        "open question" not in suggest_hint("Go on, then.", [followed], "exploring", asked).lower()
    )


def test_a_cue_word_is_not_called_a_fear() -> None:
    hint = suggest_hint("Your patrols are a threat to my men.", [], "hostile")
    assert "There is fear in what they just said" in hint and "'threat'" not in hint
