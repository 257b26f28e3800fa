"""Properties that hold for any input: no crash, spans index the text, weights are sane."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext, TurnScore
from dialogues.scoring.rubric import NEGATIVE_CODES

PHRASES = st.sampled_from(
    [
        "It sounds like you're scared. ",
        "What happened? ",
        "You have ten minutes. ",
        "I'm sorry we were late. ",
        "What if we let two trucks through for an hour with observers? ",
        "İSTANBUL ",
        "ﬁne… ",
        "\u200b",
        "🙄 ",
        "\n",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(PHRASES, max_size=12).map("".join))
CONTEXT = st.builds(
    ScoringContext,
    party_last=st.text(max_size=100),
    party_history=st.lists(st.text(max_size=60), max_size=3).map(tuple),
    trainee_history=st.lists(TEXT, max_size=3).map(tuple),
    listened=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(TEXT, CONTEXT)
def test_any_text_scores_and_spans_index_it(text: str, context: ScoringContext) -> None:
    result = score(text, context)
    assert 0.0 <= result.weight <= 1.0
    for hit in result.hits:
        assert hit.reason
        assert hit.evidence
        for span in hit.evidence:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text
    penalties = sum(1 for code in result.codes if code in NEGATIVE_CODES)
    assert (result.points["penalties"] < 0) == (penalties > 0)
    assert TurnScore.from_dict(result.to_dict()).codes == result.codes


@settings(max_examples=100, deadline=None)
@given(st.lists(PHRASES, min_size=1, max_size=6).map("".join))
def test_scoring_is_deterministic(text: str) -> None:
    context = ScoringContext(party_last="We are hungry.", listened=True)
    assert score(text, context) == score(text, context)
