"""Is a message English? The rubric's patterns only understand English (docs/rubric.md, Limits).

A message in another language must earn nothing and cost nothing: without this check a
Spanish or Russian question ends in "?" and is not an English wh-question, so it was coded a
`closed_question`. The test is deliberately cheap and lenient towards English chat style
(lowercase, "u", "ur", typos, short fragments): a message counts as another language only on
clear evidence — mostly letters of another script, or Latin-script words of which hardly any
are common English words while some are common words of another language.
"""

from __future__ import annotations

import re

WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Common English words (function words, chat forms, everyday negotiation verbs): nearly every
# English sentence of three words or more contains at least one of them.
ENGLISH = _wordset(
    """
    a about after again all also am an and any are as at be because been before being both
    but by can can't cant could couldn't did didn't do does doesn't don't dont down each even
    every for from get give go going good got had has have haven't he her here him his how i
    i'd i'll i'm i've id if im in into is isn't it it's its ive just know last let let's like
    look make may me might more most much must my need never no not now of off ok okay on once
    one only or our out over please really right said say see she should so some still such
    sure take tell than thank thanks that that's thats the their them then there these they
    they're this those though through time to today tonight too two u ur us very want was
    we we'll we're were what what's whats when where which while who why will with won't
    would wouldn't yeah yes yet you you'd you'll you're you've youre your yours
    hear heard sorry understand sounds sound feel felt worried afraid angry help men people
    trucks truck gate talk happened happen three four day days hour hours night week yesterday
    """
)
# Common function words of other languages written in Latin script. Words that are English
# too ("a", "no", "me", "on", "die") are left out: they prove nothing.
OTHER = _wordset(
    """
    el la los las un una unos que qué de del por para con pero como cómo porque está
    están estoy es soy muy más también lo le les nos su tú usted ustedes
    nosotros dónde cuándo quién gracias señor hombres puedo puede necesitan necesita
    le les des du et est sont avec pour pas mais je tu il elle nous vous ils elles ce cette
    qui quoi où quand comment pourquoi très aussi merci votre vos notre nos leur avez
    der das und ist nicht ich sie wir ihr ihre mit für auf dass wie warum wo wann
    bitte danke sehr auch noch kein keine haben sind verstehe
    il lo gli che di non sono sei siamo anche molto cosa perché quando grazie
    não sim você vocês está estão obrigado muito também onde quando porque uma
    het een en niet waarom jij jullie wij zijn hebben
    ve bir bu ne neden nasıl nerede evet hayır tamam teşekkürler anlıyorum oldu
    yang ini itu tidak saya anda kami
    """
)
MIN_WORDS = 3  # shorter Latin-script messages ("Three days?") are never judged foreign


def _foreign_script_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    # Latin, Latin-1 and Latin Extended-A/B cover English and every Latin-script language.
    return sum(1 for ch in letters if ord(ch) > 0x24F) / len(letters)


def is_english(text: str) -> bool:
    """False only when `text` is clearly in another language; emoji and numbers are English."""
    if _foreign_script_share(text) > 0.5:
        return False
    words = [w.lower() for w in WORD_RE.findall(text)]
    if len(words) < MIN_WORDS:
        return True
    english = sum(1 for w in words if w in ENGLISH)
    other = sum(1 for w in words if w in OTHER)
    if english == 0:
        return other == 0
    return not (other >= 2 and english / len(words) < 0.2 and other > english)


def unscorable(text: str) -> str:
    """Why `text` cannot be scored at all, or "" when it can.

    The rubric reads English words: a message of emoji, symbols or numbers only, or one in
    another language, would earn nothing and cost nothing, yet use one of the trainee's turns.
    The front end says so instead of playing it (the reason completes "This message …").
    """
    if not any(ch.isalpha() for ch in text):
        return "has no words to score (only emoji, symbols or numbers): say it in words"
    if not is_english(text):
        return "looks like another language: only English is scored, so say it in English"
    return ""
