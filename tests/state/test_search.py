"""Full-text search over turns: any text a person types is safe and means what it says."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from state.search import Who, fts_query, search_turns
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn

TEXTS = [
    'He said "open the gate" NEAR the bridge, then * nothing.',
    "Le café du checkpoint est fermé; l'observateur arrive à midi.",
    "We could let four trucks pass AND keep the observers OR not.",
    "Шлагбаум закрыт. 检查站 مغلق 🚚 convoy",
]
HOSTILE = [
    '"',
    '""',
    '"unbalanced',
    "*",
    "gate*",
    "NEAR",
    "NEAR(gate bridge, 2)",
    "AND",
    "OR NOT",
    "text:gate",
    "^gate",
    "-gate",
    "(gate",
    "gate)",
    "{text}: gate",
    "'; DROP TABLE turns; --",
    "\x00",
    "gate\x00bridge",
    "\u200b",
    "🚚",
    "\ud7ff\U0010ffff",
    "\udcff lone surrogate (undecodable argv)",
    "   ",
    "",
]


@pytest.fixture(scope="module")
def searchable() -> Iterator[SqliteStore]:
    store = SqliteStore()
    store.create_session(make_session())
    for index, text in enumerate(TEXTS):
        store.record_turn(make_turn(index, text=text), make_session())
    yield store
    store.close()


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_do_not_raise(searchable: SqliteStore, query: str) -> None:
    assert isinstance(search_turns(searchable, query), list)


@given(st.text(max_size=60))
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_is_a_safe_query(searchable: SqliteStore, query: str) -> None:
    for hit in search_turns(searchable, query):
        assert hit.text in TEXTS


@given(st.lists(st.sampled_from(["gate", "bridge", "observers", "trucks", "convoy"]), max_size=3))
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_results_contain_every_word(searchable: SqliteStore, words: list[str]) -> None:
    hits = search_turns(searchable, " ".join(words))
    expected = [t for t in TEXTS if words and all(w in t.lower() for w in words)]
    assert sorted(h.text for h in hits) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("NEAR", 0),  # an operator is just a word
        ('"open the gate"', 0),
        ("cafe ferme", 1),  # diacritics folded
        ("observateur", 1),
        ("AND", 2),
        ("шлагбаум", 3),
        ("🚚", None),  # emoji are not tokens: no match, no error
    ],
)
def test_words_are_matched_literally(
    searchable: SqliteStore, query: str, index: int | None
) -> None:
    hits = search_turns(searchable, query)
    assert [h.index for h in hits] == ([] if index is None else [index])


def test_snippets_mark_the_matched_words(searchable: SqliteStore) -> None:
    (hit,) = search_turns(searchable, "observateur")
    assert "[observateur]" in hit.highlighted()


def test_quoting_doubles_inner_quotes_and_drops_control_characters() -> None:
    assert fts_query('say "hi"') == '"say" """hi"""'
    assert fts_query("a\x00b\tc") == '"a" "b" "c"'
    assert fts_query(" \n ") == ""


def test_repeated_words_count_once() -> None:
    assert fts_query("Bridge bridge BRIDGE café cafe gate") == '"Bridge" "café" "gate"'


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("trainee", [("trainee", 0)]),
        ("party", [("party", 1)]),
        ("all", [("trainee", 0), ("party", 1)]),
    ],
)
def test_who_chooses_whose_lines_are_searched(who: Who, expected: list[tuple[str, int]]) -> None:
    with SqliteStore() as store:
        store.create_session(make_session())
        first, second = make_turn(0, text="Let the convoy through."), make_turn(1, text="Why?")
        second.reply = "The convoy waits until the observers arrive."
        for turn in (first, second):
            store.record_turn(turn, make_session())
        hits = search_turns(store, "convoy", who=who)
    assert sorted((h.who, h.index) for h in hits) == sorted(expected)
    party = [h for h in hits if h.who == "party"]
    assert all(h.text == second.reply and "[convoy]" in h.highlighted() for h in party)


def test_words_must_all_be_in_one_line() -> None:
    """A trainee word and a party word in the same turn do not make a hit together."""
    with SqliteStore() as store:
        store.create_session(make_session())
        turn = make_turn(0, text="Let the convoy through.")
        turn.reply = "Not before the observers arrive."
        store.record_turn(turn, make_session())
        assert search_turns(store, "convoy observers", who="all") == []
        assert len(search_turns(store, "convoy", who="all")) == 1


def test_deleted_turns_leave_the_index(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with SqliteStore(tmp_path / "p.db") as store:
        store.create_session(make_session())
        store.record_turn(make_turn(0, text="unforgettable words"), make_session())
        assert search_turns(store, "unforgettable")
        with store.write() as db:
            db.execute("DELETE FROM sessions")
        assert search_turns(store, "unforgettable") == []
