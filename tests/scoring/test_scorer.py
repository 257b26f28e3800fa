"""Behaviour of the scorer on the rubric's core and hard cases (docs/rubric.md)."""

from __future__ import annotations

import pytest

from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext, TurnScore
from dialogues.scoring.rubric import CODE_POINTS, RUBRIC_VERSION, Area, Code

C = Code
PARTY = (
    "My men have not eaten in three days and you drive trucks full of food past us. "
    "We are not beggars!"
)
HEARD = ScoringContext(party_last=PARTY, party_history=(PARTY,), heard=60)
UNHEARD = ScoringContext(party_last=PARTY, party_history=(PARTY,), heard=10)


def codes(text: str, context: ScoringContext = HEARD) -> set[Code]:
    return set(score(text, context).codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It sounds like you feel humiliated.", {C.EMOTION_LABEL}),
        ("that must have been terrifying", {C.EMOTION_LABEL}),
        ("u must be so fed up", {C.EMOTION_LABEL}),
        ("So your men have gone three days without eating.", {C.PARAPHRASE}),
        ("Three days?", {C.MIRROR}),
        ("What would help your men most right now?", {C.OPEN_QUESTION}),
        ("Tell me more about what happened at the bridge.", {C.OPEN_QUESTION}),
        ("Mm-hmm. Go on.", {C.MINIMAL_ENCOURAGER}),
        ("I feel worried when I hear shots near the trucks.", {C.I_MESSAGE}),
        ("You're right, nobody told you the convoy was coming.", {C.ACKNOWLEDGEMENT}),
        ("I'm sorry we didn't warn you the convoy was coming.", {C.APOLOGY}),
        ("To be honest, I don't have the authority to promise that.", {C.TRANSPARENCY}),
        ("I'll call the UN office tonight and come back with an answer.", {C.COMMITMENT}),
        ("You have ten minutes to open the gate.", {C.ULTIMATUM}),
        ("This is your fault.", {C.BLAME}),
        ("Calm down, it's just a few trucks.", {C.DISMISSAL}),
        ("Are your men armed?", {C.CLOSED_QUESTION}),
    ],
)
def test_core_codes(text: str, expected: set[Code]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # A demand dressed as a question is not an open question.
        ("Why don't you just stand down?", {C.DISMISSAL}, {C.OPEN_QUESTION}),
        # An apology that blames the listener is a dismissal, not an apology.
        ("sorry you feel that way", {C.DISMISSAL}, {C.APOLOGY}),
        # Negating the word "threat" does not cancel the threat that follows.
        (
            "I'm not threatening you, but if you don't open the gate, we will use force.",
            {C.THREAT},
            set(),
        ),
        # Filler is not a paraphrase.
        ("I understand.", set(), {C.PARAPHRASE}),
        # Proposals with no content are not interim proposals.
        ("Let's find a solution.", set(), {C.INTERIM_PROPOSAL, C.PREMATURE_PROPOSAL}),
        # Sarcasm earns nothing and reads as dismissal.
        ("Oh sure, you're SO scared 🙄", {C.DISMISSAL}, {C.EMOTION_LABEL}),
        # Telling someone not to feel something is not a label.
        ("Don't be scared, nobody will hurt you.", set(), {C.EMOTION_LABEL}),
        # "We will not use force" is a reassurance, not a threat.
        ("We will not use force against your men.", set(), {C.THREAT}),
        # Threats by structure, not by sentence: pressure + "and" + harm, demand + "or" + loss,
        # a conditional on their action, force on standby, veiled menace, legal consequences.
        ("Push us and you'll find out what the brigade is capable of.", {C.THREAT}, set()),
        ("Sign it, or the medicine stays where it is.", {C.THREAT, C.ULTIMATUM}, set()),
        ("if ur guys raise a rifle at my drivers, none of them go home tonight", {C.THREAT}, set()),
        ("The helicopters are fuelled and waiting for my word.", {C.THREAT}, set()),
        ("It'd be a shame if the clinic's generator stopped working.", {C.THREAT}, set()),
        ("Keep us waiting and your name goes in the tribunal file.", {C.THREAT}, set()),
        ("You have kids, commander. Think about them.", {C.THREAT}, set()),
        ("I'm not making threats, I'm just saying the brigade won't wait.", {C.THREAT}, set()),
        ("I'm not threatening you, but you're being childish about a pipe.", set(), {C.THREAT}),
        # Composition: their refusal or stalling, and harm in the same sentence; our force.
        ("Say no, and I walk out of here and the tanks come in.", {C.THREAT}, set()),
        ("My side has the guns to take that hill whenever it likes.", {C.THREAT}, set()),
        (
            "If the line isn't fixed, somebody will get killed, and I'm afraid of that.",
            set(),
            {C.THREAT},
        ),
        # Blame without the word: counterfactuals and "it was your X that …".
        ("It was your patrol that opened fire at the bridge.", {C.BLAME}, set()),
        ("None of this would be happening if your commanders kept their word.", {C.BLAME}, set()),
        ("It's your people who get shelled every night.", set(), {C.BLAME}),
        # An exchange is a reciprocal proposal, not a one-sided commitment.
        (
            "We'll send the fuel once your men clear the road.",
            {C.INTERIM_PROPOSAL, C.RECIPROCAL},
            {C.COMMITMENT},
        ),
        (
            "You keep the east road open, and we'll keep our patrols off it.",
            {C.INTERIM_PROPOSAL, C.RECIPROCAL},
            set(),
        ),
    ],
)
def test_hard_cases(text: str, expected: set[Code], absent: set[Code]) -> None:
    found = codes(text)
    assert expected <= found
    assert not (absent & found)


def test_paraphrase_needs_overlap_with_what_the_party_said() -> None:
    text = "So what you're saying is the weather has been bad for the harvest."
    assert C.PARAPHRASE not in codes(text)
    assert C.PARAPHRASE in codes("So what you're saying is your men are going hungry.")
    # Without any party message there is nothing to paraphrase.
    assert C.PARAPHRASE not in codes("So your men are going hungry.", ScoringContext(heard=60))


def test_proposal_is_premature_before_the_party_feels_heard() -> None:
    text = "What if we let two trucks of food go to your men first, for the next 24 hours?"
    early, later = codes(text, UNHEARD), codes(text, HEARD)
    assert C.PREMATURE_PROPOSAL in early and C.INTERIM_PROPOSAL not in early
    assert C.TIME_BOUND not in early
    assert {C.INTERIM_PROPOSAL, C.TIME_BOUND} <= later and C.PREMATURE_PROPOSAL not in later


def test_qualifiers() -> None:
    found = codes(
        "If you let ten trucks through for the next six hours, we will send fuel in return, "
        "and ICRC observers can count every truck."
    )
    assert {C.INTERIM_PROPOSAL, C.TIME_BOUND, C.RECIPROCAL, C.VERIFIABLE} <= found


def test_consistency_needs_an_earlier_commitment() -> None:
    promised = ScoringContext(
        party_last="Well? Did you call them?",
        trainee_history=("I'll call the UN office tonight about the fuel.",),
        heard=50,
    )
    text = "As I promised, I called the UN office about the fuel last night."
    assert C.CONSISTENCY in codes(text, promised)
    assert C.CONSISTENCY not in codes(text, ScoringContext(heard=50))
    report = "I called the UN office about the fuel."
    assert C.CONSISTENCY in codes(report, promised)


def test_summary_pulls_together_several_party_messages() -> None:
    history = (
        "Your convoy drove past my checkpoint without asking.",
        "My men have not been paid in two months.",
        "And the observers always side with the government.",
    )
    ctx = ScoringContext(party_last=history[-1], party_history=history, heard=50)
    text = (
        "Let me make sure I've got this. The convoy passed your checkpoint without asking, "
        "your men haven't been paid, and you don't trust the observers."
    )
    assert C.SUMMARY in codes(text, ctx)


def test_evidence_spans_index_the_text_and_every_hit_has_a_reason() -> None:
    text = "I'm sorry.  It sounds like you're exhausted. What happened at the bridge?"
    result = score(text, HEARD)
    assert result.hits
    for hit in result.hits:
        assert hit.reason
        for span in hit.evidence:
            assert text[span.start : span.end] == span.text and span.text


def test_points_follow_the_rubric_and_the_version_is_stored() -> None:
    result = score("This is your fault. Tell me what happened.", HEARD)
    assert result.points[Area.PENALTIES] == CODE_POINTS[C.BLAME]
    assert result.points[Area.ACTIVE_LISTENING] == CODE_POINTS[C.OPEN_QUESTION]
    data = result.to_dict()
    assert data["rubric"] == RUBRIC_VERSION == "2026.2"
    assert TurnScore.from_dict(data).codes == result.codes


def test_multi_sentence_messages_combine_sentence_codes() -> None:
    found = codes(
        "You've been through hell these last days. I'm sorry for the delay at the gate. "
        "What do your men need most?"
    )
    assert {C.ACKNOWLEDGEMENT, C.APOLOGY, C.OPEN_QUESTION} <= found


@pytest.mark.parametrize(
    "text",
    [
        "it sounds like ur scared for ur men",
        "IT SOUNDS LIKE YOU'RE SCARED FOR YOUR MEN",
        "It sounds like you’re scared for your men 😟",
        "it sounds like youre terified for your men",
    ],
)
def test_chat_style_spelling(text: str) -> None:
    assert C.EMOTION_LABEL in codes(text)
