"""Values kept per write stamp (app/services/per_stamp.py): a read-only request reads the store's stamp once
and takes what it kept under it (the reviewed state, the actors and terms resolved from what was typed); a
write makes them again; outside a read-only request nothing is kept."""

from __future__ import annotations

from typing import Any

import pytest

from app.services import per_stamp
from graph.store import Store
from tests.factories import api_corpus, make_graph

KEPT = {"resolve_actor", "resolve_term", "reviews", "guarantee_reviews"}


@pytest.mark.parametrize(("url", "own"), [
    ("/actors/Kyiv/positions", "actor_stance_recent"),
    ("/terms/neutral status/positions", "term_stance_recent"),
    ("/guarantees?beneficiary=Kyiv", "guarantees_rendered"),
])
def test_a_read_asked_again_reads_the_stamp_once_and_then_only_its_own_query(
        api_store: Store, data_dir, monkeypatch: pytest.MonkeyPatch, url: str, own: str) -> None:
    from tests.integration.conftest import make_client

    api_store.upsert_many(api_corpus())
    ran: list[str] = []
    run, write_stamp = api_store.run, api_store.write_stamp

    def recording_run(query: str, /, **params: Any) -> Any:
        ran.append(query)
        return run(query, **params)

    def recording_stamp() -> object:  # on Neo4j through store.run("write_stamp"), on FalkorDB a key of its own
        ran.append("stamp")
        return write_stamp()

    with make_client(api_store, data_dir, cache_seconds=0) as api:
        first = api.get(url)
        assert first.status_code == 200 and len(first.json()) > 0
        monkeypatch.setattr(api_store, "run", recording_run)
        monkeypatch.setattr(api_store, "write_stamp", recording_stamp)
        again = api.get(url)
    assert again.text == first.text
    assert ran.count("stamp") == 1 and own in ran, ran
    assert not KEPT & set(ran), ran


def test_kept_values_last_until_the_next_write_and_only_in_read_only_requests(api_store: Store) -> None:
    made: list[int] = []

    def make() -> int:
        made.append(len(made) + 1)
        return made[-1]

    api_store.upsert(make_graph("first"))
    assert [per_stamp.kept(api_store, "k", make) for _ in range(2)] == [1, 2]  # no request scope: made each time
    with per_stamp.request_scope():
        assert per_stamp.kept(api_store, "k", make) == 3
    with per_stamp.request_scope():  # another request, no write between: kept
        assert per_stamp.kept(api_store, "k", make) == 3
        api_store.upsert(make_graph("second"))
        assert per_stamp.kept(api_store, "k", make) == 3  # a request's stamp is the one it read first
    with per_stamp.request_scope():
        assert per_stamp.kept(api_store, "k", make) == 4


def test_a_value_that_could_not_be_made_is_not_kept(api_store: Store) -> None:
    api_store.upsert(make_graph("first"))
    with per_stamp.request_scope():
        with pytest.raises(LookupError):
            per_stamp.kept(api_store, "missing", lambda: (_ for _ in ()).throw(LookupError("not there")))
        assert per_stamp.kept(api_store, "missing", lambda: "found") == "found"
