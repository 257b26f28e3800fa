"""The scorer understands English only: other languages get no codes and no penalty."""

from __future__ import annotations

import pytest

from dialogues.scoring import score
from dialogues.scoring.model import ScoringContext

CONTEXT = ScoringContext(party_last="My men are dead and you want the gate open?", listened=True)

OTHER_LANGUAGES = [
    "Ich verstehe, dass Sie wütend sind. Was brauchen Ihre Männer?",
    "¿Qué necesitan sus hombres? Lo siento mucho.",
    "Vous avez dix minutes, sinon nous entrons.",
    "Olha, eu sei que você está com medo. O que aconteceu?",
    "Perché non mi dici cosa è successo?",
    "Tamam, anlıyorum. Ne oldu?",
    "Я понимаю, что вы злитесь. Что вам нужно?",
    "我明白你很生气。你需要什么？",
    "أفهم أنك غاضب. ماذا تحتاج؟",
]


@pytest.mark.parametrize("text", OTHER_LANGUAGES)
def test_a_message_in_another_language_gets_no_codes_and_no_penalty(text: str) -> None:
    result = score(text, CONTEXT)
    assert result.codes == []
    assert result.total == 0


@pytest.mark.parametrize(
    "text", ["Three days?", "u must be so fed up", "Lo siento. I'm sorry we didn't warn you."]
)
def test_short_chat_style_and_mixed_english_are_still_scored(text: str) -> None:
    assert score(text, ScoringContext(party_last="Three days we have waited.", listened=True)).codes
