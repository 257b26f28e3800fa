"""Spans structure decides: times, dates and durations in the notations people type.

A proposal is `time_bound` only when it names a time, a date or a duration; whether a
message *proposes* is learned, but whether "tmrw 0800-1000" contains a time is not a matter of
opinion, and a few hundred labelled messages would never cover every notation. So times are
found here, by pattern, and the scorer requires one for `time_bound`; the same spans give the
counterpart the "when / for how long" of a proposal's terms.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = (
    r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty[- ]eight|twenty[- ]four|seventy[- ]two|forty|sixty|ninety|half an?|a few|"
    r"couple of|\d+(?:[.,]\d+)?)"
)
_UNITS = r"(?:minutes?|mins?|hours?|hrs?|h|days?|nights?|weeks?|wks?|months?|years?|seconds?|secs?)"
_DAYS = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
TIME_RE = re.compile(
    r"\b(?:"
    # clock times: 08:00, 8.30, 0800, 8am, 8 p.m., 1400h, 0800-1000, 14h30
    r"\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?|\d{3,4}\s*(?:hrs?|h)?(?=\s*(?:-|–|to|till|until)\s*\d)|"
    r"(?<=-|–)\d{3,4}\b|(?:at|by|from|until|till|before|after)\s+\d{3,4}\b|"
    r"\d{1,2}\s*[ap]\.?m\.?|" + _NUMBER_WORDS + r"[\s-]*" + _UNITS + r"\b|"
    # durations: 48-hour, 2 hrs, ten minutes, half an hour, 3 days
    # named times and days
    r"noon|midday|midnight|dawn|dusk|sunrise|sunset|nightfall|daybreak|first light|"
    r"tonight|tonite|today|tomorrow|tmrw|tmr|tomoz|this (?:morning|afternoon|evening|week|weekend)|"
    r"(?:next|this|by|on|until|till|before) " + _DAYS + r"|" + _DAYS + r"|"
    r"(?:next|this|end of the|by the end of the) (?:week|month|hour)|"
    r"\d{1,2}(?:st|nd|rd|th)? " + _MONTHS + r"|" + _MONTHS + r" \d{1,2}(?:st|nd|rd|th)?|"
    r"(?:within|for|in|over) the (?:hour|day|night|week|morning|afternoon|evening)|"
    r"(?:within|in) (?:the )?(?:next )?(?:an? )?hour|overnight|right now|immediately"
    r")\b",
    re.IGNORECASE,
)


# Who or what can check a step: the rubric's "named checker or check". Whether a message
# *proposes* a check is learned; a party asking "who checks it?" is answered by a name.
CHECKER_RE = re.compile(
    r"\b(?:observers?|monitors?|monitoring (?:mission|team)|inspectors?|inspection|icrc|"
    r"red cross|red crescent|un|united nations|unhcr|ocha|osce|mission|commission|committee|"
    r"mediators?|witness(?:es|ed)?|verif(?:y|ied|ication)|photo(?:graph)?s?|video|filmed|"
    r"recorded|in writing|sign(?:s|ed|ing)?|receipt|lists?|manifest|count(?:ed|ing)?|"
    r"escort(?:ed)?|journalists?|press|third party|neutral)\b",
    re.IGNORECASE,
)


def has_checker(text: str) -> bool:
    """Whether `text` names someone or something that checks (observers, a list, photos)."""
    return CHECKER_RE.search(text) is not None


def time_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every time, date or duration in `text`."""
    return [m.span() for m in TIME_RE.finditer(text)]


def has_time(text: str) -> bool:
    """Whether `text` names any time, date or duration."""
    return TIME_RE.search(text) is not None
