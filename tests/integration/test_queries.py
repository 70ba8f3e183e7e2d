"""Every query file of the catalogue parses and runs on the embedded engine (the linter checks Neo4j)."""

from __future__ import annotations

import pytest

import queries
from graph.store import BaseStore
from tests.factories import make_graph

WRITE_PREFIXES = ("upsert_", "document_begin", "document_clear", "document_complete", "document_delete",
                  "prune_", "refresh_", "apply_", "store_lock", "reset", "schema")


def _is_write(name: str) -> bool:
    return name.startswith(WRITE_PREFIXES)


# FalkorDB's SKIP and LIMIT take neither null nor an expression, so queries that page with `SKIP $skip LIMIT
# $limit` need integers there; every other parameter is still null, the hardest case for a query to handle.
PAGING = {"skip": 0, "limit": 10}


def test_every_query_declares_its_parameters() -> None:
    for name in queries.names():
        for engine in queries.ENGINES:
            query = queries.load(name, engine)
            used = set(queries.PARAMETER.findall("\n".join(l for l in query.text.splitlines()
                                                        if not l.lstrip().startswith("//"))))
            assert used <= set(query.params), f"{name} ({engine}): uses undeclared parameters {used - set(query.params)}"


@pytest.mark.parametrize("name", [n for n in queries.names() if not _is_write(n)])
def test_read_query_runs_on_falkordb(name: str, store: BaseStore) -> None:
    store.upsert(make_graph("doc-a"))
    params = {p: PAGING.get(p) for p in queries.load(name).params}
    rows = store.run(name, **params)
    assert isinstance(rows, list)


@pytest.mark.parametrize("name", [n for n in queries.names() if _is_write(n) and n not in ("schema", "reset")])
def test_write_query_runs_on_falkordb_with_empty_input(name: str, store: BaseStore) -> None:
    params = {p: [] for p in queries.load(name).params}
    before = store.counts()
    store.write(name, **params)
    assert store.counts() == before


def test_unknown_and_malformed_names_are_refused() -> None:
    with pytest.raises(queries.UnknownQueryName):
        queries.load("no_such_query")
    with pytest.raises(queries.UnknownQueryName):
        queries.load("../etc/passwd")
