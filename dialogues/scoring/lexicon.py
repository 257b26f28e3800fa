"""Word lists the coach, the cues and the sentence splitter share (no scoring decisions).

Scoring is learned (docs/rubric.md); what stays here are the few lists that are not a
judgement about skill: stopwords and synonym groups for comparing words, and the party cues
(fear, anger, concession) and question openers the coach reads. `{YOU}`-style macros expand
to chat spellings, so a pattern reads like the phrase it catches.
"""

from __future__ import annotations

import re

# Chat spellings of the words most patterns hinge on.
MACROS: dict[str, str] = {
    "YOU": r"(?:you|u|ya|yu)",
    "YOUR": r"(?:your|ur|yr)",
    "YOURE": r"(?:you'?re|you are|ur|u r|u'?re|youre)",
    "YOUVE": r"(?:you'?ve|you have|u'?ve|u have)",
    "IM": r"(?:i'?m|i am|im)",
    "ILL": r"(?:i'?ll|i will|i shall)",
    "IVE": r"(?:i'?ve|i have)",
    "ID": r"(?:i'?d|i would)",
    "WELL": r"(?:we'll|we will|we shall)",  # not "well": "Well you should have…"
    "WERE": r"(?:we'?re|we are)",
    "DONT": r"(?:don'?t|do not|dont)",
    "CANT": r"(?:can'?t|cannot|can not|cant)",
    "WONT": r"(?:won'?t|will not|wont)",
    "ITS": r"(?:it'?s|it is|its)",
    "THATS": r"(?:that'?s|that is|thats)",
    "LETS": r"(?:let'?s|^\W*let us|lets)",  # "let us through" is not "let's"
    "SORRY": r"(?:sorry|sry|soz|sorri)",
}


def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern after expanding `{MACRO}`s; word boundaries are the caller's job.

    Patterns are lowercase and matched against lowercased text (`sentences.lower`):
    case-insensitive matching is several times slower in `re`.
    """
    for name, value in MACROS.items():
        pattern = pattern.replace("{" + name + "}", value)
    return re.compile(pattern, flags)


def alternation(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex alternation of literal phrases, factored into a prefix trie.

    `re` tries alternatives one by one at every position; sharing prefixes lets it give up
    after the first character for most positions, which makes long word lists several
    times faster. Longer completions come first, so the longest phrase wins.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    branches.sort(key=len, reverse=True)
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


# Party cues the coach and the debrief look for: strong emotions, especially fear.
FEAR_WORDS: tuple[str, ...] = (
    "afraid",
    "scared",
    "fear",
    "fears",
    "frightened",
    "terrified",
    "worried",
    "worry",
    "panic",
    "anxious",
    "nervous",
    "danger",
    "dangerous",
    "unsafe",
    "threat",
    "kill",
    "killed",
    "die",
    "dying",
    "dead",
    "ambush",
    "trap",
    "attack",
    "attacked",
    "shelling",
    "shelled",
    "shooting",
    "gunfire",
    "bullet",
    "bullets",
)

ANGER_WORDS: tuple[str, ...] = (
    "angry",
    "furious",
    "enough",
    "sick of",
    "fed up",
    "liars",
    "lie",
    "lies",
    "insult",
    "humiliate",
    "humiliated",
    "disrespect",
    "betrayed",
    "betray",
    "never again",
    "damn",
    "hell",
    "outrage",
    "outrageous",
    "spit",
)

ANGER_RE = rx(r"!{2,}|\b[A-Z]{4,}\b")  # shouting, on the original text

ANGER_CI_RE = rx(r"\b" + alternation(ANGER_WORDS) + r"\b")

CONCESSION_RE = rx(
    r"\b(?:fine|alright|all right|very well|ok(?:ay)?)[,.]?\s+(?:i|we)\b"
    r"|\b(?:i|we)\s+(?:can|could|will|'ll|might|may)\s+(?:let|allow|open|release|give|"
    r"accept|consider|agree|lower|hold|pull)\b"
    r"|\b(?:i'?ll|we'?ll)\s+(?:let|allow|open|release|give|hold|pull back)\b"
    r"|\bmaybe\s+(?:one|two|a few|some)\b|\bone truck\b|\bi'?ll think about it\b"
    r"|\byou have (?:an? )?(?:hour|deal|point)\b"
)

# Openers people put before a question: "so, um, what…", "okay and how…", stutters "wh-what".
LEAD_IN = (
    r"^\W*(?:(?:and|so|but|ok|okay|well|then|now|right|alright|all right|um+|uh+|er+|yeah|yes|"
    r"mm+[- ]?hm+|oh|hey|look|listen|see|good|great|fine|sure|commander|sir|friend)\W+)*"
    r"(?:\w{1,3}-)?"
)

OPEN_QUESTION_RE = rx(
    LEAD_IN + r"(?:what|how|which|who|where|when|whats|what'?s|hows|how'?s|why)\b"
    # a preamble, then the question itself: "on a scale of 1 to 10, where would you…"
    r"|,\s*(?:(?:and|so|but|um+|uh+|then)\W+)*(?:what|how|which|where|when|why)\s+(?:\w+\s+)?(?:{YOU}|"
    r"would|do|does|did|is|are|can|could|should|has|have|made|makes)\b[^,]*$"
    # a short wh-tag closing a statement: "Your map is wrong - where, exactly?"
    r"|[,;:–—-]\s*(?:so\s+)?(?:what|how|which|where|when|why|who)(?:\s*,?\s*(?:exactly|then|now|"
    r"precisely|again))?\s*\?\W*$"
)

# Content words: what a reflection must share with the party's words.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn
    doing don down during each few for from further get gets got had hadn has hasn have
    haven having he her here hers herself him himself his how i if in into is isn it its
    itself just let like ll me might more most must mustn my myself no nor not now of off on
    once only or other ought our ours ourselves out over own re same say said says saying
    shall she should shouldn so some such than that the their theirs them themselves then
    there these they this those through to too under until up upon us ve very was wasn we
    were weren what when where which while who whom why will with won would wouldn you your
    yours yourself yourselves u ur ya yeah yes ok okay oh well really right sure maybe
    im ive id youre youve youll dont cant wont thats its lets hes shes theyre were
    one thing things something anything everything nothing way lot much many even still
    going go want need know think see hear tell telling told understand feel feeling felt
    seem seems sound sounds look looks make made mean means get got getting come came
    let please thank thanks sorry hmm mm uh um ah nobody someone somebody anyone anybody
"""

STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)

# Words that mean the same thing in these talks: a paraphrase is in *other* words, so
# "hungry" must meet "not eaten". Each group collapses to its first word.
CONCEPT_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "food",
        "eat",
        "eaten",
        "eating",
        "ate",
        "hungry",
        "hunger",
        "starve",
        "starving",
        "starved",
        "meal",
        "meals",
        "bread",
        "flour",
        "rations",
        "famine",
    ),
    ("pay", "paid", "salary", "salaries", "wage", "wages", "money", "payment", "unpaid"),
    ("fear", "afraid", "scared", "frightened", "terrified", "worried", "worry", "fearful"),
    ("anger", "angry", "furious", "mad", "rage", "outraged", "livid"),
    ("trust", "believe", "faith", "mistrust", "distrust", "trusted", "credible"),
    ("men", "fighters", "soldiers", "troops", "guys", "unit", "militia", "brigade", "brigades"),
    ("truck", "trucks", "lorry", "lorries", "vehicles", "convoy"),
    ("kill", "killed", "dead", "died", "death", "shot", "murdered", "lost", "losing"),
    ("attack", "attacked", "ambush", "ambushed", "raid", "shelling", "shelled"),
    (
        "respect",
        "disrespect",
        "disrespected",
        "humiliate",
        "humiliated",
        "humiliation",
        "beggars",
        "insult",
        "insulted",
        "dignity",
        "pride",
        "honour",
        "honor",
    ),
    ("lie", "lies", "lied", "lying", "liars", "promises", "promised", "broken"),
    ("weapon", "weapons", "guns", "arms", "ammunition", "rifles"),
    ("observer", "observers", "monitors", "monitor", "inspectors", "un"),
    ("family", "families", "children", "kids", "wives", "wife", "son", "daughter", "village"),
    ("road", "route", "checkpoint", "gate", "crossing", "bridge", "pass"),
    ("medicine", "medical", "doctor", "doctors", "wounded", "injured", "hospital", "clinic"),
    ("ignore", "ignored", "forgotten", "abandoned", "invisible", "unheard"),
    ("ask", "asked", "asking", "permission", "consulted", "warn", "warned", "told"),
    ("prison", "prisoners", "cell", "jail", "held", "detained", "detention", "arrested"),
    ("speech", "speeches", "words", "talk", "talking", "promises"),
)

CONCEPT_OF: dict[str, str] = {w: group[0] for group in CONCEPT_GROUPS for w in group}
