"""Detectors: which rubric codes each sentence shows, with the span and reason for each.

Each sentence is judged on its own (a message mixing a threat and a paraphrase gets both),
then `detect` applies the message-level rules: summaries spanning sentences, premature
proposals, proposal qualifiers and consistency with earlier commitments.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from dialogues.scoring import lexicon as lx
from dialogues.scoring.model import ScoringContext
from dialogues.scoring.rubric import PREMATURE_HEARD, Code
from dialogues.scoring.sentences import Sentence, content_words, split_sentences, words

# Their words from our side: "my daughter" comes back as "your daughter".
PRONOUN_FLIP = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "am": "are",
    "im": "youre",
    "myself": "yourself",
}
# Content keys of emotion words: they make a label, not a paraphrase.
# (Single emotion words only: "lied to" names a fact, the lie, not a feeling.)
EMOTION_KEYS = frozenset(content_words(" ".join(w for w in lx.EMOTIONS if " " not in w))) - {
    "lie",
    "kill",
}


@dataclass(frozen=True, slots=True)
class Found:
    """One detected code: where (offsets into the message) and why."""

    code: Code
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Conversation:
    """The context, pre-digested once per message: content words of what was said before.

    `party_recent_content` covers the party's last three messages (what a paraphrase may
    reflect); `party_messages` all of them (what a summary pulls together); `commitments`
    the content words of each promise the trainee made earlier (what consistency keeps).
    """

    party_last: str
    party_last_words: list[str]
    party_last_content: frozenset[str]
    party_recent_content: frozenset[str]
    party_messages: list[frozenset[str]]
    commitments: list[frozenset[str]]
    heard: int

    @classmethod
    def of(cls, context: ScoringContext) -> Conversation:
        history = list(context.party_history)
        if context.party_last and (not history or history[-1] != context.party_last):
            history.append(context.party_last)
        commitments = [c for earlier in context.trainee_history for c in _commitments_in(earlier)]
        return cls(
            party_last=context.party_last,
            party_last_words=words(context.party_last),
            party_last_content=content_words(context.party_last),
            party_recent_content=frozenset().union(*(content_words(m) for m in history[-3:])),
            party_messages=[content_words(m) for m in history if m.strip()],
            commitments=commitments,
            heard=context.heard,
        )


@lru_cache(maxsize=4096)
def _commitments_in(message: str) -> tuple[frozenset[str], ...]:
    """Content words of each commitment an earlier message made (cached: asked every turn)."""
    return tuple(
        content_words(sentence.text)
        for sentence in split_sentences(message)
        if _is_commitment(sentence.text)
    )


def _is_commitment(text: str) -> bool:
    low = text.lower()
    return bool(
        lx.COMMITMENT_RE.search(low)
        and not lx.COMMITMENT_BLOCK_RE.search(low)
        and not lx.THREAT_RE.search(low)
    )


def _span(s: Sentence, match: re.Match[str] | None = None) -> tuple[int, int]:
    if match is None:
        return s.start, s.end
    return s.start + match.start(), s.start + match.end()


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        found = pattern.search(text)
        if found:
            return found
    return None


def longest_shared_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive words `a` shares with `b` (copying)."""
    if not a or not b:
        return 0
    positions: dict[str, list[int]] = {}
    for j, word in enumerate(b):
        positions.setdefault(word, []).append(j)
    best = 0
    prev: dict[int, int] = {}
    for word in a:
        cur: dict[int, int] = {}
        for j in positions.get(word, ()):
            cur[j] = prev.get(j - 1, 0) + 1
            if cur[j] > best:
                best = cur[j]
        prev = cur
    return best


def is_copy(text_words: list[str], source_words: list[str]) -> bool:
    """Whether a sentence is mostly a verbatim copy of the source (not in one's own words)."""
    if len(text_words) < 5 or not source_words:
        return False
    run = longest_shared_run(text_words, source_words)
    source = set(source_words)
    covered = sum(w in source for w in text_words) / len(text_words)
    return run >= 7 or (run >= 5 and covered >= 0.8)


# -- one sentence ----------------------------------------------------------------------------


def _negatives(s: Sentence, out: list[Found]) -> None:
    t = s.low
    if m := lx.THREAT_RE.search(t) or lx.THREAT_EXTRA_RE.search(t) or lx.THREAT_MORE_RE.search(t):
        out.append(Found(Code.THREAT, *_span(s, m), "threatens harm or force"))
    elif (
        (m := lx.NONCOMPLY_RE.search(t))
        and lx.OUTCOME_RE.search(t)
        and not lx.OWN_FEAR_RE.search(t)
    ):
        out.append(Found(Code.THREAT, *_span(s, m), "harm hung on their refusal"))
    elif m := lx.CAPABILITY_RE.search(t):
        out.append(Found(Code.THREAT, *_span(s, m), "shows the force we could use on them"))
    if (m := lx.ULTIMATUM_RE.search(t)) and not _negated(t, m):
        out.append(Found(Code.ULTIMATUM, *_span(s, m), "sets a deadline or a final demand"))
    elif out and (m := lx.IMPERATIVE_OR_RE.search(t)):
        out.append(Found(Code.ULTIMATUM, *_span(s, m), "a demand with harm as the alternative"))
    if (
        m := lx.BLAME_RE.search(t) or lx.BLAME_MORE_RE.search(t) or lx.BLAME_COVER_RE.search(t)
    ) and not _negated(t, m):
        out.append(Found(Code.BLAME, *_span(s, m), "puts the fault on them"))
    elif m := lx.ACCUSING_WHY_RE.search(t):
        out.append(Found(Code.BLAME, *_span(s, m), "an accusing question, not a real one"))
    if m := lx.DEMAND_WHY_RE.search(t):
        out.append(Found(Code.DISMISSAL, *_span(s, m), "a demand dressed as a question"))
    elif m := lx.DISMISSAL_RE.search(t):
        out.append(Found(Code.DISMISSAL, *_span(s, m), "brushes their concern aside"))
    elif m := lx.EMOJI_DISMISSAL_RE.search(t):
        out.append(Found(Code.DISMISSAL, *_span(s, m), "a mocking emoji"))


def _negated(text: str, match: re.Match[str]) -> bool:
    """Whether a negation stands right before the match ("not your fault")."""
    return bool(lx.NEGATED_BEFORE_RE.search(text[max(0, match.start() - 24) : match.start()]))


def _proposal(s: Sentence) -> re.Match[str] | None:
    t = s.low
    exchange = lx.EXCHANGE_RE.search(t)
    m = lx.PROPOSAL_RE.search(t) or exchange
    if not m or lx.PROCESS_PROPOSAL_RE.search(t):
        return None
    if lx.EMPTY_PROPOSAL_RE.search(t) and not exchange:
        return None
    if s.is_question and lx.WH_QUESTION_RE.search(t):
        return None  # "What kind of proof would the families accept?" asks, it offers nothing
    # Something concrete must follow (or surround) the proposal trigger.
    if not (lx.CONCRETE_RE.search(t) or lx.CONCRETE_MORE_RE.search(t)):
        return None
    return m


def _mirror(s: Sentence, conv: Conversation) -> bool:
    """A few of their own words, in their order, handed back to invite more."""
    toks = words(s.low)
    if not toks or len(toks) > lx.MIRROR_MAX_TOKENS or not conv.party_last_words:
        return False
    if all(w in lx.MIRROR_TRIVIAL for w in toks):
        return False
    if len(toks) > 1 and toks[0] not in conv.party_last_words and lx.WH_QUESTION_RE.search(s.low):
        return False  # "Which six names?" asks for more: an open question
    theirs = {PRONOUN_FLIP.get(w, w) for w in conv.party_last_words} | set(conv.party_last_words)
    trailing = s.low.rstrip().endswith(("?", "...", "…"))
    # "A voice on a phone." / "Four kilometres every day.": a fragment wholly in their words
    fragment = all(w in theirs for w in toks) and not lx.VERBISH_RE.search(s.low)
    if not (trailing or len(toks) <= 3 or fragment):
        return False
    meaningful = [w for w in toks if len(w) > 2 and w not in lx.STOPWORDS]
    if any(w not in theirs for w in meaningful):
        return False  # every word that carries meaning must be theirs
    if sum(w in theirs for w in toks) < len(toks) * (0.6 if meaningful else 0.7):
        return False
    if meaningful and len(toks) <= 4:
        return True  # "Under the tarpaulins?" for "under those tarpaulins"
    flipped = [PRONOUN_FLIP.get(w, w) for w in conv.party_last_words]
    run = max(longest_shared_run(toks, conv.party_last_words), longest_shared_run(toks, flipped))
    return run >= min(2, len(toks))


def _paraphrase(s: Sentence, conv: Conversation, labelled: bool = False) -> Found | None:
    """A restatement of what they said: about them, sharing their meaning-bearing words."""
    t = s.low
    if not conv.party_recent_content or lx.FILLER_RE.search(t):
        return None
    if s.is_question and (lx.OPEN_QUESTION_RE.search(t) or lx.CLOSED_QUESTION_RE.search(t)):
        return None  # a question asks; a paraphrase restates
    # Naming their feeling is a label; a paraphrase must also carry what they said.
    shared = (content_words(t) & conv.party_recent_content) - EMOTION_KEYS
    if not shared or lx.HOLLOW_STARTER_RE.search(t):
        return None
    if lx.WORRY_IS_RE.search(t):
        labelled = False  # "the real worry is <what they said>": the clause is the content
    if labelled and len(shared) < (2 if lx.REASON_CLAUSE_RE.search(t) else 3):
        # A feeling named around a word of theirs is a label only; with the reason for the
        # feeling in their words ("scared because you can see the snipers") it is both.
        return None
    explicit = lx.REFLECTIVE_STARTER_RE.search(t)
    second_person = bool(lx.SECOND_PERSON_RE.search(t))
    about_them = (
        explicit or lx.PARAPHRASE_OPENING_RE.search(t) or (second_person and len(shared) >= 3)
    )
    small_source = len(conv.party_recent_content) <= 4
    enough = len(shared) >= 2 or (len(shared) == 1 and (explicit or small_source))
    if not (about_them and enough):
        return None
    if is_copy(words(t), conv.party_last_words):
        return None
    words_list = ", ".join(sorted(shared)[:4])
    return Found(Code.PARAPHRASE, s.start, s.end, f"restates what they said ({words_list})")


# Trust moves of ours: a sentence making one is about us, so it is not a paraphrase.
OUR_MOVES = frozenset(
    {Code.COMMITMENT, Code.APOLOGY, Code.TRANSPARENCY, Code.ACKNOWLEDGEMENT, Code.CONSISTENCY}
)


def detect_sentence(s: Sentence, conv: Conversation) -> list[Found]:
    """Codes shown by one sentence (message-level rules come later).

    Order matters: negative moves first (sarcasm voids everything else), then proposals,
    then the question forms, then labels and trust moves, and the paraphrase last, since
    it is only credited to a sentence that does nothing else of ours.
    """
    t = s.low
    out: list[Found] = []
    _negatives(s, out)
    negative = bool(out)
    if lx.SARCASM_RE.search(t):
        if not any(f.code is Code.DISMISSAL for f in out):
            out.append(Found(Code.DISMISSAL, s.start, s.end, "sarcasm mocks their position"))
        return out  # nothing sarcastic earns listening or trust credit

    threat = any(f.code in (Code.THREAT, Code.ULTIMATUM) for f in out)
    proposal = None if threat else _proposal(s)
    if proposal:
        out.append(Found(Code.INTERIM_PROPOSAL, s.start, s.end, "proposes a concrete next step"))

    declarative_question = _question_forms(s, conv, bool(proposal), out)
    mirrored = any(f.code is Code.MIRROR for f in out)
    closed = any(f.code is Code.CLOSED_QUESTION for f in out)
    if not closed:
        _emotion_label(s, out)
    _trust_moves(s, conv, threat=threat, negative=negative, proposal=bool(proposal), out=out)

    if not (mirrored or negative or closed or proposal or any(f.code in OUR_MOVES for f in out)):
        labelled = any(f.code is Code.EMOTION_LABEL for f in out)
        if found := _paraphrase(s, conv, labelled):
            out.append(found)
    if (
        declarative_question
        and not negative
        and not any(f.code in (Code.PARAPHRASE, Code.EMOTION_LABEL) for f in out)
    ):
        out.append(Found(Code.CLOSED_QUESTION, s.start, s.end, "a yes/no question"))
    return out


def _question_forms(s: Sentence, conv: Conversation, proposal: bool, out: list[Found]) -> bool:
    """Mirror, encourager, open or closed question; True for a declarative yes/no question.

    A declarative question ("They were concerned for you?") is only a closed question when
    it turns out not to be a paraphrase or a label, which the caller decides later.
    """
    t = s.low
    demand = bool(
        lx.DEMAND_WHY_RE.search(t) or lx.ACCUSING_WHY_RE.search(t) or lx.SO_WHAT_RE.search(t)
    )
    encourager = lx.MINIMAL_ENCOURAGER_RE.search(t)
    if not encourager and not lx.OPEN_IMPERATIVE_RE.search(t) and _mirror(s, conv):
        out.append(Found(Code.MIRROR, s.start, s.end, "repeats their key words back"))
    elif encourager:
        out.append(Found(Code.MINIMAL_ENCOURAGER, s.start, s.end, "keeps them talking"))
    elif (s.is_question or lx.UNCLOSED_QUESTION_RE.search(t)) and not demand and not proposal:
        if lx.OPEN_QUESTION_RE.search(t) or lx.OPEN_IMPERATIVE_RE.search(t):
            out.append(Found(Code.OPEN_QUESTION, s.start, s.end, "invites them to say more"))
        elif lx.CHECK_QUESTION_RE.search(t) or lx.EMPTY_PROPOSAL_RE.search(t):
            pass  # "is that right?" checks a reflection; it is part of it
        elif lx.CLOSED_QUESTION_RE.search(t):
            out.append(Found(Code.CLOSED_QUESTION, s.start, s.end, "a yes/no question"))
        else:
            return True
    elif not s.is_question and (m := lx.OPEN_IMPERATIVE_RE.search(t)) and not demand:
        out.append(Found(Code.OPEN_QUESTION, *_span(s, m), "invites them to say more"))
    return False


def _emotion_label(s: Sentence, out: list[Found]) -> None:
    t = s.low
    if lx.EMOTION_LABEL_BLOCK_RE.search(t):
        return
    # Most patterns need an emotion word; skip them all when there is none.
    m = _first(lx.EMOTION_LABEL_RES if lx.EMO_RE.search(t) else lx.EMOTION_VERB_RES, t)
    if m and lx.LOOK_WEAK_RE.search(t) and lx.EMO_RE.search(m.group(0)):
        # "you cannot look weak": their image, unless a real feeling is named as well
        feelings = {e.group(0) for e in lx.EMO_RE.finditer(t)} - {"weak", "foolish"}
        if not feelings and not lx.EMOTION_VERB_RES[1].search(t) and " feel" not in t:
            m = None
    if m and not lx.DISMISSAL_RE.search(m.group(0)):
        emotion = lx.EMO_RE.search(m.group(0))
        word = emotion.group(0) if emotion else "a feeling"
        out.append(Found(Code.EMOTION_LABEL, *_span(s, m), f"names their feeling ({word})"))


def _trust_moves(
    s: Sentence,
    conv: Conversation,
    *,
    threat: bool,
    negative: bool,
    proposal: bool,
    out: list[Found],
) -> None:
    """I-messages, acknowledgement, apology, transparency, commitment and consistency."""
    t = s.low
    if (m := lx.I_MESSAGE_RE.search(t)) and not lx.I_MESSAGE_BLOCK_RE.search(t):
        out.append(Found(Code.I_MESSAGE, *_span(s, m), "says how they themselves feel or need"))
    if not negative and (m := _first(lx.ACKNOWLEDGEMENT_RES, t)):
        out.append(Found(Code.ACKNOWLEDGEMENT, *_span(s, m), "recognises their point or effort"))
    if (
        (m := lx.APOLOGY_RE.search(t))
        and not _negated(t, m)
        and not lx.FAKE_APOLOGY_RE.search(t)
        and not (lx.SYMPATHY_RE.search(t) and not lx.RESPONSIBILITY_RE.search(t[m.end() :]))
    ):
        out.append(Found(Code.APOLOGY, *_span(s, m), "takes responsibility and apologises"))
    if not threat and (m := lx.TRANSPARENCY_RE.search(t)):
        out.append(Found(Code.TRANSPARENCY, *_span(s, m), "is open about limits or facts"))
    if (
        not threat
        and (m := lx.COMMITMENT_RE.search(t))
        and not lx.COMMITMENT_BLOCK_RE.search(t)
        # "I'll send fuel if you open the gate" is an offer, unless it is sworn to
        and (not proposal or re.search(r"\b(?:promise|my word|guarantee)\b", t))
    ):
        out.append(Found(Code.COMMITMENT, *_span(s, m), "promises a concrete action"))
    if conv.commitments:
        if m := lx.CONSISTENCY_MARKERS_RE.search(t):
            out.append(Found(Code.CONSISTENCY, *_span(s, m), "keeps an earlier commitment"))
        elif (m := lx.REPORT_BACK_RE.search(t)) and any(
            content_words(t) & earlier for earlier in conv.commitments
        ):
            out.append(Found(Code.CONSISTENCY, *_span(s, m), "reports back on what they promised"))


# -- the message -----------------------------------------------------------------------------


def _summary(sentences: list[Sentence], conv: Conversation) -> Found | None:
    if not conv.party_messages:
        return None
    for i, s in enumerate(sentences):
        if not lx.SUMMARY_MARKERS_RE.search(s.low):
            continue
        window = sentences[i : i + 4]
        content = set().union(*(content_words(w.low) for w in window))
        covered = [len(content & said) for said in conv.party_messages]
        touched = sum(1 for n in covered if n >= 1)
        total = len(content & set().union(*conv.party_messages))
        if (touched >= 2 and total >= 3) or total >= 4:
            return Found(
                Code.SUMMARY,
                window[0].start,
                window[-1].end,
                f"pulls together {total} points they made",
            )
        if found := _listed_concerns(s, window, conv):
            return found
    return None


def _listed_concerns(marker: Sentence, window: list[Sentence], conv: Conversation) -> Found | None:
    """A summary in other words: after the marker, a list of their concerns.

    "Let me summarise: you need certainty about the cargo, respect in front of your men, and no
    blame for your brigade." Each listed item must be about them (you/your) or share a word
    with what they said; at least three items (or two that each share a word), and at least
    one word of theirs in all, so a list of our own points or of empty phrases is no summary.
    """
    marker_end = lx.SUMMARY_MARKERS_RE.search(marker.low)
    assert marker_end is not None
    text = marker.low[marker_end.end() :] + " " + " ".join(w.low for w in window[1:])
    items = [i for i in lx.LIST_SPLIT_RE.split(text) if len(words(i)) >= 2]
    said = set().union(*conv.party_messages)
    about, sharing, shared = 0, 0, set()
    for item in items:
        overlap = content_words(item) & said
        shared |= overlap
        sharing += bool(overlap)
        about += bool(overlap or lx.SECOND_PERSON_RE.search(item))
    if shared and ((about >= 3) or sharing >= 2):
        return Found(
            Code.SUMMARY,
            window[0].start,
            window[-1].end,
            f"pulls together {about} of their concerns",
        )
    return None


def _two_sided(s: Sentence) -> bool:
    """Whether a proposal sentence has both us and them doing something."""
    ours, theirs = lx.OUR_ACTION_RE.search(s.low), lx.THEIR_ACTION_RE.search(s.low)
    return bool(ours and theirs)


def detect(text: str, context: ScoringContext) -> tuple[list[Found], list[Sentence]]:
    """Every code the message shows, after the message-level rules; also its sentences."""
    conv = Conversation.of(context)
    sentences = split_sentences(text)
    found: list[Found] = []
    for s in sentences:
        found.extend(detect_sentence(s, conv))

    summary = _summary(sentences, conv)
    if summary:
        found = [
            f
            for f in found
            if not (f.code is Code.PARAPHRASE and f.start >= summary.start and f.end <= summary.end)
        ]
        found.append(summary)

    for prev, s in itertools.pairwise(sentences):
        # "You have kids, commander. Think about them.": menace across two sentences.
        if lx.THINK_OF_THEM_RE.search(s.low) and lx.FAMILY_MENTION_RE.search(prev.low):
            found.append(Found(Code.THREAT, prev.start, s.end, "points at their family"))
    if any(f.code in (Code.THREAT, Code.BLAME, Code.DISMISSAL) for f in found):
        # "One truck? That's ridiculous." hands their words back as a jab, not an invitation.
        found = [f for f in found if f.code is not Code.MIRROR]

    proposals = [f for f in found if f.code is Code.INTERIM_PROPOSAL]
    if proposals:
        # "…, and we bring the insulin. Would that work?" checks the proposal; it narrows nothing.
        checks = {(s.start, s.end) for s in sentences if lx.PROPOSAL_CHECK_RE.search(s.low)}
        found = [
            f for f in found if not (f.code is Code.CLOSED_QUESTION and (f.start, f.end) in checks)
        ]
    if proposals and conv.heard < PREMATURE_HEARD:
        found = [f for f in found if f.code is not Code.INTERIM_PROPOSAL]
        found.extend(
            Found(
                Code.PREMATURE_PROPOSAL,
                f.start,
                f.end,
                f"proposes before they feel heard (heard {conv.heard} < {PREMATURE_HEARD})",
            )
            for f in proposals
        )
    elif proposals:
        hostile = {
            (f.start, f.end)
            for f in found
            if f.code in (Code.THREAT, Code.ULTIMATUM, Code.BLAME, Code.DISMISSAL)
        }
        for s in sentences:
            if any(a >= s.start and b <= s.end for a, b in hostile):
                continue
            for code, patterns, reason in (
                (Code.TIME_BOUND, (lx.TIME_BOUND_RE,), "limited in time"),
                (
                    Code.RECIPROCAL,
                    (lx.RECIPROCAL_RE, lx.RECIPROCAL_MORE_RE, lx.EXCHANGE_RE),
                    "both sides give something",
                ),
                (
                    Code.VERIFIABLE,
                    (lx.VERIFIABLE_RE, lx.VERIFIABLE_EXTRA_RE, lx.VERIFIABLE_MORE_RE),
                    "can be checked",
                ),
            ):
                if m := _first(patterns, s.low):
                    found.append(Found(code, *_span(s, m), f"the proposal is {reason}"))
                elif code is Code.RECIPROCAL and _two_sided(s):
                    found.append(Found(code, s.start, s.end, "both sides do something"))
    return found, sentences
