"""Word lists and compiled patterns the detectors use (definitions in docs/rubric.md).

Patterns are written against chat as people type it: lowercase, missing apostrophes,
"u"/"ur", a few common misspellings. `{YOU}`-style macros expand to those variants, so a
pattern reads like the phrase it catches. Everything is compiled once at import.
"""

# ruff: noqa: E501  (pattern tables read best unwrapped)
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


# -- emotions --------------------------------------------------------------------------------

EMOTIONS: tuple[str, ...] = (
    "angry",
    "anger",
    "furious",
    "fury",
    "mad",
    "enraged",
    "outraged",
    "livid",
    "pissed",
    "frustrated",
    "frustrating",
    "frustration",
    "frustated",
    "annoyed",
    "irritated",
    "fed up",
    "sick of",
    "tired of",
    "exhausted",
    "worn out",
    "drained",
    "scared",
    "afraid",
    "fear",
    "fearful",
    "frightened",
    "frightening",
    "terrified",
    "terrifying",
    "terrifed",
    "terified",
    "panicked",
    "panic",
    "alarmed",
    "alarming",
    "worried",
    "worry",
    "worrying",
    "worryed",
    "anxious",
    "anxiety",
    "nervous",
    "uneasy",
    "concerned",
    "on edge",
    "stressed",
    "stress",
    "under pressure",
    "pressure",
    "overwhelmed",
    "overwhelming",
    "desperate",
    "desperation",
    "hopeless",
    "helpless",
    "powerless",
    "trapped",
    "cornered",
    "stuck",
    "humiliated",
    "humiliating",
    "humiliation",
    "ashamed",
    "embarrassed",
    "disrespected",
    "insulted",
    "insulting",
    "offended",
    "belittled",
    "ignored",
    "unheard",
    "invisible",
    "abandoned",
    "forgotten",
    "betrayed",
    "betrayal",
    "let down",
    "lied to",
    "cheated",
    "mistrust",
    "distrust",
    "suspicious",
    "wary",
    "sceptical",
    "skeptical",
    "hurt",
    "hurting",
    "pain",
    "painful",
    "grief",
    "grieving",
    "heartbroken",
    "heartbreaking",
    "devastated",
    "devastating",
    "sad",
    "sadness",
    "sorrow",
    "lonely",
    "alone",
    "isolated",
    "bitter",
    "resentful",
    "resentment",
    "jealous",
    "hard",
    "difficult",
    "tough",
    "awful",
    "horrible",
    "horrific",
    "unbearable",
    "exhausting",
    "nightmare",
    "traumatic",
    "traumatised",
    "traumatized",
    "shaken",
    "shocked",
    "upset",
    "upsetting",
    "distressed",
    "distressing",
    "disappointed",
    "disappointing",
    "proud",
    "pride",
    "relieved",
    "relief",
    "hopeful",
    "burden",
    "weight on",
    "unsafe",
    "scary",
    "heavy",
    "tired",
    "impatient",
    "had enough",
    "foolish",
    "weak",
    "not easy",
    "wasn't easy",
    "isn't easy",
    "a lot to carry",
    "sick",
    "glad",
    "happy",
    "lonely",
    "threatened",
    "vulnerable",
    "exposed",
    "disregarded",
    "dismissed",
    "cheated",
    "robbed",
    "angered",
    # evaluative words that name what an experience was like for them
    "terrible",
    "dreadful",
    "brutal",
    "harrowing",
    "grim",
    "crushing",
    "gutting",
    "agonising",
    "agonizing",
    "maddening",
    "infuriating",
    "enraging",
    "heartbreak",
    "worried sick",
    "sick with worry",
    "lonely place",
    "played",
    "carrying this",
    "carrying that",
    "carrying it",
    "carrying all this",
    "carrying all of this",
    "carry this",
    "don't trust",
    "dont trust",
    "do not trust",
    "can't trust",
    "cant trust",
    "cannot trust",
    "grieving",
    "mourning",
)
EMO = alternation(EMOTIONS)
EMO_RE = rx(r"\b" + EMO + r"\b")

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
GRIEF_WORDS: tuple[str, ...] = (
    "lost",
    "buried",
    "funeral",
    "killed",
    "dead",
    "died",
    "my brother",
    "my son",
    "my men",
    "children",
    "widow",
    "mourning",
    "grief",
)
FEAR_RE = rx(r"\b" + alternation(FEAR_WORDS) + r"\b")
ANGER_RE = rx(r"!{2,}|\b[A-Z]{4,}\b")  # shouting, on the original text
ANGER_CI_RE = rx(r"\b" + alternation(ANGER_WORDS) + r"\b")
GRIEF_RE = rx(r"\b" + alternation(GRIEF_WORDS) + r"\b")
CONCESSION_RE = rx(
    r"\b(?:fine|alright|all right|very well|ok(?:ay)?)[,.]?\s+(?:i|we)\b"
    r"|\b(?:i|we)\s+(?:can|could|will|'ll|might|may)\s+(?:let|allow|open|release|give|"
    r"accept|consider|agree|lower|hold|pull)\b"
    r"|\b(?:i'?ll|we'?ll)\s+(?:let|allow|open|release|give|hold|pull back)\b"
    r"|\bmaybe\s+(?:one|two|a few|some)\b|\bone truck\b|\bi'?ll think about it\b"
    r"|\byou have (?:an? )?(?:hour|deal|point)\b"
)

# -- active listening ------------------------------------------------------------------------

# "you sound/seem/must be ... angry", "you're exhausted", "you've been through hell".
EMOTION_LABEL_RES: tuple[re.Pattern[str], ...] = (
    rx(
        r"\b{YOU}\s+(?:must\s+|probably\s+|really\s+|clearly\s+|obviously\s+|might\s+|"
        r"still\s+)*(?:miss|love|resent|dread|hate|fear|long for|care about|care so much)\b"
    ),
    rx(
        r"\b(?:that|it|this|which)\s+(?:\w+\s+)?(?:worries|scares|frightens|angers|upsets|"
        r"hurts|frustrates|bothers|humiliates|terrifies|insults|pains)\s+{YOU}\b"
    ),
    rx(r"^\W*(?:must|would|'?d) (?:be|have been|feel)(?:\s+\S+){0,3}?\s+" + EMO + r"\b"),
    rx(
        r"\b(?:{YOU}\s+(?:\w+\s+){0,2}?(?:sound|seem|look|appear|must|might|may|probably|feel|felt|"
        r"'?d be|would be|have been|'?ve been|are|were|get|got|being)|{YOURE}|{YOUVE}\s+been)"
        r"(?:\s+\S+){0,5}?\s+" + EMO + r"\b"
    ),
    rx(
        r"\b(?:it|that|this|which)(?:'s| is| was)?\s*(?:\w+\s+)?(?:sounds?|seems?|must|looks?|"
        r"feels?|would be|would have been|'?d be|can be|has been|'s been|is|was|sound)"
        r"(?:\s+\S+){0,4}?\s+" + EMO + r"\b"
    ),
    rx(
        r"\b(?:i|we)\s+(?:(?:can|can'?t|cannot|cant|could)\s+)?(?:only\s+)?(?:hear|sense|see|tell|"
        r"imagine|get the sense|get the feeling|notice|understand|know)(?:\s+\S+){0,4}?\s+(?:how\s+|that\s+|the\s+)?(?:\w+\s+){0,3}?"
        + EMO
        + r"\b"
    ),
    rx(r"\bno wonder\s+(?:{YOURE}|{YOU})(?:\s+\S+){0,3}?\s+" + EMO + r"\b"),
    rx(r"\b(?:anyone|anybody|i|we)\s+(?:would|'?d)\s+(?:be|feel)(?:\s+\S+){0,2}?\s+" + EMO),
    rx(
        r"\b(?:so much|such|a lot of|all this|all that|the)\s+"
        + EMO
        + r"\b(?=.*\b(?:you|your|u|ur)\b)"
    ),
    rx(r"\b" + EMO + r"\b(?:\s+\S+){0,3}?\s+(?:{YOU}|{YOUR}|{YOURE})\b(?:\s+(?:must|carry|feel))"),
)
# Tentative and plain labels people write without the scripted "it sounds like you feel":
# "that's awful", "what a terrible night", "I imagine you're running on grief", "your sister
# must be worried sick", "every one of them is scared", "the real worry is …", "you must feel
# played".
EMOTION_LABEL_RES = (
    *EMOTION_LABEL_RES,
    rx(
        r"\b(?:{THATS}|that was|{ITS}|it was|this is|this was|what)\s+(?:(?:a|an|such an?|so|"
        r"really|truly|absolutely|just|quite|pretty|very|lot of|awful lot of|hell of an?)\s+)*"
        + EMO
        + r"(?:\s+(?:thing|night|day|morning|week|year|time|place|position|situation|spot|loss|"
        r"way|road|wait|burden|choice)\b|\s+(?:to|for|on|with) (?:{YOU}|{YOUR}|anyone|anybody|"
        r"wake|live|carry|hear|lose|watch|be|face|go through|bear|one)\b|\s*(?:[;:!.…-]|,(?!\s*but\b))|"
        r"\s*$)"
    ),
    rx(
        r"\b(?:i|we)\s+(?:can\s+)?(?:only\s+)?(?:imagine|sense|get the (?:sense|feeling|impression)|"
        r"suspect|guess)\b[^.?!]{0,60}?\b" + EMO + r"\b"
    ),
    rx(
        r"\b(?:{YOUR}\s+(?:\w+\s+){1,2}?|(?:every one|each one|all|some|most|many) of (?:them|"
        r"{YOUR} \w+|(?:these|those|the) \w+)\s+|(?:everyone|everybody|they|he|she|the families|"
        r"the men|those families)\s+|(?:the|this|that)\s+(?:whole\s+)?(?:crowd|families|village|town|"
        r"district|soldiers|mothers|women|fighters|delegation|brigade)\s+)"
        r"(?:must|might|may|probably|sound|sounds|seem|seems|look|looks|are|is|were|was|feel|"
        r"feels|felt|must be|must have been|'?re|'?d be|would be)(?:\s+\S+){0,3}?\s+" + EMO + r"\b"
    ),
    rx(
        r"\b(?:the|{YOUR}|their)\s+(?:real\s+|main\s+|big\s+|biggest\s+|deeper\s+|underlying\s+|"
        r"greatest\s+|worst\s+)?(?:worry|worries|fear|fears|concern|dread|anxiety)\s+(?:here\s+)?"
        r"(?:is|are|seems to be|sounds like)\b"
    ),
    rx(
        r"\b{YOU}\s+(?:must\s+|might\s+|probably\s+|may\s+)?(?:feel|felt)\s+(?:like|as if|as though)?"
        r"\s*(?:{YOURE}|{YOUVE}|{YOU} (?:were|are|have)|{YOU}'?ve)?\s*(?:been\s+|being\s+)?"
        r"(?:\w+ed|used|taken|left|cornered|trapped|betrayed)\b"
    ),
)
EMOTION_LABEL_RES = (
    *EMOTION_LABEL_RES,
    # "your soldiers feel watched", "they feel like suspects"
    rx(
        r"\b(?:{YOUR}\s+\w+|they|everyone|the families)\s+(?:must\s+|probably\s+)?(?:feel|felt)\s+"
        r"(?:like\s+|as if\s+)?(?:\w+ed|suspects|criminals|outsiders|strangers|targets|prisoners)\b"
    ),
)
EMOTION_VERB_RES = EMOTION_LABEL_RES[:2] + EMOTION_LABEL_RES[-3:]  # need no emotion word
# Not a label of *their* feelings: telling them how (not) to feel, or naming them a trait.
EMOTION_LABEL_BLOCK_RE = rx(
    r"\b(?:{DONT}|do not|no need to|no reason to|stop|quit|never)\s+(?:be\s+|being\s+|feel\s+|get\s+)?"
    r"(?:so\s+)?"
    + EMO
    + r"|\b(?:being|so)\s+(?:emotional|hysterical|dramatic|paranoid|sensitive)\b"
    r"|\b(?:hard|difficult|tough|painful|scary|frustrating) (?:for (?:me|us)|on (?:me|us))\b"
    r"|\bhard\s+(?:line|to believe|to say|to tell|way)\b|\bdifficult\s+to\s+(?:say|tell|believe)\b"
    r"|\bis it hard\b|\b(?:the|this|that)\s+(?:road|route|terrain|ground|bridge)\s+is\b"
    r"|\b(?:hard|difficult|tough)\s+(?:to|for)\s+(?:me|us)\b"
)

# Explicit reflective starters: with one of these a single shared word is enough.
REFLECTIVE_STARTER_RE = rx(
    r"\b(?:what\s+(?:i'?m|i am)\s+hearing|what i hear|if\s+i\s+(?:understand|hear|get)\s+"
    r"(?:{YOU}|this|that|it)|(?:{YOURE}|{YOU}\s+are|{YOU})\s+(?:saying|telling me)|"
    r"{YOU}\s+(?:said|mean|told me|'?ve told me|'?ve said|have said)|in other words|"
    r"(?:it\s+)?sounds?\s+(?:like|as if|as though)|what (?:really )?matters (?:most )?"
    r"(?:to {YOU} )?(?:right now )?is|for {YOU},|if i'?ve got (?:this|that|it) right|"
    r"(?:it\s+)?seems?\s+(?:like|as if|as though|that)|it looks like|i (?:can )?(?:imagine|sense|"
    r"guess)|i get the (?:sense|feeling|impression)|"
    r"^\W*(?:(?:ok(?:ay)?|right|and|well),?\s+)*so,?\s+(?:{YOU}|{YOURE}|{YOUVE}|{YOUR})\b|"
    r"(?:the|{YOUR})\s+(?:real|main|big|biggest|deeper|underlying)\s+(?:worry|fear|concern|issue|"
    r"problem|question|point)\s+(?:here\s+)?is)"
)
# A statement about them: it opens (after "so", "ok", "right"…) with "you", "your", "so".
PARAPHRASE_OPENING_RE = rx(
    r"^\W*(?:(?:ok(?:ay)?|right|yes|yeah|and|well|alright),?\s+)*(?:so\b|{YOU}\b|{YOUR}\b|"
    r"{YOURE}|{YOUVE}|nobody|no one|none of|no wonder)"
)
# "I hear what you're saying, but…": the starter without the restatement.
HOLLOW_STARTER_RE = rx(
    r"^\W*i\s+(?:hear|understand|get|see|know)\s+what\s+(?:{YOURE}|{YOU}\s+are|{YOU})\s+"
    r"(?:saying|telling me|mean)\b"
)
# Filler that sounds like listening but carries nothing of theirs.
FILLER_RE = rx(
    r"^\W*(?:i\s+(?:totally\s+|completely\s+|really\s+)?(?:understand|get it|get that|hear you|see)"
    r"|i hear what {YOURE} saying|i know|ok(?:ay)?|right|sure|got it|understood|noted)\W*$"
)
SUMMARY_MARKERS_RE = rx(
    r"\b(?:let me (?:just |try to |quickly |see if i can )?(?:sum|summari[sz]e|recap|pull|put|"
    r"make sure i (?:have|'?ve got|got|understand)|check i (?:have|understand|got)|"
    r"make sure i'?ve got|check i'?ve got|"
    r"see if i'?ve got|go over|run through)|to (?:sum|summari[sz]e|recap)|"
    r"so far(?:,)?\s+(?:{YOUVE}|{YOU}|i'?ve)|(?:so\s+)?to recap|in summary|"
    r"(?:so\s+)?(?:let me|can i|could i) (?:recap|summari[sz]e)|"
    r"if i (?:put|pull) (?:it|this|that|all this|all of this|all that) together|"
    r"from what {YOUVE} (?:told|said)|(?:so\s+)?(?:the|your) main (?:concerns|points|issues) "
    r"(?:are|seem)|(?:{YOUVE}|{YOU}) (?:told|said|mentioned|raised) (?:me\s+)?(?:a few|several|"
    r"three|two|four) (?:things|points|concerns|issues)|there are (?:two|three|four|a few) "
    r"things|"
    r"(?:what i'?ve heard|what i'?m hearing) (?:so far|overall|from you today)|"
    r"if i (?:put|add) (?:it|this|that|all this|all of this|all that) (?:together|up)|"
    r"(?:so\s+)?to sum (?:it )?up|in short,|all in all,|putting it (?:all )?together)"
)
MIRROR_MAX_TOKENS = 6
# Words that alone do not make a mirror ("What?", "Really?").
MIRROR_TRIVIAL: frozenset[str] = frozenset(
    [
        "what",
        "really",
        "yes",
        "no",
        "ok",
        "okay",
        "so",
        "and",
        "right",
        "sure",
        "why",
        "how",
        "huh",
        "oh",
        "the",
        "a",
        "sorry",
        "mm",
        "mmm",
        "hmm",
        "mhm",
        "uh",
        "um",
    ]
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
OPEN_IMPERATIVE_RE = rx(
    r"\b(?:tell me|help me understand|walk me through|talk to me about|"
    r"(?<!to )(?<!would )(?<!could )(?<!'d )(?<!might )(?:explain(?: to me)?|describe)|"
    r"say more|share (?:with me|more)|i'?d like to (?:hear|understand|know)|"
    r"i want to (?:hear|understand)|i'?m curious|(?:can|could|would) {YOU} "
    r"(?:tell|help|walk|explain|describe|share|say more|talk)|"
    r"i wonder (?:what|how|why|where|which|who)|any (?:thoughts|ideas) (?:about|on)|"
    r"what (?:are|were) {YOUR} thoughts|(?:can|could|shall|may) we (?:talk about|talk through|"
    r"go over|go through|discuss))\b"
)
CLOSED_QUESTION_RE = rx(
    LEAD_IN + r"(?:do|does|did|is|are|am|was|were|"
    r"can|could|will|would|wo|should|shall|have|has|had|may|might|must|isn'?t|aren'?t|"
    r"don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|can'?t|couldn'?t|haven'?t|hasn'?t|dont|"
    r"cant|wont|r|ru|u)\b"
)
# Questions that only check the trainee's own reflection ("is that right?").
CHECK_QUESTION_RE = rx(
    r"^\W*(?:is that|did i get that|have i got that|am i|do i have that|does that sound|"
    r"would that be|is this)\s+(?:right|correct|fair|about right|close|accurate|it)\b"
    r"|^\W*(?:right|yes|no|correct)\W*$"
)
# Checking a proposal just made ("Would that work?"): part of the proposal, not a closed
# question — but only in a message that proposes something.
PROPOSAL_CHECK_RE = rx(
    r"^\W*(?:would|could|does|will|can|might)\s+(?:that|this|it)\s+(?:\w+\s+)?(?:work|help|"
    r"do|suit|be (?:ok|okay|acceptable|enough|a start|possible|fair))\b"
    r"|^\W*(?:is that|is this)\s+(?:acceptable|enough|something)\b"
    r"|^\W*(?:can|could) {YOU} live with (?:that|this)\b|^\W*(?:deal|ok(?:ay)?|agreed)\W*$"
)
# Why-questions that are really demands or accusations.
DEMAND_WHY_RE = rx(
    r"\bwhy\s+(?:{DONT}|{CANT}|{WONT}|couldn'?t|wouldn'?t|can'?t|won'?t)\s+{YOU}(?:\s+\w+)?\s+"
    r"(?:just|simply)\b|\bwhy\s+(?:{DONT}|{CANT}|{WONT})\s+{YOU}\s+(?:stand down|give up|"
    r"back off|let (?:us|them|the)|move|leave|stop|get out|cooperate|comply|surrender)"
)
ACCUSING_WHY_RE = rx(
    # "how could you…", "why would you even…": accusations, not requests to explain
    r"\bhow\s+(?:could|can|would)\s+{YOU}\s+(?:even\s+)?(?:do|say|think|dare|lie|be so|treat|"
    r"shoot|attack|kill|block|steal|keep lying|believe|let|allow)\b"
    r"|\bwhy\s+(?:would|did|do|are|can)\s+{YOU}\s+(?:even\s+|always\s+|keep\s+)?(?:lie|lying|"
    r"be so|treat|shoot|attack|kill|block|steal|dare)\b"
    r"|\bhow dare\b"
    r"|\bwhat(?:'s| is) wrong with {YOU}\b|\bwhat (?:were|are) {YOU} thinking\b"
    r"|\bwho do {YOU} think\b"
)
MINIMAL_ENCOURAGER_RE = rx(
    r"^\W*(?:mm+[- ]?hm+|m+hm+|uh[- ]?huh|hmm+|i see|go on|please go on|keep going|carry on|"
    r"i'?m listening|i'?m here|ok(?:ay)?|right|yes|yeah|yep|sure|really|i understand|"
    r"understood|i hear you|i get it|got it|and then|and\?|then what|oh|ah|wow|i know|"
    r"tell me more|go ahead|continue|sure thing|alright|all right)"
    r"(?:[\s,.!…]+(?:mm+[- ]?hm+|i see|go on|i'?m listening|ok(?:ay)?|right|yeah|please|"
    r"continue|keep going|i understand|i hear you))*\W*$"
)
I_MESSAGE_RE = rx(
    r"\b(?:i\s+(?:\w+\s+)?(?:feel|felt|am feeling|'m feeling)\s+(?:(?:really|very|quite|a bit|"
    r"so|pretty|deeply|genuinely)\s+)?" + EMO + r"|{IM}\s+(?:(?:really|very|quite|a bit|so|"
    r"pretty|deeply|genuinely|also|too)\s+)?(?:worried|concerned|uneasy|afraid|scared|"
    r"frustrated|anxious|nervous|troubled|uncomfortable|sad|disappointed|torn|stuck|"
    r"under pressure|relieved|glad|happy|hopeful|grateful|upset|angry|sick|shaken|tired|"
    r"exhausted)|it (?:worries|concerns|troubles|scares|frustrates|bothers) me|"
    # a need of one's own, said as such: "I want your men to see this as fair"
    r"i (?:really )?(?:want|need|would like|'d like) (?:you|your \w+|us|them|everyone|"
    r"this|it) to (?:see|feel|know|understand|hear|trust|be safe|get home|work for|end well)|"
    r"what (?:worries|concerns|scares|frustrates|bothers) me|my (?:concern|worry|fear) is|"
    r"i (?:need|would like|'d like) (?:us|you) to\s+(?:\w+\s+)?(?:understand|know|hear)|"
    r"i (?:feel|felt)\s+\w+\s+when|i (?:really )?(?:need|want) (?:you )?to (?:be able|feel safe|"
    r"know))\b"
)
# "I feel like you're lying" is an opinion (often blame), not an I-message.
I_MESSAGE_BLOCK_RE = rx(r"\bi feel (?:like|that)\s+(?:{YOU}|{YOURE}|{YOUR}|this|it)\b")

# -- trust building --------------------------------------------------------------------------

ACKNOWLEDGEMENT_RES: tuple[re.Pattern[str], ...] = (
    rx(r"\b(?:{YOURE}|{YOU}'?re)\s+(?:absolutely\s+|completely\s+|quite\s+)?right\b"),
    rx(
        r"\b{YOU}\s+(?:have|'ve got|have got|make|raise|raised|made)\s+(?:a|an|every|good|"
        r"fair|real|valid|legitimate|strong|important)\s*(?:\w+\s+)?(?:point|right|reason|"
        r"concern|question|case)s?\b"
    ),
    rx(r"\b{YOU}\s+have\s+every\s+(?:right|reason)\b"),
    rx(
        r"\b(?:{THATS}|{ITS}|this is|those are|these are|that was|it was|this was)\s+(?:a\s+|an\s+)?(?:very\s+|"
        r"completely\s+|totally\s+|perfectly\s+)?(?:fair|valid|legitimate|reasonable|real|"
        r"serious|understandable|important|unfair|unjust|not fair|not right|not okay|wrong)\b"
        # their point, not our offer: "that's fair" / "a fair point", not "a fair deal"
        r"(?=\s*(?:[.,;:!?…]|$|(?:to|of|for|on) (?:{YOU}|ask|want|expect|worry)|point|concern|"
        r"question|request|demand|worry|fear|problem|grievance|issue|thing to|enough))"
    ),
    rx(r"\b(?:that|it)\s+makes?\s+(?:complete\s+|total\s+|perfect\s+)?sense\b"),
    rx(r"\bi\s+(?:can\s+)?(?:understand|see|get)\s+(?:why|how|that|what|where)\b"),
    rx(
        r"\bi\s+(?:understand|see|hear|get)\s+(?:{YOUR}|the)\s+(?:concern|point|worry|fear|"
        r"frustration|anger|position|reason)"
    ),
    rx(r"\b(?:thank\s+{YOU}|thanks|thx|ty)\b(?:\s+\S+){0,2}?\s+(?:for|that)\b"),
    rx(
        r"\bi\s+(?:really\s+|genuinely\s+|truly\s+)?(?:appreciate|respect)\s+(?:that|this|"
        r"{YOUR}|{YOU}\s+(?:\w+ing|letting|telling|being))"
    ),
    rx(
        r"\b{YOUVE}\s+(?:been through|been carrying|been under|been holding|suffered|lost|carried|endured|held|kept|done)\b"
    ),
    rx(r"\b(?:{SORRY}|so sorry)\s+(?:to hear|for {YOUR}|about {YOUR}|for what happened to)"),
    rx(r"\bnobody (?:should|deserves) (?:have to|to)\b|\bno one (?:should|deserves)\b"),
    rx(
        r"\bi (?:{DONT}|do not|{CANT}|cannot|couldn'?t) blame {YOU}\b|\b(?:{ID}|anyone would|"
        r"anybody would|we'?d|we would) (?:be|do|feel|want|have done) (?:exactly )?the same\b|"
        r"\b(?:in|if i (?:were|was) in) {YOUR} (?:place|shoes|position)\b"
    ),
    rx(
        r"\b(?:{SORRY}|so sorry|deeply sorry)\s+(?:for|about)\s+(?:the\s+|those\s+|these\s+|all\s+)?"
        r"(?:\w+\s+){0,2}?(?:people|families|dead|victims|lives|losses|friends|brother|sister|son|"
        r"daughter|children|mother|father|wife|husband|grandchildren|nephew)\b"
    ),
    rx(
        r"\b{YOUR}\s+(?:concerns?|anger|fears?|frustration|grievances?|losses|point)\s+"
        r"(?:is|are)\s+(?:valid|legitimate|real|understandable|fair|justified)"
    ),
    rx(
        r"\b(?:that|it|this) (?:took|takes|must have taken)\s+(?:real\s+)?(?:courage|guts|"
        r"strength)\b|\b(?:good|fair) (?:point|question)\b|\bfair enough\b"
        r"|^\W*(?:thank you|thanks|thx|ty|cheers)\b"
        r"|\b(?:a|that'?s a|is a|what a) (?:good|fair|real|big|important|great|genuine) "
        r"(?:start|first step|step|beginning|gesture)\b"
        r"|\bthat(?:'s| is| was) (?:a )?(?:big|real|important|significant|generous) "
        r"(?:step|move|gesture|concession)\b"
    ),
)
APOLOGY_RE = rx(
    r"\b(?:i'?m|i am|we'?re|we are)\s+(?:\w+\s+)?(?:sorry|sry)\s+(?:for|that|about|we|i|"
    r"it|the|our|my|nobody|no one)\b(?!\s+(?:you feel|u feel|if you|you think|you see|to hear|you had|you've "
    r"had|you were offended|you took))"
    r"|\b(?:i|we)\s+(?:sincerely\s+|truly\s+|deeply\s+)?apologi[sz]e\b(?!\s+if)"
    r"|\b(?:my|our) (?:apologies|mistake|fault|bad)\b|\bwe (?:were|got it) wrong\b"
    r"|\bi was wrong\b|\b(?:that|it) (?:should|shouldn'?t) (?:not )?have happened\b"
    r"|^\W*(?:{SORRY}|so sorry|very sorry|really sorry)\W*(?:for|about|that|,|\.|$)"
    r"(?!\s*(?:you feel|u feel|if|but))"
    r"|\bwe (?:let you down|failed you|owe you an apology)\b"
    r"|\b(?:i'?m|i am|we'?re|we are)\s+(?:so\s+|really\s+|truly\s+|very\s+)?sorry\s*"
    r"(?:[,.;!]|$|(?=\s+(?:nobody|no one|if (?:we|i)|that took|it took)))"
)
FAKE_APOLOGY_RE = rx(
    r"\b{SORRY}\s+(?:that\s+|if\s+)?(?:{YOU}\s+(?:feel|felt|think|see it|took it|were offended|"
    r"are offended|got upset|are upset)|if\s+(?:anyone|anybody|that|this|it)\s+"
    r"(?:offended|upset))\b|\b{SORRY}\s+(?:but|not sorry)\b|\bapologi[sz]e if\b"
)
TRANSPARENCY_RE = rx(
    r"\b(?:(?:i'?ll|let me|i want to|i'?m going to|i have to|i need to|to)\s+be\s+(?:honest|"
    r"straight|upfront|up front|clear|transparent|frank|open)|"
    r"honestly,|to be (?:honest|fair|transparent|frank)|(?:in\s+)?full disclosure|"
    r"the truth is|here'?s what i (?:know|can (?:tell|say|do))|what i can tell {YOU}|"
    r"i (?:don'?t|do not) (?:have|hold) (?:the )?(?:authority|power|mandate)|"
    r"i (?:can'?t|cannot|won'?t) promise|i (?:don'?t|do not) know (?:yet|for sure|whether|if|"
    r"the answer)|i (?:need|have) to (?:check|confirm|clear|run) (?:it|this|that|with)|"
    r"my (?:mandate|instructions|orders|role|limit|limits) (?:is|are|allow|only|does|do)|"
    r"i (?:am|'m) not (?:able|authorised|authorized|allowed) to|"
    r"(?:i|we) (?:can|could) (?:not|n'?t) (?:do|offer|guarantee|agree)|"
    r"i won'?t (?:lie|pretend|hide)|i'?m not going to (?:lie|pretend|hide)|"
    r"(?:here is|here'?s) (?:the situation|where (?:we|i) stand|what'?s happening)|"
    r"i (?:answer|report) to|i have to (?:report|tell) {YOU}|"
    r"what i (?:can|cannot|can'?t) do is|just so {YOU} know|let me show {YOU}|"
    r"i'?ll tell {YOU} (?:exactly|everything|what i know)|"
    r"i (?:don'?t|do not|didn'?t|did not) know\b|i wasn'?t (?:part of|there|told|involved)|"
    r"i (?:don'?t|do not) (?:control|command|decide|run|have (?:access|control|any say))|"
    r"i have no (?:authority|control|access|say|power|mandate)|"
    r"i (?:can'?t|cannot) (?:change|stop|order|control|fix|make|decide|guarantee|prove|undo|"
    r"speak for|do (?:it|this|"
    r"that) without)|(?:isn'?t|is not|aren'?t|are not|not) ready yet|(?:is|are) still being|"
    r"(?:honestly|frankly|truthfully)\b|i won'?t pretend|"
    r"not making (?:any )?promises)"
)
COMMITMENT_RE = rx(
    r"\bi\s+promise\s+(?:i|we|that|you)\b|\bi\s+give\s+{YOU}\s+my\s+word\s+(?:i|we|that)\b|"
    r"\b(?:{ILL}|{IM}\s+going to|i\s+promise(?:\s+to)?|i\s+commit\s+to|i\s+give\s+{YOU}\s+my\s+"
    r"word|{YOU}\s+have\s+my\s+word|{WELL}|we\s+promise|i\s+guarantee|i\s+can\s+promise)"
    r"(?:\s+(?:personally|make sure|definitely|immediately|also|then|now|today|tonight|first|"
    r"right away))*"
    r"\s*(?:to\s+)?(?:make sure|ensure|see to|call|phone|radio|contact|ask|raise|take|bring|"
    r"go|come|drive|visit|meet|fetch|collect|fix|repair|sort out|organi[sz]e|sign|print|"
    r"write down|read|listen|remain|argue|fight for|push for|"
    r"carry|pass|deliver|get back|come back|report|check|find out|look into|talk|speak|"
    r"tell|send|share|arrange|put|keep|stay|personally|write|escalate|push|inform|give|"
    r"hand|follow up|return|be here|wait|stand|walk|hold|relay|convey|present|press|"
    r"investigate|update|let {YOU} know|get {YOU}|that|it|you|show|leave|pull back|withdraw|"
    r"release|provide|open|lift|unload|drop|stop|move|hold off|keep|get (?:the|a|an|{YOUR}|"
    r"them|it|that|those|every|all|copies|a copy))\b"
    # keeping a confidence: "I won't say a word about it", "nobody will hear his name from me"
    r"|\b(?:i|we) (?:won'?t|will not|wont|'?ll never|will never) (?:say a word|tell (?:anyone|anybody|"
    r"a soul)|repeat (?:this|that|it|what)|mention (?:it|this|that|your|his|her)|write (?:it|this|"
    r"that|your name|his name) down|publish|name {YOU})"
    r"|\b(?:nobody|no one) will (?:know|hear|learn)\b[^.?!]{0,40}?\bfrom (?:me|us)\b"
    # "we'll leave the positions out of it, you have my word"
    r"|\b(?:{ILL}|{WELL}|{WONT}|i will not|we will not)\b[^.?!]{0,80}?(?:{YOU} have my word|i promise|"
    r"i give {YOU} my word|i swear)\b"
)
COMMITMENT_BLOCK_RE = rx(
    r"\b(?:{ILL}|{WELL})\s+(?:make sure|see to it|ensure)\s+(?:that\s+)?{YOU}\s+(?:regret|pay|"
    r"suffer|never|rot|are arrested|get arrested|answer for)|\b(?:{ILL}|{WELL})\s+"
    r"(?:try|think about|see what|see if|keep (?:it|that|this|them|those|these|\w+ things) in mind)|\b(?:{ILL}|{WELL})\s+(?:take|bring) (?:it|this|"
    r"them|the convoy) (?:by force|through by force)"
)
CONSISTENCY_MARKERS_RE = rx(
    r"\b(?:as (?:i )?promised|as i said i would|like i said i would|as i told you i would|"
    r"like i promised|i kept my (?:word|promise)|i did what i said|i said i would|"
    r"as agreed|as we agreed|like we agreed|as i committed|i'?ve done what i said|"
    r"i'?m keeping my word|keeping my (?:word|promise)|i (?:told|said to) {YOU} i would)\b"
)
REPORT_BACK_RE = rx(
    r"\b(?:i'?ve|i have|i|we'?ve|we have|we)\s+(?:just\s+|now\s+|already\s+)?(?:checked|"
    r"called|phoned|spoken|spoke|talked|asked|raised|brought|passed|sent|arranged|confirmed|"
    r"got|received|delivered|radioed|contacted|found out|looked into|relayed|told|informed|"
    r"made sure|put|kept|returned|come back|came back|followed up|done|escalated|taken|"
    r"wrote|written|fixed|brought back|fetched|found)\b"
    # handing over what was promised: "here's the list", "I've got the names for you"
    r"|\b(?:here'?s|here is|here are|i'?ve got|i got|i have) (?:the|your|that|those|a copy)\b"
)

# -- interim proposals -----------------------------------------------------------------------

PROPOSAL_RE = rx(
    r"\b(?:what if|how about|what about|{LETS}|i propose|i suggest|{ID} (?:like to |want to )?"
    r"(?:propose|suggest|offer)|may i suggest|can i suggest|here'?s (?:a|my) (?:proposal|idea|offer)|"
    r"my proposal|one option|an option|(?:here'?s|here is) (?:an|one|my|a) (?:idea|offer|"
    r"option|suggestion|plan)|(?:one|another|an|my|a) (?:idea|suggestion|thought|offer) "
    r"(?:is|would be|could be|might be)|my (?:suggestion|offer|idea)|"
    r"(?:here'?s|here is|this is) what (?:i|we) (?:can|could|would) (?:offer|put on the table|"
    r"propose|do)|on the table:|^\W*(?:(?:ok(?:ay)?|so|well|right|then),?\s+)*(?:suppose|supposing|"
    r"imagine if|say)\s+(?:that\s+)?(?:we|{YOU}|{YOUR}|the|a|one|two|three|four|five|six|ten|"
    r"both|our|each)\b|(?:would|could|will|can) {YOU}\s+(?:\w+\s+)?"
    r"(?:be willing|consider|agree|accept|allow|let|open|release|hold|pull|move|give|try)|"
    r"(?:could|can|would|will|might) (?:{YOUR}|the|one of {YOUR}|both)\s+(?:\S+\s+){1,2}?"
    r"(?:let|allow|open|release|hold|pull|move|give|count|check|inspect|search|film|watch|"
    r"escort|ride|accept|send|bring|meet|come|stand|go|keep|take|join|sign|start|begin|lead|"
    r"choose|pick|verify|confirm|witness|visit|walk|agree)|"
    # an offer of a check: "your men can look under every tarpaulin"
    # an exchange stated plainly: "you give us the corrected list, we give you the photographs"
    r"^\W*{YOU}\s+(?:give|send|hand|let|open|release|show)\b[^.?!]{0,60}?,\s*(?:and\s+)?(?:we|i)"
    r"(?:'ll| will)?\s+(?:give|send|hand|let|open|release|show|bring)\b|"
    r"(?:one|another|my|an|a) (?:idea|suggestion|option|proposal|offer)(?=\s*:)|"
    r"(?:{YOU}|{YOUR} \S+|one of {YOUR} \S+) (?:can|may|could|are welcome to|'re welcome to) "
    r"(?:\w+ )?(?:check|inspect|search|look (?:at|under|in|inside)|open|count|ride|choose|pick)|"
    r"would it (?:help|work) if|would (?:it|that) be (?:ok|okay|acceptable|possible)|"
    r"(?:could|can|shall|should|might) we|we could|we can|suppose we|supposing we|"
    r"(?:i|we) (?:can|could) offer|(?:i|we) offer|in exchange|in return|"
    r"(?:are|r) {YOU} (?:willing|open|ready) to|if (?:{YOU}|{YOUR}\s+\w+)\s+[^.?!]{0,80}?"
    r"(?:then\s+)?(?:{ILL}|{WELL}|i can|we can|i could|we could|i will|we will)|"
    r"would {YOU} (?:be )?(?:ok|okay|open|willing|prepared)|"
    r"(?:{ILL}|{WELL}|i can|we can)\s+(?:\w+\s+){0,3}?if {YOU}|"
    r"(?:i|we) (?:can|could) (?:pull back|send|bring|let|move|give|withdraw|allow|"
    r"open|hold|guarantee|arrange|escort|provide|share|deliver|leave|delay|pause|stop))\b"
    r"(?!'t|t\b|\s+not\b)"
)
# A proposal needs something concrete to do: a thing, a number or a checkable action.
CONCRETE_RE = rx(
    r"\b(?:\d+|one|two|three|four|five|six|ten|twelve|twenty|fifty|hundred|first|half|"
    r"trucks?|lorr(?:y|ies)|convoy|vehicles?|cars?|food|water|medicine|medical|medics?|"
    r"doctors?|nurses?|wounded|injured|sick|fuel|blankets|supplies|aid|flour|grain|"
    r"checkpoint|gate|barrier|road|route|bridge|crossing|corridor|line|zone|buffer|"
    r"observers?|monitors?|un|icrc|red cross|red crescent|inspectors?|inspection|"
    r"escort|radio|phone|hotline|list|lists|names?|count|photos?|cameras?|"
    r"prisoners?|detainees?|hostages?|bodies|release|exchange|swap|withdraw|pull back|"
    r"ceasefire|cease-fire|truce|pause|stop firing|hold fire|weapons?|guns?|soldiers?|"
    r"snipers?|mortars?|artillery|tanks?|knife|rifles?|report|notes|doctor|nurse|"
    r"troops|fighters|men|patrols?|positions?|hours?|minutes?|days?|nights?|week|noon|"
    r"dawn|dusk|tonight|tomorrow|morning|evening|meeting|meet|visit|inspect|"
    r"village|families|children|women|elders|civilians|hospital|clinic|school|well|"
    r"generator|wheat|tents?|ambulances?|staff|drivers?|statement|announcement|guarantee|"
    r"letter|written|writing|sign|signed|cargo|load|unload|search|searched|check|"
    r"checked|verify|verified)\b"
)
EMPTY_PROPOSAL_RE = rx(
    r"\b(?:{LETS}|we (?:can|could|should)|can we|could we|shall we|why don'?t we)\s+(?:just\s+)?"
    r"(?:try to\s+)?(?:find|work|figure|sort|talk|work it|work something|come to|reach|get|"
    r"make|have|keep|be|calm|solve|fix|move forward|think|discuss|focus|start|continue)"
    r"(?:\s+\S+){0,4}?\s*(?:solution|something|out|agreement|deal|way|it|this|together|"
    r"sense|things|calm|talking|reasonable|compromise|common ground|middle ground|"
    r"forward|about it)?\W*$"
)
TIME_BOUND_RE = rx(
    r"\b(?:for\s+(?:the\s+)?(?:next\s+)?(?:\d+|one|two|three|four|six|twelve|twenty-four|"
    r"forty-eight|seventy-two|a|an|half an?)\s*-?\s*(?:hours?|hrs?|h|minutes?|mins?|days?|nights?|"
    r"weeks?)|(?:within|in|by|before|until|till|til|no later than|after)\s+(?:the\s+)?"
    r"(?:next\s+)?(?:\d+|one|two|three|four|six|twelve|twenty-four|an?|half an?)\s*-?\s*"
    r"(?:hours?|hrs?|h|minutes?|mins?|days?|nights?|weeks?)|"
    r"\d+\s*-?\s*(?:hours?|hr|h|day|minute|min)\b|(?:twenty-four|forty-eight|seventy-two|"
    r"one|two|three|six|twelve)-(?:hour|day|minute|week)|"
    r"(?:within|in) (?:the|an|one) (?:hour|day|night|week)|"
    r"(?:by|until|till|before|at|from)\s+(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)(?:\s+o'?clock|\s+(?:am|pm)|\s+(?:this|tonight|tomorrow)|(?=\W*$)|(?=,))|"
    r"\d{1,2}(?::\d\d)?\s*(?:am|pm|h|hours|o'?clock)?|"
    r"noon|midday|midnight|dawn|dusk|sunset|sunrise|nightfall|tonight|tomorrow|this "
    r"(?:evening|afternoon|morning)|the end of the day|(?:mon|tues|wednes|thurs|fri|satur|"
    r"sun)day|the end of the (?:week|month)|(?:our|the) next meeting)|"
    r"(?:on|next|this|by|before|until) (?:\w+ ){0,3}?(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?:in|within|for) a (?:day|week|fortnight)|this week|next week|"
    r"for the next (?:hour|day|night|week)|tomorrow(?=\W*$)|"
    r"tonight|today only|this afternoon|this evening|this morning|tomorrow "
    r"(?:morning|at)|for (?:today|tonight|now|the night|the day|this week))\b"
)
RECIPROCAL_RE = rx(
    r"\b(?:in exchange|in return|in turn|both sides|each side|on both sides|"
    r"if (?:{YOU}|{YOUR}\s+\w+)\s+[^.?!]{0,80}?(?:then\s+)?(?:{ILL}|{WELL}|i can|we can|"
    r"i could|we could|i will|we will|our \w+ (?:will|can|could))|"
    r"(?:{ILL}|{WELL}|i can|we can|i will|we will|we could|i could)\s+[^.?!]{0,120}?(?:if|as long "
    r"as|provided|once|when) (?:{YOU}|{YOUR})\b|"
    r"{YOU}\s+(?:\w+\s+){0,6}?and\s+(?:we|i)\s+(?:\w+\s+)?(?:will|'ll|can|could)|"
    r"(?:we|i)\s+(?:\w+\s+){0,6}?and\s+{YOU}\s+(?:\w+\s+)?(?:will|'ll|can|could)|"
    r"you (?:do|give)\s+\w+.{0,30}we (?:do|give)|a swap|trade|mutual|mutually|"
    r"each other|for our part|on our side|our side will|we'?ll do the same|"
    r"step for step|one for one|both of us|each of us|both parties|our side and yours|"
    r"{YOUR} side and ours|and we'?ll do the same|we'?ll match|"
    r"(?:the other side|they|both sides|{YOU}) (?:does|do|will do|did) the same|"
    r"(?:we|{YOU} and i|{YOU} and we) each|each (?:bring|give|send|take)|(?:we|us)\b[^.?!]{0,40}?\btogether|"
    r"{YOU} and (?:me|i|us)|one of (?:yours|{YOUR} \w+) and one of (?:ours|theirs)|"
    r"(?P<same>name|man|truck|step|prisoner|patrol|gun|position)s? for (?P=same)|{LETS} each|"
    r"(?:we|our side|our \w+)\b[^.?!]{0,80}?\band {YOU} (?:bring|give|send|take|let|open|release|"
    r"hold|pull|keep|share|tell))\b"
)
VERIFIABLE_RE = rx(
    r"\b(?:observers?|monitors?|monitoring|monitored|verif(?:y|ied|iable|ication)|"
    r"inspect(?:s|ed|ion|ors?)?|un|united nations|icrc|red cross|red crescent|witness(?:es|ed)?|"
    r"independent|third party|neutral (?:party|observer|mediator)|"
    r"(?:{YOUR}|{YOU}r?) (?:men|people|fighters|officers?) (?:can|could|may) (?:check|count|"
    r"search|inspect|see|watch|ride|walk)|count(?:ed)? (?:the|every|each)|list of|manifest|"
    r"photograph(?:s|ed)?|photos?|cameras?|video|on record|in writing|written|signed|"
    r"signs? off|signed off|hotline|radio (?:check|contact|link)|check-?in|checked at|"
    r"seal(?:ed)?|escort(?:s|ed|ing)?|see (?:it |them |the \w+ )?(?:for )?(?:yourself|yourselves|"
    r"themselves)|with (?:{YOUR}|their) own eyes|open (?:every|each|all|all the|the) (?:box|boxes|crates?|"
    r"trucks?|tarpaulins?|doors?|containers?)|(?:to |can |could |will )search\b|copy of|"
    r"read (?:it|the|my|our)|cargo list|gps|tracked|tracking|report back|both sides can see|"
    r"open the (?:trucks|cargo|doors)|search the|searched|publish(?:ed|es)?|public)\b"
)

# -- negative moves --------------------------------------------------------------------------

THREAT_RE = rx(
    r"\b(?:or else|you(?:'ll| will) (?:regret|pay|be sorry|suffer|answer for|face)|"
    r"there will be consequences|there'?ll be consequences|consequences will|"
    r"(?:{ILL}|{WELL}|we are going to|we'?re going to|i'?m going to|they(?:'ll| will)|"
    r"the army (?:will|'ll)|our forces (?:will|'ll)|troops (?:will|'ll))\s+"
    r"(?:(?:have to|be forced to)\s+)?(?:use force|come in|go in|storm|attack|strike|"
    r"crush|destroy|take (?:it|the checkpoint|you out|this checkpoint) by force|"
    r"force (?:our|the|my) way|bomb|shoot|arrest|hunt|make you|break|flatten|wipe|"
    r"send in|roll over|take you|bring (?:in )?(?:the army|troops|tanks|air ?strikes))|"
    r"(?:i'?ll|we'?ll|i will|we will) make (?:sure|certain) (?:that )?you (?:regret|pay|suffer|"
    r"never|rot|are arrested)|"
    r"you(?:'ll| will| are going to|'re going to) (?:die|be (?:killed|arrested|crushed|"
    r"destroyed|hunted|wiped|bombed|prosecuted|punished|sorry))|"
    r"(?:snipers|tanks|air ?strikes?|drones|the army|troops|helicopters)\s+(?:are|is)\s+"
    r"(?:ready|waiting|in position|on (?:standby|their way)|coming)|"
    r"we know where (?:you|your family|your (?:wife|children|kids|mother)) lives?|think (?:about|of) (?:your|ur) (?:family|"
    r"children|kids|men)(?: (?:before|if)| and what)|"
    r"(?:i|we) (?:can|could) (?:make|have) (?:your|this|things|life) (?:very )?"
    r"(?:difficult|hard|hell|miserable)|"
    r"(?:cut off|stop|block|withhold) (?:your|all|the) (?:water|food|aid|supplies|"
    r"money|fuel)(?: to you| for you)? (?:unless|if|until)|"
    r"you(?:'ll| will)? (?:get|receive) nothing (?:unless|if|until)|"
    r"if you (?:don'?t|do not|won'?t|refuse)(?:\s+\S+){1,8}?\s*,?\s+(?:we|i|they|the army|"
    r"there)(?:'ll| will)\s+(?:\w+\s+)?(?:use|come|storm|attack|force|arrest|"
    r"strike|have to|be|take|send|crush|destroy|shoot|make|hit|cut)|"
    r"you(?:'re| are) (?:finished|done for|dead|a dead man)|"
    # "if you don't / keep / refuse …, <force> will …": a consequence hung on their refusal
    r"if {YOU}\s+(?:{DONT}|do not|{WONT}|refuse|keep|continue|block|hurt|touch|stall|"
    r"say no)[^.?!]{0,80}?\b(?:will|'ll|are going to|'re going to|is going to|gonna)\s+"
    r"(?:\w+\s+){0,2}?(?:use|come|go in|storm|attack|strike|force|arrest|clear|deal|answer|"
    r"take|crush|destroy|shoot|fire|hit|get you|make you|pay|regret|lose|never|end up|"
    r"report|prosecute|punish|hunt|bomb|finish|cut|turn back|forget|be sorry)|"
    r"(?:keep|carry on)\s+(?:\w+\s+){0,3}?(?:up|like that|this|that|blocking|stalling|"
    r"talking|lying)\b[^.?!]{0,20}?\band\s+(?:{YOU}(?:'ll| will)?|the|your|we(?:'ll| will)|"
    r"those|nobody|no one)|"
    r"{YOU}(?:'ll| will| can| are going to|'re going to)\s+(?:get nothing|forget about|"
    r"never see|end up (?:in|dead|like)|be answering|answer (?:to|for)|lose (?:everything|"
    r"your)|pay for)|"
    r"(?:the army|our artillery|artillery|troops|soldiers|snipers|police|tactical team|"
    r"our forces|our guns|tanks|drones)\s+(?:\w+\s+){0,2}?(?:is|are|will|'ll|would)\s+"
    r"(?:\w+\s+){0,2}?(?:(?:\w+|\d+)\s+(?:minutes?|hours?)\s+away|coming|on (?:its|their) way|"
    r"answer|deal with|clear|come|do (?:its|their) job|take care of|finish|get you|respond)|"
    r"(?:or|you can|{YOU}'?ll|then)\s+forget (?:about )?(?:the|your) (?:water|food|aid|medicine|insulin|clinic|"
    r"prisoners|brother|village)|(?:unless|until) {YOU}[^.?!]{0,60}?\b(?:nothing|no (?:water|"
    r"food|aid|medicine))|nobody gets hurt|no one gets hurt)(?!\w)"
)
ULTIMATUM_RE = rx(
    r"\b(?:(?:{YOUVE}|{YOU} have|{YOU} got|{YOU}'ve got)\s+(?:\w+\s+){0,2}?(?:\d+|one|two|"
    r"three|five|ten|fifteen|thirty|sixty|an?)\s*(?:minutes?|mins?|hours?|hrs?|seconds?)"
    r"(?:\s+(?:to|before|or|left|until))?|"
    r"(?:last|final) (?:chance|offer|warning|time i ask)|take it or leave it|"
    r"now or never|non-?negotiable|not negotiable|no more (?:talking|talk|discussion|"
    r"delays|excuses|games|chances)|this is (?:not up for discussion|not a request|an order|"
    r"the only offer)|(?:this|that) is not a request|i won'?t ask again|i'?m not asking|"
    r"(?:either\s+(?:you\s+)?\w+(?:\s+\S+){0,10}?\s+or\s+(?:else|we|i|the|you(?:'ll| will)))|"
    r"(?:by|before)\s+(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|h|o'?clock)?|noon|midnight|dawn|"
    r"sunset|nightfall|tonight)\s*(?:,|or|\.|-)\s*(?:or\s+(?:else|we|i)|we|i|no)|"
    r"(?:you\s+(?:must|have to|need to)|i (?:demand|insist)(?: that)?|i (?:want|need) (?:you|your \w+) to)\s+(?:\w+\s+){0,6}?"
    r"(?:now|immediately|right now|at once|this minute|without delay|or)\b|"
    r"(?:stand down|step aside|open the (?:gate|road|checkpoint)|let (?:us|them|the convoy|"
    r"the trucks) (?:through|pass)|surrender|move (?:aside|your men))\s+(?:now|immediately|"
    r"right now|at once)|"
    r"(?:time|patience) is running out|the clock is ticking|countdown|"
    r"(?:i'?m|we'?re) (?:walking away|leaving) (?:if|unless|in)|"
    r"unless {YOU}\s+(?:\w+\s+){0,6}?(?:now|immediately|by|within|in the next)|"
    r"this is (?:your|ur) (?:last|final)|"
    r"(?:has|have|must|needs?) (?:to )?(?:\w+\s+){0,4}?(?:now|immediately|right now|at once|"
    r"this minute)(?!\w)|"
    r"^\W*(?:decide|open|give|come|let|move|stand|get|hand|take|put|drop|lift|clear|release|"
    r"leave|step|answer|make|tell|sign|accept)\b[^.?!]{0,50}?\b(?:now|immediately|right now|"
    r"at once|this minute)(?!\w)|"
    r"{YOU} have until|{YOU}'?ve got until|(?:no|out of) (?:more )?time (?:for|left)|"
    r"there'?s no more time|(?:we|the trucks|the convoy|they|i) (?:move|go|cross|leave|come in|"
    r"roll|start) (?:at|by|in) (?:noon|dawn|dusk|midnight|\d+|ten|five|one)|"
    r"(?:with|or) (?:or )?without (?:{YOUR} )?(?:permission|agreement|approval|consent)|"
    # a demand with a consequence: "fix the pump today or we stop talking"
    r"^\W*(?:(?:just|now|please|so)\s+)?(?:open|fix|give|let|move|stand|get|hand|take|sign|release|"
    r"decide|clear|lift|accept|pull|send|make|drop|stop|call|bring)\b[^.?!]{0,60}?,?\s+or\s+"
    r"(?:else\b|we\b|i\b|{YOU}\b|the (?:talks|deal|convoy|trucks)\b|this\b|there\b|nobody\b|"
    r"no one\b|forget\b))(?!\w)"
)
BLAME_RE = rx(
    r"\b(?:(?:this|it|that|all this|everything)(?:'s| is| was)\s+(?:all\s+)?{YOUR}\s+"
    r"(?:own\s+)?fault|{YOUR}\s+(?:own\s+)?fault|because of {YOU}(?:\s+people)?\b|"
    r"thanks to {YOU}(?:\s+people)?|{YOU}\s+(?:people|guys|lot)\s+(?:always|never|are|started|"
    r"did|caused|lie|lied|steal|stole|kill|killed|shoot|shot|cheat|only)|{YOU}\s+(?:started|caused|provoked|created|made)\s+(?:this|it|all this|the "
    r"problem|this mess|this situation|the violence)|"
    # "you're the one who started this", not "you're the one everyone looks at" (their burden)
    r"{YOURE}\s+(?:the ones?(?!\s+(?:(?:who|that)\s+(?:has|have|must|gets?|will have|is left|"
    r"carries|carry|carrying|decides?|stands?|answers|pays|takes|bears|needs?|wants?|lost|looks?|"
    r"seems?|ends? up|gets? blamed|"
    r"suffers?|suffered|knows?|can)|(?:everyone|everybody|people|they|the \w+|all|{YOUR} \w+)\b"
    r"[^.?!,]{0,30}?\b(?:look|looks|looking|turns?|turning|counts?|counting|depends?|depending|"
    r"relies?|relying|comes?|calls?|trusts?|listens?|blames?|watch|watches|watching)\b))|"
    r"the reason|responsible for|to blame|the problem|"
    r"lying|a liar|liars|criminals?|terrorists?|thugs?|bandits?|killers?|murderers?|"
    r"blocking|holding (?:us|everyone) hostage|starving|the aggressor)|"
    r"{YOU}\s+(?:lied|lie|always lie|keep lying|broke|betrayed|shot first|killed|attacked|"
    r"are lying|brought this|did this|ruined|wrecked)|{YOU}\s+(?:always|never)\s+(?:listen|lie|keep|help|care|do|tell|stop|let|give|answer|"
    r"respect|learn|think|take|want|show|turn|come|trust|change|pay|blame|shoot)\b|"
    r"blame (?:{YOU}|{YOURSELF}|{YOUR})|{YOU}\s+only\s+have\s+{YOURSELF}|"
    r"(?:it|this)\s+(?:is|was)\s+(?:on|down to)\s+{YOU}|"
    r"(?:it|this)(?:'s| is)\s+{YOUR}\s+(?:men|people|fighters|side)\s+who\s+(?:started|shot|"
    r"fired|attacked|broke|caused|lied|killed)|"
    r"{YOUR}\s+(?:men|people|fighters|side|militia|lot|government|army|brigade|guys)\s+"
    r"(?:(?:already|also|first|just)\s+)?(?:started|shot|killed|attacked|broke|caused|lied|looted|"
    r"stole|provoked|shelled|bombed|fired on|cheated|substituted|swapped|sabotaged|ambushed|"
    r"kidnapped|hijacked|betrayed|ruined|(?:\w+ed|shot|went|broke|struck|hit) first)|"
    r"{YOU}\s+brought (?:this|it) on|who started (?:this|it)|"
    r"(?:do|did)n'?t start this,?\s+{YOU} did|{YOU}\s+(?:are|'re)\s+(?:holding|starving|"
    r"killing|hurting)\s+(?:innocent|civilians|children|people)|"
    r"if {YOU} hadn'?t|{YOU} should(?: have|'?ve) (?!been\b|had\b|got\b|gotten\b)\w+|"
    r"{SORRY},?\s+but\s+{YOU}\b|"
    r"(?:the \w+|what|whatever|this war|the war|the fighting) {YOU} (?:started|caused|provoked)\b|"
    r"if {YOU} (?:had )?\w+ (?:\w+ )?(?:properly|harder|correctly|the right way|like (?:a|an) \w+)\b|have only (?:yourself|yourselves|urself) to blame|"
    # counterfactuals that pin the harm on them: "if your men hadn't …, X wouldn't …"
    r"if (?:{YOU}|{YOUR}\s+\w+)\s+(?:hadn'?t|had not|didn'?t|did not|stopped|weren'?t|"
    r"wasn'?t|would stop|quit)\b|"
    r"(?:because|since) (?:{YOU}|{YOUR}\s+(?:men|people|side|brigade|fighters|village|lot))\s+"
    r"(?:\w+ed|took|shot|held|did|made|broke|stole|started|kept|hid|won'?t|wouldn'?t|refused|"
    r"shoot|attack|steal|lie|block|kill|hide|loot)\b|"
    r"{YOURE}\s+(?:hiding|using|stalling|wasting|playing games|making (?:this|it|things)|"
    r"spreading|only doing this|just looking)|"
    r"{YOU}\s+(?:just|only)\s+(?:{DONT}|want|care|like)\b|"
    r"(?:is|'s|was) (?:all )?on {YOU}(?!\w)|"
    r"{YOUR}\s+\w+\s+(?:always|never)\s+\w+|"
    r"{YOUR}\s+(?:men|people|fighters|side|guys|lot)\s+(?:held up|blocked|delayed|stopped|"
    r"wasted|stalled|hid|are hiding|hiding)|"
    r"(?:he|she|they|{YOU}) (?:shouldn'?t|should not) have\b)".replace(
        "{YOURSELF}", r"(?:yourself|yourselves|urself)"
    )
)
DISMISSAL_RE = rx(
    # telling them to calm down (an order, not "it helps you relax")
    r"(?:^\W*(?:(?:just|now|please|hey|look|ok|okay|so|well)\W+)*|\b(?:just|please|now) )"
    r"(?:calm down|settle down|chill(?: out)?|relax|take a (?:breath|chill pill))\b|"
    r",\s*(?:calm down|settle down|chill(?: out)?|relax)\W*$|"
    r"\b(?:{LETS}|let'?s)\s+(?:all\s+|just\s+|everyone\s+)?(?:calm down|settle down|relax|chill)\b|"
    r"\b(?:these|those|the|{YOUR}|this|that)\s+(?:\w+\s+){0,2}?(?:are|is|'?s)\s+(?:all\s+|just\s+|"
    r"complete\s+|total\s+)?(?:nonsense|rubbish|garbage|ridiculous|absurd|laughable)\b|\b(?:"
    r"{YOUR}\s+\w+\s+(?:are|is)\s+(?:being\s+|just\s+|so\s+)?(?:paranoid|hysterical|dramatic|"
    r"overreacting|over-reacting|unreasonable|childish|ridiculous|irrational)|"
    r"{YOURE}\s+(?:over-?reacting|being (?:emotional|hysterical|dramatic|paranoid|"
    r"ridiculous|unreasonable|childish|silly|stupid|difficult|irrational)|paranoid|"
    r"hysterical|ridiculous|unreasonable|crazy|delusional|irrational|overthinking|"
    r"exaggerating|imagining things)|{DONT} lecture (?:me|us)|stop (?:asking (?:about|questions|for)|being|whining|complaining|crying|"
    r"exaggerating|wasting|with the|the drama)|get over it|just move on|move on already|^\W*move on\W*$|not my problem|"
    r"not (?:my|our) (?:concern|issue|fault|responsibility)|(?:that|this|it)(?:'s| is| was)?"
    r"\s+(?:not|no) (?:a )?(?:big deal|important|relevant|the point|my concern)|"
    r"(?:doesn'?t|don'?t|do not|does not|won'?t) (?:matter|help anyone|mean anything|change "
    r"anything)|never (?:killed|hurt|harmed) anyone|(?:has|'?s got|have|had) nothing to do "
    r"with (?:me|us|this)|every(?:body|one) makes mistakes|here or there|(?:who|nobody|no one) cares|(?:^\W*|[,.;]\s*)whatever(?=\s*[?!,.]|\s*$)|"
    r"(?:that|this)(?:'s| is)\s+(?:ridiculous|absurd|nonsense|stupid|silly|irrelevant|"
    r"rubbish|crazy|insane|laughable|a joke|pathetic|childish|paranoid)|"
    r"be (?:reasonable|realistic|serious|sensible)|grow up|get real|"
    r"(?:there'?s |there is )?no (?:need|reason) to (?:be|get)\s+(?:so\s+)?(?:upset|angry|"
    r"emotional|worked up|scared|afraid|worried|dramatic)|"
    r"{DONT}\s+(?:be|get)\s+(?:so\s+)?(?:upset|angry|emotional|worked up|scared|dramatic|"
    r"silly|ridiculous|paranoid|childish)|"
    r"{SORRY}\s+(?:that\s+|if\s+)?{YOU}\s+(?:feel|felt|think|see it|took it|were offended|"
    r"are offended|got upset|are upset)|{SORRY} if (?:anyone|anybody|that|this|it) "
    r"(?:offended|upset)|"
    r"(?:it'?s|that'?s|this is) (?:just|only) (?:a few|some|one|a)\s+\w+|"
    r"yeah,? right|oh,? (?:great|sure|wonderful|brilliant|please|come on|give me a break)|"
    r"sure {YOU} (?:are|did|do|will|were)|how convenient|what a surprise|"
    r"of course {YOU} (?:do|did|are|would|were|will)|cry me a river|boo[- ]?hoo|"
    r"spare me|give me a break|come on,? (?:now|man|seriously)|seriously\?|"
    r"(?:lol|lmao|rofl|haha+)\b|/s\b|"
    r"(?:why|how) (?:do|would) {YOU} (?:even )?care|"
    r"enough (?:with|of) (?:the|this|your)|(?:who|what) cares|doesn'?t concern (?:me|us)|"
    r"i (?:don'?t|do not) care (?:about (?:{YOUR}|what {YOU}|how {YOU}|that)|what|if {YOU}|"
    r"(?=\W*$))|{YOUR}\s+(?:feelings|complaints|problems|grievances)\s+"
    r"(?:are|is)\s+(?:not|irrelevant|beside)|"
    # minimising: their loss is ordinary, old, or beside the point
    r"let it go|(?:a|such a) long time ago|(?:people|men) die in (?:a )?war|(?:it'?s|that'?s) "
    r"(?:a )?war\b|both sides (?:suffer|have losses|lost)|we all (?:have|had|lost|suffer)|"
    r"(?:doesn'?t|does not|won'?t) change (?:anything|what|the fact)|not why we'?re here|"
    r"(?:not|aren'?t|isn'?t) (?:our|my) (?:responsibility|job|problem|concern)|"
    r"(?:shouting|yelling|crying|complaining|threatening|whining)\s+(?:\w+\s+)?(?:won'?t|"
    r"doesn'?t|will not|does not|isn'?t going to) (?:help|change|work|get)|"
    r"stop (?:threatening|shouting|yelling|screaming)|be like that|"
    r"(?:they'?ll|it'?ll) (?:come|happen|arrive) when (?:they|it) (?:come|happen|arrive)s?|"
    r"it'?s not about \w+,? it'?s about|making (?:things|it|this|stuff) up|"
    r"{YOURE} imagining|"
    # everyday minimisers
    r"so what(?=\s*[?!,.]|\s*$)|big deal|nobody asked(?=\s*[?!,.]|\s*$)|(?:that'?s|it'?s) {YOUR} (?:own )?problem|(?:^\W*|[,.;:]\s*|just )deal with it|"
    r"it is what it is|{YOU}'?ll (?:live|survive|get over it)|don'?t be (?:a baby|such a baby|"
    r"so sensitive)|get a grip|man up|toughen up|that'?s life|whatever {YOU} say|"
    r"if {YOU} say so|(?:that'?s|it'?s) (?:all )?in the past|forget about it|making (?:a fuss|"
    r"a scene|too much of|a big deal))"
)
SARCASM_RE = rx(
    r"(?:yeah,? right|oh,? (?:great|sure|wonderful|brilliant|please|really)|sure {YOU} "
    r"(?:are|did|do|will|were)|how convenient|what a surprise|of course {YOU} "
    r"(?:do|did|are|would|were|will)|cry me a river|boo[- ]?hoo|/s\b|\*so\*|"
    r"\bso+ (?:scary|scared|sad|tragic)\b|🙄|😒|🤡)"
)
EMOJI_DISMISSAL_RE = re.compile(r"[🙄😒🤡😂🤣💅🥱]")

FLATTERY_RE = rx(
    r"\b(?:(?:{YOURE}|{YOU} are|{YOU} (?:seem like|look like))\s+(?:(?:such|so|truly|really|"
    r"clearly|obviously|very|a)\s+)*(?:an?\s+)?(?:great|brilliant|wise|amazing|fantastic|"
    r"incredible|impressive|smart|intelligent|genius|legend|hero|strong|powerful|honou?rable|"
    r"noble|admirable|remarkable|exceptional|outstanding|wonderful|excellent|good|"
    r"reasonable|kind|generous|respected|legendary|inspiring|courageous|brave|clever|best)"
    r"(?:\s+(?:leader|man|commander|person|negotiator|soldier|human|guy|warrior|chief))?|"
    r"(?:i|we)\s+(?:really\s+|truly\s+|so\s+|deeply\s+|greatly\s+)?(?:admire|respect|love|"
    r"adore|look up to)\s+(?:{YOU}|{YOUR}\s+(?:leadership|wisdom|strength|courage))|"
    r"what an?\s+(?:great|wise|amazing|brilliant|incredible|strong|impressive)\s+"
    r"(?:leader|man|commander|person)|"
    r"(?:such|so)\s+(?:a\s+)?(?:great|wise|amazing|brilliant|strong|impressive)\s+"
    r"(?:leader|man|commander|person)|"
    r"{YOUR}\s+(?:wisdom|leadership|strength|courage|intelligence|genius)\s+(?:is|are)|"
    r"(?:best|greatest|wisest|strongest|smartest)\s+(?:leader|commander|man|negotiator)|"
    r"(?:brilliant|genius|amazing|fantastic|incredible|wonderful)\s+(?:idea|point|insight|"
    r"thinking)|legendary|🙏|👏|💯|"
    # bare praise: "Truly wise.", "so strong", "such a brilliant mind"
    r"(?:truly|so|such an?|very|incredibly|remarkably)\s+(?:wise|brilliant|strong|great|"
    r"amazing|impressive|honou?rable|noble|admirable|inspiring|courageous|brave|smart|"
    r"intelligent|respected|powerful)\b)"
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

# "Sorry for your loss" is sympathy (acknowledgement), not taking responsibility.
SYMPATHY_RE = rx(
    r"\b{SORRY}\s+(?:to hear|for {YOUR}|about {YOUR}|for what happened to|(?:for|about)\s+(?:the\s+|"
    r"those\s+|these\s+|all\s+)?(?:\w+\s+){0,2}?(?:people|families|dead|victims|lives|losses|"
    r"friends|brother|sister|son|daughter|children|mother|father|wife|husband|grandchildren|"
    r"nephew)\b)"
)
RESPONSIBILITY_RE = rx(r"\b(?:we|our|i|my|us)\b(?!'?m\b| am\b)")
# Each side does something: one clause with us acting, one with them acting.
OUR_ACTION_RE = rx(
    r"\b(?:we|i|our\s+(?:\w+\s+)?\w+)\s+(?:'ll\s+|will\s+|can\s+|could\s+|would\s+)?"
    r"(?:\w+ly\s+)?(?:hand|give|send|leave|deliver|withdraw|pull|release|unload|visit|bring|"
    r"get|open|take|move|share|provide|cross|stop|put|drive|carry|pay|fix|repair|escort|ask|"
    r"announce|drop|return|hold|keep|wait|lift|allow|let|follow|go)\w*\b"
)
THEIR_ACTION_RE = rx(
    r"\b(?:{YOU}|{YOUR}\s+(?:\w+\s+)?\w+|one of {YOUR} \w+)\s+(?:'ll\s+|will\s+|can\s+|"
    r"could\s+|would\s+)?(?:let|check|inspect|search|hold|open|put|escort|release|keep|allow|"
    r"give|stand|pull|move|reopen|stop|count|send|lift|ride|go|goes|watch|come|leave)\w*\b"
)

SECOND_PERSON_RE = rx(r"\b(?:{YOU}|{YOUR}|{YOURE}|{YOUVE}|yourself)\b")
# The reason for a feeling, in the same sentence: "scared *because* …", "angry *about* …".
REASON_CLAUSE_RE = rx(
    r"\b(?:because|since|after|about|that|when|with|seeing|watching|hearing|by|of|if|between|"
    r"whether|what)\b"
)

# Process suggestions are not proposals: "let's keep an open mind about the observers".
PROCESS_PROPOSAL_RE = rx(
    r"^\W*(?:{LETS}|we (?:should|must|need to)|why don'?t we|(?:can|could|shall|may) we|how "
    r"about we)\s+(?:just\s+|all\s+|try to\s+|sit down and\s+|first\s+)?"
    r"(?:not\s+)?(?:keep an open mind|stay calm|calm down|be (?:reasonable|patient|honest|calm|"
    r"open)|think about|talk about|talk through|go over|go through|focus on|look at|discuss|"
    r"argue|fight|take a (?:breath|"
    r"moment|step back)|start again|start over|move on)\b"
)

# Threats that do not name the weapon: warnings, menace, punishment by other means.
THREAT_EXTRA_RE = rx(
    r"\b(?:don'?t (?:make me|test me|push me)|(?:won'?t|will not|isn'?t going to) end well"
    r"|{YOU} (?:don'?t|do not) want to (?:see|know|find out) what (?:happens|will happen)"
    r"|(?:things|this|it) (?:will|could|is going to|'?s going to) get (?:ugly|bloody|messy|violent)"
    r"|(?:we|i|they)(?:'ll| will| are going to|'re going to) (?:come|be coming) (?:for|after) {YOU}"
    r"|(?:we|i|they)(?:'ll| will) (?:have|get) {YOU} (?:arrested|removed|killed|shot|prosecuted|"
    r"locked up|thrown out)"
    r"|(?:we|i|they)(?:'ll| will) (?:cut|shut) (?:off )?(?:the|{YOUR}) (?:power|water|electricity|"
    r"phones?|supplies|food|fuel|aid)"
    r"|(?:we|i|they)(?:'ll| will) (?:hold|make) {YOU} (?:personally )?(?:responsible|accountable|"
    r"pay)"
    r"|(?:we|i)(?:'ll| will) (?:report|denounce) {YOU}"
    r"|{YOUR} (?:men|people|village|family|brigade) will (?:pay|suffer|regret)"
    r"|(?:starve|smoke|burn|bomb) (?:{YOU}|them) out"
    r"|(?:will|'ll|gonna|going to|make {YOU})\s+pay (?:for this|the price|dearly)"
    r"|(?:{YOU}|{YOUR} men) will be (?:the first|targets|targeted|hit)"
    r"|(?:we|they) will not hesitate|i'?m warning {YOU}|watch (?:yourself|your back|your step)"
    r"|{YOU}(?:'ll| will) (?:be|get) hurt"
    # "open the gate or we'll come through": the consequence after "or"
    r"|\bor (?:else )?(?:we|i|they|the army|our men|the police|my men)(?:'ll| will| are going to|"
    r"'re going to| shall)\s+[^.?!]{0,30}?\b(?:force|storm|shoot|arrest|break|crush|hit|burn|blow|"
    r"come (?:in|through|for)|make you|by force|air ?strikes?|strike|bomb|shell|attack|artillery|"
    r"the army|troops|tanks|drones|open fire|fire on|kill|destroy|send in|hurt|report {YOU}|"
    r"cut (?:off )?(?:{YOUR}|the))"
    r"|\bwe know (?:about|where) {YOUR} (?:family|wife|children|kids|grandchildren|mother|"
    r"husband|sons?|daughters?|home|house)"
    r"|\b(?:would be a shame if|accidents happen)"
    # force in place, said to the party: "we have air cover overhead, just so you know"
    r"|\b(?:we|they|i)\s+(?:have|'ve got|have got|got)\s+(?:\w+\s+){0,2}?(?:air cover|air support|"
    r"snipers|troops|drones|tanks|artillery|gunships|helicopters|a tactical team)\s+(?:overhead|nearby|"
    r"in position|ready|on standby|watching|waiting|around|outside|behind|close)"
    # veiled: "you won't like what happens", "see what happens to your …", "I'd hate for your
    # village to lose its aid"
    r"|\b(?:won'?t|will not|wouldn'?t|would not) like what happens|\bsee what happens (?:to|when|if|"
    r"next)\b|\b(?:i'?d|i would|we'?d|we would) hate (?:for|to see) {YOUR}\b[^.?!]{0,40}?\b(?:lose|"
    r"losing|get hurt|suffer|go without|be cut off|pay)"
    # a consequence hung on their refusal: "or I radio HQ and they deal with you", "hold us here
    # and the mission will name you personally"
    r"|\bor (?:else )?(?:we|i|they|the \w+|hq)\b[^.?!]{0,40}?\b(?:reports? {YOU}|names? {YOU}|deals? "
    r"with {YOU}|comes? for {YOU}|arrests? {YOU}|holds? {YOU} (?:responsible|accountable))"
    r"|^\W*\w+\b[^.?!]{0,50}?\band\s+(?:the (?:mission|army|brigade|world|un|press)|we|i|they)\s+"
    r"(?:will|'ll)\s+(?:\w+\s+){0,2}?(?:name|report|punish|deal with|come for|arrest|blame) {YOU}\b"
    r"|\b(?:{WELL}|{ILL}|we'?re|i'?m|they'?ll|they will)\s+(?:be\s+)?(?:back|coming back|come back|"
    r"return)\s+with\s+(?:the\s+)?(?:army|troops|soldiers|police|tanks|force|guns|reinforcements))"
)
VERIFIABLE_EXTRA_RE = rx(
    r"\b(?:see for (?:yourself|themselves|yourselves)|in front of (?:everyone|{YOUR} men|witnesses|"
    r"both sides|the (?:monitors|observers|cameras))|(?:{YOUR}|both) (?:men|sides|people|officers?)"
    r" (?:can|could|will|may) (?:watch|see|look|check|count|verify|witness|inspect|be present)|"
    r"(?:watching|present|looking on)\b|confirm(?:s|ed)?\b|check(?:s|ed)? (?:it|them|each|every|"
    r"the|what)|publicly|in public|on the radio|announce(?:d|ment)?)"
)

# A question the transcript or the typist did not close with "?": "so how often do you…--".
UNCLOSED_QUESTION_RE = rx(
    LEAD_IN + r"(?:what|how|which|who|where|when|why)\s+(?:\w+\s+)?(?:do|does|did|is|are|was|"
    r"were|can|could|would|will|should|have|has|often|much|many|long|about|else|kind|sort)\b"
    r"[^.!]*(?:-+|…|\.\.\.|[^\W_])\W*$"
)
# "So what?" asks nothing: it shrugs.
SO_WHAT_RE = rx(r"^\W*(?:and\s+)?so what\W*$")
# Looking weak is about their image, not a feeling: "you cannot look weak in front of them".
LOOK_WEAK_RE = rx(r"\b(?:look|looks|looking|seem|appear)\s+(?:\w+\s+)?(?:weak|foolish|soft)\b")
# A genuine wh-question (not "what if"/"how about", which propose).
WH_QUESTION_RE = rx(
    LEAD_IN + r"(?:what|which|how|who|where|when|why|whats|what'?s)\b(?!\s+(?:if|about)\b)"
)
# A fragment with a finite verb is a statement, not a mirror of their words.
VERBISH_RE = rx(
    r"\b(?:is|are|was|were|am|be|been|have|has|had|do|does|did|will|would|can|could|should|must|"
    r"may|might|need|want|go|goes|went|come|came|get|got|let|make|made|take|took|give|gave)\b"
)
# "the real worry is …": a label whose clause restates what they said.
WORRY_IS_RE = rx(
    r"\b(?:the|{YOUR}|their)\s+(?:(?:real|main|big|biggest|deeper|underlying|greatest|worst)\s+)?"
    r"(?:worry|worries|fear|fears|concern|dread|anxiety)\s+(?:here\s+)?(?:is|are)\b"
)
# Items of a listed summary: commas, semicolons, "and", "plus", line breaks, sentence ends.
LIST_SPLIT_RE = re.compile(r"\s*(?:[,;:\n.!?]|\band\b|\bplus\b|\balso\b)\s*")
# A negation just before a match turns it around: "it's *not* your fault", "you *don't* have to
# decide now".
NEGATED_BEFORE_RE = re.compile(
    r"(?:\bnot|n't|\bnever|\bno need to|\bnobody|\bno one)\s+(?:\w+\s+)?$"
)

# -- generalised threat, blame and exchange structures (2026.2, block z49-z55) ----------------

# Harm, force or loss that a consequence clause can carry.
HARM = (
    r"(?:hurt|harm|kill|killed|die|dies|dead|dead man|burn|burned|torch|flatten|level|destroy|"
    r"destroyed|crush|crushed|bomb|bombed|shell|shelled|shoot|shot|fire on|open fire|storm|"
    r"attack|arrest|arrested|court-?martial(?:l?ed)?|punish|punished|pay|pays|paid|suffer|"
    r"suffers|regret|be sorry|feel it|find out|gone|wiped out|won'?t walk away|won'?t come home|"
    r"never see|lose|loses|lost|closes?(?: down)? for good|stays? (?:where it is|locked|shut|"
    r"closed|in the warehouse)|gets? nothing|get nothing|go without|starve|go(?:es)? hungry|"
    r"go(?:es)? dark|cut off|shut down|blow up|blown up|lift it for {YOU}|open it for {YOU}|"
    r"do it for {YOU}|comes? down|knock (?:it|the \w+) down|break (?:\w+\s+){0,2}?(?:down|in)|"
    r"roll (?:\w+\s+)?over|tribunal|military court|court|war crimes?|prosecut\w*|charges|"
    r"blacklist(?:ed)?|sanctions?|(?:none|nobody|no one)\b[^.?!]{0,20}?\b(?:go|goes|gets?|comes?|"
    r"walks?|makes? it) home)"
)
FAMILY = (
    r"(?:family|families|wife|husband|children|kids|sister|brother|mother|father|son|sons|"
    r"daughter|daughters|grandchildren|parents|cousin|people|men|village|clinic|home|house)"
)
THREAT_MORE_RE = rx(
    # "I'm not threatening you, but …" / "I'm not making threats, I'm just saying …"
    r"\b(?:not|n'?t)\s+(?:\w+\s+)?(?:threatening|making (?:a |any )?threats?|a threat)\b"
    r"[^.?!]{0,20}?\b(?:but|just|only)\b[^.?!]{0,80}?\b(?:will|'ll|won'?t|gonna|going to|if|"
    r"unless|depends?|could|might|brigade|army|troops|soldiers|commanders?|police)\b|"
    # "push us and you'll find out", "refuse and the clinic closes": a pressure verb, then harm
    r"^\W*(?:\w+\W+){0,2}?(?:refuse|push|mess|play|test|cross|touch|try|block|stop|stall|delay|"
    r"stand|get|raise|point|wave|move|come|step|make|drag|waste|"
    r"lie|say no|keep|hold|provoke|fight|resist|ignore|cancel|shoot|fire)\b[^.?!]{0,50}?"
    r"\band\s+(?:{YOU}|{YOUR}|ur|we|i|they|the|this|that|our|my|nobody|no one|everyone|"
    r"every)\b[^.?!]{0,50}?\b" + HARM + r"\b|"
    # an imperative, then harm or loss after "or": "sign it, or the medicine stays where it is"
    r"^\W*(?:(?:just|now|please|so)\s+)?(?!(?:what|how|why|who|which|would|could|can|do|does|did|"
    r"is|are|was|were|we|i|if|it|that|the|this|there|you|u|your|ur|they|our|my|maybe|whether|"
    r"either|both|let'?s|lets)\b)\w+\b[^.?!]{0,60}?,?\s+or\s+(?:else\s+)?(?:{YOU}|{YOUR}|"
    r"ur|we|i|they|the|my|our|his|her|their|nobody|no one)\b[^.?!]{0,50}?\b" + HARM + r"\b|"
    # harm to them or theirs announced: "we'll hurt your people", "we'll burn the depot"
    r"\b(?:{WELL}|{ILL}|we'?re going to|i'?m going to|we'?re gonna|i'?m gonna|my (?:men|escort|"
    r"commanders?|people|soldiers))\s+(?:\w+\s+){0,2}?(?:hurt|harm|kill|burn|torch|level|blow up|"
    r"shell|gas|starve|punish|flatten|take out)\b|"
    r"\b(?:have|get)\s+(?:{YOU}|{YOUR}\s+(?:\w+\s+){0,2}?\w+)\s+(?:arrested|court-?martial(?:l?ed)?|"
    r"removed|shot|killed|locked up|thrown out|fired|sacked|prosecuted)\b|"
    # "if your men touch the trucks, they won't walk away from it"
    r"\bif (?:{YOU}|{YOUR}\s+\w+|ur \w+)\b[^.?!]{0,60}?\b(?:won'?t|will not|never)\s+(?:walk away|"
    r"come home|get home|leave|see)\b|"
    r"\bif (?:{YOU}|ur)\s+(?:{DONT}|do not|dont|won'?t|wont|refuse)\b[^.?!]{0,60}?\b(?:will|'ll|"
    r"are going to|is going to|gonna)\s+(?:\w+\s+){0,2}?" + HARM + r"\b|"
    r"\b(?:{WELL}|{ILL}|we'?re going to)\s+(?:\w+\s+){0,2}?"
    + HARM
    + r"\b[^.?!]{0,40}?\bif (?:{YOU}|ur)"
    r"\s+(?:{DONT}|do not|dont|won'?t|wont|refuse)\b|"
    # veiled menace
    r"\b(?:would|'d|will|'ll)\s+be\s+(?:a\s+)?(?:pity|shame)\s+if\b|"
    r"\bsomething (?:happened|happens|were to happen|bad happens?) to {YOUR}\b|"
    r"\b(?:think|consider)\s+(?:very\s+)?(?:carefully|hard|twice|long and hard)\s+about\s+{YOUR}\s+"
    + FAMILY
    + r"\b|"
    r"\bremember who (?:controls|holds|runs|owns|decides)\b|"
    r"\b(?:{DONT}|do not|dont)\s+(?:think|imagine|assume)\s+(?:we|i|they)\s+(?:won'?t|wouldn'?t|"
    r"can'?t|couldn'?t)\b|"
    r"\bone (?:call|word|phone call|radio call|signal) from (?:me|us)\b|"
    r"\bthe easy way or the hard way\b|"
    r"\bfind out what happens\b|\b(?:find out|see|learn) (?:what|how much) (?:\w+\s+){1,3}?"
    r"(?:is|are|'s|'re) capable of\b|"
    r"\bnot (?:as|so) patient as (?:i|we) am\b|\bnot as patient as (?:me|us|i am|we are)\b|"
    r"\bi (?:wouldn'?t|would not) (?:want|like) to be (?:standing |sitting |waiting )?"
    r"(?:at|in|on|near|here|there|you)\b|"
    r"\bnot the only ones?\b[^.?!]{0,30}?\b(?:rifles|guns|weapons|armed)\b|"
    r"\b(?:drones?|snipers?|gunships?|helicopters?|tanks?|artillery|guns)\s+(?:is|are|'s|'re)\s+"
    r"(?:\w+\s+)?(?:over|above|aimed at|pointed at|trained on|on)\s+{YOUR}\b|"
    r"\bthere(?:'s| is| are)\s+(?:a |an |two |three )?(?:drones?|snipers?|gunships?|helicopters?|"
    r"tanks?)\s+(?:\w+\s+)?(?:over|above|aimed at|pointed at|trained on|watching)\s+{YOUR}\b|"
    r"^\W*no (?:deal|agreement|signature|list|access|gate|road),\s*no\s+\w+|"
    # a conditional on what they do, with force or harm as the result: "if ur guys raise a rifle
    # at my drivers, none of them go home tonight"
    r"\bif (?:{YOU}|{YOUR}\s+\w+|ur \w+)\s+(?:\w+\s+)?(?:raise|raises|point|points|touch|touches|"
    r"fire|fires|shoot|shoots|move|moves|block|blocks|stop|stops|try|tries|refuse|refuses|keep|"
    r"keeps|hold|holds|attack|attacks|come|comes|cross|crosses|lay|lays|harm|hurt|hurts)\b"
    r"[^.?!]{0,60}?,\s*[^.?!]{0,40}?\b" + HARM + r"\b|"
    # force standing by on our word: "the helicopters are fuelled and waiting for my word",
    # "a whole division behind me"
    r"\b(?:helicopters?|gunships?|division|brigade|battalion|army|troops|artillery|tanks?|drones?|"
    r"snipers?|air ?strikes?|tactical team|soldiers)\b[^.?!]{0,40}?\b(?:fuelled|fueled|armed|"
    r"loaded|waiting for (?:my|our|the) (?:word|signal|order|call)|on (?:my|our) (?:word|signal|"
    r"order)|behind (?:me|us)|at my back|one (?:word|call|signal) away)\b|"
    r"^\W*(?:so\s+)?do the maths?\W*$|"
    # cutting what they need, said as something we could do
    r"\b(?:we|i|they)\s+(?:could|can|will|'ll|might|may|would)\s+(?:\w+\s+)?(?:cut|shut off|"
    r"turn off|withhold|switch off)\s+(?:off\s+)?(?:the|all|{YOUR})\s+(?:\w+\s+)?(?:fuel|water|power|"
    r"electricity|food|aid|supplies|medicine|insulin|rations|phones?)\b[^.?!]{0,20}?\b(?:to|for|"
    r"from)\s+(?:{YOUR}|ur|{YOU})\b|"
    # their family, and an invitation to think about their safety: "You have kids, commander.
    # Think about them." / "They'd want them safe, wouldn't they?"
    r"\b(?:want|keep) them safe,? (?:wouldn'?t|don'?t|do|would) (?:they|you)\b|"
    r"\b(?:nobody|no one)\s+(?:in \w+\s+)?(?:gets?|will get|eats?|drinks?|goes? home|is treated|"
    r"gets? treated|sees?)\b[^.?!]{0,40}?\b(?:until|unless)\s+(?:{YOU}|{YOUR}|ur)\b"
)

BLAME_MORE_RE = rx(
    r"\b(?:none of (?:this|it)|this|it|that)\s+(?:would(?:n'?t| not)?|could(?:n'?t| not)?)\s+"
    r"(?:\w+\s+){0,2}?(?:be happening|have happened|happen)\b[^.?!]{0,20}?\bif (?:{YOU}|{YOUR})\b|"
    r"\b(?:it|this|that)(?:'s| is| was)\s+(?:{YOU}|{YOUR}\s+\w+)\s+(?:who|that)\s+"
    r"(?:started|shot|fired|opened fire|attacked|broke|caused|lied|killed|shelled|provoked|"
    r"moved first|crossed|betrayed|stole|wrecked|ruined|bombed|began)\b|"
    r"\b{YOUR}\s+(?:side|army|men|people|fighters|commanders?|leaders?|leadership|government|"
    r"brigade|soldiers|lot|guys)\s+(?:keeps?|kept)\s+(?:provoking|lying|breaking|attacking|"
    r"shelling|stalling|blocking|shooting|firing|moving|cheating|violating)\b|"
    r"\b{YOU}\s+chose to\s+(?:shell|attack|shoot|fire|break|bomb|kill|block|lie|cross|move|ignore)\b|"
    r"\b{YOUR}\s+(?:side|army|men|people|fighters|commanders?|leaders?|government|brigade|"
    r"soldiers|lot|guys)\s+(?:(?:already|also|just)\s+)?(?:wrecked|destroyed|violated|torpedoed|"
    r"sank|sabotaged|tore up|walked out of|ignored)\b|"
    r"\bif (?:{YOU}|{YOUR}\s+\w+)\s+had\b[^.?!]{0,60}?\b(?:nobody|no one|none of (?:this|us|them)|"
    r"(?:this|it|we|they)\s+(?:would(?:n'?t| not)|never))\b|"
    r"\b{YOUR}\s+(?:\w+\s+)?(?:is|are|was|were)\s+(?:the (?:reason|cause|problem)|to blame|"
    r"responsible for)\b|"
    r"\b(?:the )?fault (?:lies|is) with {YOUR}\b|"
    r"\b(?:because|since|after)\s+(?:{YOU}|{YOUR}\s+\w+|ur \w+)\s+(?:\w+\s+)?(?:gave away|leaked|"
    r"tipped off|let|allowed|ignored|broke|sold|betrayed|abandoned|failed|forgot|refused)\b|"
    r"^\W*{YOU}\s+(?:let|allowed|helped)\s+(?:the\s+)?(?:smugglers|militias?|gunmen|fighters|"
    r"snipers|looters|bandits|them)\b|"
    r"\b{SORRY},?\s+but\s+{YOUR}\s+\w+\s+(?:did|started|shot|moved|fired|broke|attacked)\b"
)

# A two-sided exchange stated as a proposal: "we'll send the fuel once your men clear the
# road", "you keep the east road open, and we'll keep our patrols off it", "if your commander
# signs, my director signs the same day". Never on a refusal ("if you don't …").
EXCHANGE_RE = rx(
    r"\b(?:{WELL}|we can|we could|our \w+ (?:will|can|could))\s+[^.?!]{0,80}?\b(?:once|as soon as|"
    r"the moment|when|after|if|provided|as long as)\s+(?:{YOU}|{YOUR}\s+\w+|ur \w+)\b"
    r"(?!\s+(?:{DONT}|do not|dont|won'?t|refuse))|"
    r"^\W*(?:(?:maybe|so|ok(?:ay)?|then|perhaps),?\s+)?(?:{YOU}|{YOUR}\s+\w+|ur \w+)\s+(?:\w+\s+)?"
    r"(?:keep|keeps|give|gives|send|sends|hand|let|lets|open|opens|release|show|hold|holds|take|"
    r"move|moves|stay|stays|fix|clear|pull|stop|lower|lift|bring)\b[^.?!]{0,70}?(?:,|\band)\s*"
    r"(?:and\s+)?(?:we|i|our \w+|ours)\b|"
    r"^\W*(?:each|both) (?:side|sides|of us|party|parties|team|teams)\s+(?:names?|sends?|brings?|"
    r"picks?|chooses?|releases?|pulls?|moves?|gives?|opens?|keeps?)\b|"
    r"^\W*if (?!(?:{YOU}|ur)\s+(?:{DONT}|do not|dont|won'?t|wont|refuse))(?:{YOU}|{YOUR}\s+\w+|"
    r"ur \w+)\s+\w+[^.?!]{0,60}?,\s*(?:then\s+)?(?:we|i|my \w+|our \w+)\s+(?:\w+s|will|'ll|can|"
    r"could)\b"
)
RECIPROCAL_MORE_RE = rx(
    r"\b(?:swap|swaps|trade)\b|"
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d+) for (?P=n)\b|"
    r"\bboth (?:\w+\s+)?(?:delegations|teams|commanders|leaders|groups|villages|camps|armies|"
    r"sides'?)\b|"
    r"\b(?:we|our \w+) \w+ ours\b|\bours too\b|\bthe same day\b|"
    r"(?:{YOU}|{YOUR} \w+|ur \w+)\b[^.?!]{0,60}?(?:,|\band)\s+(?:we|i|our \w+)\s+(?:\w+\s+)?"
    r"(?:bring|give|send|open|pull|move|keep|hold|release|hand|let|share|leave|fix|lift|take|"
    r"return|lower|stop)\b|"
    r"\b(?:we|our side|our \w+)\b[^.?!]{0,80}?\band (?:{YOUR}|ur) \w+ (?:\w+ )?(?:\w+s)\b|"
    r"\b(?:we|i)\s+[^.?!]{0,80}?\band (?:{YOU}|{YOUR} \w+|ur \w+) (?:\w+ )?(?:bring|give|send|"
    r"open|pull|move|keep|hold|release|hand|let|share|show|tell|sign|fix|take|return|lower|stop)\b|"
    r"\bjointly\b|\bshared (?:by|between)\b|\b(?:split|share) the (?:cost|costs|work|load|bill)\b|"
    r"\band (?:by )?(?:our \w+|us|we) together\b|"
    r"\b(?:{YOU}|{YOUR})\b[^.?!]{0,60}?\band (?:we|i) (?!also\b|just\b|really\b)\w+"
)
VERIFIABLE_MORE_RE = rx(
    r"\bsees? (?:\w+ ){0,3}?(?:herself|himself|themselves|yourself|yourselves)\b|"
    r"\b(?:film|filmed|filming|record|recorded|recording|handwriting|handwritten|receipt|"
    r"proof of life)\b|\b(?:can|could|will|to) watch\b|\bsigns?\b(?!\s+of\b)|\b(?:match|cross-?check)\s+(?:it|them|"
    r"the)\b|\b(?:both of us|both sides|either side|anyone|{YOU}|{YOUR} (?:\w+\s+){1,2}?) ?can (?:read|see|check|inspect|count|verify)\b|"
    r"\b(?:lawyer|doctor|priest|journalist|relative|family member|mother|father|someone {YOU} "
    r"trust)\b[^.?!]{0,30}?\b(?:sees?|visits?|meets?|checks? on)\b"
)
# Concrete things a proposal can be about, beyond CONCRETE_RE.
CONCRETE_MORE_RE = rx(
    r"\b(?:fence|wire|lights?|market|pump|pump house|depot|power|electricity|phone line|keys|"
    r"motorbikes?|passage|lane|engineers?|flag|loudspeaker|curfew|mortars|barrels|rations|"
    r"committee|officer|elder|mayor|tanker|director|commander|police|record|id|documents?|papers|"
    r"lawyer|custody|mother|father|litres?|liters?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)

# A demand with the harm after "or" (with a threat found, also an ultimatum): "sign it, or the
# medicine stays where it is"; and finality: "no deal, no insulin", "simple as that".
IMPERATIVE_OR_RE = rx(
    r"^\W*(?:(?:just|now|please|so)\s+)?(?!(?:what|how|why|who|which|would|could|can|do|does|did|"
    r"is|are|was|were|we|i|if|it|that|the|this|there|you|u|your|ur|they|our|my|maybe|whether|"
    r"either|both|let'?s|lets)\b)\w+\b[^.?!]{0,60}?,?\s+or\s+(?:else\b|{YOU}|{YOUR}|ur|we|i|"
    r"they|the|my|our|his|her|their|nobody|no one)\b|"
    r"^\W*no (?:deal|agreement|signature),\s*no\s+\w+|\bsimple as that\b|\bend of (?:story|"
    r"discussion)\b"
)

# Their family named in one sentence, "think about them" in the next: menace across sentences.
FAMILY_MENTION_RE = rx(
    r"\b(?:{YOUR}|{YOU} have|{YOUVE} got)\s+(?:\w+\s+)?(?:family|families|wife|husband|children|"
    r"kids|sister|brother|mother|father|sons?|daughters?|grandchildren|parents)\b"
)
THINK_OF_THEM_RE = rx(
    r"^\W*(?:\w+,?\s+)?(?:think|remember)\s+(?:very\s+)?(?:carefully\s+|hard\s+)?(?:about|of)\s+"
    r"(?:them|that|it)\W*$"
)

# A threat by composition: their refusal or stalling (a frame) and a harmful outcome in the same
# sentence, e.g. "Say no, and I walk out of here and the tanks come in" · "keep pushing on 312 and
# ur guys will be pulling back under fire" · "It won't be next week if this goes on".
NONCOMPLY_RE = rx(
    r"\b(?:say no|said no|says no|refuse|refuses|keep (?:pushing|stalling|delaying|blocking|"
    r"lying|refusing|playing|talking like that|this up)|drag (?:this|it|things) out|"
    r"one more (?:\w+\s+)?(?:patrol|shot|truck|incident|delay|day|hour|excuse|time|word)|"
    r"if (?:this|it|that) (?:goes on|continues|drags on|keeps up|carries on)|"
    r"(?:hold|stall|delay|wait|push|stand) (?:\w+\s+)?(?:any )?(?:longer|more|again)|"
    r"another (?:patrol|shot|delay|excuse)|if {YOU} (?:{DONT}|do not|dont|won'?t|wont|refuse)|"
    r"unless {YOU}|or else)\b"
)
OUTCOME_RE = rx(
    r"\b(?:tanks?|artillery|troops|soldiers|army|brigade|air ?strikes?|drones?|helicopters?|"
    r"snipers?|police)\s+(?:\w+\s+)?(?:come|comes|move|moves|roll|rolls|go in|goes in|arrive|"
    r"arrives|open fire|will)\b|"
    r"\b(?:under fire|start (?:shooting|firing)|open fire|shoot|shooting|get hurt|gets hurt|"
    r"get killed|gets killed|run dry|runs dry|go dry|goes dry|go dark|goes dark|"
    r"won'?t be (?:yours|next week|tomorrow|for long|there)|no warning|by force|"
    r"pay for (?:it|this)|regret (?:it|this))\b"
)
# Our force, said as something we could do to them: "my side has the guns to take that hill
# whenever it likes", "we could take 312 by tonight if we wanted".
CAPABILITY_RE = rx(
    r"\b(?:we|i|my side|our side|my (?:men|people|government|army)|the army)\s+(?:has|have|'ve got|"
    r"got|'s got)\s+(?:the\s+)?(?:guns|men|troops|tanks|firepower|means|force|strength|numbers)\s+"
    r"to\s+(?:take|crush|finish|end|clear|flatten|seize|storm|overrun|wipe)\b|"
    r"\b(?:we|i|my side|our side|the army)\s+could\s+(?:\w+\s+)?(?:take|seize|storm|capture|"
    r"overrun|clear|flatten|crush)\b[^.?!]{0,40}?\b(?:if (?:we|i|they) wanted|whenever|any time|"
    r"anytime|by (?:tonight|tomorrow|morning|noon|dawn)|in an hour|in a day)\b|"
    r"\b{YOU}\s+(?:really\s+)?(?:{DONT}|do not|dont)\s+want\s+(?:the|my|our)\s+(?:\w+\s+)?"
    r"(?:general|colonel|commander|minister|army|brigade|president|hq|headquarters)\s+to\s+"
    r"(?:hear|know|find out|see|get involved|come)\b"
)
# Blame for what they let happen or kept quiet about: "you covered for them", "ur commanders
# let this happen", "you knew about the quarry road and said nothing".
BLAME_COVER_RE = rx(
    r"\b(?:{YOU}|{YOUR}\s+\w+|ur \w+)\s+(?:\w+\s+)?(?:covered (?:for|up)|let (?:this|it|that|them) "
    r"happen|looked away|turned a blind eye|kept quiet|hid (?:it|this|that))\b|"
    r"\b{YOU}\s+knew\b[^.?!]{0,40}?\b(?:and|but)\s+(?:said|did|told us)\s+nothing\b"
)
# The trainee's own fear of an outcome is an I-message, not a threat: "… and I'm afraid of that".
OWN_FEAR_RE = rx(
    r"\b(?:i'?m|i am|we'?re|we are)\s+(?:\w+\s+)?(?:afraid|worried|scared|frightened)\b|"
    r"\b(?:i|we) (?:fear|worry)\b|\bthat (?:scares|worries) (?:me|us)\b"
)
