"""Full-text search over what was said in practice: the trainee's messages, the party's
replies to them, or both, safe for any input a person can type.

User text is never passed to FTS5 as query syntax: each word becomes a quoted FTS5 string
(inner quotes doubled), so quotes, `*`, `NEAR`, `AND`, parentheses and column filters are
just words. All words must appear in the one line (implicit AND), matched by the unicode61
tokenizer with diacritics folded, so "cafe" finds "café". A word given twice counts once:
each extra phrase makes FTS5 and `snippet()` rescan every candidate line, so repeats made
the cost grow with the square of the query's length.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from state.store import SqliteStore

# Private-use characters mark the matched words in snippets, so they never clash with text.
MARK_START, MARK_END = "\ue000", "\ue001"

Who = Literal["trainee", "party", "all"]
WHO: tuple[Who, ...] = ("trainee", "party", "all")
# Who said what: the indexed column of `turns_fts` holding each speaker's lines.
COLUMNS = {"trainee": (0, "text"), "party": (1, "reply")}


@dataclass(frozen=True)
class SearchHit:
    session_id: str
    index: int
    scenario_id: str
    user: str
    created_at: str
    who: str  # "trainee" (the message) or "party" (the reply to it)
    text: str  # the whole line that matched
    snippet: str

    def highlighted(self, start: str = "[", end: str = "]") -> str:
        """The snippet with the matched words between `start` and `end`."""
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)

    def to_dict(self) -> dict[str, object]:
        """The hit as `transcripts search --json` prints it: turns numbered from 1 (`turn`),
        as every screen and command numbers them, not by their 0-based storage index."""
        fields = {k: v for k, v in self.__dict__.items() if k != "index"}
        return {**fields, "turn": self.index + 1, "snippet": self.highlighted()}


def _fold(word: str) -> str:
    """The word as the index sees it (case and diacritics folded), to spot repeats."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fts_query(words: str) -> str:
    """An FTS5 query matching every distinct word of `words` literally ('' when none)."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in words)
    distinct = {_fold(token): token for token in reversed(cleaned.split())}
    ordered = list(distinct.values())[::-1]
    return " ".join('"' + token.replace('"', '""') + '"' for token in ordered)


def search_turns(
    store: SqliteStore,
    words: str,
    *,
    who: Who = "trainee",
    limit: int = 50,
    scenario: str | None = None,
    session_id: str | None = None,
) -> list[SearchHit]:
    """Lines containing all of `words`, best match first (bm25), with a highlighted snippet.

    `who` chooses the trainee's messages, the party's replies, or both (a turn whose
    message and reply both match gives two hits). `user` is the trainee's pseudonym:
    searching is for reviewing practice, not for finding people.
    """
    query = fts_query(words)
    if not query:
        return []
    speakers = list(COLUMNS) if who == "all" else [who]
    filters, filter_args = "", []
    if scenario:
        filters += " AND s.scenario_id = ?"
        filter_args.append(scenario)
    if session_id:
        filters += " AND t.session_id = ?"
        filter_args.append(session_id)
    selects, args = [], []
    for speaker in speakers:
        column, name = COLUMNS[speaker]
        selects.append(
            f"""SELECT t.session_id, t.idx, s.scenario_id, s.user_id, t.created_at,
            '{speaker}', t.{name},
            snippet(turns_fts, {column}, '{MARK_START}', '{MARK_END}', '…', 16),
            turns_fts.rank AS rank
            FROM turns_fts JOIN turns t ON t.id = turns_fts.rowid
            JOIN sessions s ON s.id = t.session_id
            WHERE turns_fts MATCH ?{filters}"""
        )
        args += [f"{{{name}}} : ({query})", *filter_args]
    args.append(str(max(1, limit)))
    sql = " UNION ALL ".join(selects) + " ORDER BY rank, 1, 2, 6 DESC LIMIT ?"
    with store.read() as db:
        rows = db.execute(sql, args).fetchall()
    return [SearchHit(*row[:8]) for row in rows]
