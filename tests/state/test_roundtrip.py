"""Whatever a trainee types is stored and read back exactly, and stays searchable."""

from __future__ import annotations

import dataclasses
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from state.search import search_turns
from state.store import SqliteStore
from tests.state.conftest import make_session, make_turn

_ids = itertools.count()
STORE = SqliteStore()
STORE.create_session(make_session())


@given(
    text=st.text(max_size=300),
    author=st.text(max_size=40),
    message_id=st.one_of(st.none(), st.text(min_size=1, max_size=30)),
    detail=st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=3),
)
@settings(max_examples=200, deadline=None)
def test_any_text_round_trips(
    text: str, author: str, message_id: str | None, detail: dict[str, str]
) -> None:
    index = next(_ids)
    unique = None if message_id is None else f"{index}:{message_id}"
    turn = dataclasses.replace(
        make_turn(index, message_id=unique, author=author), text=text, hint=text[::-1]
    )
    turn.score["reasons"] = detail
    STORE.record_turn(turn, make_session())
    stored = STORE.turns("s1")[index]
    assert stored == turn
    if unique is not None:
        assert STORE.turn_for_message(unique) == turn
    search_turns(STORE, text)  # searching for it never raises
