"""The scorer: what structure decides (with heads we control), and the shipped model's shape.

Which words carry which code is learned, and measured by `parley eval` on text nobody here
wrote; these tests pin what is *not* learned: evidence and reasons, the structural rules,
points and weights, and that the shipped model reads plain cases the way the rubric says.
"""

from __future__ import annotations

import numpy as np
import pytest

from dialogues.scoring import heads as shipped
from dialogues.scoring import scorer
from dialogues.scoring.heads import Heads
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import CODE_POINTS, RUBRIC_VERSION, Area, Code
from dialogues.scoring.sentences import split_sentences

C = Code
PARTY = "My men have not eaten in three days and you drive trucks full of food past us."
CONTEXT = ScoringContext(party_last=PARTY, party_history=(PARTY,))


def forced(*codes: Code) -> Heads:
    """Heads that fire exactly `codes` on every sentence, whatever it says."""
    model = shipped.heads()
    bias = np.array([30.0 if c in codes else -30.0 for c in model.codes], dtype=np.float32)
    return Heads(
        model.codes, model.mean, model.scale, np.zeros_like(model.weights), bias, model.thresholds
    )


@pytest.fixture
def heads_firing(monkeypatch: pytest.MonkeyPatch):
    def install(*codes: Code) -> None:
        monkeypatch.setattr(scorer, "heads", lambda: forced(*codes))

    return install


def codes(text: str, context: ScoringContext = CONTEXT) -> set[Code]:
    return set(scorer.score(text, context).codes)


def test_qualifiers_need_a_proposal(heads_firing) -> None:
    heads_firing(C.RECIPROCAL, C.VERIFIABLE, C.TIME_BOUND)
    assert codes("We both check it by noon.") == set()
    heads_firing(C.INTERIM_PROPOSAL, C.RECIPROCAL, C.VERIFIABLE, C.TIME_BOUND)
    assert codes("We both check it by noon.") == {
        C.INTERIM_PROPOSAL,
        C.RECIPROCAL,
        C.VERIFIABLE,
        C.TIME_BOUND,
    }


@pytest.mark.parametrize(
    ("text", "timed"),
    [
        ("Three trucks, tmrw 0800-1000.", True),
        ("Three trucks by 14:30.", True),
        ("Three trucks for 2 hrs.", True),
        ("Three trucks before dusk.", True),
        ("Three trucks for a limited time.", False),
        ("Three trucks, soon.", False),
    ],
)
def test_time_bound_needs_a_time_in_any_notation(heads_firing, text: str, timed: bool) -> None:
    heads_firing(C.INTERIM_PROPOSAL, C.TIME_BOUND)
    assert (C.TIME_BOUND in codes(text)) is timed


def test_a_proposal_before_any_listening_is_premature_and_keeps_its_codes(heads_firing) -> None:
    heads_firing(C.INTERIM_PROPOSAL)
    early = ScoringContext(party_last=PARTY, listened=False)
    assert codes("Let three trucks through.", early) == {C.INTERIM_PROPOSAL, C.PREMATURE_PROPOSAL}
    assert codes("Let three trucks through.", CONTEXT) == {C.INTERIM_PROPOSAL}
    heads_firing(C.INTERIM_PROPOSAL, C.OPEN_QUESTION)
    # Listening in the same message counts.
    assert C.PREMATURE_PROPOSAL not in codes("What happened? Let three trucks through.", early)


def test_reflections_need_something_of_theirs(heads_firing) -> None:
    heads_firing(C.PARAPHRASE, C.MIRROR, C.SUMMARY)
    assert codes("So your men are hungry.", ScoringContext()) == set()
    assert codes("Full of food?") == {C.PARAPHRASE, C.MIRROR, C.SUMMARY}
    # A mirror repeats their words: none of theirs, no mirror.
    assert C.MIRROR not in codes("Bananas?")


def test_evidence_is_the_sentence_and_every_hit_has_a_reason(heads_firing) -> None:
    heads_firing(C.OPEN_QUESTION)
    text = "Okay.   What happened at the bridge?"
    result = scorer.score(text, CONTEXT)
    (hit,) = result.hits
    (span,) = hit.evidence
    assert text[span.start : span.end] == span.text
    assert span.text in {s.text for s in split_sentences(text)}
    assert hit.reason and "%" in hit.reason


def test_points_follow_the_rubric_and_penalties_ignore_the_weight(heads_firing) -> None:
    heads_firing(C.OPEN_QUESTION, C.THREAT)
    result = scorer.score("What happened at the bridge? What happened at the bridge?", CONTEXT)
    assert "repeat" in result.flags and result.weight < 1
    assert result.points[Area.ACTIVE_LISTENING] == pytest.approx(
        CODE_POINTS[C.OPEN_QUESTION] * result.weight
    )
    assert result.points[Area.PENALTIES] == CODE_POINTS[C.THREAT]
    assert result.rubric == RUBRIC_VERSION


def test_stuffing_many_moves_into_one_sentence_lowers_the_weight(heads_firing) -> None:
    heads_firing(
        C.EMOTION_LABEL, C.PARAPHRASE, C.OPEN_QUESTION, C.ACKNOWLEDGEMENT, C.TRANSPARENCY, C.APOLOGY
    )
    assert "stuffing" in scorer.score("I hear you, sorry, what now?", CONTEXT).flags


def test_another_language_earns_and_costs_nothing(heads_firing) -> None:
    heads_firing(C.THREAT)
    assert codes("Nous allons ouvrir la barrière demain matin, je vous le promets.") == set()


def test_the_cost_of_a_message_is_bounded(heads_firing) -> None:
    heads_firing(C.OPEN_QUESTION)
    long = " ".join(f"What about truck {i}?" for i in range(500))
    rows = scorer.instances(long, split_sentences(long)[: scorer.MAX_SENTENCES], CONTEXT)
    assert len(rows) == scorer.MAX_SENTENCES + 1
    assert scorer.score(long, CONTEXT).codes == [C.OPEN_QUESTION]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Open the gate or we will call in an airstrike.", C.THREAT),
        ("What happened at the bridge last night?", C.OPEN_QUESTION),
        ("I'm sorry we didn't warn you the convoy was coming.", C.APOLOGY),
        ("This is your fault.", C.BLAME),
        (
            "What if your men inspect three trucks before dusk, with the observers watching?",
            C.INTERIM_PROPOSAL,
        ),
    ],
)
def test_the_shipped_model_reads_plain_cases(text: str, code: Code) -> None:
    assert code in codes(text)


def test_checking_questions_are_not_penalised() -> None:
    proposed = ScoringContext(
        party_last=PARTY, trainee_history=("What if your men check three trucks before dusk?",)
    )
    for text in ("deal?", "does that work for you?", "did i miss anything?", "agreed?"):
        assert C.CLOSED_QUESTION not in codes(text, proposed), text
    # With nothing said before, "does that work?" cannot be checking anything.
    assert _is_check_case("Does that work for you?") is False


def _is_check_case(text: str) -> bool:
    return scorer._is_check(split_sentences(text)[0], something_to_check=False)


def test_a_string_of_stock_phrases_is_stuffing_but_the_same_moves_on_their_words_are_not(
    heads_firing,
) -> None:
    heads_firing(C.EMOTION_LABEL, C.APOLOGY, C.MINIMAL_ENCOURAGER, C.OPEN_QUESTION)
    stock = "I hear you. That must be so hard. I'm really sorry. Tell me more."
    assert "stuffing" in scorer.score(stock, CONTEXT).flags
    grounded = (
        "Three days without food. Your men are hungry. I'm sorry about the trucks. "
        "What do they need first?"
    )
    assert "stuffing" not in scorer.score(grounded, CONTEXT).flags
