"""Every query file of the catalogue parses and runs on every engine (the embedded FalkorDB and a real Neo4j 5),
and every read query gives the same answers on both over the seeds."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

import loaders
import queries
from graph.store import Store
from tests.conftest import SEEDS, Neo4jServer
from tests.factories import make_graph

WRITE_PREFIXES = ("upsert_", "document_begin", "document_clear", "document_complete", "document_delete",
                  "prune_", "refresh_", "apply_", "set_", "store_lock", "reset", "schema", "restore_")


def _is_write(name: str) -> bool:
    return name.startswith(WRITE_PREFIXES)


# FalkorDB's SKIP and LIMIT take neither null nor an expression, so queries that page with `SKIP $skip LIMIT
# $limit` need integers there; every other parameter is still null, the hardest case for a query to handle.
PAGING = {"skip": 0, "limit": 10, "upto": 10, "per_term": 5, "per_actor": 5, "per_side": 5, "per_cell": 5}


def test_every_query_declares_its_parameters() -> None:
    for name in queries.names():
        for engine in queries.ENGINES:
            query = queries.load(name, engine)
            used = set(queries.PARAMETER.findall("\n".join(line for line in query.text.splitlines()
                                                        if not line.lstrip().startswith("//"))))
            assert used <= set(query.params), \
                f"{name} ({engine}): uses undeclared parameters {used - set(query.params)}"


def test_engines_receive_queries_without_their_comment_headers() -> None:
    """The header of a query file is for readers; FalkorDB's Bolt port crashed on a query text over 4 KB that
    only its header made long (apply_stance_deltas), and every engine parses what it is sent."""
    for name in queries.names():
        for engine in queries.ENGINES:
            query = queries.load(name, engine)
            lines = query.statement.splitlines()
            assert lines and not any(line.lstrip().startswith("//") or not line.strip() for line in lines), name
            assert queries.PARAMETER.findall(query.statement) == queries.PARAMETER.findall(
                "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("//"))), name
    assert len(queries.load("apply_stance_deltas").statement) < 4096


@pytest.mark.parametrize("name", [n for n in queries.names() if not _is_write(n)])
def test_read_query_runs(name: str, store: Store) -> None:
    store.upsert(make_graph("doc-a"))
    params = {p: PAGING.get(p) for p in queries.load(name).params}
    rows = store.run(name, **params)
    assert isinstance(rows, list)


@pytest.mark.parametrize("name", [n for n in queries.names() if _is_write(n) and n not in ("schema", "reset")])
def test_write_query_runs_with_empty_input(name: str, store: Store) -> None:
    params: dict[str, list[Any]] = {p: [] for p in queries.load(name).params}
    before = store.counts()
    store.write(name, **params)
    assert store.counts() == before


def test_unknown_and_malformed_names_are_refused() -> None:
    with pytest.raises(queries.UnknownQueryName):
        queries.load("no_such_query")
    with pytest.raises(queries.UnknownQueryName):
        queries.load("../etc/passwd")


# Parameter values that select something in the seeds; the "open" variant nulls every optional one.
SEED_VALUES: dict[str, Any] = {
    "actor": "RUS", "term": "nato_non_accession", "a": "RUS", "b": "UKR", "id": "004_54d6a3d48c9ecc01",
    "value": "russia", "key": "russia", "relations": ["DEMANDS", "REJECTS"], "date_from": "2022-03",
    "date_to": "2022-12", "per_group": 3, "per_side": 3, "actors": ["RUS", "UKR", "USA"],
    "terms": ["nato_non_accession", "neutral_status"], "statuses": ["declined", "willing"], "doc": None,
    "guarantor": None, "beneficiary": "UKR", "status": None, "skip": 0, "limit": 1000, "upto": 1000, "per_cell": 3,
    "per_term": 3, "per_actor": 3, "keep": 3, "list": "all", "process": "russia_ukraine", "min_confidence": 0.5,
    "subject": "guarantee",
    "docs": ["004_54d6a3d48c9ecc01", "no-such-document"], "hot": ["RUS|nato_non_accession"],
    "pairs": [{"source": "RUS", "term": "nato_non_accession", "beneficiary": None},
              {"source": "USA", "term": None, "beneficiary": "UKR"}],
    "cells": [{"key": "a", "actor": "RUS", "term": "nato_non_accession", "relations": ["DEMANDS", "SUPPORTS"]},
              {"key": "b", "actor": "UKR", "term": "neutral_status", "relations": ["OFFERS", "REJECTS"]}],
}
# Reads of Neo4j's own bookkeeping, which FalkorDB keeps outside the graph (graph/locks.py): nothing to compare.
NEO4J_BOOKKEEPING = {"write_stamp"}
OPTIONAL = {"relations", "date_from", "date_to", "per_group", "actors", "terms", "statuses", "doc",
            "guarantor", "beneficiary", "status", "process", "min_confidence", "hot"}


def _variants(name: str, ids: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    params = queries.load(name).params
    if list(params) == ["ids"]:  # the ids the store holds, and one it does not
        return {"all": {"ids": [*ids["officials" if "official" in name else "documents"], "no-such-id"]}}
    missing = [p for p in params if p not in SEED_VALUES]
    if missing:
        pytest.fail(f"queries/{name}.cypher: no seed value for {missing}; add one to SEED_VALUES")
    chosen = {p: SEED_VALUES[p] for p in params}
    return {"chosen": chosen, "open": {p: (None if p in OPTIONAL else v) for p, v in chosen.items()}}


def _canonical(value: Any) -> Any:
    """Rows as comparable values: floats rounded (the engines sum in different orders), lists inside a row
    sorted (collect() has no order on either engine unless the query sorts), rows sorted (ties in ORDER BY
    may come in either order); the documents version is a token each store draws, so only whether there is
    one compares."""
    if isinstance(value, float):
        return round(value, 9) if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {k: (v is not None) if k == "token" else _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


@pytest.mark.neo4j
def test_every_read_query_answers_the_same_on_both_engines(falkordb_store: Store, neo4j_store: Store,
                                                          neo4j_server_info: Neo4jServer) -> None:
    items = list(loaders.iter_extract([SEEDS]))
    assert items and all(i.error is None for i in items), [i.error for i in items]
    graphs = [i.graph for i in items if i.graph is not None]
    for s in (falkordb_store, neo4j_store):
        assert s.upsert_many(graphs).count("loaded") == len(graphs)
    assert falkordb_store.counts() == neo4j_store.counts()
    ids = {"documents": [g.document.id for g in graphs], "officials": [r["id"] for r in neo4j_store.run("officials")]}
    compared, differences = 0, []
    for name in (n for n in queries.names() if not _is_write(n) and n not in NEO4J_BOOKKEEPING):
        for variant, params in _variants(name, ids).items():
            falkor_rows = falkordb_store.run(name, **params)
            neo4j_rows = neo4j_store.run(name, **params)
            if _canonical(falkor_rows) != _canonical(neo4j_rows):
                differences.append(f"{name} ({variant}):\n  falkordb {falkor_rows[:3]}\n  neo4j    {neo4j_rows[:3]}")
            compared += bool(falkor_rows)
    assert not differences, "\n".join(differences)
    assert compared >= 25  # the values above select something for nearly every query


GUARANTEE_FILTERS = [{"guarantor": g, "beneficiary": b, "status": s}
                     for g in (None, "USA", "DEU") for b in (None, "UKR", "RUS") for s in (None, "willing")]


@pytest.mark.neo4j
@pytest.mark.parametrize("name", ["guarantees", "guarantees_rendered"])
def test_guarantee_pages_are_the_same_on_both_engines_whichever_actors_are_named(
        name: str, falkordb_store: Store, neo4j_store: Store) -> None:
    """Neo4j runs its own variant of these (one branch per actor named, each from an index seek): every
    combination of guarantor, beneficiary and status gives FalkorDB's page, in the same order."""
    graphs = [make_graph(f"g{i}", date=f"2023-0{1 + i % 9}-1{i % 10}", positions=(),
                         guarantees=[("USA", "UKR", "willing", 1), ("DEU", "UKR", "proposed", 2),
                                     ("USA", "RUS", "proposed", 3), ("DEU", "RUS", "willing", 4)][: 1 + i % 4])
              for i in range(12)]
    for s in (falkordb_store, neo4j_store):
        assert s.upsert_many(graphs).count("loaded") == len(graphs)
    found = 0
    for f in GUARANTEE_FILTERS:
        params = {**f, "date_from": None, "date_to": None, "process": None, "skip": 1, "limit": 5}
        falkor_rows = falkordb_store.run(name, **params)
        assert neo4j_store.run(name, **params) == falkor_rows, f
        found += bool(falkor_rows)
    assert found >= 12


@pytest.mark.neo4j
def test_neo4j_finds_a_named_actors_guarantees_from_its_index(neo4j_store: Store,
                                                             neo4j_server_info: Neo4jServer) -> None:
    """The plan of a guarantor's (or a beneficiary's) page seeks the actor by its unique id, and does not pair
    every actor with every other (which cost 10,000 db hits at 10,000 documents for 164 edges)."""
    import neo4j

    text = queries.load("guarantees_rendered", "neo4j").statement
    params = {"guarantor": "USA", "beneficiary": None, "status": None, "date_from": None, "date_to": None,
              "process": None, "skip": 0, "limit": 10}
    auth = (neo4j_server_info.user or "neo4j", neo4j_server_info.password or "") if neo4j_server_info.password else None
    with neo4j.GraphDatabase.driver(neo4j_server_info.url, auth=auth) as driver, \
            driver.session(database=neo4j_server_info.database) as session:
        plan = session.run("EXPLAIN " + text, params).consume().plan
    assert plan is not None
    operators: list[str] = []
    stack: list[dict] = [plan]
    while stack:
        op = stack.pop()
        operators.append(op["operatorType"].split("@")[0])
        stack.extend(op.get("children", []))
    assert "NodeUniqueIndexSeek" in operators, operators
    assert "CartesianProduct" not in operators, operators
