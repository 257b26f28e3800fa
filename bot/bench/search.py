"""Cost of `transcripts search` as the query grows: 40 words (repeated, then distinct)
against one word, over the same in-memory store in the same run.

Repeats used to make the cost grow with the square of the query's length (each extra FTS5
phrase rescans every candidate line); now a repeated word counts once and distinct words
cost about linearly.
"""

from __future__ import annotations

from bot.bench import Row, timed
from bot.bench.store import bench_session
from state.search import search_turns
from state.store import SqliteStore

LINES = 2000
SEARCHES = 5
WORDS = [f"word{i}" for i in range(40)]


def _filled() -> SqliteStore:
    store = SqliteStore()
    session = bench_session("bench")
    store.create_session(session)
    with store.write() as db:  # one transaction: the bench times searching, not writing
        db.conn.executemany(
            "INSERT INTO turns (session_id, idx, text, reply, state, created_at) "
            "VALUES (?, ?, ?, ?, 'guarded', '2026-01-01T00:00:00+00:00')",
            [(session.id, i, f"{' '.join(WORDS)} line{i}", f"reply line{i}") for i in range(LINES)],
        )
    return store


def _query_length() -> list[Row]:
    with _filled() as store:

        def searching(words: str) -> float:
            return timed(lambda: [search_turns(store, words) for _ in range(SEARCHES)], SEARCHES)

        one = searching(WORDS[0])
        repeated = searching(" ".join([WORDS[0]] * 40))
        distinct = searching(" ".join(WORDS))
        both = timed(
            lambda: [search_turns(store, " ".join(WORDS), who="all") for _ in range(SEARCHES)],
            SEARCHES,
        )
    base = Row(f"search: 1 word (baseline, {LINES} lines)", SEARCHES, one)
    forty = base.versus("search: 40 distinct words", distinct)
    return [
        base,
        base.versus("search: 1 word given 40 times", repeated),
        forty,
        forty.versus("search: 40 words, --who all", both),
    ]


CASES = [_query_length]
