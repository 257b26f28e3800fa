"""Full-text search over what trainees wrote, safe for any input a person can type.

User text is never passed to FTS5 as query syntax: each word becomes a quoted FTS5 string
(inner quotes doubled), so quotes, `*`, `NEAR`, `AND`, parentheses and column filters are
just words. All words must appear (implicit AND), matched by the unicode61 tokenizer with
diacritics folded, so "cafe" finds "café".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from state.store import SqliteStore

# Private-use characters mark the matched words in snippets, so they never clash with text.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class SearchHit:
    session_id: str
    index: int
    scenario_id: str
    user: str
    created_at: str
    text: str
    snippet: str

    def highlighted(self, start: str = "[", end: str = "]") -> str:
        """The snippet with the matched words between `start` and `end`."""
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)

    def to_dict(self) -> dict[str, object]:
        return {**self.__dict__, "snippet": self.highlighted()}


def fts_query(words: str) -> str:
    """An FTS5 query matching every word of `words` literally ('' when there are none)."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in words)
    return " ".join('"' + token.replace('"', '""') + '"' for token in cleaned.split())


def search_turns(
    store: SqliteStore,
    words: str,
    *,
    limit: int = 50,
    scenario: str | None = None,
    session_id: str | None = None,
) -> list[SearchHit]:
    """Turns containing all of `words`, best match first (bm25), with a highlighted snippet.

    `user` is the pseudonym: searching is for reviewing practice, not for finding people.
    """
    query = fts_query(words)
    if not query:
        return []
    filters, args = "", [query]
    if scenario:
        filters += " AND s.scenario_id = ?"
        args.append(scenario)
    if session_id:
        filters += " AND t.session_id = ?"
        args.append(session_id)
    args.append(str(max(1, limit)))
    with store.read() as db:
        rows = db.execute(
            f"""SELECT t.session_id, t.idx, s.scenario_id, s.user_id, t.created_at, t.text,
            snippet(turns_fts, 0, '{MARK_START}', '{MARK_END}', '…', 16)
            FROM turns_fts JOIN turns t ON t.id = turns_fts.rowid
            JOIN sessions s ON s.id = t.session_id
            WHERE turns_fts MATCH ?{filters}
            ORDER BY turns_fts.rank, t.session_id, t.idx LIMIT ?""",
            args,
        ).fetchall()
    return [SearchHit(*row) for row in rows]
